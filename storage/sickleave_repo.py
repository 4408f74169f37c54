"""Sick-leave follow-up queries (keyword-only, take a session, never commit), and the deletion hook."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, delete, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.sickleave_models import SickLeaveCase, SickLeaveMilestone


async def add_case(session: AsyncSession, *, case: SickLeaveCase) -> SickLeaveCase:
    session.add(case)
    await session.flush()
    return case


async def get_case(session: AsyncSession, *, team_id: str, case_id: int) -> SickLeaveCase | None:
    case = await session.get(SickLeaveCase, case_id)
    return case if case is not None and case.team_id == team_id else None


async def open_case_of(session: AsyncSession, *, team_id: str, employee_id: str) -> SickLeaveCase | None:
    """The employee's case that has no end yet (at most one)."""
    statement = select(SickLeaveCase).where(
        col(SickLeaveCase.team_id) == team_id,
        col(SickLeaveCase.employee_id) == employee_id,
        col(SickLeaveCase.end_date).is_(None),
    )
    return (await session.exec(statement)).first()


_CASES = select(SickLeaveCase).order_by(col(SickLeaveCase.id))
_MARKS = select(SickLeaveMilestone).where(col(SickLeaveMilestone.case_id) == bindparam("case_id"))


async def list_cases(session: AsyncSession) -> list[SickLeaveCase]:
    """Every case, in every workspace (for the planner and the daily clean-up)."""
    return list((await session.exec(_CASES)).all())


async def cases_of(session: AsyncSession, *, team_id: str, user_id: str) -> list[SickLeaveCase]:
    statement = select(SickLeaveCase).where(
        col(SickLeaveCase.team_id) == team_id,
        or_(col(SickLeaveCase.manager_id) == user_id, col(SickLeaveCase.employee_id) == user_id),
    )
    return list((await session.exec(statement)).all())


async def marks_of(session: AsyncSession, *, case_id: int) -> dict[str, SickLeaveMilestone]:
    return {mark.milestone: mark for mark in (await session.exec(_MARKS, params={"case_id": case_id})).all()}


async def add_mark(session: AsyncSession, *, mark: SickLeaveMilestone) -> SickLeaveMilestone:
    session.add(mark)
    await session.flush()
    return mark


async def delete_cases(session: AsyncSession, *, case_ids: list[int]) -> int:
    """Delete these cases and their milestones; the number of cases deleted."""
    if not case_ids:
        return 0
    await session.exec(delete(SickLeaveMilestone).where(col(SickLeaveMilestone.case_id).in_(case_ids)))
    result = await session.exec(delete(SickLeaveCase).where(col(SickLeaveCase.id).in_(case_ids)))
    return int(result.rowcount or 0)


async def ended_before(session: AsyncSession, *, day: date) -> list[SickLeaveCase]:
    statement = select(SickLeaveCase).where(col(SickLeaveCase.end_date) < day)
    return list((await session.exec(statement)).all())
