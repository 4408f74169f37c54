"""Ack path: signed `/oppfolging liste` and `hjelp` over HTTP, N commands from C concurrent clients, against the
bare anchor (`bench.anchor`) and a real `oppfolging serve` on SQLite and (with TEST_DATABASE_URL) PostgreSQL.

Time to reply = from sending the command to the reply arriving at the fake Slack's response URL (what the user
sees). CPU and RSS are the server process's own (Linux /proc). Then an open-loop burst: R commands per second
for S seconds, and the slowest reply.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import time
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

from bench.common import (
    SIGNING_SECRET,
    TEAM,
    Database,
    cpu_seconds,
    database,
    oppfolging,
    oppfolging_env,
    percentile,
    postgres_url,
    print_table,
    rss_mb,
    run_part,
    seed_tiltak,
    start_server,
    stop_process,
)
from sim.driver import sign
from sim.fake_slack import FakeSlack

CALLER = "U0BENCH01"


class TimedSlack(FakeSlack):
    """The fake Slack, noting when each response-URL reply arrives."""

    def __init__(self) -> None:
        super().__init__(team_id=TEAM)
        self.arrived: dict[str, asyncio.Future[float]] = {}

    def expect(self, name: str) -> asyncio.Future[float]:
        return self.arrived.setdefault(name, asyncio.get_running_loop().create_future())

    async def _handle_response(self, request: web.Request) -> web.Response:
        response = await super()._handle_response(request)
        future = self.expect(request.match_info["name"])
        if not future.done():
            future.set_result(time.perf_counter())
        self.responses.clear()  # keep memory flat over thousands of replies
        return response


@dataclass
class Result:
    p50: float
    p99: float
    per_second: float
    cpu_ms: float
    failures: int


class Client:
    def __init__(self, fake: TimedSlack, events_url: str) -> None:
        self.fake = fake
        self.events_url = events_url
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=400))
        self.counter = itertools.count()

    async def command(self, text: str, timeout: float = 60) -> float | None:
        """Send one command; the seconds until its reply arrived, or None (no reply / not acked)."""
        name = f"c{next(self.counter)}"
        arrived = self.fake.expect(name)
        form = {
            "team_id": TEAM, "team_domain": "bench", "channel_id": "C0GENERAL", "channel_name": "general",
            "user_id": CALLER, "user_name": "bench", "command": "/oppfolging", "text": text, "api_app_id": "A0001",
            "is_enterprise_install": "false", "response_url": self.fake.response_url(name), "trigger_id": name,
        }  # fmt: skip
        body = urlencode(form)
        stamp = int(time.time())
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": str(stamp),
            "X-Slack-Signature": sign(SIGNING_SECRET, body, stamp),
        }
        started = time.perf_counter()
        try:
            async with self.session.post(self.events_url, data=body.encode(), headers=headers) as response:
                await response.read()
                if response.status != 200:
                    return None
            async with asyncio.timeout(timeout):
                return await arrived - started
        except (TimeoutError, aiohttp.ClientError):
            return None
        finally:
            self.fake.arrived.pop(name, None)

    async def close(self) -> None:
        await self.session.close()


async def closed_loop(client: Client, text: str, count: int, concurrency: int, pid: int) -> Result:
    latencies: list[float] = []
    failures = 0
    remaining = itertools.count()

    async def worker() -> None:
        nonlocal failures
        while next(remaining) < count:
            took = await client.command(text)
            if took is None:
                failures += 1
            else:
                latencies.append(took)

    cpu_before = cpu_seconds(pid)
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - started
    cpu = cpu_seconds(pid) - cpu_before
    return Result(
        p50=percentile(latencies, 0.5) * 1000,
        p99=percentile(latencies, 0.99) * 1000,
        per_second=len(latencies) / wall,
        cpu_ms=cpu / count * 1000,
        failures=failures,
    )


async def burst(client: Client, text: str, rate: float, seconds: float) -> tuple[float, int]:
    """Open loop: `rate` commands per second for `seconds`; (slowest reply in s, commands without a reply)."""
    start = time.perf_counter()
    total = int(rate * seconds)

    async def one(i: int) -> float | None:
        await asyncio.sleep(max(0.0, start + i / rate - time.perf_counter()))
        return await client.command(text, timeout=30)

    results = await asyncio.gather(*(one(i) for i in range(total)))
    replied = [r for r in results if r is not None]
    return (max(replied) if replied else 0.0), total - len(replied)


@dataclass
class Server:
    label: str
    process: asyncio.subprocess.Process
    port: int


async def start_anchor(fake: TimedSlack) -> Server:
    process, port, _seconds = await start_server([sys.executable, "-m", "bench.anchor", "0", fake.api_url])
    return Server("bare AsyncApp + respond()", process, port)


async def start_bot(fake: TimedSlack, db: Database) -> Server:
    command = [oppfolging(), "serve", "--no-scheduler", "--port", "0"]
    process, port, _seconds = await start_server(command, env=oppfolging_env(db, fake.api_url))
    return Server(f"/oppfolging on {'SQLite' if db.kind == 'sqlite' else 'PostgreSQL'}", process, port)


async def measure(fake: TimedSlack, server: Server, args: argparse.Namespace) -> dict[str, Any]:
    client = Client(fake, f"http://127.0.0.1:{server.port}/slack/events")
    try:
        pid = server.process.pid
        await closed_loop(client, "liste", args.warmup, args.concurrency, pid)
        await closed_loop(client, "hjelp", args.warmup, args.concurrency, pid)
        liste = await closed_loop(client, "liste", args.n, args.concurrency, pid)
        hjelp = await closed_loop(client, "hjelp", args.n, args.concurrency, pid)
        slowest, lost = await burst(client, "liste", args.burst_rate, args.burst_seconds)
        return {"liste": liste, "hjelp": hjelp, "burst": (slowest, lost), "rss": rss_mb(pid)}
    finally:
        await client.close()
        await stop_process(server.process)


def _ratio(value: float, anchor: float) -> str:
    return f" ({value / anchor:.2f}×)" if anchor else ""


async def run(args: argparse.Namespace) -> None:
    kinds = ["sqlite"] + (["postgresql"] if postgres_url() and not args.sqlite_only else [])
    results: list[tuple[str, dict[str, Any]]] = []
    async with TimedSlack() as fake:
        fake.add_user(CALLER)
        results.append(("bare AsyncApp + respond()", await measure(fake, await start_anchor(fake), args)))
        for kind in kinds:
            async with database(kind) as db:
                await seed_tiltak(db, args.tiltak, today=date.today(), mine=CALLER, mine_count=args.mine)
                server = await start_bot(fake, db)
                results.append((server.label, await measure(fake, server, args)))
    anchor = results[0][1]
    header = ["", *(label for label, _ in results)]

    def row(title: str, cell: Any) -> list[str]:
        return [title, *(cell(r, anchor) for _, r in results)]

    print_table(
        f"Ack path: {args.n} commands per verb, {args.concurrency} concurrent, {args.tiltak:,} tiltak stored "
        f"({args.mine} the caller's); load average before: {args.load}",
        header,
        [
            row("`liste` time to reply p50 / p99 (ms)",
                lambda r, a: f"{r['liste'].p50:.0f} / {r['liste'].p99:.0f}{_ratio(r['liste'].p99, a['liste'].p99)}"),
            row("`liste` replies/s",
                lambda r, a: f"{r['liste'].per_second:.0f}{_ratio(r['liste'].per_second, a['liste'].per_second)}"),
            row("`hjelp` time to reply p50 / p99 (ms)", lambda r, a: f"{r['hjelp'].p50:.0f} / {r['hjelp'].p99:.0f}"),
            row("`hjelp` replies/s",
                lambda r, a: f"{r['hjelp'].per_second:.0f}{_ratio(r['hjelp'].per_second, a['hjelp'].per_second)}"),
            row("server CPU per command, `liste` / `hjelp` (ms)",
                lambda r, a: f"{r['liste'].cpu_ms:.1f} / {r['hjelp'].cpu_ms:.1f}"
                f"{_ratio(r['liste'].cpu_ms, a['liste'].cpu_ms)}"),
            row("server RSS after the run (MB)", lambda r, a: f"{r['rss']:.0f}"),
            row(f"burst {args.burst_rate:.0f}/s × {args.burst_seconds:.0f} s of `liste`: slowest reply (s), no reply",
                lambda r, a: f"{r['burst'][0]:.2f}, {r['burst'][1]}"),
            row("commands without a reply", lambda r, a: str(r["liste"].failures + r["hjelp"].failures)),
        ],
    )  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--n", type=int, default=1500, help="commands per verb (default 1500)")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--tiltak", type=int, default=10_000, help="tiltak stored (default 10,000)")
    parser.add_argument("--mine", type=int, default=50, help="of them the caller's (default 50)")
    parser.add_argument("--burst-rate", type=float, default=250.0)
    parser.add_argument("--burst-seconds", type=float, default=5.0)
    parser.add_argument("--sqlite-only", action="store_true")


def main(argv: list[str] | None = None) -> None:
    run_part("python -m bench.ackpath", __doc__, add_arguments, run, argv)


if __name__ == "__main__":
    main()
