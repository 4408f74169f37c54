"""The sick-leave follow-up through the real AsyncApp (issue 17, item 3): opt-in, manager only, dates right.

With the module off, `fravær` explains how an admin turns it on and stores nothing. With it on, a graded case
from Friday 11 December 2026 reminds the manager (never the employee, who is told once) of the oppfølgingsplan on
Wednesday 23 December (a week before its deadline, moved back over Christmas, the closure and the year end) and of
"decide whether dialogmøte 1 is useful" on Thursday 21 January 2027; an ended case stops reminding and is deleted
4 months after its end.

The clock starts Monday 30 November 2026, 10:00 in Oslo; Kari (UKARI) is the manager, Ola (UOLA) the employee,
Per (UPER) a colleague, Anne (UANNE) a Slack admin.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from bot.app import Runtime
from bot.clock import ManualClock
from handlers import ids
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from storage.db import make_session_factory
from storage.sickleave_models import SickLeaveCase, SickLeaveMilestone
from tests.conftest import COLLEAGUE, EMPLOYEE, MANAGER, TEAM, oslo
from tests.driver import dm_text, dms, sweep_at, text_of
from tests.handlers.year_helpers import accepted_pair, button_value, dms_of_kind, reply_to

MILESTONE = "sickleave.milestone"
ADMIN = "UANNE"


async def cases(rt: Runtime) -> list[SickLeaveCase]:
    async with make_session_factory(rt.engine)() as session:
        return list((await session.exec(select(SickLeaveCase))).all())


async def marks(rt: Runtime) -> list[SickLeaveMilestone]:
    async with make_session_factory(rt.engine)() as session:
        return list((await session.exec(select(SickLeaveMilestone))).all())


async def milestones_at(rt: Runtime, clock: ManualClock, *instants: datetime) -> list[tuple[str, str]]:
    sent: list[tuple[str, str]] = []
    for instant in instants:
        sent += [item for item in await sweep_at(rt, clock, instant) if item[0] == MILESTONE]
    return sent


async def test_with_the_module_off_fravaer_explains_how_an_admin_turns_it_on_and_stores_nothing(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await accepted_pair(slack, rt, fake, MANAGER, EMPLOYEE)
    before = len(fake.calls_to("chat.postMessage"))
    reply = await reply_to(slack, MANAGER, f"fravær <@{EMPLOYEE}|ola> fra 11.12 gradert")
    assert "`/oppfolging admin fravær på`" in reply
    assert "Ingenting er lagret." in reply
    assert await cases(rt) == []
    await sweep_at(rt, clock, oslo(2026, 12, 1, 9, 0))
    assert not any("sykefravær" in dm_text(call) for call in fake.calls_to("chat.postMessage")[before:])
    # Only an admin turns it on.
    assert "Bare administratorer" in await reply_to(slack, MANAGER, "admin fravær på")
    assert "ikke slått på" in await reply_to(slack, MANAGER, f"fravær <@{EMPLOYEE}> fra 11.12")
    assert await cases(rt) == []


async def test_milestones_reach_the_manager_only_on_working_days_across_christmas_and_the_year_end(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    fake.add_user(ADMIN, is_admin=True, real_name="Anne Admin")
    assert "er slått på" in await reply_to(slack, ADMIN, "admin fravær på")
    await accepted_pair(slack, rt, fake, MANAGER, EMPLOYEE)
    assert "Bare lederen" in await reply_to(slack, COLLEAGUE, f"fravær <@{EMPLOYEE}> fra 11.12")

    reply = await reply_to(slack, MANAGER, f"fravær <@{EMPLOYEE}|ola> fra 11.12 gradert")
    assert "Gradert fravær" in reply
    assert (
        "Oppfølgingsplan: frist torsdag 7. januar 2027 (uke 1), påminnelse onsdag 23. desember 2026 (uke 52)" in reply
    )
    assert "Dialogmøte 1: vurder om det er nyttig: frist torsdag 28. januar 2027 (uke 4)" in reply
    [case] = await cases(rt)
    assert (case.start_date.isoformat(), case.graded, case.end_date) == ("2026-12-11", True, None)

    # The employee is told once, and never gets a milestone.
    await sweep_at(rt, clock, oslo(2026, 12, 1, 9, 0))
    told = [call for call in dms(fake, EMPLOYEE) if "startdatoen for sykefraværet" in dm_text(call)]
    assert len(told) == 1
    assert "Ingenting om helse eller diagnose lagres" in dm_text(told[0])

    # The plan: a week before its deadline is Thursday 31 December, a closure day: the working day before the
    # Christmas days is Wednesday 23 December.
    assert await milestones_at(rt, clock, oslo(2026, 12, 23, 8, 59)) == []
    assert await milestones_at(rt, clock, oslo(2026, 12, 23, 9, 0), oslo(2026, 12, 31, 9, 0)) == [(MILESTONE, MANAGER)]
    [plan] = dms_of_kind(fake, MANAGER, ids.SICKLEAVE_DONE)
    assert "Oppfølgingsplanen for <@UOLA> skal være laget" in dm_text(plan)
    assert "nav.no/arbeidsgiver/oppfolgingsplan" in str(plan.args["blocks"])
    assert "aml § 4-6 (3)" in dm_text(plan)
    # Only Kari can mark it; then it is done.
    value = button_value(plan, ids.SICKLEAVE_DONE)
    assert (await slack.click(COLLEAGUE, ids.SICKLEAVE_DONE, value=value)).status == 200
    assert "finner jeg ikke" in text_of(slack.last_reply())
    assert await marks(rt) == []
    assert (await slack.click(MANAGER, ids.SICKLEAVE_DONE, value=value)).status == 200
    assert "merket som gjort" in text_of(slack.last_reply())

    # Dialogmøte 1 for a graded absence: decide whether it is useful, a week before week 7 ends.
    assert await milestones_at(rt, clock, oslo(2027, 1, 21, 8, 59)) == []
    assert await milestones_at(rt, clock, oslo(2027, 1, 21, 9, 0)) == [(MILESTONE, MANAGER)]
    dialogue = dms_of_kind(fake, MANAGER, ids.SICKLEAVE_DONE)[-1]
    assert "vurder sammen innen torsdag 28. januar 2027 (uke 4) om et dialogmøte 1 er nyttig" in dm_text(dialogue)
    # "Ikke nødvendig" needs a reason.
    opened = len(fake.calls_to("views.open"))
    assert (
        await slack.click(MANAGER, ids.SICKLEAVE_NOT_NEEDED, value=button_value(dialogue, ids.SICKLEAVE_NOT_NEEDED))
    ).status == 200
    form = fake.calls_to("views.open")[opened].args["view"]
    empty = await slack.submit(MANAGER, form, {ids.SICKLEAVE_REASON_BLOCK: {"value": {"value": ""}}})
    assert empty.json()["response_action"] == "errors"
    reason = {ids.SICKLEAVE_REASON_BLOCK: {"value": {"type": "plain_text_input", "value": "Vi snakkes ukentlig"}}}
    assert (await slack.submit(MANAGER, form, reason)).status == 200
    assert sorted((m.milestone, m.status) for m in await marks(rt)) == [("dialogue1", "not_needed"), ("plan", "done")]

    # Nothing ever reached Ola but the one notice.
    assert dms_of_kind(fake, EMPLOYEE, ids.SICKLEAVE_DONE) == []
    assert [call for call in dms(fake, EMPLOYEE) if "dialogmøte" in dm_text(call).lower()] == told

    # Ended on Friday 22 January: no activity reminder (due 28 January), and deleted on 22 May 2027.
    clock.set(oslo(2027, 1, 22, 12, 0))
    ended = await reply_to(slack, MANAGER, f"fravær <@{EMPLOYEE}> slutt")
    assert "avsluttet fredag 22. januar 2027 (uke 3)" in ended
    assert "slettes lørdag 22. mai 2027 (uke 20)" in ended
    assert await milestones_at(rt, clock, oslo(2027, 1, 28, 9, 0), oslo(2027, 5, 21, 9, 0)) == []
    assert len(await cases(rt)) == 1
    await sweep_at(rt, clock, oslo(2027, 5, 22, 0, 30))
    assert await cases(rt) == []
    assert await marks(rt) == []


async def test_a_full_absence_is_reminded_of_dialogmote_1_as_a_duty(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    fake.add_user(ADMIN, is_admin=True, real_name="Anne Admin")
    await reply_to(slack, ADMIN, "admin absence on")
    await accepted_pair(slack, rt, fake, MANAGER, EMPLOYEE)
    await reply_to(slack, MANAGER, f"absence <@{EMPLOYEE}> from 11.12")
    assert await milestones_at(rt, clock, oslo(2027, 1, 21, 9, 0)) == [(MILESTONE, MANAGER)]
    assert "Dialogmøte 1 med <@UOLA> skal holdes innen torsdag 28. januar 2027" in dm_text(dms(fake, MANAGER)[-1])
    # Turned off: no more reminders.
    await reply_to(slack, ADMIN, "admin fravær av")
    assert await milestones_at(rt, clock, oslo(2027, 1, 28, 9, 0)) == []


async def test_an_admin_sets_the_period_and_turns_the_follow_up_on_in_the_settings_modal(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime
) -> None:
    fake.add_user(ADMIN, is_admin=True, real_name="Anne Admin")
    await slack.command(ADMIN, "innstillinger")
    view = fake.calls_to("views.open")[-1].args["view"]
    [period] = [b for b in view["blocks"] if b["block_id"] == ids.YEAR_PERIOD_BLOCK]
    assert period["element"]["initial_value"] == "oktober–november"
    [switch] = [b for b in view["blocks"] if b["block_id"] == ids.SICKLEAVE_MODULE_BLOCK]
    assert "initial_options" not in switch["element"]  # off by default

    [kept] = [b for b in view["blocks"] if b["block_id"] == ids.SICKLEAVE_RETENTION_BLOCK]
    assert kept["element"]["initial_value"] == "4"

    def values(period_text: str, months: str = "6") -> dict[str, object]:
        def pick(value: str) -> dict[str, object]:
            return {"value": {"type": "static_select", "selected_option": {"value": value}}}

        return {
            "pulse_frequency": pick("weekly"),
            "pulse_weekday": pick("2"),
            "pulse_time": pick("10:00"),
            "pulse_k": pick("5"),
            ids.YEAR_PERIOD_BLOCK: {"value": {"type": "plain_text_input", "value": period_text}},
            ids.SICKLEAVE_MODULE_BLOCK: {
                "value": {"type": "checkboxes", "selected_options": [{"value": ids.SICKLEAVE_MODULE_ON}]}
            },
            ids.SICKLEAVE_RETENTION_BLOCK: {"value": {"type": "number_input", "value": months}},
        }

    refused = (await slack.submit(ADMIN, view, values("om høsten"))).json()
    assert refused["errors"] == {ids.YEAR_PERIOD_BLOCK: "Måneder, for eksempel «oktober–november»."}
    too_long = (await slack.submit(ADMIN, view, values("september–oktober", months="30"))).json()
    assert too_long["errors"] == {
        ids.SICKLEAVE_RETENTION_BLOCK: "Skriv et helt antall måneder fra 1 til 24, for eksempel 4."
    }
    await accepted_pair(slack, rt, fake, MANAGER, EMPLOYEE)
    assert "ikke slått på" in await reply_to(slack, MANAGER, f"fravær <@{EMPLOYEE}> fra 11.12")

    saved = (await slack.submit(ADMIN, view, values("september–oktober"))).json()
    assert saved["response_action"] == "update"
    shown = str(saved["view"])
    assert "Medarbeidersamtalene holdes i september–oktober." in shown
    assert "Oppfølging av sykefravær er slått på." in shown
    assert "Avsluttede sykefraværssaker slettes 6 måneder etter slutt." in shown
    assert (await rt.services.year_settings.current(team_id=TEAM)).sickleave_months == 6
    assert "Gradert" not in await reply_to(slack, MANAGER, f"fravær <@{EMPLOYEE}> fra 11.12")
    assert len(await cases(rt)) == 1
    # A talk outside the period is accepted with a note.
    note = await reply_to(slack, MANAGER, f"medarbeidersamtale <@{EMPLOYEE}> 15.12")
    assert "utenfor perioden" in note
