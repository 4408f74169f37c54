"""The medarbeidersamtale through the real AsyncApp over signed HTTP (issue 17, item 1).

Shown end to end: the pair (accepted through consent) is invited 14 days before the chosen date; the employee's
preparation is a draft nobody else sees until "Del med lederen"; the manager writes the summary, the employee
confirms it, and a year later the manager's guide shows those goals and tiltak and asks "Nådde vi målene?".
Nobody outside the pair can open any of it.

The clock starts Monday 30 November 2026, 10:00 in Oslo; Kari (UKARI) is the manager, Ola (UOLA) the employee,
Per (UPER) a colleague outside the pair.
"""

from __future__ import annotations

from bot.app import Runtime
from bot.clock import ManualClock
from handlers import ids
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from tests.conftest import COLLEAGUE, EMPLOYEE, MANAGER, oslo
from tests.driver import dm_text, dms, sweep_at, text_of
from tests.handlers.year_helpers import (
    accepted_pair,
    button_value,
    click_for_modal,
    date_value,
    dms_of_kind,
    modal_text,
    reply_to,
    select_value,
    text_value,
)

INVITE = "year.invite"
SUMMARY = "year.summary"
SECRET = "Trives med kundeprosjektet"


def prep_values() -> dict[str, object]:
    return {
        ids.prep_block("tasks", "score"): select_value("4"),
        ids.prep_block("tasks", "text"): text_value(SECRET),
        ids.prep_block("goals", "text"): text_value("Lære Kubernetes"),
    }


def summary_values() -> dict[str, object]:
    return {
        ids.summary_block("goal", "text", 1): text_value("Sertifisering i Kubernetes"),
        ids.summary_block("goal", "due", 1): date_value("2027-06-30"),
        ids.summary_block("tiltak", "text", 1): text_value("Kurs i februar"),
        ids.summary_block("tiltak", "due", 1): date_value("2027-02-26"),
    }


async def test_preparation_is_private_until_shared_and_the_agreed_goals_return_next_year(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await accepted_pair(slack, rt, fake, MANAGER, EMPLOYEE)
    reply = await reply_to(slack, MANAGER, f"medarbeidersamtale <@{EMPLOYEE}|ola> 15.12")
    assert "tirsdag 15. desember 2026 (uke 51)" in reply
    assert "invitasjon tirsdag 1. desember 2026 (uke 49)" in reply

    # 14 days before, at 09:00: both are invited, not a minute earlier.
    assert INVITE not in {kind for kind, _ in await sweep_at(rt, clock, oslo(2026, 12, 1, 8, 59))}
    sent = await sweep_at(rt, clock, oslo(2026, 12, 1, 9, 0))
    assert sorted(item for item in sent if item[0] == INVITE) == sorted([(INVITE, EMPLOYEE), (INVITE, MANAGER)])
    [invite] = dms_of_kind(fake, EMPLOYEE, ids.YEAR_PREPARE)
    talk = button_value(invite, ids.YEAR_PREPARE)
    assert "Del med lederen" in dm_text(invite)

    # Ola prepares: saved as a draft.
    form = await click_for_modal(slack, EMPLOYEE, ids.YEAR_PREPARE, talk)
    assert form is not None
    assert form["callback_id"] == ids.YEAR_PREP_MODAL
    assert "Arbeidsoppgaver og mestring" in modal_text(form)
    saved = (await slack.submit(EMPLOYEE, form, prep_values())).json()
    assert saved["response_action"] == "update"
    assert "Bare du ser den" in str(saved["view"])
    again = await click_for_modal(slack, EMPLOYEE, ids.YEAR_PREPARE, talk)
    assert again is not None
    assert SECRET in str(again)

    # Kari's guide: not a word of the draft.
    guide = await click_for_modal(slack, MANAGER, ids.YEAR_GUIDE, talk)
    assert guide is not None
    assert SECRET not in str(guide)
    assert "Lære Kubernetes" not in str(guide)
    assert "ikke delt med deg" in modal_text(guide)
    assert "Ingen mål eller tiltak fra en tidligere medarbeidersamtale." in modal_text(guide)
    # Nobody else: not Per, and not Kari through Ola's form, nor Ola through Kari's guide.
    for user, action in ((COLLEAGUE, ids.YEAR_GUIDE), (COLLEAGUE, ids.YEAR_PREPARE), (MANAGER, ids.YEAR_PREPARE)):
        assert await click_for_modal(slack, user, action, talk) is None
        assert "finner jeg ikke" in text_of(slack.last_reply())
    assert await click_for_modal(slack, EMPLOYEE, ids.YEAR_GUIDE, talk) is None

    # "Del med lederen": now Kari sees it, and is told once.
    assert (await slack.click(EMPLOYEE, ids.YEAR_SHARE, value=talk)).status == 200
    assert "delt med lederen din" in text_of(slack.last_reply())
    await sweep_at(rt, clock, oslo(2026, 12, 1, 9, 5))
    assert any("har delt forberedelsen" in dm_text(call) for call in dms(fake, MANAGER))
    guide = await click_for_modal(slack, MANAGER, ids.YEAR_GUIDE, talk)
    assert guide is not None
    assert f"{SECRET}" in modal_text(guide)
    assert "(4/5)" in modal_text(guide)

    # After the talk: Kari writes the summary; Ola confirms it.
    clock.set(oslo(2026, 12, 15, 14, 0))
    summary_form = await click_for_modal(slack, MANAGER, ids.YEAR_SUMMARY, talk)
    assert summary_form is not None
    assert await click_for_modal(slack, EMPLOYEE, ids.YEAR_SUMMARY, talk) is None
    response = await slack.submit(MANAGER, summary_form, summary_values())
    assert response.status == 200
    assert response.json()["response_action"] == "update"
    assert f"Oppsummeringen er sendt til <@{EMPLOYEE}>" in str(response.json()["view"])
    assert (SUMMARY, EMPLOYEE) in await sweep_at(rt, clock, oslo(2026, 12, 15, 14, 1))
    [to_confirm] = dms_of_kind(fake, EMPLOYEE, ids.YEAR_CONFIRM)
    assert "Sertifisering i Kubernetes" in dm_text(to_confirm)
    assert (await slack.click(COLLEAGUE, ids.YEAR_CONFIRM, value=talk)).status == 200
    assert "finner jeg ikke" in text_of(slack.last_reply())
    assert (await slack.click(EMPLOYEE, ids.YEAR_CONFIRM, value=talk)).status == 200
    assert "bekreftet oppsummeringen" in text_of(slack.last_reply())
    # The agreed tiltak is tracked like any other: Ola owns it, Kari follows up.
    assert "Kurs i februar" in await reply_to(slack, EMPLOYEE, "liste")
    assert "Kurs i februar" in await reply_to(slack, MANAGER, "liste")
    assert (await slack.click(EMPLOYEE, ids.YEAR_CONFIRM, value=talk)).status == 200
    tracked = await reply_to(slack, EMPLOYEE, "liste")
    assert tracked.count("Kurs i februar") == 1
    # Written again and confirmed again: still one tracked copy.
    rewrite = await click_for_modal(slack, MANAGER, ids.YEAR_SUMMARY, talk)
    assert rewrite is not None
    assert "Sertifisering i Kubernetes" in str(rewrite)  # the form opens with the current summary
    assert (await slack.submit(MANAGER, rewrite, summary_values())).status == 200
    assert (await slack.click(EMPLOYEE, ids.YEAR_CONFIRM, value=talk)).status == 200
    assert (await reply_to(slack, EMPLOYEE, "liste")).count("Kurs i februar") == 1

    # A year later: the next talk's guide shows last year's goals and tiltak and asks whether they were reached.
    clock.set(oslo(2027, 10, 20, 10, 0))
    await reply_to(slack, MANAGER, f"medarbeidersamtale <@{EMPLOYEE}> 15.11")
    await sweep_at(rt, clock, oslo(2027, 11, 1, 9, 0))
    [_, next_invite] = dms_of_kind(fake, MANAGER, ids.YEAR_GUIDE)
    next_talk = button_value(next_invite, ids.YEAR_GUIDE)
    assert next_talk != talk
    next_guide = modal_text(await click_for_modal(slack, MANAGER, ids.YEAR_GUIDE, next_talk) or {"blocks": []})
    assert "Nådde vi målene?" in next_guide
    assert "Sertifisering i Kubernetes – innen onsdag 30. juni 2027 (uke 26)" in next_guide
    assert "Kurs i februar – innen fredag 26. februar 2027 (uke 8)" in next_guide
    assert SECRET not in next_guide  # last year's preparation is not carried over, only the agreed plan
    prep = modal_text(await click_for_modal(slack, EMPLOYEE, ids.YEAR_PREPARE, next_talk) or {"blocks": []})
    assert "Sertifisering i Kubernetes" in prep


async def test_only_the_accepted_manager_can_plan_a_talk_and_bad_dates_get_an_example(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime
) -> None:
    refused = await reply_to(slack, COLLEAGUE, f"medarbeidersamtale <@{EMPLOYEE}> 15.12")
    assert "ikke registrert som leder" in refused
    await accepted_pair(slack, rt, fake, MANAGER, EMPLOYEE)
    bad = await reply_to(slack, MANAGER, f"medarbeidersamtale <@{EMPLOYEE}> blåmandag")
    assert "`/oppfolging medarbeidersamtale @kollega 15.10`" in bad
    assert "Nevn medarbeideren" in await reply_to(slack, MANAGER, "medarbeidersamtale 15.12")


async def test_two_weeks_before_the_period_the_manager_is_asked_to_pick_a_date_for_pairs_without_one(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await accepted_pair(slack, rt, fake, MANAGER, EMPLOYEE)
    await accepted_pair(slack, rt, fake, MANAGER, COLLEAGUE)
    clock.set(oslo(2027, 9, 1, 10, 0))
    await reply_to(slack, MANAGER, f"medarbeidersamtale <@{COLLEAGUE}> 20.10")  # Per's talk is planned already
    # October–November (the default): 14 days before Friday 1 October 2027 is Friday 17 September, at 09:00.
    choose = "year.choose_date"
    assert choose not in {kind for kind, _ in await sweep_at(rt, clock, oslo(2027, 9, 17, 8, 59))}
    sent = await sweep_at(rt, clock, oslo(2027, 9, 17, 9, 0))
    assert [item for item in sent if item[0] == choose] == [(choose, MANAGER)]
    text = dm_text(dms(fake, MANAGER)[-1])
    assert f"Velg en dato med <@{EMPLOYEE}>" in text
    assert "oktober–november" in text
    assert choose not in {kind for kind, _ in await sweep_at(rt, clock, oslo(2027, 9, 20, 9, 0))}
