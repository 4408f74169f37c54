"""The conversation year's grammar: plain values out, never raises.

- `medarbeidersamtale <@bruker> <dato>` / `review <@user> <date>`: the date of this year's talk.
- `fravær <@bruker> fra <dato> [gradert]` / `absence <@user> from <date> [partial]`; `fravær <@bruker> slutt
  [<dato>]` / `absence <@user> end [<date>]`.
- `admin fravær på|av` / `admin absence on|off`; `admin medarbeidersamtale <periode>` / `admin review <period>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_TALK = {"medarbeidersamtale", "medarbeidarsamtale", "medarbeidersamtalen", "review", "appraisal"}
_ABSENCE = {"fravær", "fraver", "fravaer", "sykefravær", "sjukefråvær", "fråvær", "absence", "sickleave"}
_FROM = {"fra", "frå", "from", "start", "fom", "f.o.m."}
_END = {"slutt", "end", "ended", "ferdig", "avslutt", "tilbake", "back"}
_GRADED = {"gradert", "gradert.", "delvis", "partial", "graded"}
_ON = {"på", "on", "pa", "ja"}
_OFF = {"av", "off", "nei"}


@dataclass(frozen=True)
class ScheduleTalk:
    employee_id: str | None
    date_text: str | None


@dataclass(frozen=True)
class RegisterAbsence:
    employee_id: str | None
    date_text: str | None
    graded: bool = False


@dataclass(frozen=True)
class EndAbsence:
    employee_id: str | None
    date_text: str | None


@dataclass(frozen=True)
class AbsenceSyntax:
    """`fravær` that says neither `fra <dato>` nor `slutt`: the help for the command, nothing stored."""


@dataclass(frozen=True)
class SetAbsenceModule:
    """`admin fravær på|av`; `enabled` None when neither was said."""

    enabled: bool | None


@dataclass(frozen=True)
class SetTalkPeriod:
    text: str


YearCommand = ScheduleTalk | RegisterAbsence | EndAbsence | AbsenceSyntax | SetAbsenceModule | SetTalkPeriod


def _mention_and_words(rest: list[str]) -> tuple[str | None, list[str], int]:
    joined = " ".join(rest)
    mentions = _MENTION.findall(joined)
    words = _MENTION.sub(" ", joined).split()
    return (mentions[0] if mentions else None), words, len(set(mentions))


def parse_year_command(verb: str, rest: list[str]) -> YearCommand | None:
    """The year's commands, or None when `verb` is not one of them."""
    verb = verb.lower()
    if verb in _TALK:
        employee, words, _ = _mention_and_words(rest)
        return ScheduleTalk(employee, " ".join(words) or None)
    if verb in _ABSENCE:
        return _absence(rest)
    if verb == "admin" and rest:
        what, args = rest[0].lower(), [word.lower() for word in rest[1:]]
        if what in _ABSENCE:
            enabled = True if args[:1] and args[0] in _ON else False if args[:1] and args[0] in _OFF else None
            return SetAbsenceModule(enabled if len(args) == 1 else None)
        if what in _TALK:
            return SetTalkPeriod(" ".join(rest[1:]))
    return None


def _absence(rest: list[str]) -> YearCommand:
    employee, words, count = _mention_and_words(rest)
    lowered = [word.lower() for word in words]
    if count > 1 or not lowered:
        return AbsenceSyntax()
    if lowered[0] in _END:
        return EndAbsence(employee, " ".join(words[1:]) or None)
    if lowered[0] in _FROM:
        graded = bool(lowered) and lowered[-1] in _GRADED
        date_words = words[1:-1] if graded else words[1:]
        return RegisterAbsence(employee, " ".join(date_words) or None, graded)
    return AbsenceSyntax()
