"""The 1:1 rhythm: cadences, holiday moves, closures, nudge and follow-up instants."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from itertools import islice
from zoneinfo import ZoneInfo

import pytest

from bot.rules.cadence import (
    Cadence,
    first_slot,
    follow_up_at,
    meeting_day,
    meeting_start,
    next_slot,
    nudge_at,
    slots,
)
from bot.rules.closures import DEFAULT_CLOSURES

OSLO = ZoneInfo("Europe/Oslo")


@pytest.mark.parametrize(
    ("today", "weekday", "anchor"),
    [
        (date(2026, 11, 30), 1, date(2026, 12, 1)),  # Monday → tomorrow, Tuesday
        (date(2026, 12, 1), 1, date(2026, 12, 8)),  # on a Tuesday → next week's
        (date(2026, 12, 4), 0, date(2026, 12, 7)),
    ],
)
def test_first_slot(today: date, weekday: int, anchor: date) -> None:
    assert first_slot(today=today, weekday=weekday) == anchor


def test_biweekly_really_skips_a_week() -> None:
    days = list(islice(slots(date(2026, 12, 1), Cadence.BIWEEKLY), 4))
    assert days == [date(2026, 12, 1), date(2026, 12, 15), date(2026, 12, 29), date(2027, 1, 12)]


def test_weekly_and_every_third_week() -> None:
    assert list(islice(slots(date(2026, 12, 1), Cadence.WEEKLY), 3)) == [
        date(2026, 12, 1),
        date(2026, 12, 8),
        date(2026, 12, 15),
    ]
    assert list(islice(slots(date(2026, 12, 1), Cadence.EVERY_THREE_WEEKS), 2))[1] == date(2026, 12, 22)


def test_monthly_keeps_the_ordinal_weekday() -> None:
    # 1 December 2026 is the first Tuesday; 29 December the fifth, which becomes "the last Tuesday".
    assert list(islice(slots(date(2026, 12, 1), Cadence.MONTHLY), 3)) == [
        date(2026, 12, 1),
        date(2027, 1, 5),
        date(2027, 2, 2),
    ]
    assert list(islice(slots(date(2026, 12, 29), Cadence.MONTHLY), 3)) == [
        date(2026, 12, 29),
        date(2027, 1, 26),
        date(2027, 2, 23),
    ]


@pytest.mark.parametrize(
    ("slot", "held"),
    [
        (date(2027, 5, 17), date(2027, 5, 18)),  # 17 May (and 2. pinsedag) on a Monday → Tuesday
        (date(2026, 5, 14), date(2026, 5, 15)),  # Kristi himmelfartsdag (Thursday) → Friday
        (date(2026, 12, 26), date(2026, 12, 28)),  # a Saturday holiday → Monday
        (date(2026, 12, 1), date(2026, 12, 1)),
    ],
)
def test_meetings_on_holidays_move_to_the_next_working_day(slot: date, held: date) -> None:
    assert meeting_day(slot) == held


def test_closures_pause_the_cadence() -> None:
    # Fellesferie: ISO weeks 28–30 of 2027 are 12 July – 1 August; a weekly Tuesday pair resumes 3 August.
    anchor = date(2027, 6, 29)
    assert next_slot(anchor, Cadence.WEEKLY, on_or_after=date(2027, 7, 7), closures=DEFAULT_CLOSURES) == date(
        2027, 8, 3
    )
    assert next_slot(anchor, Cadence.WEEKLY, on_or_after=date(2027, 7, 7)) == date(2027, 7, 13)


def test_instants_are_local_and_follow_dst() -> None:
    assert meeting_start(date(2026, 12, 1), time(10), OSLO) == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert meeting_start(date(2026, 3, 31), time(10), OSLO) == datetime(2026, 3, 31, 8, 0, tzinfo=UTC)
    # The nudge is the working day before: Monday 30 March (summer time), and Friday before a Monday meeting.
    assert nudge_at(date(2026, 3, 31), OSLO) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert nudge_at(date(2026, 12, 7), OSLO) == datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
    # 15:30 + 2 h is after working hours: the follow-up waits for the next morning.
    start = datetime(2026, 12, 1, 14, 30, tzinfo=UTC)
    assert follow_up_at(start, OSLO) == datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
    assert follow_up_at(datetime(2026, 12, 1, 9, 0, tzinfo=UTC), OSLO) == datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
