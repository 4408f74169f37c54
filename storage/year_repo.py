"""Medarbeidersamtale queries (keyword-only, take a session, never commit), and the deletion hook."""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.oneonone_models import Probation
from storage.year_models import AnnualTalk


async def add_talk(session: AsyncSession, *, talk: AnnualTalk) -> AnnualTalk:
    session.add(talk)
    await session.flush()
    return talk


async def get_talk(session: AsyncSession, *, team_id: str, talk_id: int) -> AnnualTalk | None:
    talk = await session.get(AnnualTalk, talk_id)
    return talk if talk is not None and talk.team_id == team_id else None


async def talks_between(session: AsyncSession, *, team_id: str, manager_id: str, employee_id: str) -> list[AnnualTalk]:
    """Every talk of exactly this manager and employee, latest date first."""
    statement = (
        select(AnnualTalk)
        .where(
            col(AnnualTalk.team_id) == team_id,
            col(AnnualTalk.manager_id) == manager_id,
            col(AnnualTalk.employee_id) == employee_id,
        )
        .order_by(col(AnnualTalk.talk_date).desc(), col(AnnualTalk.id).desc())
    )
    return list((await session.exec(statement)).all())


_TALKS_FROM = select(AnnualTalk).where(col(AnnualTalk.talk_date) >= bindparam("day")).order_by(col(AnnualTalk.id))


async def talks_from(session: AsyncSession, *, day: date) -> list[AnnualTalk]:
    """Talks on `day` or later, in every workspace (for the planner)."""
    return list((await session.exec(_TALKS_FROM, params={"day": day})).all())


async def talks_of(session: AsyncSession, *, team_id: str, user_id: str) -> list[AnnualTalk]:
    """Talks where the user is the manager or the employee (for `mine-data`)."""
    statement = select(AnnualTalk).where(
        col(AnnualTalk.team_id) == team_id,
        or_(col(AnnualTalk.manager_id) == user_id, col(AnnualTalk.employee_id) == user_id),
    )
    return list((await session.exec(statement)).all())


_PROBATIONS = select(Probation).order_by(col(Probation.team_id), col(Probation.employee_id))


async def list_probations(session: AsyncSession) -> list[Probation]:
    """Every registered prøvetid, in every workspace (for the decision reminders)."""
    return list((await session.exec(_PROBATIONS)).all())
