"""Person and workspace queries (keyword-only, take a session, never commit)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Person, Workspace

# Built once (every request and delivery reads a person): SQLAlchemy neither rebuilds nor re-hashes it per call,
# which costs less than `session.get`'s identity lookup followed by the same query.
_PERSON = select(Person).where(col(Person.team_id) == bindparam("team_id"), col(Person.user_id) == bindparam("user_id"))
_FRESH_PERSON = _PERSON.execution_options(populate_existing=True)


async def get_person(session: AsyncSession, *, team_id: str, user_id: str) -> Person | None:
    return (await session.exec(_PERSON, params={"team_id": team_id, "user_id": user_id})).first()


def _insert(session: AsyncSession) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


async def ensure_person(session: AsyncSession, *, team_id: str, user_id: str, now: datetime) -> Person:
    """The person row, inserted when missing. Conflict-tolerant: two first requests at once both get the row."""
    key = {"team_id": team_id, "user_id": user_id}
    person = (await session.exec(_PERSON, params=key)).first()
    if person is not None:
        return person
    statement = (
        _insert(session)(Person)
        .values(team_id=team_id, user_id=user_id, created_at=now)
        .on_conflict_do_nothing(index_elements=["team_id", "user_id"])
    )
    await session.exec(statement)
    found = (await session.exec(_FRESH_PERSON, params=key)).first()
    assert found is not None
    return found


async def save_profile(
    session: AsyncSession, *, team_id: str, user_id: str, now: datetime, values: dict[str, Any]
) -> None:
    """Insert or update the person's Slack-derived fields (`values`) in one statement (an upsert)."""
    statement = _insert(session)(Person).values(team_id=team_id, user_id=user_id, created_at=now, **values)
    statement = statement.on_conflict_do_update(index_elements=["team_id", "user_id"], set_=values)
    await session.exec(statement)


async def get_or_add_workspace(session: AsyncSession, *, team_id: str, now: datetime) -> Workspace:
    workspace = await session.get(Workspace, team_id)
    if workspace is None:
        workspace = Workspace(team_id=team_id, settings={}, created_at=now, updated_at=now)
        session.add(workspace)
        await session.flush()
    return workspace


_WORKSPACES = select(Workspace).order_by(col(Workspace.team_id))


async def list_workspaces(session: AsyncSession) -> list[Workspace]:
    return list((await session.exec(_WORKSPACES)).all())
