"""The request path under stress (issue 11, item 6), through the real AsyncApp over signed HTTP.

- A replayed signed request (the same body and signature within Slack's 5 minutes) has no second effect.
- Missing signature headers get 401, a malformed timestamp 400; neither leaves a traceback in the log.
- 20 new users each opening Home and sending a command at the same moment all get their Home and their reply.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import threading
import time
from urllib.parse import urlencode

import aiohttp
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import select

from bot.app import Runtime
from bot.i18n import get_translator
from handlers import ids
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from storage.db import transaction
from storage.models import Person
from storage.tiltak_models import Tiltak
from tests.conftest import EMPLOYEE, MANAGER, TEAM

FORM = "application/x-www-form-urlencoded"


def command_body(user_id: str, text: str, fake: FakeSlack, name: str) -> str:
    return urlencode(
        {
            "team_id": TEAM,
            "channel_id": "C0GENERAL",
            "user_id": user_id,
            "command": "/oppfolging",
            "text": text,
            "api_app_id": "A0001",
            "response_url": fake.response_url(name),
            "trigger_id": f"trigger.{name}",
        }
    )


async def tiltak_count(rt: Runtime) -> int:
    async with transaction(rt.services.deps.sessions) as session:
        return len((await session.exec(select(Tiltak))).all())


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.exc_info or "Traceback" in record.getMessage()]


async def test_a_replayed_slash_command_creates_nothing_more(
    slack: SlackSimulator, rt: Runtime, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    body = command_body(MANAGER, f"tiltak <@{EMPLOYEE}> Oppdatere planen innen fredag", fake, "replayed")
    stamp = int(time.time())

    first = await slack.post(body, content_type=FORM, timestamp=stamp)
    again = await slack.post(body, content_type=FORM, timestamp=stamp)

    assert (first.status, again.status) == (200, 200)
    assert await tiltak_count(rt) == 1
    assert len(fake.responses_to("replayed")) == 1
    assert tracebacks(caplog) == []


async def test_the_same_words_sent_again_as_a_new_request_do_act(slack: SlackSimulator, rt: Runtime) -> None:
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}> Oppdatere planen innen fredag")
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}> Oppdatere planen innen fredag")

    assert await tiltak_count(rt) == 2  # two deliberate commands are two tiltak; only a replay is dropped


async def test_a_replayed_view_submission_has_no_second_effect(slack: SlackSimulator, rt: Runtime) -> None:
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM, "domain": "example"},
        "api_app_id": "A0001",
        "user": {"id": MANAGER, "team_id": TEAM},
        "trigger_id": "trigger.modal",
        "view": {
            "id": "VREPLAY",
            "type": "modal",
            "callback_id": ids.TILTAK_MODAL,
            "private_metadata": "",
            "state": {
                "values": {
                    ids.TILTAK_TEXT_BLOCK: {ids.INPUT: {"type": "plain_text_input", "value": "Lese rapporten"}},
                    ids.TILTAK_DUE_BLOCK: {ids.INPUT: {"type": "datepicker", "selected_date": "2026-12-04"}},
                }
            },
            "hash": "h",
        },
    }
    body = urlencode({"payload": json.dumps(payload)})
    stamp = int(time.time())
    before = await tiltak_count(rt)

    first = await slack.post(body, content_type=FORM, timestamp=stamp)
    created = await tiltak_count(rt) - before
    again = await slack.post(body, content_type=FORM, timestamp=stamp)

    assert (first.status, again.status, created) == (200, 200, 1)
    assert await tiltak_count(rt) - before == 1


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"X-Slack-Signature": "v0=abc"}, 401),
        ({"X-Slack-Request-Timestamp": "1700000000"}, 401),
        ({"X-Slack-Request-Timestamp": "not-a-number", "X-Slack-Signature": "v0=abc"}, 400),
        ({"X-Slack-Request-Timestamp": "", "X-Slack-Signature": "v0=abc"}, 401),
        ({"X-Slack-Request-Timestamp": "1e9", "X-Slack-Signature": "v0=abc"}, 400),
        ({"X-Slack-Request-Timestamp": "99999999999999999999999", "X-Slack-Signature": "v0=abc"}, 400),
        ({"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=forged"}, 401),
    ],
)
async def test_missing_or_malformed_signature_headers_are_refused_without_a_traceback(
    slack: SlackSimulator, headers: dict[str, str], status: int, caplog: pytest.LogCaptureFixture
) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.post(slack.events_url, data=b"command=%2Foppfolging", headers={"Content-Type": FORM, **headers}) as r,
    ):
        assert r.status == status
    assert tracebacks(caplog) == []


async def test_twenty_new_users_opening_home_and_commanding_at_once_all_get_answers(
    slack: SlackSimulator, rt: Runtime, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    newcomers = [f"UNEW{n:02d}" for n in range(20)]
    for user in newcomers:
        fake.add_user(user)

    async def first_contact(user: str) -> tuple[int, int]:
        home, command = await asyncio.gather(slack.open_home(user), slack.command(user, "hjelp"))
        return home.status, command.status

    statuses = await asyncio.gather(*(first_contact(user) for user in newcomers))

    assert set(statuses) == {(200, 200)}
    published = {call.args.get("user_id") for call in fake.calls_to("views.publish") if call.ok}
    assert published >= set(newcomers)
    assert sum(1 for entry in fake.responses if entry["name"].startswith("cmd")) == 20
    async with transaction(rt.services.deps.sessions) as session:
        people = {p.user_id for p in (await session.exec(select(Person))).all()}
    assert people >= set(newcomers)
    assert tracebacks(caplog) == []


async def test_a_modal_submit_while_another_writer_holds_the_database_is_acked_and_saved_once(
    slack: SlackSimulator, rt: Runtime, fake: FakeSlack, engine: AsyncEngine
) -> None:
    """Another writer holds SQLite's write lock for 5 seconds: the submit is acked (Bolt would answer 404 after
    3 s without an ack, and this test would see it), then the tiltak is saved once and the modal shows it."""
    path = str(engine.url.database)
    holding = threading.Event()

    def hold_the_write_lock() -> None:
        connection = sqlite3.connect(path, timeout=30)
        connection.execute("BEGIN IMMEDIATE")
        holding.set()
        time.sleep(5)
        connection.commit()
        connection.close()

    await slack.click(MANAGER, ids.TILTAK_NEW, value="new", container={"type": "view", "view_id": "VHOME"})
    opened = fake.calls_to("views.open")[-1].response["view"]
    writer = threading.Thread(target=hold_the_write_lock)
    writer.start()
    await asyncio.to_thread(holding.wait)
    values = {
        ids.TILTAK_TEXT_BLOCK: {ids.INPUT: {"type": "plain_text_input", "value": "Lese rapporten"}},
        ids.TILTAK_DUE_BLOCK: {ids.INPUT: {"type": "datepicker", "selected_date": "2026-12-04"}},
    }

    submitted = {**opened, "state": {"values": values}}
    response = await slack.interact(
        {"type": "view_submission", "user": {"id": MANAGER, "team_id": TEAM}, "view": submitted}
    )
    await asyncio.to_thread(writer.join)

    assert response.status == 200
    assert response.json()["response_action"] == "update"
    assert await tiltak_count(rt) == 1
    (update,) = [call for call in fake.calls_to("views.update") if call.ok]
    assert update.args["view"]["title"]["text"] == get_translator("nb").t("tiltak.modal_saved_title")
