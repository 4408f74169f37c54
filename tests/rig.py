"""The test rig every feature reuses, loaded as a plugin by `tests/conftest.py` in each process that runs tests.

- `clock`: a `ManualClock` at a fixed instant (Monday 30 November 2026, 10:00 in Oslo).
- `engine`: a fresh, migrated SQLite database in `tmp_path` per test (`SqliteFiles`: copied from a template
  migrated once per session, opened by an engine reused across tests); `any_engine` also runs on PostgreSQL when
  `TEST_DATABASE_URL` is set, in a fresh schema per test.
- `fake`: the fake Slack Web API on 127.0.0.1 with a few people in it.
- `rt`: the real services wired to the fake (`bot.app.runtime`).
- `slack`: the real `AsyncApp` served over HTTP on 127.0.0.1, driven by signed requests (`SlackSimulator`).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest
from aiohttp import web
from sqlalchemy import create_engine, make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import Runtime, build_bolt_app, runtime
from bot.clock import ManualClock
from bot.config import Settings
from handlers.web import EVENTS_PATH, build_web_app
from sim.demo.inline_sqlite import connector as inline_connector
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from storage.db import make_engine
from storage.migrate import upgrade, upgrade_connection
from storage.sqlite_driver import hop_connector
from tests.conftest import COLLEAGUE, EMPLOYEE, ENGLISH, MANAGER, NEW_YORK, NOW, SIGNING_SECRET, TEAM


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


class SqliteFiles:
    """Fresh migrated SQLite files for tests, each a copy of a template migrated once per session.

    The engines that open them are reused from one file to the next (an idle one is pointed at the new file, and
    its connections are closed when the file is done with), because SQLAlchemy keeps its compiled statements per
    engine: a new engine per test compiles every statement again, which a long-running server never does. Each
    file still has its own connections, and files in use at the same time have their own engines.

    `inline=True` opens the file with the demo's connections (`sim.demo.inline_sqlite`: the product's driver
    without its thread), for the simulations that run many sweeps and test what is sent, not how SQLite is waited on.
    """

    def __init__(self, template: Path) -> None:
        self.template = template
        self._idle: dict[bool, list[_ReusedEngine]] = {False: [], True: []}

    @asynccontextmanager
    async def fresh(self, folder: Path, *, inline: bool = False) -> AsyncIterator[AsyncEngine]:
        path = folder / "oppfolging.db"
        shutil.copy(self.template, path)
        idle = self._idle[inline]
        reused = idle.pop() if idle else _ReusedEngine(inline=inline)
        engine = reused.open(path)
        try:
            yield engine
        finally:
            await engine.dispose()
            idle.append(reused)


class _ReusedEngine:
    """An engine whose connections go to whichever file it was last pointed at."""

    def __init__(self, *, inline: bool) -> None:
        self._opener = inline_connector if inline else hop_connector
        self._path = ""
        self._engine: AsyncEngine | None = None

    def open(self, path: Path) -> AsyncEngine:
        self._path = str(path)
        url = f"sqlite+aiosqlite:///{path}"
        if self._engine is None:
            self._engine = make_engine(url, async_creator=self._connect)
        else:
            self._engine.sync_engine.url = make_url(url)  # what tests that open a second engine read
        return self._engine

    async def _connect(self) -> object:
        return await self._opener(self._path)()


@pytest.fixture(scope="session")
def sqlite_files(tmp_path_factory: pytest.TempPathFactory) -> SqliteFiles:
    """The template is migrated once per session (synchronously, so it works from any fixture)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    sync_engine = create_engine(f"sqlite:///{path}")
    try:
        with sync_engine.begin() as connection:
            upgrade_connection(connection, "head")
    finally:
        sync_engine.dispose()
    return SqliteFiles(path)


def _postgres_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


def _plain_postgres_url() -> str:
    """TEST_DATABASE_URL for asyncpg itself; skips the test without it."""
    url = _postgres_url()
    if url is None:
        pytest.skip("TEST_DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/test)")
    return url.replace("postgresql+asyncpg://", "postgresql://")


async def _as_admin(url: str, statement: str) -> None:
    """One statement on a connection of its own (schemas and databases are made and dropped outside any test's)."""
    admin = await asyncpg.connect(url)
    try:
        await admin.execute(statement)
    finally:
        await admin.close()


@asynccontextmanager
async def postgres_schema() -> AsyncIterator[tuple[str, str]]:
    """A fresh PostgreSQL schema, dropped afterwards with everything in it: (asyncpg URL for `make_engine`, schema).
    Skips without TEST_DATABASE_URL."""
    plain = _plain_postgres_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    await _as_admin(plain, f'CREATE SCHEMA "{schema}"')
    try:
        yield plain.replace("postgresql://", "postgresql+asyncpg://", 1), schema
    finally:
        await _as_admin(plain, f'DROP SCHEMA "{schema}" CASCADE')


@asynccontextmanager
async def postgres_database() -> AsyncIterator[str]:
    """A fresh PostgreSQL database of its own (its asyncpg URL), dropped afterwards. For a test that needs no other
    session in its database: VACUUM keeps the deleted rows an older snapshot in the same database may still see,
    and the other workers' tests hold snapshots in the shared one all the time."""
    plain = _plain_postgres_url()
    name = f"test_{uuid.uuid4().hex[:12]}"
    await _as_admin(plain, f'CREATE DATABASE "{name}"')
    try:
        own = make_url(plain).set(drivername="postgresql+asyncpg", database=name)
        yield own.render_as_string(hide_password=False)
    finally:
        await _as_admin(plain, f'DROP DATABASE "{name}" WITH (FORCE)')


@asynccontextmanager
async def postgres_engine() -> AsyncIterator[AsyncEngine]:
    """A migrated PostgreSQL schema of its own, dropped afterwards. Skips without TEST_DATABASE_URL."""
    async with postgres_schema() as (url, schema):
        engine = make_engine(url, schema=schema)
        try:
            await upgrade(engine)
            yield engine
        finally:
            await engine.dispose()


@pytest.fixture
async def engine(tmp_path: Path, sqlite_files: SqliteFiles) -> AsyncIterator[AsyncEngine]:
    """A fresh, migrated SQLite database for this test."""
    async with sqlite_files.fresh(tmp_path) as fresh:
        yield fresh


@pytest.fixture
async def pg_engine() -> AsyncIterator[AsyncEngine]:
    async with postgres_engine() as fresh:
        yield fresh


@pytest.fixture(params=["sqlite", "postgres"])
async def any_engine(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_files: SqliteFiles
) -> AsyncIterator[AsyncEngine]:
    """The same test on SQLite and (when TEST_DATABASE_URL is set) PostgreSQL."""
    if request.param == "sqlite":
        async with sqlite_files.fresh(tmp_path) as fresh:
            yield fresh
    else:
        async with postgres_engine() as fresh:
            yield fresh


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack(team_id=TEAM) as slack_api:
        slack_api.add_user(MANAGER, real_name="Kari Nordmann")
        slack_api.add_user(EMPLOYEE, real_name="Ola Hansen")
        slack_api.add_user(COLLEAGUE, real_name="Per Berg")
        slack_api.add_user(ENGLISH, locale="en-GB", real_name="Emma Smith")
        slack_api.add_user(NEW_YORK, tz="America/New_York", locale="en-US", real_name="Nina Olsen")
        yield slack_api


def make_settings(fake: FakeSlack, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "slack_bot_token": "xoxb-test",
        "slack_signing_secret": SIGNING_SECRET,
        "slack_api_url": fake.api_url,
        "database_url": "sqlite+aiosqlite:///unused.db",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings(fake: FakeSlack) -> Settings:
    return make_settings(fake)


@pytest.fixture
async def rt(settings: Settings, clock: ManualClock, engine: AsyncEngine) -> AsyncIterator[Runtime]:
    async with runtime(settings, clock, engine=engine) as wired:
        yield wired


@asynccontextmanager
async def serve_app(
    settings: Settings, rt: Runtime, fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[SlackSimulator]:
    """The real AsyncApp over HTTP on 127.0.0.1, with a simulator that signs requests as Slack does."""
    # A developer's own Slack variables must not leak into the app under test (Bolt reads some itself).
    for key in ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(key, raising=False)
    app = build_bolt_app(settings, rt.services, rt.client)
    runner = web.AppRunner(build_web_app(app, _healthy, signing_secret=SIGNING_SECRET), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = runner.addresses[0][1]
    simulator = SlackSimulator(
        events_url=f"http://127.0.0.1:{port}{EVENTS_PATH}", signing_secret=SIGNING_SECRET, fake=fake
    )
    try:
        yield simulator
    finally:
        await simulator.close()
        await runner.cleanup()


@pytest.fixture
async def slack(
    settings: Settings, rt: Runtime, fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[SlackSimulator]:
    async with serve_app(settings, rt, fake, monkeypatch) as simulator:
        yield simulator


async def _healthy() -> dict[str, object]:
    return {"status": "ok"}
