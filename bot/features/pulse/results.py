"""Published pulse results, read back: for `/oppfolging puls`, the App Home and the weekly digest.

What is stored was already decided at the close (`rounds`): a hidden group has no counts and no comments,
so nothing read here can show more than the anonymity rules allowed. `PulseResults` is the digest's
`PulseDigestSource`: a team's (or the workspace's) last closed round with the change per question since the last
round that asked it, and the trend of the anchor question over the last 8 rounds, hidden rounds left out.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.digest import PulseDigest, QuestionLine, TrendPointView
from bot.contract.pulse import PublishedResult
from bot.core.deps import Deps
from bot.core.persons import load_view
from bot.rules.calendar import iso_week
from bot.rules.digest import TREND_ROUNDS, WORKSPACE, GroupResult, RoundResult, Tally, question_stats, trend
from bot.rules.pulse import ANCHOR
from storage import pulse_repo
from storage.pulse_models import PulseRound, PulseTally


def tally_of_row(row: PulseTally) -> Tally:
    counts = {str(q): tuple(int(c) for c in row_counts) for q, row_counts in row.counts.items()}
    return Tally(n=row.n, counts=counts, comments=tuple(str(c) for c in row.comments))


def published(pulse_round: PulseRound, row: PulseTally) -> PublishedResult:
    """A stored result as it may be shown: it was suppressed, trimmed and shuffled when the round closed."""
    if not row.shown:
        result = GroupResult(group=row.group_key, n=row.n, shown=False)
    else:
        tally = tally_of_row(row)
        questions = tuple(question_stats(q, tally.counts[q]) for q in pulse_round.questions if q in tally.counts)
        result = GroupResult(group=row.group_key, n=row.n, shown=True, questions=questions, comments=tally.comments)
    return PublishedResult(round_day=pulse_round.round_day, k=pulse_round.k, result=result, invited=row.invited)


async def history(
    session: AsyncSession, *, team_id: str, group_key: str, limit: int = TREND_ROUNDS, now: datetime | None = None
) -> list[PublishedResult]:
    """A group's published results, newest first (only rounds closed by `now`, when given)."""
    rows = await pulse_repo.results_of(session, team_id=team_id, group_key=group_key, limit=limit)
    return [published(r, row) for r, row in rows if now is None or r.closes_at <= now]


def question_key(question: str) -> str:
    """The catalog key of a question's text (with a `.short` variant for the anchor question)."""
    return "pulse.question_anchor" if question == ANCHOR else f"pulse.statement_{question}"


class PulseResults:
    """The digest's source of pulse figures (`bot.features.digest.service.PulseDigestSource`)."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def team_digest(
        self, session: AsyncSession, *, team_id: str, manager_id: str, now: datetime
    ) -> PulseDigest | None:
        lang = (await load_view(session, self._deps, team_id=team_id, user_id=manager_id)).lang
        return _digest(await history(session, team_id=team_id, group_key=manager_id, now=now), lang)

    async def org_digest(self, session: AsyncSession, *, team_id: str, now: datetime) -> PulseDigest | None:
        results = await history(session, team_id=team_id, group_key=WORKSPACE, now=now)
        return _digest(results, self._deps.defaults.language)


def _digest(results: list[PublishedResult], lang: str) -> PulseDigest | None:
    if not results:
        return None

    def label(day: date) -> int:
        return iso_week(day)[1]

    latest = results[0]
    if not latest.result.shown:
        return PulseDigest(round_week=label(latest.round_day), suppressed=True)
    lines: list[QuestionLine] = []
    for stats in latest.result.questions:
        before = next(
            (r.result.question(stats.question) for r in results[1:] if r.result.question(stats.question)), None
        )
        change = stats.mean - before.mean if before is not None else None
        lines.append(QuestionLine(key=question_key(stats.question), mean=stats.mean, change=change))
    points = trend([RoundResult(r.round_day, r.result) for r in results])
    return PulseDigest(
        round_week=label(latest.round_day),
        suppressed=False,
        answered=latest.result.n,
        invited=max(latest.invited, latest.result.n),
        questions=tuple(lines),
        trend=tuple(TrendPointView(week=label(p.round_day), mean=p.mean) for p in points),
    )
