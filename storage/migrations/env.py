"""Alembic environment: run migrations on the connection handed over by `storage.migrate`."""

from __future__ import annotations

from alembic import context
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

target_metadata = SQLModel.metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through `oppfolging db upgrade` (storage.migrate.upgrade)")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
