"""The weekly pulse: answering it, and what each person may see of it.

Answering happens in two transactions. The first reads who is asking (never refreshing or writing their person
row: nothing a person does in the pulse touches a row or timestamp of theirs). The second deletes their awaiting
marker and adds the answer to the tally of the team their marker names (their team when the round opened), and
writes nothing else: no row in it names the person, so not even the database's own transaction ids can pair the
answer with them (on PostgreSQL every row written by one transaction carries its id in `xmin`). A second answer
finds no marker and is refused. On SQLite the WAL is checkpointed and truncated after each answer.

Who sees what (the modal says the same): members see their team's last published result in the App Home; the
manager sees the round's state, the team's response rate when the team has at least k members, the published
results with the comments and the trend; admins also see the workspace total. Nobody sees who answered.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from collections.abc import Mapping
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.pulse import (
    AnswerProblem,
    AnswerResult,
    PulseForm,
    PulseHome,
    PulseStatus,
    RoundState,
)
from bot.core.deps import Deps
from bot.core.persons import PersonView, load_view, peek_view
from bot.features.pulse.results import history, tally_of_row
from bot.features.pulse.rounds import marker, round_time
from bot.features.pulse.settings import load_pulse_settings
from bot.rules.anonymity import group_for
from bot.rules.digest import WORKSPACE, RoundResult, trend
from bot.rules.pulse import SCALE, next_round_day, opens_at
from storage import pulse_repo, team_repo
from storage.db import checkpoint, transaction
from storage.pulse_models import PulseRound, RoundStatus

MAX_COMMENT = 500
_SECRET_LABEL = b"oppfolging/pulse-marker/v1"


def marker_secret(*candidates: str | None) -> bytes:
    """The key of the participation markers, from the first secret configured (`OPPFOLGING_SECRET`, else the
    signing secret, else the bot token), put through HMAC so the marker key is never a Slack secret itself."""
    secret = next((c for c in candidates if c), None)
    if secret is None:
        raise ValueError("no secret to derive the pulse marker key from")
    return hmac.new(secret.encode(), _SECRET_LABEL, hashlib.sha256).digest()


class _RefusedError(Exception):
    def __init__(self, problem: AnswerProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class PulseService:
    """Answering the pulse, and what a person or a manager sees of it."""

    def __init__(self, deps: Deps, *, secret: bytes, rng: random.Random | None = None) -> None:
        self._deps = deps
        self._secret = secret
        self._rng = rng or random.SystemRandom()

    def _token(self, team_id: str, round_id: str, user_id: str) -> str:
        return marker(self._secret, team_id=team_id, round_id=round_id, user_id=user_id)

    async def _problem(self, session: AsyncSession, pulse_round: PulseRound | None, token: str) -> AnswerProblem | None:
        """None when the person behind `token` may answer `pulse_round` now, else why not."""
        if pulse_round is None or pulse_round.status != RoundStatus.OPEN or pulse_round.closes_at <= self._deps.now():
            return AnswerProblem.CLOSED
        if await pulse_repo.is_awaiting(session, round_id=pulse_round.id, token=token):
            return None
        if await pulse_repo.invitation(session, round_id=pulse_round.id, token=token) is not None:
            return AnswerProblem.ALREADY
        return AnswerProblem.NOT_ASKED

    async def open_pulse_modal(self, *, team_id: str, user_id: str, round_id: str) -> PulseForm:
        async with transaction(self._deps.sessions) as session:
            me = await peek_view(session, self._deps, team_id=team_id, user_id=user_id)
            pulse_round = await pulse_repo.get_round(session, team_id=team_id, round_id=round_id)
            problem = await self._problem(session, pulse_round, self._token(team_id, round_id, user_id))
            if pulse_round is None or problem is not None:
                return PulseForm(me.lang, round_id, problem=problem)
            return PulseForm(me.lang, round_id, questions=tuple(pulse_round.questions), k=pulse_round.k)

    async def record_pulse_answer(
        self, *, team_id: str, user_id: str, round_id: str, answers: Mapping[str, int | None], comment: str | None
    ) -> AnswerResult:
        """Add one answer to the team's tally, once per person and round. Refusals change nothing."""
        async with transaction(self._deps.sessions) as session:
            lang = (await peek_view(session, self._deps, team_id=team_id, user_id=user_id)).lang
            pulse_round = await pulse_repo.get_round(session, team_id=team_id, round_id=round_id)
            if pulse_round is None or pulse_round.status != RoundStatus.OPEN:
                return AnswerResult(lang, problem=AnswerProblem.CLOSED)
            questions, k = tuple(pulse_round.questions), pulse_round.k
        values: dict[str, int] = {}
        for question in questions:
            value = answers.get(question)
            if value not in SCALE:
                return AnswerResult(lang, problem=AnswerProblem.MISSING, question=question, k=k)
            assert value is not None
            values[question] = value
        text = (comment or "").strip() or None
        if text is not None and len(text) > MAX_COMMENT:
            return AnswerResult(lang, problem=AnswerProblem.TOO_LONG, k=k)
        token = self._token(team_id, round_id, user_id)
        try:
            async with transaction(self._deps.sessions) as session:
                if not await pulse_repo.take_awaiting(session, round_id=round_id, token=token):
                    current = await pulse_repo.get_round(session, team_id=team_id, round_id=round_id)
                    raise _RefusedError(await self._problem(session, current, token) or AnswerProblem.CLOSED)
                current = await pulse_repo.get_round(session, team_id=team_id, round_id=round_id)
                if current is None or current.closes_at <= self._deps.now():
                    raise _RefusedError(AnswerProblem.CLOSED)
                # The answer counts in the team the person was in when the round opened, whatever happened since.
                invited = await pulse_repo.invitation(session, round_id=round_id, token=token)
                group = invited.group_key if invited is not None else ""
                if not group:
                    raise _RefusedError(AnswerProblem.NO_TEAM)
                row = await pulse_repo.tally_for_update(session, team_id=team_id, round_id=round_id, group_key=group)
                before = tally_of_row(row)
                after = before.with_answer(values, text, position=self._rng.randrange(len(before.comments) + 1))
                row.n = after.n
                row.counts = {q: list(c) for q, c in after.counts.items()}
                row.comments = list(after.comments)
        except _RefusedError as refused:
            return AnswerResult(lang, problem=refused.problem, k=k)
        # The marker delete and the tally update must not linger in SQLite's WAL file (no-op on PostgreSQL).
        await checkpoint(self._deps.sessions)
        return AnswerResult(lang, k=k)

    async def home_section(self, session: AsyncSession, *, me: PersonView) -> PulseHome | None:
        """The pulse part of `me`'s App Home, or None when they are in no team."""
        team_id = me.team_id
        group = group_for(me.user_id, await team_repo.manager_of(session, team_id=team_id, employee_id=me.user_id))
        if group is None:
            return None
        round_id: str | None = None
        closes: datetime | None = None
        answered = False
        open_round = await pulse_repo.open_round(session, team_id=team_id)
        if open_round is not None and open_round.closes_at > self._deps.now():
            token = self._token(team_id, open_round.id, me.user_id)
            if await pulse_repo.is_awaiting(session, round_id=open_round.id, token=token):
                round_id, closes = open_round.id, open_round.closes_at
            else:
                answered = await pulse_repo.invitation(session, round_id=open_round.id, token=token) is not None
        results = await history(session, team_id=team_id, group_key=group, limit=1)
        last = results[0] if results else None
        k = open_round.k if open_round is not None else (await load_pulse_settings(session, team_id=team_id)).k
        return PulseHome(zone=me.zone.key, round_id=round_id, closes_at=closes, answered=answered, last=last, k=k)

    async def last_published_result(self, *, team_id: str, user_id: str) -> PulseHome | None:
        """The employee's view: their team's last published result, and the open round if they may answer."""
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=user_id)
            return await self.home_section(session, me=me)

    async def pulse_status_for_manager(self, *, team_id: str, user_id: str) -> PulseStatus:
        """`/oppfolging puls`: the round's state and the team's response rate (teams of at least k only)."""
        now = self._deps.now()
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=user_id)
            settings = await load_pulse_settings(session, team_id=team_id)
            members = await team_repo.team_of(session, team_id=team_id, manager_id=user_id)
            open_round = await pulse_repo.open_round(session, team_id=team_id)
            k = open_round.k if open_round is not None else settings.k
            current: RoundState | None = None
            answered: int | None = None
            if open_round is not None and open_round.closes_at > now:
                opening = opens_at(open_round.round_day, round_time(open_round), me.zone)
                current = RoundState(open_round.round_day, opening, open_round.closes_at)
                if len(members) >= k:
                    tally = await pulse_repo.tally_of(session, round_id=open_round.id, group_key=user_id)
                    answered = tally.n if tally is not None else 0
            after = open_round.round_day if current is not None and open_round is not None else me.today(now)
            results = await history(session, team_id=team_id, group_key=user_id)
            workspace = None
            if me.is_admin:
                total = await history(session, team_id=team_id, group_key=WORKSPACE, limit=1)
                workspace = total[0] if total else None
            return PulseStatus(
                lang=me.lang,
                zone=me.zone.key,
                k=k,
                team_size=len(members),
                current=current,
                answered=answered,
                next_round=next_round_day(after, settings.schedule),
                last=results[0] if results else None,
                trend=trend([RoundResult(p.round_day, p.result) for p in results]),
                mine=await self.home_section(session, me=me),
                workspace=workspace,
                admin=me.is_admin,
            )
