"""Rows and verdicts of the outbox engine: a planned message as a row, a person as the recipient rule sees
them, and what the engine does with a row it may not send now."""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.persons import PersonView
from bot.outbox.params import Params
from bot.outbox.types import PlannedMessage
from bot.rules.calendar import WorkCalendar
from bot.rules.recipient import Outcome, Recipient
from storage.models import OutboxMessage, OutboxStatus


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Close:
    status: OutboxStatus
    reason: str


@dataclass(frozen=True)
class Defer:
    until: datetime
    reason: str


STATUS_OF = {
    Outcome.CANCEL: OutboxStatus.CANCELLED,
    Outcome.EXPIRE: OutboxStatus.EXPIRED,
    Outcome.FAIL: OutboxStatus.FAILED,
}


def recipient_of(person: PersonView | None, workspace_zone: ZoneInfo, calendar: WorkCalendar) -> Recipient:
    if person is None:
        return Recipient(zone=workspace_zone, calendar=calendar)
    return Recipient(
        zone=person.zone,
        gone=person.deleted or person.is_bot,
        paused=person.paused,
        paused_until=person.paused_until,
        away=person.away,
        away_until=person.away_until,
        calendar=calendar,
    )


def row_of(message: PlannedMessage, now: datetime) -> OutboxMessage:
    return OutboxMessage(
        team_id=message.team_id,
        dedupe_key=message.dedupe_key,
        kind=message.kind,
        recipient_type=message.recipient_type,
        recipient_id=message.recipient_id,
        params=message.params.encode() if isinstance(message.params, Params) else dict(message.params),
        not_before=message.not_before,
        expires_at=message.expires_at,
        pausable=message.pausable,
        created_at=now,
    )
