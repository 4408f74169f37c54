"""The job table (schedules/jobs.py) is the whole truth about outbox kinds: what is registered, rendered, read."""

from __future__ import annotations

import dataclasses
import random

from bot.app import Runtime
from bot.contract.digest import TrendChart
from bot.features.pulse import PulseResults
from bot.outbox.engine import OutboxService
from bot.outbox.params import Params
from handlers.render import BUILDERS
from schedules.jobs import JOBS, Missed, install


def test_every_kind_is_in_the_table_once() -> None:
    kinds = [job.kind for job in JOBS]
    assert len(kinds) == len(set(kinds))


async def test_install_registers_exactly_the_table(rt: Runtime) -> None:
    deps = rt.services.deps
    outbox = OutboxService(deps)
    kit = install(outbox, deps, pulse_secret=b"s" * 32, rng=random.Random(1), pulse_source=PulseResults(deps))
    assert outbox.kinds == {job.kind for job in JOBS}
    planned_by = {job.planner(kit).name for job in JOBS if job.planner is not None}
    assert planned_by == {
        "tiltak reminders",
        "1:1 rhythm",
        "pulse rounds",
        "weekly digests",
        "medarbeidersamtale invitations",
        "medarbeidersamtale period",
        "prøvetid decisions",
        "sick-leave milestones",
    }
    assert rt.services.outbox.kinds == outbox.kinds  # the running app uses the same table


def test_every_kind_has_a_renderer_and_typed_params() -> None:
    for job in JOBS:
        assert job.says in BUILDERS or job.says is TrendChart, job.kind
        assert issubclass(job.params, Params), job.kind
        assert dataclasses.is_dataclass(job.params), job.kind
        assert job.params.__dataclass_params__.frozen, job.kind  # type: ignore[attr-defined]


def test_missed_work_rules_follow_design() -> None:
    """DESIGN.md "Missed work": tiltak reminders and digests go late; a pulse only while open; a nudge never late."""
    rules = {job.kind: job.missed for job in JOBS}
    assert rules["tiltak.due"] == rules["tiltak.overdue"] == Missed.LATE
    assert {rules[k] for k in ("digest.team", "digest.chart", "digest.manager", "digest.org")} == {Missed.LATE}
    assert rules["pulse.open"] == rules["pulse.remind"] == Missed.WHILE_OPEN
    assert rules["oneonone.nudge"] == Missed.BEFORE_START
