"""Planner watermarks (keyword-only, take a session, never commit)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import PlannerMark


async def planned_up_to(session: AsyncSession, *, name: str) -> datetime | None:
    """The `now` of the planner's last completed plan, or None when it has never planned."""
    mark = await session.get(PlannerMark, name)
    return mark.planned_up_to if mark is not None else None


async def mark_planned(session: AsyncSession, *, name: str, now: datetime) -> None:
    """Record a completed plan at `now` (in the plan's transaction). The mark never moves back: a plan for an
    earlier instant (a sweep `--at` in the past, a replica with a slower clock) leaves it where it is."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(PlannerMark).values(name=name, planned_up_to=now)
    later = statement.excluded.planned_up_to > col(PlannerMark.planned_up_to)
    statement = statement.on_conflict_do_update(
        index_elements=["name"], set_={"planned_up_to": statement.excluded.planned_up_to}, where=later
    )
    await session.exec(statement)
