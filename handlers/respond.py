"""`respond()` over the process's shared HTTP session, so replies through response URLs reuse keep-alive
connections (Bolt's own `respond()` opens, and closes, a new connection for every reply).

Same behaviour as Bolt's `AsyncRespond` otherwise: the message is built by Bolt's own helper and POSTed to the
request's `response_url`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import aiohttp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.context.respond.internals import _build_message
from slack_bolt.response import BoltResponse
from slack_sdk.models.attachments import Attachment
from slack_sdk.models.blocks import Block
from slack_sdk.webhook.async_client import AsyncWebhookClient
from slack_sdk.webhook.webhook_response import WebhookResponse

HTTP_LIMIT = 100
"""Connections the shared session keeps open at most (Web API and response URLs together)."""


def make_http_session(*, timeout: float = 30) -> aiohttp.ClientSession:
    """One connection pool for every call to Slack. Make it inside the running loop; close it on shutdown.

    `timeout` (seconds, per request) is the session's: a client handed a session uses the session's timeout,
    not its own."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=HTTP_LIMIT, ttl_dns_cache=300),
        timeout=aiohttp.ClientTimeout(total=timeout),
    )


class SharedRespond(AsyncRespond):
    """Bolt's `respond()`, through `session` instead of a session of its own per call."""

    def __init__(self, *, response_url: str, session: aiohttp.ClientSession) -> None:
        super().__init__(response_url=response_url)
        self._session = session

    async def __call__(
        self,
        text: str | dict[str, Any] = "",
        blocks: Sequence[dict[str, Any] | Block] | None = None,
        attachments: Sequence[dict[str, Any] | Attachment] | None = None,
        response_type: str | None = None,
        replace_original: bool | None = None,
        delete_original: bool | None = None,
        unfurl_links: bool | None = None,
        unfurl_media: bool | None = None,
        thread_ts: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> WebhookResponse:
        assert self.response_url is not None
        if isinstance(text, dict):
            message = _build_message(**text)
        else:
            message = _build_message(
                text=text, blocks=blocks, attachments=attachments, response_type=response_type,
                replace_original=replace_original, delete_original=delete_original, unfurl_links=unfurl_links,
                unfurl_media=unfurl_media, thread_ts=thread_ts, metadata=metadata,
            )  # fmt: skip
        client = AsyncWebhookClient(url=self.response_url, session=self._session)
        return await client.send_dict(message)


def shared_respond(session: aiohttp.ClientSession) -> Callable[..., Awaitable[BoltResponse]]:
    """Middleware: the request's `respond` goes through `session` (when the request has a response URL)."""

    async def use_shared_session(
        context: AsyncBoltContext, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse:
        if context.response_url:
            context["respond"] = SharedRespond(response_url=context.response_url, session=session)
        return await next()

    return use_shared_session
