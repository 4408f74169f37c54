"""The deployment files ship the path the README describes and the tests exercise.

No container daemon runs here, so the Dockerfile is checked against the README's install and start commands, and
its HEALTHCHECK command is run for real against /healthz answering 200 and 503.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import yaml
from aiohttp import web

from handlers.web import build_web_app
from tests.contracts.blockkit import REPO_ROOT

DOCKERFILE = (REPO_ROOT / "Dockerfile").read_text(encoding="utf-8")
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per Dockerfile instruction, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    found = []
    for line in joined.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.strip().partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def readme_install_block() -> list[str]:
    section = README[README.index("## Drift / Running it") :]
    block = section[section.index("```sh") + len("```sh") : section.index("```", section.index("```sh") + 5)]
    return [line.strip() for line in block.strip().splitlines()]


def test_dockerfile_base_user_and_port() -> None:
    steps = instructions()
    assert steps[0] == ("FROM", "python:3.11-slim")
    users = [arguments for word, arguments in steps if word == "USER"]
    assert users
    assert users[-1] not in ("root", "0")
    assert ("EXPOSE", "3000") in steps


def test_dockerfile_installs_and_starts_exactly_as_the_readme_says() -> None:
    install, start = readme_install_block()
    runs = [arguments for word, arguments in instructions() if word == "RUN"]
    assert any(run == install or run.startswith(install + " && ") for run in runs), (install, runs)
    command = json.loads(next(arguments for word, arguments in instructions() if word == "CMD"))
    assert command[:2] == ["sh", "-c"]
    # `exec` only hands PID 1 to serve, so SIGTERM reaches it; the commands are the README's.
    assert command[2].replace("exec ", "") == start
    assert start == "oppfolging db upgrade && oppfolging serve"


def healthcheck_command() -> list[str]:
    arguments = next(arguments for word, arguments in instructions() if word == "HEALTHCHECK")
    assert "/healthz" in arguments
    command: list[str] = json.loads(arguments[arguments.index("CMD") + len("CMD") :].strip())
    assert command[0] == "python"
    return [sys.executable, *command[1:]]


@asynccontextmanager
async def health_server(status: str) -> AsyncIterator[int]:
    async def probe() -> dict[str, Any]:
        return {"status": status}

    runner = web.AppRunner(build_web_app(None, probe), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield int(runner.addresses[0][1])
    finally:
        await runner.cleanup()


async def run_healthcheck(port: int) -> int:
    process = await asyncio.create_subprocess_exec(
        *healthcheck_command(),
        env={"PORT": str(port)},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    return await asyncio.wait_for(process.wait(), timeout=60)


async def test_the_healthcheck_passes_on_200_and_fails_on_503() -> None:
    async with health_server("ok") as port:
        assert await run_healthcheck(port) == 0
    async with health_server("failing") as port:
        assert await run_healthcheck(port) != 0


def test_compose_has_the_bot_and_postgresql_16_with_a_volume() -> None:
    compose = yaml.safe_load((REPO_ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert services["db"]["image"] == "postgres:16"
    volume = services["db"]["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]
    bot = services["bot"]
    assert bot["build"] == "."
    assert bot["environment"]["DATABASE_URL"].startswith("postgresql://")
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"


def test_systemd_unit_migrates_serves_and_does_not_restart_on_a_bad_setting() -> None:
    unit = (REPO_ROOT / "deploy" / "oppfolging.service").read_text(encoding="utf-8")
    settings = dict(line.split("=", 1) for line in unit.splitlines() if "=" in line and not line.startswith("#"))
    assert settings["ExecStartPre"].endswith("oppfolging db upgrade")
    assert settings["ExecStart"].endswith("oppfolging serve")
    assert settings["RestartPreventExitStatus"] == "2"
    assert settings["User"] != "root"
    install = readme_install_block()[0]
    assert settings["ExecStart"].startswith(install.split()[3])  # the venv the README creates
