"""Batched deletes for the retention sweep: each call deletes at most `limit` rows of one kind that are due.

The service runs each call in its own short transaction and repeats it until nothing is left, so a large purge
never holds the database for long. A row is due when its time is at or before the cutoff.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.consent_models import ManagerRequest, RequestStatus
from storage.digest_models import TeamUpdate
from storage.models import OutboxMessage, OutboxStatus
from storage.oneonone_models import AgendaItem, Meeting, OneOnOnePair
from storage.tiltak_models import Postponement, Tiltak, TiltakStatus

CLOSED_OUTBOX = (OutboxStatus.SENT, OutboxStatus.FAILED, OutboxStatus.CANCELLED, OutboxStatus.EXPIRED)


async def _rowcount(session: AsyncSession, statement: object) -> int:
    result = await session.exec(statement)  # type: ignore[call-overload]
    return int(result.rowcount or 0)


async def purge_closed_tiltak(session: AsyncSession, *, team_id: str, before: datetime, limit: int) -> int:
    """Done or cancelled tiltak closed at or before `before`, with their postponements."""
    ids = list(
        (
            await session.exec(
                select(col(Tiltak.id))
                .where(
                    col(Tiltak.team_id) == team_id,
                    col(Tiltak.status).in_((TiltakStatus.DONE, TiltakStatus.CANCELLED)),
                    col(Tiltak.closed_at) <= before,
                )
                .limit(limit)
            )
        ).all()
    )
    if not ids:
        return 0
    await _rowcount(session, delete(Postponement).where(col(Postponement.tiltak_id).in_(ids)))
    return await _rowcount(session, delete(Tiltak).where(col(Tiltak.id).in_(ids)))


async def purge_past_meetings(session: AsyncSession, *, team_id: str, before: datetime, limit: int) -> int:
    """1:1 meetings that started at or before `before`."""
    ids = select(col(Meeting.id)).where(col(Meeting.team_id) == team_id, col(Meeting.starts_at) <= before)
    return await _rowcount(session, delete(Meeting).where(col(Meeting.id).in_(ids.limit(limit))))


async def purge_done_agenda(session: AsyncSession, *, team_id: str, before: datetime, limit: int) -> int:
    """Agenda items ticked off at or before `before`."""
    ids = select(col(AgendaItem.id)).where(
        col(AgendaItem.team_id) == team_id, col(AgendaItem.done).is_(True), col(AgendaItem.done_at) <= before
    )
    return await _rowcount(session, delete(AgendaItem).where(col(AgendaItem.id).in_(ids.limit(limit))))


async def purge_stopped_pairs(session: AsyncSession, *, team_id: str, before: datetime, limit: int) -> int:
    """1:1 pairs stopped at or before `before`, with whatever meetings and agenda they still have."""
    ids = list(
        (
            await session.exec(
                select(col(OneOnOnePair.id))
                .where(
                    col(OneOnOnePair.team_id) == team_id,
                    col(OneOnOnePair.active).is_(False),
                    col(OneOnOnePair.stopped_at) <= before,
                )
                .limit(limit)
            )
        ).all()
    )
    if not ids:
        return 0
    await _rowcount(session, delete(Meeting).where(col(Meeting.pair_id).in_(ids)))
    await _rowcount(session, delete(AgendaItem).where(col(AgendaItem.pair_id).in_(ids)))
    return await _rowcount(session, delete(OneOnOnePair).where(col(OneOnOnePair.id).in_(ids)))


async def purge_decided_requests(session: AsyncSession, *, team_id: str, before: datetime, limit: int) -> int:
    """Manager requests answered at or before `before`."""
    ids = select(col(ManagerRequest.id)).where(
        col(ManagerRequest.team_id) == team_id,
        col(ManagerRequest.status) != RequestStatus.PENDING,
        col(ManagerRequest.decided_at) <= before,
    )
    return await _rowcount(session, delete(ManagerRequest).where(col(ManagerRequest.id).in_(ids.limit(limit))))


async def purge_team_updates(session: AsyncSession, *, team_id: str, before: datetime, limit: int) -> int:
    """What managers shared with their team, shared at or before `before`."""
    ids = select(col(TeamUpdate.id)).where(col(TeamUpdate.team_id) == team_id, col(TeamUpdate.shared_at) <= before)
    return await _rowcount(session, delete(TeamUpdate).where(col(TeamUpdate.id).in_(ids.limit(limit))))


async def purge_closed_outbox(session: AsyncSession, *, team_id: str, before: datetime, limit: int) -> int:
    """Outbox rows sent, failed, cancelled or expired at or before `before`: a sent row by `sent_at`, a closed
    one by its due time (`not_before`; it was closed at or after it)."""
    ids = select(col(OutboxMessage.id)).where(
        col(OutboxMessage.team_id) == team_id,
        col(OutboxMessage.status).in_(CLOSED_OUTBOX),
        ((col(OutboxMessage.sent_at).is_not(None)) & (col(OutboxMessage.sent_at) <= before))
        | ((col(OutboxMessage.sent_at).is_(None)) & (col(OutboxMessage.not_before) <= before)),
    )
    return await _rowcount(session, delete(OutboxMessage).where(col(OutboxMessage.id).in_(ids.limit(limit))))
