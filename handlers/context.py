"""Getting the services and the caller out of a Bolt request context."""

from __future__ import annotations

from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.container import Services

SERVICES_KEY = "services"


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
