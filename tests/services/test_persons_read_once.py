"""`read_once`: during one sweep's planning a person several planners ask for is read from the database once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import Runtime
from bot.core.persons import load_view
from bot.core.readonce import read_once
from storage.db import transaction
from tests.conftest import EMPLOYEE, MANAGER, TEAM


async def person_reads(rt: Runtime, engine: AsyncEngine, *, once: bool) -> int:
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "FROM person" in statement:
            statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", seen)
    deps = rt.services.deps
    try:
        if once:
            with read_once():
                for _ in range(3):  # three planners, each in its own transaction
                    async with transaction(deps.sessions) as session:
                        for user in (MANAGER, EMPLOYEE):
                            await load_view(session, deps, team_id=TEAM, user_id=user)
        else:
            for _ in range(3):
                async with transaction(deps.sessions) as session:
                    for user in (MANAGER, EMPLOYEE):
                        await load_view(session, deps, team_id=TEAM, user_id=user)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", seen)
    return len(statements)


async def test_within_read_once_each_person_is_read_once(rt: Runtime, engine: AsyncEngine) -> None:
    assert await person_reads(rt, engine, once=False) >= 6
    assert await person_reads(rt, engine, once=True) == 2


async def test_after_the_planning_a_change_is_read_as_stored(rt: Runtime) -> None:
    deps = rt.services.deps
    with read_once():
        async with transaction(deps.sessions) as session:
            before = await load_view(session, deps, team_id=TEAM, user_id=EMPLOYEE)
    await rt.services.people.choose_language(team_id=TEAM, user_id=EMPLOYEE, lang="en")
    async with transaction(deps.sessions) as session:
        after = await load_view(session, deps, team_id=TEAM, user_id=EMPLOYEE)
    assert (before.lang, after.lang) == ("nb", "en")
