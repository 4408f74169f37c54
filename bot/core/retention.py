"""A workspace's retention settings (`workspace.settings["retention"]`, `bot.rules.retention`), read by the daily
purge (`bot.features.privacy`) and by the outbox's planning.

Outbox rows are the record that a planned message exists, so a message is planned once. The purge deletes a row
once its time (`not_before`, and `sent_at` when sent, which is never earlier) is at or before the outbox cutoff,
so planning never plans a message whose time is at or before that cutoff: it could have been sent and forgotten
already, and planning it again would send it twice. A message that late is past any use anyway (the longest
"sent late" window in the job table is 14 days; the setting is never below that)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.workspace_settings import stored_settings
from bot.outbox.types import PlannedMessage
from bot.rules.retention import RetentionPolicy, policy_from_json

KEY = "retention"


async def load_policy(session: AsyncSession, *, team_id: str) -> RetentionPolicy:
    return policy_from_json((await stored_settings(session, team_id=team_id)).get(KEY))


async def still_plannable(
    session: AsyncSession, messages: Sequence[PlannedMessage], now: datetime
) -> list[PlannedMessage]:
    """`messages` without those whose time is at or before their workspace's outbox cutoff."""
    floors: dict[str, datetime] = {}
    for team_id in {message.team_id for message in messages}:
        days = (await load_policy(session, team_id=team_id)).outbox_days
        floors[team_id] = now - timedelta(days=days)
    return [message for message in messages if message.not_before > floors[message.team_id]]
