"""Getting the services and the caller out of a Bolt request context."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.container import Services

SERVICES_KEY = "services"


@dataclass(frozen=True)
class Caller:
    """Who typed `/oppfolging`, and how to answer them: what every command handler gets after the ack."""

    services: Services
    respond: AsyncRespond
    client: AsyncWebClient
    team_id: str
    user_id: str
    trigger_id: str


CommandHandler = Callable[[Any, Caller], Awaitable[None]]
"""One verb of the slash command: the parsed value and the caller."""


def services_of(context: AsyncBoltContext) -> Services:
    services = context[SERVICES_KEY]
    assert isinstance(services, Services)
    return services


def team_of(context: AsyncBoltContext, body: dict[str, Any] | None = None) -> str:
    """The workspace id: Bolt's context, else the payload (`team_id` or `team.id`)."""
    if context.team_id:
        return context.team_id
    body = body or {}
    team = body.get("team_id") or (body.get("team") or {}).get("id")
    return str(team or "")
