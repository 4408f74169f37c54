"""What the engine does with a row whose send failed transiently or raised inside the bot.

Transient Slack failures follow `bot.rules.delivery`: back off across sweeps until the message's deadline, a send
with an unknown outcome repeated once at most, never in the same sweep. A bug in the bot (a composer raising) is
tried a few times, then the row fails for good. Each outcome is recorded in its own short transaction.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.core.deps import Deps
from bot.core.ports import TransientDeliveryError, UncertainDeliveryError
from bot.rules.delivery import AssumeSent, GiveUp, after_transient_failure
from storage import outbox_repo
from storage.db import transaction
from storage.models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

RETRIED = "retried"
FAILED = "failed"
ASSUMED_SENT = "assumed_sent"


async def retry_later(deps: Deps, worker: str, row: OutboxMessage, error: TransientDeliveryError) -> str:
    """Pending again with a backoff (RETRIED), failed for good at its deadline (FAILED), or, after a second
    unknown outcome, counted as sent without confirmation (ASSUMED_SENT)."""
    assert row.id is not None
    now = deps.now()
    uncertain = isinstance(error, UncertainDeliveryError)
    decision = after_transient_failure(
        now=now,
        attempts=row.attempts,
        retry_after=error.retry_after,
        failing_since=row.failing_since,
        expires_at=row.expires_at,
        uncertain=uncertain,
        unconfirmed=row.unconfirmed,
    )
    async with transaction(deps.sessions) as session:
        if isinstance(decision, AssumeSent):
            await outbox_repo.mark_sent(session, message_id=row.id, worker=worker, now=now, reason="unconfirmed")
            logger.warning("outbox %s (%s): sent without confirmation, not repeated", row.id, row.kind)
            return ASSUMED_SENT
        if isinstance(decision, GiveUp):
            await outbox_repo.mark_closed(
                session, message_id=row.id, worker=worker, status=OutboxStatus.FAILED, reason=error.reason
            )
            logger.warning("outbox %s (%s) failed at its deadline: %s", row.id, row.kind, error.reason)
            return FAILED
        await outbox_repo.release(
            session,
            message_id=row.id,
            worker=worker,
            not_before=decision.at,
            reason=error.reason,
            failing_since=row.failing_since or now,
            unconfirmed=row.unconfirmed + 1 if uncertain else None,
        )
    return RETRIED


async def after_internal_error(deps: Deps, worker: str, row: OutboxMessage, *, max_attempts: int) -> str:
    """A bug while handling the row: tried again a few times (it may be passing), then failed for good."""
    assert row.id is not None
    async with transaction(deps.sessions) as session:
        if row.attempts >= max_attempts:
            await outbox_repo.mark_closed(
                session, message_id=row.id, worker=worker, status=OutboxStatus.FAILED, reason="internal_error"
            )
            return FAILED
        await outbox_repo.release(
            session,
            message_id=row.id,
            worker=worker,
            not_before=deps.now() + timedelta(seconds=2**row.attempts),
            reason="internal_error",
        )
    return RETRIED
