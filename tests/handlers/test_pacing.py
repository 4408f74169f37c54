"""The workspace's post rate adapts to Slack: table tests of `RateController`, and `Pacer` on a manual clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ManualClock
from handlers.pacing import CUT, GROWTH_AFTER_LIMIT, GROWTH_BEFORE_LIMIT, Pacer, RateController

T0 = datetime(2026, 12, 9, 9, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_before_any_429_the_rate_grows_by_a_factor_each_second_up_to_the_ceiling() -> None:
    control = RateController(start=20, ceiling=100)
    control.delivered(at(0))
    control.delivered(at(0.5))
    assert control.rate == 20  # less than a second of evidence
    control.delivered(at(1))
    assert control.rate == pytest.approx(20 * GROWTH_BEFORE_LIMIT)
    for second in range(2, 10):
        control.delivered(at(second))
    assert control.rate == 100


def test_a_429_cuts_the_rate_to_a_share_of_what_went_through_in_the_last_second_once_per_episode() -> None:
    control = RateController(start=80, ceiling=100)
    for i in range(50):
        control.delivered(at(10 + i / 50))
    control.rate_limited(at(10.99))
    assert control.rate == pytest.approx(50 * CUT)
    control.rate_limited(at(11.2))  # a post already on its way when the first 429 came
    assert control.rate == pytest.approx(50 * CUT)


def test_after_a_429_the_rate_grows_additively() -> None:
    control = RateController(start=40, ceiling=100)
    control.delivered(at(0))
    control.rate_limited(at(0.1))
    cut = control.rate
    control.delivered(at(5.1))
    assert control.rate == pytest.approx(cut + 5 * GROWTH_AFTER_LIMIT)


def test_the_rate_never_falls_below_the_floor_nor_rises_above_the_start_on_a_cut() -> None:
    control = RateController(start=5, ceiling=10, floor=1)
    control.rate_limited(at(0))  # nothing went through: the rate itself is cut
    assert control.rate == pytest.approx(5 * CUT)
    for second in range(1, 100):
        control.rate_limited(at(second * 2))
    assert control.rate == 1


async def test_concurrent_posts_get_successive_workspace_slots() -> None:
    clock = ManualClock(T0)
    pacer = Pacer(clock, per_channel=1.0, workspace=0.1)
    await asyncio.gather(*(pacer.wait_turn(f"U{n}") for n in range(4)))
    assert clock.now() - T0 >= timedelta(seconds=0.3)


async def test_a_429_holds_every_post_until_retry_after() -> None:
    clock = ManualClock(T0)
    pacer = Pacer(clock, per_channel=1.0, workspace=0.01)
    await pacer.wait_turn("UOLA")
    pacer.rate_limited(3.0)
    await pacer.wait_turn("UKARI")
    assert clock.now() - T0 >= timedelta(seconds=3)


async def test_posts_to_one_channel_stay_a_second_apart_however_fast_the_workspace_goes() -> None:
    clock = ManualClock(T0)
    pacer = Pacer(clock, per_channel=1.0, workspace=0.001, ceiling=1000)
    for _ in range(3):
        await pacer.wait_turn("CTEAM")
    assert clock.now() - T0 >= timedelta(seconds=2)
