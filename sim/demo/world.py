"""The demo's world: the team, and `Demo`, which acts as the people and as time.

People type commands and click buttons: signed HTTP requests to the real `AsyncApp`. Time passes by sweeps of
the real outbox, at the moments a scheduler running every minute would find something to do: a minute after
anyone acted (the messages their action causes), at 09.00 and 10.00 on working days in each person's zone (the
hours of the default schedule: reminders, nudges and digests go out, the pulse opens), at 08.00 Oslo time on
weekdays (pulse rounds close), whenever a waiting outbox row comes due (a message held back until working hours,
a retry), and at every instant a scene waits for. A sweep at a quiet hour would
send nothing, so skipping it changes nothing anyone sees; it is what makes the demo take seconds.
This is a composition root like `bot/app.py`, so it may import Slack libraries.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.app import Runtime
from bot.clock import ManualClock
from bot.i18n import Translator
from bot.rules.calendar import DEFAULT_SEND_TIME, is_working_day, local_instant
from bot.rules.pulse import CLOSE_TIME, OPEN_TIME
from handlers import ids
from sim.demo.story import Story, with_local_dates
from sim.driver import SlackSimulator
from sim.fake_slack import Call, FakeSlack
from storage import outbox_claim
from storage.db import transaction

OSLO = ZoneInfo("Europe/Oslo")
START = datetime(2026, 11, 30, 8, 30, tzinfo=OSLO)  # Monday in week 49
SECRET = "demo-signing-secret"  # noqa: S105 - the offline demo signs its own fake requests
WAKE_TIMES = (DEFAULT_SEND_TIME, OPEN_TIME)
"""Times at which the default schedule sends (DESIGN.md, "Default schedule"), in each person's zone on working
days; and pulse rounds close at `CLOSE_TIME` in the workspace zone on weekdays."""
AFTER_ACTION = timedelta(minutes=1)


@dataclass(frozen=True)
class Member:
    user_id: str
    name: str
    tz: str = "Europe/Oslo"
    locale: str | None = None  # None: the demo's language
    admin: bool = False  # a Slack admin (for `admin …` commands)


TEAM = (
    Member("UKARI", "Kari Nordmann"),
    Member("UOLA", "Ola Hansen"),
    Member("UEMMA", "Emma Smith", locale="en-GB"),
    Member("UNINA", "Nina Olsen", tz="America/New_York"),
    Member("UPER", "Per Berg"),
    Member("UANNE", "Anne Lie", admin=True),
    Member("UJON", "Jon Dahl"),
)
"""Everyone in the demo. A scene that needs more people adds them here."""
KARI, OLA, EMMA, NINA, PER, ANNE, JON = (m.user_id for m in TEAM)

CHANNELS = {"CLEDER": "#team-kari"}
"""Channels whose posts the story shows, like a person's."""


@dataclass(frozen=True)
class Scene:
    """A part of the story: the demo lets time pass until `starts`, then `play`s it. Scenes must not overlap.
    With `jump`, the clock jumps to `starts` without sweeping the time in between (months later, say): the story
    says so, and the first sweep after the jump sends whatever is still due then."""

    starts: datetime
    play: Callable[[Demo], Awaitable[None]]
    jump: bool = False


def at(day: int, month: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=OSLO)


def mention(user_id: str) -> str:
    return f"<@{user_id}|{user_id.lower()}>"


class Demo:
    """Acts as the people and as time, and writes down what each one sees in `story`."""

    def __init__(
        self,
        rt: Runtime,
        fake: FakeSlack,
        slack: SlackSimulator,
        clock: ManualClock,
        tr: Translator,
        progress: Callable[[str], None],
    ) -> None:
        self.rt, self.fake, self.slack, self.clock, self.tr = rt, fake, slack, clock, tr
        names = {m.user_id: m.name for m in TEAM} | CHANNELS
        zones = {m.user_id: ZoneInfo(m.tz) for m in TEAM} | {channel: OSLO for channel in CHANNELS}
        self.story = Story(names=names, zones=zones)
        self.zones = sorted({ZoneInfo(m.tz) for m in TEAM}, key=lambda z: z.key)
        self.chart: bytes | None = None
        self.sweeps = 0
        self.homes_published = 0
        self._progress = progress
        self._shown_day: date | None = None
        self._calls_seen = 0
        self._replies_seen = 0
        self._acted = False

    def say(self, key: str, **params: object) -> str:
        """A text from the demo's catalog, in the demo's language."""
        return self.tr.t(f"demo.{key}", **params)

    # Time

    async def run_until(self, when: datetime) -> None:
        """Let time pass until `when`, sweeping at every moment something could happen, and at `when`."""
        if self._acted:
            self._acted = False
            await self._sweep(min(self.clock.now() + AFTER_ACTION, max(when, self.clock.now())))
        while (wake := await self._next_wake(when)) is not None:
            await self._sweep(wake)
        self.clock.set(max(when, self.clock.now()))

    async def jump_to(self, when: datetime) -> None:
        """Let the time up to now pass as usual, then set the clock to `when` without sweeping in between."""
        await self.run_until(self.clock.now())
        self.clock.set(max(when, self.clock.now()))
        self.story.add(self.clock.now(), KARI, self.say("jumped", date=self.tr.date(when.astimezone(OSLO).date())))

    def show_modal(self, user_id: str) -> None:
        """Put the form the app opened last into the story, as the person sees it."""
        view = self.fake.calls_to("views.open")[-1].args["view"]
        self.story.add(self.clock.now(), user_id, self.say("modal"), with_local_dates(view["blocks"], self.tr))

    async def _next_wake(self, until: datetime) -> datetime | None:
        now = self.clock.now()
        if now >= until:
            return None
        candidates = [until]
        today = now.astimezone(OSLO).date()
        for day in (today + timedelta(days=n) for n in range(-1, 5)):  # past a weekend
            if day.weekday() < 5:
                candidates.append(local_instant(day, CLOSE_TIME, OSLO))
            if is_working_day(day):
                candidates.extend(local_instant(day, t, zone) for zone in self.zones for t in WAKE_TIMES)
        async with transaction(self.rt.services.deps.sessions) as session:
            pending = await outbox_claim.next_pending_at(session)
        if pending is not None:
            candidates.append(pending)
        return min(c for c in candidates if c > now)

    async def _sweep(self, instant: datetime) -> None:
        self.clock.set(instant)
        day = instant.astimezone(OSLO).date()
        if day != self._shown_day:
            self._shown_day = day
            self._progress(self.say("progress", date=self.tr.date(day)))
        await self.rt.services.outbox.send_due_messages()
        self.sweeps += 1
        self._collect(actor=None)

    # People

    async def command(self, user_id: str, key: str, **params: object) -> None:
        text = self.say(f"say.{key}", **params)
        self.story.add(self.clock.now(), user_id, self.say("typed", text=text))
        await self.slack.command(user_id, text)
        self._collect(actor=user_id)

    async def click(
        self, user_id: str, action_id: str, *, label: str | None = None, where: str | None = None, **kwargs: Any
    ) -> None:
        """Click the button `action_id`; its label is read from the newest message with it, to the person or in
        the channel `where`."""
        shown = label or self._label(where or user_id, action_id)
        self.story.add(self.clock.now(), user_id, self.say("clicked", label=shown))
        await self.slack.click(user_id, action_id, **kwargs)
        self._collect(actor=user_id)

    async def submit(
        self,
        user_id: str,
        what: str,
        values: dict[str, Any],
        view: dict[str, Any] | None = None,
        *,
        narration: str | None = None,
    ) -> None:
        """Fill in and send the form the app opened last, or `view` (`values` as Slack's view state). The story
        says "fills in the form: `what`", or `narration` when given."""
        self.story.add(self.clock.now(), user_id, narration or self.say("filled", what=what))
        form = view if view is not None else self.fake.calls_to("views.open")[-1].args["view"]
        response = await self.slack.submit(user_id, form, values)
        self._collect(actor=user_id)
        answer = response.json() or {}
        if answer.get("response_action") == "update":
            seen = with_local_dates(answer["view"]["blocks"], self.tr)
            self.story.add(self.clock.now(), user_id, self.say("form_reply"), seen)

    async def accept(self, user_id: str) -> None:
        """Click Godta (Accept) in the newest manager request the person got: nothing is planned for a pair or a
        team member until they say yes."""
        await self.click(user_id, ids.CONSENT_ACCEPT, value=self.button(user_id, ids.CONSENT_ACCEPT)["value"])

    async def open_home(self, user_id: str) -> None:
        await self.slack.open_home(user_id)
        self._collect(actor=user_id)

    def invite_bot(self, user_id: str, channel: str) -> None:
        self.story.add(self.clock.now(), user_id, self.say("invited", channel=CHANNELS[channel]))
        self.fake.add_channel(channel, bot_is_member=True, name=CHANNELS[channel].lstrip("#"))

    def last_dm(self, user_id: str) -> dict[str, Any]:
        return self.fake.messages_to(user_id)[-1].args

    def button(self, target: str, action_id: str) -> dict[str, Any]:
        """The newest button or date picker `action_id` in a message to `target` (a person or a channel)."""
        for call in reversed(self.fake.messages_to(target)):
            for block in call.args.get("blocks") or []:
                for element in [block.get("accessory") or {}, *(block.get("elements") or [])]:
                    if isinstance(element, dict) and element.get("action_id") == action_id:
                        return element
        raise LookupError(f"no {action_id} in any message to {target}")

    def _label(self, user_id: str, action_id: str) -> str:
        element = self.button(user_id, action_id)
        return str((element.get("text") or {}).get("text", action_id))

    def _collect(self, *, actor: str | None) -> None:
        """Move what the fake Slack received since last time into the story."""
        if actor is not None:
            self._acted = True
        now = self.clock.now()
        for call in self.fake.calls[self._calls_seen :]:
            self._record(call, now)
        self._calls_seen = len(self.fake.calls)
        for reply in self.fake.responses[self._replies_seen :]:
            if actor is not None:
                seen = with_local_dates(reply.get("blocks", []), self.tr) or str(reply.get("text", ""))
                self.story.add(now, actor, self.say("reply"), seen)
        self._replies_seen = len(self.fake.responses)

    def _record(self, call: Call, now: datetime) -> None:
        args = call.args
        if not call.ok:
            return
        if call.method == "chat.postMessage":
            target = str(args.get("channel", ""))
            user = target[1:] if target.startswith("D") else target
            seen = with_local_dates(args.get("blocks", []), self.tr) or str(args.get("text", ""))
            if user in self.story.zones and user not in CHANNELS:
                self.story.add(now, user, self.say("dm"), seen)
            elif target in CHANNELS:
                self.story.add(now, target, self.say("post", channel=CHANNELS[target]), seen)
        elif call.method == "files.completeUploadExternal":
            target = str(args.get("channel_id", ""))
            if target in CHANNELS:
                titles = ", ".join(str(f.get("title", "")) for f in args.get("files", []))
                self.story.add(now, target, self.say("chart", channel=CHANNELS[target]), f"[{titles}]")
                if self.fake.uploads:
                    self.chart = list(self.fake.uploads.values())[-1]
        elif call.method == "views.publish":
            self.homes_published += 1
            user = str(args.get("user_id"))
            seen = with_local_dates(args.get("view", {}).get("blocks", []), self.tr)
            self.story.add_home(now, user, self.say("home"), seen)
