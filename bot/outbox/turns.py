"""Within a sweep, Slack calls and database work take turns.

A sweep keeps several sends in flight (`bot.outbox.window`). Each send's own code already never calls Slack
inside a transaction; `Turns` also keeps the sends from overlapping one another's database work: many Slack calls
may be in flight together, or one task may use the database, never both. So no Slack call ever waits while the
sweep holds a database connection (a slow Slack never holds the database), and database work is preferred:
while it waits, no new Slack call starts. The sweep's sessions and notifier are wrapped to take their turn
(`turn_taking`); a task already holding the database passes straight through, so nothing can deadlock.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from types import TracebackType
from typing import Any, ClassVar, Self

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message
from bot.contract.digest import TrendChart
from bot.contract.home import HomeState
from bot.core.deps import Deps
from bot.core.ports import Delivered, Notifier, SlackUser


class Turns:
    """Many Slack calls at once, or one task's database work (see the module docstring)."""

    def __init__(self) -> None:
        self._changed = asyncio.Condition()
        self._calls = 0
        self._owner: asyncio.Task[Any] | None = None
        self._depth = 0
        self._waiting = 0

    @asynccontextmanager
    async def slack(self) -> AsyncIterator[None]:
        if self._owner is not None and self._owner is asyncio.current_task():
            yield  # already inside this task's database turn
            return
        async with self._changed:
            await self._changed.wait_for(lambda: self._owner is None and self._waiting == 0)
            self._calls += 1
        try:
            yield
        finally:
            async with self._changed:
                self._calls -= 1
                self._changed.notify_all()

    async def enter_database(self) -> None:
        me = asyncio.current_task()
        if self._owner is not None and self._owner is me:
            self._depth += 1
            return
        async with self._changed:
            self._waiting += 1
            try:
                await self._changed.wait_for(lambda: self._owner is None and self._calls == 0)
            finally:
                self._waiting -= 1
            self._owner, self._depth = me, 1

    async def leave_database(self) -> None:
        self._depth -= 1
        if self._depth == 0:
            async with self._changed:
                self._owner = None
                self._changed.notify_all()


class _TurnTakingSession(AsyncSession):
    turns: ClassVar[Turns]

    async def __aenter__(self) -> Self:
        await self.turns.enter_database()
        return await super().__aenter__()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            await super().__aexit__(exc_type, exc, tb)
        finally:
            await self.turns.leave_database()


class _TurnTakingNotifier:
    """The notifier, each call in a Slack turn."""

    def __init__(self, notifier: Notifier, turns: Turns) -> None:
        self._notifier = notifier
        self._turns = turns

    async def send_dm(self, *, user_id: str, message: Message) -> Delivered:
        async with self._turns.slack():
            return await self._notifier.send_dm(user_id=user_id, message=message)

    async def post_to_channel(self, *, channel_id: str, message: Message) -> Delivered:
        async with self._turns.slack():
            return await self._notifier.post_to_channel(channel_id=channel_id, message=message)

    async def post_ephemeral(self, *, channel_id: str, user_id: str, message: Message) -> None:
        async with self._turns.slack():
            await self._notifier.post_ephemeral(channel_id=channel_id, user_id=user_id, message=message)

    async def publish_home(self, *, user_id: str, home: HomeState) -> None:
        async with self._turns.slack():
            await self._notifier.publish_home(user_id=user_id, home=home)

    async def post_chart(self, *, channel_id: str, chart: TrendChart) -> None:
        async with self._turns.slack():
            await self._notifier.post_chart(channel_id=channel_id, chart=chart)

    async def upload_file(self, *, channel_id: str, filename: str, content: bytes, title: str, alt_text: str) -> None:
        async with self._turns.slack():
            await self._notifier.upload_file(
                channel_id=channel_id, filename=filename, content=content, title=title, alt_text=alt_text
            )

    async def lookup_user(self, *, user_id: str) -> SlackUser:
        async with self._turns.slack():
            return await self._notifier.lookup_user(user_id=user_id)


def turn_taking(deps: Deps, turns: Turns) -> Deps:
    """`deps` whose sessions and notifier take their turns."""
    session_class = type("SweepSession", (_TurnTakingSession,), {"turns": turns})
    sessions = async_sessionmaker(class_=session_class, **deps.sessions.kw)
    return replace(deps, sessions=sessions, notifier=_TurnTakingNotifier(deps.notifier, turns))
