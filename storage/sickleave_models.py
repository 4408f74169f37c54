"""Tables of the opt-in sick-leave follow-up: a case (start, graded or not, end) and what the manager marked on
each milestone. Nothing about diagnosis, cause or health: there is no column for it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class SickLeaveCase(SQLModel, table=True):
    """One period of sick leave of `employee_id`, recorded by their manager `manager_id`."""

    __tablename__ = "sick_leave_case"
    __table_args__ = (Index("ix_sick_leave_case_employee", "team_id", "employee_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    employee_id: str = Field(max_length=32)
    manager_id: str = Field(max_length=32, index=True)
    start_date: date
    graded: bool = Field(default=False)
    end_date: date | None = None
    rules_version: str = Field(max_length=16)
    employee_told: bool = Field(default=False)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class SickLeaveMilestone(SQLModel, table=True):
    """The manager marked a milestone of a case done, or not needed (with a short reason)."""

    __tablename__ = "sick_leave_milestone"
    __table_args__ = (UniqueConstraint("case_id", "milestone", name="uq_sick_leave_milestone"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    case_id: int = Field(foreign_key="sick_leave_case.id", index=True)
    milestone: str = Field(max_length=16)
    status: str = Field(max_length=16)
    reason: str | None = Field(default=None, max_length=300)
    manager_id: str = Field(max_length=32)
    decided_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
