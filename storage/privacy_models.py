"""Tables for personvern: the audit log, each workspace's delivery state, and who has been offboarded.

- `audit_log`: who did what to whom, and when; never content (no text, no values, no settings).
- `workspace_state`: whether delivery to a workspace is stopped (`app_uninstalled`, `tokens_revoked`) and the
  last day the retention sweep ran for it.
- `offboarded`: a person Slack reported deactivated, handled once (their counterparts are told once).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class AuditEntry(SQLModel, table=True):
    """One audited action. `actor_id` None: the bot itself (offboarding, an event from Slack)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_team_at", "team_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: str = Field(max_length=32)
    actor_id: str | None = Field(default=None, max_length=32)
    action: str = Field(max_length=32)
    subject_id: str | None = Field(default=None, max_length=32)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


class WorkspaceState(SQLModel, table=True):
    """Delivery state of a workspace: `stopped_at` set while it is uninstalled or its tokens are revoked."""

    __tablename__ = "workspace_state"

    team_id: str = Field(primary_key=True, max_length=32)
    stopped_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    stop_reason: str | None = Field(default=None, max_length=32)
    retention_day: date | None = Field(default=None)


class Offboarded(SQLModel, table=True):
    """A person Slack reported deactivated, and when the bot handled it."""

    __tablename__ = "offboarded"

    team_id: str = Field(primary_key=True, max_length=32)
    user_id: str = Field(primary_key=True, max_length=32)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
