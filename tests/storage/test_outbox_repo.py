"""The outbox queries on SQLite and PostgreSQL: insert-if-new, atomic claims with a lease, per-row outcomes.

Every test runs on both databases (`any_engine`); the concurrent-claim tests use two sessions at once (two
engines on one file for SQLite, `FOR UPDATE SKIP LOCKED` on PostgreSQL).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import outbox_claim, outbox_repo
from storage.db import make_engine, make_session_factory, transaction
from storage.models import OutboxMessage, OutboxStatus, RecipientType
from tests.conftest import NOW, TEAM

OTHER_TEAM = "T0002"
LEASE = timedelta(minutes=5)


def row(
    key: str,
    *,
    team: str = TEAM,
    not_before: datetime = NOW,
    expires_at: datetime | None = None,
) -> OutboxMessage:
    return OutboxMessage(
        team_id=team,
        dedupe_key=key,
        kind="test.ping",
        recipient_type=RecipientType.USER,
        recipient_id="UOLA",
        params={"n": 1},
        not_before=not_before,
        expires_at=expires_at,
        created_at=NOW,
    )


async def add(engine: AsyncEngine, *rows: OutboxMessage) -> int:
    async with transaction(make_session_factory(engine)) as session:
        return await outbox_repo.add_planned(session, messages=rows)


async def claim(
    engine: AsyncEngine, *, worker: str = "w1", now: datetime = NOW, limit: int = 10
) -> list[OutboxMessage]:
    async with transaction(make_session_factory(engine)) as session:
        return await outbox_claim.claim_due(session, now=now, lease_until=now + LEASE, worker=worker, limit=limit)


async def messages(engine: AsyncEngine, *, team: str | None = None) -> list[OutboxMessage]:
    async with transaction(make_session_factory(engine)) as session:
        return await outbox_repo.list_messages(session, team_id=team)


async def by_key(engine: AsyncEngine) -> dict[str, OutboxMessage]:
    return {m.dedupe_key: m for m in await messages(engine)}


def keys(rows: Sequence[OutboxMessage]) -> list[str]:
    return [m.dedupe_key for m in rows]


def ids(rows: Sequence[OutboxMessage]) -> list[int]:
    return [m.id for m in rows if m.id is not None]


# --- planning ---------------------------------------------------------------------------------------


async def test_add_planned_ignores_known_keys_per_team_and_counts_new_rows(any_engine: AsyncEngine) -> None:
    assert await add(any_engine, row("a"), row("b")) == 2
    assert await add(any_engine, row("a"), row("c")) == 1
    assert await add(any_engine, row("a", team=OTHER_TEAM)) == 1
    assert await add(any_engine) == 0

    assert sorted(keys(await messages(any_engine, team=TEAM))) == ["a", "b", "c"]
    assert keys(await messages(any_engine, team=OTHER_TEAM)) == ["a"]


async def test_add_planned_leaves_the_existing_row_untouched(any_engine: AsyncEngine) -> None:
    await add(any_engine, row("a"))
    assert await add(any_engine, row("a", not_before=NOW + timedelta(days=3))) == 0

    (only,) = await messages(any_engine)
    assert only.not_before == NOW
    assert only.status == OutboxStatus.PENDING
    assert only.attempts == 0
    assert only.params == {"n": 1}


async def test_add_planned_ignores_a_key_repeated_in_one_batch(any_engine: AsyncEngine) -> None:
    assert await add(any_engine, row("a"), row("a")) == 1
    assert keys(await messages(any_engine)) == ["a"]


# --- claiming ---------------------------------------------------------------------------------------


async def test_claim_due_takes_only_due_pending_rows_oldest_first(any_engine: AsyncEngine) -> None:
    await add(
        any_engine,
        row("late", not_before=NOW - timedelta(minutes=1)),
        row("future", not_before=NOW + timedelta(seconds=1)),
        row("early", not_before=NOW - timedelta(hours=2)),
        row("exactly-now", not_before=NOW),
    )

    claimed = await claim(any_engine, worker="w1")

    assert keys(claimed) == ["early", "late", "exactly-now"]
    assert all(m.status == OutboxStatus.CLAIMED for m in claimed)
    assert all(m.claimed_by == "w1" and m.lease_until == NOW + LEASE and m.attempts == 1 for m in claimed)
    stored = await by_key(any_engine)
    assert stored["future"].status == OutboxStatus.PENDING
    assert stored["early"].status == OutboxStatus.CLAIMED


async def test_claim_due_respects_the_limit(any_engine: AsyncEngine) -> None:
    await add(any_engine, *(row(f"k{i}", not_before=NOW - timedelta(minutes=i)) for i in range(5)))

    first = await claim(any_engine, limit=2)
    second = await claim(any_engine, limit=2, worker="w2")

    assert keys(first) == ["k4", "k3"]
    assert keys(second) == ["k2", "k1"]


async def test_claim_due_never_takes_more_than_the_limit_of_rows_due_at_one_instant(any_engine: AsyncEngine) -> None:
    # Rows with equal `not_before` once made PostgreSQL re-run the LIMIT subquery per row and claim them all.
    await add(any_engine, *(row(f"k{i}") for i in range(6)))

    first = await claim(any_engine, worker="w1", limit=2)
    second = await claim(any_engine, worker="w2", limit=3)

    assert keys(first) == ["k0", "k1"]
    assert keys(second) == ["k2", "k3", "k4"]
    stored = await by_key(any_engine)
    assert [stored[f"k{i}"].claimed_by for i in range(6)] == ["w1", "w1", "w2", "w2", "w2", None]


async def test_a_second_claim_at_the_same_instant_gets_nothing(any_engine: AsyncEngine) -> None:
    await add(any_engine, row("a"), row("b"))

    assert len(await claim(any_engine, worker="w1")) == 2
    assert await claim(any_engine, worker="w2") == []
    assert await claim(any_engine, worker="w1") == []


async def test_an_expired_lease_is_reclaimable_and_the_first_worker_loses_it(any_engine: AsyncEngine) -> None:
    await add(any_engine, row("a"))
    (first,) = await claim(any_engine, worker="w1")
    assert first.id is not None

    assert await claim(any_engine, worker="w2", now=NOW + LEASE) == []  # the lease is still held at its end
    later = NOW + LEASE + timedelta(seconds=1)
    (second,) = await claim(any_engine, worker="w2", now=later)

    assert second.id == first.id
    assert second.claimed_by == "w2"
    assert second.attempts == 2
    assert second.lease_until == later + LEASE
    async with transaction(make_session_factory(any_engine)) as session:
        assert not await outbox_repo.mark_sent(session, message_id=first.id, worker="w1", now=later)
        assert await outbox_repo.mark_sent(session, message_id=first.id, worker="w2", now=later)
    (stored,) = await messages(any_engine)
    assert stored.status == OutboxStatus.SENT
    assert stored.sent_at == later
    assert stored.lease_until is None


# --- outcomes ---------------------------------------------------------------------------------------


async def test_outcomes_only_act_for_the_claiming_worker(any_engine: AsyncEngine) -> None:
    await add(any_engine, row("a"))
    (claimed,) = await claim(any_engine, worker="w1")
    message_id = claimed.id
    assert message_id is not None

    async with transaction(make_session_factory(any_engine)) as session:
        assert not await outbox_repo.mark_sent(session, message_id=message_id, worker="w2", now=NOW)
        assert not await outbox_repo.mark_closed(
            session, message_id=message_id, worker="w2", status=OutboxStatus.FAILED, reason="user_gone"
        )
        assert not await outbox_repo.release(
            session, message_id=message_id, worker="w2", not_before=NOW, reason="ratelimited"
        )
    (stored,) = await messages(any_engine)
    assert (stored.status, stored.claimed_by, stored.last_error) == (OutboxStatus.CLAIMED, "w1", None)


async def test_mark_closed_records_status_and_reason(any_engine: AsyncEngine) -> None:
    await add(any_engine, row("a"))
    (claimed,) = await claim(any_engine, worker="w1")
    assert claimed.id is not None

    async with transaction(make_session_factory(any_engine)) as session:
        closed = await outbox_repo.mark_closed(
            session, message_id=claimed.id, worker="w1", status=OutboxStatus.FAILED, reason="account_inactive"
        )
        assert closed
        # A closed row is no longer claimed, so a second outcome does nothing.
        assert not await outbox_repo.mark_sent(session, message_id=claimed.id, worker="w1", now=NOW)

    (stored,) = await messages(any_engine)
    assert (stored.status, stored.last_error, stored.lease_until, stored.sent_at) == (
        OutboxStatus.FAILED,
        "account_inactive",
        None,
        None,
    )
    assert await claim(any_engine, now=NOW + timedelta(days=1)) == []


async def test_release_puts_the_row_back_for_later(any_engine: AsyncEngine) -> None:
    await add(any_engine, row("a"))
    (claimed,) = await claim(any_engine, worker="w1")
    assert claimed.id is not None
    retry_at = NOW + timedelta(seconds=30)

    async with transaction(make_session_factory(any_engine)) as session:
        assert await outbox_repo.release(
            session, message_id=claimed.id, worker="w1", not_before=retry_at, reason="ratelimited"
        )

    (stored,) = await messages(any_engine)
    assert (stored.status, stored.not_before, stored.claimed_by, stored.lease_until, stored.last_error) == (
        OutboxStatus.PENDING,
        retry_at,
        None,
        None,
        "ratelimited",
    )
    assert stored.attempts == 1
    assert await claim(any_engine, now=retry_at - timedelta(seconds=1)) == []
    (again,) = await claim(any_engine, worker="w2", now=retry_at)
    assert again.attempts == 2


async def test_release_worker_claims_gives_rows_back_without_counting_the_attempt(any_engine: AsyncEngine) -> None:
    await add(any_engine, row("a"), row("b"), row("c"))
    await claim(any_engine, worker="w1", limit=2)
    await claim(any_engine, worker="w2", limit=1)

    async with transaction(make_session_factory(any_engine)) as session:
        assert await outbox_repo.release_worker_claims(session, worker="w1") == 2
        assert await outbox_repo.release_worker_claims(session, worker="w1") == 0

    stored = await by_key(any_engine)
    assert [(stored[k].status, stored[k].attempts, stored[k].claimed_by) for k in "abc"] == [
        (OutboxStatus.PENDING, 0, None),
        (OutboxStatus.PENDING, 0, None),
        (OutboxStatus.CLAIMED, 1, "w2"),
    ]
    assert stored["a"].lease_until is None
    assert keys(await claim(any_engine, worker="w3")) == ["a", "b"]


async def test_cancel_pending_cancels_only_pending_rows_with_the_prefix(any_engine: AsyncEngine) -> None:
    await add(
        any_engine,
        row("due:7:UOLA:2026-12-04"),
        row("due:7:UKARI:2026-12-04"),
        row("due:70:UOLA:2026-12-04"),
        row("overdue:7:UOLA"),
        row("due:7:claimed", not_before=NOW - timedelta(hours=1)),
        row("due:7:other-team", team=OTHER_TEAM),
    )
    assert keys(await claim(any_engine, limit=1)) == ["due:7:claimed"]

    async with transaction(make_session_factory(any_engine)) as session:
        assert await outbox_repo.cancel_pending(session, team_id=TEAM, key_prefix="due:7:") == 2

    stored = await by_key(any_engine)
    cancelled = sorted(k for k, m in stored.items() if m.status == OutboxStatus.CANCELLED)
    assert cancelled == ["due:7:UKARI:2026-12-04", "due:7:UOLA:2026-12-04"]
    assert stored["due:7:UOLA:2026-12-04"].last_error == "obsolete"
    assert stored["due:7:claimed"].status == OutboxStatus.CLAIMED
    assert stored["due:70:UOLA:2026-12-04"].status == OutboxStatus.PENDING
    assert stored["due:7:other-team"].status == OutboxStatus.PENDING


async def test_cancel_pending_treats_like_wildcards_literally(any_engine: AsyncEngine) -> None:
    await add(any_engine, row("a%b:1"), row("axb:1"), row("a_c:1"), row("abc:1"), row("a\\d:1"), row("a\\\\d:1"))

    async with transaction(make_session_factory(any_engine)) as session:
        assert await outbox_repo.cancel_pending(session, team_id=TEAM, key_prefix="a%") == 1
        assert await outbox_repo.cancel_pending(session, team_id=TEAM, key_prefix="a_") == 1
        assert await outbox_repo.cancel_pending(session, team_id=TEAM, key_prefix="a\\d") == 1
        assert await outbox_repo.cancel_pending(session, team_id=TEAM, key_prefix="nothing") == 0

    stored = await by_key(any_engine)
    assert sorted(k for k, m in stored.items() if m.status == OutboxStatus.CANCELLED) == ["a%b:1", "a\\d:1", "a_c:1"]


async def test_next_pending_at_is_the_earliest_pending_not_before(any_engine: AsyncEngine) -> None:
    async with transaction(make_session_factory(any_engine)) as session:
        assert await outbox_claim.next_pending_at(session) is None

    await add(any_engine, row("soon", not_before=NOW + timedelta(minutes=1)))
    await add(
        any_engine, row("due", not_before=NOW - timedelta(hours=1)), row("later", not_before=NOW + timedelta(days=1))
    )
    await claim(any_engine, limit=1)  # takes "due", which no longer counts as pending

    async with transaction(make_session_factory(any_engine)) as session:
        upcoming = await outbox_claim.next_pending_at(session)
    assert upcoming == NOW + timedelta(minutes=1)
    assert upcoming is not None
    assert upcoming.tzinfo is UTC


async def next_claimable(engine: AsyncEngine, now: datetime = NOW) -> datetime | None:
    async with transaction(make_session_factory(engine)) as session:
        return await outbox_claim.next_claimable_at(session, now=now)


async def test_next_claimable_at_says_when_a_claim_would_find_a_row(any_engine: AsyncEngine) -> None:
    assert await next_claimable(any_engine) is None
    await add(any_engine, row("later", not_before=NOW + timedelta(hours=1)))
    assert await next_claimable(any_engine) == NOW + timedelta(hours=1)
    assert await claim(any_engine) == []  # agrees: nothing due yet
    await add(any_engine, row("due", not_before=NOW - timedelta(minutes=5)))
    assert await next_claimable(any_engine) == NOW - timedelta(minutes=5)
    (taken,) = await claim(any_engine, worker="w1")
    assert taken.dedupe_key == "due"
    assert await next_claimable(any_engine) == NOW + timedelta(hours=1)  # the claimed row is not pending
    after_lease = NOW + LEASE + timedelta(seconds=1)
    assert await next_claimable(any_engine, after_lease) == after_lease  # its lease ran out: claimable again
    assert [m.dedupe_key for m in await claim(any_engine, worker="w2", now=after_lease)] == ["due"]


async def test_timestamps_come_back_aware_utc(any_engine: AsyncEngine) -> None:
    # NOW is 10:00 in Oslo (UTC+1 in November); the stored instant is the same, read back in UTC.
    expires = NOW + timedelta(days=2)
    await add(any_engine, row("a", expires_at=expires))
    (claimed,) = await claim(any_engine)
    assert claimed.id is not None
    async with transaction(make_session_factory(any_engine)) as session:
        await outbox_repo.mark_sent(session, message_id=claimed.id, worker="w1", now=NOW + timedelta(seconds=5))

    (stored,) = await messages(any_engine)
    instants = {
        "not_before": stored.not_before,
        "expires_at": stored.expires_at,
        "created_at": stored.created_at,
        "sent_at": stored.sent_at,
        "claimed.lease_until": claimed.lease_until,
        "claimed.not_before": claimed.not_before,
    }
    for name, instant in instants.items():
        assert instant is not None, name
        assert instant.tzinfo is UTC, name
    assert stored.not_before == NOW
    assert stored.not_before.hour == 9
    assert stored.expires_at == expires
    assert stored.sent_at == NOW + timedelta(seconds=5)
    assert claimed.lease_until == NOW + LEASE


# --- concurrency --------------------------------------------------------------------------------------


async def _claim_concurrently(first: AsyncEngine, second: AsyncEngine, *, limit: int) -> list[list[OutboxMessage]]:
    results = await asyncio.gather(claim(first, worker="w1", limit=limit), claim(second, worker="w2", limit=limit))
    return list(results)


async def test_concurrent_claims_on_postgres_never_overlap(pg_engine: AsyncEngine) -> None:
    await add(pg_engine, *(row(f"k{i:02d}", not_before=NOW - timedelta(seconds=i)) for i in range(40)))

    first, second = await _claim_concurrently(pg_engine, pg_engine, limit=25)

    together = ids(first) + ids(second)
    assert len(together) == len(set(together))
    assert len(together) == 40
    stored = await messages(pg_engine)
    owners = {m.id: m.claimed_by for m in stored}
    assert all(owners[i] == "w1" for i in ids(first))
    assert all(owners[i] == "w2" for i in ids(second))


async def test_a_claim_on_postgres_skips_rows_locked_by_an_open_claim(pg_engine: AsyncEngine) -> None:
    """Two overlapping transactions: the second neither waits for the first nor takes its rows."""
    await add(pg_engine, *(row(f"k{i}", not_before=NOW - timedelta(minutes=i)) for i in range(6)))
    sessions = make_session_factory(pg_engine)

    async with transaction(sessions) as first_session:
        first = await outbox_claim.claim_due(first_session, now=NOW, lease_until=NOW + LEASE, worker="w1", limit=4)
        async with transaction(sessions) as second_session:
            # Waiting for the first transaction's row locks would be an error here, not a hang.
            await (await second_session.connection()).execute(text("SET LOCAL lock_timeout = '200ms'"))
            second = await outbox_claim.claim_due(
                second_session, now=NOW, lease_until=NOW + LEASE, worker="w2", limit=4
            )

    assert keys(first) == ["k5", "k4", "k3", "k2"]
    assert keys(second) == ["k1", "k0"]


async def test_concurrent_claims_on_sqlite_from_two_engines_never_overlap(engine: AsyncEngine) -> None:
    await add(engine, *(row(f"k{i:02d}", not_before=NOW - timedelta(seconds=i)) for i in range(40)))
    other = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        first, second = await _claim_concurrently(engine, other, limit=25)
    finally:
        await other.dispose()

    together = ids(first) + ids(second)
    assert len(together) == len(set(together))
    assert len(together) == 40
    assert sorted(len(batch) for batch in (first, second)) == [15, 25]
