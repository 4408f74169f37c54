"""`/oppfolging status` (issue 11, item 1): failed-for-good messages and why, to whom it concerns.

Kari manages Ola (1:1s). A message to Ola fails for good (his account is deactivated, so he is offboarded and
leaves Kari's team: Kari is told in a DM); one to Per fails as Slack kept failing until its deadline. Per sees his
own; an admin sees both; nobody sees any message content.
"""

from __future__ import annotations

from datetime import timedelta

from bot.app import Runtime
from bot.clock import ManualClock
from handlers.blocks.plaintext import blocks_as_text
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from storage import team_repo
from storage.db import transaction
from tests.conftest import COLLEAGUE, EMPLOYEE, MANAGER, NOW, TEAM
from tests.driver import dm_text, dms
from tests.services.test_outbox_service import POST, ping, register, sweep


async def status_of(slack: SlackSimulator, user: str) -> str:
    await slack.command(user, "status")
    return blocks_as_text(slack.last_reply()["blocks"])


async def test_failed_messages_are_shown_with_the_reason_to_those_concerned(
    slack: SlackSimulator, rt: Runtime, fake: FakeSlack, clock: ManualClock
) -> None:
    # Ola has accepted Kari as his manager (consent itself is tested in test_consent_app).
    async with transaction(rt.services.deps.sessions) as session:
        await team_repo.set_manager(
            session, team_id=TEAM, employee_id=EMPLOYEE, manager_id=MANAGER, added_by=MANAGER, now=NOW
        )
    fake.add_user("UADMIN", is_admin=True)
    register(rt, ping("gone", to=EMPLOYEE), ping("late", to=COLLEAGUE, expires_at=NOW + timedelta(hours=2)))
    fake.fail_next(POST, status=200, error="account_inactive")
    fake.fail_next(POST, status=503, times=10**6)
    while clock.now() < NOW + timedelta(hours=3):
        await sweep(rt)
        clock.advance(timedelta(minutes=10))
    fake.heal()
    clock.advance(timedelta(minutes=30))
    await sweep(rt)

    kari, per, admin = [await status_of(slack, user) for user in (MANAGER, COLLEAGUE, "UADMIN")]

    # account_inactive offboards Ola (issue 13): he leaves Kari's team, so Kari is told once in a DM instead, and
    # his failed message is the admin's to see.
    assert f"<@{EMPLOYEE}>" not in kari
    assert any("er ikke lenger aktiv" in dm_text(call) for call in dms(fake, MANAGER))
    assert "personen er ikke lenger i Slack" in admin
    assert f"<@{COLLEAGUE}>" not in kari
    assert "Slack svarte ikke før fristen for meldingen" in per
    assert f"<@{EMPLOYEE}>" not in per
    assert f"<@{EMPLOYEE}>" in admin
    assert f"<@{COLLEAGUE}>" in admin
    assert "Gjelder hele Slack-arbeidsområdet" in admin


async def test_nothing_failed_says_so(slack: SlackSimulator) -> None:
    assert "Ingen meldinger har feilet de siste 30 dagene." in await status_of(slack, EMPLOYEE)
