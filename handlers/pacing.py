"""Pacing of Slack posts (DESIGN.md: about one message per second per channel, plus a workspace cap)."""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.clock import Clock


class Pacer:
    """Spacing of posts on the injected clock: per channel, and between any two posts."""

    def __init__(self, clock: Clock, per_channel: float, workspace: float) -> None:
        self._clock = clock
        self._per_channel = per_channel
        self._workspace = workspace
        self._locks: dict[str, asyncio.Lock] = {}
        self._last: dict[str, datetime] = {}
        self._last_any: datetime | None = None
        self._any_lock = asyncio.Lock()

    def lock(self, channel: str) -> asyncio.Lock:
        """Held for a whole send (all attempts), so concurrent sends to one channel queue up in order."""
        return self._locks.setdefault(channel, asyncio.Lock())

    async def wait_turn(self, channel: str | None) -> None:
        """Wait until `channel` (if any) and the workspace may take another post, then claim the slot."""
        if channel is not None:
            await self._wait_since(self._last.get(channel), self._per_channel)
        async with self._any_lock:
            await self._wait_since(self._last_any, self._workspace)
            self._last_any = self._clock.now()
        if channel is not None:
            self._last[channel] = self._clock.now()

    async def _wait_since(self, last: datetime | None, interval: float) -> None:
        if last is None:
            return
        remaining = interval - (self._clock.now() - last).total_seconds()
        if remaining > 0:
            await self._clock.sleep(remaining)
