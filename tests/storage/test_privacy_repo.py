"""Personvern queries on SQLite and PostgreSQL: erasing a person by the registry, batched retention deletes,
offboarding markers and workspace state that are written once."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel, select

from storage import erase_repo, privacy_repo, retention_repo
from storage.db import SessionFactory, make_session_factory, transaction
from storage.models import OutboxMessage, OutboxStatus, Person
from storage.oneonone_models import AgendaItem, Meeting, OneOnOnePair
from storage.person_data import person_data_registry
from storage.pulse_models import PulseRound, PulseTally
from storage.tiltak_models import Postponement, Tiltak

TEAM = "T0001"
NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)
OLA, KARI, PER = "UOLA", "UKARI", "UPER"


async def naming(sessions: SessionFactory, user_id: str) -> list[str]:
    found = []
    async with transaction(sessions) as session:
        for table in SQLModel.metadata.sorted_tables:
            for row in (await session.exec(sa_select(table))).all():  # type: ignore[call-overload]
                dump = json.dumps(dict(row._mapping), default=str)
                if user_id in dump:
                    found.append(f"{table.name}: {dump}")
    return found


def tiltak(number: int, owner: str, counterpart: str | None, *, note: str | None = None) -> Tiltak:
    return Tiltak(
        team_id=TEAM,
        number=number,
        text=f"T{number}",
        note=note,
        owner_id=owner,
        counterpart_id=counterpart,
        created_by=counterpart or owner,
        due_date=date(2026, 12, 4),
        reminders_from=NOW,
        created_at=NOW,
    )


async def test_erase_person_leaves_no_trace_and_keeps_others_parts(any_engine: AsyncEngine) -> None:
    sessions = make_session_factory(any_engine)
    async with transaction(sessions) as session:
        for user in (OLA, KARI, PER):
            session.add(Person(team_id=TEAM, user_id=user, created_at=NOW))
        own, others = tiltak(1, OLA, KARI), tiltak(2, PER, OLA, note=f"spør <@{OLA}|ola> og <@{KARI}>")
        session.add_all([own, others])
        pair = OneOnOnePair(
            team_id=TEAM,
            manager_id=KARI,
            employee_id=OLA,
            cadence="weekly",
            weekday=3,
            at_minutes=600,
            zone="Europe/Oslo",
            anchor=date(2026, 12, 3),
            created_at=NOW,
        )
        session.add(pair)
        session.add(
            PulseRound(
                id="r1",
                team_id=TEAM,
                round_day=date(2026, 11, 25),
                number=1,
                at_minutes=600,
                questions=["q"],
                k=3,
                closes_at=NOW,
                status="closed",
            )
        )
        await session.flush()
        assert own.id is not None
        assert pair.id is not None
        session.add(
            Postponement(
                team_id=TEAM,
                tiltak_id=own.id,
                from_date=date(2026, 12, 4),
                to_date=date(2026, 12, 11),
                by_user=KARI,
                at=NOW,
            )
        )
        session.add(Meeting(team_id=TEAM, pair_id=pair.id, slot=date(2026, 12, 3), starts_at=NOW, created_at=NOW))
        session.add(AgendaItem(team_id=TEAM, pair_id=pair.id, author_id=KARI, text="x", created_at=NOW))
        session.add(PulseTally(team_id=TEAM, round_id="r1", group_key=OLA, n=5, counts={}, shown=True))
        for key, recipient, params in (("a", OLA, {}), ("b", KARI, {"employee": OLA}), ("c", KARI, {"employee": PER})):
            session.add(
                OutboxMessage(
                    team_id=TEAM,
                    dedupe_key=key,
                    kind="notice",
                    recipient_type="user",
                    recipient_id=recipient,
                    params=params,
                    not_before=NOW,
                    created_at=NOW,
                )
            )
        await privacy_repo.audit(session, team_id=TEAM, actor_id=KARI, action="manager.set", subject_id=OLA, at=NOW)
    assert len(await naming(sessions, OLA)) >= 8

    registry = person_data_registry()
    async with transaction(sessions) as session:
        counts, named = await erase_repo.count_person_data(session, registry, team_id=TEAM, user_id=OLA)
    assert counts == {"profile": 1, "tiltak": 1, "oneonone": 1, "messages": 2}
    assert named == 5  # Per's tiltak: counterpart, created_by, note; the audit row's subject; the tally

    async with transaction(sessions) as session:
        await erase_repo.erase_person(session, registry, team_id=TEAM, user_id=OLA, token="f" * 32)
    assert await naming(sessions, OLA) == []
    async with transaction(sessions) as session:
        [kept] = (await session.exec(select(Tiltak))).all()
        tally = (await session.exec(select(PulseTally))).one()
        keys = sorted(m.dedupe_key for m in (await session.exec(select(OutboxMessage))).all())
    assert (kept.owner_id, kept.counterpart_id, kept.created_by) == (PER, None, "")
    assert kept.note == f"spør @– og <@{KARI}>"
    assert (tally.group_key, tally.n) == ("f" * 32, 5)
    assert keys == ["c"]
    assert len(await naming(sessions, KARI)) > 0  # Kari's own rows are untouched


async def test_retention_deletes_in_batches(any_engine: AsyncEngine) -> None:
    sessions = make_session_factory(any_engine)
    cutoff = NOW - timedelta(days=30)
    async with transaction(sessions) as session:
        for i in range(1203):
            session.add(
                OutboxMessage(
                    team_id=TEAM,
                    dedupe_key=f"old{i}",
                    kind="notice",
                    recipient_type="user",
                    recipient_id=OLA,
                    not_before=cutoff - timedelta(days=1),
                    sent_at=cutoff,
                    status=OutboxStatus.SENT,
                    created_at=cutoff,
                )
            )
        session.add(
            OutboxMessage(
                team_id=TEAM,
                dedupe_key="kept",
                kind="notice",
                recipient_type="user",
                recipient_id=OLA,
                not_before=cutoff,
                status=OutboxStatus.PENDING,
                created_at=cutoff,
            )
        )
        session.add(
            OutboxMessage(
                team_id="T0002",
                dedupe_key="other",
                kind="notice",
                recipient_type="user",
                recipient_id=OLA,
                not_before=cutoff,
                sent_at=cutoff,
                status=OutboxStatus.SENT,
                created_at=cutoff,
            )
        )
    batches = []
    for _ in range(4):
        async with transaction(sessions) as session:
            batches.append(await retention_repo.purge_closed_outbox(session, team_id=TEAM, before=cutoff, limit=500))
    assert batches == [500, 500, 203, 0]
    async with transaction(sessions) as session:
        left = sorted(m.dedupe_key for m in (await session.exec(select(OutboxMessage))).all())
    assert left == ["kept", "other"]  # pending stays; another workspace is not touched


async def test_markers_and_state_are_written_once(any_engine: AsyncEngine) -> None:
    sessions = make_session_factory(any_engine)
    async with transaction(sessions) as session:
        assert await privacy_repo.mark_offboarded(session, team_id=TEAM, user_id=OLA, now=NOW)
        assert not await privacy_repo.mark_offboarded(session, team_id=TEAM, user_id=OLA, now=NOW)
        state = await privacy_repo.ensure_workspace_state(session, team_id=TEAM)
        state.stopped_at = NOW
    async with transaction(sessions) as session:
        again = await privacy_repo.ensure_workspace_state(session, team_id=TEAM)
        assert again.stopped_at == NOW
        assert await privacy_repo.is_stopped(session, team_id=TEAM)
        assert not await privacy_repo.is_stopped(session, team_id="T0002")
        session.add(Person(team_id=TEAM, user_id=KARI, created_at=NOW, is_admin=True))
        session.add(Person(team_id=TEAM, user_id=PER, created_at=NOW, is_admin=True, deleted=True))
        await session.flush()
        assert await privacy_repo.admins_of(session, team_id=TEAM) == [KARI]
        assert await privacy_repo.teams_due_retention(session, today=NOW.date()) == [TEAM]
        again.retention_day = NOW.date()
        await session.flush()
        assert await privacy_repo.teams_due_retention(session, today=NOW.date()) == []
