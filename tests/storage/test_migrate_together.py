"""Replicas that start together each run `oppfolging db upgrade`: on PostgreSQL they take turns, none fails."""

from __future__ import annotations

import asyncio

import pytest

from storage.db import make_engine
from storage.migrate import current_revision, head_revisions, upgrade
from tests.rig import postgres_schema


@pytest.mark.postgres
async def test_three_upgrades_at_once_on_an_empty_postgresql_schema_all_succeed() -> None:
    async with postgres_schema() as (url, schema):
        engines = [make_engine(url, schema=schema) for _ in range(3)]
        try:
            # Without the advisory lock the three deadlock on each other's DDL; the wait only turns a hang into a
            # failure.
            await asyncio.wait_for(asyncio.gather(*(upgrade(engine) for engine in engines)), timeout=300)
            assert await current_revision(engines[0]) in head_revisions()
        finally:
            for engine in engines:
                await engine.dispose()
