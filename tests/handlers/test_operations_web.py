"""`/healthz`, `/readyz` and `/metrics` over HTTP, wired as `serve` wires them, on real databases and schedulers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import Runtime, _observe_sweep, build_bolt_app, runtime
from bot.clock import ManualClock
from bot.config import Settings
from bot.observability.probes import OperationsProbe, SweepWatch
from handlers.web import EVENTS_PATH, build_web_app
from schedules.scheduler import build_scheduler
from schedules.sweeps import Sweeper
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from storage import outbox_repo
from storage.db import make_engine, make_session_factory, transaction
from storage.models import OutboxMessage, RecipientType
from tests.conftest import EMPLOYEE, MANAGER, SIGNING_SECRET, TEAM, oslo


@dataclass
class Served:
    base: str
    watch: SweepWatch
    sweeper: Sweeper
    simulator: SlackSimulator
    http: aiohttp.ClientSession

    async def get(self, path: str) -> tuple[int, Any]:
        async with self.http.get(self.base + path) as response:
            if path == "/metrics":
                return response.status, await response.text()
            return response.status, await response.json()


@asynccontextmanager
async def operations(
    settings: Settings, rt: Runtime, fake: FakeSlack, *, scheduler_state: Callable[[], str] = lambda: "running"
) -> AsyncIterator[Served]:
    app = build_bolt_app(settings, rt.services, rt.client, rt.metrics)
    watch = SweepWatch(rt.metrics)
    watch.start()
    sweeper = Sweeper(rt.services.outbox, observe=lambda seconds, report: _observe_sweep(watch, seconds, report))
    probe = OperationsProbe(
        rt.engine,
        rt.metrics,
        mode="http",
        sweep_interval=60,
        scheduler_state=scheduler_state,
        socket_connected=None,
        sweep_age=watch.age,
    )
    runner = web.AppRunner(
        build_web_app(app, probe.health, ready=probe.readiness, metrics=probe.metrics_text), access_log=None
    )
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    simulator = SlackSimulator(events_url=base + EVENTS_PATH, signing_secret=SIGNING_SECRET, fake=fake)
    try:
        async with aiohttp.ClientSession() as http:
            yield Served(base, watch, sweeper, simulator, http)
    finally:
        await simulator.close()
        await runner.cleanup()


@pytest.fixture
async def unmigrated(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
    try:
        yield engine
    finally:
        await engine.dispose()


async def test_healthz_is_503_naming_migrations_on_an_unmigrated_database(
    settings: Settings, clock: ManualClock, fake: FakeSlack, unmigrated: AsyncEngine
) -> None:
    async with runtime(settings, clock, engine=unmigrated) as rt, operations(settings, rt, fake) as served:
        status, body = await served.get("/healthz")
        assert status == 503
        assert body["failing"] == ["migrations"]
        assert "oppfolging db upgrade" in body["migrations"]
        ready, _ = await served.get("/readyz")
        assert ready == 503
        # /metrics still answers when the outbox cannot be read.
        status, _text = await served.get("/metrics")
        assert status == 200


async def closed_port() -> int:
    """A port on 127.0.0.1 that was just listening and no longer is (bound to 0 and read back, then closed)."""
    server = await asyncio.start_server(lambda _r, _w: None, "127.0.0.1", 0)
    port = int(server.sockets[0].getsockname()[1])
    server.close()
    await server.wait_closed()
    return port


async def test_healthz_is_503_naming_the_database_when_it_does_not_answer(
    settings: Settings, clock: ManualClock, fake: FakeSlack
) -> None:
    engine = make_engine(f"postgresql+asyncpg://postgres@127.0.0.1:{await closed_port()}/gone")
    try:
        async with runtime(settings, clock, engine=engine) as rt, operations(settings, rt, fake) as served:
            status, body = await served.get("/healthz")
    finally:
        await engine.dispose()
    assert status == 503
    assert body["failing"] == ["database"]


async def test_healthz_is_503_naming_the_scheduler_once_it_stopped(
    rt: Runtime, settings: Settings, fake: FakeSlack
) -> None:
    sweeper = Sweeper(rt.services.outbox)
    scheduler = build_scheduler(sweeper, interval_seconds=60)
    scheduler.start(paused=True)  # no sweep needed here

    def state() -> str:
        return "running" if scheduler.running else "stopped"

    async with operations(settings, rt, fake, scheduler_state=state) as served:
        assert (await served.get("/healthz"))[0] == 200
        scheduler.shutdown(wait=False)
        status, body = await served.get("/healthz")
        ready, _ = await served.get("/readyz")
    await sweeper.stop()
    assert status == 503
    assert body["failing"] == ["scheduler"]
    assert ready == 200, "a replica whose scheduler stopped can still answer Slack"


async def test_healthz_is_200_when_all_is_well_and_metrics_has_every_series(
    rt: Runtime, settings: Settings, fake: FakeSlack
) -> None:
    async with transaction(make_session_factory(rt.engine)) as session:
        await outbox_repo.add_planned(
            session,
            messages=[
                OutboxMessage(
                    team_id=TEAM,
                    dedupe_key="notice:ops:1",
                    kind="notice",
                    recipient_type=RecipientType.USER,
                    recipient_id=EMPLOYEE,
                    params={"key": "me.resumed", "params": {}},
                    not_before=oslo(2026, 11, 30, 9, 0),
                    created_at=oslo(2026, 11, 30, 8, 0),
                )
            ],
        )
    async with operations(settings, rt, fake) as served:
        report = await served.sweeper.run_once()
        assert report is not None
        assert len(report.sent) == 1
        status, body = await served.get("/healthz")
        assert (status, body["status"], body["migrations"], body["sweep"]) == (200, "ok", "at head", "ok")
        assert (await served.get("/readyz"))[0] == 200

        fake.fail_next("users.info", status=200, error="user_not_found")
        await served.simulator.command(MANAGER, "hjelp")
        await served.simulator.command(EMPLOYEE, "liste")
        status, text = await served.get("/metrics")
    assert status == 200
    samples: list[Sample] = [s for f in text_string_to_metric_families(text) for s in f.samples]

    def value(name: str, **labels: str) -> float:
        found = [s.value for s in samples if s.name == name and all(s.labels.get(k) == v for k, v in labels.items())]
        assert found, f"no sample {name} {labels}"
        return sum(found)

    assert value("oppfolging_slack_requests_total", kind="command", outcome="ok") == 2
    assert value("oppfolging_slack_ack_seconds_count", kind="command") == 2
    assert value("oppfolging_outbox_rows", status="sent", kind="notice") == 1
    assert value("oppfolging_deliveries_total", outcome="sent") == 1
    assert value("oppfolging_deliveries_total", outcome="failed") == 0
    assert value("oppfolging_delivery_latency_seconds_count", kind="notice") == 1
    # The manual clock stands at 10:00, the message was due at 09:00: one hour from due to sent.
    assert value("oppfolging_delivery_latency_seconds_sum", kind="notice") == 3600
    assert value("oppfolging_sweep_duration_seconds_count", outcome="ok") == 1
    assert value("oppfolging_sweep_last_success_timestamp_seconds") > datetime(2026, 1, 1).timestamp()  # noqa: DTZ001
    assert value("oppfolging_slack_api_errors_total", method="users.info", error="user_not_found") == 1
    for sample in samples:
        for label_value in sample.labels.values():
            assert EMPLOYEE not in label_value
            assert MANAGER not in label_value
            assert "hjelp" not in label_value
