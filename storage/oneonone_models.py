"""Tables for teams and the 1:1 rhythm: who reports to whom, each pair's cadence, meetings and shared agendas."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class TeamMember(SQLModel, table=True):
    """An employee in a manager's team (from `1til1` or `team legg-til`). One manager per employee."""

    __tablename__ = "team_member"

    team_id: str = Field(primary_key=True, max_length=32)
    employee_id: str = Field(primary_key=True, max_length=32)
    manager_id: str = Field(max_length=32, index=True)
    added_by: str = Field(max_length=32)
    added_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class OneOnOnePair(SQLModel, table=True):
    """A manager–employee pair's 1:1 cadence. `anchor` is the first meeting day; the cadence counts from it.

    One row per manager and employee: when an employee gets a new manager, the old pair is stopped and keeps its
    meetings and agenda, and the new manager starts a pair of their own that shows nothing of the old one."""

    __tablename__ = "oneonone_pair"
    __table_args__ = (UniqueConstraint("team_id", "manager_id", "employee_id", name="uq_pair_manager_employee"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    manager_id: str = Field(max_length=32, index=True)
    employee_id: str = Field(max_length=32)
    cadence: str = Field(max_length=16)
    weekday: int
    at_minutes: int  # minutes after midnight, in `zone`
    zone: str = Field(max_length=64)
    anchor: date
    active: bool = Field(default=True)
    employee_told: bool = Field(default=False)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    stopped_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class Meeting(SQLModel, table=True):
    """One planned 1:1. `slot` is the cadence day it belongs to; `starts_at` the real start after moves;
    `created_at` when a person decided it (set up or changed the cadence), inherited by the meetings the cadence
    makes after it, so "too late for a nudge" never depends on when a sweep ran."""

    __tablename__ = "meeting"
    __table_args__ = (
        UniqueConstraint("pair_id", "slot", name="uq_meeting_slot"),
        Index("ix_meeting_start", "status", "starts_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    pair_id: int = Field(foreign_key="oneonone_pair.id", index=True)
    slot: date
    starts_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    status: str = Field(default="planned", max_length=16)
    kind: str = Field(default="ordinary", max_length=24)
    moved_reason: str | None = Field(default=None, max_length=32)
    held_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class AgendaItem(SQLModel, table=True):
    """A talking point shared by the pair; unticked items carry over to the next meeting."""

    __tablename__ = "agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    pair_id: int = Field(foreign_key="oneonone_pair.id", index=True)
    author_id: str = Field(max_length=32)
    text: str = Field(max_length=500)
    done: bool = Field(default=False)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    done_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class Probation(SQLModel, table=True):
    """A new employee's prøvetid (`ny <@bruker> start <dato> [prøvetid <n> måneder]`): its start and length in
    months (at most 6, aml § 15-6), and `end_date` once the manager recorded an extension (§ 15-6 (4))."""

    __tablename__ = "probation"

    team_id: str = Field(primary_key=True, max_length=32)
    employee_id: str = Field(primary_key=True, max_length=32)
    manager_id: str = Field(max_length=32)
    start_date: date
    months: int = Field(default=6, sa_column_kwargs={"server_default": "6"})
    end_date: date | None = None
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
