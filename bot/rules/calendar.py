"""Norwegian working calendar: public holidays, working days, closures, working hours and time zones.

Rules and their sources:

- Public holidays ("røde dager") follow the helligdagsloven (1995) and the 1947 act on 1 and 17 May:
  1 January, skjærtorsdag, langfredag, 1. and 2. påskedag, 1 May, 17 May, Kristi himmelfartsdag,
  1. and 2. pinsedag, 25 and 26 December. The dates come from the `holidays` package (country "NO",
  `include_sundays=False`, the default in the pinned releases). Julaften, nyttårsaften, påskeaften and
  pinseaften are *not* holidays.
- A working day is Monday to Friday and not a public holiday (DESIGN.md, "Norwegian working life").
- For scheduled messages a workspace's `WorkCalendar` also takes out the half-days: julaften (24.12) and
  nyttårsaften (31.12), when most Norwegian workplaces close at noon or earlier (issue 15; on by default, an
  admin can turn it off), and 27.–31.12 when the workspace's closures cover them (by default they do: many
  workplaces close between Christmas and New Year). So a deadline on 25.12 is reminded on 23.12.
- Closures pause pulses and 1:1 nudges only. The default closures are fellesferie, a tradition rather than
  law, taken as ISO weeks 28–30 every year, and Christmas to New Year, 24.12–01.01 inclusive.
- Working hours are 08:00–17:00 local time (DESIGN.md). A scheduled DM outside them, on a weekend, on a
  public holiday or on a day the workspace's `WorkCalendar` takes out moves to the next working day at 09:00
  local time. Closures themselves do not move sends (only through 27.–31.12, above).
- Week numbers are ISO 8601 weeks, as used in Norway since 1973.

Everything here is pure: no I/O and no clock. Instants are aware datetimes; results are aware UTC.
"""

from __future__ import annotations

import math
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays

WORK_START = time(8)
WORK_END = time(17)
DEFAULT_SEND_TIME = time(9)

_ONE_DAY = timedelta(days=1)


# --- public holidays ------------------------------------------------------------------------------


def _holiday_language(lang: str) -> str:
    # Without `language`, `holidays` names follow the process locale; nb and nn share its Norwegian names.
    return "en_US" if lang == "en" else "no"


@lru_cache(maxsize=64)
def _holidays_for(year: int, language: str) -> Mapping[date, str]:
    table = holidays.country_holidays("NO", years=year, language=language)
    return MappingProxyType({day: str(name) for day, name in table.items()})


def is_public_holiday(d: date) -> bool:
    """True when `d` is a Norwegian public holiday (Sundays count only through being weekends)."""
    return d in _holidays_for(d.year, "no")


def holiday_name(d: date, lang: str) -> str | None:
    """The holiday's name in `lang` (nb and nn get the Norwegian names, en the English), or None."""
    return _holidays_for(d.year, _holiday_language(lang)).get(d)


# --- working days ---------------------------------------------------------------------------------


def is_working_day(d: date) -> bool:
    """Monday to Friday and not a public holiday."""
    return d.weekday() < 5 and not is_public_holiday(d)


HALF_DAYS: tuple[tuple[int, int], ...] = ((12, 24), (12, 31))  # (month, day): julaften, nyttårsaften
BETWEEN_CHRISTMAS_AND_NEW_YEAR = range(27, 32)  # 27.–31.12


@dataclass(frozen=True)
class WorkCalendar:
    """The days a workspace's scheduled messages may go out: working days, minus julaften and nyttårsaften
    when `half_days_off`, minus 27.–31.12 when `closures` cover them."""

    half_days_off: bool = True
    closures: tuple[Closure, ...] = ()

    def is_working_day(self, d: date) -> bool:
        if not is_working_day(d):
            return False
        if self.half_days_off and (d.month, d.day) in HALF_DAYS:
            return False
        return not (d.month == 12 and d.day in BETWEEN_CHRISTMAS_AND_NEW_YEAR and is_closed(d, self.closures))


ORDINARY_DAYS = WorkCalendar(half_days_off=False)
"""Monday to Friday without public holidays: where meetings may fall (the default of the day functions)."""
SENDING_DAYS = WorkCalendar(half_days_off=True)
"""Where the outbox may send when it is not given the workspace's calendar: no julaften, no nyttårsaften."""


def working_day_on_or_after(d: date, calendar: WorkCalendar = ORDINARY_DAYS) -> date:
    """`d` itself when it is a working day, else the first working day after it."""
    while not calendar.is_working_day(d):
        d += _ONE_DAY
    return d


def working_day_on_or_before(d: date, calendar: WorkCalendar = ORDINARY_DAYS) -> date:
    """The last working day on or before `d` (where a due-date reminder goes)."""
    while not calendar.is_working_day(d):
        d -= _ONE_DAY
    return d


def next_working_day(d: date, calendar: WorkCalendar = ORDINARY_DAYS) -> date:
    """The first working day strictly after `d`."""
    return working_day_on_or_after(d + _ONE_DAY, calendar)


def previous_working_day(d: date, calendar: WorkCalendar = ORDINARY_DAYS) -> date:
    """The last working day strictly before `d` (e.g. the day of a 1:1 nudge)."""
    return working_day_on_or_before(d - _ONE_DAY, calendar)


def add_working_days(d: date, n: int, calendar: WorkCalendar = ORDINARY_DAYS) -> date:
    """The n-th working day strictly after `d`; for n == 0, `d` itself if it is a working day, else the next.

    Raises ValueError for negative n.
    """
    if n < 0:
        raise ValueError("n must be zero or positive")
    if n == 0:
        return working_day_on_or_after(d, calendar)
    for _ in range(n):
        d = next_working_day(d, calendar)
    return d


def iso_week(d: date) -> tuple[int, int]:
    """(ISO year, ISO week) of `d`; 31.12.2026 and 01.01.2027 are both in week 53 of 2026."""
    iso = d.isocalendar()
    return iso.year, iso.week


# --- closures -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Closure(ABC):
    """A yearly period in which pulses and 1:1 nudges pause. Subclasses say which days it covers."""

    @abstractmethod
    def contains(self, d: date) -> bool:
        """True when `d` falls inside the closure."""

    @abstractmethod
    def to_text(self) -> str:
        """The settings form that `parse_closure` reads back."""


@dataclass(frozen=True)
class WeekClosure(Closure):
    """ISO weeks `first`..`last` of every year, inclusive; wraps the year end when first > last (52–1)."""

    first: int
    last: int

    def __post_init__(self) -> None:
        if not (1 <= self.first <= 53 and 1 <= self.last <= 53):
            raise ValueError("ISO weeks run from 1 to 53")

    def contains(self, d: date) -> bool:
        week = d.isocalendar().week
        if self.first <= self.last:
            return self.first <= week <= self.last
        return week >= self.first or week <= self.last

    def to_text(self) -> str:
        if self.first == self.last:
            return f"uke {self.first}"
        return f"uke {self.first}-{self.last}"


@dataclass(frozen=True)
class DayClosure(Closure):
    """Day-month `start`..`end` of every year, inclusive; wraps the year end when start is after end."""

    start_day: int
    start_month: int
    end_day: int
    end_month: int

    def __post_init__(self) -> None:
        for day, month in ((self.start_day, self.start_month), (self.end_day, self.end_month)):
            try:
                date(2024, month, day)  # a leap year, so 29.02 is accepted
            except ValueError as exc:
                raise ValueError(f"not a day of the year: {day}.{month}") from exc

    def contains(self, d: date) -> bool:
        start = (self.start_month, self.start_day)
        end = (self.end_month, self.end_day)
        here = (d.month, d.day)
        if start <= end:
            return start <= here <= end
        return here >= start or here <= end

    def to_text(self) -> str:
        start = f"{self.start_day:02d}.{self.start_month:02d}"
        if (self.start_day, self.start_month) == (self.end_day, self.end_month):
            return start
        return f"{start}-{self.end_day:02d}.{self.end_month:02d}"


DEFAULT_CLOSURES: tuple[Closure, ...] = (WeekClosure(28, 30), DayClosure(24, 12, 1, 1))
DEFAULT_WORK_CALENDAR = WorkCalendar(half_days_off=True, closures=DEFAULT_CLOSURES)

_DASH = r"\s*[-–—]\s*"
_WEEK_RE = re.compile(rf"(?:uke|veke|week)\s*(\d{{1,2}})(?:{_DASH}(\d{{1,2}}))?", re.IGNORECASE)
_DAY = r"(\d{1,2})\.(\d{1,2})\.?"
_DAY_RE = re.compile(rf"{_DAY}(?:{_DASH}{_DAY})?")


def parse_closure(text: str) -> Closure:
    """Read a closure from settings text: "uke 28-30" (also "veke", "week"), "uke 53", "24.12-01.01", "17.05".

    Raises ValueError for anything else.
    """
    cleaned = text.strip()
    if match := _WEEK_RE.fullmatch(cleaned):
        first = int(match[1])
        return WeekClosure(first, int(match[2]) if match[2] else first)
    if match := _DAY_RE.fullmatch(cleaned):
        day, month = int(match[1]), int(match[2])
        if match[3]:
            return DayClosure(day, month, int(match[3]), int(match[4]))
        return DayClosure(day, month, day, month)
    raise ValueError(f"not a closure: {text!r}")


def is_closed(d: date, closures: Iterable[Closure]) -> bool:
    """True when `d` falls inside any of `closures` (pulses and 1:1 nudges pause then)."""
    return any(closure.contains(d) for closure in closures)


# --- time zones and working hours -----------------------------------------------------------------


def _require_aware(instant: datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("instant must be timezone-aware")


def local_date(instant: datetime, zone: ZoneInfo) -> date:
    """The calendar date of `instant` on a wall clock in `zone`."""
    _require_aware(instant)
    return instant.astimezone(zone).date()


def local_instant(d: date, t: time, zone: ZoneInfo) -> datetime:
    """The aware UTC instant when a wall clock in `zone` shows `t` on day `d`.

    A wall time skipped by a DST change (02:30 on the spring-forward night) gives the first instant after the
    gap (03:00 local); a wall time that occurs twice (autumn) gives the first occurrence (fold=0).
    """
    if t.tzinfo is not None:
        raise ValueError("t must be a naive wall-clock time")
    wall = datetime.combine(d, t)
    first = wall.replace(tzinfo=zone, fold=0)
    utc = first.astimezone(UTC)
    if utc.astimezone(zone).replace(tzinfo=None) == wall:
        return utc
    # In a gap, fold=1 reads the wall time with the offset after the change, fold=0 with the one before, so
    # the change itself lies between the two readings.
    other = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    return _offset_change(min(utc, other), max(utc, other), zone)


def _offset_change(before: datetime, after: datetime, zone: ZoneInfo) -> datetime:
    # zoneinfo does not expose its transitions; bisect on whole seconds, the resolution of the tz database.
    low = math.floor(before.timestamp())
    high = math.ceil(after.timestamp())
    target = datetime.fromtimestamp(high, UTC).astimezone(zone).utcoffset()
    while high - low > 1:
        mid = (low + high) // 2
        if datetime.fromtimestamp(mid, UTC).astimezone(zone).utcoffset() == target:
            high = mid
        else:
            low = mid
    return datetime.fromtimestamp(high, UTC)


def is_send_allowed(instant: datetime, zone: ZoneInfo, calendar: WorkCalendar | None = None) -> bool:
    """True when `instant`, read in `zone`, is on a working day and within WORK_START <= time < WORK_END."""
    _require_aware(instant)
    local = instant.astimezone(zone)
    cal = calendar or SENDING_DAYS
    return cal.is_working_day(local.date()) and WORK_START <= local.time() < WORK_END


def next_allowed_send(instant: datetime, zone: ZoneInfo, calendar: WorkCalendar | None = None) -> datetime:
    """The instant a scheduled DM may go out, in aware UTC.

    `instant` itself when sending is allowed then; before 08:00 on a working day, 09:00 that day; otherwise
    09:00 on the next working day, all in `zone`. Closures do not matter here.
    """
    _require_aware(instant)
    cal = calendar or SENDING_DAYS
    if is_send_allowed(instant, zone, cal):
        return instant.astimezone(UTC)
    local = instant.astimezone(zone)
    day = local.date()
    if cal.is_working_day(day) and local.time() < WORK_START:
        return local_instant(day, DEFAULT_SEND_TIME, zone)
    return local_instant(next_working_day(day, cal), DEFAULT_SEND_TIME, zone)
