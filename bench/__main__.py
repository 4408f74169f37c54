"""`make bench` / `python -m bench`: every benchmark in one run, each printing its table.

`--big` adds the 1,000,000-tiltak sweep sizes; `--fanout-n 2000 10000` the larger fan-out; PostgreSQL runs when
TEST_DATABASE_URL is set (a schema and role of its own, dropped afterwards).
"""

from __future__ import annotations

import argparse
import os
import platform

from bench import ackpath, fanout, startup, sweep
from bench.common import load_average


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", nargs="+", choices=["startup", "ackpath", "fanout", "sweep"], default=None)
    parser.add_argument("--big", action="store_true", help="sweep scaling with 1,000,000 tiltak too")
    parser.add_argument("--fanout-n", type=int, nargs="+", default=[2000], help="DMs per fan-out run")
    parser.add_argument("--n", type=int, default=1500, help="ack path: commands per verb")
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    chosen = args.only or ["startup", "ackpath", "fanout", "sweep"]
    cores = len(os.sched_getaffinity(0))
    print(f"# make bench: {platform.python_implementation()} {platform.python_version()}, {cores} cores, "
          f"load average {load_average()}")  # fmt: skip
    common = ["--sqlite-only"] if args.sqlite_only else []
    if "startup" in chosen:
        startup.main([])
    if "ackpath" in chosen:
        ackpath.main(["--n", str(args.n), *common])
    if "fanout" in chosen:
        fanout.main(["--n", *map(str, args.fanout_n)])
    if "sweep" in chosen:
        sweep.main([*(["--big"] if args.big else []), *common])


if __name__ == "__main__":
    main()
