"""The 1:1 rhythm: set up a pair's cadence; the agenda and the follow-up are `meetings.MeetingService`'s.

Only the two people in a pair can read or change its agenda and meetings: every intent checks that the caller is
the pair's manager or employee, and anything else looks exactly like "not found". `1til1` by someone who is not
yet the employee's manager only asks the employee (`bot.core.relationships.ask`); when they accept, the caller
becomes their manager (and so the employee joins that manager's team for the pulse and the digest).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.oneonone import MeetingView, PairError, PairResult
from bot.core.deps import Deps
from bot.core.persons import PersonView, load_view, refresh_profiles
from bot.core.relationships import ask
from bot.features.oneonone.common import (
    PairRef,
    cadence_params,
    drop_planned_meetings,
    ensure_next_meeting,
    meeting_view,
    pair_time,
    stop_pair,
)
from bot.outbox.engine import OutboxService
from bot.rules.cadence import DEFAULT_CADENCE, DEFAULT_TIME, DEFAULT_WEEKDAY, Cadence, first_slot
from bot.rules.dateparse import DateParseError, parse_date
from bot.rules.probation import DEFAULT_MONTHS, ProbationProblem, check_months, checkins, end_of
from storage import oneonone_repo, team_repo
from storage.consent_models import RequestKind
from storage.db import transaction
from storage.oneonone_models import OneOnOnePair, Probation

INTRO = "oneonone.intro"

__all__ = ["INTRO", "OneOnOneService"]


class OneOnOneService:
    """Set up, change and stop a pair's cadence (and the probation check-ins); meetings are `MeetingService`'s."""

    def __init__(self, deps: Deps, outbox: OutboxService) -> None:
        self._deps = deps
        self._outbox = outbox

    async def plan_followup(
        self,
        *,
        team_id: str,
        manager_id: str,
        employee_id: str | None,
        cadence: Cadence | None = None,
        weekday: int | None = None,
        at: time | None = None,
    ) -> PairResult:
        """Set up (or change) the 1:1 cadence with one's own employee. For anyone else it is a request: the
        employee is asked (Godta / Avslå) and nothing is planned or shown until they accept."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[manager_id, employee_id or ""])
        async with transaction(self._deps.sessions) as session:
            manager = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            problem = await self._check_employee(session, team_id, manager, employee_id)
            if problem is not None:
                return PairResult(manager.lang, error=problem, employee_id=employee_id)
            assert employee_id is not None
            if await team_repo.manager_of(session, team_id=team_id, employee_id=employee_id) != manager_id:
                params = cadence_params(cadence, weekday, at)
                await self._ask(session, team_id, manager_id, employee_id, params, now)
                return PairResult(manager.lang, employee_id=employee_id, pending=True)
            return await self.start_pair(
                session, manager=manager, employee_id=employee_id, cadence=cadence, weekday=weekday, at=at, now=now
            )

    async def _ask(
        self,
        session: AsyncSession,
        team_id: str,
        manager_id: str,
        employee_id: str,
        params: dict[str, Any],
        now: datetime,
    ) -> None:
        await ask(
            session,
            self._outbox,
            team_id=team_id,
            requester_id=manager_id,
            employee_id=employee_id,
            kind=RequestKind.ONEONONE,
            params=params,
            now=now,
        )

    async def start_pair(
        self,
        session: AsyncSession,
        *,
        manager: PersonView,
        employee_id: str,
        cadence: Cadence | None,
        weekday: int | None,
        at: time | None,
        now: datetime,
    ) -> PairResult:
        """The cadence of this manager's own pair with the employee (a new pair for a new manager: nothing of an
        earlier manager's pair is carried over). Told once, the employee learns what the bot will do."""
        team_id, manager_id = manager.team_id, manager.user_id
        pair = await oneonone_repo.get_pair_between(
            session, team_id=team_id, manager_id=manager_id, employee_id=employee_id
        )
        changed = pair is not None and pair.active
        if pair is None:
            pair = OneOnOnePair(
                team_id=team_id,
                manager_id=manager_id,
                employee_id=employee_id,
                cadence=DEFAULT_CADENCE,
                weekday=DEFAULT_WEEKDAY,
                at_minutes=DEFAULT_TIME.hour * 60,
                zone=str(manager.zone),
                anchor=now.date(),
                created_at=now,
            )
            pair = await oneonone_repo.add_pair(session, pair=pair)
        if changed:
            cadence = cadence or Cadence(pair.cadence)
            weekday = pair.weekday if weekday is None else weekday
            at = at or pair_time(pair)
        pair.cadence = cadence or DEFAULT_CADENCE
        pair.weekday = DEFAULT_WEEKDAY if weekday is None else weekday
        at = at or DEFAULT_TIME
        pair.at_minutes = at.hour * 60 + at.minute
        pair.zone = str(manager.zone)
        pair.anchor = first_slot(today=manager.today(now), weekday=pair.weekday)
        pair.active = True
        pair.stopped_at = None
        await drop_planned_meetings(session, pair, now)
        meeting, _created = await ensure_next_meeting(session, pair, now=now, acted_at=now)
        agenda = await oneonone_repo.open_agenda(session, pair_id=pair.id or 0)
        view = meeting_view(pair, meeting, agenda)
        if not pair.employee_told:
            pair.employee_told = True
            assert pair.id is not None
            await self._outbox.tell(
                session,
                team_id=team_id,
                user_id=employee_id,
                kind=INTRO,
                key=f"oneonone:intro:{pair.id}",
                params=PairRef(pair=pair.id),
            )
        return PairResult(manager.lang, employee_id=employee_id, cadence=pair.cadence, meeting=view, zone=pair.zone)

    async def stop_followup(self, *, team_id: str, manager_id: str, employee_id: str | None) -> PairResult:
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[manager_id, employee_id or ""])
        async with transaction(self._deps.sessions) as session:
            manager = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            if employee_id is None:
                return PairResult(manager.lang, error=PairError.NO_USER)
            pair = await oneonone_repo.get_pair_between(
                session, team_id=team_id, manager_id=manager_id, employee_id=employee_id
            )
            if pair is None or not pair.active:
                return PairResult(manager.lang, error=PairError.NOT_FOUND, employee_id=employee_id)
            await stop_pair(session, pair, now)
            return PairResult(manager.lang, employee_id=employee_id, stopped=True)

    async def register_probation(
        self,
        *,
        team_id: str,
        manager_id: str,
        employee_id: str | None,
        start_text: str | None,
        months: int | None = None,
    ) -> PairResult:
        """`ny <@bruker> start <dato> [prøvetid <n> måneder]`: remember the prøvetid (6 months unless said, at most
        6, aml § 15-6) so the check-ins spread over it get the prøvetid guide and the manager is reminded to decide
        a month before it ends. Sets up the 1:1s with the defaults if the pair has none. For someone who is not yet
        the caller's employee it is a request, like `1til1`: stored when they accept."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[manager_id, employee_id or ""])
        async with transaction(self._deps.sessions) as session:
            manager = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            problem = await self._check_employee(session, team_id, manager, employee_id)
            if problem is not None:
                return PairResult(manager.lang, error=problem, employee_id=employee_id)
            assert employee_id is not None
            months = DEFAULT_MONTHS if months is None else months
            too = check_months(months)
            if too is not None:
                error = PairError.PROBATION_TOO_LONG if too is ProbationProblem.TOO_LONG else PairError.PROBATION_SHORT
                return PairResult(manager.lang, error=error, employee_id=employee_id)
            start: date | None = None
            try:
                # A start date may lie in the past (the person already started), but not before that limit.
                start = parse_date(start_text or "", today=manager.today(now) - timedelta(days=120))
            except DateParseError:
                return PairResult(manager.lang, error=PairError.BAD_DATE, employee_id=employee_id)
            if await team_repo.manager_of(session, team_id=team_id, employee_id=employee_id) != manager_id:
                params = {
                    **cadence_params(None, None, None),
                    "probation_start": start.isoformat(),
                    "probation_months": months,
                }
                await self._ask(session, team_id, manager_id, employee_id, params, now)
                return PairResult(manager.lang, employee_id=employee_id, pending=True)
            await self.store_probation(
                session,
                team_id=team_id,
                manager_id=manager_id,
                employee_id=employee_id,
                start=start,
                now=now,
                months=months,
            )
        result = await self.plan_followup(team_id=team_id, manager_id=manager_id, employee_id=employee_id)
        if result.error is not None:
            return result
        return PairResult(
            result.lang,
            employee_id=employee_id,
            cadence=result.cadence,
            meeting=result.meeting,
            zone=result.zone,
            probation_checkins=checkins(start, months),
            probation_end=end_of(start, months),
        )

    @staticmethod
    async def store_probation(
        session: AsyncSession,
        *,
        team_id: str,
        manager_id: str,
        employee_id: str,
        start: date,
        now: datetime,
        months: int = DEFAULT_MONTHS,
    ) -> None:
        """A new registration starts over: its own length, no extension."""
        await oneonone_repo.upsert_probation(
            session,
            probation=Probation(
                team_id=team_id,
                employee_id=employee_id,
                manager_id=manager_id,
                start_date=start,
                months=months,
                end_date=None,
                created_at=now,
            ),
        )

    async def upcoming_for(self, session: AsyncSession, *, team_id: str, user_id: str) -> list[MeetingView]:
        """The next 1:1 of every pair the user is in (as manager or employee), soonest first (for the Home)."""
        now = self._deps.now()
        views: list[MeetingView] = []
        for pair in await oneonone_repo.list_pairs_of(session, team_id=team_id, user_id=user_id):
            meeting, _ = await ensure_next_meeting(session, pair, now=now)
            agenda = await oneonone_repo.open_agenda(session, pair_id=pair.id or 0)
            views.append(meeting_view(pair, meeting, agenda))
        return sorted(views, key=lambda v: v.starts_at)

    async def _check_employee(
        self, session: AsyncSession, team_id: str, manager: PersonView, employee_id: str | None
    ) -> PairError | None:
        if employee_id is None:
            return PairError.NO_USER
        if employee_id == manager.user_id:
            return PairError.SELF
        employee = await load_view(session, self._deps, team_id=team_id, user_id=employee_id)
        if employee.is_bot:
            return PairError.BOT
        if employee.deleted:
            return PairError.DEACTIVATED
        return None
