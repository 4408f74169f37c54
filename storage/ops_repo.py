"""Read-only queries for operations (metrics). Keyword-only, taking a session; nothing here writes."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import OutboxMessage


async def outbox_counts(session: AsyncSession) -> dict[tuple[str, str], int]:
    """Outbox rows per (status, kind), over every team."""
    query = select(col(OutboxMessage.status), col(OutboxMessage.kind), func.count()).group_by(
        col(OutboxMessage.status), col(OutboxMessage.kind)
    )
    rows = (await session.exec(query)).all()
    return {(str(status), str(kind)): int(count) for status, kind, count in rows}
