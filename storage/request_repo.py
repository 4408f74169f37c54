"""Replay records of signed Slack requests (keyword-only, take a session, never commit)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import SeenRequest


async def remember_all(session: AsyncSession, *, records: Mapping[str, datetime]) -> set[str]:
    """Record every key (with its expiry); the keys that were new (conflict-tolerant, one statement)."""
    if not records:
        return set()
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    table = SeenRequest.__table__  # type: ignore[attr-defined]
    # The records as parameters, not in `.values()`: the statement's compiled form is then cached (one per request).
    statement = insert(table).on_conflict_do_nothing(index_elements=["key"]).returning(table.c.key)
    rows = [{"key": key, "expires_at": expires_at} for key, expires_at in records.items()]
    return set((await session.exec(statement, params=rows)).scalars().all())


async def forget_expired(session: AsyncSession, *, now: datetime, limit: int = 500) -> int:
    """Delete up to `limit` records whose replay window has passed."""
    candidates = select(col(SeenRequest.key)).where(col(SeenRequest.expires_at) <= now).limit(limit)
    statement = delete(SeenRequest).where(col(SeenRequest.key).in_(candidates.scalar_subquery()))
    result = await session.exec(statement)
    return int(result.rowcount or 0)
