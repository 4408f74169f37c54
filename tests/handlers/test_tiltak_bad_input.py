"""Bad input to the tiltak forms through the real AsyncApp: a short reply in the caller's language with an example
that works as written, and nothing stored (no tiltak row, no outbox row, no counter used up).

The clock stands at Monday 30 November 2026, 10:00 in Oslo.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import select

from bot.app import Runtime
from handlers import ids
from handlers.parsing import CompleteTiltak, NewTiltak, parse_command
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from storage.db import make_session_factory
from storage.models import OutboxMessage
from storage.tiltak_models import Tiltak
from tests.conftest import EMPLOYEE, ENGLISH, MANAGER
from tests.driver import reply_text

BOT = "UBOTTY"
GONE = "UGONE"
LONG = "x" * 3001

# (caller, command text, what the reply must say). Each reply must also carry a usable example.
CASES: dict[str, tuple[str, str, str]] = {
    "empty text": (MANAGER, f"tiltak <@{EMPLOYEE}> innen fredag", "Tiltaket mangler tekst."),
    "empty text, English": (ENGLISH, f"action <@{EMPLOYEE}> by friday", "The action point has no text."),
    "text over 3000 characters": (MANAGER, f"tiltak <@{EMPLOYEE}> {LONG} innen fredag", "Teksten er for lang"),
    "text over 3000, English": (ENGLISH, f"action {LONG} by friday", "The text is too long"),
    "a bot": (MANAGER, f"tiltak <@{BOT}|robot> Svare på alt innen fredag", f"<@{BOT}> er en bot"),
    "a bot, English": (ENGLISH, f"action <@{BOT}> Answer all by friday", f"<@{BOT}> is a bot"),
    "a deactivated user": (MANAGER, f"tiltak <@{GONE}> Rydde innen fredag", f"<@{GONE}> er ikke lenger aktiv"),
    "an unknown user": (MANAGER, "tiltak <@UNOBODY> Rydde innen fredag", "<@UNOBODY> er ikke lenger aktiv"),
    "unparseable date": (MANAGER, f"tiltak <@{EMPLOYEE}> Rydde innen blåmandag", "Den fristen forsto jeg ikke."),
    "unparseable, English": (ENGLISH, f"action <@{EMPLOYEE}> Tidy up by someday", "I didn't understand that deadline"),
    "a time of day": (MANAGER, f"tiltak <@{EMPLOYEE}> Rydde innen fredag kl. 14", "Den fristen forsto jeg ikke."),
    "innen without a date": (MANAGER, f"tiltak <@{EMPLOYEE}> Rydde innen", "Du skrev `innen`, men ingen dato."),
    "past date": (MANAGER, f"tiltak <@{EMPLOYEE}> Rydde innen 27.11.2026", "Den datoen har allerede vært."),
    "past date, English": (ENGLISH, f"action <@{EMPLOYEE}> Tidy up by yesterday", "That date has already passed."),
    "date not in the calendar": (MANAGER, f"tiltak <@{EMPLOYEE}> Rydde innen 31.02", "finnes ikke i kalenderen"),
    "too far ahead": (MANAGER, f"tiltak <@{EMPLOYEE}> Rydde innen 1.1.2030", "mer enn to år fram i tid"),
    "two mentions": (MANAGER, f"tiltak <@{EMPLOYEE}> <@{ENGLISH}> Rydde innen fredag", "Nevn bare én person"),
    "two mentions, English": (ENGLISH, f"action <@{EMPLOYEE}> Tidy <@{MANAGER}> by friday", "Mention just one"),
    "no date at all": (MANAGER, f"tiltak <@{EMPLOYEE}> Rydde lageret", "Tiltaket trenger en frist."),
    "no date, English": (ENGLISH, "action Tidy the store", "An action point needs a deadline."),
    "ferdig without number": (MANAGER, "ferdig", "Skriv nummeret på tiltaket"),
    "ferdig with a word": (MANAGER, "ferdig abc", "Skriv nummeret på tiltaket"),
    "done without number, English": (ENGLISH, "done", "Give the number of the action point"),
    "ferdig with a superscript": (MANAGER, "ferdig ²", "Skriv nummeret på tiltaket"),
    "ferdig with a huge number": (MANAGER, "ferdig 99999999999999999999", "Skriv nummeret på tiltaket"),
    "ferdig with an unknown number": (MANAGER, "ferdig 999", "Fant ikke noe tiltak #999 hos deg."),
    "done with an unknown number, English": (ENGLISH, "done 999", "I found no action point #999 of yours."),
}

# Every example the bot gives in a reply, in backticks.
_EXAMPLE = re.compile(r"`([^`]+)`")
_DATE_WORDS = ("innen", "innan", "by")


@pytest.fixture(autouse=True)
def odd_users(fake: FakeSlack) -> None:
    """A bot and a deactivated member, known to the fake before the app looks anyone up."""
    fake.add_user(BOT, is_bot=True, real_name="Robot")
    fake.add_user(GONE, deleted=True, real_name="Sluttet Person")


async def count(rt: Runtime, table: type[Tiltak] | type[OutboxMessage]) -> int:
    async with make_session_factory(rt.engine)() as session:
        return int((await session.exec(select(func.count()).select_from(table))).one())


async def nothing_stored(rt: Runtime) -> bool:
    return await count(rt, Tiltak) == 0 and await count(rt, OutboxMessage) == 0


def assert_usable_example(text: str) -> None:
    """The reply shows how to do it right: a whole command that parses cleanly, or a date phrase like `innen 4.12`."""
    examples = _EXAMPLE.findall(text)
    assert examples, f"no example in: {text}"
    for example in examples:
        if example.startswith("/oppfolging "):
            parsed = parse_command(example.removeprefix("/oppfolging "))
            if isinstance(parsed, NewTiltak):
                assert (parsed.error, bool(parsed.text), bool(parsed.due_text)) == (None, True, True), example
            elif isinstance(parsed, CompleteTiltak):
                assert parsed.number is not None, example
    assert any(e.startswith("/oppfolging ") or e.split()[0] in _DATE_WORDS for e in examples), text


@pytest.mark.parametrize("case", sorted(CASES))
async def test_bad_command_is_explained_with_an_example_and_nothing_is_stored(
    case: str, slack: SlackSimulator, rt: Runtime, fake: FakeSlack
) -> None:
    caller, command, expected = CASES[case]
    response = await slack.command(caller, command)
    assert response.status == 200
    reply = slack.last_reply()
    assert reply.get("response_type", "ephemeral") == "ephemeral"
    text = reply_text(slack)
    assert expected in text
    assert_usable_example(text)
    assert await nothing_stored(rt)
    assert fake.calls_to("chat.postMessage") == []
    assert fake.calls_to("views.open") == []


async def test_bad_input_uses_no_number(slack: SlackSimulator, rt: Runtime) -> None:
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}> innen fredag")
    await slack.command(MANAGER, f"tiltak <@{BOT}> Svare innen fredag")
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}> Rydde innen fredag")
    assert "Tiltak #1 er registrert" in reply_text(slack)


async def test_nynorsk_caller_gets_nynorsk(slack: SlackSimulator, rt: Runtime) -> None:
    await slack.command(EMPLOYEE, "språk nn")
    await slack.command(EMPLOYEE, f"tiltak <@{BOT}> Svare innen fredag")
    text = reply_text(slack)
    assert f"<@{BOT}> er ein bot" in text
    assert_usable_example(text)
    assert await count(rt, Tiltak) == 0


def values(text: str | None, owner: str | None, due: str | None, note: str | None = None) -> dict[str, Any]:
    return {
        ids.TILTAK_TEXT_BLOCK: {ids.INPUT: {"type": "plain_text_input", "value": text}},
        ids.TILTAK_OWNER_BLOCK: {ids.INPUT: {"type": "users_select", "selected_user": owner}},
        ids.TILTAK_DUE_BLOCK: {ids.INPUT: {"type": "datepicker", "selected_date": due}},
        ids.TILTAK_NOTE_BLOCK: {ids.INPUT: {"type": "plain_text_input", "value": note}},
    }


# (submitted values, the block the error belongs on, what it says). Slack itself blocks some of these (required
# fields, max_length); a forged or replayed submission must still be refused.
MODAL_CASES: dict[str, tuple[dict[str, Any], str, str]] = {
    "empty text": (values("   ", EMPLOYEE, "2026-12-04"), ids.TILTAK_TEXT_BLOCK, "Tiltaket mangler tekst."),
    "text too long": (values(LONG, EMPLOYEE, "2026-12-04"), ids.TILTAK_TEXT_BLOCK, "Teksten er for lang"),
    "note too long": (values("Rydde", EMPLOYEE, "2026-12-04", LONG), ids.TILTAK_TEXT_BLOCK, "Teksten er for lang"),
    "a bot": (values("Rydde", BOT, "2026-12-04"), ids.TILTAK_OWNER_BLOCK, f"<@{BOT}> er en bot"),
    "deactivated": (values("Rydde", GONE, "2026-12-04"), ids.TILTAK_OWNER_BLOCK, "er ikke lenger aktiv"),
    "past date": (values("Rydde", EMPLOYEE, "2026-11-29"), ids.TILTAK_DUE_BLOCK, "har allerede vært"),
    "too far": (values("Rydde", EMPLOYEE, "2030-01-01"), ids.TILTAK_DUE_BLOCK, "mer enn to år fram i tid"),
    "no date": (values("Rydde", EMPLOYEE, None), ids.TILTAK_DUE_BLOCK, "trenger en frist"),
    "garbled date": (values("Rydde", EMPLOYEE, "2026-13-45"), ids.TILTAK_DUE_BLOCK, "trenger en frist"),
}


@pytest.mark.parametrize("case", sorted(MODAL_CASES))
async def test_bad_modal_submission_gets_errors_on_its_field_and_nothing_is_stored(
    case: str, slack: SlackSimulator, rt: Runtime, fake: FakeSlack
) -> None:
    submitted, block, expected = MODAL_CASES[case]
    await slack.command(MANAGER, "tiltak")
    view = fake.calls_to("views.open")[-1].args["view"]
    response = await slack.submit(MANAGER, view, submitted)
    assert response.status == 200
    body = response.json()
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {block}
    assert expected in body["errors"][block]
    assert await nothing_stored(rt)


async def test_bad_modal_submission_in_english(slack: SlackSimulator, rt: Runtime, fake: FakeSlack) -> None:
    await slack.command(ENGLISH, "action")
    view = fake.calls_to("views.open")[-1].args["view"]
    body = (await slack.submit(ENGLISH, view, values("Tidy", EMPLOYEE, "2026-11-29"))).json()
    assert body["errors"] == {ids.TILTAK_DUE_BLOCK: body["errors"][ids.TILTAK_DUE_BLOCK]}
    assert "That date has already passed." in body["errors"][ids.TILTAK_DUE_BLOCK]
    assert await nothing_stored(rt)
