"""Delivery that survives Slack outages and a slow Slack (issue 11, items 1, 2 and 7).

The real outbox, notifier and Web API client against the fake Slack; the sweeps run on the injected clock, as the
scheduler would run them, so a 30-minute outage takes no real time. Properties:
- whatever the outage (status, length) and the sweep interval, every due message is delivered exactly once
  after Slack is back, and none fails while its deadline has not passed;
- a send that times out after leaving is never repeated in the same sweep, and repeated once at most.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import Runtime, runtime
from bot.clock import ManualClock
from bot.config import Settings
from bot.outbox.engine import SweepReport
from bot.rules.delivery import MAX_BACKOFF, UNCERTAIN_RETRY
from sim.fake_slack import FakeSlack
from storage.models import OutboxStatus
from tests.conftest import COLLEAGUE, EMPLOYEE, MANAGER, NOW, explored
from tests.rig import SqliteFiles, make_settings
from tests.services.test_outbox_service import POST, delivered, ping, posts, register, rows

RECIPIENTS = (EMPLOYEE, MANAGER, COLLEAGUE)


async def sweep(rt: Runtime) -> SweepReport:
    return await rt.services.outbox.send_due_messages()


async def sweep_every(rt: Runtime, clock: ManualClock, *, interval: timedelta, until: datetime) -> None:
    """Run a sweep every `interval` on the injected clock until `until` (as the scheduler would)."""
    while clock.now() < until:
        await sweep(rt)
        clock.advance(interval)


async def test_a_30_minute_outage_of_503s_delivers_every_message_exactly_once_afterwards(
    rt: Runtime, fake: FakeSlack, clock: ManualClock
) -> None:
    register(rt, *(ping(f"ping:{user}", to=user) for user in RECIPIENTS))
    fake.fail_next(POST, status=503, times=10**6)

    await sweep_every(rt, clock, interval=timedelta(minutes=1), until=NOW + timedelta(minutes=30))
    assert {row.status for row in await rows(rt)} == {OutboxStatus.PENDING}
    assert [delivered(fake, user) for user in RECIPIENTS] == [0, 0, 0]
    fake.heal()
    await sweep_every(rt, clock, interval=timedelta(minutes=1), until=NOW + timedelta(hours=3))

    assert [delivered(fake, user) for user in RECIPIENTS] == [1, 1, 1]
    assert [(row.status, row.last_error, row.failing_since) for row in await rows(rt)] == [
        (OutboxStatus.SENT, None, None)
    ] * 3


async def test_a_failing_message_backs_off_across_sweeps_up_to_an_hour(
    rt: Runtime, fake: FakeSlack, clock: ManualClock
) -> None:
    register(rt, ping())
    fake.fail_next(POST, status=500, times=10**6)
    gaps: list[timedelta] = []
    for _ in range(25):
        report = await sweep(rt)
        (row,) = await rows(rt)
        assert row.status == OutboxStatus.PENDING
        assert report.waiting == 1
        if row.last_error != "outside_working_hours":  # evenings wait for the morning, as any message does
            gaps.append(row.not_before - clock.now())
        clock.set(row.not_before)

    assert gaps == sorted(gaps)
    assert gaps[-1] == MAX_BACKOFF
    assert row.failing_since is not None
    assert NOW <= row.failing_since < NOW + timedelta(minutes=1)  # since the first failure, kept across sweeps
    assert delivered(fake, EMPLOYEE) == 0


async def test_a_message_that_keeps_failing_fails_for_good_at_its_deadline_with_the_reason(
    rt: Runtime, fake: FakeSlack, clock: ManualClock
) -> None:
    deadline = NOW + timedelta(hours=5)
    register(rt, ping(expires_at=deadline))
    fake.fail_next(POST, status=503, times=10**6)

    await sweep_every(rt, clock, interval=timedelta(minutes=5), until=deadline - timedelta(minutes=5))
    (row,) = await rows(rt)
    assert row.status == OutboxStatus.PENDING
    await sweep_every(rt, clock, interval=timedelta(minutes=5), until=deadline + timedelta(hours=1))

    (row,) = await rows(rt)
    assert (row.status, row.last_error) == (OutboxStatus.FAILED, "internal_error")
    assert delivered(fake, EMPLOYEE) == 0


async def test_a_sweep_stops_early_when_slack_keeps_failing_and_reports_what_waits(
    rt: Runtime, fake: FakeSlack
) -> None:
    register(rt, *(ping(f"ping:{n}", to=RECIPIENTS[n % 3]) for n in range(12)))
    fake.fail_next(POST, status=503, times=10**6)

    report = await sweep(rt)

    assert report.unreachable
    assert report.waiting == 12
    assert posts(fake) < 12 * 3  # it did not try every message three times
    assert {(row.status, row.claimed_by) for row in await rows(rt)} == {(OutboxStatus.PENDING, None)}


@settings(max_examples=explored(12), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    status=st.sampled_from([429, 500, 502, 503]),
    outage_minutes=st.integers(min_value=0, max_value=150),
    interval_minutes=st.sampled_from([1, 5, 15, 60]),
    count=st.integers(min_value=1, max_value=4),
)
async def test_any_outage_then_recovery_delivers_each_message_exactly_once(
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_files: SqliteFiles,
    fake: FakeSlack,
    status: int,
    outage_minutes: int,
    interval_minutes: int,
    count: int,
) -> None:
    fake.reset()
    clock = ManualClock(NOW)
    async with (
        sqlite_files.fresh(tmp_path_factory.mktemp("outage")) as engine,
        runtime(make_settings(fake), clock, engine=engine) as rt,
    ):
        register(rt, *(ping(f"ping:{n}", to=RECIPIENTS[n % 3]) for n in range(count)))
        fake.fail_next(POST, status=status, retry_after=30, times=10**6)
        interval = timedelta(minutes=interval_minutes)
        await sweep_every(rt, clock, interval=interval, until=NOW + timedelta(minutes=outage_minutes))
        fake.heal()
        await sweep_every(rt, clock, interval=interval, until=clock.now() + MAX_BACKOFF + 2 * interval)

        sent_keys = sorted(row.dedupe_key for row in await rows(rt) if row.status == OutboxStatus.SENT)
        assert sent_keys == sorted(f"ping:{n}" for n in range(count))
        assert len([call for call in fake.calls_to(POST) if call.ok]) == count


# --- a slow Slack: unknown outcomes -------------------------------------------------------------------


@pytest.fixture
async def slow_rt(settings: Settings, clock: ManualClock, engine: AsyncEngine) -> AsyncIterator[Runtime]:
    """The runtime with a 1-second Web API timeout, so the fake can answer "too late" quickly."""
    async with runtime(settings, clock, engine=engine, slack_timeout=1) as wired:
        yield wired


async def test_a_post_that_times_out_is_not_repeated_in_the_same_sweep(
    slow_rt: Runtime, fake: FakeSlack, clock: ManualClock
) -> None:
    register(slow_rt, ping())
    fake.delay_next(POST, 1.5)

    first = await sweep(slow_rt)
    (row,) = await rows(slow_rt)

    assert (first.retried, first.sent_total) == (1, 0)
    assert len(fake.calls_to(POST)) <= 1
    assert (row.status, row.unconfirmed, row.last_error) == (OutboxStatus.PENDING, 1, "timeout")
    assert row.not_before >= clock.now() + UNCERTAIN_RETRY

    clock.set(row.not_before)
    second = await sweep(slow_rt)
    third = await sweep(slow_rt)

    assert (second.sent_total, third.sent_total) == (1, 0)
    assert 1 <= delivered(fake, EMPLOYEE) <= 2


async def test_35_second_answers_give_each_message_at_most_twice(
    slow_rt: Runtime, fake: FakeSlack, clock: ManualClock
) -> None:
    register(slow_rt, *(ping(f"ping:{user}", to=user) for user in RECIPIENTS))
    fake.delay_next(POST, 1.5, times=100)  # every answer comes after the client's timeout

    await sweep_every(slow_rt, clock, interval=timedelta(minutes=5), until=NOW + timedelta(hours=2))

    assert all(len(fake.messages_to(user)) <= 2 for user in RECIPIENTS)
    assert len(fake.calls_to(POST)) <= 2 * len(RECIPIENTS)
    assert [(row.status, row.last_error) for row in await rows(slow_rt)] == [(OutboxStatus.SENT, "unconfirmed")] * 3


async def test_slack_unreachable_leaves_every_message_waiting(rt: Runtime, fake: FakeSlack) -> None:
    register(rt, *(ping(f"ping:{n}", to=RECIPIENTS[n % 3]) for n in range(5)))
    await fake.stop()  # connection refused from now on

    report = await sweep(rt)

    assert (report.sent_total, report.failed, report.waiting, report.unreachable) == (0, 0, 5, True)
    assert {(row.status, row.claimed_by) for row in await rows(rt)} == {(OutboxStatus.PENDING, None)}
