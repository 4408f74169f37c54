"""What a team's week adds up to: 1:1s held, planned and overdue, and tiltak open, done and overdue.

A team is a manager's employees (`team_member`). A team tiltak is one owned by a team member, or owned by the
manager and followed up by a team member. Only counts leave this module for a channel; the details (which
1:1s and which tiltak are overdue) go only to the manager's own DM.

Counts belong to calendar weeks (ISO, Monday to Sunday, in the manager's zone), because the digest names them
so: "held last week" are the 1:1s that started last week and were held, "done last week" the tiltak closed as
done last week, and "planned this week" the 1:1s still ahead from now to Sunday night. A digest that goes out
late (the bot was down) still reads true.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.digest import TeamCounts
from bot.contract.oneonone import MeetingView
from bot.contract.tiltak import TiltakView
from bot.features.oneonone import HELD, PLANNED, meeting_view
from bot.features.tiltak import view_of as tiltak_view
from bot.rules.calendar import local_date
from storage import oneonone_repo, team_repo, tiltak_repo
from storage.tiltak_models import TiltakStatus

WEEK = timedelta(days=7)
# A planned 1:1 whose start passed this long ago without an answer from the manager counts as overdue.
OVERDUE_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class TeamWeek:
    counts: TeamCounts
    overdue_meetings: tuple[MeetingView, ...]
    overdue_tiltak: tuple[TiltakView, ...]


async def team_week(session: AsyncSession, *, team_id: str, manager_id: str, now: datetime, zone: ZoneInfo) -> TeamWeek:
    members = await team_repo.team_of(session, team_id=team_id, manager_id=manager_id)
    today = local_date(now, zone)
    this_week = datetime.combine(monday_of(today), time(0), zone)
    last_week, next_week = this_week - WEEK, this_week + WEEK
    held = planned = 0
    overdue_meetings: list[MeetingView] = []
    for pair in await oneonone_repo.list_pairs_managed_by(session, team_id=team_id, manager_id=manager_id):
        assert pair.id is not None
        for meeting in await oneonone_repo.list_meetings(session, pair_id=pair.id):
            if meeting.status == HELD and last_week <= meeting.starts_at < this_week:
                held += 1
            elif meeting.status == PLANNED and now < meeting.starts_at < next_week and pair.active:
                planned += 1
            elif meeting.status == PLANNED and meeting.starts_at <= now - OVERDUE_AFTER and pair.active:
                overdue_meetings.append(meeting_view(pair, meeting, []))
    team = set(members)
    rows = await tiltak_repo.list_touching(
        session, team_id=team_id, user_ids=[*members, manager_id], closed_since=last_week
    )
    mine = [t for t in rows if t.owner_id in team or (t.owner_id == manager_id and t.counterpart_id in team)]
    open_rows = [t for t in mine if t.status == TiltakStatus.OPEN]
    overdue = [t for t in open_rows if t.due_date < today]
    done = [
        t
        for t in mine
        if t.status == TiltakStatus.DONE and t.closed_at is not None and last_week <= t.closed_at < this_week
    ]
    counts = TeamCounts(
        members=len(members),
        oneonone_held=held,
        oneonone_planned=planned,
        oneonone_overdue=len(overdue_meetings),
        tiltak_open=len(open_rows),
        tiltak_done_week=len(done),
        tiltak_overdue=len(overdue),
    )
    return TeamWeek(counts, tuple(overdue_meetings), tuple(tiltak_view(t) for t in overdue))


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
