"""The conversation year's part of `/oppfolging innstillinger`: the medarbeidersamtale period and the sick-leave
follow-up switch (kept by `bot.features.year.settings` and `bot.features.sickleave`). Admins only."""

from __future__ import annotations

from bot.contract.year import YearSettings
from bot.core.audit import Action, audit
from bot.core.deps import Deps
from bot.core.persons import load_view, refresh_profiles
from bot.features.sickleave import SickLeaveSettings, load_sickleave_settings, save_sickleave_settings
from bot.features.year.settings import load_period, save_period
from bot.rules.annual import Period
from storage.db import transaction


class YearSettingsService:
    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def current(self, *, team_id: str) -> YearSettings:
        async with transaction(self._deps.sessions) as session:
            period = await load_period(session, team_id=team_id)
            sickleave = await load_sickleave_settings(session, team_id=team_id)
            return YearSettings(period.first, period.last, sickleave.enabled, sickleave.retention_months)

    async def save(self, *, team_id: str, user_id: str, period: Period, sickleave: bool, months: int | None) -> bool:
        """Store the period, the switch and (when given) the months an ended case is kept (admins only); False
        for anyone else, and nothing changes."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[user_id])
        async with transaction(self._deps.sessions) as session:
            if not (await load_view(session, self._deps, team_id=team_id, user_id=user_id)).is_admin:
                return False
            await save_period(session, team_id=team_id, period=period, now=now)
            current = await load_sickleave_settings(session, team_id=team_id)
            settings = SickLeaveSettings(enabled=sickleave, retention_months=months or current.retention_months)
            await save_sickleave_settings(session, team_id=team_id, settings=settings, now=now)
            await audit(session, team_id=team_id, actor_id=user_id, action=Action.SETTINGS_CHANGED, at=now)
            return True
