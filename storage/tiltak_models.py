"""Tables for tiltak (action points): the tiltak itself, its postponements, and per-workspace counters."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class TiltakStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class TiltakSource(StrEnum):
    COMMAND = "command"
    MODAL = "modal"
    ONE_ON_ONE = "oneonone"


class Counter(SQLModel, table=True):
    """A per-workspace sequence, e.g. the short tiltak numbers people type (`ferdig 12`)."""

    __tablename__ = "counter"

    team_id: str = Field(primary_key=True, max_length=32)
    name: str = Field(primary_key=True, max_length=32)
    value: int = Field(default=0)


class Tiltak(SQLModel, table=True):
    """One agreed action: one owner, an optional counterpart who follows up, and a deadline.

    `due_date` is a plain date in the owner's zone. `reminders_from` is when the current deadline was set (created
    or postponed): reminders that would have gone out before it are not sent.
    """

    __tablename__ = "tiltak"
    __table_args__ = (
        UniqueConstraint("team_id", "number", name="uq_tiltak_number"),
        Index("ix_tiltak_open_due", "team_id", "status", "due_date"),
        # The reminder planner (every workspace: by deadline, and what changed since its last plan) and `liste`
        # (one person's open tiltak, as owner or as counterpart) each on an index of their own (migration 0011).
        Index("ix_tiltak_status_due", "status", "due_date"),
        Index("ix_tiltak_status_from", "status", "reminders_from"),
        Index("ix_tiltak_owner_open", "team_id", "owner_id", "status", "due_date"),
        Index("ix_tiltak_counterpart_open", "team_id", "counterpart_id", "status", "due_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    number: int
    text: str = Field(max_length=3000)
    note: str | None = Field(default=None, max_length=3000)
    owner_id: str = Field(max_length=32, index=True)
    counterpart_id: str | None = Field(default=None, max_length=32, index=True)
    created_by: str = Field(max_length=32)
    due_date: date
    status: str = Field(default=TiltakStatus.OPEN, max_length=16)
    source: str = Field(default=TiltakSource.COMMAND, max_length=16)
    reminders_from: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    closed_by: str | None = Field(default=None, max_length=32)


class Postponement(SQLModel, table=True):
    """One change of a tiltak's deadline: from, to, by whom, when."""

    __tablename__ = "tiltak_postponement"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    tiltak_id: int = Field(foreign_key="tiltak.id", index=True)
    from_date: date
    to_date: date
    by_user: str = Field(max_length=32)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
