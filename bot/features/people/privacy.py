"""`/oppfolging mine-data`: everything stored about the caller, as plain data (GDPR art. 15, right of access).

Pulse answers are not included because none can be linked to a person; the export says so.
"""

from __future__ import annotations

from typing import Any

from bot.contract.people import MyData
from bot.core.deps import Deps
from bot.core.persons import load_person, refresh_profiles, view_of
from bot.features.sickleave import sickleave_export
from bot.features.year import year_export
from storage import consent_repo, digest_repo, oneonone_repo, outbox_repo, team_repo, tiltak_repo
from storage.db import transaction
from storage.models import OutboxStatus


class PrivacyService:
    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def export_my_data(self, *, team_id: str, user_id: str) -> MyData:
        """The person row, team membership, every 1:1 pair with its meetings and agenda, every tiltak the caller
        owns, follows up or created (with postponements), and the messages still waiting to be sent to them."""
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[user_id])
        async with transaction(self._deps.sessions) as session:
            person = await load_person(session, self._deps, team_id=team_id, user_id=user_id)
            me = view_of(person, self._deps)
            tiltak: list[dict[str, Any]] = []
            for row in await tiltak_repo.list_for_person(session, team_id=team_id, user_id=user_id):
                assert row.id is not None
                postponements = await tiltak_repo.list_postponements(session, tiltak_id=row.id)
                tiltak.append(
                    {
                        "number": row.number,
                        "text": row.text,
                        "note": row.note,
                        "owner": row.owner_id,
                        "counterpart": row.counterpart_id,
                        "created_by": row.created_by,
                        "due_date": row.due_date.isoformat(),
                        "status": row.status,
                        "created_at": row.created_at.isoformat(),
                        "closed_at": row.closed_at.isoformat() if row.closed_at else None,
                        "postponements": [
                            {"from": p.from_date.isoformat(), "to": p.to_date.isoformat(), "by": p.by_user}
                            for p in postponements
                        ],
                    }
                )
            pending = [
                {"kind": m.kind, "not_before": m.not_before.isoformat()}
                for m in await outbox_repo.list_messages(session, team_id=team_id, status=OutboxStatus.PENDING)
                if m.recipient_id == user_id
            ]
            oneonones: list[dict[str, Any]] = []
            for pair in await oneonone_repo.list_every_pair_of(session, team_id=team_id, user_id=user_id):
                assert pair.id is not None
                oneonones.append(
                    {
                        "manager": pair.manager_id,
                        "employee": pair.employee_id,
                        "cadence": pair.cadence,
                        "active": pair.active,
                        "meetings": [
                            {"starts_at": m.starts_at.isoformat(), "status": m.status, "type": m.kind}
                            for m in await oneonone_repo.list_meetings(session, pair_id=pair.id)
                        ],
                        "agenda": [
                            {"text": a.text, "by": a.author_id, "done": a.done}
                            for a in await oneonone_repo.list_agenda(session, pair_id=pair.id)
                        ],
                    }
                )
            probation = await oneonone_repo.get_probation(session, team_id=team_id, employee_id=user_id)
            digest = await digest_repo.get_channel(session, team_id=team_id, manager_id=user_id)
            data: dict[str, Any] = {
                "person": {
                    "user_id": person.user_id,
                    "time_zone": person.tz,
                    "slack_locale": person.locale,
                    "language_choice": person.language,
                    "paused": person.paused,
                    "paused_until": person.paused_until.isoformat() if person.paused_until else None,
                    "profile_refreshed_at": person.refreshed_at.isoformat() if person.refreshed_at else None,
                },
                "manager": await team_repo.manager_of(session, team_id=team_id, employee_id=user_id),
                "manager_requests": [
                    {
                        "from": r.requester_id,
                        "to": r.employee_id,
                        "kind": r.kind,
                        "status": r.status,
                        "created_at": r.created_at.isoformat(),
                    }
                    for r in await consent_repo.requests_about(session, team_id=team_id, user_id=user_id)
                ],
                "my_team": await team_repo.team_of(session, team_id=team_id, manager_id=user_id),
                "oneonones": oneonones,
                "probation_start": probation.start_date.isoformat() if probation else None,
                "probation": (
                    {
                        "start": probation.start_date.isoformat(),
                        "months": probation.months,
                        "extended_to": probation.end_date.isoformat() if probation.end_date else None,
                    }
                    if probation
                    else None
                ),
                "annual_reviews": await year_export(session, team_id=team_id, user_id=user_id),
                "sick_leave": await sickleave_export(session, team_id=team_id, user_id=user_id),
                "digest_channel": digest.channel_id if digest else None,
                "tiltak": tiltak,
                "pending_messages": pending,
                "pulse_answers": "not linkable to you: stored without your id",
            }
            return MyData(lang=me.lang, data=data)
