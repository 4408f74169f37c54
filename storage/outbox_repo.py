"""Outbox queries: insert-if-new and the per-row outcomes of claimed rows; claiming is `storage.outbox_claim`.

Keyword-only functions taking a session; none of them commits (the service owns the transaction).

No statement grows with the amount of work: inserts go in chunks of `INSERT_CHUNK` rows (asyncpg refuses more
than 32,767 parameters in one statement) and claims take at most `limit` rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, func, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import OutboxMessage, OutboxStatus
from storage.outbox_claim import CLAIMABLE, dialect_of

INSERT_CHUNK = 500
"""Rows per INSERT: 12 parameters each, far below PostgreSQL's 32,767 and SQLite's 32,766 bound variables."""


_KNOWN = select(col(OutboxMessage.dedupe_key)).where(
    col(OutboxMessage.team_id) == bindparam("team_id"),
    col(OutboxMessage.dedupe_key).in_(bindparam("keys", expanding=True)),
)


async def known_keys(session: AsyncSession, *, team_id: str, keys: Sequence[str]) -> set[str]:
    """Which of `keys` the workspace's outbox already holds (by `uq_outbox_dedupe`, in chunks)."""
    known: set[str] = set()
    for start in range(0, len(keys), INSERT_CHUNK):
        chunk = keys[start : start + INSERT_CHUNK]
        known.update((await session.exec(_KNOWN, params={"team_id": team_id, "keys": chunk})).all())
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
    insert = postgresql.insert if dialect_of(session) == "postgresql" else sqlite.insert
    table = OutboxMessage.__table__  # type: ignore[attr-defined]
    # One statement with the rows as parameters (SQLAlchemy sends them as multi-row VALUES), so its compiled
    # form is cached; rows in `.values()` would be compiled anew for every call.
    statement = insert(table).on_conflict_do_nothing(index_elements=["team_id", "dedupe_key"]).returning(table.c.id)
    await session.flush()  # the ORM's own statements would flush pending objects first; so does this one
    created = 0
    for start in range(0, len(rows), INSERT_CHUNK):
        created += len((await session.exec(statement, params=rows[start : start + INSERT_CHUNK])).all())
    return created


@cache
def _finishing(columns: tuple[str, ...], *, give_back_attempt: bool) -> Any:
    """The UPDATE that ends a claim, setting `columns` (bound as `new_<column>`), and with `give_back_attempt` the
    claim's attempt returned. Built once per shape, since every delivery runs one."""
    values: dict[str, Any] = {column: bindparam(f"new_{column}") for column in columns}
    if give_back_attempt:
        values["attempts"] = col(OutboxMessage.attempts) - 1
    return (
        update(OutboxMessage)
        .where(
            col(OutboxMessage.id) == bindparam("message_id"),
            col(OutboxMessage.status) == OutboxStatus.CLAIMED,
            col(OutboxMessage.claimed_by) == bindparam("worker"),
        )
        .values(values)
        .execution_options(synchronize_session=False)
    )


async def _finish(
    session: AsyncSession, *, message_id: int, worker: str, values: dict[str, Any], give_back_attempt: bool = False
) -> bool:
    statement = _finishing(tuple(values), give_back_attempt=give_back_attempt)
    params = {"message_id": message_id, "worker": worker} | {f"new_{key}": value for key, value in values.items()}
    result = await session.exec(statement, params=params)
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
    return await _finish(
        session, message_id=message_id, worker=worker, values=values, give_back_attempt=not count_attempt
    )


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


_FAILING = and_(col(OutboxMessage.status) == OutboxStatus.PENDING, col(OutboxMessage.failing_since).is_not(None))
_WAITING = select(func.count()).select_from(OutboxMessage).where(or_(CLAIMABLE, _FAILING))


async def count_waiting(session: AsyncSession, *, now: datetime) -> int:
    """Rows that should have gone by `now` but have not: due and claimable, or pending after a failed send."""
    return int((await session.exec(_WAITING, params={"now": now})).one())


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
