"""`oppfolging sweep` as a process (issue 11, item 7): SIGTERM mid-sweep lets the send in flight finish and exits
0 without a traceback; with Slack unreachable it exits 0, says how many messages wait, and loses nothing."""

from __future__ import annotations

import asyncio
import signal
import sys
from datetime import datetime
from pathlib import Path

from sim.fake_slack import FakeSlack
from storage import outbox_repo
from storage.db import make_engine, make_session_factory, transaction
from storage.migrate import upgrade
from storage.models import OutboxMessage, OutboxStatus, RecipientType
from tests.bot.test_cli import SECRET, clean_env
from tests.conftest import OSLO, TEAM

USERS = [f"UWAIT{n}" for n in range(5)]
AT = "2026-12-04T10:00:00+01:00"


async def database_with_notices(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    engine = make_engine(url)
    try:
        await upgrade(engine)
        async with transaction(make_session_factory(engine)) as session:
            rows = [
                OutboxMessage(
                    team_id=TEAM,
                    dedupe_key=f"notice:test:{user}",
                    kind="notice",
                    recipient_type=RecipientType.USER,
                    recipient_id=user,
                    params={"key": "me.resumed", "params": {}},
                    not_before=datetime(2026, 12, 4, 9, 0, tzinfo=OSLO),
                    created_at=datetime(2026, 12, 1, 9, 0, tzinfo=OSLO),
                )
                for user in USERS
            ]
            await outbox_repo.add_planned(session, messages=rows)
    finally:
        await engine.dispose()
    return url


async def statuses(url: str) -> list[tuple[str, str | None]]:
    engine = make_engine(url)
    try:
        async with transaction(make_session_factory(engine)) as session:
            return [(row.status, row.claimed_by) for row in await outbox_repo.list_messages(session)]
    finally:
        await engine.dispose()


async def start_sweep(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "sweep", "--at", AT, env=env, cwd=cwd,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def test_sigterm_mid_sweep_finishes_the_send_in_flight_and_exits_0(tmp_path: Path) -> None:
    url = await database_with_notices(tmp_path)
    async with FakeSlack(team_id=TEAM) as fake:
        for user in USERS:
            fake.add_user(user)
        fake.delay_next("chat.postMessage", 2.0)  # the first send is in flight when SIGTERM comes
        env = clean_env(SLACK_BOT_TOKEN="xoxb-cli", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.api_url)
        process = await start_sweep({**env, "DATABASE_URL": url}, tmp_path)
        while not fake.calls_to("users.info"):  # noqa: ASYNC110 - the fake has no event to wait on
            await asyncio.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(process.communicate(), timeout=120)
        posts = [call for call in fake.calls_to("chat.postMessage") if call.ok]

    assert process.returncode == 0, err.decode()
    assert "Traceback" not in err.decode()
    assert len(posts) == 1
    assert "sent 1" in out.decode()
    after = await statuses(url)
    assert sorted(status for status, _ in after) == [OutboxStatus.PENDING] * 4 + [OutboxStatus.SENT]
    assert [claim for status, claim in after if status == OutboxStatus.PENDING] == [None] * 4


async def test_a_sweep_with_slack_unreachable_exits_0_and_reports_what_waits(tmp_path: Path) -> None:
    url = await database_with_notices(tmp_path)
    async with FakeSlack(team_id=TEAM) as gone:
        dead_url = gone.api_url  # nothing listens there once the fake has stopped
    env = clean_env(SLACK_BOT_TOKEN="xoxb-cli", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=dead_url)
    process = await start_sweep({**env, "DATABASE_URL": url}, tmp_path)
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)

    assert process.returncode == 0, err.decode()
    assert "Traceback" not in err.decode()
    assert "waiting 5" in out.decode()
    assert "Slack unreachable" in out.decode()
    assert await statuses(url) == [(OutboxStatus.PENDING, None)] * 5
