"""`oppfolging demo`: an offline run of the real app against the in-process fake Slack, scene by scene.

Slash commands and clicks go to the real `AsyncApp` as signed HTTP requests; scheduled work runs through the
real outbox sweep, on SQLite in a temporary folder (`sim.demo.inline_sqlite`: no thread per connection). The
story is printed as it happened, one line per event; the full transcript of each person and the trend chart are
written to `demo-output/`. This is a composition root like `bot/app.py`, so it may import Slack libraries;
nothing here touches the network beyond 127.0.0.1.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.app import Runtime, build_bolt_app, runtime
from bot.clock import ManualClock
from bot.config import Settings
from bot.i18n import get_translator
from handlers.web import EVENTS_PATH, build_web_app
from sim.demo.inline_sqlite import connector
from sim.demo.scenes import ordered
from sim.demo.story import Story, render_story, render_transcript
from sim.demo.world import CHANNELS, OSLO, SECRET, START, TEAM, Demo, Member
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from storage.db import make_engine
from storage.migrate import upgrade

OUTPUT = Path("demo-output")
LOCALES = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-US"}


@dataclass(frozen=True)
class Played:
    """What a run of the demo left behind: the story, the last trend chart (PNG), how many sweeps it took, and
    how many times the app published someone's App Home."""

    lang: str
    story: Story
    chart: bytes | None
    sweeps: int
    homes_published: int


async def _serve(rt: Runtime, settings: Settings, fake: FakeSlack) -> tuple[web.AppRunner, SlackSimulator]:
    app = build_bolt_app(settings, rt.services, rt.client)
    runner = web.AppRunner(build_web_app(app, _health), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}{EVENTS_PATH}"
    return runner, SlackSimulator(events_url=url, signing_secret=SECRET, fake=fake)


async def _health() -> dict[str, Any]:
    return {"status": "ok"}


async def play(lang: str, *, progress: Callable[[str], None] = lambda _: None) -> Played:
    """Play every scene in `lang` (the narration, what people type, and the bot's language for everyone who
    has not chosen another)."""
    with tempfile.TemporaryDirectory(prefix="oppfolging-demo-") as folder:
        database = Path(folder) / "demo.db"
        url = f"sqlite+aiosqlite:///{database}"
        engine = make_engine(url, async_creator=connector(str(database)))
        try:
            await upgrade(engine)
            async with FakeSlack() as fake:
                for member in TEAM:
                    locale = member.locale or LOCALES[lang]
                    fake.add_user(
                        member.user_id, tz=member.tz, locale=locale, real_name=member.name, is_admin=member.admin
                    )
                settings = Settings(
                    slack_bot_token="xoxb-demo",  # noqa: S106 - a token only the fake Slack sees
                    slack_signing_secret=SECRET,
                    slack_api_url=fake.api_url,
                    database_url=url,
                    timezone=OSLO.key,
                    language=lang,
                )
                clock = ManualClock(START)
                async with runtime(settings, clock, engine=engine, pacing=False) as rt:
                    runner, slack = await _serve(rt, settings, fake)
                    try:
                        demo = Demo(rt, fake, slack, clock, get_translator(lang), progress)
                        for scene in ordered():
                            if scene.starts < clock.now():
                                raise RuntimeError(f"{scene.play.__name__} starts before the scene ahead ended")
                            if scene.jump:
                                await demo.jump_to(scene.starts)
                            else:
                                await demo.run_until(scene.starts)
                            await scene.play(demo)
                        await demo.run_until(clock.now())
                    finally:
                        await slack.close()
                        await runner.cleanup()
        finally:
            await engine.dispose()
    return Played(lang, demo.story, demo.chart, demo.sweeps, demo.homes_published)


def find_person(name: str) -> Member | None:
    """The member whose name or first name is `name` (any case)."""
    wanted = name.strip().casefold()
    for member in TEAM:
        if wanted in (member.name.casefold(), member.name.split(" ")[0].casefold()):
            return member
    return None


def write_outputs(played: Played, folder: Path) -> Path:
    """The whole story, each person's and each channel's full transcript, and the chart, into `folder`; returns
    the folder's absolute path."""
    tr = get_translator(played.lang)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.txt").write_text("\n".join(render_story(played.story, tr, OSLO)) + "\n", encoding="utf-8")
    for member in TEAM:
        title = tr.t("demo.transcript", name=member.name, zone=member.tz)
        lines = [title, "", *render_transcript(played.story, member.user_id, tr)]
        name = member.name.split(" ")[0].lower()
        (folder / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for channel, label in CHANNELS.items():
        lines = [tr.t("demo.channel_transcript", channel=label), "", *render_transcript(played.story, channel, tr)]
        (folder / f"{label.lstrip('#')}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if played.chart is not None:
        (folder / "puls-trend.png").write_bytes(played.chart)
    return folder.resolve()


async def run_demo(
    settings: Settings,
    *,
    lang: str | None = None,
    person: str | None = None,
    out: Callable[[str], None] = print,
    progress: Callable[[str], None] = lambda _: None,
    folder: Path = OUTPUT,
) -> int:
    """Play the demo, print the story (or one person's part of it) and write `folder`. Exit code 2 for an
    unknown person."""
    lang = lang or settings.language
    tr = get_translator(lang)
    member = find_person(person) if person is not None else None
    if person is not None and member is None:
        out(tr.t("demo.unknown_person", name=person, names=", ".join(m.name.split(" ")[0] for m in TEAM)))
        return 2
    played = await play(lang, progress=progress)
    progress("")
    written = write_outputs(played, folder)
    out(tr.t("demo.title"))
    out(tr.t("demo.about"))
    only = None if member is None else [member.user_id]
    for line in render_story(played.story, tr, OSLO, only=only):
        out(line)
    out("")
    out(tr.t("demo.finished", count=len(played.story.events)))
    out(tr.t("demo.files", folder=str(written)))
    return 0
