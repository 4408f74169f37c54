"""What `mine-data` shows of the sick-leave follow-up: each case the person is part of (as the employee, or as the
manager who recorded it), with what was marked on its milestones."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from storage import sickleave_repo


async def sickleave_export(session: AsyncSession, *, team_id: str, user_id: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for case in await sickleave_repo.cases_of(session, team_id=team_id, user_id=user_id):
        assert case.id is not None
        marks = await sickleave_repo.marks_of(session, case_id=case.id)
        out.append(
            {
                "employee": case.employee_id,
                "manager": case.manager_id,
                "start": case.start_date.isoformat(),
                "graded": case.graded,
                "end": case.end_date.isoformat() if case.end_date else None,
                "milestones": {name: {"status": m.status, "reason": m.reason} for name, m in marks.items()},
            }
        )
    return out
