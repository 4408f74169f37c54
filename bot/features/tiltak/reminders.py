"""Tiltak reminders through the outbox: the planner, and the composers that build each message at send time.

Planning (rules in `bot.rules.due`): for every open tiltak and each of its two parties, the due reminder exists
once its instant (09:00 in that person's zone, on the last working day on or before the deadline, working days
by the workspace's `WorkCalendar`: the admin's half-days switch and closures) has come, and
the one overdue reminder once its instant (09:00 two working days after) has come. The dedupe key carries the
deadline, so a postponed tiltak gets fresh reminders and a re-run plans nothing new. A reminder whose instant was
before the deadline was set (created or postponed) is not planned: the people involved have just agreed on it.
A late due reminder whose overdue instant has also passed is skipped in favour of the overdue one.

Pause is honoured (`pausable`): a paused person's due reminder waits until the pause ends and lapses with the
deadline day; the overdue reminder waits for the end of the pause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message
from bot.contract.tiltak import TiltakChanged, TiltakCreated, TiltakReminder
from bot.core.deps import Deps
from bot.core.persons import load_view
from bot.core.workcalendar import load_work_calendar
from bot.features.tiltak.service import TiltakNews, reminder_prefix, view_of
from bot.outbox.engine import Envelope, PlannedMessage
from bot.outbox.params import Params
from bot.rules.calendar import WorkCalendar, local_instant
from bot.rules.due import due_reminder_at, overdue_reminder_at
from storage import planner_repo, tiltak_repo
from storage.models import RecipientType
from storage.tiltak_models import Tiltak, TiltakStatus

DUE = "tiltak.due"
OVERDUE = "tiltak.overdue"
# The earliest due reminder is a few days before the deadline (Easter); look this far ahead for candidates.
LOOKAHEAD = timedelta(days=14)
SETTLED = timedelta(days=31)
"""Every reminder instant of a tiltak is within this of its deadline: the overdue one, the last, comes two working
days after it, about two weeks at most (Christmas, with 27.–31.12 closed). A plan at or after deadline +
`SETTLED` has therefore planned all of that tiltak's reminders; later plans need not read it again
(`tests/rules/test_due.py::test_every_reminder_instant_is_within_settled_of_the_deadline`)."""
SET_MARGIN = timedelta(days=1)
"""A deadline set up to this long before the last plan is read again: a tiltak committed while that plan ran, or
stamped by a replica whose clock is behind, is not missed."""


@dataclass(frozen=True)
class Reminder(Params):
    """Params of `tiltak.due` and `tiltak.overdue`: the tiltak and the deadline the reminder is about."""

    tiltak: int
    due: date


def _reminder(
    tiltak: Tiltak, recipient: str, kind: str, *, at: datetime, expires: datetime | None = None
) -> PlannedMessage:
    """One reminder; the key names the deadline, so a postponed tiltak gets fresh ones."""
    assert tiltak.id is not None
    due = tiltak.due_date.isoformat()  # in the key only
    suffix = kind.removeprefix("tiltak.")
    return PlannedMessage(
        team_id=tiltak.team_id,
        dedupe_key=f"{reminder_prefix(tiltak.id)}{suffix}:{recipient}:{due}",
        kind=kind,
        recipient_type=RecipientType.USER,
        recipient_id=recipient,
        not_before=at,
        params=Reminder(tiltak=tiltak.id, due=tiltak.due_date),
        expires_at=expires,
        pausable=True,
    )


class TiltakReminderPlanner:
    name = "tiltak reminders"

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def plan(self, session: AsyncSession, *, now: datetime) -> Sequence[PlannedMessage]:
        """Every reminder whose instant has come. After a first plan, only tiltak that may have news are read:
        a deadline within `SETTLED` of the last plan, or set since it (`candidates`)."""
        planned: list[PlannedMessage] = []
        calendars: dict[str, WorkCalendar] = {}
        candidates = await self._candidates(session, now)
        for tiltak in candidates:
            assert tiltak.id is not None
            if tiltak.team_id not in calendars:
                calendars[tiltak.team_id] = await load_work_calendar(session, team_id=tiltak.team_id)
            calendar = calendars[tiltak.team_id]
            for recipient in (tiltak.owner_id, tiltak.counterpart_id):
                if recipient is None:
                    continue
                person = await load_view(session, self._deps, team_id=tiltak.team_id, user_id=recipient)
                due_at = due_reminder_at(tiltak.due_date, person.zone, calendar)
                overdue_at = overdue_reminder_at(tiltak.due_date, person.zone, calendar)
                if overdue_at <= now:
                    planned.append(_reminder(tiltak, recipient, OVERDUE, at=overdue_at))
                elif tiltak.reminders_from <= due_at <= now:
                    # A due reminder lapses with the deadline day: after it, only the overdue one is right.
                    end_of_due_day = local_instant(tiltak.due_date + timedelta(days=1), time(0), person.zone)
                    planned.append(_reminder(tiltak, recipient, DUE, at=due_at, expires=end_of_due_day))
        await planner_repo.mark_planned(session, name=self.name, now=now)
        return planned

    async def _candidates(self, session: AsyncSession, now: datetime) -> list[Tiltak]:
        """Open tiltak due by `now + LOOKAHEAD`; once a plan is recorded (`planner_mark`) and `now` is past it,
        without those whose deadline is more than `SETTLED` before it and was set before it (less
        `SET_MARGIN`): the last plan saw them with every instant of theirs passed, so they hold nothing new."""
        last_due = now.date() + LOOKAHEAD
        mark = await planner_repo.planned_up_to(session, name=self.name)
        if mark is None or mark > now:
            return await tiltak_repo.list_open_due_by(session, last_due=last_due)
        return await tiltak_repo.list_open_due_by(
            session, last_due=last_due, first_due=mark.date() - SETTLED, set_since=mark - SET_MARGIN
        )


async def compose_due(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    return await _compose_reminder(session, envelope, now, overdue=False)


async def compose_overdue(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    return await _compose_reminder(session, envelope, now, overdue=True)


async def _compose_reminder(
    session: AsyncSession, envelope: Envelope, now: datetime, *, overdue: bool
) -> Message | None:
    params = envelope.read(Reminder)
    tiltak = await tiltak_repo.get_tiltak(session, team_id=envelope.team_id, tiltak_id=params.tiltak)
    # Obsolete when closed, postponed (another deadline), or (for the due one) overtaken by the overdue one.
    if tiltak is None or tiltak.status != TiltakStatus.OPEN:
        return None
    if tiltak.due_date != params.due:
        return None
    if not overdue and envelope.person is not None:
        calendar = await load_work_calendar(session, team_id=envelope.team_id)
        if overdue_reminder_at(tiltak.due_date, envelope.person.zone, calendar) <= now:
            return None
    today = envelope.person.today(now) if envelope.person is not None else None
    return TiltakReminder(
        lang=envelope.lang, tiltak=view_of(tiltak), recipient=envelope.recipient_id, overdue=overdue, today=today
    )


async def compose_created(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    del now
    news = envelope.read(TiltakNews)
    tiltak = await tiltak_repo.get_tiltak(session, team_id=envelope.team_id, tiltak_id=news.tiltak)
    if tiltak is None or tiltak.status != TiltakStatus.OPEN:
        return None
    return TiltakCreated(lang=envelope.lang, tiltak=view_of(tiltak), by=news.by)


async def compose_changed(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    del now
    news = envelope.read(TiltakNews)
    tiltak = await tiltak_repo.get_tiltak(session, team_id=envelope.team_id, tiltak_id=news.tiltak)
    if tiltak is None:
        return None
    return TiltakChanged(
        lang=envelope.lang, tiltak=view_of(tiltak), by=news.by, change=news.change, old_due=news.old_due
    )
