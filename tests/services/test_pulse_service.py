"""The pulse services on their own: teams, admin settings, refusals, late invitations, the close, the digest feed."""

from __future__ import annotations

import random

import pytest

from bot.app import Runtime
from bot.clock import ManualClock
from bot.container import build_services
from bot.contract.pulse import AnswerProblem
from bot.contract.pulse_admin import TeamProblem
from bot.features.pulse.answers import PulseService, marker_secret
from bot.features.pulse.results import PulseResults
from bot.features.pulse.rounds import marker
from bot.rules.pulse import ANCHOR
from sim.fake_slack import FakeSlack
from storage.db import transaction
from tests.conftest import COLLEAGUE, EMPLOYEE, ENGLISH, MANAGER, TEAM, oslo
from tests.pulse_helpers import (
    ANNE,
    BOSS,
    FRIDAY,
    JON,
    KARIS_TEAM,
    MONDAY_CLOSE,
    OPEN,
    REMIND,
    ROBOT,
    WEDNESDAY,
    add_people,
    join_team,
    sent,
    stored,
    sweep_at,
)


@pytest.fixture(autouse=True)
def _people(fake: FakeSlack) -> None:
    add_people(fake)


join = join_team
"""`team legg-til` and every member's Godta, through the services."""


async def kari_team(rt: Runtime, members: tuple[str, ...] = KARIS_TEAM) -> None:
    await join(rt, MANAGER, members)
    assert (await rt.services.team.my_team(team_id=TEAM, manager_id=MANAGER)).members == tuple(sorted(members))


async def open_round(rt: Runtime, clock: ManualClock) -> str:
    await kari_team(rt)
    await sweep_at(rt, clock, oslo(2026, 12, 2, 16))
    rounds, *_ = await stored(rt)
    return rounds[0].id


async def answer(pulse: PulseService, user: str, round_id: str, value: int = 4, comment: str | None = None) -> None:
    form = await pulse.open_pulse_modal(team_id=TEAM, user_id=user, round_id=round_id)
    assert form.problem is None
    result = await pulse.record_pulse_answer(
        team_id=TEAM, user_id=user, round_id=round_id, answers=dict.fromkeys(form.questions, value), comment=comment
    )
    assert result.problem is None


# teams -----------------------------------------------------------------------------------------------------


async def test_team_add_refuses_self_bots_the_deactivated_and_ones_own_manager(rt: Runtime, fake: FakeSlack) -> None:
    fake.add_user("UGONE", deleted=True)
    await join(rt, BOSS, [MANAGER])
    result = await rt.services.team.team_add(
        team_id=TEAM, manager_id=MANAGER, user_ids=[MANAGER, ROBOT, "UGONE", BOSS, EMPLOYEE, EMPLOYEE]
    )
    assert result.refused == (
        (MANAGER, TeamProblem.SELF),
        (ROBOT, TeamProblem.BOT),
        ("UGONE", TeamProblem.DEACTIVATED),
        (BOSS, TeamProblem.YOUR_MANAGER),
    )
    assert result.asked == (EMPLOYEE,)
    assert result.members == ()  # until Ola accepts
    assert (
        await rt.services.team.team_add(team_id=TEAM, manager_id=MANAGER, user_ids=[])
    ).error == TeamProblem.NO_MENTION


async def test_accepting_moves_people_from_another_team(rt: Runtime) -> None:
    await join(rt, BOSS, [EMPLOYEE, COLLEAGUE])
    await join(rt, MANAGER, [EMPLOYEE, ANNE])
    again = await rt.services.team.team_add(team_id=TEAM, manager_id=MANAGER, user_ids=[ANNE])
    assert again.already == (ANNE,)
    assert (await rt.services.team.my_team(team_id=TEAM, manager_id=BOSS)).members == (COLLEAGUE,)
    removed = await rt.services.team.team_remove(team_id=TEAM, manager_id=MANAGER, user_ids=[ANNE, COLLEAGUE])
    assert removed.removed == (ANNE,)
    assert removed.refused == ((COLLEAGUE, TeamProblem.NOT_IN_TEAM),)
    assert removed.members == (EMPLOYEE,)


# answering ---------------------------------------------------------------------------------------------------


async def test_refusals_change_nothing(rt: Runtime, clock: ManualClock) -> None:
    round_id = await open_round(rt, clock)
    pulse = rt.services.pulse

    async def record(user: str, round_: str, answers: dict[str, int | None]) -> AnswerProblem | None:
        result = await pulse.record_pulse_answer(
            team_id=TEAM, user_id=user, round_id=round_, answers=answers, comment=None
        )
        return result.problem

    form = await pulse.open_pulse_modal(team_id=TEAM, user_id=EMPLOYEE, round_id=round_id)
    good = dict.fromkeys(form.questions, 3)
    assert "goals" not in form.questions
    assert await record(EMPLOYEE, "0" * 32, good) == AnswerProblem.CLOSED
    assert await record(BOSS, round_id, good) == AnswerProblem.NOT_ASKED
    assert await record(EMPLOYEE, round_id, {**good, ANCHOR: 7}) == AnswerProblem.MISSING
    assert await record(EMPLOYEE, round_id, {ANCHOR: 3, "goals": 3, "feedback": 3}) == AnswerProblem.MISSING
    other_workspace = await pulse.open_pulse_modal(team_id="T9999", user_id=EMPLOYEE, round_id=round_id)
    assert other_workspace.problem == AnswerProblem.CLOSED
    _, tallies, invited, awaiting = await stored(rt)
    assert tallies == []
    assert len(invited) == len(awaiting) == len(KARIS_TEAM)
    assert await record(EMPLOYEE, round_id, good) is None


async def test_someone_who_left_the_team_mid_round_counts_where_they_were_at_the_opening(
    rt: Runtime, clock: ManualClock
) -> None:
    round_id = await open_round(rt, clock)
    pulse = rt.services.pulse
    await rt.services.team.team_remove(team_id=TEAM, manager_id=MANAGER, user_ids=[EMPLOYEE])
    await answer(pulse, EMPLOYEE, round_id)
    _, tallies, _, _ = await stored(rt)
    assert [(t.group_key, t.n) for t in tallies] == [(MANAGER, 1)]


async def test_someone_who_joins_after_the_opening_is_asked_from_the_next_round(
    rt: Runtime, clock: ManualClock
) -> None:
    await kari_team(rt, KARIS_TEAM[:5])
    await sweep_at(rt, clock, WEDNESDAY)
    await join(rt, MANAGER, [JON])
    # Only members at the opening count in this round's result: Jon is neither asked nor reminded.
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 11)) == sent(REMIND, EMPLOYEE, COLLEAGUE, ENGLISH, ANNE)
    form = await rt.services.pulse.open_pulse_modal(team_id=TEAM, user_id=JON, round_id=(await stored(rt))[0][0].id)
    assert form.problem == AnswerProblem.NOT_ASKED
    assert (OPEN, JON) in await sweep_at(rt, clock, oslo(2026, 12, 9, 11))


async def test_comments_are_stored_in_an_order_set_by_the_random_not_by_who_came_first(
    rt: Runtime, clock: ManualClock
) -> None:
    services = build_services(rt.services.deps, pulse_secret=b"s" * 32, rng=random.Random(1))
    await kari_team(rt)
    clock.set(oslo(2026, 12, 2, 16))
    await services.outbox.send_due_messages()
    rounds, *_ = await stored(rt)
    for index, member in enumerate(KARIS_TEAM):
        form = await services.pulse.open_pulse_modal(team_id=TEAM, user_id=member, round_id=rounds[0].id)
        values = dict.fromkeys(form.questions, 4)
        result = await services.pulse.record_pulse_answer(
            team_id=TEAM, user_id=member, round_id=rounds[0].id, answers=values, comment=f"c{index}"
        )
        assert result.problem is None

    async def comments() -> list[str]:
        _, tallies, _, _ = await stored(rt)
        return next(t.comments for t in tallies if t.group_key == MANAGER)

    in_order = [f"c{i}" for i in range(len(KARIS_TEAM))]
    while_open = await comments()
    assert sorted(while_open) == in_order
    assert while_open != in_order
    clock.set(MONDAY_CLOSE)
    await services.outbox.send_due_messages()
    published = await comments()
    assert sorted(published) == in_order
    assert published not in (in_order, while_open)  # shuffled again when published


# the close and the digest feed --------------------------------------------------------------------------------


async def test_the_close_publishes_and_the_digest_reads_it(rt: Runtime, clock: ManualClock) -> None:
    round_id = await open_round(rt, clock)
    pulse = rt.services.pulse
    for member, value in zip(KARIS_TEAM[:5], (5, 4, 4, 3, 4), strict=True):
        await answer(pulse, member, round_id, value)
    await sweep_at(rt, clock, MONDAY_CLOSE)
    feed = PulseResults(rt.services.deps)
    async with transaction(rt.services.deps.sessions) as session:
        digest = await feed.team_digest(session, team_id=TEAM, manager_id=MANAGER, now=MONDAY_CLOSE)
        org = await feed.org_digest(session, team_id=TEAM, now=MONDAY_CLOSE)
    assert digest is not None
    assert digest.round_week == 49
    assert (digest.suppressed, digest.answered, digest.invited) == (False, 5, 6)
    assert digest.questions[0].key == "pulse.question_anchor"
    assert digest.questions[0].mean == pytest.approx(4.0)
    assert digest.questions[0].change is None
    assert org is not None
    assert (org.suppressed, org.answered) == (False, 5)

    second = (await stored(rt))[0]
    await sweep_at(rt, clock, oslo(2026, 12, 9, 16))
    rounds, *_ = await stored(rt)
    assert len(rounds) == len(second) + 1
    for member in KARIS_TEAM[:5]:
        await answer(pulse, member, rounds[-1].id, 3)
    await sweep_at(rt, clock, oslo(2026, 12, 14, 8))
    async with transaction(rt.services.deps.sessions) as session:
        digest = await feed.team_digest(session, team_id=TEAM, manager_id=MANAGER, now=oslo(2026, 12, 14, 9))
    assert digest is not None
    assert digest.round_week == 50
    assert digest.questions[0].change == pytest.approx(-1.0)
    assert [(p.week, p.mean) for p in digest.trend] == [(49, 4.0), (50, 3.0)]


async def test_a_round_with_too_few_answers_is_published_as_suppressed(rt: Runtime, clock: ManualClock) -> None:
    round_id = await open_round(rt, clock)
    for member in KARIS_TEAM[:4]:
        await answer(rt.services.pulse, member, round_id, 2, "hjelp")
    await sweep_at(rt, clock, MONDAY_CLOSE)
    _, tallies, invited, awaiting = await stored(rt)
    team = next(t for t in tallies if t.group_key == MANAGER)
    assert (team.n, team.shown, team.counts, team.comments, team.invited) == (4, False, {}, [], 6)
    assert (invited, awaiting) == ([], [])
    async with transaction(rt.services.deps.sessions) as session:
        digest = await PulseResults(rt.services.deps).team_digest(
            session, team_id=TEAM, manager_id=MANAGER, now=MONDAY_CLOSE
        )
    assert digest is not None
    assert digest.suppressed
    assert digest.questions == ()


async def test_no_round_without_a_team_big_enough(rt: Runtime, clock: ManualClock) -> None:
    await kari_team(rt, KARIS_TEAM[:4])
    assert await sweep_at(rt, clock, WEDNESDAY) == []
    assert await sweep_at(rt, clock, FRIDAY) == []
    rounds, *_ = await stored(rt)
    assert rounds == []


# the marker key -------------------------------------------------------------------------------------------------


def test_the_marker_key_comes_from_the_first_secret_configured() -> None:
    assert marker_secret("own-secret-of-sixteen", "signing", "xoxb") == marker_secret("own-secret-of-sixteen")
    assert marker_secret(None, "signing", "xoxb") == marker_secret("", "signing")
    assert marker_secret(None, "", "xoxb") == marker_secret("xoxb")
    assert marker_secret("signing") != b"signing"
    assert len(marker_secret("signing")) == 32
    with pytest.raises(ValueError, match="no secret"):
        marker_secret(None, "", None)


def test_markers_depend_on_the_key_the_round_and_the_person() -> None:
    key, other = marker_secret("a"), marker_secret("b")
    base = marker(key, team_id=TEAM, round_id="r1", user_id=EMPLOYEE)
    assert base == marker(key, team_id=TEAM, round_id="r1", user_id=EMPLOYEE)
    assert (
        len(
            {
                base,
                marker(other, team_id=TEAM, round_id="r1", user_id=EMPLOYEE),
                marker(key, team_id=TEAM, round_id="r2", user_id=EMPLOYEE),
                marker(key, team_id=TEAM, round_id="r1", user_id=COLLEAGUE),
            }
        )
        == 4
    )
    assert EMPLOYEE not in base
