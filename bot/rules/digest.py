"""Pulse aggregates: what a round adds up to per team, what may be published, and the trend.

Rules and their sources (issue 6; DESIGN.md "Never watched, never identified"; `research/norway-domain.md` §2.3):

- A team's answers in a round are kept only as a tally: the number of answers, per question how many chose
  each of 1–5, and the comments. No answer is kept as a row of its own, so nothing ties one person's answers to
  each other or to a moment.
- At the close, each team's result is n, and per question n, the mean and the distribution, published only
  under the rules of `bot.rules.anonymity` (k per group and per question, comments shuffled). The workspace
  total is published beside the teams, so complementary suppression runs over the teams and the total
  together. The total carries no comments: a comment can name its team, and the total may include teams that
  are hidden.
- The trend of a question covers the last 8 rounds; rounds that were hidden, or did not ask it, are left out.

Pure: tallies in, results out; the shuffle takes an injected `random.Random`.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time

from bot.rules.anonymity import Relation, may_show, shown_comments, suppress
from bot.rules.pulse import ANCHOR, SCALE, scored

WORKSPACE = "*"
# The digest goes out on Monday at this local time (DESIGN.md, default schedule).
DIGEST_TIME = time(9, 0)
TREND_ROUNDS = 8
Counts = tuple[int, ...]


def _empty() -> Counts:
    return (0,) * len(SCALE)


@dataclass(frozen=True)
class Tally:
    """A group's answers in one round: `n` answers, `counts[question][v - 1]` chose v, and the comments."""

    n: int = 0
    counts: Mapping[str, Counts] = field(default_factory=dict)
    comments: tuple[str, ...] = ()

    def with_answer(self, answers: Mapping[str, int], comment: str | None, *, position: int = 0) -> Tally:
        """This tally plus one answer, counted by its score (`bot.rules.pulse.scored`: reversed themes turned
        round); the comment goes in at `position` (the caller picks it at random)."""
        counts = dict(self.counts)
        for question, answer in answers.items():
            value = scored(question, answer)
            current = list(counts.get(question, _empty()))
            current[value - 1] += 1
            counts[question] = tuple(current)
        comments = list(self.comments)
        if comment:
            comments.insert(max(0, min(position, len(comments))), comment)
        return Tally(n=self.n + 1, counts=counts, comments=tuple(comments))


def merge(tallies: Iterable[Tally]) -> Tally:
    """The tally of several groups together (comments left out: see the module docstring)."""
    n = 0
    counts: dict[str, list[int]] = {}
    for tally in tallies:
        n += tally.n
        for question, row in tally.counts.items():
            total = counts.setdefault(question, [0] * len(SCALE))
            for index, value in enumerate(row):
                total[index] += value
    return Tally(n=n, counts={q: tuple(row) for q, row in counts.items()})


@dataclass(frozen=True)
class QuestionStats:
    question: str
    n: int
    mean: float
    distribution: Counts


@dataclass(frozen=True)
class GroupResult:
    """What may be shown of a group: always `n`; the questions and comments only when `shown`."""

    group: str
    n: int
    shown: bool
    questions: tuple[QuestionStats, ...] = ()
    comments: tuple[str, ...] = ()

    def question(self, question: str) -> QuestionStats | None:
        return next((q for q in self.questions if q.question == question), None)


def question_stats(question: str, counts: Counts) -> QuestionStats:
    n = sum(counts)
    mean = sum(value * count for value, count in zip(SCALE, counts, strict=True)) / n if n else 0.0
    return QuestionStats(question=question, n=n, mean=mean, distribution=tuple(counts))


def summarise(group: str, tally: Tally, *, k: int, rng: random.Random, allowed: bool = True) -> GroupResult:
    """A group's result: shown when `allowed` (not suppressed) and at least k answered; each question at k."""
    shown = allowed and may_show(tally.n, k)
    if not shown:
        return GroupResult(group=group, n=tally.n, shown=False)
    questions = tuple(question_stats(q, c) for q, c in tally.counts.items() if may_show(sum(c), k))
    comments = shown_comments(tally.comments, n=tally.n, k=k, rng=rng)
    return GroupResult(group=group, n=tally.n, shown=True, questions=questions, comments=comments)


def publish_round(tallies: Mapping[str, Tally], *, k: int, rng: random.Random) -> dict[str, GroupResult]:
    """Every team's result and the workspace total (`WORKSPACE`), suppressed together."""
    total = merge(tallies.values())
    teams = tuple(sorted(tallies))
    sizes = {**{team: tallies[team].n for team in teams}, WORKSPACE: total.n}
    hidden = suppress(sizes, [Relation(WORKSPACE, teams)], k)
    results = {team: summarise(team, tallies[team], k=k, rng=rng, allowed=team not in hidden) for team in teams}
    results[WORKSPACE] = summarise(WORKSPACE, total, k=k, rng=rng, allowed=WORKSPACE not in hidden)
    return results


@dataclass(frozen=True)
class RoundResult:
    """A group's published result in the round of `round_day`."""

    round_day: date
    result: GroupResult


@dataclass(frozen=True)
class TrendPoint:
    round_day: date
    n: int
    mean: float


def trend(
    history: Sequence[RoundResult], question: str = ANCHOR, *, rounds: int = TREND_ROUNDS
) -> tuple[TrendPoint, ...]:
    """The mean of `question` over the last `rounds` rounds, oldest first; hidden rounds are left out."""
    recent = sorted(history, key=lambda item: item.round_day)[-rounds:]
    points: list[TrendPoint] = []
    for item in recent:
        stats = item.result.question(question) if item.result.shown else None
        if stats is not None:
            points.append(TrendPoint(round_day=item.round_day, n=stats.n, mean=stats.mean))
    return tuple(points)
