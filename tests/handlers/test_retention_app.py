"""Retention through the real app's sweep (issue 13, item 1): the daily purge deletes exactly what is due, on both
sides of every cutoff, keeps published pulse aggregates, runs once a day, and follows the admin's settings.

Rows are written at chosen instants around each cutoff; the outbox sweep (which runs the daily task first) does
the rest. Now is Monday 30 November 2026, 10:00 in Oslo (09:00 UTC): 12 months back is 30 November 2025, 09:00
UTC; 30 days back is 31 October 2026, 09:00 UTC; 24 months back is 30 November 2024, 09:00 UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import event
from sqlmodel import SQLModel, col, func, select

from bot.app import Runtime
from bot.clock import ManualClock
from bot.core.retention import still_plannable
from bot.features.oneonone.common import CATCH_UP
from bot.outbox.types import PlannedMessage
from handlers import ids
from sim.driver import SlackSimulator
from storage.consent_models import ManagerRequest, RequestStatus
from storage.db import transaction
from storage.digest_models import TeamUpdate
from storage.models import OutboxMessage, OutboxStatus, Person, RecipientType
from storage.oneonone_models import AgendaItem, Meeting, OneOnOnePair
from storage.privacy_models import AuditEntry
from storage.pulse_models import PulseRound, PulseTally
from storage.tiltak_models import Postponement, Tiltak, TiltakStatus
from tests.conftest import NOW, TEAM
from tests.driver import sweep_at

ADMIN = "UANNE"
SECOND = timedelta(seconds=1)
RECORDS = datetime(2025, 11, 30, 9, 0, tzinfo=UTC)
OUTBOX = datetime(2026, 10, 31, 9, 0, tzinfo=UTC)
AUDIT = datetime(2024, 11, 30, 9, 0, tzinfo=UTC)
OLD = datetime(2023, 1, 2, 9, 0, tzinfo=UTC)


def _tiltak(number: int, status: TiltakStatus, closed_at: datetime | None) -> Tiltak:
    return Tiltak(
        team_id=TEAM,
        number=number,
        text=f"Tiltak {number}",
        owner_id="UOLA",
        counterpart_id="UKARI",
        created_by="UKARI",
        due_date=date(2023, 1, 10),
        status=status,
        reminders_from=OLD,
        created_at=OLD,
        closed_at=closed_at,
    )


def _pair(manager: str, employee: str, *, active: bool, stopped_at: datetime | None) -> OneOnOnePair:
    return OneOnOnePair(
        team_id=TEAM,
        manager_id=manager,
        employee_id=employee,
        cadence="weekly",
        weekday=3,
        at_minutes=600,
        zone="Europe/Oslo",
        anchor=date(2023, 1, 5),
        active=active,
        created_at=OLD,
        stopped_at=stopped_at,
    )


def _outbox(key: str, status: OutboxStatus, *, not_before: datetime, sent_at: datetime | None) -> OutboxMessage:
    return OutboxMessage(
        team_id=TEAM,
        dedupe_key=key,
        kind="notice",
        recipient_type="user",
        recipient_id="UOLA",
        params={"key": "privacy.request_title", "params": {}},
        not_before=not_before,
        status=status,
        created_at=not_before,
        sent_at=sent_at,
    )


async def seed(rt: Runtime) -> dict[str, Any]:
    """One row just at each cutoff (due) and one a second after it (kept), plus rows no rule touches."""
    async with transaction(rt.services.deps.sessions) as session:
        session.add(Person(team_id=TEAM, user_id="UOLA", created_at=OLD))
        for number, status, closed in (
            (1, TiltakStatus.DONE, RECORDS),
            (2, TiltakStatus.DONE, RECORDS + SECOND),
            (3, TiltakStatus.CANCELLED, RECORDS - timedelta(days=40)),
            (4, TiltakStatus.OPEN, None),
        ):
            session.add(_tiltak(number, status, closed))
        await session.flush()
        cancelled = (await session.exec(select(Tiltak).where(col(Tiltak.number) == 3))).one()
        assert cancelled.id is not None
        session.add(
            Postponement(
                team_id=TEAM,
                tiltak_id=cancelled.id,
                from_date=date(2023, 1, 10),
                to_date=date(2023, 2, 1),
                by_user="UKARI",
                at=OLD,
            )
        )
        live = _pair("UKARI", "UOLA", active=True, stopped_at=None)
        stopped_due = _pair("UKARI", "UPER", active=False, stopped_at=RECORDS)
        stopped_kept = _pair("UKARI", "UEMMA", active=False, stopped_at=RECORDS + SECOND)
        for pair in (live, stopped_due, stopped_kept):
            session.add(pair)
        await session.flush()
        assert live.id is not None
        assert stopped_due.id is not None
        for slot, starts in ((date(2025, 11, 27), RECORDS), (date(2025, 12, 4), RECORDS + SECOND)):
            session.add(
                Meeting(team_id=TEAM, pair_id=live.id, slot=slot, starts_at=starts, status="held", created_at=OLD)
            )
        session.add(
            Meeting(
                team_id=TEAM,
                pair_id=stopped_due.id,
                slot=date(2026, 1, 1),
                starts_at=OLD,
                status="held",
                created_at=OLD,
            )
        )
        for text, done, done_at in (("due", True, RECORDS), ("kept", True, RECORDS + SECOND), ("open", False, None)):
            session.add(
                AgendaItem(
                    team_id=TEAM,
                    pair_id=live.id,
                    author_id="UOLA",
                    text=text,
                    done=done,
                    created_at=OLD,
                    done_at=done_at,
                )
            )
        for requester, answer, decided in (
            ("UKARI", RequestStatus.ACCEPTED, RECORDS),
            ("UPER", RequestStatus.DECLINED, RECORDS + SECOND),
            ("UEMMA", RequestStatus.PENDING, None),
        ):
            session.add(
                ManagerRequest(
                    team_id=TEAM,
                    requester_id=requester,
                    employee_id="UOLA",
                    kind="team",
                    status=answer,
                    created_at=OLD,
                    decided_at=decided,
                )
            )
        session.add(TeamUpdate(team_id=TEAM, manager_id="UKARI", text="due", shared_at=RECORDS))
        session.add(TeamUpdate(team_id=TEAM, manager_id="UKARI", text="kept", shared_at=RECORDS + SECOND))
        session.add(_outbox("sent-due", OutboxStatus.SENT, not_before=OLD, sent_at=OUTBOX))
        session.add(_outbox("sent-kept", OutboxStatus.SENT, not_before=OLD, sent_at=OUTBOX + SECOND))
        session.add(_outbox("failed-due", OutboxStatus.FAILED, not_before=OUTBOX, sent_at=None))
        session.add(_outbox("failed-kept", OutboxStatus.EXPIRED, not_before=OUTBOX + SECOND, sent_at=None))
        for at in (AUDIT, AUDIT + SECOND):
            session.add(AuditEntry(team_id=TEAM, actor_id="UANNE", action="settings.changed", at=at))
        published = PulseRound(
            team_id=TEAM,
            round_day=date(2023, 1, 6),
            number=1,
            at_minutes=600,
            questions=["q"],
            k=3,
            closes_at=OLD,
            status="closed",
        )
        session.add(published)
        await session.flush()
        session.add(
            PulseTally(
                team_id=TEAM, round_id=published.id, group_key="UKARI", n=5, counts={"q": [0, 0, 1, 2, 2]}, shown=True
            )
        )
        return {"live_pair": live.id}


async def remaining(rt: Runtime) -> dict[str, set[str]]:
    async with transaction(rt.services.deps.sessions) as session:
        return {
            "tiltak": {str(t.number) for t in (await session.exec(select(Tiltak))).all()},
            "postponements": {str(p.id) for p in (await session.exec(select(Postponement))).all()},
            "pairs": {p.employee_id for p in (await session.exec(select(OneOnOnePair))).all()},
            # The seeded meetings only: the live pair's cadence plans its next one, and fills in the one of the
            # past week that no sweep saw (`catch_up_meetings`).
            "meetings": {
                m.starts_at.isoformat()
                for m in (await session.exec(select(Meeting))).all()
                if m.starts_at < NOW - CATCH_UP
            },
            "agenda": {a.text for a in (await session.exec(select(AgendaItem))).all()},
            "requests": {r.requester_id for r in (await session.exec(select(ManagerRequest))).all()},
            "updates": {u.text for u in (await session.exec(select(TeamUpdate))).all()},
            # The seeded rows only: the sweep plans reminders of its own for the open tiltak and the live pair.
            "outbox": {
                m.dedupe_key
                for m in (await session.exec(select(OutboxMessage))).all()
                if m.dedupe_key.endswith(("-due", "-kept"))
            },
            "audit": {a.at.isoformat() for a in (await session.exec(select(AuditEntry))).all()},
            "tallies": {str(t.n) for t in (await session.exec(select(PulseTally))).all()},
        }


def _iso(*instants: datetime) -> set[str]:
    return {i.astimezone(UTC).isoformat() for i in instants}


async def test_the_daily_sweep_deletes_exactly_what_is_due(rt: Runtime, clock: ManualClock) -> None:
    await seed(rt)
    await sweep_at(rt, clock, NOW)
    left = await remaining(rt)
    assert left["tiltak"] == {"2", "4"}  # closed at the cutoff and 40 days before: gone; a second later, open: kept
    assert left["postponements"] == set()  # went with its tiltak
    assert left["pairs"] == {"UOLA", "UEMMA"}  # stopped at the cutoff: gone with its meeting; a second later: kept
    assert left["meetings"] == _iso(RECORDS + SECOND)
    assert left["agenda"] == {"kept", "open"}
    assert left["requests"] == {"UPER", "UEMMA"}  # answered at the cutoff: gone; later, or still open: kept
    assert left["updates"] == {"kept"}
    assert left["outbox"] == {"sent-kept", "failed-kept"}
    assert left["audit"] == _iso(AUDIT + SECOND)
    assert left["tallies"] == {"5"}  # a published aggregate contains nobody and stays


async def test_it_runs_once_a_day(rt: Runtime, clock: ManualClock) -> None:
    async with transaction(rt.services.deps.sessions) as session:
        session.add(Person(team_id=TEAM, user_id="UKARI", created_at=OLD))  # the workspace is known
    await sweep_at(rt, clock, NOW)
    await seed(rt)
    await sweep_at(rt, clock, NOW + timedelta(hours=1))
    assert (await remaining(rt))["tiltak"] == {"1", "2", "3", "4"}  # the day's run is done
    await sweep_at(rt, clock, NOW + timedelta(days=1))
    assert (await remaining(rt))["tiltak"] == {"4"}  # the next day, closed tiltak 2 is past its time too


async def test_once_the_day_is_done_later_sweeps_ask_nothing_and_a_new_workspace_waits_for_tomorrow(
    rt: Runtime, clock: ManualClock
) -> None:
    retention = rt.services.retention
    clock.set(NOW)
    await retention.run_due(clock.now())  # nobody known yet: the day is done
    await seed(rt)  # the workspace first appears later that day
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(rt.engine.sync_engine, "before_cursor_execute", count)
    try:
        await retention.run_due(NOW + timedelta(hours=3))
    finally:
        event.remove(rt.engine.sync_engine, "before_cursor_execute", count)
    assert statements == []
    assert (await remaining(rt))["tiltak"] == {"1", "2", "3", "4"}
    await retention.run_due(NOW + timedelta(days=1))
    assert (await remaining(rt))["tiltak"] == {"4"}


async def test_the_admin_chooses_the_periods_in_innstillinger(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock
) -> None:
    slack.fake.add_user(ADMIN, is_admin=True, real_name="Anne Admin")
    await slack.command(ADMIN, "innstillinger")
    [opened] = slack.fake.calls_to("views.open")
    view = opened.args["view"]
    blocks = {block.get("block_id"): block for block in view["blocks"]}
    assert blocks[ids.PRIVACY_MONTHS_BLOCK]["element"]["initial_value"] == "12"
    assert blocks[ids.PRIVACY_DAYS_BLOCK]["element"]["initial_value"] == "30"
    values = _settings_values(view)

    values[ids.PRIVACY_MONTHS_BLOCK] = {ids.INPUT: {"type": "plain_text_input", "value": "tolv"}}
    refused = await slack.submit(ADMIN, view, values)
    assert refused.json()["response_action"] == "errors"
    assert "1 til 120" in refused.json()["errors"][ids.PRIVACY_MONTHS_BLOCK]

    values[ids.PRIVACY_MONTHS_BLOCK] = {ids.INPUT: {"type": "plain_text_input", "value": "6"}}
    saved = await slack.submit(ADMIN, view, values)
    assert saved.json()["response_action"] == "update"
    await seed(rt)
    await sweep_at(rt, clock, NOW)
    # Six months: everything closed before 30 May 2026 is due, tiltak 2 included.
    assert (await remaining(rt))["tiltak"] == {"4"}
    async with transaction(rt.services.deps.sessions) as session:
        actions = (await session.exec(select(AuditEntry.action).where(col(AuditEntry.actor_id) == ADMIN))).all()
    assert list(actions).count("settings.changed") >= 1


def _settings_values(view: dict[str, Any]) -> dict[str, Any]:
    """The state Slack would send for the settings modal as it was opened (every initial value kept)."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block.get("type") != "input":
            continue
        element = block["element"]
        if element["type"] == "static_select":
            state = {"type": "static_select", "selected_option": element.get("initial_option")}
        elif element["type"] == "checkboxes":
            state = {"type": "checkboxes", "selected_options": element.get("initial_options", [])}
        else:
            state = {"type": element["type"], "value": element.get("initial_value")}
        values[block["block_id"]] = {ids.INPUT: state}
    return values


async def test_nothing_in_the_schema_is_left_unswept_by_accident(rt: Runtime) -> None:
    """Sanity: the purge touches only the tables it names (a count of everything before and after an empty run)."""
    async with transaction(rt.services.deps.sessions) as session:
        before = {
            t.name: (await session.exec(select(func.count()).select_from(t))).one()
            for t in SQLModel.metadata.sorted_tables
        }
    await rt.services.retention.sweep(NOW)
    async with transaction(rt.services.deps.sessions) as session:
        after = {
            t.name: (await session.exec(select(func.count()).select_from(t))).one()
            for t in SQLModel.metadata.sorted_tables
        }
    assert {k: v for k, v in after.items() if k != "workspace_state"} == {
        k: v for k, v in before.items() if k != "workspace_state"
    }


async def test_a_message_whose_row_retention_may_have_deleted_is_never_planned_again(rt: Runtime) -> None:
    """Planning skips a message timed at or before the outbox cutoff (its row may be gone), and only those."""
    messages = [
        PlannedMessage(TEAM, key, "notice", RecipientType.USER, "UOLA", not_before=at)
        for key, at in (("at-cutoff", OUTBOX), ("after", OUTBOX + SECOND), ("now", NOW))
    ]
    async with transaction(rt.services.deps.sessions) as session:
        kept = await still_plannable(session, messages, NOW)
    assert [m.dedupe_key for m in kept] == ["after", "now"]
