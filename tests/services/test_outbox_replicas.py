"""Several replicas on one PostgreSQL, and one large sweep (issue 11, items 4 and 5). Skipped without
TEST_DATABASE_URL.

- Three sweepers (separate engines, separate workers) on one database, sweeping at the same 20 instants, deliver
  exactly what one sweeper delivers: the planners' inserts are conflict-tolerant and the claims skip each other.
- 10,000 due reminders in one sweep are all delivered: inserts and claims are in bounded batches.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import Runtime, runtime
from bot.clock import ManualClock
from bot.config import Settings
from bot.features.tiltak.service import TiltakDraft
from bot.outbox.types import REPORT_ITEMS
from bot.rules.cadence import Cadence
from sim.fake_slack import FakeSlack
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import OutboxStatus
from tests.conftest import COLLEAGUE, EMPLOYEE, ENGLISH, MANAGER, NEW_YORK, NOW, TEAM
from tests.rig import postgres_schema
from tests.services.test_outbox_service import KIND, compose, ping, rows

COUNT = 10_000
INSTANTS = [NOW + timedelta(hours=7 * n) for n in range(20)]


@asynccontextmanager
async def shared_schema(replicas: int) -> AsyncIterator[list[AsyncEngine]]:
    """`replicas` engines on one fresh, migrated PostgreSQL schema, dropped afterwards."""
    async with postgres_schema() as (url, schema):
        engines = [make_engine(url, schema=schema) for _ in range(replicas)]
        try:
            await upgrade(engines[0])
            yield engines
        finally:
            for engine in engines:
                await engine.dispose()


async def set_up_a_team(rt: Runtime) -> None:
    """Two 1:1 pairs, a few tiltak due in the coming days, and a pulse team (through the services)."""
    services = rt.services
    for employee in (EMPLOYEE, COLLEAGUE):
        await services.oneonone.plan_followup(
            team_id=TEAM, manager_id=MANAGER, employee_id=employee, cadence=Cadence.WEEKLY
        )
    for owner, due in ((EMPLOYEE, "onsdag"), (COLLEAGUE, "fredag"), (MANAGER, "i morgen")):
        draft = TiltakDraft(text=f"Oppgave for {owner}", owner_id=owner, due_text=due)
        result = await services.tiltak.create_tiltak(team_id=TEAM, actor_id=MANAGER, draft=draft)
        assert result.error is None
    await services.team.team_add(team_id=TEAM, manager_id=MANAGER, user_ids=[EMPLOYEE, COLLEAGUE, ENGLISH, NEW_YORK])


def delivered(fake: FakeSlack) -> Counter[tuple[str, str]]:
    """Every message that reached someone: (where, text), with multiplicity."""
    return Counter((str(call.args.get("channel")), str(call.args.get("text"))) for call in fake.calls if call.ok
                   and call.method == "chat.postMessage")  # fmt: skip


async def run(settings: Settings, fake: FakeSlack, replicas: int) -> Counter[tuple[str, str]]:
    fake.reset()
    async with shared_schema(replicas) as engines, AsyncExitStack() as stack:
        clocks = [ManualClock(NOW) for _ in engines]
        rts: Sequence[Runtime] = [
            await stack.enter_async_context(runtime(settings, clock, engine=engine, pacing=False))
            for clock, engine in zip(clocks, engines, strict=True)
        ]
        await set_up_a_team(rts[0])
        for instant in INSTANTS:
            for clock in clocks:
                clock.set(instant)
            await asyncio.gather(*(rt.services.outbox.send_due_messages() for rt in rts))
        assert not [row for row in await rows(rts[0]) if row.status == OutboxStatus.CLAIMED]
    return delivered(fake)


async def test_three_replicas_deliver_exactly_what_one_delivers(settings: Settings, fake: FakeSlack) -> None:
    one = await run(settings, fake, replicas=1)
    three = await run(settings, fake, replicas=3)

    assert sum(one.values()) > 10  # the scenario sends nudges, reminders, pulses and notices
    assert max(one.values()) == 1
    assert three == one


class ManyPlanner:
    name = "many"

    def __init__(self, count: int, recipients: Sequence[str]) -> None:
        self._messages = [ping(f"many:{n}", to=recipients[n % len(recipients)]) for n in range(count)]

    async def plan(self, session: object, *, now: object) -> Sequence[object]:
        return self._messages


async def test_ten_thousand_due_reminders_in_one_sweep_are_all_delivered(
    settings: Settings, fake: FakeSlack, clock: ManualClock, pg_engine: AsyncEngine
) -> None:
    recipients = [f"UMANY{n:03d}" for n in range(50)]
    for user in recipients:
        fake.add_user(user)
    async with runtime(settings, clock, engine=pg_engine, pacing=False) as rt:
        rt.services.outbox.add_planner(ManyPlanner(COUNT, recipients))  # type: ignore[arg-type]
        rt.services.outbox.add_composer(KIND, compose)

        report = await rt.services.outbox.send_due_messages()

        assert (report.planned, report.sent_total, report.failed, report.waiting) == (COUNT, COUNT, 0, 0)
        assert len(report.sent) == REPORT_ITEMS  # the report does not grow with the sends
        assert len([call for call in fake.calls_to("chat.postMessage") if call.ok]) == COUNT
