"""The 1:1 rhythm: set up a pair's cadence; the agenda and the follow-up are `meetings.MeetingService`'s.

Only the two people in a pair can read or change its agenda and meetings: every intent checks that the caller is
the pair's manager or employee, and anything else looks exactly like "not found". The caller of `1til1` becomes
the employee's manager (and so the employee joins that manager's team for the pulse and the digest).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.oneonone import MeetingView, PairError, PairResult
from bot.core.deps import Deps
from bot.core.persons import PersonView, load_view, refresh_profiles
from bot.features.oneonone.common import (
    PLANNED,
    PairRef,
    ensure_next_meeting,
    meeting_view,
    pair_time,
)
from bot.outbox.engine import OutboxService
from bot.rules.cadence import DEFAULT_CADENCE, DEFAULT_TIME, DEFAULT_WEEKDAY, Cadence, first_slot
from bot.rules.dateparse import DateParseError, parse_date
from storage import oneonone_repo, team_repo
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
        """Set up (or change) the 1:1 cadence; the caller becomes the employee's manager. Told once, the employee
        learns who set it up and what the bot will do."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[manager_id, employee_id or ""])
        async with transaction(self._deps.sessions) as session:
            manager = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            problem = await self._check_employee(session, team_id, manager, employee_id)
            if problem is not None:
                return PairResult(manager.lang, error=problem, employee_id=employee_id)
            assert employee_id is not None
            await team_repo.set_manager(
                session, team_id=team_id, employee_id=employee_id, manager_id=manager_id, added_by=manager_id, now=now
            )
            pair = await oneonone_repo.get_pair_for_employee(session, team_id=team_id, employee_id=employee_id)
            changed = pair is not None and pair.active
            if pair is not None and pair.manager_id != manager_id:
                # Another manager takes over: the employee hears who, and what the bot will do, once more.
                pair.employee_told = False
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
            if changed and pair.manager_id == manager_id:
                cadence = cadence or Cadence(pair.cadence)
                weekday = pair.weekday if weekday is None else weekday
                at = at or pair_time(pair)
            pair.manager_id = manager_id
            pair.cadence = cadence or DEFAULT_CADENCE
            pair.weekday = DEFAULT_WEEKDAY if weekday is None else weekday
            at = at or DEFAULT_TIME
            pair.at_minutes = at.hour * 60 + at.minute
            pair.zone = str(manager.zone)
            pair.anchor = first_slot(today=manager.today(now), weekday=pair.weekday)
            pair.active = True
            pair.stopped_at = None
            await self._drop_planned_meetings(session, pair, now)
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
            pair = await oneonone_repo.get_pair_for_employee(session, team_id=team_id, employee_id=employee_id)
            if pair is None or pair.manager_id != manager_id or not pair.active:
                return PairResult(manager.lang, error=PairError.NOT_FOUND, employee_id=employee_id)
            pair.active = False
            pair.stopped_at = now
            await self._drop_planned_meetings(session, pair, now)
            return PairResult(manager.lang, employee_id=employee_id, stopped=True)

    async def register_probation(
        self, *, team_id: str, manager_id: str, employee_id: str | None, start_text: str | None
    ) -> PairResult:
        """`ny <@bruker> start <dato>`: remember the probation start so check-ins at about 1, 3 and 5 months get the
        prøvetid guide. Sets up the 1:1s with the defaults if the pair has none."""
        from bot.rules.conversations import probation_checkins

        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[manager_id, employee_id or ""])
        async with transaction(self._deps.sessions) as session:
            manager = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            problem = await self._check_employee(session, team_id, manager, employee_id)
            if problem is not None:
                return PairResult(manager.lang, error=problem, employee_id=employee_id)
            assert employee_id is not None
            start: date | None = None
            try:
                # A start date may lie in the past (the person already started), but not before that limit.
                start = parse_date(start_text or "", today=manager.today(now) - timedelta(days=120))
            except DateParseError:
                return PairResult(manager.lang, error=PairError.BAD_DATE, employee_id=employee_id)
            await oneonone_repo.upsert_probation(
                session,
                probation=Probation(
                    team_id=team_id, employee_id=employee_id, manager_id=manager_id, start_date=start, created_at=now
                ),
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
            probation_checkins=probation_checkins(start),
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

    async def _drop_planned_meetings(self, session: AsyncSession, pair: OneOnOnePair, now: datetime) -> None:
        """A changed or stopped cadence drops the future meetings made from the old one."""
        assert pair.id is not None
        for meeting in await oneonone_repo.list_meetings(session, pair_id=pair.id):
            if meeting.status == PLANNED and meeting.starts_at > now:
                await session.delete(meeting)
        await session.flush()
