"""Consent through the real app (issue 12): nobody becomes your manager or joins a team without you knowing.

Kari (UKARI) is Ola's (UOLA) manager with a private agenda; Per (UPER) is a curious colleague who tries to take
over; Emma (UEMMA) and Nina (UNINA) are asked to join teams; Anne (UANNE) is a Slack admin.
"""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import col, select

from bot.app import Runtime
from handlers import ids
from handlers.blocks.plaintext import blocks_as_text
from sim.driver import SlackSimulator
from sim.fake_slack import Call, FakeSlack
from storage.db import make_session_factory
from storage.oneonone_models import OneOnOnePair, TeamMember
from tests.conftest import COLLEAGUE, EMPLOYEE, ENGLISH, MANAGER, TEAM
from tests.consent_helpers import accept, answer_requests, request_buttons, request_dms
from tests.privacy_helpers import exported_files

ADMIN = "UANNE"
SECRET_TOPIC = "HEMMELIG-AGENDA om helsa mi"


def text_of(call: Call) -> str:
    return str(call.args.get("text", "")) + "\n" + blocks_as_text(call.args.get("blocks") or [])


def reply(slack: SlackSimulator) -> str:
    last = slack.last_reply()
    return str(last.get("text", "")) + "\n" + blocks_as_text(last.get("blocks") or [])


def dms_text(fake: FakeSlack, user: str) -> str:
    return "\n".join(text_of(c) for c in fake.messages_to(user) if c.method == "chat.postMessage")


async def my_data(slack: SlackSimulator, user: str) -> dict[str, Any]:
    """`mine-data`: the JSON file it put in the person's DM."""
    await slack.command(user, "mine-data")
    return exported_files(slack.fake, user)[-1]


async def pairs(rt: Runtime) -> list[tuple[str, str, bool]]:
    async with make_session_factory(rt.engine)() as session:
        rows = (await session.exec(select(OneOnOnePair).order_by(col(OneOnOnePair.id)))).all()
        return [(p.manager_id, p.employee_id, p.active) for p in rows]


async def manager_of(rt: Runtime, user: str) -> str | None:
    async with make_session_factory(rt.engine)() as session:
        member = await session.get(TeamMember, (TEAM, user))
        return member.manager_id if member is not None else None


async def kari_and_ola_with_a_private_agenda(slack: SlackSimulator, rt: Runtime, fake: FakeSlack) -> None:
    await slack.command(MANAGER, f"1til1 <@{EMPLOYEE}|ola> ukentlig torsdag kl. 10:00")
    await accept(slack, rt, fake, EMPLOYEE)
    [(_, _, active)] = await pairs(rt)
    assert active
    async with make_session_factory(rt.engine)() as session:
        pair = (await session.exec(select(OneOnOnePair))).one()
    _lang, error = await rt.services.meetings.update_agenda(
        team_id=TEAM, actor_id=EMPLOYEE, pair_id=pair.id or 0, new_topic=SECRET_TOPIC, ticked=set()
    )
    assert error is None


async def test_a_stranger_plans_nothing_and_sees_nothing_until_accepted_and_never_the_old_pair(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime
) -> None:
    await kari_and_ola_with_a_private_agenda(slack, rt, fake)
    await rt.services.outbox.send_due_messages()

    await slack.command(COLLEAGUE, f"1til1 <@{EMPLOYEE}|ola> ukentlig mandag kl. 09:00")
    answer = reply(slack)
    assert "Jeg har spurt <@UOLA>" in answer
    assert "før hen har godtatt" in answer
    assert SECRET_TOPIC not in answer
    assert "Neste samtale" not in answer
    # Nothing planned, nothing moved: Kari is still Ola's manager, Per has no pair and sees nothing of Ola.
    assert await pairs(rt) == [(MANAGER, EMPLOYEE, True)]
    assert await manager_of(rt, EMPLOYEE) == MANAGER
    pers = await my_data(slack, COLLEAGUE)
    assert pers["oneonones"] == []
    assert pers["my_team"] == []
    await slack.open_home(COLLEAGUE)
    assert SECRET_TOPIC not in str(fake.calls_to("views.publish")[-1].args)

    await rt.services.outbox.send_due_messages()
    request = request_dms(fake, EMPLOYEE)[-1]
    assert "<@UPER> vil ha faste 1:1-samtaler med deg" in text_of(request)
    assert "Godtar du, får <@UKARI> beskjed" in text_of(request)
    assert "[Godta] [Avslå]" in text_of(request)
    # A colleague clicking what is not theirs changes nothing.
    (request_id,) = request_buttons(request)
    await slack.click(COLLEAGUE, ids.CONSENT_ACCEPT, value=request_id)
    assert await manager_of(rt, EMPLOYEE) == MANAGER

    await accept(slack, rt, fake, EMPLOYEE)
    assert await manager_of(rt, EMPLOYEE) == COLLEAGUE
    assert await pairs(rt) == [(MANAGER, EMPLOYEE, False), (COLLEAGUE, EMPLOYEE, True)]
    await rt.services.outbox.send_due_messages()
    assert "<@UOLA> har nå <@UPER> som leder" in dms_text(fake, MANAGER)
    assert "<@UOLA> har godtatt de faste 1:1-samtalene" in dms_text(fake, COLLEAGUE)
    # The old pair's agenda and meetings stay with Kari and Ola; Per's export, Home and replies never show them.
    pers = await my_data(slack, COLLEAGUE)
    assert [(p["manager"], p["employee"]) for p in pers["oneonones"]] == [(COLLEAGUE, EMPLOYEE)]
    assert pers["oneonones"][0]["agenda"] == []
    assert SECRET_TOPIC not in json.dumps(pers)
    await slack.open_home(COLLEAGUE)
    assert SECRET_TOPIC not in str(fake.calls_to("views.publish")[-1].args)
    assert SECRET_TOPIC not in dms_text(fake, COLLEAGUE)
    karis = await my_data(slack, MANAGER)
    assert SECRET_TOPIC in json.dumps(karis)


async def test_declining_tells_the_asker_politely_and_changes_nothing(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime
) -> None:
    await slack.command(COLLEAGUE, f"1til1 <@{EMPLOYEE}|ola>")
    await answer_requests(slack, rt, fake, EMPLOYEE, accept=False)
    assert "Du har takket nei" in reply(slack)
    await rt.services.outbox.send_due_messages()
    assert "<@UOLA> har takket nei til faste 1:1-samtaler med deg her." in dms_text(fake, COLLEAGUE)
    assert await pairs(rt) == []
    assert await manager_of(rt, EMPLOYEE) is None
    # The same button again: already answered.
    (request_id,) = request_buttons(request_dms(fake, EMPLOYEE)[-1], ids.CONSENT_ACCEPT)
    await slack.click(EMPLOYEE, ids.CONSENT_ACCEPT, value=request_id)
    assert "allerede besvart" in reply(slack)
    assert await manager_of(rt, EMPLOYEE) is None


async def test_team_legg_til_needs_acceptance_and_the_team_sees_who_joins(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime
) -> None:
    await slack.command(MANAGER, f"team legg-til <@{EMPLOYEE}|ola> <@{COLLEAGUE}|per> <@{ENGLISH}|emma>")
    assert "Spurt om å bli med i teamet ditt" in reply(slack)
    assert await manager_of(rt, EMPLOYEE) is None
    await accept(slack, rt, fake, EMPLOYEE, COLLEAGUE)
    assert await manager_of(rt, ENGLISH) is None  # Emma has not answered
    await slack.open_home(EMPLOYEE)
    home = blocks_as_text(fake.calls_to("views.publish")[-1].args["view"]["blocks"])
    assert "Du er med i teamet til <@UKARI>" in home
    assert "<@UOLA>, <@UPER>" in home
    await slack.open_home(MANAGER)
    assert "Venter på svar fra: <@UEMMA>." in blocks_as_text(fake.calls_to("views.publish")[-1].args["view"]["blocks"])
    await rt.services.outbox.send_due_messages()
    assert "<@UPER> er nå med i teamet til <@UKARI>" in dms_text(fake, EMPLOYEE)
    await slack.command(MANAGER, f"team fjern <@{COLLEAGUE}|per>")
    await rt.services.outbox.send_due_messages()
    assert "<@UPER> er ikke lenger med i teamet til <@UKARI>." in dms_text(fake, EMPLOYEE)
    assert "har tatt deg ut av teamet sitt" in dms_text(fake, COLLEAGUE)


async def test_an_admin_sets_a_manager_directly_and_everyone_concerned_is_told(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime
) -> None:
    fake.add_user(ADMIN, is_admin=True, real_name="Anne Admin")
    await slack.command(MANAGER, f"1til1 <@{EMPLOYEE}|ola>")
    await accept(slack, rt, fake, EMPLOYEE)
    await slack.command(COLLEAGUE, f"admin leder <@{COLLEAGUE}|per> <@{EMPLOYEE}|ola>")
    assert "Bare administratorer" in reply(slack)
    assert await manager_of(rt, EMPLOYEE) == MANAGER
    await slack.command(ADMIN, f"admin leder <@{COLLEAGUE}|per>")
    assert "`/oppfolging admin leder @kari @ola`" in reply(slack)
    await slack.command(ADMIN, f"admin manager <@{COLLEAGUE}|per> <@{EMPLOYEE}|ola>")
    assert "<@UPER> er nå lederen til <@UOLA> i stedet for <@UKARI>" in reply(slack)
    assert await manager_of(rt, EMPLOYEE) == COLLEAGUE
    assert await pairs(rt) == [(MANAGER, EMPLOYEE, False)]
    await rt.services.outbox.send_due_messages()
    assert "har registrert <@UPER> som lederen din" in dms_text(fake, EMPLOYEE)
    assert "har gjort deg til lederen til <@UOLA>" in dms_text(fake, COLLEAGUE)
    assert "<@UOLA> har nå <@UPER> som leder" in dms_text(fake, MANAGER)
    # Per is now the manager: his 1til1 sets up the 1:1s without another request.
    await slack.command(COLLEAGUE, f"1til1 <@{EMPLOYEE}|ola>")
    assert "Neste samtale" in reply(slack)
