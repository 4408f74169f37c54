"""One clock for every domain decision.

Everything that asks "what time is it?" (what is due, leases, backoff, "today" for date words) goes through a
`Clock`, so `OPPFOLGING_NOW` and `oppfolging sweep --at` move all of it together. Waiting goes through the clock
too: a simulated clock (tests, the demo) advances instead of sleeping. Only Slack's request-signature check uses the
real wall clock, because Slack signs with it.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Source of aware UTC instants, and a way to wait on the same time line."""

    def now(self) -> datetime: ...

    async def sleep(self, seconds: float) -> None: ...


def _require_aware(instant: datetime) -> datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("a clock instant must be timezone-aware")
    return instant.astimezone(UTC)


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class OffsetClock:
    """Real time, shifted so the process behaves as if it started at `start` (`OPPFOLGING_NOW`, `--at`)."""

    def __init__(self, start: datetime) -> None:
        self._start = _require_aware(start)
        self._origin = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._origin)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class ManualClock:
    """A clock that only moves when told to; `sleep` advances it at once (tests and the demo)."""

    def __init__(self, start: datetime) -> None:
        self._now = _require_aware(start)
        self.slept: list[float] = []

    def now(self) -> datetime:
        return self._now

    def set(self, instant: datetime) -> None:
        self._now = _require_aware(instant)

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    async def sleep(self, seconds: float) -> None:
        seconds = max(0.0, seconds)
        self.slept.append(seconds)
        self._now += timedelta(seconds=seconds)
        # Let other tasks run, as a real sleep would.
        await asyncio.sleep(0)
