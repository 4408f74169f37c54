"""The HTTP surface: `POST /slack/events` into Bolt; `GET /healthz` (every part), `GET /readyz` (what serving
Slack requests needs) and `GET /metrics` (Prometheus text)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier

from handlers.payload_guard import problem_in

logger = logging.getLogger(__name__)

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
    signing_secret: str | None = None,
) -> web.Application:
    """`app` None serves no Slack route (Socket Mode receives Slack over the WebSocket instead).

    Missing signature headers get 401, a timestamp that is not a number 400. With `signing_secret`, a signed
    request whose payload has a shape Slack never sends is answered 200 here, before Bolt (whose own parsing
    fails on some of them); the listeners' middleware checks the same again.
    """
    verifier = SignatureVerifier(signing_secret) if signing_secret else None

    async def slack_events(request: web.Request) -> web.Response:
        assert app is not None
        refused = _header_problem(request)
        if refused is not None:
            return refused
        try:
            bolt_request = await to_bolt_request(request)
        except (ValueError, TypeError, AttributeError):  # not what Slack sends (`payload=` that is no JSON object)
            return web.Response(status=400, text="malformed body")
        if verifier is not None and verifier.is_valid(
            body=bolt_request.raw_body,
            timestamp=request.headers["X-Slack-Request-Timestamp"],
            signature=request.headers["X-Slack-Signature"],
        ):
            problem = problem_in(bolt_request.body)
            if problem is not None:
                logger.info("malformed payload ignored (%s)", problem)
                return web.Response(status=200, text="")
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


def _header_problem(request: web.Request) -> web.Response | None:
    """Missing signature headers: 401; a timestamp that is not a number: 400 (Bolt would raise on it)."""
    timestamp = request.headers.get("X-Slack-Request-Timestamp")
    signature = request.headers.get("X-Slack-Signature")
    if not timestamp or not signature:
        return web.Response(status=401, text="missing signature")
    if not timestamp.strip().isdigit() or len(timestamp.strip()) > 12:
        return web.Response(status=400, text="malformed timestamp")
    return None
