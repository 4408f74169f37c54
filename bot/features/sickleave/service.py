"""The sick-leave follow-up (opt-in per workspace, off by default): what the manager records and marks.

- `admin fravær på|av`: admins only (Slack admin or owner, or `OPPFOLGING_ADMINS`).
- `fravær <@bruker> fra <dato> [gradert]` and `fravær <@bruker> slutt [<dato>]`: only the employee's accepted
  manager, and only with the module on; otherwise a short explanation and nothing is stored. Only the start date,
  graded or not, and the end are stored: never a diagnosis, a cause or anything about health.
- The employee is told once per case that the start date was registered and what it is used for.
- The manager marks each milestone done, or "ikke nødvendig" with a short reason.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.contract.sickleave import (
    MarkResult,
    MilestoneView,
    ModuleResult,
    SickLeaveError,
    SickLeaveResult,
)
from bot.core.audit import Action, audit
from bot.core.deps import Deps
from bot.core.persons import load_view, refresh_profiles
from bot.core.relationships import notice
from bot.core.workcalendar import load_work_calendar
from bot.features.sickleave.settings import load_sickleave_settings, save_sickleave_settings
from bot.outbox.engine import OutboxService
from bot.rules.dateparse import DateParseError, parse_date
from bot.rules.sickleave import RULES_VERSION, Due, Milestone, delete_on, milestones
from storage import sickleave_repo, team_repo
from storage.db import transaction
from storage.sickleave_models import SickLeaveCase, SickLeaveMilestone

TOLD = "sickleave.employee_told"
DONE = "done"
NOT_NEEDED = "not_needed"
REASON_LIMIT = 300
PAST_LIMIT = timedelta(days=180)
"""A start (or end) date may lie this far back: the manager may record a sick leave that began a while ago."""


def milestone_view(due: Due) -> MilestoneView:
    return MilestoneView(due.milestone.value, due.deadline, due.remind_on, due.decide_only, due.source)


class SickLeaveService:
    def __init__(self, deps: Deps, outbox: OutboxService) -> None:
        self._deps = deps
        self._outbox = outbox

    async def set_module(self, *, team_id: str, admin_id: str, enabled: bool | None) -> ModuleResult:
        """`admin fravær på|av`."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[admin_id])
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=admin_id)
            current = await load_sickleave_settings(session, team_id=team_id)
            if not me.is_admin:
                return ModuleResult(me.lang, SickLeaveError.NOT_ADMIN, current.enabled)
            if enabled is None:
                return ModuleResult(me.lang, SickLeaveError.SYNTAX, current.enabled)
            settings = type(current)(enabled=enabled, retention_months=current.retention_months)
            await save_sickleave_settings(session, team_id=team_id, settings=settings, now=now)
            await audit(session, team_id=team_id, actor_id=admin_id, action=Action.SETTINGS_CHANGED, at=now)
            return ModuleResult(me.lang, enabled=enabled)

    async def register(
        self, *, team_id: str, manager_id: str, employee_id: str | None, date_text: str | None, graded: bool
    ) -> SickLeaveResult:
        """`fravær <@bruker> fra <dato> [gradert]`."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[manager_id, employee_id or ""])
        async with transaction(self._deps.sessions) as session:
            manager = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            lang = manager.lang
            if not (await load_sickleave_settings(session, team_id=team_id)).enabled:
                return SickLeaveResult(lang, SickLeaveError.MODULE_OFF)
            if employee_id is None:
                return SickLeaveResult(lang, SickLeaveError.NO_USER)
            if await team_repo.manager_of(session, team_id=team_id, employee_id=employee_id) != manager_id:
                return SickLeaveResult(lang, SickLeaveError.NOT_MANAGER, employee_id)
            try:
                start = parse_date(date_text or "", today=manager.today(now) - PAST_LIMIT)
            except DateParseError:
                return SickLeaveResult(lang, SickLeaveError.BAD_DATE, employee_id)
            if await sickleave_repo.open_case_of(session, team_id=team_id, employee_id=employee_id) is not None:
                return SickLeaveResult(lang, SickLeaveError.ALREADY_OPEN, employee_id)
            case = await sickleave_repo.add_case(
                session,
                case=SickLeaveCase(
                    team_id=team_id,
                    employee_id=employee_id,
                    manager_id=manager_id,
                    start_date=start,
                    graded=graded,
                    rules_version=RULES_VERSION,
                    employee_told=True,
                    created_at=now,
                ),
            )
            await notice(
                session,
                self._outbox,
                team_id=team_id,
                user_id=employee_id,
                key=TOLD,
                params={"manager": manager_id},
                event=f"sickleave:{case.id}",
            )
            calendar = await load_work_calendar(session, team_id=team_id)
            dues = milestones(start, graded=graded, calendar=calendar)
            return SickLeaveResult(
                lang,
                employee_id=employee_id,
                start=start,
                graded=graded,
                milestones=tuple(milestone_view(due) for due in dues),
            )

    async def end(
        self, *, team_id: str, manager_id: str, employee_id: str | None, date_text: str | None
    ) -> SickLeaveResult:
        """`fravær <@bruker> slutt [<dato>]`: the end (today unless given); reminders after it stop."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[manager_id])
        async with transaction(self._deps.sessions) as session:
            manager = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            lang = manager.lang
            settings = await load_sickleave_settings(session, team_id=team_id)
            if not settings.enabled:
                return SickLeaveResult(lang, SickLeaveError.MODULE_OFF)
            if employee_id is None:
                return SickLeaveResult(lang, SickLeaveError.NO_USER)
            if await team_repo.manager_of(session, team_id=team_id, employee_id=employee_id) != manager_id:
                return SickLeaveResult(lang, SickLeaveError.NOT_MANAGER, employee_id)
            case = await sickleave_repo.open_case_of(session, team_id=team_id, employee_id=employee_id)
            if case is None:
                return SickLeaveResult(lang, SickLeaveError.NO_OPEN_CASE, employee_id)
            end: date = manager.today(now)
            if date_text:
                try:
                    end = parse_date(date_text, today=manager.today(now) - PAST_LIMIT)
                except DateParseError:
                    return SickLeaveResult(lang, SickLeaveError.BAD_DATE, employee_id)
            if end < case.start_date:
                return SickLeaveResult(lang, SickLeaveError.END_BEFORE_START, employee_id, start=case.start_date)
            case.end_date = end
            await session.flush()
            return SickLeaveResult(
                lang,
                employee_id=employee_id,
                start=case.start_date,
                end=end,
                graded=case.graded,
                delete_on=delete_on(end, settings.retention_months),
            )

    async def mark(
        self, *, team_id: str, manager_id: str, case_id: int | None, milestone: str, status: str, reason: str | None
    ) -> MarkResult:
        """The manager marks a milestone done, or not needed with a reason (the first mark stands)."""
        now = self._deps.now()
        async with transaction(self._deps.sessions) as session:
            lang = (await load_view(session, self._deps, team_id=team_id, user_id=manager_id)).lang
            case = await sickleave_repo.get_case(session, team_id=team_id, case_id=case_id) if case_id else None
            known = milestone in {m.value for m in Milestone} and status in (DONE, NOT_NEEDED)
            if case is None or case.manager_id != manager_id or not known:
                return MarkResult(lang, SickLeaveError.NOT_FOUND)
            if await team_repo.manager_of(session, team_id=team_id, employee_id=case.employee_id) != manager_id:
                return MarkResult(lang, SickLeaveError.NOT_FOUND)
            text = (reason or "").strip()
            if status == NOT_NEEDED and not text:
                return MarkResult(lang, SickLeaveError.REASON_MISSING, case.employee_id, milestone)
            assert case.id is not None
            marks = await sickleave_repo.marks_of(session, case_id=case.id)
            if milestone not in marks:
                await sickleave_repo.add_mark(
                    session,
                    mark=SickLeaveMilestone(
                        team_id=team_id,
                        case_id=case.id,
                        milestone=milestone,
                        status=status,
                        reason=text[:REASON_LIMIT] if status == NOT_NEEDED else None,
                        manager_id=manager_id,
                        decided_at=now,
                    ),
                )
                marks = await sickleave_repo.marks_of(session, case_id=case.id)
            mark = marks[milestone]
            return MarkResult(lang, employee_id=case.employee_id, milestone=milestone, status=mark.status)
