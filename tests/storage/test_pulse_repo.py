"""Pulse queries on SQLite and PostgreSQL: markers that can be taken once, one tally per team, results in order."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select

from storage import outbox_repo, pulse_repo
from storage.db import make_session_factory, transaction
from storage.models import OutboxMessage
from storage.pulse_models import PulseAwaiting, PulseInvited, PulseRound, PulseTally, RoundStatus, random_id

TEAM = "T0001"
NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)


def a_round(day: date, *, status: RoundStatus = RoundStatus.OPEN, team_id: str = TEAM) -> PulseRound:
    return PulseRound(
        team_id=team_id,
        round_day=day,
        number=1,
        at_minutes=600,
        questions=["anchor", "strengths", "workload"],
        k=5,
        closes_at=datetime.combine(day + timedelta(days=5), datetime.min.time(), UTC),
        status=status,
    )


async def test_random_ids_are_32_hex_digits_and_differ() -> None:
    ids = {random_id() for _ in range(100)}
    assert len(ids) == 100
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)


async def test_markers_are_invited_once_and_taken_once(any_engine: AsyncEngine) -> None:
    sessions = make_session_factory(any_engine)
    async with transaction(sessions) as session:
        pulse_round = await pulse_repo.add_round(session, pulse_round=a_round(date(2026, 12, 2)))
        round_id = pulse_round.id
        assert await pulse_repo.invite(
            session, team_id=TEAM, round_id=round_id, token="a" * 64, group_key="UKARI", remind=True
        )
        assert not await pulse_repo.invite(
            session, team_id=TEAM, round_id=round_id, token="a" * 64, group_key="UKARI", remind=False
        )
        assert await pulse_repo.invite(
            session, team_id=TEAM, round_id=round_id, token="b" * 64, group_key="UKARI", remind=False
        )
    async with transaction(sessions) as session:
        invited = await pulse_repo.invitation(session, round_id=round_id, token="a" * 64)
        assert invited is not None
        assert invited.remind  # the second invite changed nothing
        assert await pulse_repo.is_awaiting(session, round_id=round_id, token="a" * 64)
        assert await pulse_repo.take_awaiting(session, round_id=round_id, token="a" * 64)
        assert not await pulse_repo.take_awaiting(session, round_id=round_id, token="a" * 64)
        assert not await pulse_repo.is_awaiting(session, round_id=round_id, token="a" * 64)
        assert not await pulse_repo.take_awaiting(session, round_id=round_id, token="c" * 64)
    async with transaction(sessions) as session:
        # Answered, and invited again by a later sweep: still answered (no new awaiting marker).
        assert not await pulse_repo.invite(
            session, team_id=TEAM, round_id=round_id, token="a" * 64, group_key="UKARI", remind=True
        )
        assert not await pulse_repo.is_awaiting(session, round_id=round_id, token="a" * 64)
        assert await pulse_repo.forget_participation(session, round_id=round_id) == 3
    async with transaction(sessions) as session:
        assert (await session.exec(select(PulseInvited))).all() == []
        assert (await session.exec(select(PulseAwaiting))).all() == []


async def test_one_tally_per_team_and_round(any_engine: AsyncEngine) -> None:
    sessions = make_session_factory(any_engine)
    async with transaction(sessions) as session:
        round_id = (await pulse_repo.add_round(session, pulse_round=a_round(date(2026, 12, 2)))).id
        first = await pulse_repo.tally_for_update(session, team_id=TEAM, round_id=round_id, group_key="UKARI")
        first.n = 2
        await session.flush()
        again = await pulse_repo.tally_for_update(session, team_id=TEAM, round_id=round_id, group_key="UKARI")
        assert again.id == first.id
        assert again.n == 2
        other = await pulse_repo.tally_for_update(session, team_id=TEAM, round_id=round_id, group_key="UBOSS")
        other.n = 3
    async with transaction(sessions) as session:
        assert [t.group_key for t in await pulse_repo.tallies(session, round_id=round_id)] == ["UBOSS", "UKARI"]
        assert await pulse_repo.answer_count(session, round_id=round_id) == 5
        assert await pulse_repo.answer_count(session, round_id=random_id()) == 0
        found = await pulse_repo.tally_of(session, round_id=round_id, group_key="UKARI")
        assert found is not None
        assert found.n == 2


async def test_rounds_open_due_and_published_in_order(any_engine: AsyncEngine) -> None:
    sessions = make_session_factory(any_engine)
    async with transaction(sessions) as session:
        old = await pulse_repo.add_round(session, pulse_round=a_round(date(2026, 11, 18), status=RoundStatus.CLOSED))
        last = await pulse_repo.add_round(session, pulse_round=a_round(date(2026, 11, 25), status=RoundStatus.CLOSED))
        current = await pulse_repo.add_round(session, pulse_round=a_round(date(2026, 12, 2)))
        await pulse_repo.add_round(session, pulse_round=a_round(date(2026, 12, 2), team_id="T0002"))
        for pulse_round, n in ((old, 5), (last, 6), (current, 1)):
            await pulse_repo.add_tally(
                session, tally=PulseTally(team_id=TEAM, round_id=pulse_round.id, group_key="UKARI", n=n, shown=True)
            )
    async with transaction(sessions) as session:
        found = await pulse_repo.open_round(session, team_id=TEAM)
        assert found is not None
        assert found.id == current.id
        assert await pulse_repo.round_exists(session, team_id=TEAM, round_day=date(2026, 11, 25))
        assert not await pulse_repo.round_exists(session, team_id=TEAM, round_day=date(2026, 12, 9))
        assert await pulse_repo.get_round(session, team_id="T0002", round_id=current.id) is None
        due = await pulse_repo.rounds_to_close(session, now=datetime(2026, 12, 7, tzinfo=UTC))
        assert sorted(r.team_id for r in due) == [TEAM, "T0002"]
        assert await pulse_repo.rounds_to_close(session, now=datetime(2026, 12, 6, 23, tzinfo=UTC)) == []
        results = await pulse_repo.results_of(session, team_id=TEAM, group_key="UKARI", limit=8)
        assert [(r.round_day, t.n) for r, t in results] == [(date(2026, 11, 25), 6), (date(2026, 11, 18), 5)]
        assert len(await pulse_repo.results_of(session, team_id=TEAM, group_key="UKARI", limit=1)) == 1
        assert await pulse_repo.results_of(session, team_id=TEAM, group_key="UOTHER", limit=8) == []


async def test_only_the_rounds_own_outbox_rows_are_deleted(any_engine: AsyncEngine) -> None:
    sessions = make_session_factory(any_engine)
    keys = ["pulse:ab_c:open:U1", "pulse:ab_c:remind:U1", "pulse:abxc:open:U1", "tiltak:1:due:U1:2026-12-04"]
    async with transaction(sessions) as session:
        await outbox_repo.add_planned(
            session,
            messages=[
                OutboxMessage(
                    team_id=TEAM,
                    dedupe_key=key,
                    kind="pulse.open",
                    recipient_type="user",
                    recipient_id="U1",
                    not_before=NOW,
                    created_at=NOW,
                )
                for key in keys
            ],
        )
        # "_" is a LIKE wildcard: the prefix must match literally.
        assert await pulse_repo.delete_round_messages(session, team_id=TEAM, key_prefix="pulse:ab_c:") == 2
    async with transaction(sessions) as session:
        left = (await session.exec(select(OutboxMessage.dedupe_key).order_by(col(OutboxMessage.dedupe_key)))).all()
        assert list(left) == ["pulse:abxc:open:U1", "tiltak:1:due:U1:2026-12-04"]
