"""`RequestLog`: a signature is new exactly once within Slack's window, however many arrive together, and requests
that arrive together are recorded in one transaction (group commit)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import Runtime
from bot.core.replay import REPLAY_WINDOW

SENT_AT = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


async def test_twenty_at_once_are_one_commit_and_each_signature_is_new_once(rt: Runtime, engine: AsyncEngine) -> None:
    commits: list[object] = []
    event.listen(engine.sync_engine, "commit", commits.append)
    log = rt.services.requests
    signatures = [f"v0=sig{n % 15}" for n in range(20)]  # five of them twice

    answers = await asyncio.gather(*(log.first_time(signature=s, received_at=SENT_AT) for s in signatures))

    assert answers == [True] * 15 + [False] * 5
    assert len(commits) == 1
    assert await log.first_time(signature="v0=sig3", received_at=SENT_AT + timedelta(minutes=1)) is False


async def test_after_the_window_a_signature_is_recorded_again(rt: Runtime) -> None:
    log = rt.services.requests
    assert await log.first_time(signature="v0=old", received_at=SENT_AT) is True
    later = SENT_AT + REPLAY_WINDOW + timedelta(minutes=1)
    assert await log.first_time(signature="v0=other", received_at=later) is True  # sweeps the expired record out
    assert await log.first_time(signature="v0=old", received_at=later) is True


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(waves=st.lists(st.lists(st.integers(0, 6), min_size=1, max_size=8), min_size=1, max_size=5))
async def test_in_any_waves_each_signature_is_new_exactly_once(rt: Runtime, waves: list[list[int]]) -> None:
    """Property: requests come in waves (a wave arrives together, the next while its write may still run); each
    signature is answered True once and False every other time."""
    log = rt.services.requests
    run = f"{id(waves)}-{datetime.now(UTC).timestamp()}"  # the database outlives the examples: keys of their own
    pending: list[asyncio.Future[bool | None]] = []
    for wave in waves:
        pending += [asyncio.ensure_future(log.first_time(signature=f"v0={run}-{n}", received_at=SENT_AT)) for n in wave]
        await asyncio.sleep(0)
    answers = await asyncio.gather(*pending)
    sent = [n for wave in waves for n in wave]
    assert None not in answers
    for n in set(sent):
        theirs = [answer for answer, s in zip(answers, sent, strict=True) if s == n]
        assert (theirs.count(True), theirs.count(False)) == (1, len(theirs) - 1)
