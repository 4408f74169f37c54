"""The weekly digest: where it goes, and closing the loop ("Del hva vi gjør").

Setting a channel posts a short welcome there at once: if the bot is not in the channel the manager is told how
to invite it, the choice is kept, and the digest goes out as soon as it can. Sharing an update sends it to every
member of the manager's team as a DM (through the outbox) and the next digest notes that it was shared.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Notice
from bot.contract.digest import ChannelOutcome, ChannelResult, PulseDigest, ShareResult
from bot.core.deps import Deps
from bot.core.persons import load_view, refresh_profiles
from bot.core.ports import PermanentDeliveryError, TransientDeliveryError
from bot.outbox.engine import OutboxService
from bot.outbox.params import Params
from storage import digest_repo, people_repo, team_repo
from storage.db import transaction
from storage.digest_models import TeamUpdate

SHARED = "digest.shared"
HR_CHANNEL = "hr_digest_channel"
MAX_UPDATE = 3000


class PulseDigestSource(Protocol):
    """Where the digest gets the last closed pulse round, as the anonymity rules allow it to be shown."""

    async def team_digest(
        self, session: AsyncSession, *, team_id: str, manager_id: str, now: datetime
    ) -> PulseDigest | None: ...

    async def org_digest(self, session: AsyncSession, *, team_id: str, now: datetime) -> PulseDigest | None: ...


class NoPulse:
    """Used until a pulse is configured: the digest then shows 1:1s and tiltak only."""

    async def team_digest(
        self, session: AsyncSession, *, team_id: str, manager_id: str, now: datetime
    ) -> PulseDigest | None:
        return None

    async def org_digest(self, session: AsyncSession, *, team_id: str, now: datetime) -> PulseDigest | None:
        return None


@dataclass(frozen=True)
class SharedUpdate(Params):
    """Params of `digest.shared`: the note the manager shared with the team."""

    update: int
    manager: str


@dataclass(frozen=True)
class DigestTarget(Params):
    """Params of the digest kinds (`digest.team`, `.chart`, `.manager`, `.org`, `.blocked`): the channel it
    was planned for and, for a team's digest, its manager."""

    channel: str
    manager: str = ""


class DigestService:
    def __init__(self, deps: Deps, outbox: OutboxService) -> None:
        self._deps = deps
        self._outbox = outbox

    async def choose_channel(
        self, *, team_id: str, manager_id: str, channel_id: str | None, org: bool = False
    ) -> ChannelResult:
        """`digest #kanal` (the caller's team) or `digest hr #kanal` (admins: the organisation-wide digest)."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[manager_id])
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            if channel_id is None:
                return ChannelResult(me.lang, ChannelOutcome.NO_CHANNEL, org=org)
            if org and not me.is_admin:
                return ChannelResult(me.lang, ChannelOutcome.NOT_ADMIN, channel_id, org=True)
            if org:
                workspace = await people_repo.get_or_add_workspace(session, team_id=team_id, now=now)
                workspace.settings = {**workspace.settings, HR_CHANNEL: channel_id}
                workspace.updated_at = now
            else:
                await digest_repo.set_channel(
                    session, team_id=team_id, manager_id=manager_id, channel_id=channel_id, now=now
                )
            lang = me.lang
        key, params = ("digest.hr_welcome", {}) if org else ("digest.welcome", {"manager": manager_id})
        try:
            await self._deps.notifier.post_to_channel(
                channel_id=channel_id, message=Notice(lang=lang, key=key, params=params)
            )
        except PermanentDeliveryError as error:
            if error.reason in ("channel_not_found", "is_archived"):
                return ChannelResult(lang, ChannelOutcome.NOT_FOUND, channel_id, org=org)
            await self._mark_blocked(team_id, manager_id, org=org)
            return ChannelResult(lang, ChannelOutcome.BLOCKED, channel_id, org=org)
        except TransientDeliveryError:
            # Slack is busy; the choice is stored and the Monday digest will try again.
            pass
        return ChannelResult(lang, ChannelOutcome.SET, channel_id, org=org)

    async def _mark_blocked(self, team_id: str, manager_id: str, *, org: bool) -> None:
        if org:
            return
        async with transaction(self._deps.sessions) as session:
            row = await digest_repo.get_channel(session, team_id=team_id, manager_id=manager_id)
            if row is not None and row.blocked_since is None:
                row.blocked_since = self._deps.now()

    async def share_update(self, *, team_id: str, manager_id: str, text: str) -> ShareResult:
        """Send what the team will do to every member of the caller's team; remembered for the next digest."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[manager_id])
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            cleaned = text.strip()
            if not cleaned or len(cleaned) > MAX_UPDATE:
                return ShareResult(me.lang, error="empty")
            members = await team_repo.team_of(session, team_id=team_id, manager_id=manager_id)
            if not members:
                return ShareResult(me.lang, error="no_team")
            update = await digest_repo.add_update(
                session,
                update=TeamUpdate(
                    team_id=team_id, manager_id=manager_id, text=cleaned, recipients=len(members), shared_at=now
                ),
            )
            assert update.id is not None
            for member in members:
                await self._outbox.tell(
                    session,
                    team_id=team_id,
                    user_id=member,
                    kind=SHARED,
                    key=f"digest:shared:{update.id}:{member}",
                    params=SharedUpdate(update=update.id, manager=manager_id),
                    lifetime=timedelta(days=7),
                )
            return ShareResult(me.lang, sent_to=len(members))
