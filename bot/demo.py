"""`oppfolging demo`: an offline run of the real app against the in-process fake Slack.

A small team (a manager and three employees, one of them in New York and one who prefers English) is simulated
over several weeks with a simulated clock and SQLite in a temporary folder. Slash commands and clicks go to the
real `AsyncApp` as signed HTTP requests; scheduled work runs through the real outbox sweep. At the end the
transcript is printed person by person: what each one received and when. This is a composition root like
`bot/app.py`, so it may import Slack libraries; nothing here touches the network beyond 127.0.0.1.
"""

from __future__ import annotations

import logging
import re
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
from bot.demo_digest import scene_closing_the_loop, scene_digest_channel
from bot.demo_pulse import scene_pulse
from bot.i18n import get_translator
from handlers import ids
from handlers.blocks.plaintext import blocks_as_text
from handlers.fake_slack import Call, FakeSlack
from handlers.simulator import SlackSimulator
from handlers.web import EVENTS_PATH, build_web_app
from storage.db import make_engine
from storage.migrate import upgrade

OSLO = ZoneInfo("Europe/Oslo")
START = datetime(2026, 11, 30, 8, 30, tzinfo=OSLO)  # Monday in week 49
MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
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
    Member("UPER", "Per Berg"),
    Member("UANNE", "Anne Lie"),
    Member("UJON", "Jon Dahl"),
)


CHANNELS = {"CLEDER": "#team-kari"}
"""Channels whose posts the transcript shows, like a person's."""


@dataclass
class Transcript:
    """What each person saw, in order, stamped with the simulated time in their own zone."""

    zones: dict[str, ZoneInfo]
    lines: dict[str, list[str]] = field(default_factory=dict)

    names: dict[str, str] = field(default_factory=dict)

    def add(self, user_id: str, when: datetime, what: str, text: str) -> None:
        stamp = get_translator("nb").datetime(when, self.zones[user_id])
        # Slack shows mentions as names; so does the transcript.
        text = MENTION.sub(lambda m: "@" + self.names.get(m.group(1), m.group(1)).split(" (")[0], text)
        what = MENTION.sub(lambda m: "@" + self.names.get(m.group(1), m.group(1)).split(" (")[0], what)
        body = "\n".join("      " + line for line in text.strip().splitlines() if line.strip())
        self.lines.setdefault(user_id, []).append(f"  {stamp} · {what}" + (f"\n{body}" if body else ""))


class Demo:
    """Acts as the people and as time: commands and clicks go to the app, `run_until` sweeps hour by hour."""

    def __init__(self, rt: Runtime, fake: FakeSlack, slack: SlackSimulator, clock: ManualClock) -> None:
        self.rt, self.fake, self.slack, self.clock = rt, fake, slack, clock
        zones = {m.user_id: ZoneInfo(m.tz) for m in TEAM} | {channel: OSLO for channel in CHANNELS}
        self.transcript = Transcript(zones, names={m.user_id: m.name for m in TEAM})
        self.names = {m.user_id: m.name for m in TEAM}
        self._calls_seen = 0
        self._replies_seen = 0
        self.chart_path: Path | None = None

    async def run_until(self, when: datetime) -> None:
        """Let time pass: a sweep every hour on the hour (as the scheduler would, only less often), then `when`."""
        tick = self.clock.now().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        while tick <= when:
            self.clock.set(tick)
            await self.rt.services.outbox.send_due_messages()
            self._collect(actor=None)
            tick += timedelta(hours=1)
        self.clock.set(when)

    async def command(self, user_id: str, text: str) -> None:
        self.transcript.add(user_id, self.clock.now(), f"skriver /oppfolging {text}", "")
        await self.slack.command(user_id, text)
        self._collect(actor=user_id)

    async def click(self, user_id: str, label: str, action_id: str, **kwargs: Any) -> None:
        self.transcript.add(user_id, self.clock.now(), f"klikker [{label}]", "")
        await self.slack.click(user_id, action_id, **kwargs)
        self._collect(actor=user_id)

    async def submit(self, user_id: str, what: str, values: dict[str, Any]) -> None:
        """Fill in and send the form the app opened last (`values` as Slack's view state)."""
        self.transcript.add(user_id, self.clock.now(), f"fyller ut skjemaet: {what}", "")
        view = self.fake.calls_to("views.open")[-1].args["view"]
        response = await self.slack.submit(user_id, view, values)
        self._collect(actor=user_id)
        answer = response.json() or {}
        if answer.get("response_action") == "update":
            self.transcript.add(user_id, self.clock.now(), "skjemaet svarer", blocks_as_text(answer["view"]["blocks"]))

    async def open_home(self, user_id: str) -> None:
        await self.slack.open_home(user_id)
        self._collect(actor=user_id)

    def last_dm(self, user_id: str) -> dict[str, Any]:
        return self.fake.messages_to(user_id)[-1].args

    def _collect(self, *, actor: str | None) -> None:
        """Move what the fake Slack received since last time into the transcript, person by person."""
        now = self.clock.now()
        for call in self.fake.calls[self._calls_seen :]:
            self._record(call, now)
        self._calls_seen = len(self.fake.calls)
        for reply in self.fake.responses[self._replies_seen :]:
            if actor is not None:
                text = blocks_as_text(reply.get("blocks", [])) or str(reply.get("text", ""))
                self.transcript.add(actor, now, "svar som bare du ser", text)
        self._replies_seen = len(self.fake.responses)

    def _record(self, call: Call, now: datetime) -> None:
        args = call.args
        if call.method == "chat.postMessage" and call.ok:
            target = str(args.get("channel", ""))
            user = target[1:] if target.startswith("D") else target
            if user in self.names:
                self.transcript.add(user, now, "DM fra Oppfølging", blocks_as_text(args.get("blocks", [])))
            elif target in CHANNELS:
                self.transcript.add(target, now, "innlegg fra Oppfølging", blocks_as_text(args.get("blocks", [])))
        elif call.method == "files.completeUploadExternal" and call.ok:
            target = str(args.get("channel_id", ""))
            if target in CHANNELS:
                titles = ", ".join(str(f.get("title", "")) for f in args.get("files", []))
                self.transcript.add(target, now, "diagram fra Oppfølging", f"[bilde: {titles}]")
        elif call.method == "views.publish" and call.ok:
            user = str(args.get("user_id"))
            view = args.get("view", {})
            self.transcript.add(user, now, "Hjem-fanen", blocks_as_text(view.get("blocks", [])))


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
KARI, OLA, EMMA, NINA = (m.user_id for m in TEAM[:4])


def at(day: int, month: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=OSLO)


async def scene_getting_started(demo: Demo) -> None:
    """Monday in week 49: people meet the bot; Kari sets up 1:1s with Ola and agrees three tiltak."""
    await demo.command(OLA, "hjelp")
    await demo.run_until(at(30, 11, 9, 15))
    await demo.command(EMMA, "language en")
    await demo.run_until(at(30, 11, 10, 30))
    await demo.command(KARI, f"1til1 <@{OLA}|ola> annenhver uke tirsdag kl. 13.00")
    await demo.command(KARI, f"tiltak <@{OLA}|ola> Oppdatere opplæringsplanen for nyansatte innen fredag")
    await demo.command(KARI, f"tiltak <@{EMMA}|emma> Melde seg på kurs i presentasjonsteknikk innen neste fredag")
    await demo.command(KARI, f"tiltak <@{NINA}|nina> Sende kundeoversikten til regnskap innen 25.12")
    await demo.command(KARI, f"tiltak <@{OLA}|ola> Rydde i delte mapper innen i går")


async def scene_first_oneonone(demo: Demo) -> None:
    """Tuesday: after the 1:1, Kari is asked whether it took place and records what they agreed."""
    await demo.run_until(at(1, 12, 15, 20))
    held = demo.last_dm(KARI)["blocks"][-1]["elements"][0]["value"]
    await demo.click(KARI, "Ja, registrer tiltak", ids.ONEONONE_HELD, value=held)
    await demo.submit(
        KARI,
        "ett tiltak for Ola",
        {
            ids.held_block("text", 1): {
                ids.INPUT: {"type": "plain_text_input", "value": "Lage plan for kursdagene i januar"}
            },
            ids.held_block("owner", 1): {ids.INPUT: {"type": "users_select", "selected_user": OLA}},
            ids.held_block("due", 1): {ids.INPUT: {"type": "datepicker", "selected_date": "2026-12-18"}},
        },
    )


async def scene_first_deadline(demo: Demo) -> None:
    """Friday 4 December: Ola and Kari are reminded at 09:00; Ola marks it done."""
    await demo.run_until(at(4, 12, 11, 20))
    tiltak_id = demo.last_dm(OLA)["blocks"][-1]["elements"][0]["value"]
    await demo.click(OLA, "Ferdig", ids.TILTAK_DONE, value=tiltak_id)


async def scene_postponed(demo: Demo) -> None:
    """Emma moves her deadline a week with the date picker; Kari is told."""
    await demo.run_until(at(10, 12, 14, 5))
    emma_block = demo.last_dm(EMMA)["blocks"][-1]["block_id"]
    await demo.click(EMMA, "Ny frist: 18.12", ids.TILTAK_POSTPONE, block_id=emma_block, selected_date="2026-12-18")


async def scene_second_oneonone(demo: Demo) -> None:
    """The day before the next 1:1 both get a nudge; Ola adds a topic; Kari's guide shows it and the open tiltak."""
    await demo.run_until(at(14, 12, 10, 5))
    pair = next(b for b in demo.last_dm(OLA)["blocks"] if b.get("block_id") == "agenda")["accessory"]["value"]
    await demo.click(OLA, "Legg til tema", ids.ONEONONE_AGENDA, value=pair)
    topic = {"type": "plain_text_input", "value": "Fordeling av vakter i romjula"}
    await demo.submit(OLA, "nytt tema", {ids.AGENDA_NEW_BLOCK: {ids.INPUT: topic}})
    await demo.run_until(at(15, 12, 15, 30))
    held = demo.last_dm(KARI)["blocks"][-1]["elements"][0]["value"]
    await demo.click(KARI, "Ja, registrer tiltak", ids.ONEONONE_HELD, value=held)
    await demo.submit(KARI, "ingen nye tiltak denne gangen", {})


async def scene_overdue(demo: Demo) -> None:
    """Emma misses the new deadline: one overdue reminder to both, then she closes it from the list."""
    await demo.run_until(at(22, 12, 9, 40))
    await demo.command(EMMA, "list")
    await demo.command(EMMA, "done 2")


async def scene_christmas(demo: Demo) -> None:
    """Nina's deadline is 1. juledag: she is reminded on julaften morning, in her own time zone."""
    await demo.run_until(at(24, 12, 16, 30))
    await demo.command(NINA, "ferdig 3")
    await demo.run_until(at(28, 12, 9, 0))
    await demo.open_home(KARI)


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
