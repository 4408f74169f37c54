"""The admin's half-days switch through the real app: `/oppfolging innstillinger` shows it (on by default), and
what the admin saves reaches both the tiltak reminder planner and the outbox's recipient rule.

Property shown: a reminder or a notice goes out on julaften or nyttårsaften only when the admin has said they are
working days, and on 27.–31.12 only when the workspace's closures leave those days open. The clock starts on
Monday 30 November 2026, 10:00 in Oslo; 24.12.2026 is a Thursday, 31.12 a Thursday, 1.1.2027 a Friday.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.app import Runtime
from bot.clock import ManualClock
from handlers import ids
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from tests.conftest import EMPLOYEE, MANAGER, oslo
from tests.pulse_helpers import BOSS, ack_text, add_people, last_opened, reply_text, sweep_at

DUE = "tiltak.due"
CREATED = "tiltak.created"
BOTH_DUE = sorted([(DUE, EMPLOYEE), (DUE, MANAGER)])
DEFAULT_CLOSURES = "uke 28-30\n24.12-01.01"


@pytest.fixture(autouse=True)
def _people(fake: FakeSlack) -> None:
    add_people(fake)
    fake.add_user(BOSS, is_admin=True, real_name="Sjefen")


def _settings(*, closures: str, half_days_off: bool) -> dict[str, Any]:
    def pick(value: str) -> dict[str, Any]:
        return {ids.INPUT: {"type": "static_select", "selected_option": {"value": value}}}

    ticked = [{"value": ids.HALF_DAYS_OFF}] if half_days_off else []
    return {
        ids.PULSE_FREQUENCY_BLOCK: pick("weekly"),
        ids.PULSE_WEEKDAY_BLOCK: pick("2"),
        ids.PULSE_TIME_BLOCK: pick("10:00"),
        ids.PULSE_K_BLOCK: pick("5"),
        ids.PULSE_CLOSURES_BLOCK: {ids.INPUT: {"type": "plain_text_input", "value": closures}},
        ids.HALF_DAYS_BLOCK: {ids.INPUT: {"type": "checkboxes", "selected_options": ticked}},
    }


async def _admin_saves(slack: SlackSimulator, fake: FakeSlack, *, closures: str, half_days_off: bool) -> str:
    await slack.command(BOSS, "innstillinger")
    response = await slack.submit(BOSS, last_opened(fake), _settings(closures=closures, half_days_off=half_days_off))
    acked: dict[str, Any] = response.json()
    assert acked["response_action"] == "update", acked
    return ack_text(acked)


async def _tiltak_due(slack: SlackSimulator, rt: Runtime, clock: ManualClock, due: str) -> None:
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> Bestille julebord innen {due}")
    assert "Tiltak #1 er registrert" in reply_text(slack)
    assert await sweep_at(rt, clock, clock.now()) == [(CREATED, EMPLOYEE)]


async def test_the_modal_shows_the_switch_on_by_default_and_keeps_what_was_saved(
    slack: SlackSimulator, fake: FakeSlack
) -> None:
    await slack.command(BOSS, "innstillinger")
    view = last_opened(fake)
    [block] = [b for b in view["blocks"] if b.get("block_id") == ids.HALF_DAYS_BLOCK]
    assert block["label"]["text"] == "Julaften og nyttårsaften"
    assert [o["value"] for o in block["element"]["initial_options"]] == [ids.HALF_DAYS_OFF]
    assert "27.–31.12 følger de stengte periodene" in block["hint"]["text"]

    saved = await _admin_saves(slack, fake, closures=DEFAULT_CLOSURES, half_days_off=False)
    assert "Julaften og nyttårsaften er vanlige arbeidsdager." in saved
    await slack.command(BOSS, "innstillinger")
    [block] = [b for b in last_opened(fake)["blocks"] if b.get("block_id") == ids.HALF_DAYS_BLOCK]
    assert "initial_options" not in block["element"]

    saved = await _admin_saves(slack, fake, closures=DEFAULT_CLOSURES, half_days_off=True)
    assert "Julaften og nyttårsaften er ikke arbeidsdager" in saved


@pytest.mark.parametrize(
    ("half_days_off", "closures", "due", "reminded", "not_on"),
    [
        # The default: julaften off, 27.–31.12 closed. A deadline on 25.12 is reminded on 23.12.
        (True, DEFAULT_CLOSURES, "25.12", oslo(2026, 12, 23, 9), oslo(2026, 12, 24, 9)),
        # Julaften is a working day: the reminder comes on 24.12 (the closures do not touch it).
        (False, DEFAULT_CLOSURES, "25.12", oslo(2026, 12, 24, 9), oslo(2026, 12, 23, 9)),
        # Open between Christmas and New Year, nyttårsaften off: a deadline on 1.1 is reminded on 30.12.
        (True, "uke 28-30", "1.1", oslo(2026, 12, 30, 9), oslo(2026, 12, 31, 9)),
        # Open, and nyttårsaften a working day: on 31.12.
        (False, "uke 28-30", "1.1", oslo(2026, 12, 31, 9), oslo(2026, 12, 30, 9)),
        # Half-days are working days but 27.–31.12 are closed: a deadline on 1.1 is reminded on julaften.
        (False, DEFAULT_CLOSURES, "1.1", oslo(2026, 12, 24, 9), oslo(2026, 12, 31, 9)),
    ],
)
async def test_the_admins_choice_moves_the_tiltak_reminder(
    half_days_off: bool,
    closures: str,
    due: str,
    reminded: Any,
    not_on: Any,
    slack: SlackSimulator,
    fake: FakeSlack,
    rt: Runtime,
    clock: ManualClock,
) -> None:
    await _admin_saves(slack, fake, closures=closures, half_days_off=half_days_off)
    await _tiltak_due(slack, rt, clock, due)
    first, second = sorted([reminded, not_on])
    assert await sweep_at(rt, clock, first) == (BOTH_DUE if first == reminded else [])
    assert await sweep_at(rt, clock, second) == (BOTH_DUE if second == reminded else [])


@pytest.mark.parametrize(
    ("half_days_off", "closures", "delivered"),
    [
        (True, DEFAULT_CLOSURES, oslo(2027, 1, 4, 9)),  # julaften off, 27.–31.12 closed, 1.1 a holiday
        (True, "uke 28-30", oslo(2026, 12, 28, 9)),  # julaften off, the days after Christmas open
        (False, DEFAULT_CLOSURES, None),  # julaften is a working day: at once
    ],
)
async def test_the_outbox_holds_a_notice_on_julaften_as_the_admin_chose(
    half_days_off: bool,
    closures: str,
    delivered: Any,
    slack: SlackSimulator,
    fake: FakeSlack,
    rt: Runtime,
    clock: ManualClock,
) -> None:
    await _admin_saves(slack, fake, closures=closures, half_days_off=half_days_off)
    clock.set(oslo(2026, 12, 24, 10))
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> Rydde lageret innen 8.1")
    assert "Tiltak #1 er registrert" in reply_text(slack)
    if delivered is None:
        assert await sweep_at(rt, clock, clock.now()) == [(CREATED, EMPLOYEE)]
        return
    assert await sweep_at(rt, clock, clock.now()) == []
    assert await sweep_at(rt, clock, delivered - timedelta(minutes=1)) == []
    assert await sweep_at(rt, clock, delivered) == [(CREATED, EMPLOYEE)]
