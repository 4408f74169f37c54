"""Export (GDPR art. 15): `mine-data` sends the caller a readable summary and the whole export as a JSON file in
their DM; `admin eksport <@bruker>` (an innsynsbegjæring) sends the same to the admin, and the person is told.
Pulse answers cannot be included: they are stored without anyone's id (`bot.features.pulse`), and both the
summary and the file say so."""

from __future__ import annotations

import json
from typing import Any

from bot.contract.privacy import DataExport, ExportResult, PrivacyProblem
from bot.core.audit import Action, audit
from bot.core.deps import Deps
from bot.core.persons import PersonView
from bot.core.ports import DeliveryError
from bot.features.people import PrivacyService
from bot.features.privacy.admin import caller_view
from bot.outbox.engine import OutboxService
from bot.outbox.notices import NOTICE, NoticeParams
from storage.db import transaction

TOLD = "privacy.exported_by_admin"
COUNTED = ("tiltak", "oneonones", "manager_requests", "my_team", "pending_messages")


def counts_of(data: dict[str, Any]) -> dict[str, int]:
    """How many entries each part of the export holds (for the readable summary)."""
    counts = {part: len(data.get(part) or []) for part in COUNTED}
    counts["meetings"] = sum(len(pair.get("meetings", [])) for pair in data.get("oneonones") or [])
    counts["agenda"] = sum(len(pair.get("agenda", [])) for pair in data.get("oneonones") or [])
    return counts


class ExportService:
    def __init__(self, deps: Deps, outbox: OutboxService, privacy: PrivacyService) -> None:
        self._deps = deps
        self._outbox = outbox
        self._privacy = privacy

    async def my_data(self, *, team_id: str, user_id: str) -> ExportResult:
        """`mine-data`: the caller's own export, to their DM."""
        me = await caller_view(self._deps, team_id=team_id, user_id=user_id)
        return await self._export(me, subject=user_id, for_admin=False)

    async def for_admin(self, *, team_id: str, admin_id: str, subject: str | None) -> ExportResult:
        """`admin eksport <@bruker>`: the person's export to the admin; the person is told who asked."""
        me = await caller_view(self._deps, team_id=team_id, user_id=admin_id)
        if not me.is_admin:
            return ExportResult(me.lang, PrivacyProblem.NOT_ADMIN)
        if subject is None:
            return ExportResult(me.lang, PrivacyProblem.SYNTAX)
        return await self._export(me, subject=subject, for_admin=True)

    async def _export(self, me: PersonView, *, subject: str, for_admin: bool) -> ExportResult:
        team_id, recipient = me.team_id, me.user_id
        mine = await self._privacy.export_my_data(team_id=team_id, user_id=subject)
        data = mine.data
        message = DataExport(lang=me.lang, subject=subject, counts=counts_of(data), for_admin=for_admin)
        content = json.dumps(data, ensure_ascii=False, indent=2).encode()
        try:
            delivered = await self._deps.notifier.send_dm(user_id=recipient, message=message)
            await self._deps.notifier.upload_file(
                channel_id=delivered.channel,
                filename=f"oppfolging-{subject}.json",
                content=content,
                title=f"oppfolging-{subject}.json",
                alt_text="JSON",
            )
        except DeliveryError:
            return ExportResult(me.lang, PrivacyProblem.NOT_DELIVERED, subject)
        now = self._deps.now()
        async with transaction(self._deps.sessions) as session:
            await audit(
                session, team_id=team_id, actor_id=recipient, action=Action.DATA_EXPORTED, subject_id=subject, at=now
            )
            if for_admin and subject != recipient:
                await self._outbox.tell(
                    session,
                    team_id=team_id,
                    user_id=subject,
                    kind=NOTICE,
                    key=f"export:{subject}:{recipient}:{now.isoformat()}",
                    params=NoticeParams(key=TOLD, params={"admin": recipient}),
                )
        return ExportResult(me.lang, None, subject, data)
