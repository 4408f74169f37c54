"""Engine and session factory. No module-level engine: the composition root makes one and disposes it.

Async all the way: SQLModel's `AsyncSession` over SQLAlchemy's async engine, `aiosqlite` for the embedded SQLite
default and `asyncpg` for PostgreSQL. Sessions never autocommit; the services own every transaction.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

SessionFactory = async_sessionmaker[AsyncSession]


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(
    url: str, *, schema: str | None = None, async_creator: Callable[[], Awaitable[Any]] | None = None
) -> AsyncEngine:
    """An async engine for `url`; `schema` pins PostgreSQL's search_path (isolated test schemas).

    `async_creator` makes SQLite's driver connections instead of aiosqlite (the offline demo runs them inline).
    """
    if is_sqlite(url):
        extra: dict[str, Any] = {} if async_creator is None else {"async_creator": async_creator}
        engine = create_async_engine(url, connect_args={"timeout": 30}, **extra)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            # WAL lets the web handlers read while a sweep writes.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    connect_args: dict[str, Any] = {}
    if schema is not None:
        connect_args["server_settings"] = {"search_path": schema}
    return create_async_engine(url, pool_pre_ping=True, connect_args=connect_args)


def make_session_factory(engine: AsyncEngine) -> SessionFactory:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


@asynccontextmanager
async def transaction(factory: SessionFactory) -> AsyncIterator[AsyncSession]:
    """One unit of work: commit on success, roll back on any error."""
    async with factory() as session, session.begin():
        yield session


async def ping(engine: AsyncEngine) -> bool:
    """True when the database answers a trivial query (for /healthz)."""
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError):
        return False
    return True
