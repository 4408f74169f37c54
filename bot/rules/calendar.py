"""Norwegian working calendar: public holidays, working days, a workspace's sending days, working hours, zones.

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
- Closures (`bot.rules.closures`) pause pulses and 1:1 nudges only.
- Working hours are 08:00–17:00 local time (DESIGN.md). A scheduled DM outside them, on a weekend, on a
  public holiday or on a day the workspace's `WorkCalendar` takes out moves to the next working day at 09:00
  local time. Closures themselves do not move sends (only through 27.–31.12, above).
- Week numbers are ISO 8601 weeks, as used in Norway since 1973.

Everything here is pure: no I/O and no clock. Instants are aware datetimes; results are aware UTC.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays

from bot.rules.closures import DEFAULT_CLOSURES, Closure, is_closed

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
DEFAULT_WORK_CALENDAR = WorkCalendar(half_days_off=True, closures=DEFAULT_CLOSURES)
"""A workspace's sending days with the default settings: no half-days, and 27.–31.12 closed."""


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


def first_allowed_send(instant: datetime, zone: ZoneInfo, calendar: WorkCalendar | None = None) -> datetime:
    """The first instant at or after `instant` that a scheduled DM may go out at all, in aware UTC.

    Like `next_allowed_send`, but at the start of the working day (08:00) rather than the usual 09:00: for a
    message whose deadline falls between the two (a nudge before an 08:30 meeting), which must not be expired
    for want of an hour it could have used. Source: DESIGN.md, working hours 08–17 local.
    """
    _require_aware(instant)
    cal = calendar or SENDING_DAYS
    if is_send_allowed(instant, zone, cal):
        return instant.astimezone(UTC)
    day = instant.astimezone(zone).date()
    if not (cal.is_working_day(day) and instant.astimezone(zone).time() < WORK_START):
        day = next_working_day(day, cal)
    return local_instant(day, WORK_START, zone)
