"""Manager requests (keyword-only, take a session, never commit)."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.consent_models import ManagerRequest, RequestStatus


async def add_request(session: AsyncSession, *, request: ManagerRequest) -> ManagerRequest:
    session.add(request)
    await session.flush()
    return request


async def get_request(session: AsyncSession, *, team_id: str, request_id: str) -> ManagerRequest | None:
    found = await session.get(ManagerRequest, request_id)
    return found if found is not None and found.team_id == team_id else None


async def pending_request(
    session: AsyncSession, *, team_id: str, requester_id: str, employee_id: str
) -> ManagerRequest | None:
    """X's open request to Y, if any (one at a time: asking again updates it)."""
    statement = select(ManagerRequest).where(
        col(ManagerRequest.team_id) == team_id,
        col(ManagerRequest.employee_id) == employee_id,
        col(ManagerRequest.requester_id) == requester_id,
        col(ManagerRequest.status) == RequestStatus.PENDING,
    )
    return (await session.exec(statement)).first()


async def requests_about(session: AsyncSession, *, team_id: str, user_id: str) -> list[ManagerRequest]:
    """Every request the user made or received (for `mine-data`), oldest first."""
    statement = (
        select(ManagerRequest)
        .where(
            col(ManagerRequest.team_id) == team_id,
            (col(ManagerRequest.employee_id) == user_id) | (col(ManagerRequest.requester_id) == user_id),
        )
        .order_by(col(ManagerRequest.created_at))
    )
    return list((await session.exec(statement)).all())


async def pending_for(session: AsyncSession, *, team_id: str, user_id: str, asked: bool) -> list[ManagerRequest]:
    """Open requests to the user (`asked`), or made by the user, oldest first."""
    who = col(ManagerRequest.employee_id) if asked else col(ManagerRequest.requester_id)
    statement = (
        select(ManagerRequest)
        .where(
            col(ManagerRequest.team_id) == team_id,
            who == user_id,
            col(ManagerRequest.status) == RequestStatus.PENDING,
        )
        .order_by(col(ManagerRequest.created_at))
    )
    return list((await session.exec(statement)).all())
