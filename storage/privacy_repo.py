"""Audit log, workspace delivery state and offboarding markers. Keyword-only, a session in, aware UTC."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import OutboxMessage, OutboxStatus, Person
from storage.privacy_models import AuditEntry, Offboarded, WorkspaceState


def _insert(session: AsyncSession) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


async def audit(
    session: AsyncSession, *, team_id: str, actor_id: str | None, action: str, subject_id: str | None, at: datetime
) -> None:
    """One audit row: who, what (a code), about whom, when. Never content."""
    session.add(AuditEntry(team_id=team_id, actor_id=actor_id, action=action, subject_id=subject_id, at=at))
    await session.flush()


async def last_audit(session: AsyncSession, *, team_id: str, limit: int = 50) -> Sequence[AuditEntry]:
    statement = (
        select(AuditEntry)
        .where(col(AuditEntry.team_id) == team_id)
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .limit(limit)
    )
    return list((await session.exec(statement)).all())


async def workspace_state(session: AsyncSession, *, team_id: str) -> WorkspaceState | None:
    return await session.get(WorkspaceState, team_id)


async def ensure_workspace_state(session: AsyncSession, *, team_id: str) -> WorkspaceState:
    """The workspace's state row, created (an upsert, so two at once both work) when missing."""
    statement = _insert(session)(WorkspaceState).values(team_id=team_id)
    await session.exec(statement.on_conflict_do_nothing(index_elements=["team_id"]))
    state = await session.get(WorkspaceState, team_id, populate_existing=True)
    assert state is not None
    return state


async def is_stopped(session: AsyncSession, *, team_id: str) -> bool:
    state = await session.get(WorkspaceState, team_id)
    return state is not None and state.stopped_at is not None


async def mark_offboarded(session: AsyncSession, *, team_id: str, user_id: str, now: datetime) -> bool:
    """Record that the person was offboarded; False when they already were (nothing is done twice)."""
    statement = _insert(session)(Offboarded).values(team_id=team_id, user_id=user_id, at=now)
    statement = statement.on_conflict_do_nothing(index_elements=["team_id", "user_id"])
    result = await session.exec(statement)
    return bool(result.rowcount)


async def forget_offboarded(session: AsyncSession, *, team_id: str, user_id: str) -> bool:
    """The person is active again: a later deactivation is handled anew. False when they were not offboarded."""
    marker = await session.get(Offboarded, (team_id, user_id))
    if marker is None:
        return False
    await session.delete(marker)
    await session.flush()
    return True


async def admins_of(session: AsyncSession, *, team_id: str) -> list[str]:
    """Workspace admins and owners the bot has met (active ones), by Slack's profile flags."""
    statement = select(Person.user_id).where(
        col(Person.team_id) == team_id,
        col(Person.is_admin).is_(True),
        col(Person.deleted).is_(False),
        col(Person.is_bot).is_(False),
    )
    return sorted(str(user_id) for user_id in (await session.exec(statement)).all())


async def teams_due_retention(session: AsyncSession, *, today: date) -> list[str]:
    """Workspaces whose retention sweep has not run `today` (every workspace the bot has met a person in)."""
    teams = {str(t) for t in (await session.exec(select(Person.team_id).distinct())).all()}
    done = select(WorkspaceState.team_id).where(col(WorkspaceState.retention_day) == today)
    return sorted(teams - {str(t) for t in (await session.exec(done)).all()})


async def forget_audit_before(session: AsyncSession, *, team_id: str, before: datetime, limit: int) -> int:
    """Delete up to `limit` audit rows older than `before`."""
    ids = select(col(AuditEntry.id)).where(col(AuditEntry.team_id) == team_id, col(AuditEntry.at) <= before)
    result = await session.exec(delete(AuditEntry).where(col(AuditEntry.id).in_(ids.limit(limit))))
    return int(result.rowcount or 0)


async def cancel_pending_to(session: AsyncSession, *, team_id: str, user_id: str) -> int:
    """Cancel every message still waiting for `user_id` (someone who left)."""
    statement = (
        update(OutboxMessage)
        .where(
            col(OutboxMessage.team_id) == team_id,
            col(OutboxMessage.recipient_id) == user_id,
            col(OutboxMessage.status) == OutboxStatus.PENDING,
        )
        .values(status=OutboxStatus.CANCELLED, last_error="user_gone")
        .execution_options(synchronize_session=False)
    )
    result = await session.exec(statement)
    return int(result.rowcount or 0)
