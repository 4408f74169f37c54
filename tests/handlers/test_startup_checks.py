"""Start-up checks against the fake Slack, and the Socket Mode supervisor's reconnect policy.

Properties: a token Slack rejects always ends in exit code 2 naming the key, whatever came before it; Slack out
of reach ends in exit code 1 after the retries; a lost Socket Mode connection is retried with waits that never
shrink and never exceed the cap, one log line per attempt, until it is back.
"""

from __future__ import annotations

import asyncio
import logging

import pytest
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import StartupError
from handlers.socket_mode import BACKOFF_CAP, SocketSupervisor, backoff
from handlers.startup import check_app_token, check_bot_token
from sim.fake_slack import FakeSlack


class Waits:
    """A sleep that only records (the checks' retry waits are not the subject here)."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(0)


def client_for(fake: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token="xoxb-test", base_url=fake.api_url, retry_handlers=[])


async def test_a_valid_bot_token_passes_and_names_its_workspace(fake: FakeSlack) -> None:
    assert await check_bot_token(client_for(fake)) == fake.team_id


@pytest.mark.parametrize("code", ["invalid_auth", "token_revoked", "not_authed", "account_inactive"])
async def test_a_rejected_bot_token_exits_2_naming_it(fake: FakeSlack, code: str) -> None:
    fake.fail_next("auth.test", status=200, error=code)
    with pytest.raises(StartupError) as caught:
        await check_bot_token(client_for(fake), sleep=Waits())
    assert caught.value.exit_code == 2
    assert "SLACK_BOT_TOKEN" in str(caught.value)
    assert code in str(caught.value)


async def test_slack_down_briefly_at_start_is_waited_out(fake: FakeSlack) -> None:
    fake.fail_next("auth.test", status=503, times=2)
    waits = Waits()
    assert await check_bot_token(client_for(fake), sleep=waits) == fake.team_id
    assert len(waits.waits) == 2


async def test_slack_unreachable_exits_1_after_a_short_retry() -> None:
    async with FakeSlack() as gone:
        url = gone.api_url
    waits = Waits()
    client = AsyncWebClient(token="xoxb-test", base_url=url, retry_handlers=[])
    with pytest.raises(StartupError) as caught:
        await check_bot_token(client, sleep=waits)
    assert caught.value.exit_code == 1
    assert "could not be reached" in str(caught.value)
    assert len(waits.waits) == 2


async def test_a_rejected_app_token_exits_2_naming_it(fake: FakeSlack) -> None:
    fake.fail_next("apps.connections.open", status=200, error="invalid_auth")
    with pytest.raises(StartupError) as caught:
        await check_app_token(client_for(fake), "xapp-1-bad", sleep=Waits())
    assert caught.value.exit_code == 2
    assert "SLACK_APP_TOKEN" in str(caught.value)
    opened = fake.calls_to("apps.connections.open")
    assert [c.token for c in opened] == ["xapp-1-bad"]


def slack_error(code: str) -> SlackApiError:
    class Response:
        status_code = 200
        data = {"ok": False, "error": code}  # noqa: RUF012

        def __getitem__(self, key: str) -> object:
            return self.data[key]

    return SlackApiError(code, Response())


class FlakyConnection:
    """The Slack edge of Socket Mode: `connect()` fails with the queued errors, then succeeds."""

    def __init__(self, failures: list[BaseException]) -> None:
        self.failures = list(failures)
        self.up = False
        self.connects = 0
        self.closed = False

    async def connect(self) -> None:
        self.connects += 1
        if self.failures:
            raise self.failures.pop(0)
        self.up = True

    async def is_connected(self) -> bool:
        return self.up

    async def drop(self) -> None:
        self.up = False

    async def close(self) -> None:
        self.closed = True


async def test_first_connection_with_a_rejected_app_token_exits_2() -> None:
    supervisor = SocketSupervisor(FlakyConnection([slack_error("invalid_auth")]), sleep=Waits())
    with pytest.raises(StartupError) as caught:
        await supervisor.start()
    assert caught.value.exit_code == 2
    assert "SLACK_APP_TOKEN" in str(caught.value)


async def test_first_connection_failing_otherwise_exits_1() -> None:
    supervisor = SocketSupervisor(FlakyConnection([ConnectionResetError()]), sleep=Waits())
    with pytest.raises(StartupError) as caught:
        await supervisor.start()
    assert caught.value.exit_code == 1


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@examples(max_examples=30)
@given(st.lists(st.sampled_from(["timeout", "reset", "internal_error", "ratelimited"]), max_size=14))
def test_a_lost_connection_is_retried_with_growing_waits_one_line_per_attempt(faults: list[str]) -> None:
    errors: dict[str, BaseException] = {
        "timeout": TimeoutError(),
        "reset": ConnectionResetError(),
        "internal_error": slack_error("internal_error"),
        "ratelimited": slack_error("ratelimited"),
    }
    connection = FlakyConnection([errors[f] for f in faults])
    waits = Waits()
    supervisor = SocketSupervisor(connection, sleep=waits)
    lines = Lines()
    log = logging.getLogger("handlers.socket_mode")
    log.addHandler(lines)
    old_level = log.level
    log.setLevel(logging.INFO)
    try:
        asyncio.run(supervisor.reconnect(asyncio.Event()))
    finally:
        log.removeHandler(lines)
        log.setLevel(old_level)
    assert connection.up
    assert connection.connects == len(faults) + 1
    assert waits.waits == [backoff(n) for n in range(1, len(faults) + 1)]
    assert all(a <= b for a, b in zip(waits.waits, waits.waits[1:], strict=False))
    assert all(w <= BACKOFF_CAP for w in waits.waits)
    assert len(lines.records) == len(faults) + 1
    assert all(r.exc_info is None for r in lines.records), "no traceback per attempt"


async def test_a_token_revoked_while_running_ends_the_watch_with_exit_2() -> None:
    connection = FlakyConnection([TimeoutError(), slack_error("token_revoked")])
    supervisor = SocketSupervisor(connection, sleep=Waits())
    with pytest.raises(StartupError) as caught:
        await supervisor.watch(asyncio.Event())
    assert caught.value.exit_code == 2


async def test_watch_returns_when_stopped_and_leaves_a_live_connection_alone() -> None:
    connection = FlakyConnection([])
    await connection.connect()
    stop = asyncio.Event()
    checks = 0

    async def tick(_seconds: float) -> None:
        nonlocal checks
        checks += 1
        if checks == 3:
            stop.set()

    await SocketSupervisor(connection, sleep=tick).watch(stop)
    assert connection.connects == 1
