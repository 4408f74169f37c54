"""`admin leder <@X> <@Y>` / `admin manager <@X> <@Y>`: plain values out, never raises.

Only the `leder` form of `admin` is parsed here; other admin words are left to their own grammars (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ADMIN = {"admin"}
_MANAGER = {"leder", "leiar", "manager"}
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


@dataclass(frozen=True)
class SetManager:
    """X (`manager_id`) becomes the manager of Y (`employee_id`); None when not given as two mentions."""

    manager_id: str | None
    employee_id: str | None


def parse_consent_command(verb: str, rest: list[str]) -> SetManager | None:
    if verb.lower() not in _ADMIN or not rest or rest[0].lower() not in _MANAGER:
        return None
    words = rest[1:]
    mentions = [_MENTION.fullmatch(word) for word in words]
    if len(words) != 2 or not all(mentions):
        return SetManager(None, None)
    manager, employee = (m.group(1) for m in mentions if m is not None)
    return SetManager(manager, employee)
