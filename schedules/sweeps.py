"""One small job: wake the outbox. Planning and delivery live in the services; this only runs them once at a
time and reports counts. A failing sweep is logged and the next tick tries again."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from bot.outbox.engine import OutboxService, SweepReport

logger = logging.getLogger(__name__)


class Sweeper:
    """Runs `send_due_messages` at most once at a time and lets shutdown wait for the sweep in flight."""

    def __init__(
        self, outbox: OutboxService, *, observe: Callable[[float, SweepReport | None], None] | None = None
    ) -> None:
        """`observe(seconds, report)` is told of every sweep; `report` is None when the sweep raised."""
        self._outbox = outbox
        self._observe = observe
        self._lock = asyncio.Lock()
        self.last_report: SweepReport | None = None

    @property
    def running(self) -> bool:
        return self._lock.locked()

    async def run_once(self) -> SweepReport | None:
        if self._lock.locked():
            return None
        async with self._lock:
            started = time.monotonic()
            report: SweepReport | None = None
            try:
                report = await self._outbox.send_due_messages()
            finally:
                if self._observe is not None:
                    self._observe(time.monotonic() - started, report)
            self.last_report = report
            if report.sent or report.failed or report.retried:
                counts = {"sent": len(report.sent), "failed": report.failed, "retried": report.retried}
                logger.info("sweep: %s", report.summary(), extra={"kind": "sweep", "counts": counts})
            return report

    async def stop(self) -> None:
        """Finish the send in flight, give back the remaining claims, and wait for that to happen."""
        self._outbox.stop()
        async with self._lock:
            pass
