"""Consent: answering a manager request (Godta / Avslå), and an admin setting a manager directly.

Only the person asked can answer, and only while the request is open; anything else looks like "not found".
Accepting makes the requester the manager (`relationships.change_manager`: a previous manager is told, the old
pair's history stays with the old pair) and, for a `1til1` request, sets up the 1:1s as asked. Declining tells
the requester politely and changes nothing else. An admin (Slack admin or owner, or `OPPFOLGING_ADMINS`) can make
X the manager of Y with `admin leder <@X> <@Y>`; X, Y and a previous manager are told.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message
from bot.contract.consent import (
    AdminProblem,
    AdminResult,
    ConsentResult,
    ManagerRequestDM,
    Outcome,
    RequestView,
    TeamView,
)
from bot.core.audit import Action, audit
from bot.core.deps import Deps
from bot.core.persons import load_view, refresh_profiles
from bot.core.relationships import RequestRef, change_manager, new_event, notice
from bot.features.oneonone import OneOnOneService, cadence_of
from bot.features.pulse import load_pulse_settings
from bot.outbox.engine import OutboxService
from bot.outbox.types import Envelope
from storage import consent_repo, team_repo
from storage.consent_models import ManagerRequest, RequestKind, RequestStatus
from storage.db import transaction

ACCEPTED = "consent.accepted"
DECLINED = "consent.declined"
ADMIN_TOLD_MANAGER = "consent.admin_made_you_manager"
ADMIN_TOLD_EMPLOYEE = "consent.admin_new_manager"


class ConsentService:
    def __init__(self, deps: Deps, outbox: OutboxService, oneonone: OneOnOneService) -> None:
        self._deps = deps
        self._outbox = outbox
        self._oneonone = oneonone

    async def answer_manager_request(
        self, *, team_id: str, user_id: str, request_id: str, accept: bool
    ) -> ConsentResult:
        """Godta or Avslå, by the person asked."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[user_id])
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=user_id)
            request = await consent_repo.get_request(session, team_id=team_id, request_id=request_id)
            if request is None or request.employee_id != user_id or request.status != RequestStatus.PENDING:
                return ConsentResult(me.lang, Outcome.NOT_FOUND)
            request.decided_at = now
            if not accept:
                request.status = RequestStatus.DECLINED
                await self._tell(session, request, DECLINED, now)
                return ConsentResult(me.lang, Outcome.DECLINED, request.requester_id, request.kind)
            request.status = RequestStatus.ACCEPTED
            await self._accept(session, request, now)
            await audit(
                session,
                team_id=team_id,
                actor_id=user_id,
                action=Action.MANAGER_ACCEPTED,
                subject_id=request.requester_id,
                at=now,
            )
            return ConsentResult(me.lang, Outcome.ACCEPTED, request.requester_id, request.kind)

    async def _accept(self, session: AsyncSession, request: ManagerRequest, now: datetime) -> None:
        team_id, manager_id, employee_id = request.team_id, request.requester_id, request.employee_id
        await change_manager(
            session,
            self._outbox,
            team_id=team_id,
            manager_id=manager_id,
            employee_id=employee_id,
            added_by=employee_id,
            now=now,
            event=request.id,
        )
        if request.kind == RequestKind.ONEONONE:
            manager = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            start = request.params.get("probation_start")
            if start:
                await self._oneonone.store_probation(
                    session,
                    team_id=team_id,
                    manager_id=manager_id,
                    employee_id=employee_id,
                    start=date.fromisoformat(str(start)),
                    now=now,
                    months=_months(request.params.get("probation_months")),
                )
            cadence, weekday, at = cadence_of(dict(request.params))
            await self._oneonone.start_pair(
                session, manager=manager, employee_id=employee_id, cadence=cadence, weekday=weekday, at=at, now=now
            )
        await self._tell(session, request, ACCEPTED, now)

    async def _tell(self, session: AsyncSession, request: ManagerRequest, key: str, now: datetime) -> None:
        del now
        await notice(
            session,
            self._outbox,
            team_id=request.team_id,
            user_id=request.requester_id,
            key=f"{key}_{request.kind}",
            params={"employee": request.employee_id},
            event=request.id,
        )

    @staticmethod
    async def team_view(session: AsyncSession, *, team_id: str, user_id: str, k: int) -> TeamView:
        """What the App Home shows of teams: everyone in the owner's team, the team they lead, open requests."""
        manager = await team_repo.manager_of(session, team_id=team_id, employee_id=user_id)
        members = await team_repo.team_of(session, team_id=team_id, manager_id=manager) if manager else []
        asked = await consent_repo.pending_for(session, team_id=team_id, user_id=user_id, asked=False)
        requests = await consent_repo.pending_for(session, team_id=team_id, user_id=user_id, asked=True)
        return TeamView(
            k=k,
            manager=manager,
            members=tuple(members),
            led=tuple(await team_repo.team_of(session, team_id=team_id, manager_id=user_id)),
            asked=tuple(dict.fromkeys(r.employee_id for r in asked)),
            requests=tuple(RequestView(r.id, r.requester_id, r.kind) for r in requests),
        )

    async def set_manager_as_admin(
        self, *, team_id: str, admin_id: str, manager_id: str | None, employee_id: str | None
    ) -> AdminResult:
        """`admin leder <@X> <@Y>`: X becomes Y's manager without a request; X, Y and a previous manager are told."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[admin_id, manager_id or "", employee_id or ""])
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=admin_id)
            if not me.is_admin:
                return AdminResult(me.lang, AdminProblem.NOT_ADMIN)
            if manager_id is None or employee_id is None:
                return AdminResult(me.lang, AdminProblem.SYNTAX)
            if manager_id == employee_id:
                return AdminResult(me.lang, AdminProblem.SAME, manager_id, employee_id)
            for user_id in (manager_id, employee_id):
                person = await load_view(session, self._deps, team_id=team_id, user_id=user_id)
                if person.is_bot or person.deleted:
                    problem = AdminProblem.BOT if person.is_bot else AdminProblem.DEACTIVATED
                    return AdminResult(me.lang, problem, manager_id, employee_id)
            if await team_repo.manager_of(session, team_id=team_id, employee_id=employee_id) == manager_id:
                return AdminResult(me.lang, AdminProblem.ALREADY, manager_id, employee_id)
            event = new_event()
            previous = await change_manager(
                session,
                self._outbox,
                team_id=team_id,
                manager_id=manager_id,
                employee_id=employee_id,
                added_by=admin_id,
                now=now,
                event=event,
            )
            await audit(
                session, team_id=team_id, actor_id=admin_id, action=Action.MANAGER_SET, subject_id=employee_id, at=now
            )
            for user_id, key, params in (
                (manager_id, ADMIN_TOLD_MANAGER, {"employee": employee_id, "admin": admin_id}),
                (employee_id, ADMIN_TOLD_EMPLOYEE, {"manager": manager_id, "admin": admin_id}),
            ):
                await notice(
                    session, self._outbox, team_id=team_id, user_id=user_id, key=key, params=params, event=event
                )
            return AdminResult(me.lang, None, manager_id, employee_id, previous)


def _months(value: object) -> int:
    """The prøvetid length carried in a request (6 when absent or unreadable; checked when it was asked)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 6 else 6


async def compose_request(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    """The request DM (`consent.request`), or None once the request was answered."""
    del now
    ref = envelope.read(RequestRef)
    request = await consent_repo.get_request(session, team_id=envelope.team_id, request_id=ref.request)
    if request is None or request.status != RequestStatus.PENDING:
        return None
    current = await team_repo.manager_of(session, team_id=request.team_id, employee_id=request.employee_id)
    settings = await load_pulse_settings(session, team_id=request.team_id)
    return ManagerRequestDM(
        lang=envelope.lang,
        request_id=request.id,
        requester=request.requester_id,
        kind=request.kind,
        current_manager=current,
        k=settings.k,
    )
