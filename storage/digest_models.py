"""Tables for the weekly digest: where each manager's team digest goes, and what managers shared with their team."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class DigestChannel(SQLModel, table=True):
    """A manager's team digest channel. `blocked_since` is set while the bot is not in the channel."""

    __tablename__ = "digest_channel"

    team_id: str = Field(primary_key=True, max_length=32)
    manager_id: str = Field(primary_key=True, max_length=32)
    channel_id: str = Field(max_length=32)
    set_by: str = Field(max_length=32)
    set_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    blocked_since: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class TeamUpdate(SQLModel, table=True):
    """What a manager told the team they will do about the results ("Del hva vi gjør")."""

    __tablename__ = "team_update"

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    manager_id: str = Field(max_length=32, index=True)
    text: str = Field(max_length=3000)
    recipients: int = Field(default=0)
    shared_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
