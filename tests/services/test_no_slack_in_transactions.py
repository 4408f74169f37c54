"""No Slack Web API call while a database transaction is open, anywhere (issue 11, item 6).

The fake Slack runs in the test's event loop, so when a call arrives it can look at the engine's pool: a
connection checked out at that moment means the caller holds a transaction while it waits for Slack (with a
slow Slack, that blocks every other writer). A scenario drives commands, buttons, Home and two weeks of sweeps.
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
from tests.conftest import COLLEAGUE, EMPLOYEE, ENGLISH, MANAGER, NEW_YORK, NOW


async def test_no_slack_call_is_made_inside_a_database_transaction(
    slack: SlackSimulator, rt: Runtime, fake: FakeSlack, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    held: list[tuple[str, int]] = []
    answer = fake.answer

    def watching(method: str, args: dict[str, Any]) -> Any:
        held.append((method, rt.engine.sync_engine.pool.checkedout()))  # type: ignore[attr-defined]
        return answer(method, args)

    monkeypatch.setattr(fake, "answer", watching)

    await slack.command(MANAGER, f"1til1 <@{EMPLOYEE}> ukentlig torsdag kl. 10:00")
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}> Oppdatere opplæringsplanen innen fredag")
    await slack.command(MANAGER, f"team legg-til <@{EMPLOYEE}> <@{COLLEAGUE}> <@{ENGLISH}> <@{NEW_YORK}>")
    await slack.command(MANAGER, "digest <#CTEAM>")
    await slack.command(EMPLOYEE, "liste")
    await slack.command(EMPLOYEE, "status")
    await slack.open_home(EMPLOYEE)
    await slack.open_home(MANAGER)
    # Personvern (issue 13): export, the admin commands, a deletion request and an offboarding.
    fake.add_user("UANNE", is_admin=True)
    await slack.command(EMPLOYEE, "mine-data")
    await slack.command("UANNE", f"admin eksport <@{EMPLOYEE}>")
    await slack.command("UANNE", "admin logg")
    await slack.command("UANNE", f"admin slett <@{NEW_YORK}>")
    await slack.submit("UANNE", fake.calls_to("views.open")[-1].args["view"], {})
    await slack.click(EMPLOYEE, ids.HOME_DELETE_REQUEST, value="", container={"type": "view"})
    await slack.event({"type": "user_change", "user": {"id": COLLEAGUE, "deleted": True}})
    for day in range(1, 15):  # two weeks of daily sweeps in office hours: everything planned goes out in one
        clock.set(NOW + timedelta(days=day))
        await rt.services.outbox.send_due_messages()

    assert clock.now() > NOW + timedelta(days=13)
    assert len({method for method, _ in held}) >= 4  # users.info, chat.postMessage, views.publish, …
    assert [(method, count) for method, count in held if count] == []
