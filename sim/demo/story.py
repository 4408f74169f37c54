"""The demo's record: one chronological list of events (when, who, what they see), and how it is written out.

`Story.add` keeps events in the order they happen on the simulated clock. `render_story` writes the story for
the terminal: a line per event under a heading per day, times in the workspace zone (with the person's own clock
in brackets when they live elsewhere), and under each line the first line of what the person sees (or, for the
App Home, only the lines that changed). `render_transcript` writes everything one person saw, in full, in their
own zone. Narration comes from the `demo.*` catalog texts of the demo's language.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from handlers.blocks.plaintext import blocks_as_text

MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
CHANNEL = re.compile(r"<#(C[A-Z0-9]+)(?:\|[^>]*)?>")
HOME_LINES = 8
"""At most this many changed lines of the App Home in the story (the transcript has all of it)."""


@dataclass(frozen=True)
class Event:
    """Something one person (or a channel) did or saw at `at`: the narration, then what they saw."""

    at: datetime
    who: str
    what: str
    seen: str = ""
    headline: tuple[str, ...] = ()
    in_story: bool = True


@dataclass
class Story:
    """The events so far, in clock order, and the names behind Slack ids."""

    names: Mapping[str, str]
    zones: Mapping[str, ZoneInfo]
    events: list[Event] = field(default_factory=list)
    _homes: dict[str, list[str]] = field(default_factory=dict)
    _home_lines: set[str] = field(default_factory=set)

    def readable(self, text: str) -> str:
        """Mentions as Slack shows them: `@Ola Hansen`, `#team-kari`."""
        text = MENTION.sub(lambda m: "@" + self.names.get(m.group(1), m.group(1)), text)
        return CHANNEL.sub(lambda m: self.names.get(m.group(1), "#" + m.group(1)), text)

    def add(self, at: datetime, who: str, what: str, seen: str = "") -> None:
        if self.events and at < self.events[-1].at:
            raise ValueError(f"the story went back in time: {at} after {self.events[-1].at}")
        seen = self.readable(seen).strip()
        lines = [line for line in seen.splitlines() if line.strip()]
        self.events.append(Event(at, who, self.readable(what), "\n".join(lines), tuple(lines[:1])))

    def add_home(self, at: datetime, who: str, what: str, seen: str) -> None:
        """The App Home, when its text changed since the person last saw it. The story shows only what is new
        to the reader: the changed lines, and on a person's first Home only lines no earlier Home showed (the
        greeting and the settings look the same for everyone)."""
        lines = [line for line in self.readable(seen).splitlines() if line.strip()]
        before = self._homes.get(who)
        if before == lines:
            return
        self._homes[who] = lines
        me = self.names.get(who, who)
        if before is None:
            shown = [line for line in lines if line.replace(me, "{me}") not in self._home_lines]
        else:
            shown = [f"+ {line}" for line in lines if line not in before]
            shown += [f"− {line}" for line in before if line not in lines]
        self._home_lines.update(line.replace(me, "{me}") for line in lines)
        self.events.append(Event(at, who, what, "\n".join(lines), tuple(shown[:HOME_LINES]), bool(shown)))


def with_local_dates(blocks: list[dict[str, Any]], tr: Translator) -> str:
    """Block Kit as plain lines, with date pickers showing their date as people read it (`📅 4.12.2026`)."""
    shown = copy.deepcopy(blocks)
    for block in shown:
        for element in [block.get("accessory") or {}, *(block.get("elements") or [])]:
            if isinstance(element, dict) and element.get("type") == "datepicker" and element.get("initial_date"):
                element["initial_date"] = "📅 " + tr.date_short(date.fromisoformat(element["initial_date"]))
    return blocks_as_text(shown).replace(" 📅]", "]")


def _clock(at: datetime, home: ZoneInfo, tr: Translator) -> str:
    return tr.time(at.astimezone(home).time().replace(second=0, microsecond=0))


def _elsewhere(at: datetime, zone: ZoneInfo, home: ZoneInfo, tr: Translator) -> str:
    """ " (kl. 09.00 i New York)" for someone whose clock differs from the workspace's, else nothing."""
    if zone.key == home.key:
        return ""
    city = zone.key.rsplit("/", 1)[-1].replace("_", " ")
    return " " + tr.t("demo.local_time", time=_clock(at, zone, tr), city=city)


def render_story(
    story: Story, tr: Translator, home: ZoneInfo, *, only: Iterable[str] | None = None, width: int = 12
) -> list[str]:
    """The story as lines: a heading per day, then `time  who  what`, and under it what they see."""
    keep = None if only is None else set(only)
    out: list[str] = []
    day: date | None = None
    for event in story.events:
        if not event.in_story or (keep is not None and event.who not in keep):
            continue
        local_day = event.at.astimezone(home).date()
        if local_day != day:
            day = local_day
            out.extend(["", tr.date(day)])
        who = story.names.get(event.who, event.who).split(" ")[0]
        clock = _clock(event.at, home, tr)
        elsewhere = _elsewhere(event.at, story.zones.get(event.who, home), home, tr)
        out.append(f"  {clock}  {who:<{width}}{event.what}{elsewhere}")
        pad = " " * (len(clock) + 4 + width)
        out.extend(pad + line for line in event.headline)
    return out


def render_transcript(story: Story, who: str, tr: Translator) -> list[str]:
    """Everything `who` saw and did, in full, stamped in their own zone."""
    zone = story.zones[who]
    out: list[str] = []
    for event in story.events:
        if event.who != who:
            continue
        out.append(f"{tr.datetime(event.at, zone)} · {event.what}")
        out.extend("    " + line for line in event.seen.splitlines())
    return out
