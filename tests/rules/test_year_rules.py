"""The conversation year's pure rules: prøvetid (aml § 15-6), sick-leave milestones (aml § 4-6, ftrl §§ 8-7 a,
8-8), and the medarbeidersamtale period. Tables for the rules as written, properties where dates vary."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules.annual import Period, invite_day, parse_period
from bot.rules.calendar import DEFAULT_WORK_CALENDAR, ORDINARY_DAYS, WorkCalendar
from bot.rules.probation import (
    ProbationProblem,
    check_extension,
    check_months,
    checkin_months,
    checkins,
    decision_day,
    end_of,
)
from bot.rules.sickleave import NOTICE_DAYS, Milestone, deadline, delete_on, milestones, retention_months

DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31))

# prøvetid -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "expected"), [(6, (1, 3, 5)), (5, (1, 3, 4)), (4, (1, 2, 3)), (3, (1, 2)), (2, (1,)), (1, ())]
)
def test_check_ins_are_spread_over_the_period(months: int, expected: tuple[int, ...]) -> None:
    assert checkin_months(months) == expected


@pytest.mark.parametrize(
    ("months", "problem"),
    [(7, ProbationProblem.TOO_LONG), (12, ProbationProblem.TOO_LONG), (0, ProbationProblem.TOO_SHORT), (6, None)],
)
def test_at_most_six_months(months: int, problem: ProbationProblem | None) -> None:
    assert check_months(months) is problem


def test_a_four_month_probation_ends_and_is_decided_by_calendar_months() -> None:
    start = date(2027, 1, 15)
    assert end_of(start, 4) == date(2027, 5, 15)
    assert decision_day(end_of(start, 4), start=start) == date(2027, 4, 15)
    assert decision_day(date(2027, 3, 31), start=start) == date(2027, 2, 28)  # clamped to the month's last day
    assert decision_day(date(2027, 1, 15), start=date(2026, 7, 15)) == date(2026, 12, 15)  # across the year end
    assert checkins(date(2027, 1, 15), 1) == (date(2027, 1, 29),)


def test_an_extension_must_lie_after_the_end_and_within_a_year() -> None:
    end = date(2027, 5, 15)
    assert check_extension(end, end) is ProbationProblem.NOT_AFTER_END
    assert check_extension(end, date(2027, 6, 12)) is None
    assert check_extension(end, date(2028, 6, 12)) is ProbationProblem.TOO_FAR


@given(start=DAYS, months=st.integers(min_value=1, max_value=6))
def test_every_check_in_and_the_decision_lie_inside_the_probation(start: date, months: int) -> None:
    """Property: the check-ins are increasing and strictly between the start and the end, and the decision
    reminder comes after the start and before the end."""
    end = end_of(start, months)
    days = checkins(start, months)
    assert list(days) == sorted(set(days))
    assert all(start < day < end for day in days)
    assert start <= decision_day(end, start=start) < end


# sick leave -----------------------------------------------------------------------------------------


def test_deadlines_count_calendar_weeks_from_the_first_day() -> None:
    start = date(2026, 12, 7)  # a Monday
    assert deadline(start, 4) == date(2027, 1, 3)  # the Sunday that ends week 4
    assert deadline(start, 7) == date(2027, 1, 24)
    assert deadline(start, 8) == date(2027, 1, 31)
    assert deadline(start, 25) == date(2027, 5, 30)


def test_milestones_of_a_graded_case_across_christmas_and_the_year_end() -> None:
    dues = {due.milestone: due for due in milestones(date(2026, 12, 11), graded=True, calendar=DEFAULT_WORK_CALENDAR)}
    assert [m.value for m in dues] == ["plan", "dialogue1", "activity", "nav_plan"]
    plan = dues[Milestone.PLAN]
    # A week before Thursday 7 January is Thursday 31 December: closed (27.–31.12), and 24.–26.12 are not working
    # days, so the reminder comes on Wednesday 23 December.
    assert (plan.deadline, plan.remind_on, plan.source) == (date(2027, 1, 7), date(2026, 12, 23), "aml § 4-6 (3)")
    assert dues[Milestone.DIALOGUE_1].decide_only
    assert not dues[Milestone.PLAN].decide_only
    assert dues[Milestone.DIALOGUE_1].remind_on == date(2027, 1, 21)
    # Without the closures, 31 December is a working day.
    assert milestones(date(2026, 12, 11), graded=True, calendar=ORDINARY_DAYS)[0].remind_on == date(2026, 12, 31)


def test_a_full_absence_must_hold_dialogue_1_and_an_ended_case_drops_later_milestones() -> None:
    start = date(2026, 12, 11)
    assert not any(due.decide_only for due in milestones(start, graded=False))
    ended = milestones(start, graded=False, end=date(2027, 1, 22))
    assert [due.milestone for due in ended] == [Milestone.PLAN, Milestone.DIALOGUE_1]


def test_retention_counts_calendar_months_from_the_end() -> None:
    assert delete_on(date(2027, 1, 22)) == date(2027, 5, 22)
    assert delete_on(date(2027, 10, 31), 4) == date(2028, 2, 29)
    assert delete_on(date(2027, 1, 22), 12) == date(2028, 1, 22)


@given(start=DAYS, graded=st.booleans(), closed=st.booleans())
def test_a_reminder_comes_on_the_last_working_day_not_after_a_week_before_its_deadline(
    start: date, graded: bool, closed: bool
) -> None:
    """Property: each reminder day is a working day, at least `NOTICE_DAYS` before its deadline, and no working day
    lies after it up to that point (earlier, never later, and no earlier than needed)."""
    calendar: WorkCalendar = DEFAULT_WORK_CALENDAR if closed else ORDINARY_DAYS
    for due in milestones(start, graded=graded, calendar=calendar):
        latest = due.deadline - timedelta(days=NOTICE_DAYS)
        assert calendar.is_working_day(due.remind_on)
        assert due.remind_on <= latest
        day = due.remind_on + timedelta(days=1)
        while day <= latest:
            assert not calendar.is_working_day(day)
            day += timedelta(days=1)
        assert due.decide_only == (graded and due.milestone is Milestone.DIALOGUE_1)


# the medarbeidersamtale period -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("oktober–november", Period(10, 11)),
        ("okt-nov", Period(10, 11)),
        ("October to November", Period(10, 11)),
        ("september", Period(9, 9)),
        ("desember–januar", Period(12, 1)),
        ("10-11", Period(10, 11)),
        ("høst", None),
        ("13-14", None),
        ("", None),
    ],
)
def test_the_period_is_read_in_every_language(text: str, period: Period | None) -> None:
    assert parse_period(text) == period


def test_a_period_may_wrap_the_year_and_invitations_come_two_weeks_ahead() -> None:
    assert Period(12, 1).contains(date(2027, 1, 20))
    assert not Period(12, 1).contains(date(2027, 2, 1))
    assert Period(10, 11).contains(date(2026, 11, 30))
    assert invite_day(date(2026, 12, 15)) == date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "months"),
    [("4", 4), ("1", 1), ("24", 24), (" 6 ", 6), ("0", None), ("25", None), ("4.5", None), ("-3", None), ("", None)],
)
def test_the_retention_an_admin_types_is_a_whole_number_of_months_from_1_to_24(typed: str, months: int | None) -> None:
    assert retention_months(typed) == months
