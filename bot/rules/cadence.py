"""The 1:1 rhythm: which days a pair meets, and when each party is nudged.

Rules (DESIGN.md "Default schedule"; the source texts recommend short planned 1:1s once or twice a month):

- A cadence counts from the pair's anchor (the first meeting day): weekly, every other week, every third week, or
  monthly on the same ordinal weekday as the anchor (the 2nd Tuesday stays the 2nd Tuesday; a 5th weekday becomes
  the month's last one). "Every other week" really skips a week.
- Default: every other week, Tuesday 10:00 in the manager's zone.
- A meeting that falls on a weekend or a Norwegian public holiday moves to the next working day at the same time.
- During closures (default fellesferie and Christmas) the cadence pauses: a slot inside a closure has no meeting.
- Nudge before: 09:00 on the working day before the meeting, in each person's own zone.
- Follow-up to the manager: meeting start + 2 h, moved into working hours.

Pure: dates, times and zones in; dates and aware UTC instants out.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.rules.calendar import local_instant, next_allowed_send, previous_working_day, working_day_on_or_after
from bot.rules.closures import Closure, is_closed


class Cadence(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    EVERY_THREE_WEEKS = "every3weeks"
    MONTHLY = "monthly"


DEFAULT_CADENCE = Cadence.BIWEEKLY
DEFAULT_WEEKDAY = 1  # Tuesday
DEFAULT_TIME = time(10, 0)
NUDGE_TIME = time(9, 0)
FOLLOW_UP_AFTER = timedelta(hours=2)
_STEP_DAYS = {Cadence.WEEKLY: 7, Cadence.BIWEEKLY: 14, Cadence.EVERY_THREE_WEEKS: 21}
_HORIZON = 400  # slots; enough to cross any run of closures


def first_slot(*, today: date, weekday: int) -> date:
    """The anchor for a new pair: the next `weekday` after today (0 = Monday)."""
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


def _nth_weekday(year: int, month: int, weekday: int, ordinal: int) -> date:
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * ordinal)
    if day.month != month:  # no 5th such weekday: the month's last one
        last = date(year, month, calendar.monthrange(year, month)[1])
        day = last - timedelta(days=(last.weekday() - weekday) % 7)
    return day


def slots(anchor: date, cadence: Cadence) -> Iterator[date]:
    """Every cadence day from the anchor on, in order."""
    if cadence == Cadence.MONTHLY:
        ordinal = (anchor.day - 1) // 7
        year, month = anchor.year, anchor.month
        while True:
            yield _nth_weekday(year, month, anchor.weekday(), ordinal)
            month += 1
            if month == 13:
                year, month = year + 1, 1
    step = timedelta(days=_STEP_DAYS[cadence])
    day = anchor
    while True:
        yield day
        day += step


def meeting_day(slot: date) -> date:
    """The day the meeting is held: the slot, or the next working day when the slot is a weekend or holiday."""
    return working_day_on_or_after(slot)


def next_slot(anchor: date, cadence: Cadence, *, on_or_after: date, closures: Iterable[Closure] = ()) -> date:
    """The first slot on or after a day whose meeting does not fall in a closure."""
    closed = tuple(closures)
    for count, slot in enumerate(slots(anchor, cadence)):
        if count > _HORIZON:
            break
        if slot >= on_or_after and not is_closed(meeting_day(slot), closed):
            return slot
    raise ValueError("no meeting day outside the closures within the horizon")


def meeting_start(slot: date, at: time, zone: ZoneInfo) -> datetime:
    """When the slot's meeting starts (aware UTC), after moving off weekends and holidays."""
    return local_instant(meeting_day(slot), at, zone)


def nudge_at(meeting: date, zone: ZoneInfo) -> datetime:
    """09:00 in `zone` on the working day before the meeting day."""
    return local_instant(previous_working_day(meeting), NUDGE_TIME, zone)


def follow_up_at(start: datetime, zone: ZoneInfo) -> datetime:
    """Meeting start + 2 h, moved into the manager's working hours."""
    return next_allowed_send(start + FOLLOW_UP_AFTER, zone)
