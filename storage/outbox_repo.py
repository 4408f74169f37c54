"""Outbox queries: insert-if-new, atomic claims with a lease, and the per-row outcomes.

Keyword-only functions taking a session; none of them commits (the service owns the transaction). A claim is a
single `UPDATE … WHERE id IN (SELECT … LIMIT n) AND <still claimable> RETURNING *`, the candidates picked on
PostgreSQL by a materialized `WITH … FOR UPDATE SKIP LOCKED`: replicas skip each other's locked rows, and SQLite
serialises writers, so no row is claimed twice.

No statement grows with the amount of work: inserts go in chunks of `INSERT_CHUNK` rows (asyncpg refuses more
than 32,767 parameters in one statement) and claims take at most `limit` rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, union_all, update
from sqlalchemy import select as core_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.selectable import CTE, Subquery
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import OutboxMessage, OutboxStatus

INSERT_CHUNK = 500
"""Rows per INSERT: 12 parameters each, far below PostgreSQL's 32,767 and SQLite's 32,766 bound variables."""


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def _claimable(now: datetime) -> ColumnElement[bool]:
    return or_(
        and_(col(OutboxMessage.status) == OutboxStatus.PENDING, col(OutboxMessage.not_before) <= now),
        and_(col(OutboxMessage.status) == OutboxStatus.CLAIMED, col(OutboxMessage.lease_until) < now),
    )


async def known_keys(session: AsyncSession, *, team_id: str, keys: Sequence[str]) -> set[str]:
    """Which of `keys` the workspace's outbox already holds (by `uq_outbox_dedupe`, in chunks)."""
    known: set[str] = set()
    for start in range(0, len(keys), INSERT_CHUNK):
        chunk = keys[start : start + INSERT_CHUNK]
        statement = select(col(OutboxMessage.dedupe_key)).where(
            col(OutboxMessage.team_id) == team_id, col(OutboxMessage.dedupe_key).in_(chunk)
        )
        known.update((await session.exec(statement)).all())
    return known


async def add_planned(session: AsyncSession, *, messages: Sequence[OutboxMessage]) -> int:
    """Insert messages whose (team_id, dedupe_key) is new; existing keys are left untouched. Returns the count."""
    if not messages:
        return 0
    rows: list[dict[str, Any]] = [
        {
            "team_id": m.team_id,
            "dedupe_key": m.dedupe_key,
            "kind": m.kind,
            "recipient_type": m.recipient_type,
            "recipient_id": m.recipient_id,
            "params": m.params,
            "not_before": m.not_before,
            "expires_at": m.expires_at,
            "pausable": m.pausable,
            "status": OutboxStatus.PENDING,
            "attempts": 0,
            "created_at": m.created_at,
        }
        for m in messages
    ]
    insert = postgresql.insert if _dialect(session) == "postgresql" else sqlite.insert
    table = OutboxMessage.__table__  # type: ignore[attr-defined]
    # One statement with the rows as parameters (SQLAlchemy sends them as multi-row VALUES), so its compiled
    # form is cached; rows in `.values()` would be compiled anew for every call.
    statement = insert(table).on_conflict_do_nothing(index_elements=["team_id", "dedupe_key"]).returning(table.c.id)
    await session.flush()  # the ORM's own statements would flush pending objects first; so does this one
    created = 0
    for start in range(0, len(rows), INSERT_CHUNK):
        created += len((await session.exec(statement, params=rows[start : start + INSERT_CHUNK])).all())
    return created


async def claim_due(
    session: AsyncSession, *, now: datetime, lease_until: datetime, worker: str, limit: int
) -> list[OutboxMessage]:
    """Claim up to `limit` due rows (pending and due, or claimed with an expired lease), oldest first.

    The candidates come from two selects, each read in the order of its own index and cut at `limit`: pending rows
    by `ix_outbox_due` (status, not_before, and the id SQLite keeps in every index), expired claims (few: a
    worker that died) by `ix_outbox_lease`. Only those at most 2 × `limit` rows are sorted, never every due row.
    """
    pending = and_(col(OutboxMessage.status) == OutboxStatus.PENDING, col(OutboxMessage.not_before) <= now)
    expired = and_(col(OutboxMessage.status) == OutboxStatus.CLAIMED, col(OutboxMessage.lease_until) < now)
    order = (col(OutboxMessage.not_before), col(OutboxMessage.id))
    branches = [
        core_select(col(OutboxMessage.id), col(OutboxMessage.not_before)).where(where).order_by(*order).limit(limit)
        for where in (pending, expired)
    ]
    picked: list[Subquery | CTE]
    if _dialect(session) == "postgresql":
        # A plain `IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` may be re-run for every outer row (nested-loop
        # semi join); each re-run skips the rows this statement already updated and picks further ones, so more
        # than `limit` rows get claimed. Materialized CTEs pick and lock the candidates exactly once (a union
        # cannot lock, so each branch locks its own; those not chosen are let go when the claim commits).
        picked = [
            branch.with_for_update(skip_locked=True).cte(name).prefix_with("MATERIALIZED")
            for branch, name in zip(branches, ("claim_due", "claim_lost"), strict=True)
        ]
    else:
        picked = [branch.subquery() for branch in branches]
    both = union_all(*(core_select(one.c.id, one.c.not_before) for one in picked))
    candidates = both.subquery()
    chosen = core_select(candidates.c.id).order_by(candidates.c.not_before, candidates.c.id).limit(limit)
    still = [_claimable(now)]
    if _dialect(session) != "postgresql":
        # SQLite runs the whole statement under its one write lock, so the rows it just picked are still claimable;
        # asking again would lead its planner to walk every due row by index instead of the picked ids.
        still = []
    statement = (
        update(OutboxMessage)
        .where(col(OutboxMessage.id).in_(chosen.scalar_subquery()), *still)
        .values(
            status=OutboxStatus.CLAIMED,
            lease_until=lease_until,
            claimed_by=worker,
            attempts=col(OutboxMessage.attempts) + 1,
        )
        .returning(OutboxMessage)
        .execution_options(synchronize_session=False)
    )
    result = await session.exec(statement)
    claimed = list(result.scalars().all())
    claimed.sort(key=lambda m: (m.not_before, m.id or 0))
    return claimed


async def _finish(session: AsyncSession, *, message_id: int, worker: str, values: dict[str, Any]) -> bool:
    statement = (
        update(OutboxMessage)
        .where(
            col(OutboxMessage.id) == message_id,
            col(OutboxMessage.status) == OutboxStatus.CLAIMED,
            col(OutboxMessage.claimed_by) == worker,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    result = await session.exec(statement)
    return bool(result.rowcount)


async def mark_sent(
    session: AsyncSession, *, message_id: int, worker: str, now: datetime, reason: str | None = None
) -> bool:
    """Record a delivered row (`reason` "unconfirmed" when Slack never answered). False if the claim was lost
    (lease expired and someone else took it)."""
    values = {
        "status": OutboxStatus.SENT,
        "sent_at": now,
        "lease_until": None,
        "last_error": reason,
        "failing_since": None,
    }
    return await _finish(session, message_id=message_id, worker=worker, values=values)


async def mark_closed(
    session: AsyncSession, *, message_id: int, worker: str, status: OutboxStatus, reason: str | None
) -> bool:
    """Close a claimed row for good: failed (permanent error), cancelled (obsolete) or expired."""
    values = {"status": status, "lease_until": None, "last_error": reason}
    return await _finish(session, message_id=message_id, worker=worker, values=values)


async def release(
    session: AsyncSession,
    *,
    message_id: int,
    worker: str,
    not_before: datetime,
    reason: str | None,
    count_attempt: bool = True,
    failing_since: datetime | None = None,
    unconfirmed: int | None = None,
) -> bool:
    """Put a claimed row back to pending, to be tried at `not_before` (backoff or a later allowed time).

    `count_attempt=False` for a deferral (working hours, a pause): nothing was tried, so no attempt is used up.
    `failing_since` and `unconfirmed` record a transient failure (see `OutboxMessage`); None leaves them as is.
    """
    values: dict[str, Any] = {
        "status": OutboxStatus.PENDING,
        "not_before": not_before,
        "lease_until": None,
        "claimed_by": None,
        "last_error": reason,
    }
    if failing_since is not None:
        values["failing_since"] = failing_since
    if unconfirmed is not None:
        values["unconfirmed"] = unconfirmed
    if not count_attempt:
        values["attempts"] = col(OutboxMessage.attempts) - 1
    return await _finish(session, message_id=message_id, worker=worker, values=values)


async def release_worker_claims(session: AsyncSession, *, worker: str) -> int:
    """Give back every row this worker still holds (clean shutdown); their attempt is not counted."""
    statement = (
        update(OutboxMessage)
        .where(col(OutboxMessage.status) == OutboxStatus.CLAIMED, col(OutboxMessage.claimed_by) == worker)
        .values(
            status=OutboxStatus.PENDING,
            lease_until=None,
            claimed_by=None,
            attempts=col(OutboxMessage.attempts) - 1,
        )
        .execution_options(synchronize_session=False)
    )
    result = await session.exec(statement)
    return int(result.rowcount or 0)


async def cancel_pending(session: AsyncSession, *, team_id: str, key_prefix: str) -> int:
    """Cancel pending rows whose dedupe key starts with `key_prefix` (e.g. a closed tiltak's reminders)."""
    escaped = key_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    statement = (
        update(OutboxMessage)
        .where(
            col(OutboxMessage.team_id) == team_id,
            col(OutboxMessage.status) == OutboxStatus.PENDING,
            col(OutboxMessage.dedupe_key).like(escaped + "%", escape="\\"),
        )
        .values(status=OutboxStatus.CANCELLED, last_error="obsolete")
        .execution_options(synchronize_session=False)
    )
    result = await session.exec(statement)
    return int(result.rowcount or 0)


async def next_pending_at(session: AsyncSession) -> datetime | None:
    """The earliest `not_before` among pending rows, or None when nothing is pending."""
    statement = (
        select(col(OutboxMessage.not_before))
        .where(col(OutboxMessage.status) == OutboxStatus.PENDING)
        .order_by(col(OutboxMessage.not_before))
        .limit(1)
    )
    return (await session.exec(statement)).first()


async def count_waiting(session: AsyncSession, *, now: datetime) -> int:
    """Rows that should have gone by `now` but have not: due and claimable, or pending after a failed send."""
    failing = and_(col(OutboxMessage.status) == OutboxStatus.PENDING, col(OutboxMessage.failing_since).is_not(None))
    statement = select(func.count()).select_from(OutboxMessage).where(or_(_claimable(now), failing))
    return int((await session.exec(statement)).one())


async def failed_for(
    session: AsyncSession, *, team_id: str, recipient_ids: Sequence[str] | None, since: datetime, limit: int
) -> list[OutboxMessage]:
    """Messages that failed for good since `since` to these recipients (None: anyone in the workspace), newest
    first (for `/oppfolging status`)."""
    statement = (
        select(OutboxMessage)
        .where(
            col(OutboxMessage.team_id) == team_id,
            col(OutboxMessage.status) == OutboxStatus.FAILED,
            col(OutboxMessage.not_before) >= since,
        )
        .order_by(col(OutboxMessage.not_before).desc(), col(OutboxMessage.id).desc())
        .limit(limit)
    )
    if recipient_ids is not None:
        statement = statement.where(col(OutboxMessage.recipient_id).in_(list(recipient_ids)))
    return list((await session.exec(statement)).all())


async def list_messages(
    session: AsyncSession, *, team_id: str | None = None, status: OutboxStatus | None = None
) -> list[OutboxMessage]:
    statement = select(OutboxMessage).order_by(col(OutboxMessage.id))
    if team_id is not None:
        statement = statement.where(col(OutboxMessage.team_id) == team_id)
    if status is not None:
        statement = statement.where(col(OutboxMessage.status) == status)
    return list((await session.exec(statement)).all())
