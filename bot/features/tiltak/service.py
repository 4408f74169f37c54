"""Tiltak: record an action point with one owner, a counterpart and a deadline; list, complete, postpone, cancel.

Only the owner and the counterpart may act on a tiltak: a forged button value or someone else's number is
refused and changes nothing. Every change tells the other party (through the outbox) and re-plans reminders:
pending ones are cancelled, and the planner in `reminders` creates the new ones when they fall due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.tiltak import Change, TiltakError, TiltakResult, TiltakView
from bot.core.deps import Deps
from bot.core.persons import PersonView, fresh_view, load_view, refresh_profiles
from bot.outbox.engine import OutboxService
from bot.outbox.params import Params
from bot.rules.dateparse import DateParseError, check_date, parse_date
from storage import outbox_repo, tiltak_repo
from storage.db import transaction
from storage.tiltak_models import Postponement, Tiltak, TiltakSource, TiltakStatus

__all__ = ["MAX_TEXT", "TiltakDraft", "TiltakService", "TiltakSource", "view_of"]

MAX_TEXT = 3000
CREATED = "tiltak.created"
CHANGED = "tiltak.changed"


@dataclass(frozen=True)
class TiltakDraft:
    """What the caller asked for. `due_text` (typed) or `due_date` (date picker); `owner_id` None: the caller."""

    text: str
    owner_id: str | None = None
    due_text: str | None = None
    due_date: date | None = None
    note: str | None = None
    source: TiltakSource = TiltakSource.COMMAND
    counterpart_id: str | None = None  # who follows up; default: the caller when someone else owns it


def view_of(tiltak: Tiltak) -> TiltakView:
    assert tiltak.id is not None
    return TiltakView(
        id=tiltak.id,
        number=tiltak.number,
        text=tiltak.text,
        owner_id=tiltak.owner_id,
        counterpart_id=tiltak.counterpart_id,
        due_date=tiltak.due_date,
        status=tiltak.status,
        note=tiltak.note,
    )


async def _open_views(session: AsyncSession, team_id: str, user_id: str) -> list[TiltakView]:
    rows = await tiltak_repo.list_open_rows(session, team_id=team_id, user_id=user_id)
    return [
        TiltakView(
            id=row.id,
            number=row.number,
            text=row.text,
            owner_id=row.owner_id,
            counterpart_id=row.counterpart_id,
            due_date=row.due_date,
            status=row.status,
            note=row.note,
        )
        for row in rows
    ]


def _counterpart(draft: TiltakDraft, *, owner_id: str, actor_id: str) -> str | None:
    chosen = draft.counterpart_id if draft.counterpart_id is not None else actor_id
    return chosen if chosen != owner_id else None


def reminder_prefix(tiltak_id: int) -> str:
    return f"tiltak:{tiltak_id}:"


@dataclass(frozen=True)
class TiltakNews(Params):
    """Params of `tiltak.created` and `tiltak.changed`: which tiltak, who did it, what changed."""

    tiltak: int
    by: str
    change: str
    old_due: date | None = None


class TiltakService:
    def __init__(self, deps: Deps, outbox: OutboxService) -> None:
        self._deps = deps
        self._outbox = outbox

    async def create_tiltak(self, *, team_id: str, actor_id: str, draft: TiltakDraft) -> TiltakResult:
        """Register a tiltak; the owner (if not the caller) is told who asked for what and by when."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[actor_id, draft.owner_id or actor_id])
        async with transaction(self._deps.sessions) as session:
            actor = await load_view(session, self._deps, team_id=team_id, user_id=actor_id)
            lang = actor.lang
            text = " ".join(draft.text.split()) if "\n" not in draft.text else draft.text.strip()
            if not text:
                return TiltakResult(lang, error=TiltakError.EMPTY_TEXT)
            if len(text) > MAX_TEXT or (draft.note is not None and len(draft.note) > MAX_TEXT):
                return TiltakResult(lang, error=TiltakError.TEXT_TOO_LONG)
            today = actor.today(now)
            if draft.due_date is None and draft.due_text is None:
                return TiltakResult(lang, error=TiltakError.NO_DATE)
            try:
                if draft.due_date is not None:
                    due = check_date(draft.due_date, today=today)
                else:
                    assert draft.due_text is not None
                    due = parse_date(draft.due_text, today=today)
            except DateParseError as error:
                return TiltakResult(
                    lang, error=TiltakError(error.reason.value), bad_date=draft.due_date, suggestion=error.suggestion
                )
            owner_id = draft.owner_id or actor_id
            if owner_id != actor_id:
                owner = await load_view(session, self._deps, team_id=team_id, user_id=owner_id)
                if owner.is_bot:
                    return TiltakResult(lang, error=TiltakError.OWNER_IS_BOT, subject=owner_id)
                if owner.deleted:
                    return TiltakResult(lang, error=TiltakError.OWNER_DEACTIVATED, subject=owner_id)
            tiltak = await tiltak_repo.add_tiltak(
                session,
                tiltak=Tiltak(
                    team_id=team_id,
                    number=await tiltak_repo.next_number(session, team_id=team_id),
                    text=text,
                    note=(draft.note or "").strip() or None,
                    owner_id=owner_id,
                    counterpart_id=_counterpart(draft, owner_id=owner_id, actor_id=actor_id),
                    created_by=actor_id,
                    due_date=due,
                    source=draft.source,
                    reminders_from=now,
                    created_at=now,
                ),
            )
            view = view_of(tiltak)
            if owner_id != actor_id:
                await self._tell(session, team_id, view, recipient=owner_id, kind=CREATED, by=actor_id, key="created")
            return TiltakResult(lang, tiltak=view)

    async def list_open(self, *, team_id: str, user_id: str) -> tuple[str, date, list[TiltakView]]:
        """My open tiltak (owned or followed up), soonest first; with my language and my today.

        One transaction when my profile is fresh (the usual case); the rows are read as plain columns."""
        async with transaction(self._deps.sessions) as session:
            me = await fresh_view(session, self._deps, team_id=team_id, user_id=user_id)
            if me is not None:
                return me.lang, me.today(self._deps.now()), await _open_views(session, team_id, user_id)
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[user_id])
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=user_id)
            return me.lang, me.today(self._deps.now()), await _open_views(session, team_id, user_id)

    async def complete(
        self, *, team_id: str, actor_id: str, tiltak_id: int | None = None, number: int | None = None
    ) -> TiltakResult:
        return await self._close(team_id, actor_id, tiltak_id, number, TiltakStatus.DONE, Change.DONE)

    async def cancel(self, *, team_id: str, actor_id: str, tiltak_id: int) -> TiltakResult:
        return await self._close(team_id, actor_id, tiltak_id, None, TiltakStatus.CANCELLED, Change.CANCELLED)

    async def postpone(self, *, team_id: str, actor_id: str, tiltak_id: int, new_due: date) -> TiltakResult:
        """Move the deadline; the history is kept, pending reminders are replaced, the other party is told."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[actor_id])
        async with transaction(self._deps.sessions) as session:
            found = await self._authorised(session, team_id, actor_id, tiltak_id, None)
            if isinstance(found, TiltakResult):
                return found
            tiltak, actor = found
            lang = actor.lang
            try:
                check_date(new_due, today=actor.today(now))
            except DateParseError as error:
                return TiltakResult(lang, error=TiltakError(error.reason.value), number=tiltak.number, bad_date=new_due)
            old_due = tiltak.due_date
            assert tiltak.id is not None
            await tiltak_repo.add_postponement(
                session,
                postponement=Postponement(
                    team_id=team_id, tiltak_id=tiltak.id, from_date=old_due, to_date=new_due, by_user=actor_id, at=now
                ),
            )
            tiltak.due_date = new_due
            tiltak.reminders_from = now
            await outbox_repo.cancel_pending(session, team_id=team_id, key_prefix=reminder_prefix(tiltak.id))
            view = view_of(tiltak)
            other = view.other_party(actor_id)
            if other is not None:
                await self._tell(
                    session,
                    team_id,
                    view,
                    recipient=other,
                    kind=CHANGED,
                    by=actor_id,
                    key=Change.POSTPONED,
                    old_due=old_due,
                )
            return TiltakResult(lang, tiltak=view, change=Change.POSTPONED)

    async def _close(
        self,
        team_id: str,
        actor_id: str,
        tiltak_id: int | None,
        number: int | None,
        status: TiltakStatus,
        change: Change,
    ) -> TiltakResult:
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[actor_id])
        async with transaction(self._deps.sessions) as session:
            found = await self._authorised(session, team_id, actor_id, tiltak_id, number)
            if isinstance(found, TiltakResult):
                return found
            tiltak, actor = found
            lang = actor.lang
            assert tiltak.id is not None
            tiltak.status = status
            tiltak.closed_at = now
            tiltak.closed_by = actor_id
            await outbox_repo.cancel_pending(session, team_id=team_id, key_prefix=reminder_prefix(tiltak.id))
            view = view_of(tiltak)
            other = view.other_party(actor_id)
            if other is not None:
                await self._tell(session, team_id, view, recipient=other, kind=CHANGED, by=actor_id, key=change)
            return TiltakResult(lang, tiltak=view, change=change)

    async def _authorised(
        self, session: AsyncSession, team_id: str, actor_id: str, tiltak_id: int | None, number: int | None
    ) -> tuple[Tiltak, PersonView] | TiltakResult:
        actor = await load_view(session, self._deps, team_id=team_id, user_id=actor_id)
        if tiltak_id is not None:
            tiltak = await tiltak_repo.get_tiltak(session, team_id=team_id, tiltak_id=tiltak_id)
        else:
            assert number is not None
            tiltak = await tiltak_repo.get_by_number(session, team_id=team_id, number=number)
        # Someone else's tiltak looks exactly like a missing one when addressed by number: no leak of its text.
        if tiltak is None or (number is not None and actor_id not in (tiltak.owner_id, tiltak.counterpart_id)):
            return TiltakResult(actor.lang, error=TiltakError.NOT_FOUND, number=number)
        if actor_id not in (tiltak.owner_id, tiltak.counterpart_id):
            return TiltakResult(actor.lang, error=TiltakError.NOT_ALLOWED)
        if tiltak.status != TiltakStatus.OPEN:
            return TiltakResult(actor.lang, error=TiltakError.CLOSED, number=tiltak.number)
        return tiltak, actor

    async def _tell(
        self,
        session: AsyncSession,
        team_id: str,
        view: TiltakView,
        *,
        recipient: str,
        kind: str,
        by: str,
        key: str,
        old_due: date | None = None,
    ) -> None:
        now = self._deps.now()
        params = TiltakNews(tiltak=view.id, by=by, change=key, old_due=old_due)
        stamp = now.strftime("%Y%m%dT%H%M%S%f")
        dedupe = f"{kind}:{view.id}:{recipient}:{key}:{stamp}"
        await self._outbox.tell(session, team_id=team_id, user_id=recipient, kind=kind, key=dedupe, params=params)
