"""Erasing one person from a workspace, column by column as `storage.person_data` registers them.

`count_person_data` says what `erase_person` would do (the confirmation modal's numbers); `erase_person` does
it in the caller's transaction. Both touch only the workspace's own rows (`team_id`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import String, Table, cast, delete, func, select, update
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.person_data import Erase, PersonColumn, PersonDataRegistry, mention_pattern

REMOVED_MENTION = "@–"


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def _match(table: Table, entry: PersonColumn, user_id: str) -> ColumnElement[bool]:
    column = table.c[entry.column]
    if entry.erase == Erase.JSON_ROWS:
        return cast(column, String).like(f'%"{user_id}"%')
    if entry.erase == Erase.MENTIONS:
        return column.like(f"%<@{user_id}%")
    return column == user_id


def _where(table: Table, entry: PersonColumn, team_id: str, user_id: str) -> ColumnElement[bool]:
    return (table.c["team_id"] == team_id) & _match(table, entry, user_id)


async def count_person_data(
    session: AsyncSession, registry: PersonDataRegistry, *, team_id: str, user_id: str
) -> tuple[dict[str, int], int]:
    """Rows that would be deleted, per kind, and how many other rows would lose the person's name."""
    deleted: Counter[str] = Counter()
    named = 0
    for entry in registry:
        table = _table(entry.table)
        statement = select(func.count()).select_from(table).where(_where(table, entry, team_id, user_id))
        found = int((await session.exec(statement)).one()[0])  # type: ignore[call-overload]
        if entry.erase in (Erase.DELETE, Erase.JSON_ROWS):
            deleted[entry.kind] += found
        else:
            named += found
    return {kind: n for kind, n in deleted.items() if n}, named


async def erase_person(
    session: AsyncSession, registry: PersonDataRegistry, *, team_id: str, user_id: str, token: str
) -> int:
    """Erase the person everywhere the registry names; `token` replaces their id where an aggregate stays.
    Returns the number of rows deleted or changed."""
    touched = 0
    entries = list(registry)
    # Names first (rows that stay), then whole rows with their children.
    for entry in sorted(entries, key=lambda e: e.erase in (Erase.DELETE, Erase.JSON_ROWS)):
        touched += await _erase(session, entry, team_id=team_id, user_id=user_id, token=token)
    return touched


async def _erase(session: AsyncSession, entry: PersonColumn, *, team_id: str, user_id: str, token: str) -> int:
    table = _table(entry.table)
    where = _where(table, entry, team_id, user_id)
    if entry.erase == Erase.MENTIONS:
        return await _scrub_mentions(session, table, entry.column, where, user_id)
    if entry.erase in (Erase.CLEAR, Erase.BLANK, Erase.PSEUDONYMISE):
        value: Any = {Erase.CLEAR: None, Erase.BLANK: "", Erase.PSEUDONYMISE: token}[entry.erase]
        result = await session.exec(update(table).where(where).values({entry.column: value}))
        return int(result.rowcount or 0)
    key = next(iter(table.primary_key.columns))
    for child in entry.children:
        child_table = _table(child.table)
        parents = select(key).where(where)
        await session.exec(delete(child_table).where(child_table.c[child.column].in_(parents)))
    result = await session.exec(delete(table).where(where))
    return int(result.rowcount or 0)


async def _scrub_mentions(
    session: AsyncSession, table: Table, column: str, where: ColumnElement[bool], user_id: str
) -> int:
    keys = list(table.primary_key.columns)
    rows = (await session.exec(select(*keys, table.c[column]).where(where))).all()  # type: ignore[call-overload]
    pattern = mention_pattern(user_id)
    for row in rows:
        match = {key.name: row[index] for index, key in enumerate(keys)}
        conditions = [table.c[name] == value for name, value in match.items()]
        text = pattern.sub(REMOVED_MENTION, str(row[-1]))
        await session.exec(update(table).where(*conditions).values({column: text}))
    return len(rows)
