"""The HTTP surface: `POST /slack/events` into Bolt, and `GET /healthz` with database and scheduler state."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

HealthProbe = Callable[[], Awaitable[dict[str, Any]]]


def build_web_app(app: AsyncApp | None, health: HealthProbe) -> web.Application:
    """`app` None serves only the health check (Socket Mode receives Slack over the WebSocket instead)."""

    async def slack_events(request: web.Request) -> web.Response:
        assert app is not None
        bolt_request = await to_bolt_request(request)
        return await to_aiohttp_response(await app.async_dispatch(bolt_request))

    async def healthz(_request: web.Request) -> web.Response:
        state = await health()
        return web.json_response(state, status=200 if state.get("status") == "ok" else 503)

    web_app = web.Application()
    web_app.router.add_get(HEALTH_PATH, healthz)
    if app is not None:
        web_app.router.add_post(EVENTS_PATH, slack_events)
    return web_app
