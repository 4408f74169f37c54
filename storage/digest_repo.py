"""Digest queries (keyword-only, take a session, never commit)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.digest_models import DigestChannel, TeamUpdate


async def set_channel(
    session: AsyncSession, *, team_id: str, manager_id: str, channel_id: str, now: datetime
) -> DigestChannel:
    row = await session.get(DigestChannel, (team_id, manager_id))
    if row is None:
        row = DigestChannel(
            team_id=team_id, manager_id=manager_id, channel_id=channel_id, set_by=manager_id, set_at=now
        )
        session.add(row)
    else:
        row.channel_id = channel_id
        row.set_at = now
        row.blocked_since = None
    await session.flush()
    return row


async def get_channel(session: AsyncSession, *, team_id: str, manager_id: str) -> DigestChannel | None:
    return await session.get(DigestChannel, (team_id, manager_id))


_CHANNELS = select(DigestChannel).order_by(col(DigestChannel.team_id), col(DigestChannel.manager_id))


async def list_channels(session: AsyncSession) -> list[DigestChannel]:
    return list((await session.exec(_CHANNELS)).all())


async def add_update(session: AsyncSession, *, update: TeamUpdate) -> TeamUpdate:
    session.add(update)
    await session.flush()
    return update


async def last_update(session: AsyncSession, *, team_id: str, manager_id: str) -> TeamUpdate | None:
    statement = (
        select(TeamUpdate)
        .where(col(TeamUpdate.team_id) == team_id, col(TeamUpdate.manager_id) == manager_id)
        .order_by(col(TeamUpdate.shared_at).desc())
        .limit(1)
    )
    return (await session.exec(statement)).first()


async def get_update(session: AsyncSession, *, team_id: str, update_id: int) -> TeamUpdate | None:
    update = await session.get(TeamUpdate, update_id)
    return update if update is not None and update.team_id == team_id else None
