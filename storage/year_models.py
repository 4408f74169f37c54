"""Tables of the conversation year: each medarbeidersamtale of a pair, with the employee's preparation (private
until shared) and the written summary both confirm. Probation lives in `storage.oneonone_models.Probation`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class AnnualTalk(SQLModel, table=True):
    """One medarbeidersamtale between a manager and an employee on `talk_date`.

    `prep` is the employee's preparation (theme → text or score); the manager may read it only once
    `prep_shared_at` is set. `summary` is the written plan: `{"goals": [{"text", "due"}], "tiltak": [...]}`,
    written by the manager (which confirms it for them) and confirmed by the employee; writing it again clears
    the employee's confirmation."""

    __tablename__ = "annual_talk"
    __table_args__ = (Index("ix_annual_talk_pair", "team_id", "manager_id", "employee_id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    manager_id: str = Field(max_length=32)
    employee_id: str = Field(max_length=32)
    talk_date: date
    prep: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prep_saved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    prep_shared_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    summary: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    manager_confirmed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    employee_confirmed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
