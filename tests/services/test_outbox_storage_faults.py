"""The database fails under a sweep: read-only (a remount, wrong permissions) or full (no disk left) (issue 11,
item 8, the fault matrix's last row).

Real SQLite, real outbox and notifier against the fake Slack. The faults are SQLite's own errors, raised by
SQLite itself: `PRAGMA query_only` makes every write fail as on a read-only file, and `PRAGMA max_page_count`
at the current size makes every write that needs a new page fail with SQLITE_FULL, as on a full disk. Each is
set on every connection the pool hands out while the fault lasts. Property: while the database cannot be
written, nothing is sent (a send is only made for a row whose claim was written) and nothing is marked sent;
once it can, every message goes out exactly once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import Runtime, runtime
from bot.clock import ManualClock
from bot.config import Settings
from bot.outbox.engine import PlannedMessage
from sim.fake_slack import FakeSlack
from storage.models import OutboxStatus
from tests.conftest import COLLEAGUE, EMPLOYEE, MANAGER
from tests.services.test_outbox_service import delivered, ping, posts, register, rows, sweep

RECIPIENTS = (EMPLOYEE, MANAGER, COLLEAGUE)
MESSAGES = 120
"""Enough rows that planning them needs new pages (a few would fit in the pages the file already has)."""


def pings(**extra: Any) -> list[PlannedMessage]:
    return [ping(f"ping:{n}", to=RECIPIENTS[n % len(RECIPIENTS)], **extra) for n in range(MESSAGES)]


@pytest.fixture
async def rt(settings: Settings, clock: ManualClock, engine: AsyncEngine) -> AsyncIterator[Runtime]:
    """Unpaced: the fake Slack has no rate limit here, and the property is about the database."""
    async with runtime(settings, clock, engine=engine, pacing=False) as wired:
        yield wired


class StorageFault:
    """Applies a SQLite fault to each connection as the pool hands it out, until healed."""

    def __init__(self, engine: AsyncEngine, kind: str) -> None:
        self.kind: str | None = kind
        event.listen(engine.sync_engine, "checkout", self._apply)

    def heal(self) -> None:
        self.kind = None

    def _apply(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA query_only={'ON' if self.kind == 'read-only' else 'OFF'}")
            if self.kind == "disk full":
                cursor.execute("PRAGMA page_count")
                cursor.execute(f"PRAGMA max_page_count={int(cursor.fetchone()[0])}")
            else:
                cursor.execute("PRAGMA max_page_count=1073741823")
        finally:
            cursor.close()


@pytest.mark.parametrize("planned_before", [False, True], ids=["due-at-the-fault", "planned-before-the-fault"])
@pytest.mark.parametrize("kind", ["read-only", "disk full"])
async def test_a_database_that_cannot_be_written_sends_nothing_and_loses_nothing(
    rt: Runtime, fake: FakeSlack, clock: ManualClock, engine: AsyncEngine, kind: str, planned_before: bool
) -> None:
    due = clock.now() + timedelta(hours=1)
    register(rt, *pings(at=due))
    if planned_before:
        await sweep(rt)  # planned while there was room, not yet due
        assert len(await rows(rt)) == MESSAGES
    clock.set(due)
    fault = StorageFault(engine, kind)

    for _ in range(3):
        with pytest.raises(OperationalError, match=r"readonly|full"):
            await sweep(rt)
        clock.advance(timedelta(minutes=1))

    assert posts(fake) == 0
    assert {row.status for row in await rows(rt)} <= {OutboxStatus.PENDING}  # nothing half-planned or claimed
    fault.heal()
    await sweep(rt)
    await sweep(rt)

    assert [delivered(fake, user) for user in RECIPIENTS] == [MESSAGES // len(RECIPIENTS)] * len(RECIPIENTS)
    assert {row.status for row in await rows(rt)} == {OutboxStatus.SENT}
