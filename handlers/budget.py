"""Slack's 3-second ack budget for work that must finish before the ack (a modal submit that validates and saves).

`within_ack_budget` runs the service call and waits at most `ACK_BUDGET` seconds of real time (Slack's clock,
not the domain clock). If the call is done by then, its result goes in the ack as usual. If not (another writer
holds the database), the handler acks with a "saving" view and the call goes on: the modal is updated with the
outcome when it ends, so a submit never "fails but saves" and a user has no reason to submit twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

ACK_BUDGET = 1.5
"""Seconds a listener waits for the service before acking; with the replay check's `DB_BUDGET` well inside 3 s."""


async def within_ack_budget(work: Coroutine[Any, Any, T]) -> T | asyncio.Task[T]:
    """The result if `work` ends within `ACK_BUDGET`, else the still-running task (await it after the ack)."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=ACK_BUDGET)
    return task.result() if done else task
