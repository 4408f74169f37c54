"""Tiltak queries (keyword-only, take a session, never commit)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Row, bindparam, or_, union
from sqlalchemy import select as sa_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.tiltak_models import Counter, Postponement, Tiltak, TiltakStatus

TILTAK_NUMBERS = "tiltak"


async def next_number(session: AsyncSession, *, team_id: str, name: str = TILTAK_NUMBERS) -> int:
    """The next value of a per-workspace counter, atomically (an upsert that increments and returns)."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    upsert = insert(Counter).values(team_id=team_id, name=name, value=1)
    statement = upsert.on_conflict_do_update(
        index_elements=["team_id", "name"], set_={"value": col(Counter.value) + 1}
    ).returning(col(Counter.value))
    result = await session.exec(statement)
    return int(result.scalar_one())


async def add_tiltak(session: AsyncSession, *, tiltak: Tiltak) -> Tiltak:
    session.add(tiltak)
    await session.flush()
    return tiltak


async def get_tiltak(session: AsyncSession, *, team_id: str, tiltak_id: int) -> Tiltak | None:
    tiltak = await session.get(Tiltak, tiltak_id)
    return tiltak if tiltak is not None and tiltak.team_id == team_id else None


async def get_by_number(session: AsyncSession, *, team_id: str, number: int) -> Tiltak | None:
    statement = select(Tiltak).where(col(Tiltak.team_id) == team_id, col(Tiltak.number) == number)
    return (await session.exec(statement)).first()


async def list_open_for(session: AsyncSession, *, team_id: str, user_id: str) -> list[Tiltak]:
    """Open tiltak the user owns or follows up, soonest deadline first."""
    statement = (
        select(Tiltak)
        .where(
            col(Tiltak.team_id) == team_id,
            col(Tiltak.status) == TiltakStatus.OPEN,
            or_(col(Tiltak.owner_id) == user_id, col(Tiltak.counterpart_id) == user_id),
        )
        .order_by(col(Tiltak.due_date), col(Tiltak.number))
    )
    return list((await session.exec(statement)).all())


ListRow = Row[int | None, int, str, str, str | None, date, str, str | None]
"""`id, number, text, owner_id, counterpart_id, due_date, status, note`."""


async def list_open_rows(session: AsyncSession, *, team_id: str, user_id: str) -> Sequence[ListRow]:
    """`list_open_for` as plain rows of the columns a list shows (`id, number, text, owner_id, counterpart_id,
    due_date, status, note`): a list is read-only, so no ORM instance is built per row. Owned and followed-up
    are two selects, each on its own index (`ix_tiltak_owner_open`, `ix_tiltak_counterpart_open`), so the cost
    follows the person's tiltak, not the workspace's (SQLite does not split the OR by itself)."""
    columns = (
        col(Tiltak.id),
        col(Tiltak.number),
        col(Tiltak.text),
        col(Tiltak.owner_id),
        col(Tiltak.counterpart_id),
        col(Tiltak.due_date),
        col(Tiltak.status),
        col(Tiltak.note),
    )
    mine = (col(Tiltak.team_id) == team_id, col(Tiltak.status) == TiltakStatus.OPEN)
    owned = sa_select(*columns).where(*mine, col(Tiltak.owner_id) == user_id)
    followed = sa_select(*columns).where(*mine, col(Tiltak.counterpart_id) == user_id)
    both = union(owned, followed).subquery()
    statement = sa_select(*both.c).order_by(both.c.due_date, both.c.number)
    connection = await session.connection()  # Core: rows as tuples, no ORM identity map
    return (await connection.execute(statement)).all()


_IS_OPEN = col(Tiltak.status) == TiltakStatus.OPEN
_DUE_BY = col(Tiltak.due_date) <= bindparam("last_due")
# Built once: every sweep runs them (bound per call, SQLAlchemy neither rebuilds nor re-hashes them).
_OPEN_DUE_BY = select(Tiltak).where(_IS_OPEN, _DUE_BY).order_by(col(Tiltak.id))
_OPEN_DUE_BETWEEN = select(Tiltak).where(
    _IS_OPEN, col(Tiltak.due_date).between(bindparam("first_due"), bindparam("last_due"))
)
_OPEN_SET_SINCE = select(Tiltak).where(_IS_OPEN, col(Tiltak.reminders_from) > bindparam("set_since"), _DUE_BY)


async def list_open_due_by(
    session: AsyncSession, *, last_due: date, first_due: date | None = None, set_since: datetime | None = None
) -> list[Tiltak]:
    """Open tiltak in every workspace with a deadline on or before `last_due` (candidates for reminders), by id.

    With `first_due`: only those with a deadline on or after it, or (with `set_since`) whose deadline was set
    (created or postponed: `reminders_from`) after `set_since`. Two selects, each on an index of its own
    (`ix_tiltak_status_due`, `ix_tiltak_status_from`): SQLite would scan the table for the OR of both."""
    if first_due is None:
        return list((await session.exec(_OPEN_DUE_BY, params={"last_due": last_due})).all())
    window = {"first_due": first_due, "last_due": last_due}
    found = {t.id: t for t in (await session.exec(_OPEN_DUE_BETWEEN, params=window))}
    if set_since is not None:
        changed = {"set_since": set_since, "last_due": last_due}
        found |= {t.id: t for t in (await session.exec(_OPEN_SET_SINCE, params=changed))}
    return [found[key] for key in sorted(found, key=lambda key: key or 0)]


async def list_for_person(session: AsyncSession, *, team_id: str, user_id: str) -> list[Tiltak]:
    """Every tiltak, open or closed, the user owns, follows up or created (for `mine-data`)."""
    statement = (
        select(Tiltak)
        .where(
            col(Tiltak.team_id) == team_id,
            or_(
                col(Tiltak.owner_id) == user_id,
                col(Tiltak.counterpart_id) == user_id,
                col(Tiltak.created_by) == user_id,
            ),
        )
        .order_by(col(Tiltak.number))
    )
    return list((await session.exec(statement)).all())


async def add_postponement(session: AsyncSession, *, postponement: Postponement) -> None:
    session.add(postponement)
    await session.flush()


async def list_postponements(session: AsyncSession, *, tiltak_id: int) -> list[Postponement]:
    statement = select(Postponement).where(col(Postponement.tiltak_id) == tiltak_id).order_by(col(Postponement.at))
    return list((await session.exec(statement)).all())


async def list_touching(
    session: AsyncSession, *, team_id: str, user_ids: list[str], closed_since: datetime
) -> list[Tiltak]:
    """Open tiltak, and those closed since `closed_since`, owned or followed up by any of `user_ids`."""
    statement = select(Tiltak).where(
        col(Tiltak.team_id) == team_id,
        or_(col(Tiltak.owner_id).in_(user_ids), col(Tiltak.counterpart_id).in_(user_ids)),
        or_(col(Tiltak.status) == TiltakStatus.OPEN, col(Tiltak.closed_at) >= closed_since),
    )
    return list((await session.exec(statement.order_by(col(Tiltak.due_date)))).all())
