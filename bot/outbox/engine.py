"""The outbox engine (DESIGN.md, Flow 2): plan every message that should exist by `now`, then deliver.

1. Plan: each `Planner` returns `PlannedMessage`s with a unique dedupe key; known keys are left out
   (`bot.outbox.planning`) and the insert ignores any left, so planning twice creates nothing new.
2. Deliver: when a row is due, claim a batch with a lease, and for each row (several at once to different
   recipients while Slack keeps up: `bot.outbox.window`; one recipient's in order) check that it may go now
   (expiry, pause, the recipient's working hours on the workspace's working calendar), compose it at send time
   (a composer may say it is obsolete), send it through the `Notifier`, then record that one row: sent, failed
   for good, or pending again with a backoff. Short backoffs are waited out within the same sweep, so a few
   429s or 500s still end in everything delivered. A crash loses nothing: an expired lease is claimable again,
   and at most the message in flight can be doubled.
3. Retries (`bot.rules.delivery`): transient failures back off across sweeps until the message's own deadline;
   a send with an unknown outcome is repeated once at most, never in the same sweep. When Slack keeps failing
   (`UNREACHABLE_AFTER` sends in a row), the sweep stops early and reports how many messages wait.

No Slack call is made inside a database transaction: the recipient's profile is refreshed (once per sweep) before
the row is prepared (`bot.outbox.checks`); the send happens between transactions.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.deps import Deps
from bot.core.persons import refresh_profiles
from bot.core.ports import PermanentDeliveryError, TransientDeliveryError
from bot.core.readonce import read_once
from bot.core.retention import still_plannable
from bot.outbox.checks import prepare
from bot.outbox.params import Params
from bot.outbox.planning import new_only
from bot.outbox.retries import FAILED, RETRIED, after_internal_error, retry_later
from bot.outbox.rows import Close, Defer, new_worker_id, row_of
from bot.outbox.send import send
from bot.outbox.turns import Turns, turn_taking
from bot.outbox.types import (
    BLOCKED_REASONS,
    BLOCKED_RETRY,
    GONE_REASONS,
    BlockedHandler,
    Composer,
    DailyTask,
    Envelope,
    GoneHandler,
    PlannedMessage,
    Planner,
    SentItem,
    SweepReport,
)
from bot.outbox.window import Outcome, SendWindow, deliver_in_order
from storage import outbox_claim, outbox_repo
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
]

logger = logging.getLogger(__name__)

BATCH_SIZE = 20
LEASE = timedelta(minutes=5)
MAX_INTERNAL_ATTEMPTS = 5
"""A row that keeps raising inside the bot (a bug, not Slack) fails after this many claims."""
UNREACHABLE_AFTER = 3
"""Transient Slack failures in a row after which a sweep stops and leaves the rest for the next one."""
FRESH_MEMORY = 10_000
"""Recipients a sweep remembers as refreshed (their profile is checked once per sweep, not once per message)."""
MAX_WAIT_IN_SWEEP = timedelta(seconds=30)
TELL_LIFETIME = timedelta(days=14)


class OutboxService:
    """Plans and delivers scheduled messages. Feature services register planners and composers."""

    def __init__(self, deps: Deps, *, worker: str | None = None) -> None:
        self._deps = turn_taking(deps, Turns())  # concurrent sends never overlap database work
        self._planners: list[Planner] = []
        self._composers: dict[str, Composer] = {}
        self._blocked_handlers: dict[str, BlockedHandler] = {}
        self._gone: GoneHandler | None = None
        self._daily: list[DailyTask] = []
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
            retry_at = self._deps.now() + BLOCKED_RETRY
            await outbox_repo.release(
                session, message_id=row.id, worker=self.worker, not_before=retry_at, reason=reason, count_attempt=False
            )

    def on_gone(self, handler: GoneHandler) -> None:
        """Who handles a recipient found deactivated (offboarding)."""
        self._gone = handler

    def add_daily(self, task: DailyTask) -> None:
        """Maintenance run at the start of every sweep (retention); the task keeps it to once a day."""
        self._daily.append(task)

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
        with read_once():  # a person or workspace settings several planners ask for: read once per sweep
            for planner in self._planners:
                async with transaction(self._deps.sessions) as session:
                    planned = await new_only(session, await planner.plan(session, now=now))
                    rows = [row_of(m, now) for m in await still_plannable(session, planned, now)]
                    created += await outbox_repo.add_planned(session, messages=rows)
        return created

    async def send_due_messages(self) -> SweepReport:
        """Plan, then deliver until nothing deliverable is left (waiting out short backoffs), Slack is found
        unreachable, or `stop()` is called."""
        for task in self._daily:
            await task(self._deps.now())
        report = SweepReport(planned=await self.plan(now=self._deps.now()))
        streak = 0
        fresh: set[tuple[str, str]] = set()
        window = SendWindow()  # sends in flight: grows while Slack delivers (`bot.outbox.window`)

        async def deliver(row: OutboxMessage) -> Outcome:
            nonlocal streak
            outcome = await self._deliver_one(row, report, fresh)
            if outcome is not Outcome.INTERNAL:
                streak = streak + 1 if outcome is Outcome.TRANSIENT else 0
                report.unreachable = report.unreachable or streak >= UNREACHABLE_AFTER
            return outcome

        def keep_going() -> bool:
            return not self._stopping.is_set() and not report.unreachable

        while keep_going():
            now, batch = self._deps.now(), []
            async with transaction(self._deps.sessions) as session:
                upcoming = await outbox_claim.next_claimable_at(session, now=now)  # a read; claim only what is due
            if upcoming is not None and upcoming <= now:
                async with transaction(self._deps.sessions) as session:
                    batch = await outbox_claim.claim_due(
                        session, now=now, lease_until=now + LEASE, worker=self.worker, limit=BATCH_SIZE
                    )
            if batch:
                await deliver_in_order(batch, deliver, window, keep_going=keep_going)
                continue
            if upcoming is None or upcoming - now > MAX_WAIT_IN_SWEEP:
                break
            await self._deps.clock.sleep(max((upcoming - now).total_seconds(), 0.01))
        async with transaction(self._deps.sessions) as session:
            if self._stopping.is_set() or report.unreachable:
                await outbox_repo.release_worker_claims(session, worker=self.worker)
            report.waiting = await outbox_repo.count_waiting(session, now=self._deps.now())
        if report.unreachable:
            logger.warning("outbox: Slack unreachable, %d messages wait for the next sweep", report.waiting)
        return report

    async def _deliver_one(self, row: OutboxMessage, report: SweepReport, fresh: set[tuple[str, str]]) -> Outcome:
        """Deliver one claimed row: whether Slack failed transiently, or the bot itself failed."""
        try:
            failed_transiently = await self._deliver(row, report, fresh)
        except Exception:
            # A broken row (say, a composer bug) must not keep the rest of its batch claimed forever.
            logger.exception("outbox %s (%s): unexpected error", row.id, row.kind)
            await self._internal_error(row, report)
            return Outcome.INTERNAL
        return Outcome.TRANSIENT if failed_transiently else Outcome.DELIVERED

    async def _deliver(self, row: OutboxMessage, report: SweepReport, fresh: set[tuple[str, str]]) -> bool:
        """True when Slack failed transiently (the row is then pending again, or closed past its deadline).
        `fresh`: recipients whose profile this sweep has already refreshed (or found fresh)."""
        assert row.id is not None
        try:
            recipient = (row.team_id, row.recipient_id)
            if row.recipient_type == RecipientType.USER and recipient not in fresh:
                await refresh_profiles(self._deps, team_id=row.team_id, user_ids=[row.recipient_id], strict=True)
                if len(fresh) < FRESH_MEMORY:
                    fresh.add(recipient)
            async with transaction(self._deps.sessions) as session:
                outcome = await prepare(session, self._deps, self._composers, row, self._deps.now(), self._gone)
                if isinstance(outcome, Close):
                    await outbox_repo.mark_closed(
                        session, message_id=row.id, worker=self.worker, status=outcome.status, reason=outcome.reason
                    )
                    report.expired += outcome.status == OutboxStatus.EXPIRED
                    report.cancelled += outcome.status == OutboxStatus.CANCELLED
                    report.failed += outcome.status == OutboxStatus.FAILED
                    return False
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
                    return False
            await send(self._deps.notifier, row, outcome)
        except PermanentDeliveryError as error:
            blocked = self._blocked_handlers.get(row.kind)
            if blocked is not None and error.reason in BLOCKED_REASONS:
                await self._wait_for_access(row, error.reason, blocked)
                report.deferred += 1
                return False
            await self._close(row, OutboxStatus.FAILED, error.reason, gone=error.reason in GONE_REASONS)
            report.failed += 1
            logger.warning("outbox %s (%s) failed: %s", row.id, row.kind, error.reason)
            return False
        except TransientDeliveryError as error:
            await self._retry_later(row, error, report)
            return True
        sent_at = self._deps.now()
        async with transaction(self._deps.sessions) as session:
            await outbox_repo.mark_sent(session, message_id=row.id, worker=self.worker, now=sent_at)
        report.add_sent(SentItem(row.kind, row.recipient_type, row.recipient_id, sent_at, row.not_before))
        return False

    async def _retry_later(self, row: OutboxMessage, error: TransientDeliveryError, report: SweepReport) -> None:
        """Back to pending with a backoff while the message is still useful (`bot.outbox.retries`)."""
        outcome = await retry_later(self._deps, self.worker, row, error)
        report.retried += outcome == RETRIED
        report.failed += outcome == FAILED

    async def _internal_error(self, row: OutboxMessage, report: SweepReport) -> None:
        outcome = await after_internal_error(self._deps, self.worker, row, max_attempts=MAX_INTERNAL_ATTEMPTS)
        report.retried += outcome == RETRIED
        report.failed += outcome == FAILED

    async def _close(self, row: OutboxMessage, status: OutboxStatus, reason: str, *, gone: bool = False) -> None:
        assert row.id is not None
        async with transaction(self._deps.sessions) as session:
            await outbox_repo.mark_closed(session, message_id=row.id, worker=self.worker, status=status, reason=reason)
            if gone and self._gone is not None and row.recipient_type == RecipientType.USER:
                await self._gone(session, row.team_id, row.recipient_id, self._deps.now())
