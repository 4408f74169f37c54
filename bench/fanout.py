"""Fan-out: N due tiltak reminders (one DM each, to N different people) delivered by the real outbox engine and
`SlackNotifier` against a fake Slack that allows `--limit` `chat.postMessage` per second (429 with `Retry-After`
beyond). Wall time against the floor N ÷ limit, duplicates, losses, 429s, and the peak RSS of this process (the
bot's engine and the fake Slack together). Sweeps run back to back until nothing waits.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from datetime import UTC, datetime

from bench.common import (
    BOT_TOKEN,
    SIGNING_SECRET,
    Database,
    bulk_insert,
    database,
    print_table,
    rss_mb,
    run_part,
    seed_tiltak,
)
from bot.app import runtime
from bot.clock import OffsetClock
from bot.config import Settings
from sim.rate_limited import RateLimitedSlack
from storage.db import make_engine

NOW = datetime(2026, 12, 9, 9, 30, tzinfo=UTC)  # a Wednesday, 10:30 in Oslo: due reminders (09:00) are due
METHOD = "chat.postMessage"


async def one_run(db: Database, count: int, limit: float) -> list[str]:
    await seed_tiltak(db, count, today=NOW.date(), due_soon=count, open_share=0.0, distinct_owners=True)
    people = [("T0001", f"U{i:07d}", "Europe/Oslo", "nb-NO", False, False, False, False, False, NOW, NOW)
              for i in range(1, count + 1)]  # fmt: skip
    columns = ("team_id", "user_id", "tz", "locale", "paused", "is_bot", "deleted", "is_admin", "away",
               "refreshed_at", "created_at")  # fmt: skip
    await bulk_insert(db, "person", columns, people)
    async with RateLimitedSlack(limits={METHOD: limit}) as fake:
        for _, user, *_rest in people:
            fake.add_user(user)
        settings = Settings(slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET, slack_api_url=fake.api_url)
        engine = make_engine(db.async_url)
        sweeps = 0
        try:
            async with runtime(settings, OffsetClock(NOW), engine=engine) as rt:
                started = time.perf_counter()
                while True:
                    sweeps += 1
                    report = await rt.services.outbox.send_due_messages()
                    if report.waiting == 0 or sweeps >= 50:
                        break
                wall = time.perf_counter() - started
        finally:
            await engine.dispose()
        delivered = Counter(str(call.args.get("channel")) for call in fake.calls_to(METHOD) if call.ok)
    floor = count / limit
    duplicates = sum(n - 1 for n in delivered.values() if n > 1)
    lost = count - len(delivered)
    return [
        f"{count:,}", f"{limit:.0f}/s", f"{wall:.1f}", f"{floor:.1f}", f"{wall / floor:.2f}×",
        str(duplicates), str(lost), str(fake.refused.get(METHOD, 0)), str(sweeps), f"{rss_mb_peak():.0f}",
    ]  # fmt: skip


def rss_mb_peak() -> float:
    import os

    return rss_mb(os.getpid(), "VmHWM")


async def run(args: argparse.Namespace) -> None:
    rows = []
    for count in args.n:
        async with database("sqlite") as db:
            rows.append(await one_run(db, count, args.limit))
    print_table(
        f"Fan-out on SQLite against a {args.limit:.0f}/s limit on {METHOD} (load average before: {args.load})",
        ["DMs", "limit", "wall (s)", "floor N ÷ limit (s)", "wall ÷ floor", "duplicates", "lost", "429s", "sweeps",
         "peak RSS, engine + fake Slack (MB)"],
        rows,
    )  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--n", type=int, nargs="+", default=[2000], help="DMs per run (default 2000; 10000 too)")
    parser.add_argument("--limit", type=float, default=50.0, help="chat.postMessage per second (default 50)")


def main(argv: list[str] | None = None) -> None:
    run_part("python -m bench.fanout", __doc__, add_arguments, run, argv)


if __name__ == "__main__":
    main()
