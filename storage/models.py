"""SQLModel tables. Every table carries the Slack `team_id`; timestamps are aware UTC (`UTCDateTime`).

Schema changes go through Alembic (`storage/migrations`); `tests/storage/test_migrations.py` proves the
migrations produce exactly these tables.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def _ts(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


class Workspace(SQLModel, table=True):
    """Per-workspace settings; absent keys fall back to the defaults in `bot.services.workspace`."""

    __tablename__ = "workspace"

    team_id: str = Field(primary_key=True, max_length=32)
    settings: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class Person(SQLModel, table=True):
    """A Slack user the bot has met: zone and locale from `users.info` (cached), language choice, pause."""

    __tablename__ = "person"

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    tz: str | None = Field(default=None, max_length=64)
    locale: str | None = Field(default=None, max_length=16)
    language: str | None = Field(default=None, max_length=2)
    paused: bool = Field(default=False)
    paused_until: date | None = Field(default=None)
    is_bot: bool = Field(default=False)
    deleted: bool = Field(default=False)
    is_admin: bool = Field(default=False)
    # From the Slack custom status (holiday, leave): away, and until when (None: until the status changes).
    away: bool = Field(default=False)
    away_until: datetime | None = _ts(nullable=True)
    refreshed_at: datetime | None = _ts(nullable=True)
    created_at: datetime = _ts()


class OutboxStatus(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class RecipientType(StrEnum):
    USER = "user"
    CHANNEL = "channel"


class OutboxMessage(SQLModel, table=True):
    """One message that should exist: planned once (unique dedupe key), delivered at most once.

    `params` holds plain ids and values for the composer of `kind`; never free text from users when it can be
    looked up at send time instead.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("team_id", "dedupe_key", name="uq_outbox_dedupe"),
        Index("ix_outbox_due", "status", "not_before"),
        Index("ix_outbox_lease", "status", "lease_until"),  # expired claims (migration 0011)
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    dedupe_key: str = Field(max_length=200)
    kind: str = Field(max_length=64)
    recipient_type: str = Field(max_length=16)
    recipient_id: str = Field(max_length=32)
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    not_before: datetime = _ts()
    expires_at: datetime | None = _ts(nullable=True)
    pausable: bool = Field(default=False)
    status: str = Field(default=OutboxStatus.PENDING, max_length=16)
    attempts: int = Field(default=0)
    lease_until: datetime | None = _ts(nullable=True)
    claimed_by: str | None = Field(default=None, max_length=64)
    last_error: str | None = Field(default=None, max_length=64)
    created_at: datetime = _ts()
    sent_at: datetime | None = _ts(nullable=True)
    # Transient failures: since when the row has kept failing (None while it has not), and how many sends ended
    # with an unknown outcome (timed out after the request left), so such a message is tried again once at most.
    failing_since: datetime | None = _ts(nullable=True)
    unconfirmed: int = Field(default=0)


class SeenRequest(SQLModel, table=True):
    """A signed Slack request already handled (a hash of its signature), kept while a replay would still verify.

    Slack's signature is valid for 5 minutes; a second request with the same signature within that window is a
    replay (or a network duplicate) and must have no second effect.
    """

    __tablename__ = "seen_request"

    key: str = Field(primary_key=True, max_length=64)
    expires_at: datetime = _ts(index=True)


class PlannerMark(SQLModel, table=True):
    """How far a planner has planned: `planned_up_to` is the `now` of its last completed plan (migration 0011).

    A planner that keeps one plans only what could have changed or fallen due since then (see the tiltak
    reminder planner), instead of re-reading everything that is open at every sweep.
    """

    __tablename__ = "planner_mark"

    name: str = Field(primary_key=True, max_length=64)
    planned_up_to: datetime = _ts()
