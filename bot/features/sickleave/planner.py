"""The sick-leave milestones through the outbox, to the manager only, and the clean-up of ended cases.

For each case in a workspace with the module on, each milestone not yet marked is planned at 09:00 (the manager's
zone) on its reminder day (`bot.rules.sickleave.milestones`, on the workspace's working calendar), until the end
of its deadline day; none after the case ended. Only while the recording manager is still the employee's
accepted manager. Never to the employee, a channel, a digest or the pulse.

The clean-up deletes each case (and its milestones) once `retention_months` have passed since it ended. It runs
with every sweep and deletes whatever is due, so it also does its daily work after a pause; deleting twice is a
no-op.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message
from bot.contract.sickleave import MilestoneReminder
from bot.core.deps import Deps
from bot.core.persons import load_view
from bot.core.workcalendar import load_work_calendar
from bot.features.sickleave.service import milestone_view
from bot.features.sickleave.settings import load_sickleave_settings
from bot.outbox.params import Params
from bot.outbox.types import Envelope, PlannedMessage
from bot.rules.calendar import DEFAULT_SEND_TIME, local_date, local_instant
from bot.rules.sickleave import NAV_PLAN_URL, delete_on, milestones
from storage import sickleave_repo, team_repo
from storage.models import RecipientType
from storage.sickleave_models import SickLeaveCase

MILESTONE = "sickleave.milestone"


@dataclass(frozen=True)
class MilestoneRef(Params):
    """Params of `sickleave.milestone`: the case and which milestone (no dates, nothing about the person)."""

    case: int
    milestone: str


class SickLeaveMilestones:
    name = "sick-leave milestones"

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def plan(self, session: AsyncSession, *, now: datetime) -> list[PlannedMessage]:
        planned: list[PlannedMessage] = []
        for case in await sickleave_repo.list_cases(session):
            settings = await load_sickleave_settings(session, team_id=case.team_id)
            manager = await load_view(session, self._deps, team_id=case.team_id, user_id=case.manager_id)
            if case.end_date is not None and delete_on(case.end_date, settings.retention_months) <= manager.today(now):
                assert case.id is not None
                await sickleave_repo.delete_cases(session, case_ids=[case.id])
                continue
            if not settings.enabled or not await self._still_manager(session, case):
                continue
            planned.extend(await self._due(session, case, now, manager.zone))
        return planned

    @staticmethod
    async def _still_manager(session: AsyncSession, case: SickLeaveCase) -> bool:
        return await team_repo.manager_of(session, team_id=case.team_id, employee_id=case.employee_id) == (
            case.manager_id
        )

    async def _due(
        self, session: AsyncSession, case: SickLeaveCase, now: datetime, zone: ZoneInfo
    ) -> list[PlannedMessage]:
        assert case.id is not None
        calendar = await load_work_calendar(session, team_id=case.team_id)
        marks = await sickleave_repo.marks_of(session, case_id=case.id)
        out: list[PlannedMessage] = []
        for due in milestones(case.start_date, graded=case.graded, end=case.end_date, calendar=calendar):
            at = local_instant(due.remind_on, DEFAULT_SEND_TIME, zone)
            until = local_instant(due.deadline, DEFAULT_SEND_TIME, zone) + timedelta(hours=15)
            if due.milestone.value in marks or not at <= now < until:
                continue
            out.append(
                PlannedMessage(
                    team_id=case.team_id,
                    dedupe_key=f"sickleave:{case.id}:{due.milestone.value}",
                    kind=MILESTONE,
                    recipient_type=RecipientType.USER,
                    recipient_id=case.manager_id,
                    not_before=at,
                    params=MilestoneRef(case=case.id, milestone=due.milestone.value),
                    expires_at=until,
                )
            )
        return out


async def compose_milestone(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    """Dropped when the case is gone, ended before the reminder day, the milestone was marked, the module was
    turned off, or the recipient is not the recording, accepted manager."""
    ref = envelope.read(MilestoneRef)
    case = await sickleave_repo.get_case(session, team_id=envelope.team_id, case_id=ref.case)
    if case is None or case.manager_id != envelope.recipient_id or envelope.person is None:
        return None
    settings = await load_sickleave_settings(session, team_id=case.team_id)
    if not settings.enabled or not await SickLeaveMilestones._still_manager(session, case):
        return None
    if ref.milestone in await sickleave_repo.marks_of(session, case_id=ref.case):
        return None
    calendar = await load_work_calendar(session, team_id=case.team_id)
    dues = milestones(case.start_date, graded=case.graded, end=case.end_date, calendar=calendar)
    due = next((d for d in dues if d.milestone.value == ref.milestone), None)
    if due is None or local_date(now, envelope.person.zone) > due.deadline:
        return None
    return MilestoneReminder(
        lang=envelope.lang,
        case_id=ref.case,
        employee_id=case.employee_id,
        milestone=milestone_view(due),
        url=NAV_PLAN_URL,
    )
