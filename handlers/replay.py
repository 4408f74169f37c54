"""Request hygiene before any listener runs: a replayed signed request has no second effect.

Bolt has verified the signature by the time this middleware runs. A request whose signature was already seen
within Slack's window (same signed body) is answered 200 with an empty body and goes no further. The record lives
in the database (every replica sees it); if the database is slow to answer (another writer holds it), a
per-process memory answers instead after `DB_BUDGET` seconds, so the 3-second ack budget holds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.core.replay import REPLAY_WINDOW, request_key
from handlers.context import services_of

logger = logging.getLogger(__name__)

DB_BUDGET = 0.5
"""Seconds the replay check waits for the database before it trusts this process's memory alone."""
MEMORY_LIMIT = 10_000


class _Recent:
    """This process's memory of recent signatures (bounded; the database is the shared record)."""

    def __init__(self) -> None:
        self._seen: dict[str, datetime] = {}
        self._pending: set[asyncio.Task[bool | None]] = set()

    def seen(self, key: str, now: datetime) -> bool:
        if len(self._seen) > MEMORY_LIMIT:
            self._seen = {k: until for k, until in self._seen.items() if until > now}
        until = self._seen.get(key)
        self._seen[key] = now + REPLAY_WINDOW
        return until is not None and until > now

    def keep(self, task: asyncio.Task[bool | None]) -> None:
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)


def replay_guard() -> Callable[..., Awaitable[BoltResponse]]:
    recent = _Recent()

    async def reject_replays(
        req: AsyncBoltRequest, context: AsyncBoltContext, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse:
        signature = _header(req, "x-slack-signature")
        if signature is None:  # Socket Mode: no signatures, and no replays over the socket
            return await next()
        now = datetime.now(UTC)  # Slack's signature window is on the real clock
        replay = recent.seen(request_key(signature), now)
        check = asyncio.ensure_future(services_of(context).requests.first_time(signature=signature, received_at=now))
        done, _ = await asyncio.wait({check}, timeout=DB_BUDGET)
        if done:
            replay = replay or check.result() is False
        else:
            recent.keep(check)
            logger.info("replay check: database slow, memory used")
        if replay:
            logger.info("replayed request ignored")
            return BoltResponse(status=200, body="")
        return await next()

    return reject_replays


def _header(req: AsyncBoltRequest, name: str) -> str | None:
    values = req.headers.get(name)
    if not values:
        return None
    value = values[0] if isinstance(values, list | tuple) else str(values)
    return value or None


__all__ = ["replay_guard"]
