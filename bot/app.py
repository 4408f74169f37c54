"""Composition root: builds the engine, the Slack client and notifier, the services, the Bolt app and the
scheduler, and runs them. Nothing here decides anything about the domain."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.ext.asyncio import AsyncEngine

import handlers
from bot.clock import Clock, OffsetClock, SystemClock
from bot.config import Settings
from bot.services.container import Services, build_services
from bot.services.deps import Defaults, Deps
from bot.services.outbox import SweepReport
from bot.services.pulse import marker_secret
from handlers.blocks.home import build_home
from handlers.charts import render_trend_chart
from handlers.notifier import SlackNotifier
from handlers.render import render_message
from handlers.web import build_web_app
from schedules.scheduler import build_scheduler
from schedules.sweeps import Sweeper
from storage.db import is_sqlite, make_engine, make_session_factory, ping
from storage.migrate import upgrade

logger = logging.getLogger(__name__)


def clock_for(settings: Settings, *, at: datetime | None = None) -> Clock:
    """`--at` wins over `OPPFOLGING_NOW`; either gives an offset clock, else the system clock."""
    start = at or settings.now
    return OffsetClock(start) if start is not None else SystemClock()


def make_client(settings: Settings, *, timeout: int = 30) -> AsyncWebClient:
    client = AsyncWebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url, timeout=timeout)
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
    engine = engine or make_engine(settings.database_url)
    client = make_client(settings, timeout=slack_timeout)
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
        yield Runtime(engine=engine, client=client, services=build_services(deps, pulse_secret=secret))
    finally:
        if own_engine:
            await engine.dispose()


def build_bolt_app(settings: Settings, services: Services, client: AsyncWebClient) -> AsyncApp:
    app = AsyncApp(
        client=client,
        signing_secret=settings.slack_signing_secret or None,
        # Socket Mode has no signatures to check; HTTP mode always verifies.
        request_verification_enabled=not settings.socket_mode,
        process_before_response=False,
        ignoring_self_events_enabled=True,
    )
    handlers.register(app, services)
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


async def serve(settings: Settings, *, port: int, scheduler_enabled: bool, host: str = "0.0.0.0") -> None:  # noqa: S104
    """Run until SIGTERM/SIGINT: Socket Mode or HTTP, the scheduler, and /healthz."""
    async with runtime(settings, clock_for(settings)) as rt:
        if is_sqlite(settings.database_url):
            await upgrade(rt.engine)
        app = build_bolt_app(settings, rt.services, rt.client)
        sweeper = Sweeper(rt.services.outbox)
        scheduler = build_scheduler(sweeper, interval_seconds=settings.sweep_interval_seconds)
        socket_handler: AsyncSocketModeHandler | None = None

        async def health() -> dict[str, Any]:
            database = await ping(rt.engine)
            scheduler_state = ("running" if scheduler.running else "stopped") if scheduler_enabled else "disabled"
            state: dict[str, Any] = {
                "status": "ok" if database else "degraded",
                "database": "ok" if database else "unavailable",
                "scheduler": scheduler_state,
                "mode": "socket" if settings.socket_mode else "http",
            }
            if socket_handler is not None:
                state["socket"] = "connected" if await socket_handler.client.is_connected() else "disconnected"
            return state

        web_app = build_web_app(
            None if settings.socket_mode else app, health, signing_secret=settings.slack_signing_secret or None
        )
        runner = web.AppRunner(web_app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, host=host, port=port)
        await site.start()
        if settings.socket_mode:
            socket_handler = AsyncSocketModeHandler(app, settings.slack_app_token)
            await socket_handler.connect_async()  # type: ignore[no-untyped-call]
        if scheduler_enabled:
            scheduler.start()
        logger.info(
            "serving on port %d (%s mode, scheduler %s)",
            port,
            "socket" if settings.socket_mode else "http",
            "on" if scheduler_enabled else "off",
        )
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        try:
            await stop.wait()
        finally:
            logger.info("shutting down: finishing the send in flight and releasing claims")
            # The sweep in flight ends first (the scheduler's shutdown would cancel it mid-send).
            await sweeper.stop()
            if scheduler_enabled:
                scheduler.shutdown(wait=False)
            if socket_handler is not None:
                with suppress(OSError):
                    await socket_handler.close_async()  # type: ignore[no-untyped-call]
            await runner.cleanup()
