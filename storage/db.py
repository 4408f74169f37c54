"""Engine and session factory. No module-level engine: the composition root makes one and disposes it.

Async all the way: SQLModel's `AsyncSession` over SQLAlchemy's async engine, `aiosqlite` for the embedded SQLite
default and `asyncpg` for PostgreSQL. Sessions never autocommit; the services own every transaction.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.sqlite_driver import configure, hop_connector

SessionFactory = async_sessionmaker[AsyncSession]


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(
    url: str, *, schema: str | None = None, async_creator: Callable[[], Awaitable[Any]] | None = None
) -> AsyncEngine:
    """An async engine for `url`; `schema` pins PostgreSQL's search_path (isolated test schemas).

    SQLite's connections come from `storage.sqlite_driver` (one thread hand-off per statement) through SQLAlchemy's
    aiosqlite dialect, configured as they are opened (`storage.sqlite_driver.configure`: WAL, busy timeout,
    foreign keys, secure delete); `async_creator` makes them instead and must configure them the same way (the
    offline demo's inline connections do).
    """
    # Logs never carry user text: statement parameters are hidden from every log and error message, no echo.
    if is_sqlite(url):
        path = make_url(url).database
        if async_creator is None and path and path != ":memory:":
            async_creator = hop_connector(path)
        extra: dict[str, Any] = {} if async_creator is None else {"async_creator": async_creator}
        engine = create_async_engine(url, connect_args={"timeout": 30}, hide_parameters=True, echo=False, **extra)
        if async_creator is None:  # an in-memory database through aiosqlite itself; the connectors configure theirs

            @event.listens_for(engine.sync_engine, "connect")
            def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
                configure(dbapi_connection)

        return engine
    connect_args: dict[str, Any] = {}
    if schema is not None:
        connect_args["server_settings"] = {"search_path": schema}
    return create_async_engine(url, pool_pre_ping=True, connect_args=connect_args, hide_parameters=True, echo=False)


def make_session_factory(engine: AsyncEngine) -> SessionFactory:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


@asynccontextmanager
async def transaction(factory: SessionFactory) -> AsyncIterator[AsyncSession]:
    """One unit of work: commit on success, roll back on any error."""
    async with factory() as session, session.begin():
        yield session


# The tables a pulse round writes to; at its close their dead rows are vacuumed away on PostgreSQL.
ROUND_TABLES = ("pulse_awaiting", "pulse_invited", "pulse_tally")


async def checkpoint(factory: SessionFactory) -> None:
    """SQLite: copy the WAL into the database file and truncate it, so no earlier page version (a marker, an
    intermediate tally) stays behind in `-wal`. Nothing to do on PostgreSQL. Call after the commit."""
    async with factory() as session:
        connection = await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        if connection.dialect.name == "sqlite":
            await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


async def scrub_round_tables(factory: SessionFactory) -> None:
    """After a round closed: on SQLite, checkpoint and truncate the WAL (`secure_delete` already zeroed the deleted
    rows); on PostgreSQL, rewrite the round's tables so their dead rows (markers, earlier tally versions) are gone
    from the files, and vacuum the outbox (who was invited and reminded)."""
    async with factory() as session:
        connection = await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        if connection.dialect.name == "sqlite":
            await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            return
        for table in ROUND_TABLES:
            await connection.exec_driver_sql(f"VACUUM FULL {table}")
        await connection.exec_driver_sql("VACUUM outbox")


async def ping(engine: AsyncEngine) -> bool:
    """True when the database answers a trivial query (for /healthz)."""
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        return False
    return True
