"""SQLite for an asyncio server: one thread hand-off per statement instead of aiosqlite's four.

aiosqlite runs each call on the connection's own thread and hands the result back to the event loop. For every
statement SQLAlchemy's aiosqlite dialect makes four such calls (open a cursor, execute, fetch, close), and each
hand-off costs a queue put, a thread wake-up and an event-loop wake-up: measured, about two thirds of the CPU of a
sweep with nothing to send went to them (issue 14). This driver gives the same dialect (through
`create_async_engine(..., async_creator=...)`) a connection with the awaitable interface it uses, where `execute`
runs the statement, reads all of its rows and closes the cursor in one hand-off; fetching then reads those rows
without leaving the loop. SQLAlchemy reads every row of a statement at once anyway (no server-side cursors here).

Same `sqlite3`, same SQL, pragmas and transactions, one thread per connection as with aiosqlite, so the event
loop never waits for the disk or for another writer's lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from queue import SimpleQueue
from typing import Any, TypeVar

T = TypeVar("T")

BUSY_TIMEOUT_S = 30.0
"""sqlite3's own wait for another writer's lock (`PRAGMA busy_timeout` says the same)."""


def configure(connection: Any) -> None:
    """The pragmas every connection to the database gets (`connection`: sqlite3's, or SQLAlchemy's wrapper of it)."""
    cursor = connection.cursor()
    # First, so the pragmas below wait for another writer instead of failing with "database is locked".
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    # Deleted rows (pulse markers, intermediate tallies) are overwritten with zeros, not left in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets the web handlers read while a sweep writes. Set once per file: asking again while another
    # connection writes fails with "database is locked" (the busy timeout does not cover it).
    cursor.execute("PRAGMA journal_mode")
    if str(cursor.fetchone()[0]).lower() != "wal":
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def open_sqlite(path: str) -> sqlite3.Connection:
    """A connection to the SQLite file at `path`, configured (`configure`): one call, so that opening a connection
    costs one hand-off rather than one per pragma."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    try:
        configure(connection)
    except BaseException:
        connection.close()
        raise
    return connection


class ConnectionThread:
    """The one thread a connection's calls run on, in order. Each call's result goes back to the event loop with
    one `call_soon_threadsafe`: about a quarter less CPU per hand-off than `run_in_executor` on a one-thread pool,
    which adds a pool work item, a `concurrent.futures.Future` with its lock, and a second future chained to it."""

    def __init__(self) -> None:
        self._calls: SimpleQueue[tuple[asyncio.AbstractEventLoop | None, asyncio.Future[Any] | None, Any] | None]
        self._calls = SimpleQueue()
        # A daemon: a connection nobody closed must not keep the process from exiting (the pool closes them all).
        self._thread = threading.Thread(target=self._serve, name="sqlite", daemon=True)
        self._thread.start()

    async def run(self, work: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._calls.put((loop, future, work))
        return await future

    def run_and_stop(self, work: Callable[[], object]) -> None:
        """`work` after whatever is queued, nobody waiting for it; then the thread ends."""
        self._calls.put((None, None, work))
        self.stop()

    def stop(self) -> None:
        """The thread ends after the calls already queued."""
        self._calls.put(None)

    def _serve(self) -> None:
        while (call := self._calls.get()) is not None:
            loop, future, work = call
            try:
                outcome: tuple[Any, BaseException | None] = (work(), None)
            except BaseException as error:  # noqa: BLE001 - raised again where the caller awaits it
                outcome = (None, error)
            if loop is not None and future is not None:
                with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nobody waits any more
                    loop.call_soon_threadsafe(_settle, future, *outcome)


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.cancelled():
        return
    if error is None:
        future.set_result(result)
    else:
        future.set_exception(error)


class HopCursor:
    """A cursor whose `execute` returns with every row already read (one hand-off); the rest is plain memory."""

    def __init__(self, connection: HopConnection) -> None:
        self._connection = connection
        self._rows: list[Any] = []
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self.arraysize = 1

    async def __aenter__(self) -> HopCursor:
        return self

    async def __aexit__(self, *_: object) -> None:
        self._rows = []

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> HopCursor:
        raw = self._connection.raw

        def run() -> tuple[list[Any], Any, int, int | None]:
            cursor = raw.cursor()
            try:
                cursor.execute(sql, () if parameters is None else parameters)
                rows = cursor.fetchall() if cursor.description else []
                return rows, cursor.description, cursor.rowcount, cursor.lastrowid
            finally:
                cursor.close()

        self._rows, self.description, self.rowcount, self.lastrowid = await self._connection.run(run)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> HopCursor:
        raw = self._connection.raw

        def run() -> tuple[int, int | None]:
            cursor = raw.cursor()
            try:
                cursor.executemany(sql, parameters)
                return cursor.rowcount, cursor.lastrowid
            finally:
                cursor.close()

        self._rows, self.description = [], None
        self.rowcount, self.lastrowid = await self._connection.run(run)
        return self

    async def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        count = self.arraysize if size is None else size
        taken, self._rows = self._rows[:count], self._rows[count:]
        return taken

    async def fetchall(self) -> list[Any]:
        taken, self._rows = self._rows, []
        return taken

    async def close(self) -> None:
        self._rows = []


class _Requests:
    """Stands in for aiosqlite's request queue: SQLAlchemy's dialect puts `(future, function)` here to set the
    isolation level; the function runs on the connection's thread like everything else."""

    def __init__(self, connection: HopConnection) -> None:
        self._connection = connection

    def put_nowait(self, item: tuple[asyncio.Future[Any], Callable[[], Any]]) -> None:
        future, function = item
        running = asyncio.ensure_future(self._connection.run(function))

        def settle(done: asyncio.Future[Any]) -> None:
            if future.done():
                return
            if done.cancelled():
                future.cancel()
            elif (error := done.exception()) is not None:
                future.set_exception(error)
            else:
                future.set_result(done.result())

        running.add_done_callback(settle)


class HopConnection:
    """The part of `aiosqlite.Connection` that SQLAlchemy's aiosqlite dialect uses, on a thread of its own."""

    def __init__(self, raw: sqlite3.Connection, thread: ConnectionThread | None) -> None:
        """`thread` None runs every call in place on the event loop: only for a process with nothing to overlap
        (the offline demo, `sim.demo.inline_sqlite`); a server must never block its loop on the disk."""
        self.raw = raw
        self._conn = raw  # the dialect reads `_conn` (isolation level) and `_connection` (open or not)
        self._connection: sqlite3.Connection | None = raw
        self._thread = thread
        self._tx = _Requests(self)

    async def run(self, work: Callable[[], T]) -> T:
        """`work` on this connection's thread; the caller waits without blocking the event loop."""
        if self._thread is None:
            return work()
        return await self._thread.run(work)

    def cursor(self) -> HopCursor:
        return HopCursor(self)

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> HopCursor:
        return await self.cursor().execute(sql, parameters)

    async def commit(self) -> None:
        # Nothing to end: sqlite3 begins a transaction only before a write, and the pool rolls back every
        # connection it takes back. Skipping those no-ops saves two hand-offs per read-only transaction.
        if self.raw.in_transaction:
            await self.run(self.raw.commit)

    async def rollback(self) -> None:
        if self.raw.in_transaction:
            await self.run(self.raw.rollback)

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        await self.run(partial(self.raw.create_function, *args, **kwargs))

    async def close(self) -> None:
        if self._connection is None:
            return
        self._connection = None
        try:
            await self.run(self.raw.close)
        finally:
            if self._thread is not None:
                self._thread.stop()

    def stop(self) -> None:
        """Close at once (SQLAlchemy's forced termination): from the loop, without waiting for the thread."""
        if self._connection is None:
            return
        self._connection = None
        if self._thread is None:
            self.raw.close()
            return
        self._thread.run_and_stop(self.raw.close)

    @property
    def isolation_level(self) -> str | None:
        return self.raw.isolation_level


def hop_connector(path: str) -> Callable[[], Any]:
    """An `async_creator` for `create_async_engine`: a new, configured connection to the SQLite file at `path`,
    opened on the thread it will keep."""

    async def connect() -> HopConnection:
        thread = ConnectionThread()
        try:
            raw = await thread.run(partial(open_sqlite, path))
        except BaseException:
            thread.stop()
            raise
        return HopConnection(raw, thread)

    return connect
