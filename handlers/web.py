"""The HTTP surface: `POST /slack/events` into Bolt, and `GET /healthz` with database and scheduler state."""

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

HealthProbe = Callable[[], Awaitable[dict[str, Any]]]


def build_web_app(app: AsyncApp | None, health: HealthProbe, *, signing_secret: str | None = None) -> web.Application:
    """`app` None serves only the health check (Socket Mode receives Slack over the WebSocket instead).

    With `signing_secret`, a signed request whose payload has a shape Slack never sends is answered 200 here,
    before Bolt (whose own parsing fails on some of them); the listeners' middleware checks the same again.
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

    async def healthz(_request: web.Request) -> web.Response:
        state = await health()
        return web.json_response(state, status=200 if state.get("status") == "ok" else 503)

    web_app = web.Application()
    web_app.router.add_get(HEALTH_PATH, healthz)
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
