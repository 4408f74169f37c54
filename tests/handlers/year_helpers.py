"""Shared by the conversation-year tests: set up an accepted pair, click buttons in DMs, read modals."""

from __future__ import annotations

from typing import Any

from bot.app import Runtime
from handlers.blocks.plaintext import blocks_as_text
from sim.driver import SlackSimulator
from sim.fake_slack import Call, FakeSlack
from tests.consent_helpers import accept
from tests.driver import dms, is_private_reply, text_of


async def reply_to(slack: SlackSimulator, user_id: str, text: str) -> str:
    response = await slack.command(user_id, text)
    assert response.status == 200
    reply = slack.last_reply()
    assert is_private_reply(reply)
    return text_of(reply)


async def accepted_pair(slack: SlackSimulator, rt: Runtime, fake: FakeSlack, manager: str, employee: str) -> None:
    """`1til1` by the manager, accepted by the employee through the consent request."""
    await reply_to(slack, manager, f"1til1 <@{employee}>")
    await accept(slack, rt, fake, employee)


def dms_of_kind(fake: FakeSlack, user_id: str, action_id: str) -> list[Call]:
    """The DMs to `user_id` that hold a button `action_id`."""
    found = []
    for call in dms(fake, user_id):
        for block in call.args.get("blocks") or []:
            if any(e.get("action_id") == action_id for e in block.get("elements", [])):
                found.append(call)
                break
    return found


def button_value(call: Call, action_id: str) -> str:
    for block in call.args.get("blocks") or []:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return str(element["value"])
    raise AssertionError(f"no {action_id} button")


async def click_for_modal(slack: SlackSimulator, user_id: str, action_id: str, value: str) -> dict[str, Any] | None:
    """Click a button; the modal it opened, or None when none opened."""
    before = len(slack.fake.calls_to("views.open"))
    assert (await slack.click(user_id, action_id, value=value)).status == 200
    opened = slack.fake.calls_to("views.open")
    return opened[-1].args["view"] if len(opened) > before else None


def modal_text(view: dict[str, Any]) -> str:
    return blocks_as_text(view["blocks"])


def text_value(value: str | None) -> dict[str, Any]:
    return {"value": {"type": "plain_text_input", "value": value}}


def select_value(value: str) -> dict[str, Any]:
    return {"value": {"type": "static_select", "selected_option": {"value": value}}}


def date_value(value: str | None) -> dict[str, Any]:
    return {"value": {"type": "datepicker", "selected_date": value}}
