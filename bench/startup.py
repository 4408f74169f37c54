"""Start-up: `oppfolging sweep` with nothing to do, `serve` until `/healthz` answers (and its idle RSS), the bare
anchor until its `/healthz`, and `import bot.app` alone (and whether it pulled in matplotlib). Median of R runs."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from bench.ackpath import TimedSlack
from bench.common import (
    database,
    oppfolging,
    oppfolging_env,
    print_table,
    rss_mb,
    run_part,
    start_server,
    stop_process,
)

IMPORT_PROBE = (
    "import sys, time; t = time.perf_counter(); import bot.app; "
    "print(time.perf_counter() - t, 'matplotlib' in sys.modules)"
)


async def run(args: argparse.Namespace) -> None:
    sweeps: list[float] = []
    serves: list[float] = []
    anchors: list[float] = []
    imports: list[float] = []
    rss: list[float] = []
    matplotlib_loaded = False
    async with TimedSlack() as fake, database("sqlite") as db:
        env = oppfolging_env(db, fake.api_url)
        for _ in range(args.repeat):
            started = time.perf_counter()
            subprocess.run([oppfolging(), "sweep"], env=env, check=True, capture_output=True)
            sweeps.append(time.perf_counter() - started)

            process, _port, took = await start_server([oppfolging(), "serve", "--port", "0"], env=env)
            serves.append(took)
            rss.append(rss_mb(process.pid))
            await stop_process(process)

            process, _port, took = await start_server([sys.executable, "-m", "bench.anchor", "0", fake.api_url])
            anchors.append(took)
            await stop_process(process)

            probe = subprocess.run([sys.executable, "-c", IMPORT_PROBE], check=True, capture_output=True, text=True)
            seconds, loaded = probe.stdout.split()
            imports.append(float(seconds))
            matplotlib_loaded = matplotlib_loaded or loaded == "True"

    def median(values: list[float]) -> str:
        return f"{statistics.median(values):.2f} s"

    print_table(
        f"Start-up (median of {args.repeat}; load average before: {args.load})",
        ["", "time"],
        [
            ["`oppfolging sweep`, nothing to do (process start to exit)", median(sweeps)],
            ["`oppfolging serve` until `/healthz` answers 200", median(serves)],
            ["bare Bolt anchor until its `/healthz`", median(anchors)],
            ["`import bot.app` alone", median(imports)],
            ["matplotlib imported by `import bot.app`", "yes" if matplotlib_loaded else "no"],
            ["`serve` idle RSS after start (MB)", f"{statistics.median(rss):.0f}"],
        ],
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repeat", type=int, default=3)


def main(argv: list[str] | None = None) -> None:
    run_part("python -m bench.startup", __doc__, add_arguments, run, argv)


if __name__ == "__main__":
    main()
