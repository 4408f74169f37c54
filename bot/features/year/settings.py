"""The workspace's medarbeidersamtale period, kept in `workspace.settings["year"]` (`{"period": "10-11"}`).

Read tolerantly: anything missing or unreadable gives the default period (October–November)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.workspace_settings import stored_settings
from bot.rules.annual import DEFAULT_PERIOD, Period, parse_period
from storage import people_repo

YEAR_KEY = "year"


def period_of(settings: Mapping[str, Any]) -> Period:
    stored = settings.get(YEAR_KEY)
    text = stored.get("period") if isinstance(stored, Mapping) else None
    return (parse_period(text) if isinstance(text, str) else None) or DEFAULT_PERIOD


async def load_period(session: AsyncSession, *, team_id: str) -> Period:
    return period_of(await stored_settings(session, team_id=team_id))


async def save_period(session: AsyncSession, *, team_id: str, period: Period, now: datetime) -> None:
    workspace = await people_repo.get_or_add_workspace(session, team_id=team_id, now=now)
    workspace.settings = {**workspace.settings, YEAR_KEY: {"period": period.to_text()}}
    workspace.updated_at = now
    await session.flush()
