"""Who may use `admin …`: Slack admins and owners, or `OPPFOLGING_ADMINS`; and `admin logg`, the last 50 audit
entries (never content)."""

from __future__ import annotations

from bot.contract.privacy import AuditLine, AuditView, PrivacyProblem
from bot.core.deps import Deps
from bot.core.persons import PersonView, load_view, refresh_profiles
from storage import privacy_repo
from storage.db import transaction

LOG_LENGTH = 50


async def caller_view(deps: Deps, *, team_id: str, user_id: str) -> PersonView:
    """The caller with a fresh profile (read outside any transaction), for the admin check."""
    await refresh_profiles(deps, team_id=team_id, user_ids=[user_id])
    async with transaction(deps.sessions) as session:
        return await load_view(session, deps, team_id=team_id, user_id=user_id)


class AuditLog:
    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def last_entries(self, *, team_id: str, user_id: str) -> AuditView:
        """`admin logg`: the last `LOG_LENGTH` entries, newest first; admins only."""
        me = await caller_view(self._deps, team_id=team_id, user_id=user_id)
        if not me.is_admin:
            return AuditView(me.lang, PrivacyProblem.NOT_ADMIN)
        async with transaction(self._deps.sessions) as session:
            rows = await privacy_repo.last_audit(session, team_id=team_id, limit=LOG_LENGTH)
        lines = tuple(AuditLine(row.actor_id, row.action, row.subject_id, row.at) for row in rows)
        return AuditView(me.lang, None, lines, me.zone.key)

    async def is_admin(self, *, team_id: str, user_id: str) -> tuple[str, bool]:
        """The caller's language, and whether they may use `admin …` (for the admin help)."""
        me = await caller_view(self._deps, team_id=team_id, user_id=user_id)
        return me.lang, me.is_admin
