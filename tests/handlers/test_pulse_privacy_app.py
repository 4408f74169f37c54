"""Nothing in the database ties a pulse answer to a person, shown by reading the schema and every stored row.

The app runs over signed HTTP as in the other app tests, here on SQLite and on PostgreSQL (`any_engine`). Five
of Kari's six answer, with comments that carry unique markers so they can be traced through every table. Then:

- the answer columns hold no user id and no time, the primary keys are random, and each team has one row of
  counts, so there is no order of answers to read;
- on PostgreSQL, no other row carries the transaction id (`xmin`) of the last answer: answering wrote nothing
  that names the person who answered;
- the participation markers are keyed HMACs, not hashes anyone could recompute, and they are gone after the
  close, together with the outbox rows that showed who was invited and reminded.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import Connection, inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import Runtime, runtime
from bot.clock import ManualClock
from bot.config import Settings
from bot.rules.digest import WORKSPACE
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from tests.conftest import COLLEAGUE, EMPLOYEE, ENGLISH, MANAGER, NEW_YORK, TEAM, oslo
from tests.pulse_helpers import (
    ANNE,
    FRIDAY,
    JON,
    KARIS_TEAM,
    MONDAY_CLOSE,
    REMIND,
    WEDNESDAY,
    add_people,
    answer,
    join_team,
    pulse_dms,
    round_of,
    sent,
    sweep_at,
)
from tests.rig import serve_app

ANSWERS: dict[str, tuple[tuple[int, int, int], str | None]] = {
    EMPLOYEE: ((1, 2, 3), "ZQX-ONE"),
    COLLEAGUE: ((5, 5, 5), "ZQX-TWO"),
    ENGLISH: ((3, 3, 3), None),
    NEW_YORK: ((2, 4, 1), "ZQX-FOUR"),
    ANNE: ((4, 1, 5), "ZQX-FIVE"),
}
MARKERS = [comment for _, comment in ANSWERS.values() if comment]
PULSE_TABLES = ("pulse_round", "pulse_tally", "pulse_invited", "pulse_awaiting")
HEX = re.compile(r"[0-9a-f]+")


@pytest.fixture
async def rt_any(settings: Settings, clock: ManualClock, any_engine: AsyncEngine) -> AsyncIterator[Runtime]:
    async with runtime(settings, clock, engine=any_engine) as wired:
        yield wired


@pytest.fixture
async def slack_any(
    settings: Settings, rt_any: Runtime, fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[SlackSimulator]:
    add_people(fake)
    async with serve_app(settings, rt_any, fake, monkeypatch) as simulator:
        yield simulator


def _json(value: Any) -> Any:
    """A JSON column as read with plain SQL: decoded on PostgreSQL, text on SQLite."""
    return json.loads(value) if isinstance(value, str) else value


def _schema(connection: Connection) -> dict[str, list[dict[str, Any]]]:
    inspector = inspect(connection)
    return {table: inspector.get_columns(table) for table in inspector.get_table_names()}


async def dump(engine: AsyncEngine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as plain dicts (on PostgreSQL with the row's `xmin` as `_xmin`)."""
    async with engine.connect() as connection:
        schema = await connection.run_sync(_schema)
        postgres = connection.dialect.name == "postgresql"
        rows: dict[str, list[dict[str, Any]]] = {}
        for table in schema:
            extra = ", xmin::text AS _xmin" if postgres else ""
            result = await connection.execute(text(f'SELECT *{extra} FROM "{table}"'))  # noqa: S608 - table names from the schema
            rows[table] = [dict(row._mapping) for row in result]
        return rows


async def everyone_answers_but_jon(slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack) -> str:
    await join_team(rt, MANAGER, KARIS_TEAM)
    await sweep_at(rt, clock, WEDNESDAY)
    await sweep_at(rt, clock, oslo(2026, 12, 2, 16))
    round_id = round_of(pulse_dms(fake, EMPLOYEE)[0])
    for member, (scores, comment) in ANSWERS.items():
        acked = await answer(slack, fake, member, round_id, scores, comment)
        assert acked["response_action"] == "update"
    return round_id


async def test_no_column_or_order_ties_an_answer_to_a_person(
    slack_any: SlackSimulator, rt_any: Runtime, clock: ManualClock, fake: FakeSlack, any_engine: AsyncEngine
) -> None:
    round_id = await everyone_answers_but_jon(slack_any, rt_any, clock, fake)
    async with any_engine.connect() as connection:
        schema = await connection.run_sync(_schema)
    rows = await dump(any_engine)

    # The answers exist only as one row of counts for the team: no user, no time, a random key.
    tally_columns = {c["name"] for c in schema["pulse_tally"]}
    assert tally_columns == {"id", "team_id", "round_id", "group_key", "n", "invited", "counts", "comments", "shown"}
    for table in ("pulse_tally", "pulse_invited", "pulse_awaiting"):
        types = " ".join(str(c["type"]).lower() for c in schema[table])
        assert "date" not in types
        assert "time" not in types
    [team] = rows["pulse_tally"]
    assert team["group_key"] == MANAGER
    assert team["n"] == len(ANSWERS)
    assert len(team["id"]) == 32
    assert HEX.fullmatch(team["id"])
    counts = team["counts"] if isinstance(team["counts"], dict) else __import__("json").loads(team["counts"])
    [anchor, first, second] = (
        rows["pulse_round"][0]["questions"]
        if isinstance(rows["pulse_round"][0]["questions"], list)
        else __import__("json").loads(rows["pulse_round"][0]["questions"])
    )
    for position, question in enumerate((anchor, first, second)):
        expected = [0] * 5
        for scores, _ in ANSWERS.values():
            expected[scores[position] - 1] += 1
        assert counts[question] == expected

    # The comments are nowhere else, and no pulse table holds a respondent's id.
    for table, table_rows in rows.items():
        flat = repr(table_rows)
        if table != "pulse_tally":
            assert not any(marker in flat for marker in MARKERS), table
        if table in PULSE_TABLES:
            assert not any(user in flat for user in KARIS_TEAM), table

    # Markers: keyed HMACs (not a plain hash of round and user), one per person asked; Jon's is still awaiting.
    invited = [row["token"] for row in rows["pulse_invited"]]
    assert len(invited) == len(KARIS_TEAM)
    assert all(len(token) == 64 and HEX.fullmatch(token) for token in invited)
    plain_hashes = {hashlib.sha256(f"{TEAM}:{round_id}:{user}".encode()).hexdigest() for user in KARIS_TEAM}
    assert not plain_hashes & set(invited)
    assert len(rows["pulse_awaiting"]) == 1

    # The outbox says who was asked (as it must, to send the DMs), the same for those who answered and Jon.
    pulse_rows = [row for row in rows["outbox"] if str(row["kind"]).startswith("pulse.")]
    assert {(row["kind"], row["status"]) for row in pulse_rows} == {("pulse.open", "sent")}
    assert len(pulse_rows) == len(KARIS_TEAM)

    if any_engine.dialect.name == "postgresql":
        # The last answer's transaction wrote the team's counts and nothing else that is still visible.
        last = team["_xmin"]
        sharing = [table for table, table_rows in rows.items() for row in table_rows if row["_xmin"] == last]
        assert sharing == ["pulse_tally"]


async def test_markers_and_traces_of_who_answered_are_gone_after_the_close(
    slack_any: SlackSimulator, rt_any: Runtime, clock: ManualClock, fake: FakeSlack, any_engine: AsyncEngine
) -> None:
    await everyone_answers_but_jon(slack_any, rt_any, clock, fake)
    assert await sweep_at(rt_any, clock, FRIDAY) == sent(REMIND, JON)
    before = await dump(any_engine)
    reminded = [r for r in before["outbox"] if r["kind"] == REMIND]
    assert [r["recipient_id"] for r in reminded] == [JON]  # until the close, this says who had not answered

    await sweep_at(rt_any, clock, MONDAY_CLOSE)
    rows = await dump(any_engine)
    assert rows["pulse_invited"] == []
    assert rows["pulse_awaiting"] == []
    assert [r for r in rows["outbox"] if str(r["kind"]).startswith("pulse.")] == []
    assert [r for r in rows["outbox"] if str(r["dedupe_key"]).startswith("pulse:")] == []
    groups = {row["group_key"]: row for row in rows["pulse_tally"]}
    assert set(groups) == {MANAGER, WORKSPACE}
    assert groups[MANAGER]["shown"]
    assert groups[MANAGER]["invited"] == len(KARIS_TEAM)
    assert _json(groups[WORKSPACE]["comments"]) == []
    assert rows["pulse_round"][0]["status"] == "closed"
    for table in PULSE_TABLES:
        assert not any(user in repr(rows[table]) for user in KARIS_TEAM), table


async def test_a_race_of_two_submissions_counts_once(
    slack_any: SlackSimulator, rt_any: Runtime, clock: ManualClock, fake: FakeSlack, any_engine: AsyncEngine
) -> None:
    await join_team(rt_any, MANAGER, KARIS_TEAM)
    await sweep_at(rt_any, clock, WEDNESDAY)
    round_id = round_of(pulse_dms(fake, EMPLOYEE)[0])
    pulse = rt_any.services.pulse
    form = await pulse.open_pulse_modal(team_id=TEAM, user_id=EMPLOYEE, round_id=round_id)
    values = dict.fromkeys(form.questions, 3)
    results = await asyncio.gather(
        *[
            pulse.record_pulse_answer(team_id=TEAM, user_id=EMPLOYEE, round_id=round_id, answers=values, comment=None)
            for _ in range(4)
        ]
    )
    assert sorted(str(r.problem) for r in results) == ["None", "already", "already", "already"]
    rows = await dump(any_engine)
    assert [row["n"] for row in rows["pulse_tally"]] == [1]
