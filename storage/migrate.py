"""Apply Alembic migrations programmatically on an existing async engine (`oppfolging db upgrade`)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncEngine


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(str(files("storage") / "migrations"))))
    return config


MIGRATION_LOCK = 0x6F7070666F6C67  # "oppfolg": the PostgreSQL advisory lock key held while migrating


def upgrade_connection(connection: Connection, revision: str = "head") -> None:
    """Upgrade on a synchronous connection (used by the async `upgrade`, and by tests on a sync engine).

    On PostgreSQL a transaction-scoped advisory lock makes replicas that start together (each running
    `oppfolging db upgrade` before `serve`) take turns: the first migrates, the others then find the head.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    config = alembic_config()
    # env.py picks this connection up instead of building its own engine.
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    async with engine.begin() as connection:
        await connection.run_sync(upgrade_connection, revision)


def _current(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


async def current_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as connection:
        return await connection.run_sync(_current)


def head_revisions() -> frozenset[str]:
    """The revisions this code's migrations end at (one, unless two branches were left unmerged)."""
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())
