"""Drive a running app the way Slack does: signed HTTP requests to `POST /slack/events`.

Used by the test suite and by the offline demo. Payloads follow Slack's shapes for slash commands
(form-encoded), interactivity (`payload=<json>`) and Events API callbacks (JSON), and every request is signed
with the signing secret exactly as Slack signs (`v0:{timestamp}:{body}`, HMAC-SHA256) using the real wall clock.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp

from sim.fake_slack import FakeSlack

SETTLE_TIMEOUT = 15.0


@dataclass(frozen=True)
class SimResponse:
    status: int
    body: str
    elapsed: float

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def sign(secret: str, body: str, timestamp: int) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def _idle_connection(task: asyncio.Task[Any]) -> bool:
    """An aiohttp server's loop for one keep-alive connection (the simulator's to the app, the bot's to the fake
    Slack): it lives until the connection closes, not until the work ends. The work itself (a listener awaiting the
    response) is a task of its own and is waited for."""
    return getattr(task.get_coro(), "__qualname__", "") == "RequestHandler.start"


class SlackSimulator:
    """Sends what Slack would send to the app at `events_url`, with `fake` as Slack's Web API."""

    def __init__(self, *, events_url: str, signing_secret: str, fake: FakeSlack) -> None:
        self.events_url = events_url
        self.signing_secret = signing_secret
        self.fake = fake
        self._session: aiohttp.ClientSession | None = None
        self._counter = 0

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def post(
        self, body: str, *, content_type: str, signature: str | None = None, timestamp: int | None = None
    ) -> SimResponse:
        """POST a raw body, signed unless `signature` is given (to test forged requests)."""
        if self._session is None:
            # Kept alive between requests, as Slack's own connections are: the server's task for the connection
            # lives on after a response, and `_settle` does not wait for it (`_idle_connection`).
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector())
        before = asyncio.all_tasks()
        stamp = int(time.time()) if timestamp is None else timestamp
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(stamp),
            "X-Slack-Signature": signature or sign(self.signing_secret, body, stamp),
        }
        started = time.monotonic()
        async with self._session.post(self.events_url, data=body.encode(), headers=headers) as response:
            text = await response.text()
            result = SimResponse(status=response.status, body=text, elapsed=time.monotonic() - started)
        await self._settle(before)
        return result

    async def _settle(self, before: set[asyncio.Task[Any]]) -> None:
        """Wait for the work the app started after its ack (Bolt runs listeners as background tasks)."""
        current = asyncio.current_task()
        for _ in range(50):
            started = {
                task
                for task in asyncio.all_tasks() - before
                if task is not current and not task.done() and not _idle_connection(task)
            }
            if not started:
                return
            await asyncio.wait(started, timeout=SETTLE_TIMEOUT)
        raise AssertionError("the app kept starting new tasks after the request")

    def _next_id(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}{self._counter:06d}"

    async def command(self, user_id: str, text: str, *, channel_id: str = "C0GENERAL") -> SimResponse:
        """`/oppfolging <text>` typed by `user_id`; replies via `respond()` land in `fake.responses_to(...)`."""
        name = self._next_id("cmd")
        form = {
            "token": "verification-token-unused",
            "team_id": self.fake.team_id,
            "team_domain": "example",
            "channel_id": channel_id,
            "channel_name": "general",
            "user_id": user_id,
            "user_name": user_id.lower(),
            "command": "/oppfolging",
            "text": text,
            "api_app_id": "A0001",
            "is_enterprise_install": "false",
            "response_url": self.fake.response_url(name),
            "trigger_id": self._next_id("trigger."),
        }
        return await self.post(urlencode(form), content_type="application/x-www-form-urlencoded")

    def last_reply(self) -> dict[str, Any]:
        """The most recent body posted to a response URL (the ephemeral reply to a command or button)."""
        if not self.fake.responses:
            raise AssertionError("no reply was posted to any response_url")
        return self.fake.responses[-1]

    async def interact(self, payload: dict[str, Any]) -> SimResponse:
        base = {
            "team": {"id": self.fake.team_id, "domain": "example"},
            "api_app_id": "A0001",
            "token": "verification-token-unused",
            "is_enterprise_install": False,
        }
        body = urlencode({"payload": json.dumps({**base, **payload})})
        return await self.post(body, content_type="application/x-www-form-urlencoded")

    async def click(
        self,
        user_id: str,
        action_id: str,
        *,
        value: str | None = None,
        block_id: str = "actions",
        selected_option: dict[str, Any] | None = None,
        selected_date: str | None = None,
        container: dict[str, Any] | None = None,
        view: dict[str, Any] | None = None,
    ) -> SimResponse:
        """A `block_actions` payload: a button (`value`), a select (`selected_option`) or a datepicker."""
        action: dict[str, Any] = {"action_id": action_id, "block_id": block_id, "action_ts": "1.0"}
        if value is not None:
            action.update(type="button", value=value)
        if selected_option is not None:
            action.update(type="static_select", selected_option=selected_option)
        if selected_date is not None:
            action.update(type="datepicker", selected_date=selected_date)
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": {"id": user_id, "username": user_id.lower(), "team_id": self.fake.team_id},
            "trigger_id": self._next_id("trigger."),
            "response_url": self.fake.response_url(self._next_id("act")),
            "container": container or {"type": "message"},
            "actions": [action],
        }
        if view is not None:
            payload["view"] = view
        return await self.interact(payload)

    async def submit(self, user_id: str, view: dict[str, Any], values: dict[str, Any]) -> SimResponse:
        """A `view_submission` of a modal the app opened with state `values`. `view` as sent to views.open, or as
        Slack answered it (then with its id, which Slack's submission carries, as `views.update` needs)."""
        submitted = {
            "id": view.get("id") or self._next_id("V"),
            "team_id": self.fake.team_id,
            "type": "modal",
            "callback_id": view.get("callback_id", ""),
            "private_metadata": view.get("private_metadata", ""),
            "blocks": view.get("blocks", []),
            "state": {"values": values},
            "hash": "h",
        }
        payload = {
            "type": "view_submission",
            "user": {"id": user_id, "username": user_id.lower(), "team_id": self.fake.team_id},
            "trigger_id": self._next_id("trigger."),
            "view": submitted,
        }
        return await self.interact(payload)

    async def event(self, event: dict[str, Any], *, retry_num: int | None = None) -> SimResponse:
        body = json.dumps(
            {
                "token": "verification-token-unused",
                "team_id": self.fake.team_id,
                "api_app_id": "A0001",
                "event": event,
                "type": "event_callback",
                "event_id": self._next_id("Ev"),
                "event_time": int(time.time()),
                "authorizations": [{"team_id": self.fake.team_id, "user_id": "UBOT", "is_bot": True}],
            }
        )
        del retry_num  # Retries are sent with the same body; callers re-send `event` to simulate them.
        return await self.post(body, content_type="application/json")

    async def open_home(self, user_id: str) -> SimResponse:
        event = {"type": "app_home_opened", "user": user_id, "channel": f"D{user_id}", "tab": "home"}
        event["event_ts"] = f"{time.time():.6f}"
        return await self.event(event)

    @staticmethod
    def new_id() -> str:
        return uuid.uuid4().hex
