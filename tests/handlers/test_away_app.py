"""Slack away status (holiday, leave) is honoured like a pause: nudges and reminders wait for its end."""

from __future__ import annotations

from bot.app import Runtime
from bot.clock import ManualClock
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from tests.conftest import EMPLOYEE, MANAGER, oslo
from tests.consent_helpers import accept
from tests.driver import sweep_at


async def test_a_reminder_waits_for_the_end_of_a_holiday_status(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    back = oslo(2026, 12, 7, 8, 0)  # the status expires Monday morning
    fake.add_user(EMPLOYEE, status_text="Ferie", status_emoji=":palm_tree:", status_expiration=int(back.timestamp()))
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> Oppdatere opplæringsplanen innen fredag")
    # Being told of a new tiltak is not a nudge; the reminder is, and only Kari's goes.
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0)) == [("tiltak.created", EMPLOYEE), ("tiltak.due", MANAGER)]
    # Ola's due reminder lapses with the deadline day; the overdue one goes once he is back (Tuesday 8 December).
    assert await sweep_at(rt, clock, oslo(2026, 12, 7, 9, 0)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 8, 9, 0)) == sorted(
        [("tiltak.overdue", EMPLOYEE), ("tiltak.overdue", MANAGER)]
    )


async def test_a_sick_status_is_not_read(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    fake.add_user(EMPLOYEE, status_text="Out sick", status_emoji=":face_with_thermometer:")
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> Oppdatere opplæringsplanen innen fredag")
    sent = await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0))
    assert ("tiltak.due", EMPLOYEE) in sent


async def test_a_nudge_to_someone_away_lapses_with_the_meeting(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    fake.add_user(EMPLOYEE, status_text="Permisjon", status_emoji=":palm_tree:")
    await slack.command(MANAGER, f"1til1 <@{EMPLOYEE}|ola> ukentlig torsdag kl. 13:00")
    await accept(slack, rt, fake, EMPLOYEE)  # a manager request is answered also while away
    sent = await sweep_at(rt, clock, oslo(2026, 12, 9, 9, 0))  # the day before Thursday 10 December
    assert ("oneonone.nudge", MANAGER) in sent
    assert ("oneonone.nudge", EMPLOYEE) not in sent
    later = await sweep_at(rt, clock, oslo(2026, 12, 10, 16, 0))
    assert ("oneonone.nudge", EMPLOYEE) not in later
