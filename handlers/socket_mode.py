"""Socket Mode that gives up on a rejected token and reconnects with growing backoff, one log line per attempt.

slack_sdk's own client retries a failed connection forever at a fixed interval, logging a traceback each time.
Here the SDK client makes exactly one attempt per `connect()` (`OneShotSocketClient`), and `SocketSupervisor`
decides: the first connection (at start-up) must work or start-up fails; a lost connection is retried after
1 s, 2 s, 4 s … up to 5 minutes; a token Slack rejects ends the process with exit code 2.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Protocol

import aiohttp
from slack_bolt.adapter.socket_mode.async_internals import run_async_bolt_app, send_async_response
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.async_client import AsyncBaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.config import StartupError
from handlers.startup import EXIT_CONFIG, REJECTED, Sleep, error_code

logger = logging.getLogger(__name__)

BACKOFF_BASE = 1.0
BACKOFF_CAP = 300.0
CHECK_EVERY = 5.0


def backoff(attempt: int, *, base: float = BACKOFF_BASE, cap: float = BACKOFF_CAP) -> float:
    """Seconds to wait after failed reconnect attempt `attempt` (1, 2, …): doubling from `base`, at most `cap`."""
    return float(min(cap, base * 2 ** max(0, attempt - 1)))


class Connection(Protocol):
    async def connect(self) -> None: ...
    async def is_connected(self) -> bool: ...
    async def drop(self) -> None: ...
    async def close(self) -> None: ...


class OneShotSocketClient(SocketModeClient):
    """slack_sdk's aiohttp Socket Mode client, but `connect()` makes one attempt and raises when it fails, and the
    SDK never reconnects by itself. Its own logger is kept at ERROR: the supervisor logs every attempt."""

    def __init__(self, app: AsyncApp, app_token: str, *, ping_interval: float = 10.0) -> None:
        quiet = logging.getLogger("slack_sdk.socket_mode.oneshot")
        quiet.setLevel(logging.ERROR)
        super().__init__(
            app_token=app_token,
            web_client=app.client,
            logger=quiet,
            auto_reconnect_enabled=False,
            ping_interval=ping_interval,
        )
        self._app = app
        self.socket_mode_request_listeners.append(self._handle)

    async def _handle(self, client: AsyncBaseSocketModeClient, request: SocketModeRequest) -> None:
        started = time.time()
        response = await run_async_bolt_app(self._app, request)
        await send_async_response(client, request, response, started)

    async def connect(self) -> None:
        await self.drop()
        if self.aiohttp_client_session.closed:
            self.aiohttp_client_session = aiohttp.ClientSession()
        self.wss_uri = await self.issue_new_wss_url()
        self.current_session = await self.aiohttp_client_session.ws_connect(
            self.wss_uri,
            autoping=False,
            heartbeat=self.ping_interval,
            proxy=self.proxy,
            ssl=self.web_client.ssl if self.web_client.ssl is not None else True,
        )
        self.stale = False
        self.last_ping_pong_time = None
        self.current_session_monitor = asyncio.ensure_future(self.monitor_current_session())
        self.message_receiver = asyncio.ensure_future(self.receive_messages())

    async def drop(self) -> None:
        """Stop the tasks of the current session and close it (a dead session otherwise logs every ping)."""
        for task in (self.current_session_monitor, self.message_receiver):
            if task is not None and not task.done():
                task.cancel()
        self.current_session_monitor = None
        self.message_receiver = None
        if self.current_session is not None and not self.current_session.closed:
            await self.current_session.close()


def _reason(error: BaseException) -> str:
    if isinstance(error, SlackApiError):
        return error_code(error)
    return "timeout" if isinstance(error, TimeoutError) else type(error).__name__


TRANSIENT = (SlackApiError, aiohttp.ClientError, TimeoutError, OSError)


class SocketSupervisor:
    """Keeps one Socket Mode connection up: `start()` once, then `watch(stop)` until `stop` is set."""

    def __init__(
        self,
        connection: Connection,
        *,
        check_every: float = CHECK_EVERY,
        sleep: Sleep = asyncio.sleep,
        base: float = BACKOFF_BASE,
        cap: float = BACKOFF_CAP,
    ) -> None:
        self._connection = connection
        self._check_every = check_every
        self._sleep = sleep
        self._base = base
        self._cap = cap

    async def connected(self) -> bool:
        return await self._connection.is_connected()

    async def start(self) -> None:
        """The first connection: a rejected token → exit 2; any other failure → exit 1."""
        try:
            await self._connection.connect()
        except TRANSIENT as error:
            self._refuse_if_rejected(error)
            raise StartupError(f"Socket Mode could not connect ({_reason(error)})", 1) from error
        logger.info("socket mode: connected")

    async def watch(self, stop: asyncio.Event) -> None:
        """Check the connection every `check_every` seconds and reconnect when it is lost; returns when `stop` is set.
        Raises `StartupError` (exit 2) when Slack rejects the app token on a reconnect."""
        while not stop.is_set():
            await self._sleep(self._check_every)
            if stop.is_set() or await self._connection.is_connected():
                continue
            await self.reconnect(stop)

    async def reconnect(self, stop: asyncio.Event) -> None:
        attempt = 0
        while not stop.is_set():
            attempt += 1
            try:
                await self._connection.connect()
            except TRANSIENT as error:
                self._refuse_if_rejected(error)
                delay = backoff(attempt, base=self._base, cap=self._cap)
                logger.warning(
                    "socket mode: connection lost, attempt %d failed (%s), next in %.0f s",
                    attempt, _reason(error), delay,
                )  # fmt: skip
                await self._sleep(delay)
                continue
            logger.info("socket mode: reconnected (attempt %d)", attempt)
            return

    @staticmethod
    def _refuse_if_rejected(error: BaseException) -> None:
        if isinstance(error, SlackApiError) and error_code(error) in REJECTED:
            message = f"SLACK_APP_TOKEN was rejected by Slack ({error_code(error)}): create a new app-level token"
            raise StartupError(message, EXIT_CONFIG) from error

    async def close(self) -> None:
        await self._connection.close()
