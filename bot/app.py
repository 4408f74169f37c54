"""Composition root: builds the engine, the Slack client and notifier, the services, the Bolt app and the
scheduler, and runs them. Nothing here decides anything about the domain."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime

import aiohttp
from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncEngine

import handlers
from bot.clock import Clock, OffsetClock, SystemClock
from bot.config import Settings
from bot.container import Services, build_services
from bot.core.deps import Defaults, Deps
from bot.features.pulse.answers import marker_secret
from bot.observability.metrics import Metrics
from bot.observability.probes import OperationsProbe, SweepWatch
from bot.outbox.engine import SweepReport
from handlers.blocks.home import build_home
from handlers.charts import render_trend_chart
from handlers.metered import MeteredApp, MeteredWebClient
from handlers.notifier import SlackNotifier
from handlers.quiet_logs import QuietRequestVerification, quiet_payload_loggers
from handlers.render import render_message
from handlers.respond import make_http_session
from handlers.socket_mode import OneShotSocketClient, SocketSupervisor
from handlers.startup import check_app_token, check_bot_token
from handlers.web import build_web_app
from schedules.scheduler import build_scheduler
from schedules.sweeps import Sweeper
from storage.db import is_sqlite, make_engine, make_session_factory
from storage.migrate import upgrade

logger = logging.getLogger(__name__)


def clock_for(settings: Settings, *, at: datetime | None = None) -> Clock:
    """`--at` wins over `OPPFOLGING_NOW`; either gives an offset clock, else the system clock."""
    start = at or settings.now
    return OffsetClock(start) if start is not None else SystemClock()


def make_client(
    settings: Settings, metrics: Metrics, *, timeout: int = 30, session: aiohttp.ClientSession | None = None
) -> AsyncWebClient:
    client = MeteredWebClient(
        metrics=metrics,
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        session=session,
    )
    # Retries are ours (notifier and outbox); the SDK's inline retry would sleep before an ack.
    client.retry_handlers = []
    return client


def defaults_of(settings: Settings) -> Defaults:
    return Defaults(timezone=settings.timezone, language=settings.language, admin_user_ids=settings.admin_user_ids)


@dataclass
class Runtime:
    engine: AsyncEngine
    client: AsyncWebClient
    services: Services
    metrics: Metrics = field(default_factory=Metrics)


@asynccontextmanager
async def runtime(
    settings: Settings,
    clock: Clock,
    *,
    engine: AsyncEngine | None = None,
    pacing: bool = True,
    slack_timeout: int = 30,
) -> AsyncIterator[Runtime]:
    """Everything a process needs, disposed on exit. `engine` may be handed in (tests, isolated schemas);
    `slack_timeout` is the Web API client's timeout in seconds."""
    own_engine = engine is None
    quiet_payload_loggers()
    engine = engine or make_engine(settings.database_url)
    metrics = Metrics()
    http = make_http_session(timeout=slack_timeout)  # one pool for the Web API and response URLs
    client = make_client(settings, metrics, timeout=slack_timeout, session=http)
    notifier = SlackNotifier(
        client=client,
        clock=clock,
        render=render_message,
        render_home=build_home,
        render_chart=render_trend_chart,
        per_channel_interval=1.0 if pacing else 0.0,
    )
    deps = Deps(sessions=make_session_factory(engine), notifier=notifier, clock=clock, defaults=defaults_of(settings))
    try:
        secret = marker_secret(settings.secret, settings.slack_signing_secret, settings.slack_bot_token)
        services = build_services(deps, pulse_secret=secret)
        yield Runtime(engine=engine, client=client, services=services, metrics=metrics)
    finally:
        await http.close()
        if own_engine:
            await engine.dispose()


def build_bolt_app(
    settings: Settings, services: Services, client: AsyncWebClient, metrics: Metrics | None = None
) -> AsyncApp:
    quiet_payload_loggers()
    # Socket Mode has no signatures to check; HTTP mode always verifies, logging a refusal without the body.
    verify = None if settings.socket_mode else QuietRequestVerification(settings.slack_signing_secret)
    app = MeteredApp(
        # Named here: without a name Bolt calls `inspect.stack()`, which reads source files (tens of ms per app).
        name="oppfolging",
        metrics=metrics or Metrics(),
        client=client,
        signing_secret=settings.slack_signing_secret or None,
        request_verification_enabled=False,
        before_authorize=verify,
        process_before_response=False,
        ignoring_self_events_enabled=True,
    )
    handlers.register(app, services, http=client.session)
    return app


async def sweep_once(settings: Settings, *, at: datetime | None = None) -> SweepReport:
    """`oppfolging sweep`: plan and deliver everything due at that instant, once."""
    async with runtime(settings, clock_for(settings, at=at)) as rt:
        if is_sqlite(settings.database_url):
            await upgrade(rt.engine)
        # SIGTERM/SIGINT: finish the send in flight, give back the other claims, report, exit 0.
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, rt.services.outbox.stop)
        try:
            return await rt.services.outbox.send_due_messages()
        finally:
            for signum in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(signum)


async def db_upgrade(settings: Settings) -> None:
    engine = make_engine(settings.database_url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


def _observe_sweep(watch: SweepWatch, seconds: float, report: SweepReport | None) -> None:
    if report is None:
        watch.record(seconds=seconds, succeeded=False, outcomes={}, latencies=[])
        return
    outcomes = {
        "sent": report.sent_total,
        "retried": report.retried,
        "deferred": report.deferred,
        "cancelled": report.cancelled,
        "expired": report.expired,
        "failed": report.failed,
    }
    watch.record(seconds=seconds, succeeded=True, outcomes=outcomes, latencies=report.latencies)


async def serve(settings: Settings, *, scheduler_enabled: bool, port: int | None = None) -> None:
    """Run until SIGTERM/SIGINT: check the tokens with Slack, then Socket Mode or HTTP, the scheduler, and the
    operations routes. A rejected token or Slack out of reach raises `StartupError` before anything is served."""
    async with runtime(settings, clock_for(settings)) as rt:
        team = await check_bot_token(rt.client)
        logger.info("slack accepted the bot token", extra={"team": team})
        if settings.slack_app_token is not None:
            await check_app_token(rt.client, settings.slack_app_token)
        if is_sqlite(settings.database_url):
            await upgrade(rt.engine)
        # auth.test answered for this workspace: the app is installed, so delivery stopped by an uninstall resumes.
        await rt.services.workspaces.resume(team_id=team)
        app = build_bolt_app(settings, rt.services, rt.client, rt.metrics)
        watch = SweepWatch(rt.metrics)
        sweeper = Sweeper(rt.services.outbox, observe=lambda seconds, report: _observe_sweep(watch, seconds, report))
        scheduler = build_scheduler(sweeper, interval_seconds=settings.sweep_interval_seconds)
        supervisor: SocketSupervisor | None = None
        if settings.slack_app_token is not None:
            supervisor = SocketSupervisor(OneShotSocketClient(app, settings.slack_app_token))

        def scheduler_state() -> str:
            if not scheduler_enabled:
                return "disabled"
            return "running" if scheduler.running else "stopped"

        probe = OperationsProbe(
            rt.engine,
            rt.metrics,
            mode="socket" if settings.socket_mode else "http",
            sweep_interval=settings.sweep_interval_seconds,
            scheduler_state=scheduler_state,
            socket_connected=supervisor.connected if supervisor is not None else None,
            sweep_age=watch.age,
        )
        web_app = build_web_app(
            None if settings.socket_mode else app,
            probe.health,
            ready=probe.readiness,
            metrics=probe.metrics_text,
            signing_secret=settings.slack_signing_secret or None,
        )
        runner = web.AppRunner(web_app, access_log=None)
        await runner.setup()
        stop = asyncio.Event()
        watcher: asyncio.Task[None] | None = None
        try:
            await web.TCPSite(runner, host=settings.host, port=settings.port if port is None else port).start()
            if supervisor is not None:
                await supervisor.start()
                watcher = asyncio.create_task(supervisor.watch(stop))
                watcher.add_done_callback(lambda _task: stop.set())
            if scheduler_enabled:
                scheduler.start()
                watch.start()
            host, bound = runner.addresses[0][:2]
            logger.info(
                "serving on %s:%d (%s mode, scheduler %s)",
                host, bound, "socket" if settings.socket_mode else "http", "on" if scheduler_enabled else "off",
            )  # fmt: skip
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(signum, stop.set)
            await stop.wait()
        finally:
            logger.info("shutting down: finishing the send in flight and releasing claims")
            stop.set()
            # The sweep in flight ends first (the scheduler's shutdown would cancel it mid-send).
            await sweeper.stop()
            if scheduler.running:
                scheduler.shutdown(wait=False)
            if supervisor is not None:
                with suppress(OSError):
                    await supervisor.close()
            await runner.cleanup()
        if watcher is not None and watcher.done() and not watcher.cancelled():
            watcher.result()  # a token Slack rejected on reconnect: StartupError, exit 2
