"""A workspace's delivery state: `app_uninstalled` and `tokens_revoked` stop all delivery there (the outbox
defers its rows, `bot.outbox.checks`), and are logged (the event, never content). Any later valid request or
event from that workspace, or `auth.test` answering for it when the bot starts, resumes delivery."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.core.audit import Action, audit
from bot.core.deps import Deps
from storage import privacy_repo
from storage.db import transaction

logger = logging.getLogger(__name__)


RUNNING_MEMO = timedelta(seconds=60)
"""How long this process trusts that a workspace it found running still is, before asking the database again: a
request then costs no read for it. Another replica's stop shows here that much later at most (only a reinstall
that soon after an uninstall would wait for it); this process's own `stop` forgets at once."""


class WorkspaceDelivery:
    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._running: dict[str, datetime] = {}

    async def stop(self, *, team_id: str, reason: str) -> bool:
        """Stop delivery to the workspace; False when it was already stopped (a retried event)."""
        now = self._deps.now()
        self._running.pop(team_id, None)
        async with transaction(self._deps.sessions) as session:
            state = await privacy_repo.ensure_workspace_state(session, team_id=team_id)
            if state.stopped_at is not None:
                return False
            state.stopped_at, state.stop_reason = now, reason[:32]
            await audit(session, team_id=team_id, actor_id=None, action=Action.WORKSPACE_STOPPED, at=now)
        logger.warning("delivery stopped for a workspace: %s", reason, extra={"kind": "workspace"})
        return True

    async def resume(self, *, team_id: str) -> bool:
        """Resume delivery when it was stopped; False (and nothing written) when it was not."""
        if not team_id:
            return False
        now = self._deps.now()
        seen = self._running.get(team_id)
        if seen is not None and seen <= now < seen + RUNNING_MEMO:
            return False
        async with transaction(self._deps.sessions) as session:
            if not await privacy_repo.is_stopped(session, team_id=team_id):
                self._running[team_id] = now
                return False
        async with transaction(self._deps.sessions) as session:
            state = await privacy_repo.ensure_workspace_state(session, team_id=team_id)
            if state.stopped_at is None:
                return False
            state.stopped_at, state.stop_reason = None, None
            await audit(session, team_id=team_id, actor_id=None, action=Action.WORKSPACE_RESUMED, at=now)
        logger.info("delivery resumed for a workspace", extra={"kind": "workspace"})
        return True
