"""Pulse aggregates: tallies, what a round publishes per team and for the workspace, and the trend."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from bot.rules.digest import (
    WORKSPACE,
    GroupResult,
    QuestionStats,
    RoundResult,
    Tally,
    merge,
    publish_round,
    question_stats,
    summarise,
    trend,
)
from bot.rules.pulse import ANCHOR

Q = (ANCHOR, "strengths", "workload")


def tally_of(*answers: tuple[int, int, int], comments: tuple[str, ...] = ()) -> Tally:
    tally = Tally()
    for index, (a, b, c) in enumerate(answers):
        comment = comments[index] if index < len(comments) else None
        tally = tally.with_answer(dict(zip(Q, (a, b, c), strict=True)), comment, position=len(tally.comments))
    return tally


def test_a_tally_counts_answers_per_question_and_value() -> None:
    tally = tally_of((4, 5, 2), (4, 3, 2), (1, 3, 2))
    assert tally.n == 3
    assert tally.counts[ANCHOR] == (1, 0, 0, 2, 0)
    assert tally.counts["strengths"] == (0, 0, 2, 0, 1)
    assert tally.counts["workload"] == (0, 3, 0, 0, 0)


@pytest.mark.parametrize("value", [0, 6, -1])
def test_a_value_off_the_scale_is_refused(value: int) -> None:
    with pytest.raises(ValueError, match="1–5"):
        Tally().with_answer({ANCHOR: value}, None)


def test_the_comment_goes_where_the_caller_says_and_empty_ones_are_dropped() -> None:
    tally = Tally().with_answer({ANCHOR: 3}, "a").with_answer({ANCHOR: 3}, "b", position=0)
    tally = tally.with_answer({ANCHOR: 3}, "", position=0).with_answer({ANCHOR: 3}, "c", position=99)
    assert tally.comments == ("b", "a", "c")
    assert tally.n == 4


def test_merge_adds_counts_and_leaves_comments_out() -> None:
    merged = merge([tally_of((5, 5, 5), comments=("x",)), tally_of((1, 1, 1), (2, 2, 2))])
    assert merged.n == 3
    assert merged.counts[ANCHOR] == (1, 1, 0, 0, 1)
    assert merged.comments == ()


def test_question_stats() -> None:
    stats = question_stats(ANCHOR, (0, 1, 2, 2, 1))
    assert stats == QuestionStats(ANCHOR, 6, pytest.approx(21 / 6), (0, 1, 2, 2, 1))
    assert question_stats(ANCHOR, (0, 0, 0, 0, 0)).mean == 0.0


@pytest.mark.parametrize(("n", "shown"), [(4, False), (5, True), (6, True)])
def test_a_team_is_shown_from_k_answers(n: int, shown: bool) -> None:
    tally = tally_of(*[(3, 4, 5)] * n, comments=tuple(f"c{i}" for i in range(n)))
    result = summarise("UKARI", tally, k=5, rng=random.Random(0))
    assert result.n == n
    assert result.shown is shown
    assert bool(result.questions) is shown
    assert sorted(result.comments) == (sorted(f"c{i}" for i in range(n)) if shown else [])


def test_a_question_fewer_than_k_answered_is_left_out_of_a_shown_team() -> None:
    tally = Tally(n=6, counts={ANCHOR: (1, 1, 1, 1, 2), "strengths": (0, 0, 1, 2, 1)})
    result = summarise("UKARI", tally, k=5, rng=random.Random(0))
    assert result.shown
    assert [q.question for q in result.questions] == [ANCHOR]


def test_suppressed_by_the_caller_means_no_numbers_even_at_k() -> None:
    result = summarise("UKARI", tally_of(*[(3, 3, 3)] * 7), k=5, rng=random.Random(0), allowed=False)
    assert result == GroupResult("UKARI", 7, False)


def test_comments_come_out_shuffled_by_the_injected_random() -> None:
    comments = tuple(f"c{i}" for i in range(8))
    tally = tally_of(*[(3, 3, 3)] * 8, comments=comments)
    first = summarise("UKARI", tally, k=5, rng=random.Random(42)).comments
    again = summarise("UKARI", tally, k=5, rng=random.Random(42)).comments
    assert first == again
    assert first != comments
    assert sorted(first) == list(comments)


def test_publish_hides_the_total_when_it_would_reveal_a_small_team() -> None:
    results = publish_round(
        {"A": tally_of(*[(4, 4, 4)] * 5), "B": tally_of((1, 1, 1), (1, 1, 1))}, k=5, rng=random.Random(0)
    )
    assert results["A"].shown
    assert not results["B"].shown
    assert not results[WORKSPACE].shown  # total (7) minus A (5) would give B's two answers
    assert results[WORKSPACE].n == 7


def test_publish_shows_the_total_when_the_hidden_teams_together_reach_k() -> None:
    tallies = {
        "A": tally_of(*[(4, 4, 4)] * 5, comments=("a",)),
        "B": tally_of(*[(2, 2, 2)] * 3, comments=("b",)),
        "C": tally_of((1, 1, 1), (5, 5, 5)),
    }
    results = publish_round(tallies, k=5, rng=random.Random(0))
    assert [results[t].shown for t in ("A", "B", "C")] == [True, False, False]
    total = results[WORKSPACE]
    assert total.shown
    assert total.n == 10
    assert total.question(ANCHOR) == QuestionStats(ANCHOR, 10, pytest.approx(32 / 10), (1, 3, 0, 5, 1))
    assert total.comments == ()  # a comment may name its team; the total carries none


def test_publish_with_no_answers_at_all() -> None:
    results = publish_round({}, k=5, rng=random.Random(0))
    assert results == {WORKSPACE: GroupResult(WORKSPACE, 0, False)}


def _history(means: list[float | None]) -> list[RoundResult]:
    """One round a week from 7 Oct 2026; None is a hidden round."""
    rounds = []
    for week, mean in enumerate(means):
        day = date(2026, 10, 7) + timedelta(weeks=week)
        if mean is None:
            rounds.append(RoundResult(day, GroupResult("UKARI", 3, False)))
        else:
            stats = QuestionStats(ANCHOR, 6, mean, (0, 0, 0, 6, 0))
            rounds.append(RoundResult(day, GroupResult("UKARI", 6, True, (stats,))))
    return rounds


def test_trend_covers_the_last_eight_rounds_oldest_first_without_hidden_ones() -> None:
    history = _history([1.0, 2.0, 3.0, None, 3.5, 3.6, None, 3.8, 3.9, 4.0])
    points = trend(list(reversed(history)))
    assert [p.mean for p in points] == [3.0, 3.5, 3.6, 3.8, 3.9, 4.0]
    assert points[0].round_day == date(2026, 10, 21)
    assert all(p.n == 6 for p in points)


def test_trend_of_a_statement_only_where_it_was_asked() -> None:
    history = _history([3.0, 4.0])
    assert trend(history, "strengths") == ()
    assert len(trend(history, ANCHOR, rounds=1)) == 1
