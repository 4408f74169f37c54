"""What a sweep's planning inserts: only the messages the outbox does not hold yet."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.outbox.types import PlannedMessage
from storage import outbox_repo


async def new_only(session: AsyncSession, planned: Sequence[PlannedMessage]) -> list[PlannedMessage]:
    """`planned` without the messages the outbox already holds. Planners plan everything whose time has come on
    every sweep; reading the known keys is cheaper than building and inserting those rows again only to have the
    unique key turn them away (which still happens for a row another replica inserts meanwhile)."""
    by_team: dict[str, list[str]] = {}
    for message in planned:
        by_team.setdefault(message.team_id, []).append(message.dedupe_key)
    known = {
        (team_id, key)
        for team_id, keys in by_team.items()
        for key in await outbox_repo.known_keys(session, team_id=team_id, keys=keys)
    }
    return [message for message in planned if (message.team_id, message.dedupe_key) not in known]
