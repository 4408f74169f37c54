"""`oppfolging serve` as an operator meets it: token checks at start, JSON logs, health and metrics over HTTP."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from sim.fake_slack import FakeSlack
from tests.bot.test_cli import clean_env, run_cli, run_main
from tests.conftest import EMPLOYEE, TEAM

EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"


def serve_env(fake: FakeSlack, tmp_path: Path, **extra: str) -> dict[str, str]:
    values = {
        "SLACK_BOT_TOKEN": "xoxb-cli",
        "SLACK_SIGNING_SECRET": "cli-secret",
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        "HOST": "127.0.0.1",
        "PORT": "0",
    }
    return clean_env(**{**values, **extra})


async def test_a_bot_token_slack_rejects_exits_2_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async with FakeSlack(team_id=TEAM) as fake:
        fake.fail_next("auth.test", status=200, error="invalid_auth")
        env = serve_env(fake, tmp_path)
        code, _out, err = await run_main("serve", env=env, cwd=tmp_path, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2, err
    assert "SLACK_BOT_TOKEN" in err
    assert "invalid_auth" in err
    assert "Traceback" not in err
    assert not (tmp_path / "serve.db").exists(), "nothing is set up before the token is known to work"


async def test_the_placeholder_bot_token_exits_2_naming_it_without_asking_slack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async with FakeSlack(team_id=TEAM) as fake:
        env = serve_env(fake, tmp_path, SLACK_BOT_TOKEN="xoxb-...")
        code, _out, err = await run_main("serve", env=env, cwd=tmp_path, monkeypatch=monkeypatch, capsys=capsys)
        assert fake.calls_to("auth.test") == []
    assert code == 2
    assert "SLACK_BOT_TOKEN" in err
    assert "placeholder" in err


async def test_env_example_copied_as_is_exits_2_naming_the_keys_to_fill_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".env").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    env = clean_env()
    code, _out, err = await run_main("serve", env=env, cwd=tmp_path, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2
    assert "SLACK_BOT_TOKEN" in err
    assert "SLACK_SIGNING_SECRET" in err
    assert "SLACK_APP_TOKEN" not in err


async def test_an_app_token_slack_rejects_exits_2_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async with FakeSlack(team_id=TEAM) as fake:
        fake.fail_next("apps.connections.open", status=200, error="invalid_auth")
        env = serve_env(fake, tmp_path, SLACK_APP_TOKEN="xapp-1-A1-rejected")
        code, _out, err = await run_main("serve", env=env, cwd=tmp_path, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2, err
    assert "SLACK_APP_TOKEN" in err
    assert "SLACK_BOT_TOKEN" not in err


async def test_version(tmp_path: Path) -> None:
    code, out, _err = await run_cli("--version", env=clean_env(), cwd=tmp_path)
    assert code == 0
    assert out.startswith("oppfolging ")


async def test_serve_with_json_logs_health_readiness_and_metrics(tmp_path: Path) -> None:
    async with FakeSlack(team_id=TEAM) as fake:
        fake.add_user(EMPLOYEE)
        env = serve_env(fake, tmp_path, LOG_FORMAT="json", LOG_LEVEL="INFO", OPPFOLGING_SWEEP_INTERVAL="5")
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "serve", env=env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE
        )
        assert process.stderr is not None
        lines: list[str] = []
        try:
            while True:
                line = (await asyncio.wait_for(process.stderr.readline(), timeout=60)).decode()
                assert line, "serve ended before listening: " + "".join(lines)
                lines.append(line)
                if "serving on" in line:
                    break
            port = json.loads(lines[-1])["message"].split(":")[1].split(" ")[0]
            base = f"http://127.0.0.1:{port}"
            async with aiohttp.ClientSession() as http:
                async with http.get(base + "/healthz") as response:
                    health = await response.json()
                    assert response.status == 200, health
                assert health["migrations"] == "at head"
                assert health["scheduler"] == "running"
                async with http.get(base + "/readyz") as response:
                    assert response.status == 200
                async with http.get(base + "/metrics") as response:
                    assert response.status == 200
                    assert response.headers["Content-Type"].startswith("text/plain")
                    names = {f.name for f in text_string_to_metric_families(await response.text())}
            assert {"oppfolging_slack_requests", "oppfolging_outbox_rows", "oppfolging_slack_api_errors"} <= names
            process.send_signal(signal.SIGTERM)
            rest = await asyncio.wait_for(process.stderr.read(), timeout=30)
            assert await process.wait() == 0
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    lines += rest.decode().splitlines(keepends=True)
    entries = [json.loads(line) for line in lines if line.strip()]
    assert entries, "no log lines"
    for entry in entries:
        assert {"time", "level", "logger", "message"} <= set(entry)
    assert not [e for e in entries if e["logger"].startswith(("apscheduler", "alembic"))], entries
    assert not [e for e in entries if "will be unused" in e["message"]]
    assert any(e["message"].startswith("shutting down") for e in entries)
