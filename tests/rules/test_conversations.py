"""Conversation types: probation check-ins and end, the annual conversation's 12 months, the suggested type."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.rules.conversations import (
    GUIDE_QUESTIONS,
    LIFE_PHASE_TOPICS,
    LIFE_PHASES,
    PREP_QUESTIONS,
    ConversationType,
    add_months,
    annual_conversation_due,
    annual_conversation_due_on,
    default_type,
    guide_question_keys,
    life_phase_topic_keys,
    life_phase_topics,
    prep_question_keys,
    probation_checkins,
    probation_end,
)


def test_conversation_type_values() -> None:
    assert [kind.value for kind in ConversationType] == [
        "ordinary",
        "probation",
        "annual",
        "return",
        "recognition",
        "concern",
        "conflict",
    ]
    assert ConversationType("return") is ConversationType.RETURN


def test_every_type_has_a_guide_of_four_to_seven_questions() -> None:
    assert set(GUIDE_QUESTIONS) == set(ConversationType)
    assert all(4 <= count <= 7 for count in GUIDE_QUESTIONS.values())


def test_counts_of_prep_questions_and_life_phases() -> None:
    assert PREP_QUESTIONS == 3
    assert LIFE_PHASES == ("20_30", "30_45", "45_55", "55_62", "62_70")
    assert tuple(LIFE_PHASE_TOPICS) == LIFE_PHASES
    assert all(count >= 1 for count in LIFE_PHASE_TOPICS.values())


def test_catalog_keys() -> None:
    assert guide_question_keys(ConversationType.ORDINARY) == tuple(
        f"guide.ordinary.q{n}" for n in range(1, GUIDE_QUESTIONS[ConversationType.ORDINARY] + 1)
    )
    assert prep_question_keys() == ("guide.prep.q1", "guide.prep.q2", "guide.prep.q3")
    assert life_phase_topic_keys("55_62") == ("guide.life.55_62.t1", "guide.life.55_62.t2", "guide.life.55_62.t3")
    with pytest.raises(KeyError):
        life_phase_topic_keys("70_80")


@pytest.mark.parametrize("kind", list(ConversationType))
def test_life_phase_topics_come_with_the_medarbeidersamtale_only(kind: ConversationType) -> None:
    offered = life_phase_topics(kind)
    if kind is not ConversationType.ANNUAL:
        assert offered == ()
        return
    # every phase, in display order, each with its own name and all its topics: offered, never chosen by age
    assert tuple(phase.phase for phase in offered) == LIFE_PHASES
    assert [phase.name_key for phase in offered] == [f"guide.life.{phase}.name" for phase in LIFE_PHASES]
    assert [phase.topic_keys for phase in offered] == [life_phase_topic_keys(phase) for phase in LIFE_PHASES]
    assert sum(len(phase.topic_keys) for phase in offered) == sum(LIFE_PHASE_TOPICS.values())


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # clamped to the month's end
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 11, 30), 2, date(2027, 1, 30)),  # across the year boundary
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 8, 31), 0, date(2026, 8, 31)),
        (date(2026, 8, 31), 18, date(2028, 2, 29)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "checkins", "end"),
    [
        # an ordinary mid-month start
        (
            date(2026, 1, 15),
            (date(2026, 2, 15), date(2026, 4, 15), date(2026, 6, 15)),
            date(2026, 7, 15),
        ),
        # 31 January: February clamps; April and June have 30 days
        (
            date(2026, 1, 31),
            (date(2026, 2, 28), date(2026, 4, 30), date(2026, 6, 30)),
            date(2026, 7, 31),
        ),
        # 31 January in a leap year
        (
            date(2028, 1, 31),
            (date(2028, 2, 29), date(2028, 4, 30), date(2028, 6, 30)),
            date(2028, 7, 31),
        ),
        # 29 February start
        (
            date(2028, 2, 29),
            (date(2028, 3, 29), date(2028, 5, 29), date(2028, 7, 29)),
            date(2028, 8, 29),
        ),
        # 31 August: the probation ends in a short February
        (
            date(2026, 8, 31),
            (date(2026, 9, 30), date(2026, 11, 30), date(2027, 1, 31)),
            date(2027, 2, 28),
        ),
        # across the year boundary, into a leap-year February
        (
            date(2027, 9, 30),
            (date(2027, 10, 30), date(2027, 12, 30), date(2028, 2, 29)),
            date(2028, 3, 30),
        ),
        # start on New Year's Eve
        (
            date(2026, 12, 31),
            (date(2027, 1, 31), date(2027, 3, 31), date(2027, 5, 31)),
            date(2027, 6, 30),
        ),
    ],
)
def test_probation_checkins_and_end(start: date, checkins: tuple[date, date, date], end: date) -> None:
    assert probation_checkins(start) == checkins
    assert probation_end(start) == end


@pytest.mark.parametrize("offset", range(0, 366 * 4, 7))
def test_checkins_are_increasing_and_all_before_the_probation_ends(offset: int) -> None:
    start = date(2026, 1, 1) + timedelta(days=offset)
    first, second, third = probation_checkins(start)
    assert start < first < second < third < probation_end(start)
    assert probation_end(start) - start <= timedelta(days=184)  # never more than six months


@pytest.mark.parametrize(
    ("last_annual", "relationship_start", "today", "due"),
    [
        # counted from when the pair started: due on the same day a year later, not the day before
        (None, date(2026, 1, 15), date(2027, 1, 14), False),
        (None, date(2026, 1, 15), date(2027, 1, 15), True),
        (None, date(2026, 1, 15), date(2027, 1, 16), True),
        # counted from the last annual conversation, which wins over the pair's start
        (date(2026, 6, 10), date(2024, 3, 1), date(2027, 6, 9), False),
        (date(2026, 6, 10), date(2024, 3, 1), date(2027, 6, 10), True),
        (date(2026, 6, 10), date(2024, 3, 1), date(2027, 6, 11), True),
        # a new pair is not due at once
        (None, date(2026, 12, 1), date(2026, 12, 1), False),
        # from 29 February: due on 28 February the next year
        (date(2028, 2, 29), date(2027, 1, 1), date(2029, 2, 27), False),
        (date(2028, 2, 29), date(2027, 1, 1), date(2029, 2, 28), True),
        # across New Year's Eve
        (date(2026, 12, 31), date(2025, 1, 1), date(2027, 12, 30), False),
        (date(2026, 12, 31), date(2025, 1, 1), date(2027, 12, 31), True),
        # overdue for a long time stays due
        (None, date(2020, 5, 5), date(2026, 12, 1), True),
    ],
)
def test_annual_conversation_due(last_annual: date | None, relationship_start: date, today: date, due: bool) -> None:
    assert annual_conversation_due(last_annual=last_annual, relationship_start=relationship_start, today=today) is due


def test_annual_conversation_due_on() -> None:
    assert annual_conversation_due_on(last_annual=None, relationship_start=date(2026, 3, 31)) == date(2027, 3, 31)
    assert annual_conversation_due_on(last_annual=date(2027, 5, 2), relationship_start=date(2026, 3, 31)) == date(
        2028, 5, 2
    )


TARGETS = probation_checkins(date(2026, 1, 15))  # 15.02, 15.04, 15.06.2026


@pytest.mark.parametrize(
    ("meeting_day", "targets", "annual_due", "window_days", "expected"),
    [
        # biweekly, window [day - 7, day + 7)
        (date(2026, 2, 10), TARGETS, False, 14, ConversationType.PROBATION),  # target 5 days later
        (date(2026, 2, 22), TARGETS, False, 14, ConversationType.PROBATION),  # target 7 days earlier: included
        (date(2026, 2, 8), TARGETS, False, 14, ConversationType.ORDINARY),  # target 7 days later: excluded
        (date(2026, 2, 23), TARGETS, False, 14, ConversationType.ORDINARY),  # target 8 days earlier
        (date(2026, 6, 15), TARGETS, False, 14, ConversationType.PROBATION),  # on the target day
        (date(2026, 3, 17), TARGETS, False, 14, ConversationType.ORDINARY),  # between targets
        # weekly, window [day - 3, day + 4)
        (date(2026, 2, 12), TARGETS, False, 7, ConversationType.PROBATION),  # target 3 days later
        (date(2026, 2, 11), TARGETS, False, 7, ConversationType.ORDINARY),  # target 4 days later
        (date(2026, 2, 18), TARGETS, False, 7, ConversationType.PROBATION),  # target 3 days earlier
        (date(2026, 2, 19), TARGETS, False, 7, ConversationType.ORDINARY),  # target 4 days earlier
        # a probation check-in wins over a due annual conversation
        (date(2026, 4, 14), TARGETS, True, 14, ConversationType.PROBATION),
        (date(2026, 3, 17), TARGETS, True, 14, ConversationType.ANNUAL),
        (date(2026, 3, 17), (), True, 14, ConversationType.ANNUAL),
        (date(2026, 3, 17), (), False, 14, ConversationType.ORDINARY),
        # a target across the year boundary
        (date(2026, 12, 29), (date(2027, 1, 4),), False, 14, ConversationType.PROBATION),
        # window of one day: only the meeting day itself
        (date(2026, 2, 15), TARGETS, False, 1, ConversationType.PROBATION),
        (date(2026, 2, 14), TARGETS, False, 1, ConversationType.ORDINARY),
    ],
)
def test_default_type(
    meeting_day: date, targets: tuple[date, ...], annual_due: bool, window_days: int, expected: ConversationType
) -> None:
    assert (
        default_type(meeting_day=meeting_day, probation_targets=targets, annual_due=annual_due, window_days=window_days)
        is expected
    )


@pytest.mark.parametrize("step", [7, 14, 21])
def test_windows_of_a_regular_cadence_give_each_target_to_exactly_one_meeting(step: int) -> None:
    start = date(2026, 1, 1)
    meetings = [start + timedelta(days=step * n) for n in range(40)]
    for target in probation_checkins(date(2026, 2, 3)):
        chosen = [
            day
            for day in meetings
            if default_type(meeting_day=day, probation_targets=(target,), annual_due=False, window_days=step)
            is ConversationType.PROBATION
        ]
        assert len(chosen) == 1
        assert abs((chosen[0] - target).days) <= step // 2


@pytest.mark.parametrize("window_days", [0, -14])
def test_default_type_rejects_an_empty_window(window_days: int) -> None:
    with pytest.raises(ValueError, match="window_days"):
        default_type(meeting_day=date(2026, 1, 1), probation_targets=(), annual_due=False, window_days=window_days)
