"""Date phrases anchored in the year, for :mod:`bot.rules.dateparse`: the nth weekday of a month and the
seasons of the Norwegian working year.

Rules (issue 15) and their sources:

- ``første|andre|tredje|fjerde|siste <ukedag> i <måned>`` (``first|…|last <weekday> in|of <month>``): that
  weekday of the month, this year or next once it has passed.
- ``etter påske`` is the Tuesday after 2. påskedag, the first working day after Easter (Easter by the
  Gregorian computus; the public holidays by the helligdagsloven, see :mod:`bot.rules.calendar`).
- ``over nyttår`` / ``etter nyttår``: the first working day of January.
- ``før jul``: the last working day before julaften (24.12).
- ``til sommeren`` / ``før sommeren`` / ``før fellesferien``: the Friday before fellesferie, i.e. Friday of
  ISO week 27, as fellesferie is taken as ISO weeks 28–30 by default (research/norway-domain.md), or the
  working day before it when that Friday is a holiday.
- Each phrase is the next such day on or after today. English: ``after easter``, ``after new year``,
  ``before christmas``, ``before the summer``.

Pure: "today" is an argument.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.rules import _datewords as w
from bot.rules.calendar import is_working_day, working_day_on_or_after, working_day_on_or_before

_FRIDAY = 4
_ORDINAL, _WEEKDAY, _MONTH = (w.alternation(words) for words in (w.ORDINALS, w.WEEKDAYS, w.MONTHS))
_NTH_WEEKDAY = re.compile(f"({_ORDINAL}) ({_WEEKDAY}) (?:i|in|of) ({_MONTH})\\.?")


@dataclass(frozen=True)
class NthWeekday:
    """The ``nth`` (1–4, or -1 for the last) ``weekday`` (0 = Monday) of ``month``."""

    nth: int
    weekday: int
    month: int


@dataclass(frozen=True)
class Season:
    """A named day of the working year; ``kind`` is a value of ``_datewords.SEASONS``."""

    kind: str


YearPhrase = NthWeekday | Season


def recognise(s: str) -> YearPhrase | None:
    """The phrase ``s`` (normalised: lower case, single spaces) names, or None."""
    if s in w.SEASONS:
        return Season(w.SEASONS[s])
    if m := _NTH_WEEKDAY.fullmatch(s):
        return NthWeekday(w.ORDINALS[m[1]], w.WEEKDAYS[m[2]], w.MONTHS[m[3]])
    return None


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def in_year(phrase: YearPhrase, year: int) -> date:
    """The day ``phrase`` names in ``year``."""
    if isinstance(phrase, NthWeekday):
        if phrase.nth < 0:
            last = date(year, phrase.month, calendar.monthrange(year, phrase.month)[1])
            return last - timedelta(days=(last.weekday() - phrase.weekday) % 7)
        first = date(year, phrase.month, 1)
        return first + timedelta(days=(phrase.weekday - first.weekday()) % 7 + 7 * (phrase.nth - 1))
    if phrase.kind == "after_easter":  # 2. påskedag + 1: the first working day after Easter
        return working_day_on_or_after(easter_sunday(year) + timedelta(days=2))
    if phrase.kind == "new_year":
        return working_day_on_or_after(date(year, 1, 1))
    if phrase.kind == "before_christmas":
        return working_day_on_or_before(date(year, 12, 23))
    friday = date.fromisocalendar(year, 27, _FRIDAY + 1)  # the week before fellesferie (ISO weeks 28–30)
    return friday if is_working_day(friday) else working_day_on_or_before(friday)


def next_on_or_after(phrase: YearPhrase, today: date) -> date:
    """The day ``phrase`` names this year, or next year once this year's has passed."""
    found = in_year(phrase, today.year)
    return found if found >= today else in_year(phrase, today.year + 1)
