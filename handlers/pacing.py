"""Pacing of Slack posts (DESIGN.md: about one message per second per channel, and the workspace's own limit).

- Per channel: posts to one channel (a DM counts as the user's) are at least `per_channel` seconds apart, in the
  order they asked (the notifier holds the channel's lock through a whole send).
- Workspace-wide: posts get successive slots `1 / rate` apart, so concurrent senders share one budget. The rate
  adapts to what Slack allows (`RateController`): it grows while posts go through and is cut on a 429, when
  every post also waits out `Retry-After`.

Everything runs on the injected clock.
"""

from __future__ import annotations

import asyncio
from collections import deque
from datetime import datetime, timedelta

from bot.clock import Clock

GROWTH_BEFORE_LIMIT = 1.5
"""Until Slack first says 429: the rate grows by this factor for every second of posts going through."""
GROWTH_AFTER_LIMIT = 0.05
"""After a 429: the rate grows by this many posts per second, per second (probing the limit gently)."""
CUT = 0.97
"""On a 429 the rate becomes this share of the posts that went through in the last second."""
WINDOW = timedelta(seconds=1)


class RateController:
    """The workspace's post rate: multiplicative growth until the first 429 (slow start), then additive;
    on a 429, `CUT` × what actually went through in the last second, once per `WINDOW`.

    Pure on the given instants (no clock of its own), so it is table-tested directly.
    """

    def __init__(self, *, start: float, ceiling: float, floor: float = 1.0) -> None:
        if not 0 < floor <= start <= ceiling:
            raise ValueError("need 0 < floor <= start <= ceiling")
        self.rate = start
        self.ceiling = ceiling
        self.floor = floor
        self.limited = False
        self._recent: deque[datetime] = deque()
        self._grown_at: datetime | None = None
        self._cut_at: datetime | None = None

    def delivered(self, now: datetime) -> None:
        """A post went through at `now`."""
        self._recent.append(now)
        while self._recent and now - self._recent[0] > WINDOW:
            self._recent.popleft()
        if self._grown_at is None:
            self._grown_at = now
        elapsed = (now - self._grown_at).total_seconds()
        if elapsed >= 1:
            grown = self.rate + GROWTH_AFTER_LIMIT * elapsed if self.limited else self.rate * GROWTH_BEFORE_LIMIT
            self.rate = min(self.ceiling, grown)
            self._grown_at = now

    def rate_limited(self, now: datetime) -> None:
        """Slack answered 429 at `now`."""
        self.limited = True
        self._grown_at = now
        if self._cut_at is not None and now - self._cut_at < WINDOW:
            return  # the same episode: concurrent posts that were already on their way
        self._cut_at = now
        went_through = sum(1 for at in self._recent if now - at <= WINDOW)
        self.rate = max(self.floor, min(self.rate, went_through or self.rate) * CUT)


class Pacer:
    """Spacing of posts on the injected clock: per channel, and workspace-wide slots at the adaptive rate.

    `workspace` is the starting gap between two posts (1 / starting rate); `ceiling` the most posts per second
    this process will try.
    """

    def __init__(self, clock: Clock, per_channel: float, workspace: float, *, ceiling: float = 100.0) -> None:
        self._clock = clock
        self._per_channel = per_channel
        start = 1 / workspace if workspace > 0 else ceiling
        self.control = RateController(start=min(start, ceiling), ceiling=max(start, ceiling))
        self._locks: dict[str, asyncio.Lock] = {}
        self._last: dict[str, datetime] = {}
        self._next_slot: datetime | None = None
        self._paused_until: datetime | None = None
        self._any_lock = asyncio.Lock()

    def lock(self, channel: str) -> asyncio.Lock:
        """Held for a whole send (all attempts), so concurrent sends to one channel queue up in order."""
        return self._locks.setdefault(channel, asyncio.Lock())

    async def wait_turn(self, channel: str | None) -> None:
        """Wait until `channel` (if any) may take another post, then for the next workspace slot."""
        if channel is not None:
            last = self._last.get(channel)
            if last is not None:
                await self._sleep_until(last + timedelta(seconds=self._per_channel))
        async with self._any_lock:
            now = self._clock.now()
            slot = max(now, self._next_slot or now, self._paused_until or now)
            self._next_slot = slot + timedelta(seconds=1 / self.control.rate)
        await self._sleep_until(slot)
        if channel is not None:
            self._last[channel] = self._clock.now()

    def delivered(self) -> None:
        """A paced post went through."""
        self.control.delivered(self._clock.now())

    def rate_limited(self, retry_after: float | None) -> None:
        """Slack answered 429: slow down, and (with `retry_after`) hold every post until then."""
        now = self._clock.now()
        self.control.rate_limited(now)
        if retry_after is not None:
            until = now + timedelta(seconds=retry_after)
            self._paused_until = max(self._paused_until or until, until)

    async def _sleep_until(self, instant: datetime) -> None:
        remaining = (instant - self._clock.now()).total_seconds()
        if remaining > 0:
            await self._clock.sleep(remaining)
