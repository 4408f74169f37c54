"""Whether a claimed outbox row may go now: expiry, the recipient (gone, paused, away), working hours, and the
composer's view of current state. Reads the database only; never calls Slack (profiles are refreshed first)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.messages import Message
from bot.rules.calendar import DEFAULT_SEND_TIME, local_instant, next_allowed_send
from bot.services.deps import Deps
from bot.services.outbox_types import Composer, Envelope
from bot.services.people import PersonView, load_view
from storage.models import OutboxMessage, OutboxStatus, RecipientType

AWAY_RECHECK = timedelta(hours=24)


@dataclass(frozen=True)
class Close:
    status: OutboxStatus
    reason: str


@dataclass(frozen=True)
class Defer:
    until: datetime
    reason: str


async def prepare(
    session: AsyncSession, deps: Deps, composers: Mapping[str, Composer], row: OutboxMessage, now: datetime
) -> Message | Close | Defer:
    """May the row go now, and as what: the composed message, a reason to close it, or a later instant."""
    if row.expires_at is not None and row.expires_at <= now:
        if row.failing_since is not None:
            # Slack kept failing until the message's deadline: it failed, and the last error says why.
            return Close(OutboxStatus.FAILED, row.last_error or "expired")
        return Close(OutboxStatus.EXPIRED, "expired")
    composer = composers.get(row.kind)
    if composer is None:
        return Close(OutboxStatus.FAILED, "unknown_kind")
    person: PersonView | None = None
    if row.recipient_type == RecipientType.USER:
        person = await load_view(session, deps, team_id=row.team_id, user_id=row.recipient_id)
        if person.deleted or person.is_bot:
            return Close(OutboxStatus.FAILED, "user_gone")
        zone = person.zone
        today = person.today(now)
        if row.pausable and person.is_paused_on(today):
            if person.paused_until is None:
                return Close(OutboxStatus.CANCELLED, "paused")
            resume = local_instant(person.paused_until, DEFAULT_SEND_TIME, zone)
            return _defer_or_expire(row, next_allowed_send(resume, zone), "paused")
        if row.pausable and person.is_away_at(now):
            # Away by Slack status: wait for its end, or look again tomorrow (the profile is re-read daily).
            back = person.away_until or now + AWAY_RECHECK
            return _defer_or_expire(row, next_allowed_send(back, zone), "away")
    else:
        zone = deps.defaults.zone
    allowed = next_allowed_send(now, zone)
    if allowed > now:
        return _defer_or_expire(row, allowed, "outside_working_hours")
    lang = person.lang if person is not None else deps.defaults.language
    envelope = Envelope(
        team_id=row.team_id,
        kind=row.kind,
        recipient_type=RecipientType(row.recipient_type),
        recipient_id=row.recipient_id,
        params=row.params,
        person=person,
        lang=lang,
    )
    message = await composer(session, envelope, now)
    return message if message is not None else Close(OutboxStatus.CANCELLED, "obsolete")


def _defer_or_expire(row: OutboxMessage, until: datetime, reason: str) -> Close | Defer:
    if row.expires_at is not None and until >= row.expires_at:
        return Close(OutboxStatus.EXPIRED, reason)
    return Defer(until, reason)
