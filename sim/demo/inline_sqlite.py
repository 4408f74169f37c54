"""SQLite for the demo without a thread per connection: aiosqlite's interface, run inline on the event loop.

aiosqlite hands every call to a worker thread and back. The demo is one process playing everyone in turn, with
nothing to overlap, and on a busy two-core machine those hand-offs (a queue put, a thread wake-up, an epoll
wait, for each execute, fetch and close) were most of its wall time. `connect` gives SQLAlchemy's aiosqlite
dialect (through `create_async_engine(..., async_creator=...)`) a connection with the same awaitable methods
that simply calls `sqlite3` in place. Same SQL, same SQLite, same pragmas and transactions (plus
`synchronous=OFF`: the database is thrown away after the run); only the thread hop is gone. Never used by the
product: a server must not block its event loop on disk.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any


class InlineCursor:
    """An aiosqlite-style cursor whose awaitables run the `sqlite3` call at once."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *_: object) -> None:
        self._cursor.close()

    def __await__(self) -> Any:
        return self.__aenter__().__await__()

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> InlineCursor:
        self._cursor.execute(sql, () if parameters is None else parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> InlineCursor:
        self._cursor.executemany(sql, parameters)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(self._cursor.arraysize if size is None else size)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value


class _Inline:
    """Stands in for aiosqlite's request queue: SQLAlchemy puts `(future, function)` here to set the isolation
    level; the function runs at once."""

    @staticmethod
    def put_nowait(item: tuple[asyncio.Future[Any], Callable[[], Any]]) -> None:
        future, function = item
        try:
            future.set_result(function())
        except sqlite3.Error as error:
            future.set_exception(error)


class InlineConnection:
    """The part of `aiosqlite.Connection` that SQLAlchemy's aiosqlite dialect uses."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._conn = connection
        self._connection: sqlite3.Connection | None = connection
        self._tx = _Inline()

    def cursor(self) -> InlineCursor:
        return InlineCursor(self._conn.cursor())

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> InlineCursor:
        return await self.cursor().execute(sql, parameters)

    async def commit(self) -> None:
        self._conn.commit()

    async def rollback(self) -> None:
        self._conn.rollback()

    async def close(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()

    def stop(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level


def connector(path: str) -> Callable[[], Any]:
    """An `async_creator` for `create_async_engine`: a new inline connection to the SQLite file at `path`."""

    async def connect() -> InlineConnection:
        connection = sqlite3.connect(path, timeout=30, check_same_thread=False)
        # A database that lives for one run: no need to wait for the disk at every commit.
        connection.execute("PRAGMA synchronous=OFF")
        return InlineConnection(connection)

    return connect
