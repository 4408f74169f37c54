"""Replay records of signed Slack requests (keyword-only, take a session, never commit)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import SeenRequest


async def remember(session: AsyncSession, *, key: str, expires_at: datetime) -> bool:
    """Record `key`; True when it is new, False when it was already recorded (conflict-tolerant)."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(SeenRequest).values(key=key, expires_at=expires_at).on_conflict_do_nothing(index_elements=["key"])
    )
    result = await session.exec(statement)
    return bool(result.rowcount)


async def forget_expired(session: AsyncSession, *, now: datetime, limit: int = 500) -> int:
    """Delete up to `limit` records whose replay window has passed."""
    candidates = select(col(SeenRequest.key)).where(col(SeenRequest.expires_at) <= now).limit(limit)
    statement = delete(SeenRequest).where(col(SeenRequest.key).in_(candidates.scalar_subquery()))
    result = await session.exec(statement)
    return int(result.rowcount or 0)
