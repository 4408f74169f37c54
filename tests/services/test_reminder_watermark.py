"""The tiltak reminder planner plans what is new since its last plan (`planner_mark`), and loses nothing by it.

Property (hypothesis: tiltak created and postponed at random times with random deadlines, sweeps at random
gaps from a minute to six weeks): after every sweep, the reminders planned so far with the watermark are exactly
those a planner reading every open tiltak at every sweep would have planned.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import delete

from bot.clock import ManualClock
from bot.core.deps import Defaults, Deps
from bot.features.tiltak.reminders import TiltakReminderPlanner
from storage import planner_repo, tiltak_repo
from storage.db import make_session_factory, transaction
from storage.models import PlannerMark
from storage.tiltak_models import Tiltak
from tests.conftest import EMPLOYEE, MANAGER, TEAM, explored, oslo
from tests.rig import SqliteFiles

START = oslo(2026, 3, 2, 8)


@dataclass(frozen=True)
class Step:
    after: timedelta  # since the previous step
    action: str  # "create" | "postpone" | "sweep"
    due_offset: int  # days from the step's date (create, postpone)
    which: int  # the tiltak a postponement is about


GAPS = [timedelta(minutes=1), timedelta(hours=1), timedelta(hours=5), timedelta(days=1), timedelta(days=3),
        timedelta(days=12), timedelta(days=40)]  # fmt: skip
steps = st.lists(
    st.builds(
        Step,
        after=st.sampled_from(GAPS),
        action=st.sampled_from(["create", "create", "postpone", "sweep", "sweep", "sweep"]),
        due_offset=st.one_of(st.integers(min_value=-3, max_value=5), st.integers(min_value=-60, max_value=20)),
        which=st.integers(min_value=0, max_value=20),
    ),
    min_size=3,
    max_size=30,
)  # fmt: skip


class NullNotifier:
    """The planner never calls Slack; anything else here would be a bug."""


async def run(files: SqliteFiles, scenario: list[Step]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        async with files.fresh(Path(folder)) as engine:
            clock = ManualClock(START)
            deps = Deps(sessions=make_session_factory(engine), notifier=NullNotifier(), clock=clock,  # type: ignore[arg-type]
                        defaults=Defaults())  # fmt: skip
            planner = TiltakReminderPlanner(deps)
            with_mark: set[str] = set()
            full: set[str] = set()
            ids: list[int] = []
            for number, step in enumerate(scenario, start=1):
                clock.advance(step.after)
                now = clock.now()
                async with transaction(deps.sessions) as session:
                    if step.action == "create":
                        due = _day(now, step.due_offset)
                        tiltak = Tiltak(team_id=TEAM, number=number, text="t", owner_id=EMPLOYEE,
                                        counterpart_id=MANAGER, created_by=MANAGER, due_date=due,
                                        reminders_from=now, created_at=now)  # fmt: skip
                        ids.append((await tiltak_repo.add_tiltak(session, tiltak=tiltak)).id or 0)
                    elif step.action == "postpone" and ids:
                        found = await tiltak_repo.get_tiltak(
                            session, team_id=TEAM, tiltak_id=ids[step.which % len(ids)]
                        )
                        assert found is not None
                        found.due_date, found.reminders_from = _day(now, step.due_offset), now
                    elif step.action == "sweep":
                        mark = await planner_repo.planned_up_to(session, name=planner.name)
                        # Reference first: no mark, so every open tiltak is read; then the mark as it was.
                        await session.exec(delete(PlannerMark))
                        full |= {m.dedupe_key for m in await planner.plan(session, now=now)}
                        await session.exec(delete(PlannerMark))
                        if mark is not None:
                            session.add(PlannerMark(name=planner.name, planned_up_to=mark))
                            await session.flush()
                        with_mark |= {m.dedupe_key for m in await planner.plan(session, now=now)}
                        assert with_mark == full
                        assert await planner_repo.planned_up_to(session, name=planner.name) == now


def _day(now: datetime, offset: int) -> date:
    return now.date() + timedelta(days=offset)


@settings(max_examples=explored(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenario=steps)
async def test_planning_from_the_watermark_plans_exactly_what_reading_everything_plans(
    sqlite_files: SqliteFiles, scenario: list[Step]
) -> None:
    await run(sqlite_files, scenario)


async def test_a_plan_for_an_earlier_instant_leaves_the_mark_where_it_is(sqlite_files: SqliteFiles) -> None:
    with tempfile.TemporaryDirectory() as folder:
        async with (
            sqlite_files.fresh(Path(folder)) as engine,
            transaction(make_session_factory(engine)) as session,
        ):
            await planner_repo.mark_planned(session, name="x", now=START)
            await planner_repo.mark_planned(session, name="x", now=START - timedelta(days=1))
            assert await planner_repo.planned_up_to(session, name="x") == START
            await planner_repo.mark_planned(session, name="x", now=START + timedelta(hours=1))
            assert await planner_repo.planned_up_to(session, name="x") == START + timedelta(hours=1)


async def test_an_overdue_reminder_whose_instant_comes_after_the_last_plan_is_still_planned(
    sqlite_files: SqliteFiles,
) -> None:
    """Due Tuesday, overdue Thursday 09:00: a plan on Thursday at 08:00 finds it not yet overdue, and the next one
    (13:00), which reads only recent deadlines, must still plan it."""
    monday, thursday = timedelta(0), timedelta(days=3)
    await run(
        sqlite_files,
        [
            Step(monday, "create", 1, 0),
            Step(thursday, "sweep", 0, 0),
            Step(timedelta(hours=5), "sweep", 0, 0),
        ],
    )
