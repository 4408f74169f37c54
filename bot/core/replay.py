"""Replay protection for signed Slack requests: a request whose signature was seen within Slack's 5-minute
signature window is a replay (or a network duplicate) and must have no second effect.

The window is Slack's, on the real wall clock (Slack signs with it), so callers pass the real time in.
"""

from __future__ import annotations

import hashlib
import logging
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


class RequestLog:
    """Remembers signed requests for `REPLAY_WINDOW` (in the database, so every replica sees them)."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._swept_at: datetime | None = None

    async def first_time(self, *, signature: str, received_at: datetime) -> bool | None:
        """True the first time this signature is seen, False for a replay, None when the database could not
        tell (the caller then relies on its own memory). Expired records are swept out on the way."""
        try:
            async with transaction(self._deps.sessions) as session:
                fresh = await request_repo.remember(
                    session, key=request_key(signature), expires_at=received_at + REPLAY_WINDOW
                )
                if fresh and self._sweep_due(received_at):
                    await request_repo.forget_expired(session, now=received_at)
        except OperationalError:
            logger.warning("replay check: database unavailable")
            return None
        return fresh

    def _sweep_due(self, now: datetime) -> bool:
        """Expired records are deleted at most once per `SWEEP_EVERY` per process, not on every request (they
        can never match again: Slack's signatures expire with them)."""
        if self._swept_at is not None and now - self._swept_at < SWEEP_EVERY:
            return False
        self._swept_at = now
        return True
