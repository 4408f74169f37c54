"""Facts for `/healthz`, `/readyz` and `/metrics`, read from the database and the running parts.

`OperationsProbe` is built by the composition root with the engine and callables for the parts only it holds
(the scheduler's state, the Socket Mode connection, the sweep watch).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.observability.health import HealthFacts, verdict
from bot.observability.metrics import Metrics
from storage import ops_repo
from storage.db import make_session_factory, ping, transaction
from storage.migrate import current_revision, head_revisions

logger = logging.getLogger(__name__)


@dataclass
class SweepWatch:
    """When sweeps last succeeded, on the monotonic clock (health) and the wall clock (metrics)."""

    metrics: Metrics
    monotonic: Callable[[], float] = time.monotonic
    started: float | None = None
    last_success: float | None = None

    def start(self) -> None:
        self.started = self.monotonic()

    def record(
        self, *, seconds: float, succeeded: bool, outcomes: dict[str, int], latencies: list[tuple[str, float]]
    ) -> None:
        if succeeded:
            self.last_success = self.monotonic()
        self.metrics.observe_sweep(
            seconds=seconds,
            succeeded=succeeded,
            finished_at=datetime.now(UTC),
            outcomes=outcomes,
            latencies=latencies,
        )

    def age(self) -> float | None:
        """Seconds since the last success, or since the start if none yet; None before `start()`."""
        since = self.last_success if self.last_success is not None else self.started
        return None if since is None else self.monotonic() - since


class OperationsProbe:
    def __init__(
        self,
        engine: AsyncEngine,
        metrics: Metrics,
        *,
        mode: str,
        sweep_interval: float,
        scheduler_state: Callable[[], str],
        socket_connected: Callable[[], Awaitable[bool]] | None,
        sweep_age: Callable[[], float | None],
    ) -> None:
        self._engine = engine
        self._sessions = make_session_factory(engine)
        self._metrics = metrics
        self._mode = mode
        self._interval = sweep_interval
        self._scheduler_state = scheduler_state
        self._socket_connected = socket_connected
        self._sweep_age = sweep_age
        self._heads = head_revisions()

    async def facts(self) -> HealthFacts:
        database = await ping(self._engine)
        revision: str | None = None
        if database:
            try:
                revision = await current_revision(self._engine)
            except SQLAlchemyError:
                database = False
        socket = await self._socket_connected() if self._socket_connected is not None else None
        return HealthFacts(
            database=database,
            revision=revision,
            heads=self._heads,
            scheduler=self._scheduler_state(),
            socket=socket,
            sweep_age=self._sweep_age(),
            sweep_interval=self._interval,
            mode=self._mode,
        )

    async def health(self) -> dict[str, Any]:
        return verdict(await self.facts())[1]

    async def readiness(self) -> dict[str, Any]:
        return verdict(await self.facts(), readiness_only=True)[1]

    async def metrics_text(self) -> bytes:
        """Prometheus text; the outbox gauge is read fresh (left as it was when the database does not answer)."""
        try:
            async with transaction(self._sessions) as session:
                self._metrics.set_outbox_rows(await ops_repo.outbox_counts(session))
        except (SQLAlchemyError, OSError) as error:
            logger.warning("metrics: outbox rows not read (%s)", type(error).__name__)
        return self._metrics.render()
