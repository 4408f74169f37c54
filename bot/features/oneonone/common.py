"""Shared pieces of the 1:1 services: turning rows into views, and creating a pair's next meeting."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.oneonone import AgendaItemView, MeetingView, OneOnOneNudge
from bot.contract.tiltak import TiltakView
from bot.core.pairs import PLANNED as PLANNED
from bot.core.pairs import drop_planned_meetings as drop_planned_meetings
from bot.core.pairs import stop_pair as stop_pair
from bot.core.persons import PersonView
from bot.features.tiltak import view_of as tiltak_view
from bot.outbox.params import Params
from bot.rules.cadence import Cadence, meeting_day, meeting_start, next_slot
from bot.rules.calendar import local_date
from bot.rules.closures import DEFAULT_CLOSURES
from bot.rules.conversations import ConversationType, annual_conversation_due, default_type
from bot.rules.probation import checkins
from storage import oneonone_repo, tiltak_repo
from storage.oneonone_models import AgendaItem, Meeting, OneOnOnePair

HELD = "held"
NOT_HELD = "not_held"
# A probation check-in is suggested for the meeting nearest its target day: windows as wide as the cadence.
WINDOW_DAYS = {Cadence.WEEKLY: 7, Cadence.BIWEEKLY: 14, Cadence.EVERY_THREE_WEEKS: 21, Cadence.MONTHLY: 30}


def pair_time(pair: OneOnOnePair) -> time:
    return time(pair.at_minutes // 60, pair.at_minutes % 60)


def agenda_view(item: AgendaItem) -> AgendaItemView:
    assert item.id is not None
    return AgendaItemView(id=item.id, text=item.text, author_id=item.author_id, done=item.done)


def meeting_view(pair: OneOnOnePair, meeting: Meeting, agenda: list[AgendaItem]) -> MeetingView:
    assert meeting.id is not None
    assert pair.id is not None
    moved_from = meeting.slot if meeting.moved_reason is not None else None
    return MeetingView(
        meeting_id=meeting.id,
        pair_id=pair.id,
        manager_id=pair.manager_id,
        employee_id=pair.employee_id,
        starts_at=meeting.starts_at,
        kind=meeting.kind,
        status=meeting.status,
        moved_from=moved_from,
        agenda=tuple(agenda_view(item) for item in agenda),
    )


async def suggested_type(session: AsyncSession, pair: OneOnOnePair, day: date) -> str:
    """Probation check-in near a target day, annual conversation when 12 months have passed, else ordinary."""
    assert pair.id is not None
    probation = await oneonone_repo.get_probation(session, team_id=pair.team_id, employee_id=pair.employee_id)
    targets = checkins(probation.start_date, probation.months) if probation is not None else ()
    last_annual = await oneonone_repo.last_held(session, pair_id=pair.id, kind=ConversationType.ANNUAL)
    annual_due = annual_conversation_due(
        last_annual=local_date(last_annual.starts_at, ZoneInfo(pair.zone)) if last_annual else None,
        relationship_start=local_date(pair.created_at, ZoneInfo(pair.zone)),
        today=day,
    )
    return default_type(
        meeting_day=day,
        probation_targets=targets,
        annual_due=annual_due,
        window_days=WINDOW_DAYS[Cadence(pair.cadence)],
    )


MEETINGS_AHEAD = 1
CATCH_UP = timedelta(days=8)
"""How far back missed meetings are filled in: a follow-up goes up to 7 days after its meeting's follow-up time."""
"""Planned meetings kept ahead of now, so the next one after the coming meeting exists (and is nudged) whenever
the sweeps happen to run (issue 11, item 3)."""


async def ensure_next_meeting(
    session: AsyncSession, pair: OneOnOnePair, *, now: datetime, acted_at: datetime | None = None
) -> tuple[Meeting, bool]:
    """The pair's next planned meeting after `now`, created from the cadence when missing (True when created).

    `acted_at`: when a person set this up (a new or changed cadence). Without it, a meeting made from the cadence
    counts as decided when the pair's latest meeting was (or the pair was set up): "set up too late for a nudge"
    is judged by when a person acted, never by when a sweep happened to run."""
    assert pair.id is not None
    existing = await oneonone_repo.upcoming_meeting(session, pair_id=pair.id, after=now)
    if existing is not None:
        return existing, False
    return await _meeting_from(session, pair, local_date(now, ZoneInfo(pair.zone)), now, acted_at)


async def ensure_meetings_ahead(
    session: AsyncSession, pair: OneOnOnePair, *, now: datetime, count: int = MEETINGS_AHEAD
) -> list[tuple[Meeting, bool]]:
    """The next `count` planned meetings after `now`, each created from the cadence when missing; first, the
    meetings the cadence held while no sweep ran (`catch_up_meetings`)."""
    await catch_up_meetings(session, pair, now=now)
    ahead = [await ensure_next_meeting(session, pair, now=now)]
    while len(ahead) < count:
        previous = ahead[-1][0]
        following = await oneonone_repo.upcoming_meeting(session, pair_id=pair.id or 0, after=previous.starts_at)
        if following is not None:
            ahead.append((following, False))
            continue
        ahead.append(await _meeting_from(session, pair, previous.slot + timedelta(days=1), previous.starts_at, None))
    return ahead


async def catch_up_meetings(session: AsyncSession, pair: OneOnOnePair, *, now: datetime) -> None:
    """Create the cadence's meetings that started since the pair's latest meeting row, within `CATCH_UP`.

    Each meeting row is normally made ahead of time by the sweep before it. When no sweep ran for a while (the
    bot was down, or runs from a daily cron), the meetings in between would never exist, and their follow-ups,
    which DESIGN.md's missed-work rule still sends within 7 days, would be lost: what is sent must not depend on
    when sweeps run (issue 11, item 3). Older ones would get no message, so they are left out."""
    assert pair.id is not None
    latest = await oneonone_repo.latest_meeting(session, pair_id=pair.id)
    if latest is None or latest.starts_at >= now:
        return  # nothing was missed: the next meeting is already there
    later_than = max(latest.starts_at, now - CATCH_UP)
    while True:
        day = local_date(later_than, ZoneInfo(pair.zone))
        meeting, _created = await _meeting_from(session, pair, day, later_than, None)
        if meeting.starts_at > now:
            return
        later_than = meeting.starts_at


async def _meeting_from(
    session: AsyncSession, pair: OneOnOnePair, on_or_after: date, later_than: datetime, acted_at: datetime | None
) -> tuple[Meeting, bool]:
    """The first cadence slot from `on_or_after` whose meeting starts after `later_than`, created when missing."""
    assert pair.id is not None
    zone = ZoneInfo(pair.zone)
    while True:
        slot = next_slot(pair.anchor, Cadence(pair.cadence), on_or_after=on_or_after, closures=DEFAULT_CLOSURES)
        starts_at = meeting_start(slot, pair_time(pair), zone)
        known = await oneonone_repo.get_meeting_by_slot(session, pair_id=pair.id, slot=slot)
        if starts_at > later_than and known is None:
            break
        if known is not None and known.status == PLANNED and known.starts_at > later_than:
            return known, False
        on_or_after = slot + timedelta(days=1)
    if acted_at is None:
        latest = await oneonone_repo.latest_decided(session, pair_id=pair.id)
        acted_at = latest if latest is not None else pair.created_at
    day = meeting_day(slot)
    meeting = Meeting(
        team_id=pair.team_id,
        pair_id=pair.id,
        slot=slot,
        starts_at=starts_at,
        kind=await suggested_type(session, pair, day),
        moved_reason="holiday" if day != slot else None,
        created_at=acted_at,
    )
    return await oneonone_repo.add_meeting(session, meeting=meeting), True


async def nudge_message(
    session: AsyncSession, pair: OneOnOnePair, meeting: Meeting, *, recipient: PersonView, now: datetime
) -> OneOnOneNudge:
    """The nudge for one party: the manager's carries the open tiltak between the two of them."""
    agenda = await oneonone_repo.open_agenda(session, pair_id=meeting.pair_id)
    open_tiltak: tuple[TiltakView, ...] = ()
    if recipient.user_id == pair.manager_id:
        rows = await tiltak_repo.list_open_for(session, team_id=pair.team_id, user_id=pair.employee_id)
        between = [t for t in rows if {t.owner_id, t.counterpart_id} <= {pair.manager_id, pair.employee_id}]
        open_tiltak = tuple(tiltak_view(t) for t in between)
    return OneOnOneNudge(
        lang=recipient.lang,
        recipient=recipient.user_id,
        meeting=meeting_view(pair, meeting, agenda),
        zone=str(recipient.zone),
        open_tiltak=open_tiltak,
        today=recipient.today(now),
    )


@dataclass(frozen=True)
class MeetingAt(Params):
    """Params of `oneonone.nudge` and `oneonone.followup`: the meeting and the start it was planned for."""

    meeting: int
    starts_at: datetime


@dataclass(frozen=True)
class Moved(Params):
    """Params of `oneonone.moved`: the meeting, and why (`holiday`: off a public holiday; `moved`: by hand)."""

    meeting: int
    reason: str = "moved"


@dataclass(frozen=True)
class PairRef(Params):
    """Params of `oneonone.intro`: the pair that was set up."""

    pair: int


@dataclass(frozen=True)
class AnnualParams(Params):
    """Params of `oneonone.annual`: the pair, and the day the twelve months are counted from."""

    pair: int
    since: date


def cadence_params(cadence: Cadence | None, weekday: int | None, at: time | None) -> dict[str, Any]:
    """What `1til1` asked for, kept with the manager request until the employee accepts."""
    return {
        "cadence": cadence.value if cadence is not None else None,
        "weekday": weekday,
        "at": at.strftime("%H:%M") if at is not None else None,
    }


def cadence_of(params: Mapping[str, Any]) -> tuple[Cadence | None, int | None, time | None]:
    """The cadence a request asked for, read back (None: the default, or what the pair has)."""
    cadence = params.get("cadence")
    weekday = params.get("weekday")
    at = params.get("at")
    return (
        Cadence(str(cadence)) if cadence else None,
        int(weekday) if weekday is not None else None,
        time.fromisoformat(str(at)) if at else None,
    )
