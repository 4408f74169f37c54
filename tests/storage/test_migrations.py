"""Migrations produce exactly the tables the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

import storage.consent_models
import storage.digest_models
import storage.models
import storage.oneonone_models
import storage.privacy_models
import storage.pulse_models
import storage.sickleave_models
import storage.tiltak_models
import storage.year_models  # noqa: F401
from storage.migrate import current_revision, upgrade


def _diff(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, SQLModel.metadata))


async def test_migrations_match_the_models(any_engine: AsyncEngine) -> None:
    async with any_engine.connect() as connection:
        differences = await connection.run_sync(_diff)
    assert differences == []


async def test_upgrade_is_idempotent_and_at_head(any_engine: AsyncEngine) -> None:
    before = await current_revision(any_engine)
    await upgrade(any_engine)
    assert await current_revision(any_engine) == before
    assert before is not None
