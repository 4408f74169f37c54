"""The 1:1 rhythm through the outbox: next meetings, nudges before, the follow-up after, the annual reminder.

For every active pair, at each sweep:
- the next two meetings exist (from the cadence; closures skipped; moved off weekends and holidays, and both are
  told once the moved one is the next), so a meeting's row is there long before its nudge, however rarely the
  sweeps run;
- each party's nudge exists once 09:00 on the working day before has come in their zone; it lapses when the meeting
  starts (a nudge never comes after the meeting started) and waits for a pause to end; a meeting a person set up
  after that instant gets none (judged by when the person acted, `Meeting.created_at`, never by the sweep);
- the manager's follow-up exists once start + 2 h (moved into working hours) has come, for a meeting still planned;
- the manager is reminded once when no medarbeidersamtale has been held with the employee for 12 months.
Dedupe keys carry the meeting id and its start, so a moved meeting gets fresh nudges and a re-run plans nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message
from bot.contract.oneonone import AnnualDue, MeetingMoved, OneOnOneFollowUp, OneOnOneIntro
from bot.core.deps import Deps
from bot.core.persons import load_view
from bot.features.oneonone.common import (
    HELD,
    PLANNED,
    AnnualParams,
    MeetingAt,
    Moved,
    PairRef,
    ensure_meetings_ahead,
    ensure_next_meeting,
    meeting_view,
    nudge_message,
)
from bot.features.oneonone.meetings import MOVED
from bot.outbox.engine import Envelope, PlannedMessage
from bot.outbox.params import Params
from bot.rules.cadence import follow_up_at, nudge_at
from bot.rules.calendar import DEFAULT_SEND_TIME, local_date, local_instant, working_day_on_or_after
from bot.rules.conversations import ConversationType, annual_conversation_due, annual_conversation_due_on
from storage import oneonone_repo
from storage.models import RecipientType
from storage.oneonone_models import Meeting, OneOnOnePair

NUDGE = "oneonone.nudge"
FOLLOW_UP = "oneonone.followup"
ANNUAL = "oneonone.annual"
FOLLOW_UP_LIFETIME = timedelta(days=7)


def _message(
    pair: OneOnOnePair, user: str, kind: str, key: str, at: datetime, params: Params, **extra: object
) -> PlannedMessage:
    return PlannedMessage(
        team_id=pair.team_id,
        dedupe_key=f"oneonone:{pair.id}:{key}",
        kind=kind,
        recipient_type=RecipientType.USER,
        recipient_id=user,
        not_before=at,
        params=params,
        expires_at=expires if isinstance(expires := extra.get("expires_at"), datetime) else None,
        pausable=bool(extra.get("pausable", False)),
    )


class OneOnOnePlanner:
    name = "1:1 rhythm"

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def plan(self, session: AsyncSession, *, now: datetime) -> Sequence[PlannedMessage]:
        planned: list[PlannedMessage] = []
        for pair in await oneonone_repo.list_active_pairs(session):
            assert pair.id is not None
            meetings = await oneonone_repo.list_meetings(session, pair_id=pair.id)
            coming = _next_planned(meetings, now)
            if coming is None:  # the next meeting (and any the cadence held meanwhile) is made from the cadence
                coming = (await ensure_meetings_ahead(session, pair, now=now))[0][0]
                meetings = await oneonone_repo.list_meetings(session, pair_id=pair.id)
            earlier = [m for m in meetings if m.starts_at < coming.starts_at]
            if coming.moved_reason == "holiday" and earlier:
                # Both are told once the moved meeting is the next one (the one before has started); a first
                # meeting was shown, moved, in the reply to the set-up.
                for user in (pair.manager_id, pair.employee_id):
                    key = f"moved:{coming.id}:{coming.slot.isoformat()}:{user}"
                    assert coming.id is not None
                    params = Moved(meeting=coming.id, reason="holiday")
                    planned.append(_message(pair, user, MOVED, key, now, params, expires_at=coming.starts_at))
            planned.extend(await self._nudges(session, pair, coming, now))
            planned.extend(await self._follow_ups(session, pair, meetings, now))
            planned.extend(await self._annual(session, pair, meetings, now))
        return planned

    async def _nudges(
        self, session: AsyncSession, pair: OneOnOnePair, meeting: Meeting, now: datetime
    ) -> list[PlannedMessage]:
        out: list[PlannedMessage] = []
        stamp = meeting.starts_at.strftime("%Y%m%dT%H%M")
        for user in (pair.manager_id, pair.employee_id):
            person = await load_view(session, self._deps, team_id=pair.team_id, user_id=user)
            at = nudge_at(local_date(meeting.starts_at, person.zone), person.zone)
            # A meeting set up after its nudge time needs no nudge: the set-up itself told both.
            if meeting.created_at <= at <= now < meeting.starts_at:
                key = f"nudge:{meeting.id}:{stamp}:{user}"
                assert meeting.id is not None
                params = MeetingAt(meeting=meeting.id, starts_at=meeting.starts_at)
                out.append(_message(pair, user, NUDGE, key, at, params, expires_at=meeting.starts_at, pausable=True))
        return out

    async def _follow_ups(
        self, session: AsyncSession, pair: OneOnOnePair, meetings: Sequence[Meeting], now: datetime
    ) -> list[PlannedMessage]:
        out: list[PlannedMessage] = []
        zone = (await load_view(session, self._deps, team_id=pair.team_id, user_id=pair.manager_id)).zone
        for meeting in meetings:
            if meeting.status != PLANNED or meeting.starts_at > now:
                continue
            at = follow_up_at(meeting.starts_at, zone)
            if at <= now < at + FOLLOW_UP_LIFETIME:
                key = f"followup:{meeting.id}:{meeting.starts_at.strftime('%Y%m%dT%H%M')}"
                assert meeting.id is not None
                params = MeetingAt(meeting=meeting.id, starts_at=meeting.starts_at)
                out.append(
                    _message(
                        pair,
                        pair.manager_id,
                        FOLLOW_UP,
                        key,
                        at,
                        params,
                        expires_at=at + FOLLOW_UP_LIFETIME,
                        pausable=True,
                    )
                )
        return out

    async def _annual(
        self, session: AsyncSession, pair: OneOnOnePair, meetings: Sequence[Meeting], now: datetime
    ) -> list[PlannedMessage]:
        assert pair.id is not None
        manager = await load_view(session, self._deps, team_id=pair.team_id, user_id=pair.manager_id)
        held = [m for m in meetings if m.status == HELD and m.kind == ConversationType.ANNUAL]
        last = held[-1] if held else None
        since = local_date(last.starts_at if last else pair.created_at, ZoneInfo(pair.zone))
        today = manager.today(now)
        if not annual_conversation_due(last_annual=since if last else None, relationship_start=since, today=today):
            return []
        due_day = working_day_on_or_after(annual_conversation_due_on(last_annual=since, relationship_start=since))
        at = local_instant(max(due_day, today), DEFAULT_SEND_TIME, manager.zone)
        if at > now:
            return []
        params = AnnualParams(pair=pair.id, since=since)
        key = f"annual:{since.isoformat()}"
        return [_message(pair, pair.manager_id, ANNUAL, key, at, params, pausable=True)]


def _next_planned(meetings: Sequence[Meeting], now: datetime) -> Meeting | None:
    """The first planned meeting after `now` in `meetings` (sorted by start): what `ensure_meetings_ahead` would
    return. With such a meeting ahead it creates nothing: the latest meeting starts after `now`, so there is no
    gap to catch up on, and the next one exists."""
    return next((m for m in meetings if m.status == PLANNED and m.starts_at > now), None)


async def _meeting(session: AsyncSession, envelope: Envelope, meeting_id: int) -> tuple[OneOnOnePair, Meeting] | None:
    meeting = await oneonone_repo.get_meeting(session, team_id=envelope.team_id, meeting_id=meeting_id)
    if meeting is None:
        return None
    pair = await oneonone_repo.get_pair(session, team_id=envelope.team_id, pair_id=meeting.pair_id)
    if pair is None or not pair.active:
        return None
    return pair, meeting


def _zone(envelope: Envelope, fallback: str) -> str:
    return str(envelope.person.zone) if envelope.person is not None else fallback


async def compose_nudge(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    params = envelope.read(MeetingAt)
    found = await _meeting(session, envelope, params.meeting)
    if found is None or envelope.person is None:
        return None
    pair, meeting = found
    # Obsolete when the meeting moved, was cancelled, or has started.
    if meeting.status != PLANNED or meeting.starts_at != params.starts_at:
        return None
    if meeting.starts_at <= now:
        return None
    return await nudge_message(session, pair, meeting, recipient=envelope.person, now=now)


async def compose_follow_up(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    del now
    params = envelope.read(MeetingAt)
    found = await _meeting(session, envelope, params.meeting)
    if found is None:
        return None
    pair, meeting = found
    if meeting.status != PLANNED or meeting.starts_at != params.starts_at:
        return None
    return OneOnOneFollowUp(
        lang=envelope.lang, meeting=meeting_view(pair, meeting, []), zone=_zone(envelope, pair.zone)
    )


async def compose_moved(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    moved = envelope.read(Moved)
    found = await _meeting(session, envelope, moved.meeting)
    if found is None:
        return None
    pair, meeting = found
    if meeting.status != PLANNED or meeting.starts_at <= now:
        return None
    return MeetingMoved(
        lang=envelope.lang,
        recipient=envelope.recipient_id,
        meeting=meeting_view(pair, meeting, []),
        zone=_zone(envelope, pair.zone),
        reason=moved.reason,
    )


async def compose_intro(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    ref = envelope.read(PairRef)
    pair = await oneonone_repo.get_pair(session, team_id=envelope.team_id, pair_id=ref.pair)
    if pair is None or not pair.active:
        return None
    meeting, _ = await ensure_next_meeting(session, pair, now=now)
    return OneOnOneIntro(
        lang=envelope.lang,
        manager_id=pair.manager_id,
        cadence=pair.cadence,
        meeting=meeting_view(pair, meeting, []),
        zone=_zone(envelope, pair.zone),
    )


async def compose_annual(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    del now
    annual = envelope.read(AnnualParams)
    pair = await oneonone_repo.get_pair(session, team_id=envelope.team_id, pair_id=annual.pair)
    if pair is None or not pair.active:
        return None
    return AnnualDue(lang=envelope.lang, employee_id=pair.employee_id, since=annual.since)
