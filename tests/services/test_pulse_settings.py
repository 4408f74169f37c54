"""Pulse settings through the service: admins only, field-by-field refusals, what is stored and read back."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import Runtime, runtime
from bot.clock import ManualClock
from bot.contract.pulse_admin import SettingsDraft, SettingsField
from bot.features.pulse.settings import load_pulse_settings, settings_from_json
from bot.rules.pulse import Frequency
from sim.fake_slack import FakeSlack
from storage.db import transaction
from tests.conftest import EMPLOYEE, TEAM
from tests.pulse_helpers import BOSS, add_people
from tests.rig import make_settings


@pytest.fixture(autouse=True)
def _people(fake: FakeSlack) -> None:
    add_people(fake)


def draft(**changes: str | None) -> SettingsDraft:
    values: dict[str, str | None] = {
        "frequency": "weekly",
        "weekday": "2",
        "time": "10:00",
        "k": "5",
        "closures": "uke 28-30\n24.12-01.01",
    }
    values.update(changes)
    return SettingsDraft(**values)


async def test_only_admins_see_or_change_the_settings(rt: Runtime, fake: FakeSlack) -> None:
    pulse_settings = rt.services.pulse_settings
    assert not (await pulse_settings.settings_form(team_id=TEAM, user_id=EMPLOYEE)).allowed
    refused = await pulse_settings.update_pulse_settings(team_id=TEAM, user_id=EMPLOYEE, draft=draft(k="3"))
    assert not refused.allowed
    fake.add_user("UOWNER", is_owner=True)
    form = await pulse_settings.settings_form(team_id=TEAM, user_id="UOWNER")
    assert form.allowed
    assert form.settings is not None
    assert form.settings.k == 5


async def test_admins_from_the_setting_count_too(fake: FakeSlack, clock: ManualClock, engine: AsyncEngine) -> None:
    settings = make_settings(fake, admin_user_ids=frozenset({EMPLOYEE}))
    async with runtime(settings, clock, engine=engine) as rt:
        saved = await rt.services.pulse_settings.update_pulse_settings(
            team_id=TEAM, user_id=EMPLOYEE, draft=draft(k="3")
        )
        assert saved.allowed
        assert saved.settings is not None
        assert saved.settings.k == 3


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"frequency": "daily"}, SettingsField.FREQUENCY, "frequency"),
        ({"weekday": "5"}, SettingsField.WEEKDAY, "weekday"),
        ({"weekday": None}, SettingsField.WEEKDAY, "weekday"),
        ({"time": "07:30"}, SettingsField.TIME, "time"),
        ({"time": "16:30"}, SettingsField.TIME, "time"),
        ({"k": "2"}, SettingsField.K, "k_low"),
        ({"k": "21"}, SettingsField.K, "k_high"),
        ({"k": "fem"}, SettingsField.K, "k_low"),
        ({"closures": "uke 28-30\nsommer"}, SettingsField.CLOSURES, "closure"),
    ],
)
async def test_bad_settings_are_refused_field_by_field(
    rt: Runtime, fake: FakeSlack, changes: dict[str, str | None], field: SettingsField, code: str
) -> None:
    fake.add_user(BOSS, is_admin=True)
    result = await rt.services.pulse_settings.update_pulse_settings(team_id=TEAM, user_id=BOSS, draft=draft(**changes))
    assert list(result.problems) == [field]
    assert result.problems[field].code == code
    async with transaction(rt.services.deps.sessions) as session:
        assert (await load_pulse_settings(session, team_id=TEAM)).k == 5  # nothing stored


async def test_settings_are_stored_and_read_back(rt: Runtime, fake: FakeSlack) -> None:
    fake.add_user(BOSS, is_admin=True)
    changes = {"frequency": "monthly", "weekday": "0", "time": "9.30", "k": "7", "closures": "uke 8, 17.05"}
    saved = await rt.services.pulse_settings.update_pulse_settings(team_id=TEAM, user_id=BOSS, draft=draft(**changes))
    assert saved.problems == {}
    async with transaction(rt.services.deps.sessions) as session:
        settings = await load_pulse_settings(session, team_id=TEAM)
    assert settings.schedule.frequency == Frequency.MONTHLY
    assert settings.schedule.weekday == 0
    assert settings.schedule.at.strftime("%H:%M") == "09:30"
    assert settings.k == 7
    assert [c.to_text() for c in settings.schedule.closures] == ["uke 8", "17.05"]


def test_stored_settings_are_read_tolerantly_and_k_never_below_the_floor() -> None:
    settings = settings_from_json({"frequency": "hourly", "weekday": 6, "time": "03:00", "k": 1, "closures": ["x"]})
    assert settings.schedule.frequency == Frequency.WEEKLY
    assert settings.schedule.weekday == 2
    assert settings.schedule.at.hour == 10
    assert settings.k == 5
    assert len(settings.schedule.closures) == 2
