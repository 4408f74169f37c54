"""Start-up checks against Slack: is the bot token (and, in Socket Mode, the app token) accepted?

A token Slack rejects stops start-up with exit code 2 naming the setting; Slack unreachable after a short retry
stops it with exit code 1 and says so. Nothing here logs a token.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.config import StartupError

logger = logging.getLogger(__name__)

EXIT_CONFIG = 2
EXIT_UNAVAILABLE = 1

REJECTED = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "token_expired",
        "account_inactive",
        "not_allowed_token_type",
        "team_access_not_granted",
        "invalid_token",
    }
)
"""Slack's answers meaning "this token will never work"."""

CHECK_ATTEMPTS = 3
CHECK_WAIT = 2.0
CHECK_TIMEOUT = 10.0

Sleep = Callable[[float], Awaitable[None]]


def error_code(error: SlackApiError) -> str:
    data = getattr(error.response, "data", None)
    code = data.get("error") if isinstance(data, dict) else None
    return str(code) if code else f"http_{getattr(error.response, 'status_code', 0)}"


async def checked(
    key: str,
    call: Callable[[], Awaitable[AsyncSlackResponse]],
    *,
    where: str,
    attempts: int = CHECK_ATTEMPTS,
    wait: float = CHECK_WAIT,
    sleep: Sleep = asyncio.sleep,
) -> AsyncSlackResponse:
    """Run `call` (a Slack method authenticated by setting `key`), retrying a few times when Slack is out of reach.

    Raises `StartupError(…, 2)` naming `key` when Slack rejects the token, `StartupError(…, 1)` when Slack did not
    answer after `attempts` tries (or answers an error that retrying cannot fix).
    """
    reason = "no answer"
    for attempt in range(1, attempts + 1):
        try:
            return await asyncio.wait_for(call(), timeout=CHECK_TIMEOUT)
        except SlackApiError as error:
            reason = error_code(error)
            if reason in REJECTED:
                message = f"{key} was rejected by Slack ({reason}): check the token and set it again"
                raise StartupError(message, EXIT_CONFIG) from error
            status = int(getattr(error.response, "status_code", 0) or 0)
            if status != 429 and status < 500 and reason != "ratelimited":
                raise StartupError(f"checking {key} with Slack failed: {reason}", EXIT_UNAVAILABLE) from error
        except TimeoutError:
            reason = "timeout"
        except aiohttp.ClientError as error:
            reason = type(error).__name__
        if attempt < attempts:
            logger.warning("slack not reachable at start-up (%s, attempt %d/%d), retrying", reason, attempt, attempts)
            await sleep(wait * attempt)
    raise StartupError(
        f"Slack could not be reached at {where} ({reason}, {attempts} attempts): check the network and SLACK_API_URL",
        EXIT_UNAVAILABLE,
    )


async def check_bot_token(client: AsyncWebClient, *, sleep: Sleep = asyncio.sleep) -> str:
    """`auth.test` with the bot token; returns the workspace (team) id it belongs to."""
    response = await checked("SLACK_BOT_TOKEN", client.auth_test, where=client.base_url, sleep=sleep)
    return str(response.get("team_id") or "")


async def check_app_token(client: AsyncWebClient, app_token: str, *, sleep: Sleep = asyncio.sleep) -> None:
    """`apps.connections.open` with the app-level token (Socket Mode); the URL it hands out is left unused."""

    async def open_connection() -> AsyncSlackResponse:
        return await client.apps_connections_open(app_token=app_token)

    await checked("SLACK_APP_TOKEN", open_connection, where=client.base_url, sleep=sleep)
