"""`storage.sqlite_driver`: what SQLAlchemy reads back is what sqlite3 says, errors arrive as sqlite3's, and a
writer elsewhere holding the lock never blocks the event loop."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from storage.db import make_engine
from storage.sqlite_driver import ConnectionThread, HopConnection, hop_connector, open_sqlite


async def test_rows_counts_and_ids_come_back_as_sqlite3_gives_them(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"))
            inserted = await connection.execute(text("INSERT INTO t (name) VALUES (:n)"), [{"n": "a"}, {"n": "b"}])
            assert inserted.rowcount == 2
            one = await connection.execute(text("INSERT INTO t (name) VALUES ('c')"))
            assert one.lastrowid == 3
            updated = await connection.execute(text("UPDATE t SET name = name || '!' WHERE id > 1 RETURNING id"))
            assert sorted(updated.scalars()) == [2, 3]
        async with engine.connect() as connection:
            rows = (await connection.execute(text("SELECT id, name FROM t ORDER BY id"))).all()
            assert [tuple(row) for row in rows] == [(1, "a"), (2, "b!"), (3, "c!")]
            with pytest.raises(IntegrityError):
                await connection.execute(text("INSERT INTO t (name) VALUES ('a')"))
    finally:
        await engine.dispose()


async def test_a_rollback_undoes_the_write(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY)"))
        async with engine.connect() as connection:
            await connection.execute(text("INSERT INTO t (id) VALUES (1)"))
            await connection.rollback()
            assert (await connection.execute(text("SELECT count(*) FROM t"))).scalar_one() == 0
    finally:
        await engine.dispose()


async def test_the_loop_keeps_running_while_another_writer_holds_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    first = open_sqlite(str(path))  # as the product first opens the file: in WAL mode from then on
    first.execute("CREATE TABLE t (id INTEGER)").connection.close()
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        other = sqlite3.connect(path)
        other.execute("BEGIN IMMEDIATE")
        holding.set()
        release.wait(10)
        other.commit()
        other.close()

    writer = threading.Thread(target=hold)
    writer.start()
    await asyncio.to_thread(holding.wait)
    connection = await hop_connector(str(path))()
    assert isinstance(connection, HopConnection)
    try:
        write = asyncio.ensure_future(connection.execute("INSERT INTO t VALUES (1)"))
        # Were the loop blocked by the waiting insert, it would never get here to let the writer go: the insert
        # would fail with "database is locked" after the busy timeout instead.
        await asyncio.sleep(0.1)
        assert not write.done()
        release.set()
        await write
        await connection.commit()
        assert await (await connection.execute("SELECT count(*) FROM t")).fetchall() == [(1,)]
    finally:
        release.set()
        await asyncio.to_thread(writer.join)
        await connection.close()


def test_a_connection_is_opened_with_the_product_s_pragmas(tmp_path: Path) -> None:
    connection = open_sqlite(str(tmp_path / "x.db"))
    try:
        read = {name: connection.execute(f"PRAGMA {name}").fetchone()[0] for name in ("journal_mode", "foreign_keys",
                "secure_delete", "busy_timeout")}  # fmt: skip
    finally:
        connection.close()
    assert read == {"journal_mode": "wal", "foreign_keys": 1, "secure_delete": 1, "busy_timeout": 30_000}


async def test_calls_run_in_order_on_one_thread_and_a_caller_who_stops_waiting_changes_nothing_after() -> None:
    thread = ConnectionThread()
    try:
        started, release = threading.Event(), threading.Event()
        seen: list[tuple[str, int | None]] = []

        def slow() -> str:
            started.set()
            release.wait(10)
            seen.append(("slow", threading.get_ident()))
            return "slow"

        def after() -> int:
            seen.append(("after", threading.get_ident()))
            return 7

        waiting = asyncio.ensure_future(thread.run(slow))
        await asyncio.to_thread(started.wait)
        waiting.cancel()  # the caller gives up; the call itself still finishes on the thread
        queued = asyncio.ensure_future(thread.run(after))
        release.set()
        assert await queued == 7
        with pytest.raises(asyncio.CancelledError):
            await waiting
        with pytest.raises(ZeroDivisionError):
            await thread.run(lambda: 1 / 0)
        assert [name for name, _ in seen] == ["slow", "after"]
        assert len({ident for _, ident in seen}) == 1
        assert threading.get_ident() not in {ident for _, ident in seen}
    finally:
        thread.stop()
