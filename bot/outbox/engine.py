"""The outbox engine (DESIGN.md, Flow 2): plan every message that should exist by `now`, then deliver.

1. Plan: each `Planner` returns `PlannedMessage`s with a unique dedupe key; inserting ignores known keys, so
   planning twice creates nothing new.
2. Deliver: claim a batch with a lease, and for each row check that it may go now (expiry, pause, the
   recipient's working hours on the workspace's working calendar), compose it at send time (a composer may say
   it is obsolete), send it through the `Notifier`, then record that one row: sent, failed for good, or pending
   again with a backoff. Short backoffs are waited out within the same sweep, so a few 429s or 500s still end in
   everything delivered. A crash loses nothing: an expired lease is claimable again, and at most the message in
   flight can be doubled.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message
from bot.contract.digest import TrendChart
from bot.core.deps import Deps
from bot.core.persons import PersonView, load_view
from bot.core.ports import Delivered, PermanentDeliveryError, TransientDeliveryError
from bot.core.workcalendar import load_work_calendar
from bot.outbox.params import Params
from bot.outbox.rows import STATUS_OF, Close, Defer, new_worker_id, recipient_of, row_of
from bot.outbox.types import (
    BLOCKED_REASONS,
    BLOCKED_RETRY,
    BlockedHandler,
    Composer,
    Envelope,
    PlannedMessage,
    Planner,
    SentItem,
    SweepReport,
    backoff,
)
from bot.rules.recipient import Outcome, verdict
from storage import outbox_repo
from storage.db import transaction
from storage.models import OutboxMessage, OutboxStatus, RecipientType

__all__ = [
    "BlockedHandler",
    "Composer",
    "Envelope",
    "OutboxService",
    "PlannedMessage",
    "Planner",
    "SentItem",
    "SweepReport",
    "backoff",
]

logger = logging.getLogger(__name__)

BATCH_SIZE = 20
LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5
MAX_WAIT_IN_SWEEP = timedelta(seconds=30)
TELL_LIFETIME = timedelta(days=14)


class OutboxService:
    """Plans and delivers scheduled messages. Feature services register planners and composers."""

    def __init__(self, deps: Deps, *, worker: str | None = None) -> None:
        self._deps = deps
        self._planners: list[Planner] = []
        self._composers: dict[str, Composer] = {}
        self._blocked_handlers: dict[str, BlockedHandler] = {}
        self.worker = worker or new_worker_id()
        self._stopping = asyncio.Event()

    def add_planner(self, planner: Planner) -> None:
        self._planners.append(planner)

    def add_composer(self, kind: str, composer: Composer) -> None:
        if kind in self._composers:
            raise ValueError(f"a composer for {kind!r} is already registered")
        self._composers[kind] = composer

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds that have a composer."""
        return frozenset(self._composers)

    def add_blocked_handler(self, kind: str, handler: BlockedHandler) -> None:
        """For channel posts that must not be lost when the bot is not in the channel: `handler` tells someone,
        and the row waits (tried again every `BLOCKED_RETRY`) until it expires."""
        self._blocked_handlers[kind] = handler

    async def _wait_for_access(self, row: OutboxMessage, reason: str, handler: BlockedHandler) -> None:
        assert row.id is not None
        async with transaction(self._deps.sessions) as session:
            await handler(session, row)
            await outbox_repo.release(
                session,
                message_id=row.id,
                worker=self.worker,
                not_before=self._deps.now() + BLOCKED_RETRY,
                reason=reason,
                count_attempt=False,
            )

    def stop(self) -> None:
        """Ask a running sweep to finish the send in flight and give back the rest of its claims."""
        self._stopping.set()

    async def enqueue(self, session: AsyncSession, messages: Sequence[PlannedMessage]) -> int:
        """Insert planned messages in the caller's transaction (for sends triggered by a user action)."""
        now = self._deps.now()
        return await outbox_repo.add_planned(session, messages=[row_of(m, now) for m in messages])

    async def tell(
        self,
        session: AsyncSession,
        *,
        team_id: str,
        user_id: str,
        kind: str,
        key: str,
        params: Params,
        lifetime: timedelta = TELL_LIFETIME,
    ) -> None:
        """A DM caused by someone's action, to go as soon as the recipient's working hours allow."""
        now = self._deps.now()
        message = PlannedMessage(
            team_id=team_id,
            dedupe_key=key,
            kind=kind,
            recipient_type=RecipientType.USER,
            recipient_id=user_id,
            not_before=now,
            params=params,
            expires_at=now + lifetime,
        )
        await self.enqueue(session, [message])

    async def plan(self, *, now: datetime) -> int:
        created = 0
        for planner in self._planners:
            async with transaction(self._deps.sessions) as session:
                planned = await planner.plan(session, now=now)
                created += await outbox_repo.add_planned(session, messages=[row_of(m, now) for m in planned])
        return created

    async def send_due_messages(self) -> SweepReport:
        """Plan, then deliver until nothing deliverable is left (waiting out short backoffs)."""
        report = SweepReport(planned=await self.plan(now=self._deps.now()))
        while not self._stopping.is_set():
            now = self._deps.now()
            async with transaction(self._deps.sessions) as session:
                batch = await outbox_repo.claim_due(
                    session, now=now, lease_until=now + LEASE, worker=self.worker, limit=BATCH_SIZE
                )
            if batch:
                for row in batch:
                    if self._stopping.is_set():
                        break
                    try:
                        await self._deliver(row, report)
                    except Exception:
                        # A broken row (say, a composer bug) must not keep the rest of its batch claimed forever.
                        logger.exception("outbox %s (%s): unexpected error", row.id, row.kind)
                        await self._retry_later(row, TransientDeliveryError("internal_error"), report)
                continue
            async with transaction(self._deps.sessions) as session:
                upcoming = await outbox_repo.next_pending_at(session)
            wait = (upcoming - now) if upcoming is not None else None
            if wait is None or wait > MAX_WAIT_IN_SWEEP:
                break
            await self._deps.clock.sleep(max(wait.total_seconds(), 0.01))
        if self._stopping.is_set():
            async with transaction(self._deps.sessions) as session:
                await outbox_repo.release_worker_claims(session, worker=self.worker)
        return report

    async def _deliver(self, row: OutboxMessage, report: SweepReport) -> None:
        assert row.id is not None
        now = self._deps.now()
        try:
            async with transaction(self._deps.sessions) as session:
                outcome = await self._prepare(session, row, now)
                if isinstance(outcome, Close):
                    await outbox_repo.mark_closed(
                        session, message_id=row.id, worker=self.worker, status=outcome.status, reason=outcome.reason
                    )
                    report.expired += outcome.status == OutboxStatus.EXPIRED
                    report.cancelled += outcome.status == OutboxStatus.CANCELLED
                    report.failed += outcome.status == OutboxStatus.FAILED
                    return
                if isinstance(outcome, Defer):
                    await outbox_repo.release(
                        session,
                        message_id=row.id,
                        worker=self.worker,
                        not_before=outcome.until,
                        reason=outcome.reason,
                        count_attempt=False,
                    )
                    report.deferred += 1
                    return
        except TransientDeliveryError as error:
            # Slack's `users.info` for the recipient failed even after the notifier's retries: try the row later.
            await self._retry_later(row, error, report)
            return
        try:
            await self._send(row, outcome)
        except PermanentDeliveryError as error:
            blocked = self._blocked_handlers.get(row.kind)
            if blocked is not None and error.reason in BLOCKED_REASONS:
                await self._wait_for_access(row, error.reason, blocked)
                report.deferred += 1
                return
            await self._close(row, OutboxStatus.FAILED, error.reason)
            report.failed += 1
            logger.warning("outbox %s (%s) failed: %s", row.id, row.kind, error.reason)
            return
        except TransientDeliveryError as error:
            await self._retry_later(row, error, report)
            return
        sent_at = self._deps.now()
        async with transaction(self._deps.sessions) as session:
            await outbox_repo.mark_sent(session, message_id=row.id, worker=self.worker, now=sent_at)
        report.sent.append(SentItem(row.kind, row.recipient_type, row.recipient_id, sent_at, outcome, row.not_before))

    async def _retry_later(self, row: OutboxMessage, error: TransientDeliveryError, report: SweepReport) -> None:
        """Back to pending with a backoff, or failed for good once `MAX_ATTEMPTS` claims have been spent."""
        assert row.id is not None
        if row.attempts >= MAX_ATTEMPTS:
            await self._close(row, OutboxStatus.FAILED, error.reason)
            report.failed += 1
            logger.warning("outbox %s (%s) gave up after %d: %s", row.id, row.kind, row.attempts, error.reason)
            return
        retry_at = self._deps.now() + backoff(row.attempts, error.retry_after)
        async with transaction(self._deps.sessions) as session:
            await outbox_repo.release(
                session, message_id=row.id, worker=self.worker, not_before=retry_at, reason=error.reason
            )
        report.retried += 1

    async def _prepare(self, session: AsyncSession, row: OutboxMessage, now: datetime) -> Message | Close | Defer:
        if row.expires_at is not None and row.expires_at <= now:
            return Close(OutboxStatus.EXPIRED, "expired")
        composer = self._composers.get(row.kind)
        if composer is None:
            return Close(OutboxStatus.FAILED, "unknown_kind")
        person: PersonView | None = None
        if row.recipient_type == RecipientType.USER:
            person = await load_view(session, self._deps, team_id=row.team_id, user_id=row.recipient_id)
        calendar = await load_work_calendar(session, team_id=row.team_id)
        found = verdict(
            recipient_of(person, self._deps.defaults.zone, calendar),
            now=now,
            pausable=row.pausable,
            expires_at=row.expires_at,
            person=person is not None,
        )
        if found.outcome == Outcome.DEFER:
            assert found.until is not None
            return Defer(found.until, found.reason)
        if found.outcome != Outcome.SEND:
            return Close(STATUS_OF[found.outcome], found.reason)
        lang = person.lang if person is not None else self._deps.defaults.language
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

    async def _send(self, row: OutboxMessage, message: Message) -> Delivered:
        notifier = self._deps.notifier
        if row.recipient_type == RecipientType.USER:
            return await notifier.send_dm(user_id=row.recipient_id, message=message)
        if isinstance(message, TrendChart):
            await notifier.post_chart(channel_id=row.recipient_id, chart=message)
            return Delivered(channel=row.recipient_id)
        return await notifier.post_to_channel(channel_id=row.recipient_id, message=message)

    async def _close(self, row: OutboxMessage, status: OutboxStatus, reason: str) -> None:
        assert row.id is not None
        async with transaction(self._deps.sessions) as session:
            await outbox_repo.mark_closed(session, message_id=row.id, worker=self.worker, status=status, reason=reason)
