"""How many sends a sweep keeps in flight, and the order it starts them in.

A sweep starts its claimed rows in claim order. Rows to different recipients may be in flight together, up to
the window: it starts at one, grows by one with every message delivered (up to `MAX_IN_FLIGHT`), and falls back
to one after a transient failure, so a struggling Slack sees one request at a time while a healthy one is kept
busy up to the rate the notifier paces to (`handlers.pacing`). One recipient's rows never overlap: each waits for
the one before it, so a person gets their messages in order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from enum import Enum

from storage.models import OutboxMessage

MAX_IN_FLIGHT = 16
"""Sends in flight at most: Slack answers in 0.1-0.3 s, so 16 keep 50 posts per second going."""


class Outcome(Enum):
    DELIVERED = "delivered"  # sent, or closed or deferred without a Slack failure
    TRANSIENT = "transient"  # Slack failed in a way worth retrying
    INTERNAL = "internal"  # the bot failed (a bug); says nothing about Slack


class SendWindow:
    """The number of sends that may be in flight (see the module docstring)."""

    def __init__(self, limit: int = MAX_IN_FLIGHT) -> None:
        self.size = 1
        self.limit = limit
        self._in_flight = 0
        self._changed = asyncio.Condition()

    async def acquire(self) -> None:
        async with self._changed:
            await self._changed.wait_for(lambda: self._in_flight < self.size)
            self._in_flight += 1

    async def release(self, outcome: Outcome) -> None:
        async with self._changed:
            self._in_flight -= 1
            if outcome is Outcome.DELIVERED:
                self.size = min(self.limit, self.size + 1)
            elif outcome is Outcome.TRANSIENT:
                self.size = 1
            self._changed.notify_all()


async def deliver_in_order(
    batch: Sequence[OutboxMessage],
    deliver: Callable[[OutboxMessage], Awaitable[Outcome]],
    window: SendWindow,
    *,
    keep_going: Callable[[], bool],
) -> None:
    """Start `deliver(row)` for each row in order, within `window`, one recipient's rows one after another;
    start nothing more once `keep_going()` is False. Returns when every started delivery has ended."""
    previous: dict[tuple[str, str], asyncio.Task[None]] = {}
    started: list[asyncio.Task[None]] = []

    async def run(row: OutboxMessage) -> None:
        outcome = Outcome.INTERNAL
        try:
            outcome = await deliver(row)
        finally:
            await window.release(outcome)

    for row in batch:
        recipient = (row.recipient_type, row.recipient_id)
        before = previous.get(recipient)
        if before is not None:
            await asyncio.wait({before})
        if not keep_going():
            break
        await window.acquire()
        if not keep_going():
            await window.release(Outcome.INTERNAL)
            break
        task = asyncio.create_task(run(row))
        previous[recipient] = task
        started.append(task)
    if started:
        await asyncio.gather(*started)
