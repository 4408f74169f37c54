"""Tables for the weekly pulse, built so that nothing stored can tie an answer to a person.

- `pulse_round`: one row per workspace and round day, with the questions it asks and the k it uses.
- `pulse_tally`: one row per team (its manager's id) and round: the number of answers, per question how many
  chose each of 1–5, and the comments in random order. There is no row per answer, no user id, no timestamp and
  no sequence: the primary key is random, and each answer only changes counts. When the round closes the row
  becomes the team's published result (`shown`), and the counts and comments of a hidden team are wiped.
- `pulse_invited` and `pulse_awaiting`: participation markers, HMACs of round and user with the server secret,
  written in random order for everyone in a team of at least k when the round opens (only they count in its
  result). `pulse_invited` says who is asked, and in which team; `pulse_awaiting` is deleted when that person
  answers. Answering therefore
  writes nothing but the tally (a deleted row has no visible transaction id to match), and both tables are
  emptied when the round closes.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def random_id() -> str:
    """A random primary key (uuid4, 32 hex digits): it says nothing about when or in what order rows came."""
    return uuid.uuid4().hex


class RoundStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class PulseRound(SQLModel, table=True):
    """A pulse round of one workspace: its day, its time (minutes after midnight, local), questions and k."""

    __tablename__ = "pulse_round"
    __table_args__ = (
        UniqueConstraint("team_id", "round_day", name="uq_pulse_round_day"),
        Index("ix_pulse_round_due", "status", "closes_at"),
    )

    id: str = Field(default_factory=random_id, primary_key=True, max_length=32)
    team_id: str = Field(max_length=32)
    round_day: date
    number: int
    at_minutes: int
    questions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    k: int
    closes_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    status: str = Field(default=RoundStatus.OPEN, max_length=8)


class PulseTally(SQLModel, table=True):
    """A team's answers in a round, as counts; after the close, its published result."""

    __tablename__ = "pulse_tally"
    __table_args__ = (UniqueConstraint("round_id", "group_key", name="uq_pulse_tally_group"),)

    id: str = Field(default_factory=random_id, primary_key=True, max_length=32)
    team_id: str = Field(max_length=32)
    round_id: str = Field(foreign_key="pulse_round.id", max_length=32)
    group_key: str = Field(max_length=32)
    n: int = Field(default=0)
    invited: int = Field(default=0)  # filled in at the close: how many of the team were asked
    counts: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    comments: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    shown: bool | None = Field(default=None)


class PulseInvited(SQLModel, table=True):
    """Marker: this person (an HMAC) belonged to team `group_key` when the round opened, so is asked, and their
    answer counts there; `remind` is False when the round opened too late for a reminder. Inserted in random order
    when the round opens, so neither the order nor the moment of a row follows a user id."""

    __tablename__ = "pulse_invited"

    round_id: str = Field(foreign_key="pulse_round.id", primary_key=True, max_length=32)
    token: str = Field(primary_key=True, max_length=64)
    team_id: str = Field(max_length=32)
    group_key: str = Field(default="", max_length=32)
    remind: bool = Field(default=True)


class PulseAwaiting(SQLModel, table=True):
    """Marker: this person (an HMAC) was invited and has not answered yet. Deleted by the answer."""

    __tablename__ = "pulse_awaiting"

    round_id: str = Field(foreign_key="pulse_round.id", primary_key=True, max_length=32)
    token: str = Field(primary_key=True, max_length=64)
    team_id: str = Field(max_length=32)
