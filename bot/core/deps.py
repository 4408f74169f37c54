"""What every service is built from: the session factory, the notifier, the clock and the workspace defaults."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.core.ports import Notifier
from storage.db import SessionFactory


@dataclass(frozen=True)
class Defaults:
    """Workspace-level fallbacks from the settings (`OPPFOLGING_TIMEZONE`, `OPPFOLGING_LANGUAGE`)."""

    timezone: str = "Europe/Oslo"
    language: str = "nb"
    admin_user_ids: frozenset[str] = frozenset()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class Deps:
    sessions: SessionFactory
    notifier: Notifier
    clock: Clock
    defaults: Defaults

    def now(self) -> datetime:
        return self.clock.now()
