"""What the services need from the outside world, declared here and implemented at the edge.

`Notifier` is implemented by `handlers.notifier.SlackNotifier` (the real Slack Web API) and wired by the
composition root, so services never import `handlers/` or `slack_sdk`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.contract.common import Message
from bot.contract.digest import TrendChart
from bot.contract.home import HomeState


@dataclass(frozen=True)
class SlackUser:
    """The parts of `users.info` the bot uses. `real_name` is for display only and is never logged."""

    user_id: str
    tz: str | None
    locale: str | None
    is_bot: bool = False
    deleted: bool = False
    is_admin: bool = False
    is_owner: bool = False
    real_name: str = ""
    # The custom status, read only to decide "away" (`bot.rules.away`); never stored.
    status_text: str = ""
    status_emoji: str = ""
    status_expiration: int = 0


@dataclass(frozen=True)
class Delivered:
    """Where a message landed (`channel` is the DM or channel id, `ts` the message timestamp)."""

    channel: str
    ts: str | None = None


class DeliveryError(Exception):
    """A send failed. `reason` is Slack's error code or a short label, never message content."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class PermanentDeliveryError(DeliveryError):
    """Retrying will not help: the user is gone, DMs are closed, the bot is not in the channel, …"""


class TransientDeliveryError(DeliveryError):
    """Worth trying again later: rate limited (`retry_after` seconds from Slack), 5xx, timeout."""

    def __init__(self, reason: str, *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class UncertainDeliveryError(TransientDeliveryError):
    """The request left but no answer came (a timeout or a dropped connection after sending): the message may
    have been posted. The outbox never repeats such a send in the same sweep, and repeats it at most once."""


class Notifier(Protocol):
    """Everything the services may ask of Slack. Every method may raise a `DeliveryError`."""

    async def send_dm(self, *, user_id: str, message: Message) -> Delivered: ...

    async def post_to_channel(self, *, channel_id: str, message: Message) -> Delivered: ...

    async def post_ephemeral(self, *, channel_id: str, user_id: str, message: Message) -> None: ...

    async def publish_home(self, *, user_id: str, home: HomeState) -> None: ...

    async def post_chart(self, *, channel_id: str, chart: TrendChart) -> None: ...

    async def upload_file(
        self, *, channel_id: str, filename: str, content: bytes, title: str, alt_text: str
    ) -> None: ...

    async def lookup_user(self, *, user_id: str) -> SlackUser: ...
