"""The `oppfolging` console script as an operator runs it: real subprocesses against the fake Slack.

The checks that end with exit code 2 before anything is served run `bot.cli.main` in this process instead
(`run_main`: the same argument parsing, settings loading and start-up checks, without starting Python again)."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import sys
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest

from bot.cli import main
from sim.driver import sign
from sim.fake_slack import FakeSlack
from storage import outbox_repo
from storage.db import make_engine, make_session_factory, transaction
from storage.migrate import upgrade
from storage.models import OutboxMessage, RecipientType
from tests.conftest import EMPLOYEE, OSLO, TEAM

SECRET = "cli-secret"


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "OPPFOLGING_")) and k not in ("DATABASE_URL", "LOG_LEVEL")
    }
    env.update(extra)
    return env


async def run_cli(*args: str, env: Mapping[str, str], cwd: Path) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        *args,
        env=dict(env),
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


@contextmanager
def logging_kept() -> Iterator[None]:
    """`main` sets up logging for the process (root handlers, levels of named loggers): put it all back after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    levels = {name: logging.getLogger(name).level for name in list(logging.root.manager.loggerDict)}
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        for name in list(logging.root.manager.loggerDict):
            logging.getLogger(name).setLevel(levels.get(name, logging.NOTSET))


async def run_main(
    *args: str, env: Mapping[str, str], cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """`bot.cli.main(args)` in this process with exactly `env` and `cwd`, on a thread of its own (it runs its own
    event loop); exit code, stdout and stderr."""
    for key in list(os.environ):
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(cwd)
    capsys.readouterr()
    with logging_kept():
        try:
            code = await asyncio.to_thread(main, list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


async def test_missing_token_exits_2_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env = clean_env(SLACK_SIGNING_SECRET="x")
    code, _out, err = await run_main("sweep", env=env, cwd=tmp_path, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2
    assert "SLACK_BOT_TOKEN" in err


async def test_malformed_settings_exit_2_naming_every_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env = clean_env(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="x", OPPFOLGING_TIMEZONE="Mars/Base")
    env["OPPFOLGING_LANGUAGE"] = "sv"
    code, _out, err = await run_main("serve", env=env, cwd=tmp_path, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2
    assert "OPPFOLGING_TIMEZONE" in err
    assert "OPPFOLGING_LANGUAGE" in err


async def test_db_upgrade_creates_the_sqlite_file(tmp_path: Path) -> None:
    code, out, _err = await run_cli("db", "upgrade", env=clean_env(), cwd=tmp_path)
    assert code == 0, out
    assert (tmp_path / "oppfolging.db").exists()


async def test_sweep_twice_at_the_same_instant_sends_once(tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    url = f"sqlite+aiosqlite:///{database}"
    engine = make_engine(url)
    try:
        await upgrade(engine)
        async with transaction(make_session_factory(engine)) as session:
            row = OutboxMessage(
                team_id=TEAM,
                dedupe_key="notice:test:1",
                kind="notice",
                recipient_type=RecipientType.USER,
                recipient_id=EMPLOYEE,
                params={"key": "me.resumed", "params": {}},
                not_before=datetime(2026, 12, 4, 9, 0, tzinfo=OSLO),
                created_at=datetime(2026, 12, 1, 9, 0, tzinfo=OSLO),
            )
            await outbox_repo.add_planned(session, messages=[row])
    finally:
        await engine.dispose()
    async with FakeSlack(team_id=TEAM) as fake:
        fake.add_user(EMPLOYEE)
        env = clean_env(
            SLACK_BOT_TOKEN="xoxb-cli", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.api_url, DATABASE_URL=url
        )
        first = await run_cli("sweep", "--at", "2026-12-04T10:00:00+01:00", env=env, cwd=tmp_path)
        second = await run_cli("sweep", "--at", "2026-12-04T10:00:00+01:00", env=env, cwd=tmp_path)
        posts = [c for c in fake.calls_to("chat.postMessage") if c.ok]
    assert first[0] == 0, first[2]
    assert second[0] == 0, second[2]
    assert "sent 1" in first[1]
    assert f"DM to {EMPLOYEE}: notice" in first[1]
    assert "sent 0" in second[1]
    assert len(posts) == 1
    assert posts[0].args["channel"] == EMPLOYEE


SERVING = re.compile(rb"serving on (?:\S+:)?(\d+)")


async def bound_port(process: asyncio.subprocess.Process) -> int:
    """The port `serve --port 0` got from the OS, read from its start-up log line; the rest of stderr is drained."""
    assert process.stderr is not None
    while line := await asyncio.wait_for(process.stderr.readline(), timeout=120):
        if found := SERVING.search(line):
            return int(found.group(1))
    raise AssertionError(f"serve exited ({await process.wait()}) before it was serving")


async def drain(stream: asyncio.StreamReader) -> None:
    while await stream.readline():
        pass


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[tuple[str, FakeSlack, asyncio.subprocess.Process]]:
    async with FakeSlack(team_id=TEAM) as fake:
        fake.add_user(EMPLOYEE)
        env = clean_env(
            SLACK_BOT_TOKEN="xoxb-cli",
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=fake.api_url,
            DATABASE_URL=f"sqlite:///{tmp_path / 'serve.db'}",
            LOG_LEVEL="INFO",
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "serve",
            "--port",
            "0",
            env=env,
            cwd=tmp_path,
            stderr=asyncio.subprocess.PIPE,
        )
        assert process.stderr is not None
        drained: asyncio.Task[None] | None = None
        try:
            base = f"http://127.0.0.1:{await bound_port(process)}"
            drained = asyncio.create_task(drain(process.stderr))
            yield base, fake, process
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
            if drained is not None:
                await drained


async def test_serve_answers_signed_commands_refuses_forged_ones_and_stops_cleanly(
    served: tuple[str, FakeSlack, asyncio.subprocess.Process],
) -> None:
    base, fake, process = served
    async with aiohttp.ClientSession() as session:
        async with session.get(base + "/healthz") as response:
            assert response.status == 200
            health = await response.json()
        assert health["database"] == "ok"
        assert health["scheduler"] in ("running", "stopped")
        body = urlencode(
            {
                "command": "/oppfolging",
                "text": "hjelp",
                "user_id": EMPLOYEE,
                "team_id": TEAM,
                "channel_id": "C1",
                "response_url": fake.response_url("cli"),
                "trigger_id": "t.1",
            }
        )
        stamp = int(datetime.now().timestamp())  # noqa: DTZ005 - Slack signs with the real wall clock
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": str(stamp),
            "X-Slack-Signature": sign(SECRET, body, stamp),
        }
        async with session.post(base + "/slack/events", data=body, headers=headers) as response:
            assert response.status == 200
        forged = {**headers, "X-Slack-Signature": sign("wrong", body, stamp)}
        async with session.post(base + "/slack/events", data=body, headers=forged) as response:
            assert response.status == 401
    for _ in range(100):
        if fake.responses_to("cli"):
            break
        await asyncio.sleep(0.1)
    assert "slik bruker du meg" in str(fake.responses_to("cli")[0])
    process.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(process.wait(), timeout=30) == 0
