"""Tiltak reminder days: earlier for weekends and holidays, overdue two working days after."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.rules.calendar import DEFAULT_WORK_CALENDAR, WorkCalendar
from bot.rules.closures import DEFAULT_CLOSURES
from bot.rules.due import (
    DueState,
    due_reminder_at,
    due_reminder_day,
    due_state,
    overdue_reminder_at,
    overdue_reminder_day,
)

OSLO = ZoneInfo("Europe/Oslo")


@pytest.mark.parametrize(
    ("due", "reminded"),
    [
        (date(2026, 12, 4), date(2026, 12, 4)),  # an ordinary Friday
        (date(2026, 12, 5), date(2026, 12, 4)),  # Saturday → Friday
        (date(2026, 12, 6), date(2026, 12, 4)),  # Sunday → Friday
        (date(2026, 12, 25), date(2026, 12, 23)),  # 1. juledag → 23.12: julaften is off by default (issue 15)
        (date(2026, 12, 24), date(2026, 12, 23)),  # julaften itself → the day before
        (date(2026, 12, 26), date(2026, 12, 23)),  # 2. juledag (a Saturday) → 23.12
        (date(2026, 12, 29), date(2026, 12, 23)),  # 27.–31.12 inside the default Christmas closure
        (date(2027, 1, 1), date(2026, 12, 23)),  # nyttårsdag → before the closed days and nyttårsaften
        (date(2027, 1, 4), date(2027, 1, 4)),  # the first Monday of the year
        (date(2027, 12, 25), date(2027, 12, 23)),  # 2027: julaften is a Friday
        (date(2026, 4, 6), date(2026, 4, 1)),  # 2. påskedag → the Wednesday before skjærtorsdag
        (date(2026, 5, 17), date(2026, 5, 15)),  # 17. mai on a Sunday → Friday
        (date(2026, 5, 14), date(2026, 5, 13)),  # Kristi himmelfartsdag → Wednesday
        (date(2026, 7, 15), date(2026, 7, 15)),  # fellesferie does not move a deadline
    ],
)
def test_due_reminder_day_moves_earlier_never_later(due: date, reminded: date) -> None:
    assert due_reminder_day(due) == reminded


@pytest.mark.parametrize(
    ("due", "overdue"),
    [
        (date(2026, 12, 2), date(2026, 12, 4)),  # Wednesday → Friday
        (date(2026, 12, 4), date(2026, 12, 8)),  # Friday → Tuesday
        (date(2026, 12, 23), date(2027, 1, 5)),  # over Christmas: julaften and 27.–31.12 are off by default
        (date(2026, 12, 24), date(2027, 1, 5)),
        (date(2026, 4, 1), date(2026, 4, 8)),  # over Easter: 7 and 8 April
    ],
)
def test_overdue_reminder_two_working_days_after(due: date, overdue: date) -> None:
    assert overdue_reminder_day(due) == overdue


def test_reminder_instants_are_nine_local_across_dst() -> None:
    # Summer time starts Sunday 29 March 2026: the Friday before is UTC+1, the Monday after UTC+2.
    assert due_reminder_at(date(2026, 3, 27), OSLO) == datetime(2026, 3, 27, 8, 0, tzinfo=UTC)
    assert due_reminder_at(date(2026, 3, 30), OSLO) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert overdue_reminder_at(date(2026, 3, 27), OSLO) == datetime(2026, 3, 31, 7, 0, tzinfo=UTC)
    # A Sunday deadline on the DST weekend is reminded on Friday, still in winter time.
    assert due_reminder_at(date(2026, 3, 29), OSLO) == datetime(2026, 3, 27, 8, 0, tzinfo=UTC)
    assert due_reminder_at(date(2026, 12, 4), ZoneInfo("America/New_York")) == datetime(2026, 12, 4, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("due", "today", "state"),
    [
        (date(2026, 12, 4), date(2026, 12, 3), DueState.UPCOMING),
        (date(2026, 12, 4), date(2026, 12, 4), DueState.DUE_TODAY),
        (date(2026, 12, 4), date(2026, 12, 5), DueState.OVERDUE),
    ],
)
def test_due_state(due: date, today: date, state: DueState) -> None:
    assert due_state(due, today) == state


@pytest.mark.parametrize(
    ("calendar", "due", "reminded"),
    [
        # An admin who turns the half-days off, in a workspace open between Christmas and New Year.
        (WorkCalendar(half_days_off=False), date(2026, 12, 25), date(2026, 12, 24)),
        (WorkCalendar(half_days_off=False), date(2027, 1, 1), date(2026, 12, 31)),
        # Half-days off, no Christmas closure: 28.–30.12 are working days, nyttårsaften is not.
        (WorkCalendar(half_days_off=True), date(2027, 1, 1), date(2026, 12, 30)),
        (WorkCalendar(half_days_off=True), date(2026, 12, 29), date(2026, 12, 29)),
        # Half-days kept as working days, but closed between Christmas and New Year.
        (WorkCalendar(half_days_off=False, closures=DEFAULT_CLOSURES), date(2026, 12, 29), date(2026, 12, 24)),
    ],
)
def test_the_workspace_calendar_decides_the_half_days_and_the_days_between(
    calendar: WorkCalendar, due: date, reminded: date
) -> None:
    assert due_reminder_day(due, calendar) == reminded


def test_a_deadline_on_first_christmas_day_is_reminded_on_the_23rd_at_nine() -> None:
    oslo = ZoneInfo("Europe/Oslo")
    assert due_reminder_at(date(2026, 12, 25), oslo) == datetime(2026, 12, 23, 8, 0, tzinfo=UTC)
    assert due_reminder_day(date(2026, 12, 25), DEFAULT_WORK_CALENDAR) == date(2026, 12, 23)


@pytest.mark.parametrize(
    "calendar",
    [
        DEFAULT_WORK_CALENDAR,
        WorkCalendar(half_days_off=False),
        WorkCalendar(half_days_off=False, closures=DEFAULT_CLOSURES),
    ],
)
def test_every_reminder_instant_is_within_settled_of_the_deadline(calendar: WorkCalendar) -> None:
    """The reminder planner skips tiltak whose deadline is more than `SETTLED` before its last plan: that is only
    right while both reminders of every deadline fall within `SETTLED` of it (every day of ten years, in zones
    far apart)."""
    from bot.features.tiltak.reminders import SETTLED

    for zone in (OSLO, ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")):
        due = date(2026, 1, 1)
        while due < date(2036, 1, 1):
            deadline = datetime(due.year, due.month, due.day, tzinfo=UTC)
            assert overdue_reminder_at(due, zone, calendar) - deadline < SETTLED - timedelta(days=2)
            assert deadline - due_reminder_at(due, zone, calendar) < SETTLED
            due += timedelta(days=1)
