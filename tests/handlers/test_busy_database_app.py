"""Modal submits while another writer holds the database (issue 11, item 6), through the real AsyncApp.

Another process holds SQLite's write lock for longer than Slack waits for an ack. Every modal submit must still be
acked in time (Bolt answers 404 after 3 s without one, and these tests would see it), with a "saving" window,
and its work must be done exactly once, so that nobody has a reason to submit again ("fails but saves"). The
tiltak form has its own test in `test_request_path.py`; here the weekly pulse answer (the most frequent submit)
and the confirmed deletion (the heaviest write there is).
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import Runtime
from bot.clock import ManualClock
from bot.i18n import get_translator
from handlers import budget
from handlers.blocks.plaintext import blocks_as_text
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from tests.conftest import EMPLOYEE
from tests.handlers.test_privacy_admin_app import ADMIN, a_workplace, rows_naming
from tests.pulse_helpers import (
    KARIS_TEAM,
    MANAGER,
    WEDNESDAY,
    add_people,
    join_team,
    modal_values,
    open_modal,
    pulse_dms,
    round_of,
    stored,
    sweep_at,
)

ACK_BUDGET = 0.4
"""The handlers' ack budget in these tests (1.5 s in the product). The rule does not depend on its size, so a
shorter one makes each test a second shorter; `test_request_path.py` keeps the real one against Bolt's 3 s."""
HOLD = 1.5
"""Seconds the other writer holds the lock: past the replay check's 0.5 s and the ack budget together."""


@pytest.fixture(autouse=True)
def _people(fake: FakeSlack) -> None:
    add_people(fake)


@pytest.fixture(autouse=True)
def _short_ack_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "ACK_BUDGET", ACK_BUDGET)


@asynccontextmanager
async def another_writer_holds(engine: AsyncEngine) -> AsyncIterator[None]:
    """Another connection takes SQLite's write lock and keeps it for `HOLD` seconds of real time."""
    holding = threading.Event()

    def hold() -> None:
        connection = sqlite3.connect(str(engine.url.database), timeout=30)
        connection.execute("BEGIN IMMEDIATE")
        holding.set()
        time.sleep(HOLD)
        connection.commit()
        connection.close()

    writer = threading.Thread(target=hold)
    writer.start()
    await asyncio.to_thread(holding.wait)
    try:
        yield
    finally:
        await asyncio.to_thread(writer.join)


async def updates(fake: FakeSlack) -> list[Any]:
    """The `views.update` calls once the work after the ack has ended (it ends soon after the lock is let go)."""
    for _ in range(200):
        done = [call for call in fake.calls_to("views.update") if call.ok]
        if done:
            return done
        await asyncio.sleep(0.05)
    return []


def saving_text(lang: str = "nb") -> str:
    return get_translator(lang).t("delivery.saving")


async def test_a_pulse_answer_while_the_database_is_busy_is_acked_saving_and_counted_once(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack, engine: AsyncEngine
) -> None:
    await join_team(rt, MANAGER, KARIS_TEAM)
    await sweep_at(rt, clock, WEDNESDAY)
    await open_modal(slack, fake, EMPLOYEE, round_of(pulse_dms(fake, EMPLOYEE)[0]))
    view = fake.calls_to("views.open")[-1].response["view"]  # as Slack sends it back: with its id

    async with another_writer_holds(engine):
        response = await slack.submit(EMPLOYEE, view, modal_values(view, (4, 4, 4)))
        acked: dict[str, Any] = response.json()
        assert response.status == 200
        assert acked["response_action"] == "update"
        assert saving_text() in blocks_as_text(acked["view"]["blocks"])
    (update,) = await updates(fake)
    assert get_translator("nb").t("pulse.thanks_title") == update.args["view"]["title"]["text"]
    (tally,) = (await stored(rt))[1]
    assert tally.n == 1


async def test_a_missing_score_while_the_database_is_busy_gets_its_error_in_the_ack_and_stores_nothing(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack, engine: AsyncEngine
) -> None:
    """Validation needs no write (SQLite's readers do not wait for a writer), so the error still goes next to
    the question, in time, and the form stays open."""
    await join_team(rt, MANAGER, KARIS_TEAM)
    await sweep_at(rt, clock, WEDNESDAY)
    await open_modal(slack, fake, EMPLOYEE, round_of(pulse_dms(fake, EMPLOYEE)[0]))
    view = fake.calls_to("views.open")[-1].response["view"]

    async with another_writer_holds(engine):
        response = await slack.submit(EMPLOYEE, view, modal_values(view, (4, None, 4)))
        acked: dict[str, Any] = response.json()
        assert response.status == 200
        assert acked["response_action"] == "errors"
        assert list(acked["errors"].values()) == [get_translator("nb").t("pulse.problem_missing")]

    assert [call for call in fake.calls_to("views.update") if call.ok] == []
    assert [tally.n for tally in (await stored(rt))[1]] in ([], [0])


async def test_a_confirmed_deletion_while_the_database_is_busy_is_acked_saving_and_done_once(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack, engine: AsyncEngine
) -> None:
    """The heaviest submit: `admin slett` erases a person everywhere. Acked in time with "saving"; the window then
    says it is done, and every row about the person is gone."""
    await a_workplace(slack, rt, clock)
    await slack.command(ADMIN, f"admin slett <@{EMPLOYEE}|ola>")
    modal = fake.calls_to("views.open")[-1].response["view"]

    async with another_writer_holds(engine):
        response = await slack.submit(ADMIN, modal, {})
        acked: dict[str, Any] = response.json()
        assert response.status == 200
        assert saving_text() in blocks_as_text(acked["view"]["blocks"])

    (update,) = await updates(fake)
    assert "er slettet" in blocks_as_text(update.args["view"]["blocks"])
    assert await rows_naming(rt, EMPLOYEE) == []
