"""Requests to become someone's manager: nothing about a person is shared with a manager they have not accepted.

`1til1 <@Y>` and `team legg-til <@Y>` by X only create a request (`kind` says which, `params` what X asked for:
the cadence, a probation start). Y answers with Godta or Avslå; until then nothing is planned for the pair and X
sees nothing of Y. The id is random: it goes out in the request's buttons and says nothing about order or time.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class RequestKind(StrEnum):
    ONEONONE = "oneonone"  # from `1til1` or `ny`: the manager relationship and the 1:1 cadence
    TEAM = "team"  # from `team legg-til`: the manager relationship only


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


def request_id() -> str:
    return uuid.uuid4().hex


class ManagerRequest(SQLModel, table=True):
    """X (`requester_id`) asks to become Y's (`employee_id`) manager; Y decides."""

    __tablename__ = "manager_request"
    __table_args__ = (Index("ix_manager_request_pair", "team_id", "employee_id", "requester_id", "status"),)

    id: str = Field(default_factory=request_id, primary_key=True, max_length=32)
    team_id: str = Field(max_length=32)
    requester_id: str = Field(max_length=32)
    employee_id: str = Field(max_length=32)
    kind: str = Field(max_length=16)
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default=RequestStatus.PENDING, max_length=16)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    decided_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
