"""The workspace's working calendar read from its stored settings (bot/core/workcalendar.py): tolerant, with the
defaults for anything missing or unreadable, and in step with what the settings modal stores."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.workcalendar import calendar_json, half_days_off_of, work_calendar_of
from bot.rules.calendar import DEFAULT_WORK_CALENDAR, WorkCalendar
from bot.rules.closures import DEFAULT_CLOSURES, DayClosure, WeekClosure

SUMMER = (WeekClosure(28, 30),)


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ({}, DEFAULT_WORK_CALENDAR),
        ({"calendar": {"half_days_off": False}}, WorkCalendar(half_days_off=False, closures=DEFAULT_CLOSURES)),
        ({"calendar": {"half_days_off": True}}, DEFAULT_WORK_CALENDAR),
        ({"calendar": {"half_days_off": "nei"}}, DEFAULT_WORK_CALENDAR),  # unreadable: the default
        ({"calendar": ["off"]}, DEFAULT_WORK_CALENDAR),
        ({"pulse": {"closures": ["uke 28-30"]}}, WorkCalendar(half_days_off=True, closures=SUMMER)),
        ({"pulse": {"closures": []}}, WorkCalendar(half_days_off=True, closures=())),
        ({"pulse": {"closures": ["uke 28-30", "blåmandag"]}}, DEFAULT_WORK_CALENDAR),
        ({"pulse": "uke 28-30"}, DEFAULT_WORK_CALENDAR),
        (
            {"calendar": {"half_days_off": False}, "pulse": {"closures": ["27.12-31.12"]}},
            WorkCalendar(half_days_off=False, closures=(DayClosure(27, 12, 31, 12),)),
        ),
    ],
)
def test_work_calendar_of_stored_settings(stored: dict[str, Any], expected: WorkCalendar) -> None:
    assert work_calendar_of(stored) == expected


@pytest.mark.parametrize("half_days_off", [True, False])
def test_the_switch_reads_back_what_is_stored(half_days_off: bool) -> None:
    assert half_days_off_of({"calendar": calendar_json(half_days_off=half_days_off)}) is half_days_off
