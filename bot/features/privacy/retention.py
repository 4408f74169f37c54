"""Retention (issue 13, item 1): once a day per workspace, at the first sweep of the (UTC) day, delete what is
past its time by `bot.rules.retention`, in batches of `BATCH` rows, each batch its own short transaction.

Published pulse aggregates are kept (they contain nobody); anything per round that is not published is already
deleted when the round closes. The settings (months for tiltak and 1:1s, days for the outbox) live in
`workspace.settings["retention"]` and are changed by admins in `/oppfolging innstillinger`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime

from bot.contract.privacy import PrivacyProblem, RetentionForm
from bot.core.audit import Action, audit
from bot.core.deps import Deps
from bot.core.persons import load_view, refresh_profiles
from bot.core.retention import KEY, load_policy
from bot.rules.retention import BATCH, cutoffs, parse_policy
from storage import people_repo, privacy_repo, retention_repo
from storage.db import checkpoint, transaction

logger = logging.getLogger(__name__)

Purge = Callable[..., Awaitable[int]]


class RetentionService:
    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._done_on: date | None = None

    async def run_due(self, now: datetime) -> None:
        """The daily sweep (an outbox daily task): every workspace not yet swept today. Once a sweep found every
        workspace done for the day, later sweeps that day ask nothing (a workspace that first appears later in the
        day has nothing old enough to delete yet; tomorrow's first sweep covers it)."""
        today = now.astimezone(UTC).date()
        if self._done_on == today:
            return
        await self.sweep(now)
        self._done_on = today

    async def sweep(self, now: datetime) -> int:
        """Purge every workspace not yet swept on `now`'s (UTC) day; how many rows were deleted."""
        today = now.astimezone(UTC).date()
        async with transaction(self._deps.sessions) as session:
            teams = await privacy_repo.teams_due_retention(session, today=today)
        deleted = 0
        for team_id in teams:
            deleted += await self.purge(team_id=team_id, now=now)
            async with transaction(self._deps.sessions) as session:
                state = await privacy_repo.ensure_workspace_state(session, team_id=team_id)
                state.retention_day = today
        if deleted:
            await checkpoint(self._deps.sessions)  # SQLite: no deleted page stays behind in the WAL
            logger.info("retention: %d rows deleted", deleted, extra={"kind": "retention"})
        return deleted

    async def purge(self, *, team_id: str, now: datetime) -> int:
        """Delete everything of one workspace that is due at `now`."""
        async with transaction(self._deps.sessions) as session:
            policy = await load_policy(session, team_id=team_id)
        due = cutoffs(now, policy)
        work: list[tuple[Purge, datetime]] = [
            (retention_repo.purge_closed_tiltak, due.records),
            (retention_repo.purge_past_meetings, due.records),
            (retention_repo.purge_done_agenda, due.records),
            (retention_repo.purge_stopped_pairs, due.records),
            (retention_repo.purge_decided_requests, due.records),
            (retention_repo.purge_team_updates, due.records),
            (retention_repo.purge_closed_outbox, due.outbox),
            (privacy_repo.forget_audit_before, due.audit),
        ]
        total = 0
        for purge, before in work:
            while True:
                async with transaction(self._deps.sessions) as session:
                    count = await purge(session, team_id=team_id, before=before, limit=BATCH)
                total += count
                if count < BATCH:
                    break
        return total

    async def form(self, *, team_id: str, user_id: str) -> RetentionForm | None:
        """The retention fields for the settings modal; None for someone who is not an admin."""
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[user_id])
        async with transaction(self._deps.sessions) as session:
            if not (await load_view(session, self._deps, team_id=team_id, user_id=user_id)).is_admin:
                return None
            policy = await load_policy(session, team_id=team_id)
        return RetentionForm(policy.months, policy.outbox_days)

    @staticmethod
    def check(months: str | None, days: str | None) -> dict[str, str]:
        """The problem per field (`months`, `days`) with what an admin typed; empty when it can be saved."""
        parsed = parse_policy(months, days)
        return parsed if isinstance(parsed, dict) else {}

    async def save(self, *, team_id: str, user_id: str, months: str | None, days: str | None) -> PrivacyProblem | None:
        """Store the retention settings (checked with `check` first); a change is audited (the pulse part of the
        same modal audits its own save)."""
        parsed = parse_policy(months, days)
        if isinstance(parsed, dict):
            return PrivacyProblem.SYNTAX
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[user_id])
        async with transaction(self._deps.sessions) as session:
            if not (await load_view(session, self._deps, team_id=team_id, user_id=user_id)).is_admin:
                return PrivacyProblem.NOT_ADMIN
            if await load_policy(session, team_id=team_id) == parsed:
                return None
            workspace = await people_repo.get_or_add_workspace(session, team_id=team_id, now=now)
            workspace.settings = {**workspace.settings, KEY: parsed.to_json()}
            workspace.updated_at = now
            await audit(session, team_id=team_id, actor_id=user_id, action=Action.SETTINGS_CHANGED, at=now)
        return None
