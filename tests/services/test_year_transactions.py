"""The conversation year and the sick-leave follow-up make no Slack call while a database transaction is open
(issue 11, item 6, for issue 17's intents): commands, buttons, forms and a month of sweeps are watched as in
`test_no_slack_in_transactions`; and each storage module's deletion hook removes a person's rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.app import Runtime
from bot.clock import ManualClock
from handlers import ids
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from storage import sickleave_repo, year_repo
from storage.db import make_session_factory
from storage.erase_repo import erase_person
from storage.person_data import person_data_registry
from tests.conftest import EMPLOYEE, MANAGER, oslo
from tests.handlers.year_helpers import accepted_pair, button_value, click_for_modal, dms_of_kind

ADMIN = "UANNE"


async def test_the_year_makes_no_slack_call_inside_a_transaction_and_deletion_removes_a_persons_rows(
    slack: SlackSimulator, rt: Runtime, fake: FakeSlack, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.add_user(ADMIN, is_admin=True, real_name="Anne Admin")
    await accepted_pair(slack, rt, fake, MANAGER, EMPLOYEE)
    held: list[tuple[str, int]] = []
    answer = fake.answer

    def watching(method: str, args: dict[str, Any]) -> Any:
        held.append((method, rt.engine.sync_engine.pool.checkedout()))  # type: ignore[attr-defined]
        return answer(method, args)

    monkeypatch.setattr(fake, "answer", watching)
    await slack.command(ADMIN, "admin fravær på")
    await slack.command(MANAGER, f"medarbeidersamtale <@{EMPLOYEE}> 10.12")
    await slack.command(MANAGER, f"ny <@{EMPLOYEE}> start 1.12 prøvetid 2 måneder")
    await slack.command(MANAGER, f"ny <@{EMPLOYEE}> forleng 15.2")
    await slack.command(MANAGER, f"fravær <@{EMPLOYEE}> fra 30.11")
    while not dms_of_kind(
        fake, EMPLOYEE, ids.YEAR_PREPARE
    ):  # the invitation goes at once: 10.12 is less than 14 days ahead
        await rt.services.outbox.send_due_messages()
        clock.advance(timedelta(hours=4))
    talk = button_value(dms_of_kind(fake, EMPLOYEE, ids.YEAR_PREPARE)[0], ids.YEAR_PREPARE)
    form = await click_for_modal(slack, EMPLOYEE, ids.YEAR_PREPARE, talk)
    assert form is not None
    await slack.submit(EMPLOYEE, form, {})
    await slack.click(EMPLOYEE, ids.YEAR_SHARE, value=talk)
    for day in range(1, 31):  # a month of daily sweeps in office hours: every message of the year goes out in one
        clock.set(oslo(2026, 11, 30, 10) + timedelta(days=day))
        await rt.services.outbox.send_due_messages()
    reminders = dms_of_kind(fake, MANAGER, ids.SICKLEAVE_DONE)
    assert reminders
    await slack.click(MANAGER, ids.SICKLEAVE_DONE, value=button_value(reminders[0], ids.SICKLEAVE_DONE))

    methods = {method for method, _ in held}
    assert {"chat.postMessage", "views.open"} <= methods
    assert [(method, count) for method, count in held if count] == []

    # `admin slett` erases by the registry (storage.person_data): the year's tables are in it.
    async with make_session_factory(rt.engine)() as session:
        await erase_person(session, person_data_registry(), team_id="T0001", user_id=EMPLOYEE, token="gone")
        await session.commit()
    async with make_session_factory(rt.engine)() as session:
        assert await year_repo.talks_of(session, team_id="T0001", user_id=MANAGER) == []
        assert await sickleave_repo.cases_of(session, team_id="T0001", user_id=MANAGER) == []
        assert await year_repo.list_probations(session) == []
