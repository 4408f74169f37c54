"""What every test process shares: where test folders go, how many workers, the Hypothesis profiles, and the
people and instants the tests speak of.

The rig itself (databases, the fake Slack, the wired runtime, the app over HTTP) is `tests.rig`, loaded as a
plugin in the processes that run tests: with xdist, the controller only hands out tests and prints reports, so it
does not import the product (about a second of start-up before any worker starts).

Hypothesis profiles (`HYPOTHESIS_PROFILE`): `default` runs Hypothesis's own 100 examples per property; `ci` the
same number, derandomized so a red build can be replayed; `thorough` 2,000 examples for a deliberate hunt. None has
a deadline: a property fails on what it computes, never on how long a loaded machine took. The costly properties
(each example a run of many sweeps) ask `explored(n)`: n examples in CI, a third of them on a developer's machine.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

hypothesis_settings.register_profile("default", deadline=None)
hypothesis_settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
hypothesis_settings.register_profile(
    "thorough", deadline=None, max_examples=2_000, suppress_health_check=[HealthCheck.too_slow]
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
hypothesis_settings.load_profile(PROFILE)


MEMORY_DISK = Path("/dev/shm")
MEMORY_DISK_NEEDS = 256 * 2**20
"""Free space the memory file system must have to be used (a run peaked at 7 MB: a passed test's folder goes at
once, `tmp_path_retention_policy = "failed"`; a hypothesis example's folders stay until its test ends)."""
RIG = "tests.rig"


def pytest_configure(config: pytest.Config) -> None:
    """Test folders (`tmp_path`, and with them every test database) go in memory when the machine has a memory
    file system, unless `--basetemp` or PYTEST_DEBUG_TEMPROOT says otherwise. The tests check what is stored and
    sent, not the disk: on disk, each SQLite commit waits for fsync (the product keeps `synchronous=FULL`), which
    was a third of the suite's time on the two-core machine. Set here, before any worker starts, so xdist's workers
    inherit it."""
    chosen = config.option.basetemp is not None or "PYTEST_DEBUG_TEMPROOT" in os.environ
    if not chosen and MEMORY_DISK.is_dir() and os.access(MEMORY_DISK, os.W_OK):
        free = os.statvfs(MEMORY_DISK)
        if free.f_bavail * free.f_frsize >= MEMORY_DISK_NEEDS:  # not a container's small default
            os.environ["PYTEST_DEBUG_TEMPROOT"] = str(MEMORY_DISK)


@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """The rig is loaded in every process that runs tests (a worker, or a run without `-n`), not in xdist's
    controller; last, so that coverage (`pytest --cov`, started at session start in a worker) sees the product's
    modules imported."""
    if not _xdist_controller(session.config):
        session.config.pluginmanager.import_plugin(RIG)


def _xdist_controller(config: pytest.Config) -> bool:
    """True in the process that starts xdist's workers and runs no test itself."""
    if hasattr(config, "workerinput"):
        return False
    workers = getattr(config.option, "numprocesses", None)
    in_place = ("collectonly", "showfixtures", "show_fixtures_per_test")  # these run in this process
    return bool(workers) and not any(getattr(config.option, option, False) for option in in_place)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two workers per core. Some tests wait on real time (a writer holding SQLite's lock, a Web API
    call that times out, Slack's rate limit, a subprocess starting), and Bolt answers each request only after its
    next 10 ms check that the listener acked: the other workers keep the CPU busy meanwhile. Measured on the
    two-core machine: 53-54 s with four workers, 55-58 s with three, 99-104 s with two (an older, slower suite)."""
    return 2 * (os.cpu_count() or 1)


def explored(examples: int) -> int:
    """Examples for a property whose every example is a simulated run of many sweeps: all of them in CI (`.ci/run`
    sets `HYPOTHESIS_PROFILE=ci`) and under `thorough`, a third on a developer's machine so that `make test` stays
    quick there. CI's derandomized run is the one a change must pass."""
    return examples if PROFILE in ("ci", "thorough") else max(1, examples // 3)


OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=OSLO)
SIGNING_SECRET = "test-signing-secret"
TEAM = "T0001"
MANAGER = "UKARI"
EMPLOYEE = "UOLA"
COLLEAGUE = "UPER"
ENGLISH = "UEMMA"
NEW_YORK = "UNINA"


def oslo(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=OSLO)
