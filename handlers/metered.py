"""Metrics at the Slack edge: a Web API client that counts failed calls, and a Bolt app that times each ack.

Both only count; neither changes what Slack sees. The request kind is a fixed word ("command", the payload's
`type` such as "block_actions" or "view_submission", or "event:<type>"), never a command's text or an id.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.observability.metrics import Metrics


def request_kind(body: dict[str, Any]) -> str:
    """What kind of Slack request `body` is, as a fixed word (unknown shapes give "other")."""
    if "command" in body:
        return "command"
    kind = body.get("type")
    if kind == "event_callback":
        event = body.get("event")
        event_type = event.get("type") if isinstance(event, dict) else None
        return f"event:{event_type}" if isinstance(event_type, str) else "event"
    return kind if isinstance(kind, str) else "other"


def request_outcome(status: int) -> str:
    """ "ok" (acked), "rejected" (bad signature or stale timestamp), "unhandled" (no listener acked) or "error"."""
    if 200 <= status < 300:
        return "ok"
    if status in (401, 403):
        return "rejected"
    if status == 404:
        return "unhandled"
    return "error"


class _DropTokenUnused(logging.Filter):
    """Bolt warns "`token` will be unused" whenever SLACK_BOT_TOKEN is in the environment and a client is handed
    in; that client carries the same token, so the warning only adds noise at every start."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


def bolt_logger() -> logging.Logger:
    """Bolt's framework logger, without the warning above."""
    logger = logging.getLogger("slack_bolt.AsyncApp")
    if not any(isinstance(existing, _DropTokenUnused) for existing in logger.filters):
        logger.addFilter(_DropTokenUnused())
    return logger


class MeteredApp(AsyncApp):
    """`AsyncApp` that records each request's kind, outcome and time to ack (HTTP and Socket Mode alike: both
    adapters call `async_dispatch`, which returns once the listener has acked)."""

    def __init__(self, *, metrics: Metrics, **kwargs: Any) -> None:
        kwargs.setdefault("logger", bolt_logger())
        super().__init__(**kwargs)
        self._metrics = metrics

    async def async_dispatch(self, req: AsyncBoltRequest) -> BoltResponse:
        started = time.monotonic()
        response = await super().async_dispatch(req)
        self._metrics.observe_request(
            kind=request_kind(req.body), outcome=request_outcome(response.status), seconds=time.monotonic() - started
        )
        return response


class MeteredWebClient(AsyncWebClient):
    """`AsyncWebClient` that counts every failed call by method and Slack error code (or the transport failure)."""

    def __init__(self, *, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._metrics = metrics

    async def api_call(self, api_method: str, **kwargs: Any) -> AsyncSlackResponse:
        try:
            return await super().api_call(api_method, **kwargs)
        except SlackApiError as error:
            data = getattr(error.response, "data", None)
            code = data.get("error") if isinstance(data, dict) else None
            status = getattr(error.response, "status_code", 0)
            self._metrics.observe_slack_error(method=api_method, error=str(code) if code else f"http_{status}")
            raise
        except TimeoutError:
            self._metrics.observe_slack_error(method=api_method, error="timeout")
            raise
        except aiohttp.ClientError:
            self._metrics.observe_slack_error(method=api_method, error="connection_error")
            raise
