"""What a typed date says, before "today" is known: the forms of :mod:`bot.rules.dateparse` as plain values.

``recognise`` turns a phrase into one of the spec values below (or None); ``bot.rules.dateparse`` resolves it
against the person's local date and applies the limits. The grammar, its words and its rules are described in
:mod:`bot.rules.dateparse`; the year-anchored phrases live in :mod:`bot.rules._dateyear`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.rules import _datewords as w
from bot.rules import _dateyear as dy

FRIDAY = 4


@dataclass(frozen=True)
class DayMonth:
    """``4.12[.2026]`` and its spellings; a leading weekday and a trailing week must match the date."""

    day: int
    month: int
    year: int | None
    weekday: int | None = None  # "fredag 4.12": must match
    week: int | None = None  # "4.12.2026 (uke 49)": must match


@dataclass(frozen=True)
class Offset:
    """``i morgen``, ``om 3 uker``: days and months from today."""

    days: int = 0
    months: int = 0


@dataclass(frozen=True)
class Weekday:
    """A weekday: the next one after today (``weeks_ahead`` None), or in the ISO week n weeks from this one."""

    weekday: int
    weeks_ahead: int | None


@dataclass(frozen=True)
class IsoWeek:
    """``uke 50 [2027]``: that weekday (Friday unless named) of the ISO week."""

    week: int
    year: int | None
    weekday: int = FRIDAY


@dataclass(frozen=True)
class EndOf:
    """The end of this month (``month``), else the end of this working week (Friday)."""

    month: bool


Spec = DayMonth | Offset | Weekday | IsoWeek | EndOf | dy.NthWeekday | dy.Season

_WD = w.alternation(w.WEEKDAYS)
_MON = w.alternation(w.MONTHS)
_NUM = r"(\d{1,4}|" + w.alternation(w.NUMBERS) + ")"
_UNIT = w.alternation(w.UNITS)
_YEAR = r"(?: (\d{4}))?"
_WEEK_CHECK = r"(?: \(?" + w.WEEK + r" (\d{1,2})\)?)?"
_NUMERIC = re.compile(r"(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?" + _WEEK_CHECK)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _WEEK_CHECK)
_DAY_FIRST = re.compile(r"(\d{1,2})(?:\.|st|nd|rd|th)? ?(?:of )?(" + _MON + r")\.?" + _YEAR + _WEEK_CHECK)
_MONTH_FIRST = re.compile("(" + _MON + r")\.? (\d{1,2})(?:st|nd|rd|th)?" + _YEAR + _WEEK_CHECK)
_IN_N = re.compile(r"(?:om|in) " + _NUM + " (" + _UNIT + ")")
_ISO_WEEK = re.compile(r"(?:i |in )?" + w.WEEK + r" (\d{1,2})(?:[ /](\d{4}))?")
_WEEKDAY_REST = re.compile("(" + _WD + r")\.?(?: (.+))?")
_NEXT_WEEKDAY = re.compile(w.NEXT + " (" + _WD + ")")
_COMING_WEEKDAY = re.compile(w.COMING + " (" + _WD + ")")


def normalise(text: str) -> str:
    """NFC, lower case, commas and odd spaces to one space, no trailing dot, leading filler words dropped."""
    s = unicodedata.normalize("NFC", text).lower().replace(",", " ")
    words = s.split()
    while words and words[0] in w.PREFIXES:
        words.pop(0)
    return " ".join(words).rstrip(".").strip()


def _explicit(s: str, weekday: int | None = None) -> DayMonth | None:
    """``4.12[.2026]``, ``2026-12-04``, ``4. des[.] [2026]``, ``Dec 4 [2026]``, each with an optional week."""
    if m := _NUMERIC.fullmatch(s):
        found_year = _opt_int(m[3])
        if found_year is not None and len(m[3]) == 2:
            found_year += 2000
        return DayMonth(int(m[1]), int(m[2]), found_year, weekday, _opt_int(m[4]))
    if m := _ISO.fullmatch(s):
        return DayMonth(int(m[3]), int(m[2]), int(m[1]), weekday, _opt_int(m[4]))
    if m := _DAY_FIRST.fullmatch(s):
        return DayMonth(int(m[1]), w.MONTHS[m[2]], _opt_int(m[3]), weekday, _opt_int(m[4]))
    if m := _MONTH_FIRST.fullmatch(s):
        return DayMonth(int(m[2]), w.MONTHS[m[1]], _opt_int(m[3]), weekday, _opt_int(m[4]))
    return None


def _opt_int(group: str | None) -> int | None:
    return int(group) if group else None


def _after_weekday(weekday: int, rest: str) -> Spec | None:
    """What may follow a weekday name: ``neste uke``, ``denne uka``, ``om 2 uker``, ``uke 50``, a date."""
    if re.fullmatch(w.NEXT_WEEK, rest):
        return Weekday(weekday, 1)
    if re.fullmatch(r"(?:i )?" + w.THIS_WEEK, rest):
        return Weekday(weekday, 0)
    if (m := _IN_N.fullmatch(rest)) and w.UNITS[m[2]] == (7, 0):
        return Weekday(weekday, w.number(m[1]))
    if m := _ISO_WEEK.fullmatch(rest):
        return IsoWeek(int(m[1]), _opt_int(m[2]), weekday)
    return _explicit(rest, weekday)


def recognise(text: str) -> Spec | None:
    """The meaning of ``text`` if it is one of the accepted forms, else None. Does not need today."""
    s = normalise(text)
    if (phrase := dy.recognise(s)) is not None:
        return phrase
    if s in w.RELATIVE_DAYS:
        return Offset(days=w.RELATIVE_DAYS[s])
    if m := _IN_N.fullmatch(s):
        days, months = w.UNITS[m[2]]
        n = w.number(m[1])
        return Offset(days=days * n, months=months * n)
    if m := _NEXT_WEEKDAY.fullmatch(s):
        return Weekday(w.WEEKDAYS[m[1]], 1)
    if m := _COMING_WEEKDAY.fullmatch(s):
        return Weekday(w.WEEKDAYS[m[1]], None)
    if m := _WEEKDAY_REST.fullmatch(s):
        weekday = w.WEEKDAYS[m[1]]
        return Weekday(weekday, None) if m[2] is None else _after_weekday(weekday, m[2])
    if m := _ISO_WEEK.fullmatch(s):
        return IsoWeek(int(m[1]), _opt_int(m[2]))
    if re.fullmatch(w.NEXT_WEEK, s):
        return Weekday(FRIDAY, 1)
    if re.fullmatch(r"(?:i )?" + w.THIS_WEEK + "|" + w.END_OF_WEEK, s):
        return EndOf(month=False)
    if re.fullmatch(w.END_OF_MONTH, s):
        return EndOf(month=True)
    return _explicit(s)
