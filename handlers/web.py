"""The HTTP surface: `POST /slack/events` into Bolt; `GET /healthz` (every part), `GET /readyz` (what serving
Slack requests needs) and `GET /metrics` (Prometheus text)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
METRICS_PATH = "/metrics"
METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

HealthProbe = Callable[[], Awaitable[dict[str, Any]]]
"""A JSON body; `"status": "ok"` answers 200, anything else 503."""
MetricsProbe = Callable[[], Awaitable[bytes]]


def build_web_app(
    app: AsyncApp | None,
    health: HealthProbe,
    *,
    ready: HealthProbe | None = None,
    metrics: MetricsProbe | None = None,
) -> web.Application:
    """`app` None serves no Slack route (Socket Mode receives Slack over the WebSocket instead)."""

    async def slack_events(request: web.Request) -> web.Response:
        assert app is not None
        bolt_request = await to_bolt_request(request)
        return await to_aiohttp_response(await app.async_dispatch(bolt_request))

    def probe_route(probe: HealthProbe) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def answer(_request: web.Request) -> web.Response:
            state = await probe()
            return web.json_response(state, status=200 if state.get("status") == "ok" else 503)

        return answer

    async def metrics_text(_request: web.Request) -> web.Response:
        assert metrics is not None
        return web.Response(body=await metrics(), headers={"Content-Type": METRICS_CONTENT_TYPE})

    web_app = web.Application()
    web_app.router.add_get(HEALTH_PATH, probe_route(health))
    if ready is not None:
        web_app.router.add_get(READY_PATH, probe_route(ready))
    if metrics is not None:
        web_app.router.add_get(METRICS_PATH, metrics_text)
    if app is not None:
        web_app.router.add_post(EVENTS_PATH, slack_events)
    return web_app
