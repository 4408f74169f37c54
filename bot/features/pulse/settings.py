"""A workspace's pulse settings: rhythm, day, time, k and closures, kept in `workspace.settings["pulse"]`, and
the half-days switch of the same modal, kept under `workspace.settings["calendar"]` (`bot.core.workcalendar`).

Stored values are read tolerantly (anything unreadable falls back to its default, and k never below the
floor); what an admin types is checked strictly, with one problem per field for the modal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, time
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.pulse_admin import Problem, PulseSettings, SettingsDraft, SettingsField
from bot.core.workcalendar import CALENDAR_KEY, PULSE_KEY, calendar_json, half_days_off_of
from bot.core.workspace_settings import stored_settings
from bot.rules.anonymity import DEFAULT_K, MAX_K, MIN_K
from bot.rules.closures import Closure, closures_from_json, parse_closure
from bot.rules.pulse import EARLIEST_OPEN, LATEST_OPEN, Frequency, PulseSchedule
from storage import people_repo

KEY = PULSE_KEY
_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})")


def parse_clock(text: str) -> time | None:
    """ "10:00", "9.30" → a time from 08:00 to 16:00; anything else None."""
    match = _CLOCK.fullmatch(text.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    at = time(int(match[1]), int(match[2]))
    return at if EARLIEST_OPEN <= at <= LATEST_OPEN else None


def settings_from_json(data: Mapping[str, Any] | None, *, half_days_off: bool = True) -> PulseSettings:
    """Stored settings; each unreadable value falls back to its default."""
    data = data or {}
    default = PulseSchedule()
    try:
        frequency = Frequency(data.get("frequency", default.frequency))
    except ValueError:
        frequency = default.frequency
    weekday = data.get("weekday")
    weekday = weekday if isinstance(weekday, int) and 0 <= weekday <= 4 else default.weekday
    at = parse_clock(str(data.get("time", ""))) or default.at
    closures = closures_from_json(data.get("closures"))
    k = data.get("k")
    k = k if isinstance(k, int) and MIN_K <= k <= MAX_K else DEFAULT_K
    schedule = PulseSchedule(frequency=frequency, weekday=weekday, at=at, closures=closures)
    return PulseSettings(schedule, k, half_days_off=half_days_off)


def parse_draft(draft: SettingsDraft) -> PulseSettings | dict[SettingsField, Problem]:
    """The settings the admin asked for, or the problem with each field that cannot be used."""
    problems: dict[SettingsField, Problem] = {}
    try:
        frequency = Frequency(draft.frequency or "")
    except ValueError:
        problems[SettingsField.FREQUENCY] = Problem("frequency")
        frequency = Frequency.WEEKLY
    weekday_text = (draft.weekday or "").strip()
    weekday = int(weekday_text) if weekday_text.isdigit() else -1
    if not 0 <= weekday <= 4:
        problems[SettingsField.WEEKDAY] = Problem("weekday")
    at = parse_clock(draft.time or "")
    if at is None:
        problems[SettingsField.TIME] = Problem("time")
    k_text = (draft.k or "").strip()
    k = int(k_text) if k_text.isdigit() else 0
    if k < MIN_K:
        problems[SettingsField.K] = Problem("k_low")
    elif k > MAX_K:
        problems[SettingsField.K] = Problem("k_high")
    closures: list[Closure] = []
    for line in (draft.closures or "").replace(",", "\n").splitlines():
        if not line.strip():
            continue
        try:
            closures.append(parse_closure(line))
        except ValueError:
            problems.setdefault(SettingsField.CLOSURES, Problem("closure", line.strip()[:40]))
    if problems:
        return problems
    assert at is not None
    schedule = PulseSchedule(frequency=frequency, weekday=weekday, at=at, closures=tuple(closures))
    half_days_off = draft.half_days_off if draft.half_days_off is not None else True
    return PulseSettings(schedule, k, half_days_off=half_days_off)


async def load_pulse_settings(session: AsyncSession, *, team_id: str) -> PulseSettings:
    """The workspace's settings, or the defaults when it has none (reading creates nothing)."""
    settings = await stored_settings(session, team_id=team_id)
    stored = settings.get(KEY)
    return settings_from_json(stored if isinstance(stored, Mapping) else None, half_days_off=half_days_off_of(settings))


async def save_pulse_settings(session: AsyncSession, *, team_id: str, settings: PulseSettings, now: datetime) -> None:
    workspace = await people_repo.get_or_add_workspace(session, team_id=team_id, now=now)
    workspace.settings = {
        **workspace.settings,
        KEY: settings.to_json(),
        CALENDAR_KEY: calendar_json(half_days_off=settings.half_days_off),
    }
    workspace.updated_at = now
    await session.flush()
