"""Whether a workspace uses the sick-leave follow-up, and how long an ended case is kept:
`workspace.settings["sickleave"]` = `{"enabled": bool, "retention_months": int}`.

Off unless stored as on (the module is opt-in, after the employer's DPIA). Read tolerantly: an unreadable value
gives the default (off; 4 months)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.workspace_settings import stored_settings
from bot.rules.sickleave import DEFAULT_RETENTION_MONTHS, MAX_RETENTION_MONTHS
from storage import people_repo

SICKLEAVE_KEY = "sickleave"


@dataclass(frozen=True)
class SickLeaveSettings:
    enabled: bool = False
    retention_months: int = DEFAULT_RETENTION_MONTHS

    def to_json(self) -> dict[str, Any]:
        return {"enabled": self.enabled, "retention_months": self.retention_months}


def sickleave_settings_of(settings: Mapping[str, Any]) -> SickLeaveSettings:
    stored = settings.get(SICKLEAVE_KEY)
    if not isinstance(stored, Mapping):
        return SickLeaveSettings()
    enabled = stored.get("enabled") is True
    months = stored.get("retention_months")
    valid = isinstance(months, int) and not isinstance(months, bool) and 1 <= months <= MAX_RETENTION_MONTHS
    return SickLeaveSettings(enabled, months if valid and isinstance(months, int) else DEFAULT_RETENTION_MONTHS)


async def load_sickleave_settings(session: AsyncSession, *, team_id: str) -> SickLeaveSettings:
    return sickleave_settings_of(await stored_settings(session, team_id=team_id))


async def save_sickleave_settings(
    session: AsyncSession, *, team_id: str, settings: SickLeaveSettings, now: datetime
) -> None:
    workspace = await people_repo.get_or_add_workspace(session, team_id=team_id, now=now)
    workspace.settings = {**workspace.settings, SICKLEAVE_KEY: settings.to_json()}
    workspace.updated_at = now
    await session.flush()
