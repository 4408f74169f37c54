"""1:1 queries: pairs, meetings, agenda items, probation (keyword-only, take a session, never commit)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import bindparam, func, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.oneonone_models import AgendaItem, Meeting, OneOnOnePair, Probation


async def get_pair_for_employee(session: AsyncSession, *, team_id: str, employee_id: str) -> OneOnOnePair | None:
    """The employee's active pair (there is at most one: one manager per employee)."""
    statement = select(OneOnOnePair).where(
        col(OneOnOnePair.team_id) == team_id, col(OneOnOnePair.employee_id) == employee_id, col(OneOnOnePair.active)
    )
    return (await session.exec(statement)).first()


async def get_pair_between(
    session: AsyncSession, *, team_id: str, manager_id: str, employee_id: str
) -> OneOnOnePair | None:
    """The pair of exactly this manager and employee, active or stopped."""
    statement = select(OneOnOnePair).where(
        col(OneOnOnePair.team_id) == team_id,
        col(OneOnOnePair.manager_id) == manager_id,
        col(OneOnOnePair.employee_id) == employee_id,
    )
    return (await session.exec(statement)).first()


async def get_pair(session: AsyncSession, *, team_id: str, pair_id: int) -> OneOnOnePair | None:
    pair = await session.get(OneOnOnePair, pair_id)
    return pair if pair is not None and pair.team_id == team_id else None


async def add_pair(session: AsyncSession, *, pair: OneOnOnePair) -> OneOnOnePair:
    session.add(pair)
    await session.flush()
    return pair


_ACTIVE_PAIRS = select(OneOnOnePair).where(col(OneOnOnePair.active)).order_by(col(OneOnOnePair.id))


async def list_active_pairs(session: AsyncSession) -> list[OneOnOnePair]:
    return list((await session.exec(_ACTIVE_PAIRS)).all())


async def list_pairs_of(session: AsyncSession, *, team_id: str, user_id: str) -> list[OneOnOnePair]:
    """Active pairs where the user is the manager or the employee."""
    statement = (
        select(OneOnOnePair)
        .where(
            col(OneOnOnePair.team_id) == team_id,
            col(OneOnOnePair.active),
            or_(col(OneOnOnePair.manager_id) == user_id, col(OneOnOnePair.employee_id) == user_id),
        )
        .order_by(col(OneOnOnePair.id))
    )
    return list((await session.exec(statement)).all())


async def get_meeting(session: AsyncSession, *, team_id: str, meeting_id: int) -> Meeting | None:
    meeting = await session.get(Meeting, meeting_id)
    return meeting if meeting is not None and meeting.team_id == team_id else None


async def get_meeting_by_slot(session: AsyncSession, *, pair_id: int, slot: date) -> Meeting | None:
    statement = select(Meeting).where(col(Meeting.pair_id) == pair_id, col(Meeting.slot) == slot)
    return (await session.exec(statement)).first()


async def add_meeting(session: AsyncSession, *, meeting: Meeting) -> Meeting:
    """Insert the meeting unless its (pair, slot) exists; either way return the stored row. Conflict-tolerant,
    so two planners (replicas) creating the same next meeting at once never abort each other."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    values = meeting.model_dump(exclude={"id"})
    statement = insert(Meeting).values(**values).on_conflict_do_nothing(index_elements=["pair_id", "slot"])
    await session.exec(statement)
    stored = await get_meeting_by_slot(session, pair_id=meeting.pair_id, slot=meeting.slot)
    assert stored is not None
    return stored


async def upcoming_meeting(session: AsyncSession, *, pair_id: int, after: datetime) -> Meeting | None:
    """The next planned meeting starting after `after`."""
    statement = (
        select(Meeting)
        .where(col(Meeting.pair_id) == pair_id, col(Meeting.status) == "planned", col(Meeting.starts_at) > after)
        .order_by(col(Meeting.starts_at))
        .limit(1)
    )
    return (await session.exec(statement)).first()


async def latest_meeting(session: AsyncSession, *, pair_id: int) -> Meeting | None:
    """The pair's meeting that starts last, whatever its status."""
    statement = select(Meeting).where(col(Meeting.pair_id) == pair_id).order_by(col(Meeting.starts_at).desc())
    return (await session.exec(statement.limit(1))).first()


async def latest_decided(session: AsyncSession, *, pair_id: int) -> datetime | None:
    """When the pair's most recently decided meeting was decided (its `created_at`), or None without meetings."""
    statement = select(func.max(col(Meeting.created_at))).where(col(Meeting.pair_id) == pair_id)
    return (await session.exec(statement)).first()


_MEETINGS = select(Meeting).where(col(Meeting.pair_id) == bindparam("pair_id")).order_by(col(Meeting.starts_at))


async def list_meetings(session: AsyncSession, *, pair_id: int) -> list[Meeting]:
    return list((await session.exec(_MEETINGS, params={"pair_id": pair_id})).all())


async def last_held(session: AsyncSession, *, pair_id: int, kind: str | None = None) -> Meeting | None:
    statement = select(Meeting).where(col(Meeting.pair_id) == pair_id, col(Meeting.status) == "held")
    if kind is not None:
        statement = statement.where(col(Meeting.kind) == kind)
    statement = statement.order_by(col(Meeting.starts_at).desc()).limit(1)
    return (await session.exec(statement)).first()


async def open_agenda(session: AsyncSession, *, pair_id: int) -> list[AgendaItem]:
    """Items not yet ticked off, oldest first (they carry over from meeting to meeting)."""
    statement = (
        select(AgendaItem)
        .where(col(AgendaItem.pair_id) == pair_id, col(AgendaItem.done).is_(False))
        .order_by(col(AgendaItem.created_at), col(AgendaItem.id))
    )
    return list((await session.exec(statement)).all())


async def add_agenda_item(session: AsyncSession, *, item: AgendaItem) -> AgendaItem:
    session.add(item)
    await session.flush()
    return item


async def get_probation(session: AsyncSession, *, team_id: str, employee_id: str) -> Probation | None:
    return await session.get(Probation, (team_id, employee_id))


async def upsert_probation(session: AsyncSession, *, probation: Probation) -> Probation:
    existing = await session.get(Probation, (probation.team_id, probation.employee_id))
    if existing is None:
        session.add(probation)
        await session.flush()
        return probation
    existing.start_date = probation.start_date
    existing.manager_id = probation.manager_id
    existing.months = probation.months
    existing.end_date = probation.end_date
    await session.flush()
    return existing


async def list_pairs_managed_by(session: AsyncSession, *, team_id: str, manager_id: str) -> list[OneOnOnePair]:
    statement = (
        select(OneOnOnePair)
        .where(col(OneOnOnePair.team_id) == team_id, col(OneOnOnePair.manager_id) == manager_id)
        .order_by(col(OneOnOnePair.id))
    )
    return list((await session.exec(statement)).all())


async def list_every_pair_of(session: AsyncSession, *, team_id: str, user_id: str) -> list[OneOnOnePair]:
    """Every pair, active or stopped, the user is in (for `mine-data`)."""
    statement = (
        select(OneOnOnePair)
        .where(
            col(OneOnOnePair.team_id) == team_id,
            or_(col(OneOnOnePair.manager_id) == user_id, col(OneOnOnePair.employee_id) == user_id),
        )
        .order_by(col(OneOnOnePair.id))
    )
    return list((await session.exec(statement)).all())


async def list_agenda(session: AsyncSession, *, pair_id: int) -> list[AgendaItem]:
    """Every agenda item of a pair, ticked or not, oldest first."""
    statement = select(AgendaItem).where(col(AgendaItem.pair_id) == pair_id).order_by(col(AgendaItem.id))
    return list((await session.exec(statement)).all())
