"""Replay protection for signed Slack requests: a request whose signature was seen within Slack's 5-minute
signature window is a replay (or a network duplicate) and must have no second effect.

The window is Slack's, on the real wall clock (Slack signs with it), so callers pass the real time in.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import OperationalError

from bot.core.deps import Deps
from storage import request_repo
from storage.db import transaction

logger = logging.getLogger(__name__)

REPLAY_WINDOW = timedelta(minutes=5, seconds=30)
"""Slack's signatures are valid for 5 minutes; a little more covers clock skew."""
SWEEP_EVERY = timedelta(seconds=30)


def request_key(signature: str) -> str:
    """What is stored: a hash of the signature, never the request itself."""
    return hashlib.sha256(signature.encode()).hexdigest()


@dataclass(frozen=True)
class _Asked:
    key: str
    expires_at: datetime
    answer: asyncio.Future[bool | None]


class RequestLog:
    """Remembers signed requests for `REPLAY_WINDOW` (in the database, so every replica sees them).

    Group commit: requests that arrive while a write of records is under way wait for the next one, which records
    all of them in one transaction. Alone, a request is written at once, as before; twenty at a time cost a few
    commits instead of twenty (on SQLite each commit waits for the disk and for the other writers).
    """

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._swept_at: datetime | None = None
        self._asked: list[_Asked] = []
        self._writer: asyncio.Task[None] | None = None

    async def first_time(self, *, signature: str, received_at: datetime) -> bool | None:
        """True the first time this signature is seen, False for a replay, None when the database could not
        tell (the caller then relies on its own memory). Expired records are swept out on the way."""
        asked = _Asked(request_key(signature), received_at + REPLAY_WINDOW, asyncio.get_running_loop().create_future())
        self._asked.append(asked)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.ensure_future(self._write_all())
        return await asyncio.shield(asked.answer)  # a caller that stops waiting does not cancel the others

    async def _write_all(self) -> None:
        while self._asked:
            batch, self._asked = self._asked, []
            try:
                fresh = await self._record(batch)
            except OperationalError:
                logger.warning("replay check: database unavailable")
                fresh = None
            except asyncio.CancelledError:
                for asked in [*batch, *self._asked]:
                    asked.answer.cancel()
                raise
            except Exception as error:  # noqa: BLE001 - handed to every request waiting on it, none left hanging
                for asked in batch:
                    if not asked.answer.done():
                        asked.answer.set_exception(error)
                continue
            answered: set[str] = set()
            for asked in batch:
                if not asked.answer.done():
                    first = None if fresh is None else asked.key in fresh and asked.key not in answered
                    asked.answer.set_result(first)
                answered.add(asked.key)

    async def _record(self, batch: list[_Asked]) -> set[str]:
        """The keys of `batch` not recorded before, after recording them all in one transaction."""
        now = min(asked.expires_at for asked in batch) - REPLAY_WINDOW
        async with transaction(self._deps.sessions) as session:
            fresh = await request_repo.remember_all(session, records={asked.key: asked.expires_at for asked in batch})
            if fresh and self._sweep_due(now):
                await request_repo.forget_expired(session, now=now)
        return fresh

    def _sweep_due(self, now: datetime) -> bool:
        """Expired records are deleted at most once per `SWEEP_EVERY` per process, not on every request (they
        can never match again: Slack's signatures expire with them)."""
        if self._swept_at is not None and now - self._swept_at < SWEEP_EVERY:
            return False
        self._swept_at = now
        return True
