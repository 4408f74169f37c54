"""When a tiltak's reminders go out, and how its deadline stands today.

Rules (DESIGN.md, "Default schedule"; the source texts: follow-up only works when what was agreed is followed up):

- The due reminder goes to the owner and the counterpart at 09:00 local time on the last working day (Monday to
  Friday, not a Norwegian public holiday, by default not julaften or nyttårsaften: `WorkCalendar`) on or before
  the due date. A deadline on a weekend or a holiday is thus reminded *earlier*, so nobody learns of a deadline
  after it has passed: a deadline on 25.12 is reminded on 23.12 (issue 15).
- One overdue reminder goes at 09:00 local time two working days after the due date, if the tiltak is still open.
- Closures (fellesferie, Christmas) do not move either: a deadline is a deadline.
- The due date is a plain date in the owner's zone; each recipient is reminded at 09:00 in their own zone.

Pure: dates and zones in, dates and instants out.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.rules.calendar import (
    DEFAULT_WORK_CALENDAR,
    WorkCalendar,
    add_working_days,
    local_instant,
    working_day_on_or_before,
)

REMINDER_TIME = time(9)
OVERDUE_AFTER_WORKING_DAYS = 2


class DueState(StrEnum):
    UPCOMING = "upcoming"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"


def due_reminder_day(due: date, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR) -> date:
    """The last working day on or before `due`."""
    return working_day_on_or_before(due, calendar)


def overdue_reminder_day(due: date, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR) -> date:
    """Two working days after `due`."""
    return add_working_days(due, OVERDUE_AFTER_WORKING_DAYS, calendar)


def due_reminder_at(due: date, zone: ZoneInfo, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR) -> datetime:
    """The instant (aware UTC) of the due reminder for a recipient in `zone`."""
    return local_instant(due_reminder_day(due, calendar), REMINDER_TIME, zone)


def overdue_reminder_at(due: date, zone: ZoneInfo, calendar: WorkCalendar = DEFAULT_WORK_CALENDAR) -> datetime:
    """The instant (aware UTC) of the one overdue reminder for a recipient in `zone`."""
    return local_instant(overdue_reminder_day(due, calendar), REMINDER_TIME, zone)


def due_state(due: date, today: date) -> DueState:
    """Whether a deadline is ahead, today or passed, seen from `today` in the viewer's zone."""
    if due > today:
        return DueState.UPCOMING
    return DueState.DUE_TODAY if due == today else DueState.OVERDUE
