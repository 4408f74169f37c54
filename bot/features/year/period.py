"""The period's reminder: two weeks before the workspace's medarbeidersamtale period starts, each manager is asked
to pick a date with each employee they have 1:1s with and no talk planned in the period yet.

At 09.00 (the manager's zone) on the working day on or before 14 days before the period's first day; it lapses
when the period starts (a pair set up later is not reminded of a period already close or underway). Once per
pair and year; dropped when a talk in the period was planned since, the pair stopped, or the manager changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message
from bot.contract.year import ChooseTalkDate
from bot.core.deps import Deps
from bot.core.persons import load_view
from bot.core.workcalendar import load_work_calendar
from bot.features.year.settings import load_period
from bot.outbox.params import Params
from bot.outbox.types import Envelope, PlannedMessage
from bot.rules.annual import INVITE_DAYS_BEFORE, Period
from bot.rules.calendar import DEFAULT_SEND_TIME, local_instant, working_day_on_or_before
from storage import oneonone_repo, team_repo, year_repo
from storage.models import RecipientType
from storage.oneonone_models import OneOnOnePair

CHOOSE = "year.choose_date"


@dataclass(frozen=True)
class PeriodRef(Params):
    """Params of `year.choose_date`: the pair and the first day of the period it is about."""

    pair: int
    starts: date


def _start_ahead(period: Period, today: date) -> date:
    """The first day of the next period that has not started by `today`."""
    start = period.start_in(today.year)
    return start if start > today else period.start_in(today.year + 1)


async def _has_talk_in(session: AsyncSession, pair: OneOnOnePair, period: Period, starts: date) -> bool:
    talks = await year_repo.talks_between(
        session, team_id=pair.team_id, manager_id=pair.manager_id, employee_id=pair.employee_id
    )
    return any(t.talk_date >= starts and period.contains(t.talk_date) for t in talks)


class PeriodReminders:
    name = "medarbeidersamtale period"

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def plan(self, session: AsyncSession, *, now: datetime) -> list[PlannedMessage]:
        planned: list[PlannedMessage] = []
        for pair in await oneonone_repo.list_active_pairs(session):
            assert pair.id is not None
            manager = await load_view(session, self._deps, team_id=pair.team_id, user_id=pair.manager_id)
            period = await load_period(session, team_id=pair.team_id)
            starts = _start_ahead(period, manager.today(now))
            calendar = await load_work_calendar(session, team_id=pair.team_id)
            day = working_day_on_or_before(starts - timedelta(days=INVITE_DAYS_BEFORE), calendar)
            at = local_instant(day, DEFAULT_SEND_TIME, manager.zone)
            until = local_instant(starts, time(0), manager.zone)
            if not pair.created_at <= at <= now < until or await _has_talk_in(session, pair, period, starts):
                continue
            planned.append(
                PlannedMessage(
                    team_id=pair.team_id,
                    dedupe_key=f"year:period:{pair.id}:{starts.isoformat()}",
                    kind=CHOOSE,
                    recipient_type=RecipientType.USER,
                    recipient_id=pair.manager_id,
                    not_before=at,
                    params=PeriodRef(pair=pair.id, starts=starts),
                    expires_at=until,
                    pausable=True,
                )
            )
        return planned


async def compose_choose(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    del now
    ref = envelope.read(PeriodRef)
    pair = await oneonone_repo.get_pair(session, team_id=envelope.team_id, pair_id=ref.pair)
    if pair is None or not pair.active or pair.manager_id != envelope.recipient_id:
        return None
    if await team_repo.manager_of(session, team_id=pair.team_id, employee_id=pair.employee_id) != pair.manager_id:
        return None
    period = await load_period(session, team_id=pair.team_id)
    if await _has_talk_in(session, pair, period, ref.starts):
        return None
    return ChooseTalkDate(lang=envelope.lang, employee_id=pair.employee_id, first=period.first, last=period.last)
