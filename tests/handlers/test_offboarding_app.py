"""Offboarding and a removed app through the real app (issue 13, item 2).

Kari (UKARI) manages Ola (UOLA) with weekly 1:1s; Ola owns a tiltak Kari follows up, and follows up one Per
(UPER) owns. Then Slack deactivates Ola: by a `user_change` event (sent twice, as Slack retries), by `users.info`
when a message to Ola is due, or by a send answered `account_inactive`. Whichever comes first, Ola gets nothing
more, Kari and Per are told once, the 1:1s end and Ola leaves the team.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import col, select

from bot.app import Runtime
from bot.clock import ManualClock
from bot.core.persons import load_view
from sim.driver import SlackSimulator
from storage.db import transaction
from storage.oneonone_models import OneOnOnePair, TeamMember
from storage.privacy_models import AuditEntry
from storage.tiltak_models import Tiltak
from tests.conftest import COLLEAGUE, EMPLOYEE, MANAGER, NOW, TEAM, oslo
from tests.consent_helpers import accept_in_home
from tests.driver import dm_text, dms, sweep_at

GONE = "er ikke lenger aktiv"


async def setup_team(slack: SlackSimulator, rt: Runtime, clock: ManualClock) -> None:
    await slack.command(MANAGER, f"1til1 <@{EMPLOYEE}|ola> ukentlig torsdag kl. 10:00")
    await accept_in_home(slack, slack.fake, EMPLOYEE)
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> Oppdatere opplæringsplanen innen fredag")
    await slack.command(EMPLOYEE, f"tiltak <@{COLLEAGUE}|per> Sjekke tilgangene innen fredag")
    await sweep_at(rt, clock, NOW)


def user_change(user_id: str) -> dict[str, object]:
    return {"type": "user_change", "user": {"id": user_id, "team_id": TEAM, "deleted": True, "is_bot": False}}


async def a_week_of_sweeps(rt: Runtime, clock: ManualClock) -> list[tuple[str, str]]:
    sent: list[tuple[str, str]] = []
    for instant in (oslo(2026, 12, 1, 9), oslo(2026, 12, 3, 9), oslo(2026, 12, 3, 10), oslo(2026, 12, 4, 9)):
        sent += await sweep_at(rt, clock, instant)
    sent += await sweep_at(rt, clock, oslo(2026, 12, 8, 9))
    return sent


async def assert_offboarded_once(slack: SlackSimulator, rt: Runtime, before: int) -> None:
    fake = slack.fake
    assert len(dms(fake, EMPLOYEE)) == before, "nothing more reaches the deactivated person"
    for told in (MANAGER, COLLEAGUE):
        notices = [dm_text(call) for call in dms(fake, told) if GONE in dm_text(call)]
        assert len(notices) == 1, f"{told} is told once"
        assert f"<@{EMPLOYEE}>" in notices[0]
    async with transaction(rt.services.deps.sessions) as session:
        pairs = (await session.exec(select(OneOnOnePair).where(col(OneOnOnePair.employee_id) == EMPLOYEE))).all()
        assert [pair.active for pair in pairs] == [False]
        assert await session.get(TeamMember, (TEAM, EMPLOYEE)) is None
        tiltak = {t.owner_id: t.status for t in (await session.exec(select(Tiltak))).all()}
        assert tiltak == {EMPLOYEE: "cancelled", COLLEAGUE: "open"}  # Per keeps his own
        audit = (await session.exec(select(AuditEntry.action).where(col(AuditEntry.subject_id) == EMPLOYEE))).all()
        assert list(audit).count("person.offboarded") == 1


async def test_user_change_offboards_once(slack: SlackSimulator, rt: Runtime, clock: ManualClock) -> None:
    await setup_team(slack, rt, clock)
    slack.fake.users[EMPLOYEE].deleted = True
    before = len(dms(slack.fake, EMPLOYEE))
    for retry in (None, 1):
        response = await slack.event(user_change(EMPLOYEE), retry_num=retry)
        assert response.status == 200
    sent = await a_week_of_sweeps(rt, clock)
    assert all(recipient != EMPLOYEE for _kind, recipient in sent)
    await assert_offboarded_once(slack, rt, before)


@pytest.mark.parametrize("found_by", ["users.info", "account_inactive"])
async def test_delivery_finds_the_deactivated_user(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, found_by: str
) -> None:
    await setup_team(slack, rt, clock)
    slack.fake.users[EMPLOYEE].deleted = True
    before = len(dms(slack.fake, EMPLOYEE))
    if found_by == "account_inactive":
        # Ola's profile was read minutes ago, so the send itself finds out.
        await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> Rydde skrivebordet innen fredag")
        await sweep_at(rt, clock, NOW + timedelta(minutes=5))
    await a_week_of_sweeps(rt, clock)
    await slack.event(user_change(EMPLOYEE))  # a late event changes nothing
    await sweep_at(rt, clock, oslo(2026, 12, 8, 10))
    await assert_offboarded_once(slack, rt, before)


async def test_app_uninstalled_stops_delivery_until_reinstalled(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock
) -> None:
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> Oppdatere opplæringsplanen innen fredag")
    for _retry in range(2):
        await slack.event({"type": "app_uninstalled"})
    assert await sweep_at(rt, clock, NOW) == []
    assert await sweep_at(rt, clock, NOW + timedelta(hours=3)) == []
    async with transaction(rt.services.deps.sessions) as session:
        actions = list((await session.exec(select(AuditEntry.action))).all())
    assert actions.count("workspace.stopped") == 1

    await slack.command(MANAGER, "liste")  # the workspace installed the app again and uses it
    sent = await sweep_at(rt, clock, NOW + timedelta(hours=4))
    assert ("tiltak.created", EMPLOYEE) in sent


async def test_tokens_revoked_stops_only_for_the_bot_token(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock
) -> None:
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> Oppdatere opplæringsplanen innen fredag")
    await slack.event({"type": "tokens_revoked", "tokens": {"oauth": ["UOLA"]}})
    assert ("tiltak.created", EMPLOYEE) in await sweep_at(rt, clock, NOW)
    await slack.command(MANAGER, f"tiltak <@{COLLEAGUE}|per> Sjekke tilgangene innen fredag")
    await slack.event({"type": "tokens_revoked", "tokens": {"bot": ["UBOT"]}})
    assert await sweep_at(rt, clock, NOW + timedelta(minutes=1)) == []


async def test_a_reactivated_user_is_offboarded_again_after_a_new_deactivation(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock
) -> None:
    await setup_team(slack, rt, clock)
    await slack.event(user_change(EMPLOYEE))
    await slack.event({"type": "user_change", "user": {"id": EMPLOYEE, "team_id": TEAM, "deleted": False}})
    await slack.event({"type": "user_change", "user": {"id": COLLEAGUE, "team_id": TEAM, "deleted": False}})
    async with transaction(rt.services.deps.sessions) as session:
        assert not (await load_view(session, rt.services.deps, team_id=TEAM, user_id=EMPLOYEE)).deleted
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> Nytt tiltak innen fredag")
    clock.advance(timedelta(minutes=1))
    await slack.event(user_change(EMPLOYEE))
    await sweep_at(rt, clock, NOW + timedelta(minutes=5))
    told = [call for call in dms(slack.fake, MANAGER) if GONE in dm_text(call)]
    assert len(told) == 2  # once per deactivation
