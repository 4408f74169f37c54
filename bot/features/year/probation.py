"""The prøvetid's extension and its decision reminder (aml § 15-6 (4), § 15-7; `bot.rules.probation`).

Only the manager who registered the prøvetid, while still the employee's accepted manager, can extend it or is
reminded; the employee is never told of the reminder (it is the manager's to act on, with the employee, in time).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message
from bot.contract.year import ProbationDecision, ProbationError, ProbationResult
from bot.core.deps import Deps
from bot.core.persons import load_view, refresh_profiles
from bot.core.workcalendar import load_work_calendar
from bot.features.year.views import ProbationRef
from bot.outbox.types import Envelope, PlannedMessage
from bot.rules.calendar import DEFAULT_SEND_TIME, local_instant, working_day_on_or_before
from bot.rules.dateparse import DateParseError, parse_date
from bot.rules.probation import ProbationProblem, check_extension, decision_day, end_of
from storage import oneonone_repo, team_repo, year_repo
from storage.db import transaction
from storage.models import RecipientType
from storage.oneonone_models import Probation

DECISION = "year.probation_decision"


def current_end(probation: Probation) -> date:
    """The end as extended, else start + the agreed months."""
    return probation.end_date or end_of(probation.start_date, probation.months)


class ProbationService:
    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def extend(
        self, *, team_id: str, manager_id: str, employee_id: str | None, date_text: str | None
    ) -> ProbationResult:
        """`ny <@bruker> forleng <dato>`: the new end after an absence; the decision reminder moves with it."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[manager_id])
        async with transaction(self._deps.sessions) as session:
            manager = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            if employee_id is None:
                return ProbationResult(manager.lang, ProbationError.NO_USER)
            probation = await oneonone_repo.get_probation(session, team_id=team_id, employee_id=employee_id)
            accepted = await team_repo.manager_of(session, team_id=team_id, employee_id=employee_id) == manager_id
            if probation is None or probation.manager_id != manager_id or not accepted:
                return ProbationResult(manager.lang, ProbationError.NOT_FOUND, employee_id)
            try:
                new_end = parse_date(date_text or "", today=manager.today(now))
            except DateParseError:
                return ProbationResult(manager.lang, ProbationError.BAD_DATE, employee_id)
            problem = check_extension(current_end(probation), new_end)
            if problem is not None:
                error = ProbationError.TOO_FAR if problem is ProbationProblem.TOO_FAR else ProbationError.NOT_AFTER_END
                return ProbationResult(manager.lang, error, employee_id, end=current_end(probation))
            probation.end_date = new_end
            await session.flush()
            calendar = await load_work_calendar(session, team_id=team_id)
            return ProbationResult(
                manager.lang,
                employee_id=employee_id,
                end=new_end,
                decision_on=working_day_on_or_before(decision_day(new_end, start=probation.start_date), calendar),
            )


class ProbationDecisions:
    """Planner: the decision reminder at 09:00 (the manager's zone) on the working day on or before a month
    before the current end, until the end; a new end (an extension) plans a new one and drops the old."""

    name = "prøvetid decisions"

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def plan(self, session: AsyncSession, *, now: datetime) -> list[PlannedMessage]:
        planned: list[PlannedMessage] = []
        for probation in await year_repo.list_probations(session):
            end = current_end(probation)
            manager = await load_view(session, self._deps, team_id=probation.team_id, user_id=probation.manager_id)
            calendar = await load_work_calendar(session, team_id=probation.team_id)
            day = working_day_on_or_before(decision_day(end, start=probation.start_date), calendar)
            at = local_instant(day, DEFAULT_SEND_TIME, manager.zone)
            until = local_instant(end, DEFAULT_SEND_TIME, manager.zone) + timedelta(hours=15)
            if not at <= now < until:
                continue
            planned.append(
                PlannedMessage(
                    team_id=probation.team_id,
                    dedupe_key=f"year:probation:{probation.employee_id}:{probation.start_date}:{end}",
                    kind=DECISION,
                    recipient_type=RecipientType.USER,
                    recipient_id=probation.manager_id,
                    not_before=at,
                    params=ProbationRef(employee=probation.employee_id, end=end),
                    expires_at=until,
                    pausable=True,
                )
            )
        return planned


async def compose_decision(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    """Dropped when the end moved since (an extension), or the recipient is no longer the registered, accepted
    manager."""
    del now
    ref = envelope.read(ProbationRef)
    probation = await oneonone_repo.get_probation(session, team_id=envelope.team_id, employee_id=ref.employee)
    if probation is None or probation.manager_id != envelope.recipient_id or current_end(probation) != ref.end:
        return None
    manager = await team_repo.manager_of(session, team_id=envelope.team_id, employee_id=ref.employee)
    if manager != envelope.recipient_id:
        return None
    return ProbationDecision(
        lang=envelope.lang, employee_id=ref.employee, end=ref.end, extended=probation.end_date is not None
    )
