"""Ending a 1:1 pair's cadence: shared by the 1:1s (`bot.features.oneonone`) and by a change of manager
(`bot.core.relationships`), which stops the old pair without reaching into the 1:1 feature."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from storage import oneonone_repo
from storage.oneonone_models import OneOnOnePair

PLANNED = "planned"


async def stop_pair(session: AsyncSession, pair: OneOnOnePair, now: datetime) -> None:
    """End a pair's cadence: its future planned meetings go; held ones, the agenda and the tiltak stay with it."""
    pair.active = False
    pair.stopped_at = now
    await drop_planned_meetings(session, pair, now)


async def drop_planned_meetings(session: AsyncSession, pair: OneOnOnePair, now: datetime) -> None:
    """A changed or stopped cadence drops the future meetings made from the old one."""
    assert pair.id is not None
    for meeting in await oneonone_repo.list_meetings(session, pair_id=pair.id):
        if meeting.status == PLANNED and meeting.starts_at > now:
            await session.delete(meeting)
    await session.flush()
