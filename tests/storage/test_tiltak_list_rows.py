"""`liste` reads one person's open tiltak as plain rows: owned and followed up, soonest deadline first, nothing
closed, nothing from another workspace (on SQLite, and PostgreSQL when TEST_DATABASE_URL is set)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from storage import tiltak_repo
from storage.db import make_session_factory, transaction
from storage.tiltak_models import Tiltak, TiltakStatus

AT = datetime(2026, 12, 1, 9, tzinfo=UTC)


def tiltak(
    number: int, owner: str, counterpart: str | None, due: date, *, team: str = "T1", status: str = "open"
) -> Tiltak:
    return Tiltak(
        team_id=team, number=number, text=f"t{number}", owner_id=owner, counterpart_id=counterpart,
        created_by=owner, due_date=due, status=status, reminders_from=AT, created_at=AT,
    )  # fmt: skip


async def test_open_rows_are_the_persons_owned_and_followed_up_soonest_first(any_engine: AsyncEngine) -> None:
    sessions = make_session_factory(any_engine)
    async with transaction(sessions) as session:
        for item in (
            tiltak(1, "UOLA", "UKARI", date(2026, 12, 9)),
            tiltak(2, "UKARI", "UOLA", date(2026, 12, 4)),
            tiltak(3, "UOLA", None, date(2026, 12, 4)),
            tiltak(4, "UOLA", None, date(2026, 12, 1), status=TiltakStatus.DONE),
            tiltak(5, "UPER", "UKARI", date(2026, 12, 2)),
            tiltak(6, "UOLA", None, date(2026, 12, 2), team="T2"),
        ):
            await tiltak_repo.add_tiltak(session, tiltak=item)
    async with transaction(sessions) as session:
        rows = await tiltak_repo.list_open_rows(session, team_id="T1", user_id="UOLA")
        orm = await tiltak_repo.list_open_for(session, team_id="T1", user_id="UOLA")
    assert [row.number for row in rows] == [2, 3, 1]
    assert [(r.id, r.text, r.owner_id, r.counterpart_id, r.due_date) for r in rows] == [
        (t.id, t.text, t.owner_id, t.counterpart_id, t.due_date) for t in orm
    ]
