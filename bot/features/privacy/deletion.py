"""Deletion on request (GDPR art. 17): `admin slett <@bruker>` shows what will go (counts per kind) and what will
not (published team aggregates, which contain nobody); only the modal's confirmation deletes. Everything about
the person goes, column by column as `storage.person_data` registers them: their rows are deleted, others'
tiltak keep their own part and lose the name. A person can ask for it themself from the App Home: the request
goes to the admins as a DM."""

from __future__ import annotations

import logging
import uuid

from bot.contract.privacy import DeletionDone, DeletionPreview, DeletionRequestResult, PrivacyProblem
from bot.core.audit import Action, audit
from bot.core.deps import Deps
from bot.features.privacy.admin import caller_view
from bot.outbox.engine import OutboxService
from bot.outbox.notices import NOTICE, NoticeParams
from storage import erase_repo, privacy_repo
from storage.db import checkpoint, transaction
from storage.person_data import PersonDataRegistry

REQUESTED = "privacy.deletion_requested"
logger = logging.getLogger(__name__)


def _problem(*, admin: bool, admin_id: str, subject: str | None) -> PrivacyProblem | None:
    """Only an admin, only with a person named, and not themself (another admin does that)."""
    if not admin:
        return PrivacyProblem.NOT_ADMIN
    if subject is None:
        return PrivacyProblem.SYNTAX
    return PrivacyProblem.SELF if subject == admin_id else None


class DeletionService:
    def __init__(self, deps: Deps, outbox: OutboxService, registry: PersonDataRegistry) -> None:
        self._deps = deps
        self._outbox = outbox
        self._registry = registry

    async def preview(self, *, team_id: str, admin_id: str, subject: str | None) -> DeletionPreview:
        """What deleting `subject` would remove; nothing is changed."""
        me = await caller_view(self._deps, team_id=team_id, user_id=admin_id)
        problem = _problem(admin=me.is_admin, admin_id=admin_id, subject=subject)
        if problem is not None or subject is None:
            return DeletionPreview(me.lang, problem, subject)
        async with transaction(self._deps.sessions) as session:
            counts, named = await erase_repo.count_person_data(
                session, self._registry, team_id=team_id, user_id=subject
            )
        return DeletionPreview(me.lang, None, subject, counts, named)

    async def delete(self, *, team_id: str, admin_id: str, subject: str | None) -> DeletionDone:
        """The confirmed deletion. The audit entry names the admin, not the person (they are gone)."""
        me = await caller_view(self._deps, team_id=team_id, user_id=admin_id)
        problem = _problem(admin=me.is_admin, admin_id=admin_id, subject=subject)
        if problem is not None or subject is None:
            return DeletionDone(me.lang, problem, subject)
        now = self._deps.now()
        async with transaction(self._deps.sessions) as session:
            rows = await erase_repo.erase_person(
                session, self._registry, team_id=team_id, user_id=subject, token=uuid.uuid4().hex
            )
            await audit(session, team_id=team_id, actor_id=admin_id, action=Action.PERSON_DELETED, at=now)
        await checkpoint(self._deps.sessions)
        logger.info("a person's data was deleted on request (%d rows)", rows, extra={"kind": "deletion"})
        return DeletionDone(me.lang, None, subject, rows)

    async def request_deletion(self, *, team_id: str, user_id: str) -> DeletionRequestResult:
        """From the App Home: every admin the bot knows is told that `user_id` asks to be deleted."""
        me = await caller_view(self._deps, team_id=team_id, user_id=user_id)
        now = self._deps.now()
        async with transaction(self._deps.sessions) as session:
            known = await privacy_repo.admins_of(session, team_id=team_id)
            admins = sorted({*known, *self._deps.defaults.admin_user_ids} - {user_id})
            if not admins:
                return DeletionRequestResult(me.lang, PrivacyProblem.NO_ADMINS)
            day = me.today(now).isoformat()
            for admin in admins:
                await self._outbox.tell(
                    session,
                    team_id=team_id,
                    user_id=admin,
                    kind=NOTICE,
                    key=f"deletion-request:{user_id}:{admin}:{day}",
                    params=NoticeParams(key=REQUESTED, params={"person": user_id}),
                )
            await audit(
                session, team_id=team_id, actor_id=user_id, action=Action.DELETION_REQUESTED, subject_id=user_id, at=now
            )
        return DeletionRequestResult(me.lang, None, len(admins))
