"""Tiltak reminder days: earlier for weekends and holidays, overdue two working days after."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

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
        (date(2026, 12, 25), date(2026, 12, 24)),  # 1. juledag → julaften, a working day
        (date(2026, 12, 26), date(2026, 12, 24)),  # 2. juledag (a Saturday) → julaften
        (date(2027, 1, 1), date(2026, 12, 31)),  # nyttårsdag → nyttårsaften
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
        (date(2026, 12, 23), date(2026, 12, 28)),  # over Christmas: 24 (Thu) and 28 (Mon) are working days
        (date(2026, 12, 24), date(2026, 12, 29)),
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
