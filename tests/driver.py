"""One driver for every test that talks to the app: what a person read, which DMs arrived, sweeps at given instants.

The fixtures that build the rig (`clock`, `engine`, `fake`, `rt`, `slack`) live in `tests/rig.py`; this module
holds the plain functions the tests share, so each is defined once:

- `text_of` / `reply_text` / `dm_text`: a message (a reply, a DM) as the plain lines a person would read.
- `dms`: the DMs the app posted to a person; `home_text`: their Home tab as last published.
- `sweep_at`: one sweep of the outbox at an instant, returning what went out as sorted (kind, recipient) pairs.
- `sweep_through`: sweeps at the instants that matter, and one minute before each, returning a timeline that
  shows anything sent early, late, twice or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.app import Runtime
from bot.clock import ManualClock
from handlers.blocks.plaintext import blocks_as_text
from sim.driver import SlackSimulator
from sim.fake_slack import Call, FakeSlack

OSLO = ZoneInfo("Europe/Oslo")
POST = "chat.postMessage"
JUST_BEFORE = timedelta(minutes=1)

Sent = list[tuple[str, str]]
"""What one sweep sent: sorted (kind, recipient id) pairs."""
Timeline = list[tuple[datetime, str, str]]
"""What a run of sweeps sent: (Oslo time of the sweep, kind, recipient id), in order."""


def text_of(message: Mapping[str, Any]) -> str:
    """A message body (a response-URL reply or the arguments of `chat.postMessage`): its text, then its blocks."""
    return str(message.get("text", "")) + "\n" + blocks_as_text(message.get("blocks") or [])


def reply_text(slack: SlackSimulator) -> str:
    """The last reply posted to a response URL, as plain text."""
    return text_of(slack.last_reply())


def dm_text(call: Call) -> str:
    return text_of(call.args)


def dms(fake: FakeSlack, user_id: str) -> list[Call]:
    """The messages the app posted in `user_id`'s DM, oldest first (updates and ephemerals left out)."""
    return [call for call in fake.messages_to(user_id) if call.method == POST]


def home_text(fake: FakeSlack, user_id: str) -> str:
    """The Home tab last published for `user_id`, as plain text."""
    published = [c for c in fake.calls_to("views.publish") if c.args.get("user_id") == user_id]
    assert published, "no Home view was published"
    return blocks_as_text(published[-1].args["view"]["blocks"])


def is_private_reply(reply: Mapping[str, Any]) -> bool:
    """Only the person who asked sees it, and it does not replace the message they clicked in."""
    return reply.get("response_type", "ephemeral") == "ephemeral" and not reply.get("replace_original", False)


async def sweep_at(rt: Runtime, clock: ManualClock, instant: datetime) -> Sent:
    """Set the clock to `instant` and run one sweep; what it sent, as sorted (kind, recipient) pairs."""
    clock.set(instant)
    report = await rt.services.outbox.send_due_messages()
    return sorted((item.kind, item.recipient_id) for item in report.sent)


async def sweep_through(rt: Runtime, clock: ManualClock, instants: Iterable[datetime], end: datetime) -> Timeline:
    """Sweep now, at each of `instants` and one minute before each (up to `end`), and once more at `end`.

    The property: with planning independent of when sweeps run, the timeline equals the one sweeping every
    minute would give, restricted to these instants. A message due at none of them shows up at the next sweep, at
    a time the test does not expect; one due a minute or more early shows up at the sweep just before; one sent
    twice or never changes the list; one that lapses unsent between two sweeps fails the sweep. The instants come
    from the rules (09:00 the working day before, the meeting + 2 h, ...), so sweeping at them tests when things
    are sent, not how often the sweeper runs.
    """
    start, chosen = clock.now(), list(instants)
    assert all(start <= instant <= end for instant in chosen), f"instants outside {start} – {end}: {chosen}"
    wanted = {moment for instant in chosen for moment in (instant - JUST_BEFORE, instant)} | {start, end}
    timeline: Timeline = []
    for instant in sorted(moment for moment in wanted if start <= moment <= end):
        clock.set(instant)
        report = await rt.services.outbox.send_due_messages()
        # A message that lapsed unsent between two sweeps would be invisible in the timeline: refuse it here.
        assert (report.expired, report.failed) == (0, 0), f"at {instant}: {report.summary()}"
        local = instant.astimezone(OSLO)
        timeline.extend(sorted((local, item.kind, item.recipient_id) for item in report.sent))
    return timeline
