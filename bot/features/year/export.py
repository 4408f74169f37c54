"""What `mine-data` shows of the conversation year: every talk the person is part of, as they may see it (the
employee their own preparation; the manager only a preparation that was shared)."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.features.year.views import talk_view
from storage import year_repo


async def year_export(session: AsyncSession, *, team_id: str, user_id: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for talk in await year_repo.talks_of(session, team_id=team_id, user_id=user_id):
        view = talk_view(talk, viewer=user_id)
        out.append(
            {
                "manager": view.manager_id,
                "employee": view.employee_id,
                "date": view.talk_date.isoformat(),
                "preparation": {a.theme: {"score": a.score, "text": a.text} for a in view.prep},
                "preparation_shared": view.prep_shared,
                "goals": [{"text": r.text, "by": r.due.isoformat()} for r in view.goals],
                "tiltak": [{"text": r.text, "by": r.due.isoformat()} for r in view.tiltak],
                "confirmed_by_manager": view.manager_confirmed,
                "confirmed_by_employee": view.employee_confirmed,
            }
        )
    return out
