"""A workspace's delivery state as two replicas see it: each trusts for `RUNNING_MEMO` that a workspace it found
running still is (a request then costs no read), its own stop forgets that at once, and another replica's stop is
seen, and undone by the next request, once the memo has run out."""

from __future__ import annotations

from datetime import timedelta

from bot.app import Runtime
from bot.clock import ManualClock
from bot.features.privacy.workspace import RUNNING_MEMO, WorkspaceDelivery
from storage import privacy_repo
from storage.db import transaction
from tests.conftest import TEAM


async def stopped(rt: Runtime) -> bool:
    async with transaction(rt.services.deps.sessions) as session:
        return await privacy_repo.is_stopped(session, team_id=TEAM)


async def test_this_replicas_own_stop_is_undone_by_the_next_request(rt: Runtime) -> None:
    here = rt.services.workspaces
    assert await here.resume(team_id=TEAM) is False  # running: now remembered
    assert await here.stop(team_id=TEAM, reason="app_uninstalled") is True
    assert await here.resume(team_id=TEAM) is True
    assert not await stopped(rt)


async def test_another_replicas_stop_is_seen_once_the_memo_has_run_out(rt: Runtime, clock: ManualClock) -> None:
    here, there = rt.services.workspaces, WorkspaceDelivery(rt.services.deps)
    assert await here.resume(team_id=TEAM) is False
    assert await there.stop(team_id=TEAM, reason="app_uninstalled") is True

    clock.advance(RUNNING_MEMO - timedelta(seconds=1))
    assert await here.resume(team_id=TEAM) is False  # still trusted as running: no read
    assert await stopped(rt)

    clock.advance(timedelta(seconds=1))
    assert await here.resume(team_id=TEAM) is True
    assert not await stopped(rt)
