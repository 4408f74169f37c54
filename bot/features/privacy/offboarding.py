"""Offboarding: Slack says a person is deactivated (`user_change` with `deleted`, `users.info` during delivery,
or a send answered `account_inactive` / `user_not_found`).

Once per person (`storage.privacy_models.Offboarded`; Slack retries events, and every later message to them
finds them gone again): messages still waiting for them are cancelled; their own open tiltak are closed as
cancelled (so they follow the retention rules from today); the counterparts of their open tiltak, their manager
and the people they managed are told once, without a reason; their 1:1 pairs end; they leave their team, and the
team they led loses its manager (its next pulse round counts without them). Nothing is sent to them.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.audit import Action, audit
from bot.core.deps import Deps
from bot.core.pairs import stop_pair
from bot.outbox.engine import OutboxService
from bot.outbox.notices import NOTICE, NoticeParams
from storage import oneonone_repo, people_repo, privacy_repo, team_repo, tiltak_repo
from storage.db import transaction
from storage.tiltak_models import TiltakStatus

GONE_NOTICE = "privacy.offboarded"
logger = logging.getLogger(__name__)


async def offboard(session: AsyncSession, outbox: OutboxService, *, team_id: str, user_id: str, now: datetime) -> bool:
    """Handle a deactivated person in the caller's transaction; False when they were already handled."""
    if not await privacy_repo.mark_offboarded(session, team_id=team_id, user_id=user_id, now=now):
        return False
    await people_repo.save_profile(session, team_id=team_id, user_id=user_id, now=now, values={"deleted": True})
    await privacy_repo.cancel_pending_to(session, team_id=team_id, user_id=user_id)
    told: set[str] = set()
    for tiltak in await tiltak_repo.list_open_for(session, team_id=team_id, user_id=user_id):
        other = tiltak.counterpart_id if tiltak.owner_id == user_id else tiltak.owner_id
        if other:
            told.add(other)
        if tiltak.owner_id == user_id:
            tiltak.status, tiltak.closed_at = TiltakStatus.CANCELLED, now
    manager = await team_repo.manager_of(session, team_id=team_id, employee_id=user_id)
    if manager:
        told.add(manager)
    for pair in await oneonone_repo.list_pairs_of(session, team_id=team_id, user_id=user_id):
        await stop_pair(session, pair, now)
        told.add(pair.employee_id if pair.manager_id == user_id else pair.manager_id)
    for report in await team_repo.team_of(session, team_id=team_id, manager_id=user_id):
        told.add(report)
        await team_repo.remove_member(session, team_id=team_id, employee_id=report)
    await team_repo.remove_member(session, team_id=team_id, employee_id=user_id)
    for recipient in sorted(told - {user_id}):
        await outbox.tell(
            session,
            team_id=team_id,
            user_id=recipient,
            kind=NOTICE,
            key=f"offboard:{user_id}:{recipient}:{now.isoformat()}",
            params=NoticeParams(key=GONE_NOTICE, params={"person": user_id}),
        )
    await audit(session, team_id=team_id, actor_id=None, action=Action.PERSON_OFFBOARDED, subject_id=user_id, at=now)
    await session.flush()
    return True


class Offboarding:
    """The ways Slack tells the bot someone left."""

    def __init__(self, deps: Deps, outbox: OutboxService) -> None:
        self._deps = deps
        self._outbox = outbox

    async def user_deactivated(self, *, team_id: str, user_id: str) -> bool:
        """`user_change` with `deleted: true`: offboard (idempotent, so Slack's retries change nothing)."""
        now = self._deps.now()
        async with transaction(self._deps.sessions) as session:
            done = await offboard(session, self._outbox, team_id=team_id, user_id=user_id, now=now)
        if done:
            logger.info("offboarded a deactivated user", extra={"kind": "offboarding"})
        return done

    async def user_reactivated(self, *, team_id: str, user_id: str) -> bool:
        """`user_change` without `deleted` for someone offboarded: they are back (nothing they had is restored;
        a later deactivation is handled again). Writes nothing for anyone else."""
        async with transaction(self._deps.sessions) as session:
            back = await privacy_repo.forget_offboarded(session, team_id=team_id, user_id=user_id)
            if back:
                now = self._deps.now()
                values: dict[str, object] = {"deleted": False}
                await people_repo.save_profile(session, team_id=team_id, user_id=user_id, now=now, values=values)
        return back

    async def on_gone(self, session: AsyncSession, team_id: str, user_id: str, now: datetime) -> None:
        """The outbox found a recipient gone (deactivated per `users.info`, or a send said so)."""
        await offboard(session, self._outbox, team_id=team_id, user_id=user_id, now=now)
