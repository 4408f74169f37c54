"""Pulse pauses, closures and the admin settings through the real AsyncApp over signed HTTP (SQLite).

Pause and closures hold (no DM to someone paused, no round at Christmas); only admins open the settings modal;
a bad closure is refused next to its field; a new rhythm takes effect; k is locked once a round has answers.
"""

from __future__ import annotations

import pytest

from bot.app import Runtime
from bot.clock import ManualClock
from handlers.blocks.plaintext import blocks_as_text
from handlers.ids import PULSE_CLOSURES_BLOCK, PULSE_K_BLOCK, PULSE_SETTINGS_MODAL
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from tests.conftest import COLLEAGUE, EMPLOYEE, ENGLISH, MANAGER, NEW_YORK, oslo
from tests.driver import reply_text
from tests.pulse_helpers import (
    BOSS,
    FRIDAY,
    KARIS_TEAM,
    MONDAY_CLOSE,
    OPEN,
    REMIND,
    WEDNESDAY,
    ack_text,
    add_people,
    answer,
    join_team,
    last_opened,
    pulse_dms,
    round_of,
    sent,
    stored,
    sweep_at,
)


@pytest.fixture(autouse=True)
def _people(fake: FakeSlack) -> None:
    add_people(fake)


# pause and closures -------------------------------------------------------------------------------------------


async def test_a_paused_member_gets_no_pulse(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack
) -> None:
    await join_team(rt, MANAGER, KARIS_TEAM)
    await slack.command(EMPLOYEE, "pause")
    oslo_people = [m for m in KARIS_TEAM if m not in (NEW_YORK, EMPLOYEE)]
    assert await sweep_at(rt, clock, WEDNESDAY) == sent(OPEN, *oslo_people)
    assert await sweep_at(rt, clock, FRIDAY) == sent(REMIND, *oslo_people)
    assert pulse_dms(fake, EMPLOYEE) == []


async def test_no_round_at_christmas(slack: SlackSimulator, rt: Runtime, clock: ManualClock) -> None:
    await join_team(rt, MANAGER, KARIS_TEAM)
    for instant in (oslo(2026, 12, 23, 10), oslo(2026, 12, 25, 10), oslo(2026, 12, 30, 10), oslo(2027, 1, 1, 10)):
        clock.set(instant)
        report = await rt.services.outbox.send_due_messages()
        assert [item for item in report.sent if item.kind.startswith("pulse.")] == []
    await slack.command(MANAGER, "puls")
    assert "Neste runde åpner onsdag 6. januar 2027 (uke 1)." in reply_text(slack)


# admin settings -------------------------------------------------------------------------------------------------


async def test_settings_are_for_admins_only(slack: SlackSimulator, fake: FakeSlack) -> None:
    await slack.command(EMPLOYEE, "innstillinger")
    assert "Bare administratorer kan endre innstillingene." in reply_text(slack)
    assert fake.calls_to("views.open") == []


async def test_an_admin_changes_the_rhythm_through_the_modal(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack
) -> None:
    fake.add_user(BOSS, is_admin=True, real_name="Sjefen")
    await slack.command(BOSS, "settings")
    view = last_opened(fake)
    assert view["callback_id"] == PULSE_SETTINGS_MODAL

    def values(frequency: str, weekday: str, at: str, k: str, closures: str) -> dict[str, object]:
        def pick(value: str) -> dict[str, object]:
            return {"value": {"type": "static_select", "selected_option": {"value": value}}}

        return {
            "pulse_frequency": pick(frequency),
            "pulse_weekday": pick(weekday),
            "pulse_time": pick(at),
            PULSE_K_BLOCK: pick(k),
            PULSE_CLOSURES_BLOCK: {"value": {"type": "plain_text_input", "value": closures}},
        }

    response = await slack.submit(BOSS, view, values("weekly", "2", "10:00", "5", "uke 28-30\nblåmandag"))
    assert response.json()["errors"] == {
        PULSE_CLOSURES_BLOCK: "Forsto ikke «blåmandag». Skriv for eksempel «uke 28-30» eller «24.12-01.01»."
    }
    response = await slack.submit(BOSS, view, values("biweekly", "2", "09:00", "4", "uke 28-30"))
    acked = response.json()
    assert acked["response_action"] == "update"
    assert "Pulsen går annenhver uke, onsdag kl. 09.00. k = 4. Stengte perioder: uke 28-30." in ack_text(acked)
    # Christmas is no longer closed, so 27.–31.12 are working days; Wednesday 30 December 2026 is in an even
    # week counted from 2024.
    await join_team(rt, MANAGER, KARIS_TEAM[:4])  # four members are enough with k = 4
    assert await sweep_at(rt, clock, oslo(2026, 12, 23, 9)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 30, 9)) == sent(OPEN, EMPLOYEE, COLLEAGUE, ENGLISH)


async def test_k_is_locked_once_the_round_has_answers(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack
) -> None:
    fake.add_user(BOSS, is_admin=True, real_name="Sjefen")
    await join_team(rt, MANAGER, KARIS_TEAM)
    await sweep_at(rt, clock, WEDNESDAY)
    await answer(slack, fake, EMPLOYEE, round_of(pulse_dms(fake, EMPLOYEE)[0]))
    await slack.command(BOSS, "innstillinger")
    view = last_opened(fake)
    assert "Runden som pågår, har fått svar og beholder k = 5" in blocks_as_text(view["blocks"])
    pick = {"type": "static_select", "selected_option": {"value": "3"}}
    state = {
        "pulse_frequency": {"value": {"type": "static_select", "selected_option": {"value": "weekly"}}},
        "pulse_weekday": {"value": {"type": "static_select", "selected_option": {"value": "2"}}},
        "pulse_time": {"value": {"type": "static_select", "selected_option": {"value": "10:00"}}},
        PULSE_K_BLOCK: {"value": pick},
        PULSE_CLOSURES_BLOCK: {"value": {"type": "plain_text_input", "value": "uke 28-30\n24.12-01.01"}},
    }
    acked = (await slack.submit(BOSS, view, state)).json()
    assert "Runden som pågår, beholder k = 5, fordi den allerede har svar." in ack_text(acked)
    rounds, *_ = await stored(rt)
    assert rounds[0].k == 5
    await sweep_at(rt, clock, MONDAY_CLOSE)
    await sweep_at(rt, clock, oslo(2026, 12, 9, 10))
    rounds, *_ = await stored(rt)
    assert [r.k for r in rounds] == [5, 3]
