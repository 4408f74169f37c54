"""Whether a claimed outbox row may go now, and as what: expiry, the recipient (gone, paused, away, working
hours, by `bot.rules.recipient`), and the composer's view of current state. Reads the database only; never calls
Slack (the engine refreshes the recipient's profile first)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message
from bot.core.deps import Deps
from bot.core.persons import PersonView, load_view
from bot.core.workcalendar import load_work_calendar
from bot.outbox.rows import STATUS_OF, Close, Defer, recipient_of
from bot.outbox.types import STOPPED_RECHECK, Composer, Envelope, GoneHandler
from bot.rules.recipient import Outcome, verdict
from storage import privacy_repo
from storage.models import OutboxMessage, OutboxStatus, RecipientType


async def prepare(
    session: AsyncSession,
    deps: Deps,
    composers: Mapping[str, Composer],
    row: OutboxMessage,
    now: datetime,
    gone: GoneHandler | None = None,
) -> Message | Close | Defer:
    """The composed message, a reason to close the row, or a later instant to try it again.

    A workspace that uninstalled the app or revoked its tokens gets nothing: the row waits (`STOPPED_RECHECK`)
    until a reinstall resumes delivery, or it expires. A recipient Slack reports deactivated is handed to `gone`
    (offboarding) and the row fails with `user_gone`."""
    if await privacy_repo.is_stopped(session, team_id=row.team_id):
        return Defer(now + STOPPED_RECHECK, "workspace_stopped")
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
    calendar = await load_work_calendar(session, team_id=row.team_id)
    found = verdict(
        recipient_of(person, deps.defaults.zone, calendar),
        now=now,
        pausable=row.pausable,
        expires_at=row.expires_at,
        person=person is not None,
    )
    if found.outcome == Outcome.DEFER:
        assert found.until is not None
        return Defer(found.until, found.reason)
    if found.reason == "user_gone" and gone is not None and person is not None and person.deleted:
        await gone(session, row.team_id, row.recipient_id, now)
    if found.outcome != Outcome.SEND:
        return Close(STATUS_OF[found.outcome], found.reason)
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
