"""The pulse's command forms: `puls`/`pulse`, `team` (`legg-til`/`add`, `fjern`/`remove`), `innstillinger`/`settings`.

Plain values out, never raises. Mentions arrive escaped (`<@U123|name>`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ShowPulse:
    pass


@dataclass(frozen=True)
class ShowTeam:
    pass


@dataclass(frozen=True)
class AddToTeam:
    user_ids: tuple[str, ...]


@dataclass(frozen=True)
class RemoveFromTeam:
    user_ids: tuple[str, ...]


@dataclass(frozen=True)
class OpenPulseSettings:
    pass


PulseCommand = ShowPulse | ShowTeam | AddToTeam | RemoveFromTeam | OpenPulseSettings

_PULSE = {"puls", "pulse", "ukepuls", "vekepuls"}
_TEAM = {"team", "teamet"}
_ADD = {"legg-til", "leggtil", "legg_til", "add", "inn"}
_REMOVE = {"fjern", "remove", "ut"}
_SETTINGS = {"innstillinger", "innstillingar", "settings", "oppsett"}
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def parse_pulse_command(verb: str, rest: list[str]) -> PulseCommand | None:
    """The pulse's command forms, or None when `verb` is not one of them. Never raises."""
    verb = verb.lower()
    if verb in _PULSE:
        return ShowPulse()
    if verb in _SETTINGS:
        return OpenPulseSettings()
    if verb not in _TEAM:
        return None
    words = [word.lower() for word in rest]
    if words[:2] == ["legg", "til"]:
        words, rest = ["legg-til", *words[2:]], ["legg-til", *rest[2:]]
    mentions = tuple(dict.fromkeys(_MENTION.findall(" ".join(rest))))
    if words and words[0] in _ADD:
        return AddToTeam(mentions)
    if words and words[0] in _REMOVE:
        return RemoveFromTeam(mentions)
    return AddToTeam(mentions) if mentions else ShowTeam()
