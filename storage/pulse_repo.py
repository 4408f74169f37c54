"""Pulse queries (keyword-only, take a session, never commit).

Answering a pulse goes through `take_awaiting` and `tally_for_update` only: a delete and one update of the
team's counts, nothing that names the person who answered.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import bindparam, delete, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import OutboxMessage
from storage.pulse_models import PulseAwaiting, PulseInvited, PulseRound, PulseTally, RoundStatus, random_id


def _is_postgres(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


# rounds ------------------------------------------------------------------------------------------------------


async def add_round(session: AsyncSession, *, pulse_round: PulseRound) -> PulseRound:
    """Insert the round unless the workspace has one for that day; either way return the stored round
    (conflict-tolerant: concurrent planners never abort each other)."""
    insert = postgresql.insert if _is_postgres(session) else sqlite.insert
    statement = (
        insert(PulseRound)
        .values(**pulse_round.model_dump())
        .on_conflict_do_nothing(index_elements=["team_id", "round_day"])
    )
    await session.exec(statement)
    lookup = select(PulseRound).where(
        col(PulseRound.team_id) == pulse_round.team_id, col(PulseRound.round_day) == pulse_round.round_day
    )
    return (await session.exec(lookup.execution_options(populate_existing=True))).one()


async def get_round(session: AsyncSession, *, team_id: str, round_id: str) -> PulseRound | None:
    found = await session.get(PulseRound, round_id)
    return found if found is not None and found.team_id == team_id else None


_OPEN_ROUND = (
    select(PulseRound)
    .where(col(PulseRound.team_id) == bindparam("team_id"), col(PulseRound.status) == RoundStatus.OPEN)
    .order_by(col(PulseRound.round_day).desc())
)


async def open_round(session: AsyncSession, *, team_id: str) -> PulseRound | None:
    return (await session.exec(_OPEN_ROUND, params={"team_id": team_id})).first()


async def round_exists(session: AsyncSession, *, team_id: str, round_day: date) -> bool:
    statement = select(col(PulseRound.id)).where(
        col(PulseRound.team_id) == team_id, col(PulseRound.round_day) == round_day
    )
    return (await session.exec(statement)).first() is not None


_TO_CLOSE = (
    select(PulseRound)
    .where(col(PulseRound.status) == RoundStatus.OPEN, col(PulseRound.closes_at) <= bindparam("now"))
    .order_by(col(PulseRound.closes_at))
    .with_for_update(skip_locked=True)
    .execution_options(populate_existing=True)
)


async def rounds_to_close(session: AsyncSession, *, now: datetime) -> list[PulseRound]:
    """Open rounds in every workspace whose closing instant has come, locked for this transaction. On PostgreSQL
    a round another replica is closing right now is skipped (`SKIP LOCKED`), so it is closed exactly once."""
    return list((await session.exec(_TO_CLOSE, params={"now": now})).all())


async def results_of(
    session: AsyncSession, *, team_id: str, group_key: str, limit: int
) -> list[tuple[PulseRound, PulseTally]]:
    """A group's published results of closed rounds, newest first."""
    statement = (
        select(PulseRound, PulseTally)
        .join(PulseTally, col(PulseTally.round_id) == col(PulseRound.id))
        .where(
            col(PulseRound.team_id) == team_id,
            col(PulseRound.status) == RoundStatus.CLOSED,
            col(PulseTally.group_key) == group_key,
        )
        .order_by(col(PulseRound.round_day).desc())
        .limit(limit)
    )
    return [(r, t) for r, t in (await session.exec(statement)).all()]


# participation markers ---------------------------------------------------------------------------------------


async def invite(
    session: AsyncSession, *, team_id: str, round_id: str, token: str, group_key: str, remind: bool
) -> bool:
    """Mark the person behind `token` asked (in team `group_key`) and awaiting; False (and nothing changed) if
    already marked. Callers insert a round's markers in random order."""
    insert = postgresql.insert if _is_postgres(session) else sqlite.insert
    statement = (
        insert(PulseInvited)
        .values(round_id=round_id, token=token, team_id=team_id, group_key=group_key, remind=remind)
        .on_conflict_do_nothing(index_elements=["round_id", "token"])
    )
    result = await session.exec(statement)
    if not result.rowcount:
        return False
    session.add(PulseAwaiting(round_id=round_id, token=token, team_id=team_id))
    await session.flush()
    return True


async def invitation(session: AsyncSession, *, round_id: str, token: str) -> PulseInvited | None:
    return await session.get(PulseInvited, (round_id, token))


async def invitations(session: AsyncSession, *, round_id: str) -> dict[str, PulseInvited]:
    """Every marker of the round, by token (one read for a sweep's planning, however many were asked)."""
    statement = select(PulseInvited).where(col(PulseInvited.round_id) == round_id)
    return {invited.token: invited for invited in (await session.exec(statement)).all()}


async def awaiting_tokens(session: AsyncSession, *, round_id: str) -> set[str]:
    """The tokens of the round's people who have not answered yet."""
    statement = select(col(PulseAwaiting.token)).where(col(PulseAwaiting.round_id) == round_id)
    return set((await session.exec(statement)).all())


async def is_awaiting(session: AsyncSession, *, round_id: str, token: str) -> bool:
    return await session.get(PulseAwaiting, (round_id, token)) is not None


async def take_awaiting(session: AsyncSession, *, round_id: str, token: str) -> bool:
    """Delete the person's awaiting marker; True when there was one (they may answer, once)."""
    statement = delete(PulseAwaiting).where(col(PulseAwaiting.round_id) == round_id, col(PulseAwaiting.token) == token)
    result = await session.exec(statement)
    return bool(result.rowcount)


async def invited_per_group(session: AsyncSession, *, round_id: str) -> dict[str, int]:
    """How many were asked in each team (group key → count)."""
    statement = (
        select(col(PulseInvited.group_key), func.count())
        .where(col(PulseInvited.round_id) == round_id)
        .group_by(col(PulseInvited.group_key))
    )
    return {str(group): int(count) for group, count in (await session.exec(statement)).all()}


async def forget_participation(session: AsyncSession, *, round_id: str) -> int:
    """Delete every marker of the round (at its close). Returns how many rows went."""
    gone = 0
    for table in (PulseAwaiting, PulseInvited):
        result = await session.exec(delete(table).where(col(table.round_id) == round_id))
        gone += int(result.rowcount or 0)
    return gone


async def delete_round_messages(session: AsyncSession, *, team_id: str, key_prefix: str) -> int:
    """Delete the round's outbox rows (who was invited and reminded), whatever their state."""
    escaped = key_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    statement = delete(OutboxMessage).where(
        col(OutboxMessage.team_id) == team_id, col(OutboxMessage.dedupe_key).like(escaped + "%", escape="\\")
    )
    result = await session.exec(statement)
    return int(result.rowcount or 0)


# tallies -----------------------------------------------------------------------------------------------------


async def tally_for_update(session: AsyncSession, *, team_id: str, round_id: str, group_key: str) -> PulseTally:
    """The group's tally row, created when missing, locked for this transaction (PostgreSQL row lock)."""
    insert = postgresql.insert if _is_postgres(session) else sqlite.insert
    await session.exec(
        insert(PulseTally)
        .values(
            id=random_id(),
            team_id=team_id,
            round_id=round_id,
            group_key=group_key,
            n=0,
            invited=0,
            counts={},
            comments=[],
        )
        .on_conflict_do_nothing(index_elements=["round_id", "group_key"])
    )
    statement = (
        select(PulseTally)
        .where(col(PulseTally.round_id) == round_id, col(PulseTally.group_key) == group_key)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.exec(statement)).one()


async def tallies(session: AsyncSession, *, round_id: str) -> list[PulseTally]:
    statement = select(PulseTally).where(col(PulseTally.round_id) == round_id).order_by(col(PulseTally.group_key))
    return list((await session.exec(statement)).all())


async def tally_of(session: AsyncSession, *, round_id: str, group_key: str) -> PulseTally | None:
    statement = select(PulseTally).where(col(PulseTally.round_id) == round_id, col(PulseTally.group_key) == group_key)
    return (await session.exec(statement)).first()


async def add_tally(session: AsyncSession, *, tally: PulseTally) -> None:
    session.add(tally)
    await session.flush()


async def answer_count(session: AsyncSession, *, round_id: str) -> int:
    """How many answers the round has in all (its k is locked once this is above zero)."""
    statement = select(func.coalesce(func.sum(col(PulseTally.n)), 0)).where(col(PulseTally.round_id) == round_id)
    return int((await session.exec(statement)).one())
