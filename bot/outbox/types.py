"""The outbox's vocabulary: what planners return, what composers get, and what a sweep reports."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message
from bot.core.persons import PersonView
from bot.outbox.params import Params
from storage.models import OutboxMessage, RecipientType

P = TypeVar("P", bound=Params)
REPORT_ITEMS = 200
"""A sweep report lists at most this many sent items (the counts are complete), so the report does not hold
every message one sweep sends."""


@dataclass(frozen=True)
class PlannedMessage:
    """A message that should exist. `dedupe_key` identifies it for good, e.g. `due:{tiltak}:{user}:{date}`."""

    team_id: str
    dedupe_key: str
    kind: str
    recipient_type: RecipientType
    recipient_id: str
    not_before: datetime
    params: Params | Mapping[str, Any] = field(default_factory=dict)
    expires_at: datetime | None = None
    pausable: bool = False


class Planner(Protocol):
    """Computes every message of one kind that should exist by `now` (it may return ones already planned)."""

    name: str

    async def plan(self, session: AsyncSession, *, now: datetime) -> Sequence[PlannedMessage]: ...


@dataclass(frozen=True)
class Envelope:
    """What a composer gets: the row's kind and params, and the resolved recipient (None for channels)."""

    team_id: str
    kind: str
    recipient_type: RecipientType
    recipient_id: str
    params: Mapping[str, Any]
    person: PersonView | None
    lang: str

    def read(self, kind: type[P]) -> P:
        """The row's params as the kind's dataclass (see `bot.outbox.params`)."""
        return kind.decode(self.params)


# Builds the message at send time from current state, or None when it is no longer relevant.
Composer = Callable[[AsyncSession, Envelope, datetime], Awaitable[Message | None]]
# Called (in a transaction) when a channel post is refused because the bot is not in the channel.
BlockedHandler = Callable[[AsyncSession, OutboxMessage], Awaitable[None]]
GoneHandler = Callable[[AsyncSession, str, str, datetime], Awaitable[None]]
"""Told (team id, user id, now) in the sweep's transaction when a recipient turns out deactivated."""
GONE_REASONS = frozenset({"account_inactive", "user_not_found"})
"""Send errors that mean the recipient was deactivated or removed."""
DailyTask = Callable[[datetime], Awaitable[None]]
"""Maintenance run at the start of every sweep; it decides itself whether today's run is done."""
STOPPED_RECHECK = timedelta(hours=1)
"""How long a message to a stopped workspace (uninstalled, tokens revoked) waits before it is looked at again."""
BLOCKED_REASONS = frozenset({"not_in_channel"})
BLOCKED_RETRY = timedelta(hours=1)


@dataclass(frozen=True)
class SentItem:
    kind: str
    recipient_type: str
    recipient_id: str
    at: datetime
    due: datetime | None = None
    """When the message was due (the row's `not_before`), for the due→sent latency metric."""


@dataclass
class SweepReport:
    """What one sweep did. `sent` lists the first `REPORT_ITEMS` sends and `sent_total` counts them all;
    `latencies` keeps (kind, seconds from due to sent) for every send, for the metrics. `waiting`: messages due
    (or failing) but not delivered when the sweep ended; `unreachable`: Slack kept failing, so the sweep stopped
    early and left them for the next one."""

    planned: int = 0
    sent: list[SentItem] = field(default_factory=list)
    sent_total: int = 0
    latencies: list[tuple[str, float]] = field(default_factory=list)
    failed: int = 0
    retried: int = 0
    deferred: int = 0
    cancelled: int = 0
    expired: int = 0
    waiting: int = 0
    unreachable: bool = False

    def add_sent(self, item: SentItem) -> None:
        self.sent_total += 1
        if item.due is not None:
            self.latencies.append((item.kind, (item.at - item.due).total_seconds()))
        if len(self.sent) < REPORT_ITEMS:
            self.sent.append(item)

    def summary(self) -> str:
        text = (
            f"planned {self.planned}, sent {self.sent_total}, retried {self.retried}, deferred {self.deferred}, "
            f"cancelled {self.cancelled}, expired {self.expired}, failed {self.failed}, waiting {self.waiting}"
        )
        return text + (" (Slack unreachable: the rest waits for the next sweep)" if self.unreachable else "")
