"""The Monday digests through the outbox, once per team per ISO week however often the sweep runs.

For each team with a digest channel and at least one member: the channel digest (counts and the pulse, never a
name), the trend chart after it (only when at least two published rounds exist), and the manager's own DM with
what is theirs to act on (skipped when nothing is overdue). All at Monday 09:00 in the manager's zone; a digest
missed while the bot was down goes out late the same week, and a week's digest lapses when the next one is due.
The organisation-wide digest goes to the HR channel an admin chose, at Monday 09:00 in the workspace zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message
from bot.contract.digest import DigestBlocked, ManagerDigest, TeamCounts, TeamDigest, TeamUpdateShared, TrendChart
from bot.core.deps import Deps
from bot.core.persons import load_view
from bot.features.digest.counts import WEEK, monday_of, team_week
from bot.features.digest.service import HR_CHANNEL, DigestTarget, PulseDigestSource, SharedUpdate
from bot.features.pulse import load_pulse_settings
from bot.outbox.engine import Envelope, OutboxService, PlannedMessage
from bot.rules.calendar import iso_week, local_date, local_instant
from bot.rules.digest import DIGEST_TIME
from storage import digest_repo, people_repo, team_repo
from storage.digest_models import DigestChannel
from storage.models import OutboxMessage, RecipientType

TEAM = "digest.team"
CHART = "digest.chart"
MANAGER = "digest.manager"
ORG = "digest.org"
BLOCKED = "digest.blocked"


def _week_key(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def channel_counts(counts: TeamCounts, *, k: int) -> TeamCounts | None:
    """What a channel may see of a team's week: nothing for a team smaller than k (colleagues could tell who is
    behind a count), and never a count of individual behaviour (1:1s without an answer, overdue tiltak): those go
    to the manager's own DM only."""
    if counts.members < k:
        return None
    return TeamCounts(
        members=counts.members,
        oneonone_held=counts.oneonone_held,
        oneonone_planned=counts.oneonone_planned,
        tiltak_open=counts.tiltak_open,
        tiltak_done_week=counts.tiltak_done_week,
    )


class DigestPlanner:
    name = "weekly digests"

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def plan(self, session: AsyncSession, *, now: datetime) -> Sequence[PlannedMessage]:
        planned: list[PlannedMessage] = []
        for channel in await digest_repo.list_channels(session):
            members = await team_repo.team_of(session, team_id=channel.team_id, manager_id=channel.manager_id)
            if not members:
                continue
            manager = await load_view(session, self._deps, team_id=channel.team_id, user_id=channel.manager_id)
            monday = monday_of(local_date(now, manager.zone))
            at = local_instant(monday, DIGEST_TIME, manager.zone)
            if at > now:
                continue
            week = _week_key(monday)
            lapse = at + WEEK
            base = f"digest:{channel.manager_id}:{week}"
            params = DigestTarget(channel=channel.channel_id, manager=channel.manager_id)
            planned += [
                _planned(
                    channel.team_id, f"{base}:team", TEAM, RecipientType.CHANNEL, channel.channel_id, at, params, lapse
                ),
                _planned(
                    channel.team_id,
                    f"{base}:chart",
                    CHART,
                    RecipientType.CHANNEL,
                    channel.channel_id,
                    at + timedelta(seconds=1),
                    params,
                    lapse,
                ),
                _planned(
                    channel.team_id,
                    f"{base}:manager",
                    MANAGER,
                    RecipientType.USER,
                    channel.manager_id,
                    at,
                    params,
                    lapse,
                ),
            ]
        for workspace in await people_repo.list_workspaces(session):
            hr_channel = workspace.settings.get(HR_CHANNEL)
            if not hr_channel:
                continue
            zone = self._deps.defaults.zone
            monday = monday_of(local_date(now, zone))
            at = local_instant(monday, DIGEST_TIME, zone)
            if at <= now:
                key = f"digest:org:{_week_key(monday)}"
                params = DigestTarget(channel=str(hr_channel))
                planned.append(
                    _planned(workspace.team_id, key, ORG, RecipientType.CHANNEL, str(hr_channel), at, params, at + WEEK)
                )
        return planned


def _planned(
    team_id: str,
    key: str,
    kind: str,
    recipient_type: RecipientType,
    recipient: str,
    at: datetime,
    params: DigestTarget,
    expires_at: datetime,
) -> PlannedMessage:
    return PlannedMessage(
        team_id=team_id,
        dedupe_key=key,
        kind=kind,
        recipient_type=recipient_type,
        recipient_id=recipient,
        not_before=at,
        params=params,
        expires_at=expires_at,
    )


class DigestComposers:
    """Build each digest from current state at send time."""

    def __init__(self, deps: Deps, pulse: PulseDigestSource, outbox: OutboxService) -> None:
        self._deps = deps
        self._pulse = pulse
        self._outbox = outbox

    async def _context(self, session: AsyncSession, envelope: Envelope) -> tuple[DigestChannel, ZoneInfo, str] | None:
        target = envelope.read(DigestTarget)
        manager_id = target.manager
        channel = await digest_repo.get_channel(session, team_id=envelope.team_id, manager_id=manager_id)
        # Obsolete when the manager has moved the digest to another channel.
        if channel is None or channel.channel_id != target.channel:
            return None
        manager = await load_view(session, self._deps, team_id=envelope.team_id, user_id=manager_id)
        return channel, manager.zone, manager.lang

    async def team(self, session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
        found = await self._context(session, envelope)
        if found is None:
            return None
        channel, zone, lang = found
        manager_id = channel.manager_id
        week = await team_week(session, team_id=envelope.team_id, manager_id=manager_id, now=now, zone=zone)
        pulse = await self._pulse.team_digest(session, team_id=envelope.team_id, manager_id=manager_id, now=now)
        update = await digest_repo.last_update(session, team_id=envelope.team_id, manager_id=manager_id)
        channel.blocked_since = None
        k = (await load_pulse_settings(session, team_id=envelope.team_id)).k
        return TeamDigest(
            lang=lang,
            manager_id=manager_id,
            week=iso_week(local_date(now, zone))[1],
            # A channel sees a team's counts only when the team has at least k members (see `channel_counts`).
            counts=channel_counts(week.counts, k=k),
            k=k,
            pulse=pulse,
            shared_last_week=update is not None and now - update.shared_at <= WEEK,
        )

    async def chart(self, session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
        found = await self._context(session, envelope)
        if found is None:
            return None
        channel, _zone, lang = found
        manager_id = channel.manager_id
        pulse = await self._pulse.team_digest(session, team_id=envelope.team_id, manager_id=manager_id, now=now)
        if pulse is None or len(pulse.trend) < 2:
            return None
        return TrendChart(lang=lang, points=pulse.trend)

    async def manager(self, session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
        found = await self._context(session, envelope)
        if found is None or envelope.person is None:
            return None
        channel, zone, _lang = found
        manager_id = channel.manager_id
        week = await team_week(session, team_id=envelope.team_id, manager_id=manager_id, now=now, zone=zone)
        if not week.overdue_meetings and not week.overdue_tiltak:
            return None
        return ManagerDigest(
            lang=envelope.lang,
            week=iso_week(local_date(now, zone))[1],
            overdue_meetings=week.overdue_meetings,
            overdue_tiltak=week.overdue_tiltak,
            zone=str(envelope.person.zone),
            today=envelope.person.today(now),
        )

    async def org(self, session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
        workspace = await people_repo.get_or_add_workspace(session, team_id=envelope.team_id, now=now)
        if workspace.settings.get(HR_CHANNEL) != envelope.read(DigestTarget).channel:
            return None
        zone = self._deps.defaults.zone
        teams = await team_repo.list_teams(session)
        k = (await load_pulse_settings(session, team_id=envelope.team_id)).k
        counts = [
            (await team_week(session, team_id=team, manager_id=manager, now=now, zone=zone)).counts
            for (team, manager) in teams
            if team == envelope.team_id
        ]
        large = [c for c in counts if c.members >= k]
        total = TeamCounts(
            members=sum(c.members for c in large),
            oneonone_held=sum(c.oneonone_held for c in large),
            oneonone_planned=sum(c.oneonone_planned for c in large),
            tiltak_open=sum(c.tiltak_open for c in large),
            tiltak_done_week=sum(c.tiltak_done_week for c in large),
        )
        pulse = await self._pulse.org_digest(session, team_id=envelope.team_id, now=now)
        return TeamDigest(
            lang=envelope.lang,
            manager_id="",
            week=iso_week(local_date(now, zone))[1],
            counts=total if large else None,
            k=k,
            pulse=pulse,
            org=True,
        )

    async def shared(self, session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
        del now
        shared = envelope.read(SharedUpdate)
        update = await digest_repo.get_update(session, team_id=envelope.team_id, update_id=shared.update)
        if update is None:
            return None
        return TeamUpdateShared(lang=envelope.lang, manager_id=update.manager_id, text=update.text)

    async def blocked_notice(self, session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
        del session, now
        return DigestBlocked(lang=envelope.lang, channel_id=envelope.read(DigestTarget).channel)

    async def on_blocked(self, session: AsyncSession, row: OutboxMessage) -> None:
        """The bot is not in the team channel: remember since when, and tell the manager once."""
        manager_id = DigestTarget.decode(row.params).manager
        if not manager_id:
            return
        channel = await digest_repo.get_channel(session, team_id=row.team_id, manager_id=manager_id)
        if channel is None:
            return
        now = self._deps.now()
        if channel.blocked_since is None:
            channel.blocked_since = now
        since = channel.blocked_since.date().isoformat()
        await self._outbox.tell(
            session,
            team_id=row.team_id,
            user_id=manager_id,
            kind=BLOCKED,
            key=f"digest:blocked:{manager_id}:{channel.channel_id}:{since}",
            params=DigestTarget(channel=channel.channel_id),
            lifetime=WEEK,
        )
