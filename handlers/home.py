"""App Home: publish the Home view when it is opened, and the Home buttons (language, pause, help)."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.container import Services
from handlers.blocks.help import build_help
from handlers.blocks.home import build_home
from handlers.blocks.modals import build_info_modal
from handlers.context import services_of, team_of


async def publish_home(
    services: Services, client: AsyncWebClient, *, team_id: str, user_id: str, refresh: bool = True
) -> None:
    """Build and publish a person's Home view (after anything that changes what it shows)."""
    state = await services.home.home_state(team_id=team_id, user_id=user_id, refresh=refresh)
    await client.views_publish(user_id=user_id, view=build_home(state))


async def handle_home_opened(event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient) -> None:
    if event.get("tab", "home") != "home":
        return
    await publish_home(services_of(context), client, team_id=team_of(context), user_id=str(event["user"]))


async def handle_home_language(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    services = services_of(context)
    team_id, user_id = team_of(context, body), str(body["user"]["id"])
    selected = body["actions"][0].get("selected_option") or {}
    await services.people.choose_language(team_id=team_id, user_id=user_id, lang=selected.get("value"))
    await publish_home(services, client, team_id=team_id, user_id=user_id)


async def handle_home_pause(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    services = services_of(context)
    team_id, user_id = team_of(context, body), str(body["user"]["id"])
    await services.people.pause(team_id=team_id, user_id=user_id, until_text=None)
    await publish_home(services, client, team_id=team_id, user_id=user_id)


async def handle_home_resume(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    services = services_of(context)
    team_id, user_id = team_of(context, body), str(body["user"]["id"])
    await services.people.resume(team_id=team_id, user_id=user_id)
    await publish_home(services, client, team_id=team_id, user_id=user_id)


async def handle_home_help(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    # The person row is normally fresh here (Home was just opened), so this is a database read.
    services = services_of(context)
    lang = await services.people.language_of(team_id=team_of(context, body), user_id=str(body["user"]["id"]))
    await client.views_open(trigger_id=body["trigger_id"], view=build_info_modal(lang, build_help(lang=lang)))
