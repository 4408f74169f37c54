"""The demo's world: the team, the transcript, and `Demo`, which acts as the people and as time.

A small team (a manager and three employees, one of them in New York and one who prefers English) is simulated
over several weeks with a simulated clock and SQLite in a temporary folder. Slash commands and clicks go to the
real `AsyncApp` as signed HTTP requests; scheduled work runs through the real outbox sweep. At the end the
transcript is printed person by person: what each one received and when. This is a composition root like
`bot/app.py`, so it may import Slack libraries; nothing here touches the network beyond 127.0.0.1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.app import Runtime
from bot.clock import ManualClock
from bot.i18n import get_translator
from handlers.blocks.plaintext import blocks_as_text
from sim.driver import SlackSimulator
from sim.fake_slack import Call, FakeSlack

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


KARI, OLA, EMMA, NINA = (m.user_id for m in TEAM[:4])


def at(day: int, month: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=OSLO)
