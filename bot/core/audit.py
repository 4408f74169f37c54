"""The audit log (issue 13): who changed settings, set or accepted a manager relationship, exported or deleted
data, offboarded a person or stopped a workspace, and when. An entry is an action code and two user ids; it never
holds content (no text, no settings values, no message). Kept 24 months (`bot.rules.retention.AUDIT_MONTHS`)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel.ext.asyncio.session import AsyncSession

from storage import privacy_repo


class Action(StrEnum):
    SETTINGS_CHANGED = "settings.changed"
    MANAGER_SET = "manager.set"  # by an admin
    MANAGER_ACCEPTED = "manager.accepted"  # by the employee
    DATA_EXPORTED = "data.exported"
    DELETION_REQUESTED = "deletion.requested"
    PERSON_DELETED = "person.deleted"
    PERSON_OFFBOARDED = "person.offboarded"
    WORKSPACE_STOPPED = "workspace.stopped"
    WORKSPACE_RESUMED = "workspace.resumed"


async def audit(
    session: AsyncSession,
    *,
    team_id: str,
    actor_id: str | None,
    action: Action,
    subject_id: str | None = None,
    at: datetime,
) -> None:
    """Record one action in the caller's transaction. `actor_id` None: the bot, on Slack's word."""
    await privacy_repo.audit(
        session, team_id=team_id, actor_id=actor_id, action=action.value, subject_id=subject_id, at=at
    )
