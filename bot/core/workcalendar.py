"""A workspace's working calendar: the days its scheduled messages may go out on, from the admin's settings.

The admin chooses in `/oppfolging innstillinger` whether julaften and nyttårsaften are working days (by default
they are not: most Norwegian workplaces close at noon or earlier, issue 15), and the closures; 27.–31.12 are
not working days when the closures cover them (`bot.rules.calendar.WorkCalendar`). Both are kept in the
`workspace.settings` JSON: the switch under `calendar`, the closures with the pulse settings, where the same
modal has always stored them. Reading is tolerant: anything missing or unreadable gives the default.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.workspace_settings import stored_settings
from bot.rules.calendar import WorkCalendar
from bot.rules.closures import closures_from_json

CALENDAR_KEY = "calendar"
"""`workspace.settings[CALENDAR_KEY]`: `{"half_days_off": bool}`."""
PULSE_KEY = "pulse"
"""`workspace.settings[PULSE_KEY]["closures"]`: the closures, as settings texts."""
HALF_DAYS_OFF = "half_days_off"


def half_days_off_of(settings: Mapping[str, Any]) -> bool:
    """The admin's switch for julaften and nyttårsaften; on unless stored as off."""
    stored = settings.get(CALENDAR_KEY)
    value = stored.get(HALF_DAYS_OFF) if isinstance(stored, Mapping) else None
    return value if isinstance(value, bool) else True


def calendar_json(*, half_days_off: bool) -> dict[str, Any]:
    """What `half_days_off_of` reads back."""
    return {HALF_DAYS_OFF: half_days_off}


def work_calendar_of(settings: Mapping[str, Any]) -> WorkCalendar:
    """The `WorkCalendar` that a workspace's stored settings describe."""
    pulse = settings.get(PULSE_KEY)
    closures = closures_from_json(pulse.get("closures") if isinstance(pulse, Mapping) else None)
    return WorkCalendar(half_days_off=half_days_off_of(settings), closures=closures)


async def load_work_calendar(session: AsyncSession, *, team_id: str) -> WorkCalendar:
    """The workspace's calendar, or the default one when it has no settings (reading creates nothing); within
    `bot.core.readonce.read_once` (a sweep's planning), the settings are read once."""
    return work_calendar_of(await stored_settings(session, team_id=team_id))
