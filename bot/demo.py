"""`oppfolging demo`: an offline run of the real app against the in-process fake Slack.

A small team (a manager and three employees, one of them in New York and one who prefers English) is simulated
over several weeks with a simulated clock and SQLite in a temporary folder. Slash commands and clicks go to the
real `AsyncApp` as signed HTTP requests; scheduled work runs through the real outbox sweep. At the end the
transcript is printed person by person: what each one received and when. This is a composition root like
`bot/app.py`, so it may import Slack libraries; nothing here touches the network beyond 127.0.0.1.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.app import Runtime, build_bolt_app, runtime
from bot.clock import ManualClock
from bot.config import Settings
from bot.i18n import get_translator
from handlers.blocks.plaintext import blocks_as_text
from handlers.fake_slack import Call, FakeSlack
from handlers.simulator import SlackSimulator
from handlers.web import EVENTS_PATH, build_web_app
from storage.db import make_engine
from storage.migrate import upgrade

OSLO = ZoneInfo("Europe/Oslo")
START = datetime(2026, 11, 30, 8, 30, tzinfo=OSLO)
SECRET = "demo-signing-secret"  # noqa: S105 - the offline demo signs its own fake requests


@dataclass(frozen=True)
class Member:
    user_id: str
    name: str
    tz: str = "Europe/Oslo"
    locale: str = "nb-NO"


TEAM = (
    Member("UKARI", "Kari Nordmann (leder)"),
    Member("UOLA", "Ola Hansen"),
    Member("UEMMA", "Emma Smith", locale="en-GB"),
    Member("UNINA", "Nina Olsen", tz="America/New_York"),
)


@dataclass
class Transcript:
    """What each person saw, in order, stamped with the simulated time in their own zone."""

    zones: dict[str, ZoneInfo]
    lines: dict[str, list[str]] = field(default_factory=dict)

    def add(self, user_id: str, when: datetime, what: str, text: str) -> None:
        stamp = get_translator("nb").datetime(when, self.zones[user_id])
        body = "\n".join("      " + line for line in text.strip().splitlines() if line.strip())
        self.lines.setdefault(user_id, []).append(f"  {stamp} · {what}\n{body}")


class Demo:
    def __init__(self, rt: Runtime, fake: FakeSlack, slack: SlackSimulator, clock: ManualClock) -> None:
        self.rt, self.fake, self.slack, self.clock = rt, fake, slack, clock
        self.transcript = Transcript({m.user_id: ZoneInfo(m.tz) for m in TEAM})
        self.names = {m.user_id: m.name for m in TEAM}
        self._seen = 0

    def at(self, when: datetime) -> None:
        self.clock.set(when)

    async def command(self, user_id: str, text: str) -> None:
        self.transcript.add(user_id, self.clock.now(), f"skriver /oppfolging {text}".rstrip(), "")
        await self.slack.command(user_id, text)
        self._collect()

    async def open_home(self, user_id: str) -> None:
        await self.slack.open_home(user_id)
        self._collect()

    async def click(self, user_id: str, action_id: str, **kwargs: Any) -> None:
        await self.slack.click(user_id, action_id, **kwargs)
        self._collect()

    async def sweep(self) -> None:
        await self.rt.services.outbox.send_due_messages()
        self._collect()

    def _collect(self) -> None:
        """Move everything the fake Slack received since last time into the transcript."""
        now = self.clock.now()
        for call in self.fake.calls[self._seen :]:
            self._record(call, now)
        self._seen = len(self.fake.calls)
        for reply in self.fake.responses[self._replies_seen :]:
            user = self._last_actor
            if user is not None:
                text = blocks_as_text(reply.get("blocks", [])) or str(reply.get("text", ""))
                self.transcript.add(user, now, "svar (bare synlig for deg)", text)
        self._replies_seen = len(self.fake.responses)

    _replies_seen = 0
    _last_actor: str | None = None

    def _record(self, call: Call, now: datetime) -> None:
        args = call.args
        if call.method == "chat.postMessage" and call.ok:
            target = str(args.get("channel", ""))
            user = target[1:] if target.startswith("D") else target
            if user in self.names:
                self.transcript.add(user, now, "DM fra Oppfølging", blocks_as_text(args.get("blocks", [])))
        elif call.method == "views.publish" and call.ok:
            user = str(args.get("user_id"))
            view = args.get("view", {})
            self.transcript.add(user, now, "App Home", blocks_as_text(view.get("blocks", [])))


async def _serve(rt: Runtime, settings: Settings, fake: FakeSlack) -> tuple[web.AppRunner, SlackSimulator]:
    app = build_bolt_app(settings, rt.services, rt.client)
    runner = web.AppRunner(build_web_app(app, _health), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}{EVENTS_PATH}"
    return runner, SlackSimulator(events_url=url, signing_secret=SECRET, fake=fake)


async def _health() -> dict[str, Any]:
    return {"status": "ok"}


Scene = Callable[[Demo], Awaitable[None]]


async def scene_first_week(demo: Demo) -> None:
    """Everyone meets the bot: help, the App Home, a language choice and a pause."""
    demo.at(START)
    for member in TEAM:
        demo._last_actor = member.user_id
        if member.user_id == "UOLA":
            await demo.command(member.user_id, "hjelp")
        await demo.open_home(member.user_id)
    demo._last_actor = "UEMMA"
    await demo.command("UEMMA", "language en")
    demo._last_actor = "UOLA"
    await demo.command("UOLA", "pause til 7.12")
    demo.at(START + timedelta(days=7, hours=1))
    await demo.command("UOLA", "fortsett")


SCENES: tuple[Scene, ...] = (scene_first_week,)


async def run_demo(settings: Settings, *, out: Callable[[str], None] = print) -> int:
    logging.basicConfig(level=logging.WARNING)
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
    out("Oppfølging – demo: et lite team over noen uker (simulert klokke, falsk Slack, SQLite i en midlertidig mappe)")
    out("")
    for member in TEAM:
        out(f"━━ {member.name} ({member.user_id}, {member.tz}) ━━")
        for line in demo.transcript.lines.get(member.user_id, ["  (ingenting)"]):
            out(line)
        out("")
