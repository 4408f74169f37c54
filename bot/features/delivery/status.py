"""`/oppfolging status`: messages that failed for good, and why, for the people the caller may ask about.

Everyone sees their own; a manager also sees their reports' (1:1 pairs and team members); an admin sees the
whole workspace. Only the kind of message, the recipient, the day and the reason group: never any content.
"""

from __future__ import annotations

from datetime import timedelta

from bot.contract.delivery import DeliveryStatus, FailedItem
from bot.core.deps import Deps
from bot.core.persons import load_view, refresh_profiles
from bot.rules.delivery import failure_group
from storage import oneonone_repo, outbox_repo, team_repo
from storage.db import transaction

LOOKBACK = timedelta(days=30)
LIMIT = 20


class DeliveryStatusService:
    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def failed_messages(self, *, team_id: str, user_id: str) -> DeliveryStatus:
        """What failed for good in the last `LOOKBACK` days, newest first (at most `LIMIT`)."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[user_id])
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=user_id)
            reports = {p.employee_id for p in await oneonone_repo.list_pairs_managed_by(
                session, team_id=team_id, manager_id=user_id) if p.active}  # fmt: skip
            reports |= set((await team_repo.list_teams(session)).get((team_id, user_id), []))
            scope = "workspace" if me.is_admin else "team" if reports else "self"
            rows = await outbox_repo.failed_for(
                session,
                team_id=team_id,
                recipient_ids=None if me.is_admin else sorted({user_id, *reports}),
                since=now - LOOKBACK,
                limit=LIMIT,
            )
            waiting = await outbox_repo.count_waiting(session, now=now) if me.is_admin else 0
        items = tuple(
            FailedItem(
                area=row.kind.split(".", 1)[0],
                recipient_type=row.recipient_type,
                recipient_id=row.recipient_id,
                day=me.today(row.not_before),
                why=failure_group(row.last_error),
            )
            for row in rows
        )
        return DeliveryStatus(lang=me.lang, scope=scope, failed=items, waiting=waiting)
