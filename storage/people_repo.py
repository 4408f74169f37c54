"""Person and workspace queries (keyword-only, take a session, never commit)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Person, Workspace


async def get_person(session: AsyncSession, *, team_id: str, user_id: str) -> Person | None:
    return await session.get(Person, (team_id, user_id))


async def add_person(session: AsyncSession, *, person: Person) -> Person:
    session.add(person)
    await session.flush()
    return person


async def get_or_add_workspace(session: AsyncSession, *, team_id: str, now: datetime) -> Workspace:
    workspace = await session.get(Workspace, team_id)
    if workspace is None:
        workspace = Workspace(team_id=team_id, settings={}, created_at=now, updated_at=now)
        session.add(workspace)
        await session.flush()
    return workspace


async def list_workspaces(session: AsyncSession) -> list[Workspace]:
    return list((await session.exec(select(Workspace).order_by(col(Workspace.team_id)))).all())
