"""`SlackNotifier`: the `Notifier` port (`bot.core.ports`) over the Slack Web API.

It paces posts (about one per second per channel, and the workspace at the rate Slack allows: `handlers.pacing`),
retries transient failures inline with backoff, and turns every failure into a `PermanentDeliveryError` or a
`TransientDeliveryError` carrying Slack's error code, so the outbox can decide what to do next.

Callers must never use it before a Slack request has been acked: pacing and backoff wait (through the injected
clock) for up to `max_inline_wait` seconds per attempt, which would blow Slack's 3-second ack budget.

Logging: method, Slack error code and attempt count only. Never message text, blocks, names or ids. (Keep the
`slack_sdk` logger above DEBUG in production: at DEBUG it logs whole request bodies.)
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.clock import Clock
from bot.contract.common import Message
from bot.contract.digest import TrendChart
from bot.contract.home import HomeState
from bot.core.ports import Delivered, PermanentDeliveryError, SlackUser, TransientDeliveryError, UncertainDeliveryError
from handlers.pacing import Pacer
from handlers.rendering import RenderedFile, RenderedMessage
from handlers.slack_errors import PERMANENT_ERRORS, RATE_LIMITED, Failure, classify

logger = logging.getLogger(__name__)

__all__ = ["PERMANENT_ERRORS", "Failure", "SlackNotifier", "classify", "make_web_client"]

POSTING_METHODS = frozenset({"chat.postMessage", "chat.postEphemeral", "files_upload_v2"})  # never retried inline

BACKOFF_BASE = 0.5
BACKOFF_CAP = 30.0


def make_web_client(*, token: str, base_url: str = AsyncWebClient.BASE_URL, timeout: int = 30) -> AsyncWebClient:
    """A client for `SlackNotifier`: no built-in retry handlers, so each retry is counted and paced once."""
    return AsyncWebClient(token=token, base_url=base_url, timeout=timeout, retry_handlers=[])


class _UploadFailedError(Exception):
    """The POST of the bytes to Slack's upload URL did not answer 200 (slack_sdk raises SlackRequestError)."""


class SlackNotifier:
    """The real `Notifier`; every method raises `PermanentDeliveryError` or `TransientDeliveryError`.

    - Pacing (`handlers.pacing`): `chat.postMessage` and file shares to one channel (a DM counts as the user's
      channel) are at least `per_channel_interval` seconds apart; posts (ephemerals included) share the
      workspace's budget, starting at one per `workspace_interval` and adapting up to `max_rate` per second:
      faster while posts go through, slower on a 429, when every post waits out its `Retry-After` (when short).
      Concurrent sends are welcome: each gets its own slot. `views.publish` and `users.info` are not paced.
    - Retries: 429 (waiting `Retry-After`), 5xx, `TRANSIENT_ERRORS`, timeouts and connection errors are
      retried inline with backoff 0.5 s, 1 s, 2 s… up to `max_attempts` in all; a post (`POSTING_METHODS`) that
      timed out after leaving may have landed and raises `UncertainDeliveryError` at once. If one wait would
      exceed `max_inline_wait`, or attempts run out, `TransientDeliveryError(reason, retry_after=<seconds>)` lets
      the outbox reschedule. Everything else, unknown codes included, raises `PermanentDeliveryError` at once.
    - `client` must not retry 429 or 5xx by itself (use `make_web_client`); such a client is refused.
    """

    def __init__(
        self,
        *,
        client: AsyncWebClient,
        clock: Clock,
        render: Callable[[Message], RenderedMessage],
        render_home: Callable[[HomeState], dict[str, Any]],
        render_chart: Callable[[TrendChart], RenderedFile] | None = None,
        per_channel_interval: float = 1.0,
        workspace_interval: float = 0.05,
        max_rate: float = 100.0,
        max_attempts: int = 3,
        max_inline_wait: float = 10.0,
    ) -> None:
        own_retries = (AsyncRateLimitErrorRetryHandler, AsyncServerErrorRetryHandler)
        if any(isinstance(handler, own_retries) for handler in client.retry_handlers):
            raise ValueError("SlackNotifier owns retries: build the client without 429/5xx retry handlers")
        if max_attempts < 1 or per_channel_interval < 0 or workspace_interval < 0 or max_inline_wait < 0:
            raise ValueError("max_attempts must be >= 1 and intervals/waits >= 0")
        self._client = client
        self._clock = clock
        self._render = render
        self._render_home = render_home
        self._render_chart = render_chart
        self._pacer = Pacer(clock, per_channel_interval, workspace_interval, ceiling=max_rate)
        self._max_attempts = max_attempts
        self._max_inline_wait = max_inline_wait

    async def send_dm(self, *, user_id: str, message: Message) -> Delivered:
        """Post `message` to the user's DM (`chat.postMessage` with `channel=<user id>`)."""
        return await self._post(user_id, message)

    async def post_to_channel(self, *, channel_id: str, message: Message) -> Delivered:
        """Post `message` in a channel the bot is a member of."""
        return await self._post(channel_id, message)

    async def post_ephemeral(self, *, channel_id: str, user_id: str, message: Message) -> None:
        """Show `message` to one user in a channel (`chat.postEphemeral`)."""
        rendered = self._render(message)
        await self._call(
            "chat.postEphemeral",
            lambda: self._client.chat_postEphemeral(
                channel=channel_id, user=user_id, text=rendered.text, blocks=rendered.blocks or None
            ),
            paced=True,
        )

    async def publish_home(self, *, user_id: str, home: HomeState) -> None:
        """Replace the user's App Home with `render_home(home)` (`views.publish`; not paced)."""
        view = self._render_home(home)
        await self._call("views.publish", lambda: self._client.views_publish(user_id=user_id, view=view))

    async def post_chart(self, *, channel_id: str, chart: TrendChart) -> None:
        """Draw the chart and upload it into the channel."""
        if self._render_chart is None:
            raise PermanentDeliveryError("no_chart_renderer")
        drawn = self._render_chart(chart)
        await self.upload_file(
            channel_id=channel_id,
            filename=drawn.filename,
            content=drawn.content,
            title=drawn.title,
            alt_text=drawn.alt_text,
        )

    async def upload_file(self, *, channel_id: str, filename: str, content: bytes, title: str, alt_text: str) -> None:
        """Upload `content` and share it in `channel_id` (`files_upload_v2`: get URL, POST bytes, share)."""

        async def upload() -> AsyncSlackResponse:
            try:
                return await self._client.files_upload_v2(
                    channel=channel_id, filename=filename, content=content, title=title, alt_txt=alt_text
                )
            except SlackRequestError as error:
                raise _UploadFailedError from error

        await self._call("files_upload_v2", upload, channel=channel_id)

    async def lookup_user(self, *, user_id: str) -> SlackUser:
        """`users.info` with the locale. An unknown user raises `PermanentDeliveryError("user_not_found")`."""
        response = await self._call("users.info", lambda: self._client.users_info(user=user_id, include_locale=True))
        user = response.get("user")
        if not isinstance(user, dict):
            raise PermanentDeliveryError("user_not_found")
        profile = user.get("profile")
        if not isinstance(profile, dict):
            profile = {}
        return SlackUser(
            user_id=str(user.get("id") or user_id),
            tz=_optional_str(user.get("tz")),
            locale=_optional_str(user.get("locale")),
            is_bot=bool(user.get("is_bot", False)),
            deleted=bool(user.get("deleted", False)),
            is_admin=bool(user.get("is_admin", False)),
            is_owner=bool(user.get("is_owner", False)),
            real_name=str(user.get("real_name") or profile.get("real_name") or ""),
            status_text=str(profile.get("status_text") or ""),
            status_emoji=str(profile.get("status_emoji") or ""),
            status_expiration=int(profile.get("status_expiration") or 0),
        )

    async def _post(self, channel: str, message: Message) -> Delivered:
        rendered = self._render(message)
        response = await self._call(
            "chat.postMessage",
            lambda: self._client.chat_postMessage(channel=channel, text=rendered.text, blocks=rendered.blocks or None),
            channel=channel,
        )
        return Delivered(channel=str(response.get("channel") or channel), ts=_optional_str(response.get("ts")))

    async def _call(
        self,
        method: str,
        request: Callable[[], Awaitable[AsyncSlackResponse]],
        *,
        channel: str | None = None,
        paced: bool = False,
    ) -> AsyncSlackResponse:
        """Run `request` with retries. With a `channel`: paced per channel and workspace-wide, holding the
        channel's lock through every attempt; with `paced` only: workspace-wide spacing; else not paced."""
        if channel is None:
            return await self._attempts(method, request, None, paced=paced)
        async with self._pacer.lock(channel):
            return await self._attempts(method, request, channel, paced=True)

    async def _attempts(
        self,
        method: str,
        request: Callable[[], Awaitable[AsyncSlackResponse]],
        channel: str | None,
        *,
        paced: bool,
    ) -> AsyncSlackResponse:
        attempt = 0
        while True:
            attempt += 1
            if paced:
                await self._pacer.wait_turn(channel)
            try:
                response = await request()
            except SlackApiError as error:
                failure = classify(error)
            except _UploadFailedError:
                failure = Failure("upload_failed", transient=True)
            except aiohttp.ClientConnectorError:  # never connected, so nothing was sent: safe to retry
                failure = Failure("connection_refused", transient=True)
            except (aiohttp.ClientError, TimeoutError) as error:
                reason = "timeout" if isinstance(error, TimeoutError) else "connection_error"
                if method in POSTING_METHODS:
                    logger.warning("slack %s: %s after sending, outcome unknown (attempt %d)", method, reason, attempt)
                    raise UncertainDeliveryError(reason) from None
                failure = Failure(reason, transient=True)
            else:
                if paced:
                    self._pacer.delivered()
                return response
            if paced and failure.reason in RATE_LIMITED:
                short = failure.retry_after is not None and failure.retry_after <= self._max_inline_wait
                self._pacer.rate_limited(failure.retry_after if short else None)
            if not failure.transient:
                known = failure.reason in PERMANENT_ERRORS
                logger.warning(
                    "slack %s failed: %s (%s, attempt %d)",
                    method, failure.reason, "permanent" if known else "unknown code, not retried", attempt,
                )  # fmt: skip
                raise PermanentDeliveryError(failure.reason)
            wait = failure.retry_after
            if wait is None:
                wait = min(BACKOFF_BASE * 2 ** (attempt - 1), BACKOFF_CAP)
            if attempt >= self._max_attempts or wait > self._max_inline_wait:
                logger.warning(
                    "slack %s failed: %s (attempt %d/%d), retry in %.1fs left to the caller",
                    method, failure.reason, attempt, self._max_attempts, wait,
                )  # fmt: skip
                raise TransientDeliveryError(failure.reason, retry_after=wait)
            logger.info(
                "slack %s failed: %s (attempt %d/%d), retrying in %.1fs",
                method, failure.reason, attempt, self._max_attempts, wait,
            )  # fmt: skip
            await self._clock.sleep(wait)


def _optional_str(value: Any) -> str | None:
    return str(value) if value else None
