"""The app's crontab on one screen.

| Job   | When                    | Does                                                        |
| ----- | ----------------------- | ----------------------------------------------------------- |
| sweep | every `interval` seconds | plan every due message into the outbox, then deliver it     |

Every feature (tiltak reminders, 1:1 nudges, pulses, digests) is a planner inside the one sweep, so a restart or a
second replica never loses or doubles a message: the outbox's dedupe keys and claims do that, not the scheduler.
The daily retention purge (`bot.features.privacy.retention`) runs at the start of the first sweep of each UTC day
(an outbox daily task; a workspace's day is recorded, so a second sweep or replica that day does nothing).
The scheduler must be started inside the running event loop.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from schedules.sweeps import Sweeper

logger = logging.getLogger(__name__)


async def _sweep(sweeper: Sweeper) -> None:
    await sweeper.run_once()


def build_scheduler(sweeper: Sweeper, *, interval_seconds: int) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": interval_seconds}
    )
    # The first sweep runs at start-up (work missed while the bot was down goes out now), then every interval.
    scheduler.add_job(
        _sweep,
        "interval",
        seconds=interval_seconds,
        args=[sweeper],
        id="sweep",
        name="sweep",
        next_run_time=datetime.now(UTC),
    )
    return scheduler
