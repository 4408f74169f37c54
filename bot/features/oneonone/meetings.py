"""The 1:1 pair's shared things: the agenda, the coming meeting's type, and closing the loop after a meeting
(held with tiltak, moved, or not held).

Only the two people in a pair can read or change any of it: every intent checks that the caller is the pair's
manager (or, for the agenda, its employee), and anything else looks exactly like "not found".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.oneonone import HeldResult, MeetingView, OneOnOneNudge, PairError
from bot.contract.tiltak import TiltakError, TiltakResult
from bot.core.deps import Deps
from bot.core.persons import PersonView, load_view, refresh_profiles
from bot.features.oneonone.common import (
    HELD,
    NOT_HELD,
    PLANNED,
    Moved,
    ensure_next_meeting,
    meeting_view,
    nudge_message,
)
from bot.features.tiltak import MAX_TEXT as MAX_TILTAK_TEXT
from bot.features.tiltak import TiltakDraft, TiltakService
from bot.outbox.engine import OutboxService
from bot.outbox.params import Params
from bot.rules.calendar import local_instant
from bot.rules.conversations import ConversationType
from bot.rules.dateparse import DateParseError, check_date
from storage import oneonone_repo
from storage.db import transaction
from storage.oneonone_models import AgendaItem, Meeting, OneOnOnePair
from storage.tiltak_models import TiltakSource

MOVED = "oneonone.moved"
MAX_AGENDA_TEXT = 500


@dataclass(frozen=True)
class TiltakLine:
    """One row of the follow-up form: what, who owns it, by when."""

    text: str
    owner_id: str | None
    due: date | None


class MeetingService:
    """A pair's meetings: the agenda, the type, and the follow-up after each meeting (held, not held, moved)."""

    def __init__(self, deps: Deps, outbox: OutboxService, tiltak: TiltakService) -> None:
        self._deps = deps
        self._outbox = outbox
        self._tiltak = tiltak

    async def agenda(self, *, team_id: str, actor_id: str, pair_id: int) -> tuple[str, MeetingView | None, str]:
        """The pair's next meeting with its open agenda, for the agenda form; None for anyone outside the pair."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[actor_id])
        async with transaction(self._deps.sessions) as session:
            actor = await load_view(session, self._deps, team_id=team_id, user_id=actor_id)
            pair = await self._pair_of(session, team_id, actor_id, pair_id)
            if pair is None or not pair.active:
                return actor.lang, None, str(actor.zone)
            meeting, _ = await ensure_next_meeting(session, pair, now=now)
            agenda = await oneonone_repo.open_agenda(session, pair_id=pair_id)
            return actor.lang, meeting_view(pair, meeting, agenda), str(actor.zone)

    async def update_agenda(
        self, *, team_id: str, actor_id: str, pair_id: int, new_topic: str | None, ticked: set[int]
    ) -> tuple[str, PairError | None]:
        """Add a topic and tick off items (only the pair's own items; anyone else changes nothing)."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[actor_id])
        async with transaction(self._deps.sessions) as session:
            actor = await load_view(session, self._deps, team_id=team_id, user_id=actor_id)
            pair = await self._pair_of(session, team_id, actor_id, pair_id)
            if pair is None or not pair.active:
                return actor.lang, PairError.NOT_FOUND
            topic = " ".join((new_topic or "").split())
            if len(topic) > MAX_AGENDA_TEXT:
                return actor.lang, PairError.TOO_LONG
            for item in await oneonone_repo.open_agenda(session, pair_id=pair_id):
                if item.id in ticked:
                    item.done = True
                    item.done_at = now
            if topic:
                item = AgendaItem(team_id=team_id, pair_id=pair_id, author_id=actor_id, text=topic, created_at=now)
                await oneonone_repo.add_agenda_item(session, item=item)
            return actor.lang, None

    async def meeting(
        self, *, team_id: str, actor_id: str, meeting_id: int, manager_only: bool = True
    ) -> tuple[str, MeetingView | None, str]:
        """A meeting as its pair sees it (language and zone of the caller); None for anyone else."""
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[actor_id])
        async with transaction(self._deps.sessions) as session:
            actor = await load_view(session, self._deps, team_id=team_id, user_id=actor_id)
            found = await self._meeting_of(session, team_id, actor_id, meeting_id, manager_only=manager_only)
            if found is None:
                return actor.lang, None, str(actor.zone)
            pair, meeting = found
            agenda = await oneonone_repo.open_agenda(session, pair_id=meeting.pair_id)
            return actor.lang, meeting_view(pair, meeting, agenda), str(actor.zone)

    async def choose_type(
        self, *, team_id: str, actor_id: str, meeting_id: int, kind: str
    ) -> tuple[str, OneOnOneNudge | None]:
        """The manager picks the conversation type for the coming meeting; returns the nudge with its guide."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[actor_id])
        async with transaction(self._deps.sessions) as session:
            actor = await load_view(session, self._deps, team_id=team_id, user_id=actor_id)
            found = await self._meeting_of(session, team_id, actor_id, meeting_id, manager_only=True)
            if found is None or kind not in {t.value for t in ConversationType}:
                return actor.lang, None
            pair, meeting = found
            meeting.kind = kind
            nudge = await nudge_message(session, pair, meeting, recipient=actor, now=now)
            return actor.lang, nudge

    async def record_held(self, *, team_id: str, actor_id: str, meeting_id: int, lines: list[TiltakLine]) -> HeldResult:
        """The meeting took place; the tiltak agreed are created (the employee is told of each)."""
        now = self._deps.now()
        owners = [line.owner_id for line in lines if line.owner_id]
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[actor_id, *owners])
        async with transaction(self._deps.sessions) as session:
            actor = await load_view(session, self._deps, team_id=team_id, user_id=actor_id)
            found = await self._meeting_of(session, team_id, actor_id, meeting_id, manager_only=True)
            if found is None:
                return HeldResult(actor.lang, error=PairError.NOT_FOUND)
            pair, meeting = found
            if meeting.status not in (PLANNED, HELD):
                return HeldResult(actor.lang, error=PairError.CLOSED)
            refused = await self._refused_lines(session, team_id, actor, lines, now)
            if refused:
                return HeldResult(actor.lang, employee_id=pair.employee_id, refused=refused)
            meeting.status = HELD
            meeting.held_at = now
        created: list[TiltakResult] = []
        for line in lines:
            if not line.text.strip():
                continue
            owner = line.owner_id or pair.employee_id
            other = pair.employee_id if owner == pair.manager_id else pair.manager_id
            draft = TiltakDraft(
                text=line.text,
                owner_id=owner,
                due_date=line.due,
                due_text=None if line.due else "",
                source=TiltakSource.ONE_ON_ONE,
                counterpart_id=other,
            )
            created.append(await self._tiltak.create_tiltak(team_id=team_id, actor_id=actor_id, draft=draft))
        return HeldResult(actor.lang, created=tuple(created), employee_id=pair.employee_id)

    async def _refused_lines(
        self, session: AsyncSession, team_id: str, actor: PersonView, lines: list[TiltakLine], now: datetime
    ) -> tuple[tuple[int, TiltakResult], ...]:
        """The checks `create_tiltak` makes, done before the meeting is recorded, so no agreed tiltak is lost."""
        refused: list[tuple[int, TiltakResult]] = []
        for index, line in enumerate(lines):
            if not line.text.strip():
                continue
            if len(line.text.strip()) > MAX_TILTAK_TEXT:
                refused.append((index, TiltakResult(actor.lang, error=TiltakError.TEXT_TOO_LONG)))
                continue
            if line.due is None:
                refused.append((index, TiltakResult(actor.lang, error=TiltakError.NO_DATE)))
                continue
            try:
                check_date(line.due, today=actor.today(now))
            except DateParseError as error:
                refused.append(
                    (index, TiltakResult(actor.lang, error=TiltakError(error.reason.value), bad_date=line.due))
                )
                continue
            if line.owner_id and line.owner_id != actor.user_id:
                owner = await load_view(session, self._deps, team_id=team_id, user_id=line.owner_id)
                if owner.is_bot or owner.deleted:
                    why = TiltakError.OWNER_IS_BOT if owner.is_bot else TiltakError.OWNER_DEACTIVATED
                    refused.append((index, TiltakResult(actor.lang, error=why, subject=line.owner_id)))
        return tuple(refused)

    async def mark_not_held(self, *, team_id: str, actor_id: str, meeting_id: int) -> tuple[str, bool]:
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[actor_id])
        async with transaction(self._deps.sessions) as session:
            actor = await load_view(session, self._deps, team_id=team_id, user_id=actor_id)
            found = await self._meeting_of(session, team_id, actor_id, meeting_id, manager_only=True)
            if found is None or found[1].status != PLANNED:
                return actor.lang, False
            found[1].status = NOT_HELD
            return actor.lang, True

    async def move_meeting(
        self, *, team_id: str, actor_id: str, meeting_id: int, day: date, at: time
    ) -> tuple[str, PairError | None, MeetingView | None]:
        """Move a meeting to another day and time (the manager's zone); both are told, nudges are re-planned."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[actor_id])
        async with transaction(self._deps.sessions) as session:
            actor = await load_view(session, self._deps, team_id=team_id, user_id=actor_id)
            found = await self._meeting_of(session, team_id, actor_id, meeting_id, manager_only=True)
            if found is None:
                return actor.lang, PairError.NOT_FOUND, None
            pair, meeting = found
            try:
                check_date(day, today=actor.today(now))
            except DateParseError:
                return actor.lang, PairError.PAST, None
            starts_at = local_instant(day, at, ZoneInfo(pair.zone))
            if starts_at <= now:
                return actor.lang, PairError.PAST, None
            meeting.starts_at = starts_at
            meeting.status = PLANNED
            meeting.moved_reason = "moved"
            agenda = await oneonone_repo.open_agenda(session, pair_id=pair.id or 0)
            stamp = starts_at.strftime("%Y%m%dT%H%M")
            for user in (pair.manager_id, pair.employee_id):
                assert meeting.id is not None
                params = Moved(meeting=meeting.id)
                await self._enqueue(session, team_id, user, MOVED, params, f"moved:{meeting.id}:{stamp}:{user}")
            return actor.lang, None, meeting_view(pair, meeting, agenda)

    async def _pair_of(self, session: AsyncSession, team_id: str, actor_id: str, pair_id: int) -> OneOnOnePair | None:
        pair = await oneonone_repo.get_pair(session, team_id=team_id, pair_id=pair_id)
        if pair is None or actor_id not in (pair.manager_id, pair.employee_id):
            return None
        return pair

    async def _meeting_of(
        self, session: AsyncSession, team_id: str, actor_id: str, meeting_id: int, *, manager_only: bool
    ) -> tuple[OneOnOnePair, Meeting] | None:
        meeting = await oneonone_repo.get_meeting(session, team_id=team_id, meeting_id=meeting_id)
        if meeting is None:
            return None
        pair = await self._pair_of(session, team_id, actor_id, meeting.pair_id)
        if pair is None or (manager_only and actor_id != pair.manager_id):
            return None
        return pair, meeting

    async def _enqueue(
        self, session: AsyncSession, team_id: str, user_id: str, kind: str, params: Params, key: str
    ) -> None:
        await self._outbox.tell(
            session, team_id=team_id, user_id=user_id, kind=kind, key=f"oneonone:{key}", params=params
        )
