"""An in-process fake of the Slack Web API, served over HTTP on 127.0.0.1, for the tests and the offline demo.

Point a real client at it: `AsyncWebClient(token="xoxb-test", base_url=fake.api_url)`. Every call is recorded
(`calls`), answers are canned but shaped like Slack's (see `sim.fake_slack_api`), and failures can be
injected (`fail_next`, `delay_next`). Slash-command `response_url`s can point at `fake.response_url(name)`.

This module must not import slack_bolt, slack_sdk or pytest.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from sim.fake_slack_api import FakeChannel, FakeUser, FakeWorkspace

__all__ = ["RESPONSE_URL_METHOD", "UPLOAD_METHOD", "Call", "FakeChannel", "FakeSlack", "FakeUser"]

UPLOAD_METHOD = "upload"
"""`Call.method` of the POST of file bytes to an upload URL (step 2 of `files_upload_v2`)."""

RESPONSE_URL_METHOD = "response_url"
"""Name for `fail_next`/`delay_next` to affect POSTs to response URLs."""

_JSON_FIELDS = ("blocks", "view", "attachments", "files", "metadata")


@dataclass(frozen=True)
class Call:
    """One request the fake received.

    `method` is the Web API method ("chat.postMessage") or `UPLOAD_METHOD`; `args` merges query, form and JSON
    parameters, with JSON-string fields (`blocks`, `view`, `attachments`, `files`, `metadata`) decoded and the
    token removed (it is in `token`, from the Authorization header or the form). `status` and `response` are
    what the fake answered.
    """

    method: str
    args: dict[str, Any]
    token: str | None = None
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when Slack would have accepted the call (HTTP 200 and `"ok": true`)."""
        return self.status == 200 and self.response.get("ok") is True


@dataclass
class _Injected:
    status: int
    error: str
    retry_after: float | None
    times: int


class FakeSlack(FakeWorkspace):
    """A fake Slack workspace and Web API server. Use `async with FakeSlack() as fake:` or `start()`/`stop()`.

    Registry, knobs and per-method behaviour are inherited from `FakeWorkspace` (`add_user`, `add_channel`,
    `joined_channels`, `chat_write_public`, `channel_membership_enforced`, `uploads`, `home_views`).
    """

    def __init__(self, *, team_id: str = "T0001", bot_user_id: str = "UBOT", bot_id: str = "B0001") -> None:
        super().__init__(team_id=team_id, bot_user_id=bot_user_id, bot_id=bot_id)
        self.calls: list[Call] = []
        self.responses: list[dict[str, Any]] = []
        """Bodies POSTed to response URLs, oldest first, each with the URL's `name` added under "name"."""
        self._failures: dict[str, list[_Injected]] = {}
        self._delays: dict[str, list[float]] = {}
        self._runner: web.AppRunner | None = None
        self._stopping = asyncio.Event()
        self._base = ""

    # lifecycle -------------------------------------------------------------------------------------

    async def start(self) -> None:
        """Serve on 127.0.0.1 at an ephemeral port. Idempotent."""
        if self._runner is not None:
            return
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._handle_api)
        app.router.add_post("/upload/{file_id}", self._handle_upload)
        app.router.add_post("/response/{name}", self._handle_response)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        self._stopping.clear()
        self._runner = runner
        self._base = f"http://127.0.0.1:{runner.addresses[0][1]}"

    async def stop(self) -> None:
        """Stop serving; delayed requests still pending are cut short with a 503. Idempotent."""
        if self._runner is None:
            return
        self._stopping.set()
        runner, self._runner = self._runner, None
        await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # addresses -------------------------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        """The Web API base URL for `AsyncWebClient(base_url=...)`, e.g. "http://127.0.0.1:4567/api/"."""
        if not self._base:
            raise RuntimeError("FakeSlack is not started")
        return f"{self._base}/api/"

    def response_url(self, name: str) -> str:
        """A URL that records JSON POSTs (as `respond()` makes) under `name` in `responses`."""
        if not self._base:
            raise RuntimeError("FakeSlack is not started")
        return f"{self._base}/response/{name}"

    def upload_url(self, file_id: str) -> str:
        """The URL `files.getUploadURLExternal` hands out; bytes POSTed there land in `uploads[file_id]`."""
        return f"{self._base}/upload/{file_id}"

    # inspection ------------------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        """Every recorded call of `method`, oldest first (failed ones included)."""
        return [call for call in self.calls if call.method == method]

    def responses_to(self, name: str) -> list[dict[str, Any]]:
        """Bodies POSTed to `response_url(name)`, oldest first."""
        return [{k: v for k, v in entry.items() if k != "name"} for entry in self.responses if entry["name"] == name]

    def messages_to(self, target: str) -> list[Call]:
        """What a person or channel saw, oldest first.

        Successful posts, updates and file shares in the channel (for a user id: their DM, whether it was
        addressed as "U…" or "D…"), plus ephemerals shown to that user. Modals and Home views are not included
        (see `home_views`), nor response-URL posts (see `responses_to`).
        """
        where = {target, self.dm_channel(target)}
        return [call for call in self.calls if call.ok and _visible_in(call, target, where)]

    def reset(self) -> None:
        """Forget recorded calls, responses and pending injections (the registry stays)."""
        self.calls.clear()
        self.responses.clear()
        self._failures.clear()
        self._delays.clear()

    # failure injection -----------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: float | None = 1,
        error: str | None = None,
        times: int = 1,
    ) -> None:
        """Make the next `times` calls of `method` fail.

        429 answers `ratelimited` with a `Retry-After` header; 5xx answers `internal_error` with that HTTP
        status; 200 with `error` answers `{"ok": false, "error": error}`. Queued injections apply in order.
        `method` may also be `UPLOAD_METHOD` or `RESPONSE_URL_METHOD`.
        """
        if error is None:
            error = {429: "ratelimited", 200: "invalid_arguments"}.get(status, "internal_error")
        self._failures.setdefault(method, []).append(_Injected(status, error, retry_after, times))

    def heal(self) -> None:
        """Drop every pending failure and delay injection: Slack is back (the end of a simulated outage)."""
        self._failures.clear()
        self._delays.clear()

    def delay_next(self, method: str, seconds: float, *, times: int = 1) -> None:
        """Hold the next `times` calls of `method` for `seconds` real seconds before answering (timeouts)."""
        self._delays.setdefault(method, []).extend([seconds] * times)

    def _take_failure(self, method: str) -> _Injected | None:
        queue = self._failures.get(method)
        if not queue:
            return None
        injected = queue[0]
        injected.times -= 1
        if injected.times <= 0:
            queue.pop(0)
        return injected

    async def _hold(self, method: str) -> bool:
        """Apply a pending delay; False when the fake was stopped meanwhile."""
        queue = self._delays.get(method)
        if queue:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=queue.pop(0))
        return not self._stopping.is_set()

    @staticmethod
    def _failure_response(injected: _Injected) -> web.Response:
        headers = {}
        if injected.status == 429 and injected.retry_after is not None:
            seconds = injected.retry_after
            headers["Retry-After"] = str(int(seconds)) if float(seconds).is_integer() else str(seconds)
        body = {"ok": False, "error": injected.error}
        return web.json_response(body, status=injected.status, headers=headers)

    # HTTP handlers -------------------------------------------------------------------------------

    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args, token = await _read_args(request)
        if not await self._hold(method):
            return web.json_response({"ok": False, "error": "service_unavailable"}, status=503)
        injected = self._take_failure(method)
        if injected is not None:
            response = self._failure_response(injected)
            status, body = injected.status, {"ok": False, "error": injected.error}
        else:
            authed = token is not None or "Authorization" in request.headers
            body = self.answer(method, args) if authed else {"ok": False, "error": "not_authed"}
            status, response = 200, web.json_response(body)
        self.calls.append(Call(method, args, token, status, body))
        return response

    async def _handle_upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        data = await request.read()
        if not await self._hold(UPLOAD_METHOD):
            return web.Response(status=503, text="service unavailable")
        injected = self._take_failure(UPLOAD_METHOD)
        status = injected.status if injected is not None else 200
        if status == 200:
            self.uploads[file_id] = data
        text = f"OK - {len(data)}" if status == 200 else "upload failed"
        body = {"ok": status == 200}
        self.calls.append(Call(UPLOAD_METHOD, {"file_id": file_id, "length": len(data)}, None, status, body))
        return web.Response(status=status, text=text, content_type="text/plain")

    async def _handle_response(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        args, _ = await _read_args(request)
        if not await self._hold(RESPONSE_URL_METHOD):
            return web.Response(status=503, text="service unavailable")
        injected = self._take_failure(RESPONSE_URL_METHOD)
        if injected is not None:
            return web.Response(status=injected.status, text=injected.error)
        self.responses.append({**args, "name": name})
        return web.Response(text="ok")


def _visible_in(call: Call, target: str, where: set[str]) -> bool:
    if call.method in ("chat.postMessage", "chat.update"):
        return call.args.get("channel") in where
    if call.method == "chat.postEphemeral":
        return call.args.get("user") == target
    if call.method == "files.completeUploadExternal":
        return call.args.get("channel_id") in where
    return False


async def _read_args(request: web.Request) -> tuple[dict[str, Any], str | None]:
    """Merge query, form and JSON parameters; decode JSON-string fields; split off the token."""
    args: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            with contextlib.suppress(json.JSONDecodeError, UnicodeDecodeError):
                body = json.loads(await request.read())
                if isinstance(body, dict):
                    args.update(body)
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, item in form.items():
                args[key] = item if isinstance(item, str | bytes | bytearray) else item.file.read()
    for key in _JSON_FIELDS:
        raw = args.get(key)
        if isinstance(raw, str):
            with contextlib.suppress(json.JSONDecodeError):
                args[key] = json.loads(raw)
    token = args.pop("token", None)
    authorization = request.headers.get("Authorization", "")
    if authorization.startswith("Bearer "):
        token = authorization.removeprefix("Bearer ").strip()
    return args, token if isinstance(token, str) else None
