"""Consent from Slack: the Godta / Avslå buttons of a manager request, and `admin leder <@X> <@Y>`.

The request id in a button is checked by the service against the clicker: someone else's request, or one already
answered, looks like nothing is there.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.contract.consent import Outcome
from handlers.blocks.consent import admin_reply_text, answer_reply_text
from handlers.blocks.me import build_text_reply
from handlers.context import Caller, services_of, team_of
from handlers.home import publish_home
from handlers.parsing_consent import SetManager


async def _answer(
    body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond, client: AsyncWebClient, *, accept: bool
) -> None:
    services, team_id = services_of(context), team_of(context, body)
    user_id = str(body["user"]["id"])
    request_id = str(body["actions"][0].get("value") or "")[:32]
    result = await services.consent.answer_manager_request(
        team_id=team_id, user_id=user_id, request_id=request_id, accept=accept
    )
    text = answer_reply_text(result)
    if body.get("response_url"):
        # From the DM: an answered request replaces it; a stale or foreign click gets a private note instead.
        await respond(text=text, blocks=build_text_reply(text), replace_original=result.outcome != Outcome.NOT_FOUND)
    await publish_home(services, client, team_id=team_id, user_id=user_id)


async def handle_accept(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond, client: AsyncWebClient
) -> None:
    await ack()
    await _answer(body, context, respond, client, accept=True)


async def handle_decline(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond, client: AsyncWebClient
) -> None:
    await ack()
    await _answer(body, context, respond, client, accept=False)


async def set_manager(parsed: SetManager, caller: Caller) -> None:
    """`admin leder <@X> <@Y>`, after the ack."""
    result = await caller.services.consent.set_manager_as_admin(
        team_id=caller.team_id, admin_id=caller.user_id, manager_id=parsed.manager_id, employee_id=parsed.employee_id
    )
    text = admin_reply_text(result)
    await caller.respond(text=text, blocks=build_text_reply(text))
