"""Values for what the pulse says: the DM that opens a round (and its one reminder), and the pulse part of the
App Home. Plain values only; rendered to Block Kit in `handlers.pulse_render` and `handlers.blocks.pulse`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.messages import Message
from bot.rules.anonymity import DEFAULT_K
from bot.rules.digest import GroupResult


@dataclass(frozen=True, kw_only=True)
class PulseInvite(Message):
    """The DM with the "Svar" button when a round opens for someone, or (`reminder`) the one reminder."""

    round_id: str
    closes_at: datetime
    zone: str
    k: int
    reminder: bool = False


@dataclass(frozen=True)
class PublishedResult:
    """A group's result of one closed round, as it may be shown (see `bot.rules.digest.GroupResult`)."""

    round_day: date
    k: int
    result: GroupResult
    invited: int = 0


@dataclass(frozen=True)
class PulseHome:
    """The pulse part of someone's App Home: the open round they may answer, and their team's last result."""

    zone: str
    round_id: str | None = None  # an open round this person has been asked and has not answered
    closes_at: datetime | None = None
    answered: bool = False
    last: PublishedResult | None = None
    k: int = DEFAULT_K
