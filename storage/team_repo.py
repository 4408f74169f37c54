"""Team queries: who is in whose team (keyword-only, take a session, never commit)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.oneonone_models import TeamMember


async def set_manager(
    session: AsyncSession, *, team_id: str, employee_id: str, manager_id: str, added_by: str, now: datetime
) -> TeamMember:
    """Put `employee_id` in `manager_id`'s team (moving them from any other team)."""
    member = await session.get(TeamMember, (team_id, employee_id))
    if member is None:
        member = TeamMember(
            team_id=team_id, employee_id=employee_id, manager_id=manager_id, added_by=added_by, added_at=now
        )
        session.add(member)
    elif member.manager_id != manager_id:
        member.manager_id = manager_id
        member.added_by = added_by
        member.added_at = now
    await session.flush()
    return member


async def remove_member(session: AsyncSession, *, team_id: str, employee_id: str) -> bool:
    member = await session.get(TeamMember, (team_id, employee_id))
    if member is None:
        return False
    await session.delete(member)
    await session.flush()
    return True


async def manager_of(session: AsyncSession, *, team_id: str, employee_id: str) -> str | None:
    member = await session.get(TeamMember, (team_id, employee_id))
    return member.manager_id if member is not None else None


_TEAM_OF = (
    select(TeamMember)
    .where(col(TeamMember.team_id) == bindparam("team_id"), col(TeamMember.manager_id) == bindparam("manager_id"))
    .order_by(col(TeamMember.employee_id))
)


async def team_of(session: AsyncSession, *, team_id: str, manager_id: str) -> list[str]:
    """The employee ids in a manager's team, sorted (the manager is never in their own team)."""
    members = await session.exec(_TEAM_OF, params={"team_id": team_id, "manager_id": manager_id})
    return [m.employee_id for m in members.all() if m.employee_id != manager_id]


_ALL_MEMBERS = select(TeamMember).order_by(col(TeamMember.team_id), col(TeamMember.manager_id))


async def list_teams(session: AsyncSession) -> dict[tuple[str, str], list[str]]:
    """Every team in every workspace: (team_id, manager_id) → employee ids."""
    statement = _ALL_MEMBERS
    teams: dict[tuple[str, str], list[str]] = {}
    for member in (await session.exec(statement)).all():
        if member.employee_id != member.manager_id:
            teams.setdefault((member.team_id, member.manager_id), []).append(member.employee_id)
    return teams
