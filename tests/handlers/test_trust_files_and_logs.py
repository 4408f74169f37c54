"""What the database file and the logs keep (issue 12), through the real app.

- After a round closes, the raw bytes of the SQLite file and its `-wal` hold no participation marker, no
  intermediate tally and no comment that was not published; on PostgreSQL the round's marker tables are empty and
  rewritten (zero bytes on disk).
- A full scenario at DEBUG, with a request signed with a wrong secret, leaves none of the user texts in any log
  record.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import Runtime, runtime
from bot.clock import ManualClock
from bot.config import Settings
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from storage.db import make_engine, scrub_round_tables
from storage.migrate import upgrade
from tests.conftest import MANAGER, NEW_YORK
from tests.pulse_helpers import (
    KARIS_TEAM,
    MONDAY_CLOSE,
    WEDNESDAY,
    add_people,
    answer,
    make_team,
    pulse_dms,
    round_of,
    stored,
    sweep_at,
)
from tests.rig import postgres_database, serve_app


@pytest.fixture(autouse=True)
def _people(fake: FakeSlack) -> None:
    add_people(fake)


async def tally_json(engine: AsyncEngine) -> list[str]:
    """The counts and comments of every tally row, exactly as stored (raw JSON text)."""
    async with engine.connect() as connection:
        rows = (await connection.execute(text("SELECT counts, comments FROM pulse_tally"))).all()
    return [str(value) for row in rows for value in row]


async def answer_four(slack: SlackSimulator, fake: FakeSlack, engine: AsyncEngine) -> tuple[list[str], list[str]]:
    """Four of Kari's six answer (below k = 5, so nothing is published), each with a comment; returns the comments
    and every intermediate tally as it was stored."""
    comments: list[str] = []
    intermediate: list[str] = []
    for index, member in enumerate([m for m in KARIS_TEAM if m != NEW_YORK][:4]):
        comment = f"UPUBLISERT-{index}-{member}"
        await answer(slack, fake, member, round_of(pulse_dms(fake, member)[-1]), (1 + index, 2, 5), comment=comment)
        comments.append(comment)
        intermediate.extend(j for j in await tally_json(engine) if j not in ("{}", "[]"))
    return comments, intermediate


async def test_after_the_close_the_sqlite_file_and_wal_hold_no_marker_tally_or_comment(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock, engine: AsyncEngine, tmp_path: Path
) -> None:
    await make_team(slack, MANAGER, KARIS_TEAM)
    await sweep_at(rt, clock, WEDNESDAY)
    _rounds, _tallies, invited, _ = await stored(rt)
    tokens = [marker.token for marker in invited]
    assert len(tokens) == len(KARIS_TEAM)  # all marked at the opening (Nina in New York is asked later)
    comments, intermediate = await answer_four(slack, fake, engine)
    assert intermediate
    await sweep_at(rt, clock, MONDAY_CLOSE)
    _rounds, tallies, invited, awaiting = await stored(rt)
    assert invited == awaiting == []
    assert all(not t.shown and t.counts == {} and t.comments == [] for t in tallies)

    database = tmp_path / "oppfolging.db"
    raw = database.read_bytes()
    wal = database.with_name(database.name + "-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    for secret in [*tokens, *comments, *intermediate]:
        assert secret.encode() not in raw, secret


async def rows_and_bytes(engine: AsyncEngine) -> dict[str, tuple[int, int]]:
    """Rows and bytes on disk of the tables that name who was invited and who has not answered."""
    found: dict[str, tuple[int, int]] = {}
    async with engine.connect() as session:
        for table in ("pulse_invited", "pulse_awaiting"):
            count = (await session.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()  # noqa: S608
            size = (await session.execute(text(f"SELECT pg_relation_size('{table}')"))).scalar_one()
            found[table] = (int(count), int(size))
    return found


@pytest.mark.postgres
async def test_after_the_close_postgres_has_no_marker_rows_left_on_disk(
    fake: FakeSlack, settings: Settings, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A database of its own, as the bot has in production: in the shared one, another worker's open transaction
    # would hold back what VACUUM FULL may drop.
    async with postgres_database() as url:
        pg_engine = make_engine(url)
        try:
            await upgrade(pg_engine)
            async with (
                runtime(settings, clock, engine=pg_engine) as rt,
                serve_app(settings, rt, fake, monkeypatch) as slack,
            ):
                await make_team(slack, MANAGER, KARIS_TEAM)
                await sweep_at(rt, clock, WEDNESDAY)
                await answer_four(slack, fake, pg_engine)
                await sweep_at(rt, clock, MONDAY_CLOSE)
                left = await rows_and_bytes(pg_engine)
                if left != {"pulse_invited": (0, 0), "pulse_awaiting": (0, 0)}:
                    # VACUUM FULL keeps deleted rows that an older snapshot may still see (an auto-analyze of the
                    # new tables, under load): the rows are gone, and the next scrub takes their bytes.
                    assert all(count == 0 for count, _ in left.values()), left
                    await scrub_round_tables(rt.services.deps.sessions)
                    left = await rows_and_bytes(pg_engine)
                assert left == {"pulse_invited": (0, 0), "pulse_awaiting": (0, 0)}
        finally:
            await pg_engine.dispose()


async def test_no_user_text_reaches_any_log_at_debug_even_with_a_wrong_signature(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    texts = ["TILTAKTEKST-hemmelig", "PULSKOMMENTAR-hemmelig", "FEILSIGNERT-hemmelig"]
    await make_team(slack, MANAGER, KARIS_TEAM)
    await slack.command(MANAGER, f"tiltak <@{KARIS_TEAM[0]}|ola> {texts[0]} innen fredag")
    await sweep_at(rt, clock, WEDNESDAY)
    member = KARIS_TEAM[1]
    await answer(slack, fake, member, round_of(pulse_dms(fake, member)[-1]), (3, 3, 3), comment=texts[1])
    forged = SlackSimulator(events_url=slack.events_url, signing_secret="not-the-secret", fake=fake)
    try:
        response = await forged.command(member, f"tiltak {texts[2]} innen fredag")
        assert response.status == 401
    finally:
        await forged.close()
    await sweep_at(rt, clock, MONDAY_CLOSE)
    assert any("invalid signature" in r.getMessage() for r in caplog.records)
    assert logging.getLogger().getEffectiveLevel() == logging.DEBUG  # DEBUG really was on
    for record in caplog.records:
        line = record.getMessage() + json.dumps(record.__dict__, default=str)
        for secret in texts:
            assert secret not in line, (record.name, record.levelname)
