"""One send through the `Notifier`: a DM, a channel post, or a chart upload."""

from __future__ import annotations

from bot.contract.common import Message
from bot.contract.digest import TrendChart
from bot.core.ports import Delivered, Notifier
from storage.models import OutboxMessage, RecipientType


async def send(notifier: Notifier, row: OutboxMessage, message: Message) -> Delivered:
    if row.recipient_type == RecipientType.USER:
        return await notifier.send_dm(user_id=row.recipient_id, message=message)
    if isinstance(message, TrendChart):
        await notifier.post_chart(channel_id=row.recipient_id, chart=message)
        return Delivered(channel=row.recipient_id)
    return await notifier.post_to_channel(channel_id=row.recipient_id, message=message)
