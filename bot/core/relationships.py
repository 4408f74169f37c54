"""Who manages whom, shared by the 1:1s, the pulse teams and consent (`bot.features.consent`). Nobody becomes
someone's manager without their consent (or an admin's decision), and the people concerned are always told.

- `ask`: X asks to become Y's manager (from `1til1`, `ny` or `team legg-til`). Only a request is stored and Y gets
  a DM naming X with Godta / Avslå; nothing is planned for the pair and X sees nothing of Y until Y accepts.
- `change_manager`: Y's manager becomes X (Y accepted, or an admin decided). A previous manager M is told, and
  the 1:1s between M and Y stop; their meetings and agenda stay with that pair and are never shown to X.
  Everyone in the team M leads and in the team X leads is told that Y left or joined, since they share a pulse
  result (`bot.rules.anonymity`: k colluding members can compute the last answer, so membership is never secret).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.pairs import stop_pair
from bot.outbox.engine import OutboxService
from bot.outbox.notices import NOTICE, NoticeParams
from bot.outbox.params import Params
from storage import consent_repo, oneonone_repo, team_repo
from storage.consent_models import ManagerRequest, RequestKind

REQUEST = "consent.request"
OLD_MANAGER = "consent.old_manager"
JOINED = "consent.team_joined"
LEFT = "consent.team_left"
REMOVED = "consent.team_removed_you"


@dataclass(frozen=True)
class RequestRef(Params):
    """Params of `consent.request`: the open manager request the DM asks about."""

    request: str


def new_event() -> str:
    """A random id for one change, so each person is told about each change once."""
    return uuid.uuid4().hex


async def notice(
    session: AsyncSession,
    outbox: OutboxService,
    *,
    team_id: str,
    user_id: str,
    key: str,
    params: Mapping[str, str],
    event: str,
) -> None:
    """A one-line DM (a catalog entry) to `user_id`, sent once per `event`."""
    await outbox.tell(
        session,
        team_id=team_id,
        user_id=user_id,
        kind=NOTICE,
        key=f"consent:{event}:{key}:{user_id}",
        params=NoticeParams(key=key, params=dict(params)),
    )


async def ask(
    session: AsyncSession,
    outbox: OutboxService,
    *,
    team_id: str,
    requester_id: str,
    employee_id: str,
    kind: RequestKind,
    params: Mapping[str, Any],
    now: datetime,
) -> ManagerRequest:
    """Store X's request to Y and send Y the DM, once: asking again while it is open updates what X asked for."""
    request = await consent_repo.pending_request(
        session, team_id=team_id, requester_id=requester_id, employee_id=employee_id
    )
    if request is not None:
        if kind == RequestKind.ONEONONE:
            request.kind = kind
            request.params = dict(params)
        await session.flush()
        return request
    request = await consent_repo.add_request(
        session,
        request=ManagerRequest(
            team_id=team_id,
            requester_id=requester_id,
            employee_id=employee_id,
            kind=kind,
            params=dict(params),
            created_at=now,
        ),
    )
    await outbox.tell(
        session,
        team_id=team_id,
        user_id=employee_id,
        kind=REQUEST,
        key=f"consent:{request.id}",
        params=RequestRef(request=request.id),
    )
    return request


async def change_manager(
    session: AsyncSession,
    outbox: OutboxService,
    *,
    team_id: str,
    manager_id: str,
    employee_id: str,
    added_by: str,
    now: datetime,
    event: str,
) -> str | None:
    """Make `manager_id` the manager of `employee_id`; returns the previous manager (None if there was none)."""
    previous = await team_repo.manager_of(session, team_id=team_id, employee_id=employee_id)
    if previous == manager_id:
        return previous
    new_team = await team_repo.team_of(session, team_id=team_id, manager_id=manager_id)
    await team_repo.set_manager(
        session, team_id=team_id, employee_id=employee_id, manager_id=manager_id, added_by=added_by, now=now
    )
    if previous is not None:
        old_pair = await oneonone_repo.get_pair_between(
            session, team_id=team_id, manager_id=previous, employee_id=employee_id
        )
        if old_pair is not None and old_pair.active:
            await stop_pair(session, old_pair, now)
        await notice(
            session,
            outbox,
            team_id=team_id,
            user_id=previous,
            key=OLD_MANAGER,
            params={"employee": employee_id, "manager": manager_id},
            event=event,
        )
        await announce_leave(
            session, outbox, team_id=team_id, manager_id=previous, employee_id=employee_id, event=event
        )
    for member in new_team:
        await notice(
            session,
            outbox,
            team_id=team_id,
            user_id=member,
            key=JOINED,
            params={"user": employee_id, "manager": manager_id},
            event=event,
        )
    return previous


async def announce_leave(
    session: AsyncSession, outbox: OutboxService, *, team_id: str, manager_id: str, employee_id: str, event: str
) -> None:
    """Tell everyone still in `manager_id`'s team that `employee_id` is no longer in it."""
    for member in await team_repo.team_of(session, team_id=team_id, manager_id=manager_id):
        if member != employee_id:
            await notice(
                session,
                outbox,
                team_id=team_id,
                user_id=member,
                key=LEFT,
                params={"user": employee_id, "manager": manager_id},
                event=event,
            )
