"""Shared by the pulse tests: more people in the fake Slack, a team, sweeps, "Svar" and the modal, stored rows.

The conftest clock starts on Monday 30 November 2026, 10:00 in Oslo; the first round opens on Wednesday
2 December (week 49) at 10:00 in each person's zone, reminds on Friday 4 December and closes on Monday 7 December
at 08:00 Oslo time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import col, select

from bot.app import Runtime
from bot.clock import ManualClock
from bot.contract.consent import Outcome
from handlers import ids
from handlers.blocks.plaintext import blocks_as_text
from handlers.ids import PULSE_ANSWER, PULSE_COMMENT_BLOCK, PULSE_MODAL, question_of_block
from sim.driver import SimResponse, SlackSimulator
from sim.fake_slack import Call, FakeSlack
from storage import consent_repo
from storage.db import make_session_factory, transaction
from storage.pulse_models import PulseAwaiting, PulseInvited, PulseRound, PulseTally
from tests.conftest import COLLEAGUE, EMPLOYEE, ENGLISH, MANAGER, NEW_YORK, TEAM, oslo
from tests.consent_helpers import accept_in_home
from tests.driver import reply_text
from tests.driver import sweep_at as sweep_everything

ANNE, JON, SIV, TOR, LIV, RUNE, BOSS, ROBOT = "UANNE", "UJON", "USIV", "UTOR", "ULIV", "URUNE", "UBOSS", "UROBOT"
KARIS_TEAM = (EMPLOYEE, COLLEAGUE, ENGLISH, NEW_YORK, ANNE, JON)
"""Six members: Ola, Per, Emma (English), Nina (New York), Anne and Jon; Kari (MANAGER) leads them."""
BOSS_TEAM = (MANAGER, SIV, TOR, LIV, RUNE)
"""Five members, with Kari among them: she answers for Boss's team, never for her own."""

OPEN = "pulse.open"
REMIND = "pulse.remind"
WEDNESDAY = oslo(2026, 12, 2, 10)
FRIDAY = oslo(2026, 12, 4, 10)
MONDAY_CLOSE = oslo(2026, 12, 7, 8)


def add_people(fake: FakeSlack) -> None:
    for user in (ANNE, JON, SIV, TOR, LIV, RUNE, BOSS):
        fake.add_user(user, real_name=f"Person {user}")
    fake.add_user(ROBOT, is_bot=True, real_name="Robot")


def mention(*users: str) -> str:
    return " ".join(f"<@{user}|{user.lower()}>" for user in users)


async def join_team(rt: Runtime, manager: str, members: tuple[str, ...] | list[str]) -> None:
    """`team legg-til`, and each member accepts the request they got: the services the handlers call, without
    Slack, for tests whose subject comes after the team exists (`make_team` goes through Slack, for those about
    how a team is made and what its manager reads)."""
    await rt.services.team.team_add(team_id=TEAM, manager_id=manager, user_ids=members)
    async with transaction(rt.services.deps.sessions) as session:
        requests = {
            m: await consent_repo.pending_request(session, team_id=TEAM, requester_id=manager, employee_id=m)
            for m in members
        }
    for member, request in requests.items():
        if request is not None:
            result = await rt.services.consent.answer_manager_request(
                team_id=TEAM, user_id=member, request_id=request.id, accept=True
            )
            assert result.outcome == Outcome.ACCEPTED


async def make_team(slack: SlackSimulator, manager: str, members: tuple[str, ...]) -> str:
    """`team legg-til`, each member accepts in their App Home; returns the manager's `team` reply."""
    response = await slack.command(manager, f"team legg-til {mention(*members)}")
    assert response.status == 200
    await accept_in_home(slack, slack.fake, *members)
    response = await slack.command(manager, "team")
    assert response.status == 200
    return reply_text(slack)


CONSENT_KINDS = {"notice", "consent.request"}


async def sweep_at(rt: Runtime, clock: ManualClock, instant: datetime) -> list[tuple[str, str]]:
    """One sweep at `instant`: what it sent, as sorted (kind, recipient) pairs (consent's DMs left out: who joined
    the team is `test_consent_app`'s)."""
    return [item for item in await sweep_everything(rt, clock, instant) if item[0] not in CONSENT_KINDS]


def sent(kind: str, *users: str) -> list[tuple[str, str]]:
    return sorted((kind, user) for user in users)


def pulse_dms(fake: FakeSlack, user_id: str) -> list[Call]:
    """The DMs to `user_id` that carry a "Svar" button."""
    return [call for call in fake.messages_to(user_id) if call.method == "chat.postMessage" and _round_in(call)]


def _round_in(call: Call) -> str | None:
    for block in call.args.get("blocks") or []:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if isinstance(element, dict) and element.get("action_id") == PULSE_ANSWER:
                return str(element["value"])
    return None


def round_of(call: Call) -> str:
    found = _round_in(call)
    assert found is not None
    return found


def last_opened(fake: FakeSlack) -> dict[str, Any]:
    view: dict[str, Any] = fake.calls_to("views.open")[-1].args["view"]
    return view


async def open_modal(slack: SlackSimulator, fake: FakeSlack, user_id: str, round_id: str) -> dict[str, Any]:
    response = await slack.click(user_id, PULSE_ANSWER, value=round_id)
    assert response.status == 200
    return last_opened(fake)


def modal_values(view: dict[str, Any], scores: tuple[int | None, ...], comment: str | None = None) -> dict[str, Any]:
    """The state Slack sends for the answer modal: one radio choice per question (None: left empty)."""
    questions = [str(b["block_id"]) for b in view["blocks"] if question_of_block(str(b.get("block_id", "")))]
    assert len(questions) == len(scores), questions
    values: dict[str, Any] = {}
    for block_id, score in zip(questions, scores, strict=True):
        option = {"value": str(score)} if score is not None else None
        values[block_id] = {ids.INPUT: {"type": "radio_buttons", "selected_option": option}}
    values[PULSE_COMMENT_BLOCK] = {ids.INPUT: {"type": "plain_text_input", "value": comment}}
    return values


async def answer(
    slack: SlackSimulator,
    fake: FakeSlack,
    user_id: str,
    round_id: str,
    scores: tuple[int | None, ...] = (4, 4, 4),
    comment: str | None = None,
) -> dict[str, Any]:
    """Click "Svar" and send the modal; returns the ack Slack got (`response_action` and the view or errors)."""
    view = await open_modal(slack, fake, user_id, round_id)
    assert view.get("callback_id") == PULSE_MODAL, blocks_as_text(view.get("blocks", []))
    return await submit(slack, user_id, view, scores, comment)


async def submit(
    slack: SlackSimulator, user_id: str, view: dict[str, Any], scores: tuple[int | None, ...], comment: str | None
) -> dict[str, Any]:
    response: SimResponse = await slack.submit(user_id, view, modal_values(view, scores, comment))
    assert response.status == 200
    acked: dict[str, Any] = response.json() or {}
    return acked


def ack_text(acked: dict[str, Any]) -> str:
    view = acked.get("view") or {}
    return (
        blocks_as_text(view.get("blocks", [])) + "\n" + "\n".join(str(v) for v in (acked.get("errors") or {}).values())
    )


async def stored(rt: Runtime) -> tuple[list[PulseRound], list[PulseTally], list[PulseInvited], list[PulseAwaiting]]:
    async with make_session_factory(rt.engine)() as session:
        rounds = list((await session.exec(select(PulseRound).order_by(col(PulseRound.round_day)))).all())
        tallies = list((await session.exec(select(PulseTally).order_by(col(PulseTally.group_key)))).all())
        invited = list((await session.exec(select(PulseInvited))).all())
        awaiting = list((await session.exec(select(PulseAwaiting))).all())
        return rounds, tallies, invited, awaiting


async def tally_for(rt: Runtime, group_key: str) -> PulseTally | None:
    _, tallies, _, _ = await stored(rt)
    return next((t for t in tallies if t.group_key == group_key), None)


async def run_round_to_wednesday(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, members: tuple[str, ...] = KARIS_TEAM
) -> str:
    """Kari's team is set up on Monday and the round opens on Wednesday; returns the round id."""
    await make_team(slack, MANAGER, members)
    await sweep_at(rt, clock, WEDNESDAY)
    await sweep_at(rt, clock, oslo(2026, 12, 2, 16))  # 10:00 in New York
    rounds, *_ = await stored(rt)
    assert len(rounds) == 1
    return rounds[0].id
