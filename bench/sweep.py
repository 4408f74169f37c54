"""Sweep scaling: the tiltak reminder planner and the outbox claim with 10,000 and (`--big`) 1,000,000 tiltak
stored, on SQLite and (with TEST_DATABASE_URL) PostgreSQL, each with the query plans of the real statements.

Per size: 1 % of the tiltak open and long overdue (their overdue reminders planned by a first sweep), `--due`
open tiltak due today (their due reminders fall due at 09:00), the rest done or due in months.
- first plan: plans the due and overdue reminders (inserts);
- plan with nothing new: the same sweep once more (what every sweep costs when nothing changed);
- claims: every due row claimed in batches of 20 (no sends: planning and claiming alone);
- `liste`: one person's open tiltak (the request path's query).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.ackpath import TimedSlack
from bench.common import (
    BOT_TOKEN,
    SIGNING_SECRET,
    Database,
    database,
    postgres_url,
    print_table,
    run_part,
    seed_tiltak,
)
from bot.app import runtime
from bot.clock import ManualClock
from bot.config import Settings
from storage import outbox_claim, tiltak_repo
from storage.db import make_engine, make_session_factory, transaction

NOW = datetime(2026, 12, 9, 9, 30, tzinfo=UTC)  # a Wednesday, 10:30 in Oslo: due reminders (09:00) are due
TODAY = date(2026, 12, 9)


@contextmanager
def explained(engine: AsyncEngine, marker: str, plans: dict[str, list[str]], label: str) -> Iterator[None]:
    """Record the query plan of the first statement containing `marker`, run on the same connection."""

    def before(conn: Any, cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if label in plans or marker not in statement:
            return
        prefix = "EXPLAIN QUERY PLAN " if conn.dialect.name == "sqlite" else "EXPLAIN "
        cursor.execute(prefix + statement, parameters)
        plans[label] = [" ".join(str(cell) for cell in row[-1:]) for row in cursor.fetchall()]

    event.listen(engine.sync_engine, "before_cursor_execute", before)
    try:
        yield
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", before)


async def one_size(
    db: Database, size: int, args: argparse.Namespace, api_url: str
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    seeded = await seed_tiltak(db, size, today=TODAY, overdue_share=0.01, due_soon=args.due, open_share=0.05)
    engine = make_engine(db.async_url)
    plans: dict[str, list[str]] = {}
    clock = ManualClock(NOW)
    settings = Settings(slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET, slack_api_url=api_url)
    try:
        async with runtime(settings, clock, engine=engine, pacing=False) as rt:
            outbox = rt.services.outbox
            sessions = make_session_factory(engine)
            started = time.perf_counter()
            with explained(engine, "FROM tiltak", plans, "planner, first plan: every open tiltak due by"):
                created = await outbox.plan(now=NOW)
            first = time.perf_counter() - started
            clock.advance(timedelta(seconds=60))
            started = time.perf_counter()
            with explained(engine, "FROM tiltak", plans, "planner, nothing new: tiltak due or set since the mark"):
                again = await outbox.plan(now=clock.now())
            nothing_new = time.perf_counter() - started
            claims: list[float] = []
            claimed = 0
            with explained(engine, "UPDATE outbox", plans, "claim of 20"):
                while True:
                    started = time.perf_counter()
                    async with transaction(sessions) as session:
                        batch = await outbox_claim.claim_due(
                            session, now=clock.now(), lease_until=clock.now() + timedelta(minutes=5), worker="bench",
                            limit=20,
                        )  # fmt: skip
                    claims.append(time.perf_counter() - started)
                    claimed += len(batch)
                    if not batch:
                        break
            lists: list[float] = []
            with explained(engine, "FROM tiltak", plans, "liste: one person's open tiltak"):
                for user in ("U00001", "U00002", "U00003", "U00004", "U00005"):
                    started = time.perf_counter()
                    async with transaction(sessions) as session:
                        await tiltak_repo.list_open_rows(session, team_id="T0001", user_id=user)
                    lists.append(time.perf_counter() - started)
    finally:
        await engine.dispose()
    row = {
        "seed": seeded, "first": first, "created": created, "again": nothing_new, "again_created": again,
        "claim_ms": sum(claims) / len(claims) * 1000, "claimed": claimed, "liste_ms": sum(lists) / len(lists) * 1000,
    }  # fmt: skip
    return row, plans


async def run(args: argparse.Namespace) -> None:
    kinds = ["sqlite"] + (["postgresql"] if postgres_url() and not args.sqlite_only else [])
    sizes = [10_000] + ([1_000_000] if args.big else [])
    rows: list[list[str]] = []
    all_plans: list[tuple[str, dict[str, list[str]]]] = []
    async with TimedSlack() as fake:
        for kind in kinds:
            base: dict[str, Any] | None = None
            for size in sizes:
                async with database(kind) as db:
                    result, plans = await one_size(db, size, args, fake.api_url)
                base = base or result
                label = f"{'SQLite' if kind == 'sqlite' else 'PostgreSQL'}, {size:,}"
                ratio = f" ({result['again'] / base['again']:.2f}×)" if base is not result else ""
                liste = f" ({result['liste_ms'] / base['liste_ms']:.2f}×)" if base is not result else ""
                rows.append([
                    label, f"{result['seed']:.1f}", f"{result['first']:.2f} ({result['created']})",
                    f"{result['again']:.3f}{ratio} ({result['again_created']})",
                    f"{result['claim_ms']:.1f} ({result['claimed']})", f"{result['liste_ms']:.1f}{liste}",
                ])  # fmt: skip
                all_plans.append((label, plans))
    print_table(
        f"Sweep scaling: {args.due} tiltak due today, 1 % open and overdue, the rest done or due later "
        f"(load average before: {args.load})",
        ["database, tiltak stored", "seed (s)", "first plan (s, rows)", "plan with nothing new (s, rows)",
         "claim of 20, mean (ms, rows)", "`liste` query (ms)"],
        rows,
    )  # fmt: skip
    for label, plans in all_plans:
        print(f"\nQuery plans, {label}:")
        for name, lines in plans.items():
            print(f"- {name}: " + "; ".join(line.strip() for line in lines if line.strip())[:600])


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--big", action="store_true", help="also 1,000,000 tiltak (seeding takes minutes)")
    parser.add_argument("--due", type=int, default=1000, help="tiltak due today (one reminder each)")
    parser.add_argument("--sqlite-only", action="store_true")


def main(argv: list[str] | None = None) -> None:
    run_part("python -m bench.sweep", __doc__, add_arguments, run, argv)


if __name__ == "__main__":
    main()
