"""The pulse calendar (round days, times, closures, frequencies) and the statement bank's rotation."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import LANGUAGES, get_translator
from bot.rules.closures import DayClosure, WeekClosure
from bot.rules.pulse import (
    ANCHOR,
    STATEMENTS,
    Frequency,
    PulseSchedule,
    closes_at,
    current_round_day,
    deserves_reminder,
    is_round_day,
    next_round_day,
    opens_at,
    questions_for,
    reminds_at,
    round_number,
    statements_for,
)

OSLO = ZoneInfo("Europe/Oslo")
NEW_YORK = ZoneInfo("America/New_York")
WEEKLY = PulseSchedule()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("weekday", "at", "ok"),
    [(2, time(10), True), (0, time(8), True), (4, time(16), True), (5, time(10), False), (2, time(7, 59), False)],
)
def test_schedule_accepts_weekdays_and_working_hours_only(weekday: int, at: time, ok: bool) -> None:
    if ok:
        assert PulseSchedule(weekday=weekday, at=at).weekday == weekday
    else:
        with pytest.raises(ValueError, match=r"round day|opening time"):
            PulseSchedule(weekday=weekday, at=at)


def test_a_time_after_four_is_refused() -> None:
    with pytest.raises(ValueError, match="opening time"):
        PulseSchedule(at=time(16, 1))


@pytest.mark.parametrize(
    ("day", "held", "why"),
    [
        (date(2026, 12, 2), True, "Wednesday, week 49"),
        (date(2026, 12, 1), False, "Tuesday"),
        (date(2026, 12, 16), True, "week 51"),
        (date(2026, 12, 23), False, "its reminder day (25.12) is in the Christmas closure"),
        (date(2026, 12, 30), False, "inside the Christmas closure"),
        (date(2027, 1, 6), True, "the first round after Christmas"),
        (date(2026, 7, 1), True, "week 27: reminder on Friday 3 July, still before fellesferie"),
        (date(2026, 7, 8), False, "week 28, fellesferie"),
        (date(2026, 7, 22), False, "week 30, fellesferie"),
        (date(2026, 7, 29), True, "week 31"),
        (date(2026, 5, 13), True, "a holiday (Kristi himmelfart 14.05) moves sends, it does not pause rounds"),
    ],
)
def test_weekly_round_days(day: date, held: bool, why: str) -> None:
    assert is_round_day(day, WEEKLY) is held, why


def test_custom_closures_replace_the_defaults() -> None:
    schedule = PulseSchedule(closures=(WeekClosure(49, 49),))
    assert not is_round_day(date(2026, 12, 2), schedule)
    assert is_round_day(date(2026, 12, 23), schedule)
    assert is_round_day(date(2026, 12, 30), PulseSchedule(closures=()))
    assert not is_round_day(date(2026, 5, 13), PulseSchedule(closures=(DayClosure(15, 5, 15, 5),)))


def _round_days(schedule: PulseSchedule, start: date, days: int) -> list[date]:
    return [start + timedelta(days=i) for i in range(days) if is_round_day(start + timedelta(days=i), schedule)]


def test_every_other_week_is_every_second_week() -> None:
    days = _round_days(PulseSchedule(frequency=Frequency.BIWEEKLY), date(2027, 1, 1), 120)
    assert all(later - earlier == timedelta(days=14) for earlier, later in pairwise(days))
    assert len(days) >= 8


def test_monthly_is_the_first_round_weekday_of_each_month() -> None:
    days = _round_days(PulseSchedule(frequency=Frequency.MONTHLY), date(2027, 1, 1), 180)
    assert days == [
        date(2027, 1, 6),
        date(2027, 2, 3),
        date(2027, 3, 3),
        date(2027, 4, 7),
        date(2027, 5, 5),
        date(2027, 6, 2),
    ]


@pytest.mark.parametrize("frequency", list(Frequency))
def test_round_numbers_are_consecutive(frequency: Frequency) -> None:
    schedule = PulseSchedule(frequency=frequency, closures=())
    days = _round_days(schedule, date(2026, 1, 1), 700)
    numbers = [round_number(day, frequency) for day in days]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 30), date(2026, 11, 25)),  # Monday: last week's round (it closes at 08:00 today)
        (date(2026, 12, 1), date(2026, 12, 2)),  # Tuesday: tomorrow's, for zones already on Wednesday
        (date(2026, 12, 2), date(2026, 12, 2)),
        (date(2026, 12, 6), date(2026, 12, 2)),
        (date(2026, 12, 28), None),  # Christmas: no round
    ],
)
def test_current_round_day(today: date, expected: date | None) -> None:
    assert current_round_day(today, WEEKLY) == expected


def test_next_round_day_jumps_over_christmas() -> None:
    assert next_round_day(date(2026, 12, 16), WEEKLY) == date(2027, 1, 6)
    assert next_round_day(date(2026, 12, 1), WEEKLY) == date(2026, 12, 2)
    every_week = PulseSchedule(closures=tuple(WeekClosure(w, w) for w in range(1, 54)))
    assert next_round_day(date(2026, 12, 1), every_week) is None


def test_times_are_local_to_each_person_and_the_close_to_the_workspace() -> None:
    day = date(2026, 12, 2)
    assert opens_at(day, time(10), OSLO) == utc(2026, 12, 2, 9)
    assert opens_at(day, time(10), NEW_YORK) == utc(2026, 12, 2, 15)
    assert reminds_at(day, time(10), OSLO) == utc(2026, 12, 4, 9)
    assert reminds_at(day, time(10), NEW_YORK) == utc(2026, 12, 4, 15)
    assert closes_at(day, OSLO) == utc(2026, 12, 7, 7)


def test_a_round_over_the_spring_clock_change() -> None:
    day = date(2027, 3, 24)  # Europe moves to summer time on Sunday 28 March 2027
    assert opens_at(day, time(10), OSLO) == utc(2027, 3, 24, 9)
    assert closes_at(day, OSLO) == utc(2027, 3, 29, 6)  # 08:00 CEST


@pytest.mark.parametrize(
    ("invited", "reminded"),
    [
        (utc(2026, 12, 2, 9), True),  # asked when the round opened
        (utc(2026, 12, 3, 9), True),  # exactly a day before
        (utc(2026, 12, 3, 9, 1), False),  # joined late: the invitation is enough
        (utc(2026, 12, 4, 9), False),
    ],
)
def test_only_those_asked_a_day_before_get_the_reminder(invited: datetime, reminded: bool) -> None:
    reminder, closes = utc(2026, 12, 4, 9), utc(2026, 12, 7, 7)
    assert deserves_reminder(invited_at=invited, reminder_at=reminder, closes=closes) is reminded
    assert not deserves_reminder(invited_at=invited, reminder_at=closes, closes=closes)


def test_the_bank_has_at_least_twelve_distinct_themes() -> None:
    assert len(STATEMENTS) >= 12
    assert len(set(STATEMENTS)) == len(STATEMENTS)


def test_each_theme_returns_every_seven_rounds_and_all_are_asked_in_seven() -> None:
    for start in range(0, 40):
        asked = [theme for n in range(start, start + 7) for theme in statements_for(n)]
        assert sorted(asked) == sorted(STATEMENTS)
    for n in range(40):
        assert statements_for(n) == statements_for(n + 7)
        assert len(set(statements_for(n))) == 2


def test_every_round_starts_with_the_anchor_question() -> None:
    assert all(questions_for(n)[0] == ANCHOR and len(questions_for(n)) == 3 for n in range(12))


HEALTH_WORDS = ("helse", "syk", "sjuk", "søvn", "stress", "health", "sick", "sleep", "illness", "pain", "smerte")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_theme_has_a_text_and_none_asks_about_health(lang: str) -> None:
    tr = get_translator(lang)
    for theme in STATEMENTS:
        text = tr.t(f"pulse.statement_{theme}").lower()
        assert text
        assert not any(word in text for word in HEALTH_WORDS), text
