"""Whether someone's Slack status says they are away (holiday, leave, out of office), and until when.

Rule (DESIGN.md, "Fewer, better messages": pause and Slack away status are honoured): nudges, pulses and reminders
wait while a person's custom status marks them as away. Away means a holiday or out-of-office emoji
(`:palm_tree:`, which Slack's own "Vacationing" status uses, `:desert_island:`, `:beach_with_umbrella:`,
`:airplane:`) or words like "ferie", "permisjon", "fri", "out of office", "on leave" in the status text. Slack's
"Out sick" status is deliberately not read: a bot has no business knowing who is ill (health data, GDPR art. 9).
A status with an expiry is away until then; one without is away until the status changes (profiles are re-read
daily). Only the result is kept, never the status text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

AWAY_EMOJI = frozenset({":palm_tree:", ":desert_island:", ":beach_with_umbrella:", ":airplane:"})
_AWAY_WORDS = re.compile(
    r"(?<![\w-])(ferie|sommerferie|juleferie|påskeferie|permisjon|avspasering|fri|borte|utilgjengelig|"
    r"out of office|ooo|on leave|vacation|holiday|away)(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Away:
    """Away from now on; `until` None means until the status changes."""

    until: datetime | None


def away_from_status(*, text: str, emoji: str, expiration: int, now: datetime) -> Away | None:
    """The away state a Slack custom status describes at `now`, or None when it does not say away."""
    if expiration:
        ends = datetime.fromtimestamp(expiration, UTC)
        if ends <= now:
            return None
    else:
        ends = None
    if emoji.strip() in AWAY_EMOJI or _AWAY_WORDS.search(text or ""):
        return Away(until=ends)
    return None
