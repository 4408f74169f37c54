"""Replicas that start together each run `oppfolging db upgrade`: on PostgreSQL they take turns, none fails."""

from __future__ import annotations

import asyncio
import os
import uuid

import asyncpg
import pytest

from storage.db import make_engine
from storage.migrate import current_revision, head_revisions, upgrade


@pytest.mark.postgres
async def test_three_upgrades_at_once_on_an_empty_postgresql_schema_all_succeed() -> None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("TEST_DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/test)")
    plain = url.replace("postgresql+asyncpg://", "postgresql://")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(plain)
    try:
        await admin.execute(f'CREATE SCHEMA "{schema}"')
    finally:
        await admin.close()
    engines = [make_engine(plain.replace("postgresql://", "postgresql+asyncpg://", 1), schema=schema) for _ in range(3)]
    try:
        # Without the advisory lock the three deadlock on each other's DDL; the wait only turns a hang into a failure.
        await asyncio.wait_for(asyncio.gather(*(upgrade(engine) for engine in engines)), timeout=300)
        assert await current_revision(engines[0]) in head_revisions()
    finally:
        for engine in engines:
            await engine.dispose()
        admin = await asyncpg.connect(plain)
        try:
            await admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        finally:
            await admin.close()
