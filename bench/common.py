"""Shared pieces of the benchmarks: tables, percentiles, process CPU and RSS, databases of their own, seeding.

Nothing here is imported by the runtime. A benchmark database is a temporary SQLite file or a PostgreSQL schema
of its own (reached through a role of its own whose `search_path` is that schema, so a subprocess started with a
plain URL lands in it), dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from asyncio.subprocess import Process
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg  # type: ignore[import-untyped]

SIGNING_SECRET = "bench-signing-secret-0123456789"
BOT_TOKEN = "xoxb-bench-token"
TEAM = "T0001"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A Markdown table (pastes into the README as it is)."""
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("| " + " | ".join("---" for _ in header) + " |")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    sys.stdout.flush()


def percentile(values: Sequence[float], share: float) -> float:
    """The `share` quantile (0..1) by nearest rank; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def mean(values: Sequence[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_mb(pid: int, key: str = "VmRSS") -> float:
    """Resident set size (or `VmHWM`, the peak) of a process in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def postgres_url() -> str | None:
    """`TEST_DATABASE_URL` (plain `postgresql://` form), if set."""
    url = os.environ.get("TEST_DATABASE_URL") or None
    return url.replace("postgresql+asyncpg://", "postgresql://") if url else None


@dataclass(frozen=True)
class Database:
    """A database for one benchmark: `url` as `oppfolging` takes it (plain `sqlite:///` or `postgresql://`)."""

    url: str
    kind: str  # "sqlite" | "postgresql"
    path: Path | None = None  # SQLite file

    @property
    def async_url(self) -> str:
        if self.kind == "sqlite":
            return self.url.replace("sqlite://", "sqlite+aiosqlite://", 1)
        return self.url.replace("postgresql://", "postgresql+asyncpg://", 1)


@asynccontextmanager
async def database(kind: str) -> AsyncIterator[Database]:
    """A fresh, migrated database: a temporary SQLite file, or a PostgreSQL schema and role of their own."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            path = Path(folder) / "bench.db"
            db = Database(url=f"sqlite:///{path}", kind=kind, path=path)
            migrate(db)
            yield db
        return
    admin_url = postgres_url()
    if admin_url is None:
        raise RuntimeError("TEST_DATABASE_URL is not set")
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f'CREATE ROLE "{name}" LOGIN')
        await admin.execute(f'CREATE SCHEMA "{name}" AUTHORIZATION "{name}"')
        await admin.execute(f'ALTER ROLE "{name}" SET search_path TO "{name}"')
    finally:
        await admin.close()
    rest = admin_url.split("://", 1)[1].split("@", 1)[-1]
    db = Database(url=f"postgresql://{name}@{rest}", kind=kind)
    try:
        migrate(db)
        yield db
    finally:
        admin = await asyncpg.connect(admin_url)
        try:
            await admin.execute(f'DROP SCHEMA "{name}" CASCADE')
            await admin.execute(f'DROP ROLE "{name}"')
        finally:
            await admin.close()


def oppfolging_env(db: Database, api_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "OPPFOLGING_"))}
    env |= {
        "DATABASE_URL": db.url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": api_url,
        "LOG_LEVEL": "WARNING",
    }
    return env | extra


def oppfolging() -> str:
    return str(Path(sys.executable).with_name("oppfolging"))


def migrate(db: Database) -> None:
    """`oppfolging db upgrade` in a subprocess (as an operator would)."""
    env = oppfolging_env(db, "http://127.0.0.1:9/api/")
    subprocess.run([oppfolging(), "db", "upgrade"], env=env, check=True, capture_output=True)


# seeding ---------------------------------------------------------------------------------------------------

TILTAK_COLUMNS = (
    "team_id", "number", "text", "note", "owner_id", "counterpart_id", "created_by", "due_date", "status",
    "source", "reminders_from", "created_at", "closed_at", "closed_by",
)  # fmt: skip


def tiltak_rows(
    count: int,
    *,
    start: int,
    today: date,
    mine: str | None = None,
    mine_count: int = 0,
    open_share: float = 0.1,
    overdue_share: float = 0.0,
    due_soon: int = 0,
    distinct_owners: bool = False,
) -> list[tuple[Any, ...]]:
    """`count` tiltak numbered from `start`: the first `mine_count` owned by `mine`; `due_soon` open ones due
    `today`; `overdue_share` open and long overdue (their reminders long planned); the rest of
    `open_share` open and due in months; everything else done."""
    rng = random.Random(start)
    created = datetime(2026, 1, 5, 9, tzinfo=UTC)
    rows: list[tuple[Any, ...]] = []
    for i in range(count):
        number = start + i
        owner = mine if i < mine_count and mine else f"U{rng.randrange(1, 5000):05d}"
        if distinct_owners:
            owner = f"U{number:07d}"
        roll = rng.random()
        if i < mine_count:
            status, due = "open", today + timedelta(days=1 + i % 5)
        elif i < mine_count + due_soon:
            status, due = "open", today
        elif roll < overdue_share:
            status, due = "open", today - timedelta(days=30 + i % 30)
        elif roll < open_share:
            status, due = "open", today + timedelta(days=60 + i % 200)
        else:
            status, due = "done", today - timedelta(days=i % 300)
        closed = created if status == "done" else None
        rows.append(
            (TEAM, number, f"Tiltak nummer {number}", None, owner, None, owner, due, status, "command",
             created, created, closed, owner if closed else None)
        )  # fmt: skip
    return rows


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy stores it
    if isinstance(value, date):
        return value.isoformat()
    return value


async def bulk_insert(db: Database, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Bulk insert: `executemany` on SQLite, `COPY` on PostgreSQL."""
    if db.kind == "sqlite":
        assert db.path is not None
        connection = sqlite3.connect(db.path)
        try:
            marks = ", ".join("?" for _ in columns)
            converted = ([_sqlite_value(v) for v in row] for row in rows)
            connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", converted)
            connection.commit()
        finally:
            connection.close()
        return
    connection = await asyncpg.connect(db.url)
    try:
        await connection.copy_records_to_table(table, records=rows, columns=list(columns))
    finally:
        await connection.close()


async def analyze(db: Database) -> None:
    """Fresh planner statistics after seeding (what autovacuum / `PRAGMA optimize` would do in production)."""
    if db.kind == "sqlite":
        assert db.path is not None
        connection = sqlite3.connect(db.path)
        try:
            connection.execute("ANALYZE")
        finally:
            connection.close()
        return
    connection = await asyncpg.connect(db.url)
    try:
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


async def seed_tiltak(db: Database, total: int, *, chunk: int = 100_000, **options: Any) -> float:
    """Seed `total` tiltak in chunks; returns seconds taken."""
    started = time.perf_counter()
    mine_count = int(options.pop("mine_count", 0))
    due_soon = int(options.pop("due_soon", 0))
    for start in range(0, total, chunk):
        rows = tiltak_rows(
            min(chunk, total - start), start=start + 1, mine_count=mine_count if start == 0 else 0,
            due_soon=due_soon if start == 0 else 0, **options,
        )  # fmt: skip
        await bulk_insert(db, "tiltak", TILTAK_COLUMNS, rows)
    await bulk_insert(db, "counter", ("team_id", "name", "value"), [(TEAM, "tiltak", total)])
    await analyze(db)
    return time.perf_counter() - started


def listening_port(pid: int) -> int | None:
    """The TCP port process `pid` listens on, read from Linux's /proc (its socket inodes, matched against the
    listening sockets in /proc/net/tcp), or None while it listens on none.

    Servers here are started on port 0 and the OS picks the port; this reads it back. Probing for a free port and
    passing it on races with every other process on the machine (the suites of other engineers, say)."""
    inodes: set[str] = set()
    fds = Path(f"/proc/{pid}/fd")
    for fd in fds.iterdir() if fds.exists() else ():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as lines:
            next(lines)
            for line in lines:
                fields = line.split()
                if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                    return int(fields[1].rsplit(":", 1)[1], 16)
    return None


async def start_server(command: Sequence[str], *, env: dict[str, str] | None = None) -> tuple[Process, int, float]:
    """Start a server told to listen on port 0; its process, the port the OS gave it, and the seconds from start
    until its `/healthz` answered 200."""
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(*command, env=env)
    while (port := listening_port(process.pid)) is None:
        if process.returncode is not None or time.perf_counter() - started > 60:
            raise RuntimeError(f"{command[0]} did not start listening")
        await asyncio.sleep(0.01)
    await wait_until_up(f"http://127.0.0.1:{port}/healthz", process=process)
    return process, port, time.perf_counter() - started


async def wait_until_up(url: str, *, process: asyncio.subprocess.Process, timeout: float = 60) -> float:
    """Poll `url` until it answers 200; returns the seconds waited. Fails if the process ends first."""
    started = time.perf_counter()
    async with aiohttp.ClientSession() as session:
        while time.perf_counter() - started < timeout:
            if process.returncode is not None:
                raise RuntimeError(f"process ended with {process.returncode} before {url} answered")
            try:
                async with session.get(url) as response:
                    if response.status == 200:
                        return time.perf_counter() - started
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.02)
    raise TimeoutError(url)


async def stop_process(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.terminate()
        try:
            async with asyncio.timeout(20):
                await process.wait()
        except TimeoutError:
            process.kill()
            await process.wait()


def run_part(
    prog: str,
    description: str | None,
    add_arguments: Callable[[argparse.ArgumentParser], None],
    run: Callable[[argparse.Namespace], Coroutine[Any, Any, None]],
    argv: list[str] | None = None,
) -> None:
    """`python -m bench.<part>`: parse the part's options, note the load average before, run it."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    add_arguments(parser)
    args = parser.parse_args(argv)
    args.load = load_average()
    asyncio.run(run(args))
