"""`oppfolging demo`: an offline run of the real app against the in-process fake Slack, scene by scene.

Slash commands and clicks go to the real `AsyncApp` as signed HTTP requests; scheduled work runs through the
real outbox sweep. At the end the transcript is printed person by person. This is a composition root like
`bot/app.py`, so it may import Slack libraries; nothing here touches the network beyond 127.0.0.1.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.app import Runtime, build_bolt_app, runtime
from bot.clock import ManualClock
from bot.config import Settings
from handlers.web import EVENTS_PATH, build_web_app
from sim.demo.scenes_digest import scene_closing_the_loop, scene_digest_channel
from sim.demo.scenes_pulse import scene_pulse
from sim.demo.scenes_tiltak import (
    scene_christmas,
    scene_first_deadline,
    scene_first_oneonone,
    scene_getting_started,
    scene_overdue,
    scene_postponed,
    scene_second_oneonone,
)
from sim.demo.world import CHANNELS, SECRET, START, TEAM, Demo
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from storage.db import make_engine
from storage.migrate import upgrade

Scene = Callable[[Demo], Awaitable[None]]
SCENES: tuple[Scene, ...] = (
    scene_digest_channel,
    scene_getting_started,
    scene_first_oneonone,
    scene_first_deadline,
    scene_postponed,
    scene_second_oneonone,
    scene_overdue,
    scene_christmas,
    scene_pulse,
    scene_closing_the_loop,
)


async def _serve(rt: Runtime, settings: Settings, fake: FakeSlack) -> tuple[web.AppRunner, SlackSimulator]:
    app = build_bolt_app(settings, rt.services, rt.client)
    runner = web.AppRunner(build_web_app(app, _health), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}{EVENTS_PATH}"
    return runner, SlackSimulator(events_url=url, signing_secret=SECRET, fake=fake)


async def _health() -> dict[str, Any]:
    return {"status": "ok"}


async def run_demo(settings: Settings, *, out: Callable[[str], None] = print) -> int:
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="oppfolging-demo-") as folder:
        database = Path(folder) / "demo.db"
        engine = make_engine(f"sqlite+aiosqlite:///{database}")
        try:
            await upgrade(engine)
            async with FakeSlack() as fake:
                for member in TEAM:
                    fake.add_user(member.user_id, tz=member.tz, locale=member.locale, real_name=member.name)
                demo_settings = Settings(
                    slack_bot_token="xoxb-demo",  # noqa: S106 - a token only the fake Slack sees
                    slack_signing_secret=SECRET,
                    slack_api_url=fake.api_url,
                    database_url=f"sqlite+aiosqlite:///{database}",
                    timezone=settings.timezone,
                    language=settings.language,
                )
                clock = ManualClock(START)
                async with runtime(demo_settings, clock, engine=engine, pacing=False) as rt:
                    runner, slack = await _serve(rt, demo_settings, fake)
                    try:
                        demo = Demo(rt, fake, slack, clock)
                        for scene in SCENES:
                            await scene(demo)
                        _print(demo, out)
                    finally:
                        await slack.close()
                        await runner.cleanup()
        finally:
            await engine.dispose()
    return 0


def _print(demo: Demo, out: Callable[[str], None]) -> None:
    out("Oppfølging – demo: et lite team fra slutten av november til midten av januar")
    out("(simulert klokke, falsk Slack, SQLite i en midlertidig mappe)")
    out("Tidene står i hver persons egen tidssone. Alt under er det personen selv ser i Slack.")
    out("")
    for member in TEAM:
        out(f"━━ {member.name} ({member.user_id}, {member.tz}) ━━")
        for line in demo.transcript.lines.get(member.user_id, ["  (ingenting)"]):
            out(line)
        out("")
    for channel, name in CHANNELS.items():
        out(f"━━ Kanalen {name} ({channel}), som alle i kanalen ser ━━")
        for line in demo.transcript.lines.get(channel, ["  (ingenting)"]):
            out(line)
        out("")
    if demo.chart_path is not None:
        out(f"Diagrammet fra siste ukesammendrag er lagret i {demo.chart_path}")
