"""The 1:1 rhythm through the real AsyncApp over signed HTTP, with the real services, outbox and notifier on SQLite.

What issue 5 promises, shown end to end: the nudges at 09:00 the working day before in each person's own zone (Oslo
and New York), exactly once each; "annenhver uke" really skips a week; a meeting on 17 May (2. pinsedag 2027) or
Kristi himmelfartsdag moves to the next working day and both are told once; agenda topics from both, unticked ones
carried over; the follow-up form creates real tiltak the employee sees in `liste`; the annual-conversation reminder
after 12 months, once, and none after a recorded medarbeidersamtale; nobody outside the pair can read or change
its agenda or its meetings.

The clock starts at Monday 30 November 2026, 10:00 in Oslo; Kari (UKARI) is the manager, Ola (UOLA) the employee,
Per (UPER) a colleague outside the pair, Emma (UEMMA) writes English, Nina (UNINA) lives in New York.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.app import Runtime
from bot.clock import ManualClock
from handlers import ids
from handlers.blocks.plaintext import blocks_as_text
from sim.driver import SlackSimulator
from sim.fake_slack import Call, FakeSlack
from storage.oneonone_models import AgendaItem, OneOnOnePair
from storage.tiltak_models import Tiltak
from tests.conftest import COLLEAGUE, EMPLOYEE, ENGLISH, MANAGER, NEW_YORK, OSLO, oslo
from tests.consent_helpers import buttons_in, request_buttons
from tests.driver import Sent, Timeline, dm_text, home_text, is_private_reply, reply_text, text_of
from tests.driver import dms as all_dms
from tests.driver import sweep_at as sweep_everything
from tests.driver import sweep_through as sweep_through_everything
from tests.oneonone_helpers import (
    ANNUAL,
    CREATED,
    FOLLOW_UP,
    INTRO,
    MOVED,
    NUDGE,
    local_starts,
    meetings,
    rows,
    the_pair,
)

NOT_FOUND = "Den samtalen finner jeg ikke, eller den er allerede avsluttet."
SET_UP_TUESDAY = f"1til1 <@{EMPLOYEE}|ola> annenhver uke tirsdag kl. 13:00"

# helpers -------------------------------------------------------------------------------------------


CONSENT_KINDS = {"notice", "consent.request"}
"""Consent's own DMs (the request, who accepted, who joined a team): `test_consent_app` covers them."""


async def command(slack: SlackSimulator, user_id: str, text: str) -> str:
    """Run a command and return the private reply. A `1til1` or `ny` for someone not yet the caller's employee only
    asks them: the employee accepts in their App Home, and the same command then sets up the pair (its reply)."""
    reply = await _command(slack, user_id, text)
    verb = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    mention = re.search(r"<@(\w+)", text)
    if verb in {"1til1", "1on1", "ny", "new"} and mention is not None and await _accept_in_home(slack, mention[1]):
        reply = await _command(slack, user_id, text)
    return reply


async def _command(slack: SlackSimulator, user_id: str, text: str) -> str:
    response = await slack.command(user_id, text)
    assert response.status == 200
    reply = slack.last_reply()
    assert is_private_reply(reply)
    return text_of(reply)


async def _accept_in_home(slack: SlackSimulator, user_id: str) -> bool:
    """`user_id` accepts the newest manager request shown in their App Home; False if there is none."""
    await slack.open_home(user_id)
    views = [c for c in slack.fake.calls_to("views.publish") if c.args.get("user_id") == user_id]
    waiting = buttons_in(views[-1].args["view"]["blocks"], ids.CONSENT_ACCEPT) if views else []
    if not waiting:
        return False
    assert (await slack.click(user_id, ids.CONSENT_ACCEPT, value=waiting[-1])).status == 200
    return True


def is_notice(call: Call) -> bool:
    blocks = call.args.get("blocks") or []
    return bool(blocks) and blocks[0].get("block_id") == "notice"


def dms(fake: FakeSlack, user_id: str) -> list[Call]:
    """The DMs of the 1:1 rhythm to `user_id` (manager requests and consent notices left out)."""
    return [call for call in all_dms(fake, user_id) if not request_buttons(call) and not is_notice(call)]


async def sweep_at(rt: Runtime, clock: ManualClock, instant: datetime) -> Sent:
    return [item for item in await sweep_everything(rt, clock, instant) if item[0] not in CONSENT_KINDS]


async def sweep_through(rt: Runtime, clock: ManualClock, instants: list[datetime], end: datetime) -> Timeline:
    timeline = await sweep_through_everything(rt, clock, instants, end)
    return [entry for entry in timeline if entry[1] not in CONSENT_KINDS]


def opened_views(fake: FakeSlack) -> list[dict[str, Any]]:
    return [call.args["view"] for call in fake.calls_to("views.open")]


def button(call: Call, action_id: str) -> dict[str, Any]:
    """The one element with `action_id` in a message (a section accessory or inside an actions block)."""
    found: list[dict[str, Any]] = []
    for block in call.args.get("blocks") or []:
        elements = [block.get("accessory") or {}, *block.get("elements", [])]
        found.extend({**e, "block_id": block.get("block_id")} for e in elements if e.get("action_id") == action_id)
    assert len(found) == 1, f"{action_id}: {found}"
    return found[0]


def container_of(call: Call) -> dict[str, Any]:
    """What Slack sends as `container` for a click on a button in this posted message."""
    return {"type": "message", "channel_id": call.response["channel"], "message_ts": call.response["ts"]}


async def click_in(slack: SlackSimulator, user_id: str, message: Call, action_id: str) -> dict[str, Any]:
    """Click the button `action_id` in a DM the app posted, as Slack sends it; returns the button."""
    element = button(message, action_id)
    response = await slack.click(
        user_id,
        action_id,
        value=str(element["value"]),
        block_id=str(element["block_id"]),
        container=container_of(message),
    )
    assert response.status == 200
    return element


def agenda_values(topic: str | None, ticked: list[str] | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {ids.AGENDA_NEW_BLOCK: {ids.INPUT: {"type": "plain_text_input", "value": topic}}}
    if ticked is not None:
        options = [{"text": {"type": "plain_text", "text": "x"}, "value": value} for value in ticked]
        values[ids.AGENDA_DONE_BLOCK] = {ids.INPUT: {"type": "checkboxes", "selected_options": options}}
    return values


def checkbox_values(view: dict[str, Any]) -> dict[str, str]:
    """The agenda form's checkboxes: option text → value (the item id)."""
    [block] = [b for b in view["blocks"] if b.get("block_id") == ids.AGENDA_DONE_BLOCK]
    return {o["text"]["text"]: o["value"] for o in block["element"]["options"]}


async def add_topic(slack: SlackSimulator, fake: FakeSlack, user_id: str, pair_id: int, topic: str) -> dict[str, Any]:
    """Click "Legg til tema" (as in the nudge or Home), then save a new topic; returns the form that was opened."""
    before = len(fake.calls_to("views.open"))
    response = await slack.click(user_id, ids.ONEONONE_AGENDA, value=str(pair_id), block_id="agenda")
    assert response.status == 200
    assert len(fake.calls_to("views.open")) == before + 1
    view = opened_views(fake)[-1]
    assert view["callback_id"] == ids.ONEONONE_AGENDA_MODAL
    submitted = await slack.submit(user_id, view, agenda_values(topic))
    assert submitted.status == 200
    assert submitted.json() is None  # closes the form
    return view


@dataclass(frozen=True)
class HeldRow:
    text: str | None
    owner: str | None
    due: str | None


def held_values(*rows_: HeldRow) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for number in range(1, ids.HELD_ROWS + 1):
        row = rows_[number - 1] if number <= len(rows_) else HeldRow(None, None, None)
        values[ids.held_block("text", number)] = {ids.INPUT: {"type": "plain_text_input", "value": row.text}}
        values[ids.held_block("owner", number)] = {ids.INPUT: {"type": "users_select", "selected_user": row.owner}}
        values[ids.held_block("due", number)] = {ids.INPUT: {"type": "datepicker", "selected_date": row.due}}
    return values


def move_values(day: str | None, at: str | None) -> dict[str, Any]:
    return {
        ids.MOVE_DATE_BLOCK: {ids.INPUT: {"type": "datepicker", "selected_date": day}},
        ids.MOVE_TIME_BLOCK: {ids.INPUT: {"type": "timepicker", "selected_time": at}},
    }


def modal_text(body: dict[str, Any]) -> str:
    assert body["response_action"] == "update"
    return blocks_as_text(body["view"]["blocks"])


async def pair_with_follow_up(slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock) -> Call:
    """Kari sets up 1:1s with Ola (Tuesday 1 December, 13:00); the follow-up reaches her at 15:00; returns it."""
    await command(slack, MANAGER, SET_UP_TUESDAY)
    assert await sweep_at(rt, clock, clock.now()) == [(INTRO, EMPLOYEE)]
    assert await sweep_at(rt, clock, oslo(2026, 12, 1, 15, 0)) == [(FOLLOW_UP, MANAGER)]
    [follow_up] = dms(fake, MANAGER)
    return follow_up


async def open_form(slack: SlackSimulator, fake: FakeSlack, message: Call, action_id: str) -> dict[str, Any]:
    """Kari clicks a follow-up button that opens a form; returns the form."""
    before = len(fake.calls_to("views.open"))
    await click_in(slack, MANAGER, message, action_id)
    assert len(fake.calls_to("views.open")) == before + 1
    return opened_views(fake)[-1]


# cadence, nudges and follow-ups --------------------------------------------------------------------


async def test_biweekly_pair_nudges_both_at_nine_the_working_day_before_and_follows_up_after(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    reply = await command(slack, MANAGER, SET_UP_TUESDAY)
    assert f"Faste 1:1-samtaler med <@{EMPLOYEE}>, annenhver uke" in reply
    assert "*Neste samtale:* tirsdag 1. desember 2026 kl. 13.00 (uke 49)" in reply
    pair = await the_pair(rt)
    assert (pair.manager_id, pair.cadence, pair.weekday, pair.at_minutes) == (MANAGER, "biweekly", 1, 13 * 60)

    # Monday 30.11 to Monday 14.12 08:00: the intro now, the follow-up of Tuesday's meeting at 15:00, and nothing
    # before the meeting of 1.12 (set up after its nudge time), nothing on 7–8 December (no meeting on the 8th).
    first = await sweep_through(rt, clock, [oslo(2026, 12, 1, 15)], end=oslo(2026, 12, 14, 8))
    assert first == [
        (oslo(2026, 11, 30, 10), INTRO, EMPLOYEE),
        (oslo(2026, 12, 1, 15), FOLLOW_UP, MANAGER),
    ]
    assert local_starts(await meetings(rt)) == [oslo(2026, 12, 1, 13), oslo(2026, 12, 15, 13)]

    # The nudges for 15.12 come at 09:00 on Monday 14.12 to both, not a minute earlier, and only once.
    assert await sweep_at(rt, clock, oslo(2026, 12, 14, 8, 59)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 14, 9, 0)) == sorted([(NUDGE, MANAGER), (NUDGE, EMPLOYEE)])
    assert await sweep_at(rt, clock, oslo(2026, 12, 14, 9, 0)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 14, 9, 30)) == []
    rest = await sweep_through(rt, clock, [oslo(2026, 12, 15, 15)], end=oslo(2026, 12, 16, 20))
    assert rest == [(oslo(2026, 12, 15, 15), FOLLOW_UP, MANAGER)]

    # The meeting after 15.12 skips the Christmas closure (29.12) and the cadence goes on from 12 January.
    assert local_starts(await meetings(rt)) == [oslo(2026, 12, 1, 13), oslo(2026, 12, 15, 13), oslo(2027, 1, 12, 13)]

    [intro] = dms(fake, EMPLOYEE)[:1]
    intro_text = dm_text(intro)
    assert f"<@{MANAGER}> har satt opp faste 1:1-samtaler med deg, annenhver uke." in intro_text
    assert "Neste samtale er tirsdag 1. desember 2026 kl. 13.00 (uke 49)." in intro_text
    assert len(dms(fake, EMPLOYEE)) == 2  # the intro and the nudge for 15.12

    employee_nudge = dm_text(dms(fake, EMPLOYEE)[1])
    assert f"I morgen har du 1:1 med <@{MANAGER}>: tirsdag 15. desember 2026 kl. 13.00 (uke 51)." in employee_nudge
    assert "Tenk gjennom før samtalen" in employee_nudge
    assert "[Legg til tema]" in employee_nudge
    assert "forslag til spørsmål" not in employee_nudge  # the guide is the manager's

    follow_up_1, manager_nudge, follow_up_2 = dms(fake, MANAGER)
    assert f"Ble samtalen med <@{EMPLOYEE}> tirsdag 1. desember 2026 kl. 13.00 (uke 49) gjennomført?" in dm_text(
        follow_up_1
    )
    assert "[Ja, registrer tiltak] [Flytt] [Ble ikke noe av]" in dm_text(follow_up_1)
    manager_text = dm_text(manager_nudge)
    assert f"I morgen har du 1:1 med <@{EMPLOYEE}>: tirsdag 15. desember 2026 kl. 13.00 (uke 51)." in manager_text
    assert "*Oppfølgingssamtale* – forslag til spørsmål" in manager_text
    assert "Ingen åpne tiltak mellom dere." in manager_text
    assert "*Agenda* (0 tema)" in manager_text
    assert "tirsdag 15. desember 2026 kl. 13.00 (uke 51)" in dm_text(follow_up_2)
    assert dms(fake, COLLEAGUE) == []


async def test_a_new_york_employee_is_nudged_at_nine_in_new_york(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await command(slack, MANAGER, f"1til1 <@{NEW_YORK}> annenhver uke tirsdag kl. 15:00")
    timeline = await sweep_through(
        rt, clock, [oslo(2026, 11, 30, 15), oslo(2026, 12, 2, 9)], end=oslo(2026, 12, 13, 20)
    )
    assert timeline == [
        # Set up at 04:00 in New York: the intro waits for her working hours (09:00 there, 15:00 in Oslo). The
        # first meeting (Tuesday 15:00 in Oslo, 09:00 in New York) was set up before her nudge time, Monday
        # 09:00 in New York, so she gets its nudge; Kari's (09:00 in Oslo) had passed, so she does not.
        (oslo(2026, 11, 30, 15), INTRO, NEW_YORK),
        (oslo(2026, 11, 30, 15), NUDGE, NEW_YORK),
        # 15:00 + 2 h is 17:00, after Kari's working hours: the follow-up comes at 09:00 the next working day.
        (oslo(2026, 12, 2, 9), FOLLOW_UP, MANAGER),
    ]
    # Kari at 09:00 in Oslo; Nina at 09:00 in New York, which is 15:00 in Oslo (14:00 UTC).
    assert await sweep_at(rt, clock, oslo(2026, 12, 14, 9, 0)) == [(NUDGE, MANAGER)]
    assert await sweep_at(rt, clock, datetime(2026, 12, 14, 13, 59, tzinfo=UTC)) == []
    assert await sweep_at(rt, clock, datetime(2026, 12, 14, 14, 0, tzinfo=UTC)) == [(NUDGE, NEW_YORK)]
    assert await sweep_at(rt, clock, datetime(2026, 12, 14, 14, 0, tzinfo=UTC)) == []
    assert await sweep_at(rt, clock, datetime(2026, 12, 14, 20, 0, tzinfo=UTC)) == []
    nudge = dm_text(dms(fake, NEW_YORK)[-1])
    # In her language (en-US) and on her clock: 15:00 in Oslo is 09:00 in New York.
    assert f"Tomorrow you have a 1:1 with <@{MANAGER}>: Tuesday 15 December 2026 at 09:00 (week 51)." in nudge
    assert "tirsdag 15. desember 2026 kl. 15.00 (uke 51)" in dm_text(dms(fake, MANAGER)[-1])


async def test_setting_up_a_cadence_whose_first_day_is_17_may_shows_the_next_working_day(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    clock.set(oslo(2027, 5, 11, 10))
    reply = await command(slack, MANAGER, f"1til1 <@{EMPLOYEE}> ukentlig mandag kl. 13:00")
    assert "*Neste samtale:* tirsdag 18. mai 2027 kl. 13.00 (uke 20)" in reply
    assert await sweep_at(rt, clock, clock.now()) == [(INTRO, EMPLOYEE)]
    assert "Neste samtale er tirsdag 18. mai 2027 kl. 13.00 (uke 20)." in dm_text(dms(fake, EMPLOYEE)[0])
    assert local_starts(await meetings(rt)) == [oslo(2027, 5, 18, 13)]


# the shared agenda ---------------------------------------------------------------------------------


async def test_agenda_topics_from_both_reach_the_nudge_and_unticked_ones_carry_over(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await command(slack, MANAGER, f"1til1 <@{EMPLOYEE}> ukentlig tirsdag kl. 13:00")
    pair_id = (await the_pair(rt)).id
    assert pair_id is not None
    first_form = await add_topic(slack, fake, EMPLOYEE, pair_id, "Fordeling av oppgaver i desember")
    assert ids.AGENDA_DONE_BLOCK not in {b.get("block_id") for b in first_form["blocks"]}  # nothing to tick yet
    assert f"1:1 med <@{MANAGER}> tirsdag 1. desember 2026 kl. 13.00 (uke 49)" in blocks_as_text(first_form["blocks"])
    assert "tema på agendaen" in home_text(fake, EMPLOYEE)
    assert "· 1 tema på agendaen" in home_text(fake, EMPLOYEE)
    await add_topic(slack, fake, MANAGER, pair_id, "Kurs i <Kubernetes> & sky")
    assert "· 2 tema på agendaen" in home_text(fake, MANAGER)
    assert [(i.author_id, i.text, i.done) for i in await rows(rt, AgendaItem)] == [
        (EMPLOYEE, "Fordeling av oppgaver i desember", False),
        (MANAGER, "Kurs i <Kubernetes> & sky", False),
    ]

    # The nudges for Tuesday 8 December show both topics, to both.
    assert await sweep_at(rt, clock, oslo(2026, 11, 30, 10)) == [(INTRO, EMPLOYEE)]
    assert await sweep_at(rt, clock, oslo(2026, 12, 1, 15)) == [(FOLLOW_UP, MANAGER)]
    assert await sweep_at(rt, clock, oslo(2026, 12, 7, 9)) == sorted([(NUDGE, MANAGER), (NUDGE, EMPLOYEE)])
    for user_id, other in ((MANAGER, EMPLOYEE), (EMPLOYEE, MANAGER)):
        nudge = dm_text([c for c in dms(fake, user_id) if "I morgen" in dm_text(c)][-1])
        assert "*Agenda* (2 tema)" in nudge
        assert f"• Fordeling av oppgaver i desember _(<@{EMPLOYEE}>)_" in nudge
        assert f"• Kurs i &lt;Kubernetes&gt; &amp; sky _(<@{MANAGER}>)_" in nudge
        assert f"<@{other}>: tirsdag 8. desember 2026" in nudge

    # After the meeting on the 8th, Ola ticks off the first topic (from the button in his nudge) and adds one.
    clock.set(oslo(2026, 12, 8, 14))
    employee_nudge = [c for c in dms(fake, EMPLOYEE) if "I morgen" in dm_text(c)][-1]
    assert button(employee_nudge, ids.ONEONONE_AGENDA)["value"] == str(pair_id)
    await click_in(slack, EMPLOYEE, employee_nudge, ids.ONEONONE_AGENDA)
    form = opened_views(fake)[-1]
    assert "tirsdag 15. desember 2026 kl. 13.00 (uke 51)" in blocks_as_text(form["blocks"])
    boxes = checkbox_values(form)
    assert list(boxes) == ["Fordeling av oppgaver i desember", "Kurs i <Kubernetes> & sky"]
    submitted = await slack.submit(
        EMPLOYEE, form, agenda_values("Ferieavvikling", ticked=[boxes["Fordeling av oppgaver i desember"]])
    )
    assert submitted.json() is None
    assert [(i.text, i.done) for i in await rows(rt, AgendaItem)] == [
        ("Fordeling av oppgaver i desember", True),
        ("Kurs i <Kubernetes> & sky", False),
        ("Ferieavvikling", False),
    ]

    # The nudges for 15 December carry the unticked topic over; the ticked one is gone.
    assert await sweep_at(rt, clock, oslo(2026, 12, 8, 15)) == [(FOLLOW_UP, MANAGER)]
    assert await sweep_at(rt, clock, oslo(2026, 12, 14, 9)) == sorted([(NUDGE, MANAGER), (NUDGE, EMPLOYEE)])
    for user_id in (MANAGER, EMPLOYEE):
        nudges = [dm_text(c) for c in dms(fake, user_id) if "I morgen" in dm_text(c)]
        assert len(nudges) == 2
        assert "tirsdag 15. desember 2026" in nudges[-1]
        assert "*Agenda* (2 tema)" in nudges[-1]
        assert "Kurs i &lt;Kubernetes&gt; &amp; sky" in nudges[-1]
        assert "Ferieavvikling" in nudges[-1]
        assert "Fordeling av oppgaver" not in nudges[-1]


async def test_a_topic_over_500_characters_is_refused_in_the_form(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime
) -> None:
    await command(slack, MANAGER, SET_UP_TUESDAY)
    pair_id = (await the_pair(rt)).id
    await slack.click(EMPLOYEE, ids.ONEONONE_AGENDA, value=str(pair_id), block_id="agenda")
    response = await slack.submit(EMPLOYEE, opened_views(fake)[-1], agenda_values("x" * 501))
    assert response.json() == {
        "response_action": "errors",
        "errors": {ids.AGENDA_NEW_BLOCK: "Temaet er for langt. Skriv det kort (høyst 500 tegn)."},
    }
    assert await rows(rt, AgendaItem) == []


async def test_nobody_outside_the_pair_can_read_or_change_its_agenda(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await command(slack, MANAGER, SET_UP_TUESDAY)
    pair_id = (await the_pair(rt)).id
    assert pair_id is not None
    form = await add_topic(slack, fake, EMPLOYEE, pair_id, "Lønnsønsker")
    await slack.click(EMPLOYEE, ids.ONEONONE_AGENDA, value=str(pair_id), block_id="agenda")
    form = opened_views(fake)[-1]
    [item_id] = checkbox_values(form).values()
    opened = len(fake.calls_to("views.open"))

    # Per clicks the agenda button with the pair's id: no form, a polite "not found" only he sees.
    response = await slack.click(COLLEAGUE, ids.ONEONONE_AGENDA, value=str(pair_id), block_id="agenda")
    assert response.status == 200
    assert len(fake.calls_to("views.open")) == opened
    reply = slack.last_reply()
    assert is_private_reply(reply)
    assert text_of(reply).strip() == f"{NOT_FOUND}\n{NOT_FOUND}"
    assert "Lønnsønsker" not in str(fake.responses)

    # Per submits the agenda form with the pair's id: he can neither tick nor add.
    submitted = await slack.submit(COLLEAGUE, form, agenda_values("Per sitt tema", ticked=[item_id]))
    assert submitted.status == 200
    assert [(i.author_id, i.text, i.done) for i in await rows(rt, AgendaItem)] == [(EMPLOYEE, "Lønnsønsker", False)]

    # Forged ids (another number, a word, nothing) look the same.
    for forged in (str(pair_id + 1), "abc", "", "²", "9" * 30):
        before = len(fake.responses)
        await slack.click(COLLEAGUE, ids.ONEONONE_AGENDA, value=forged, block_id="agenda")
        assert len(fake.responses) == before + 1, forged
        assert NOT_FOUND in reply_text(slack)
    assert len(fake.calls_to("views.open")) == opened

    # Ticks that are no ids are ignored, for the pair too, and do not break the form.
    assert (await slack.submit(COLLEAGUE, form, agenda_values(None, ticked=["²", "x", "9" * 30]))).json() is None
    assert (await slack.submit(EMPLOYEE, form, agenda_values(None, ticked=["²", "9" * 30]))).json() is None
    assert [(i.text, i.done) for i in await rows(rt, AgendaItem)] == [("Lønnsønsker", False)]

    # Per sees the pair nowhere: not in his Home, not in a DM.
    await slack.open_home(COLLEAGUE)
    assert "Ingen faste 1:1-samtaler" in home_text(fake, COLLEAGUE)
    for instant in (oslo(2026, 11, 30, 10), oslo(2026, 12, 1, 15), oslo(2026, 12, 14, 9)):
        assert (await sweep_at(rt, clock, instant))[-1][1] in (MANAGER, EMPLOYEE)
    assert dms(fake, COLLEAGUE) == []
    for call in fake.calls_to("views.publish"):
        if call.args["user_id"] == COLLEAGUE:
            assert "Lønnsønsker" not in blocks_as_text(call.args["view"]["blocks"])


async def test_only_the_manager_can_record_move_cancel_or_retype_a_meeting(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    follow_up = await pair_with_follow_up(slack, fake, rt, clock)
    meeting_id = str(button(follow_up, ids.ONEONONE_HELD)["value"])
    opened = len(fake.calls_to("views.open"))
    for outsider in (COLLEAGUE, EMPLOYEE):
        for action_id in (ids.ONEONONE_HELD, ids.ONEONONE_MOVE, ids.ONEONONE_NOT_HELD):
            await slack.click(outsider, action_id, value=meeting_id, container=container_of(follow_up))
            assert NOT_FOUND in reply_text(slack)
            assert is_private_reply(slack.last_reply())
        option = {"text": {"type": "plain_text", "text": "x"}, "value": "annual"}
        await slack.click(outsider, ids.ONEONONE_TYPE, block_id=f"meeting:{meeting_id}", selected_option=option)
        assert NOT_FOUND in reply_text(slack)
    assert len(fake.calls_to("views.open")) == opened
    assert fake.calls_to("chat.update") == []

    # Forms submitted by someone else with the meeting's id change nothing.
    held_form = await open_form(slack, fake, follow_up, ids.ONEONONE_HELD)
    move_form = await open_form(slack, fake, follow_up, ids.ONEONONE_MOVE)
    held = await slack.submit(COLLEAGUE, held_form, held_values(HeldRow("Per sitt tiltak", COLLEAGUE, "2026-12-11")))
    assert NOT_FOUND in modal_text(held.json())
    moved = await slack.submit(EMPLOYEE, move_form, move_values("2026-12-03", "10:00"))
    assert moved.json() == {"response_action": "errors", "errors": {ids.MOVE_DATE_BLOCK: NOT_FOUND}}
    assert [(m.status, m.kind, m.starts_at.astimezone(OSLO)) for m in await meetings(rt)] == [
        ("planned", "ordinary", oslo(2026, 12, 1, 13)),
        ("planned", "ordinary", oslo(2026, 12, 15, 13)),
    ]
    assert await rows(rt, Tiltak) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 1, 15, 5)) == []


# the follow-up after -------------------------------------------------------------------------------


async def test_recording_the_meeting_creates_tiltak_the_employee_sees_in_liste(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    follow_up = await pair_with_follow_up(slack, fake, rt, clock)
    form = await open_form(slack, fake, follow_up, ids.ONEONONE_HELD)
    assert form["callback_id"] == ids.ONEONONE_HELD_MODAL
    assert f"Hva ble dere enige om med <@{EMPLOYEE}>?" in blocks_as_text(form["blocks"])
    response = await slack.submit(
        MANAGER,
        form,
        held_values(
            HeldRow("Lage en plan for opplæringen", EMPLOYEE, "2026-12-11"),
            HeldRow("Sette av tid til kurs", MANAGER, "2026-12-18"),
        ),
    )
    summary = modal_text(response.json())
    assert f"med 2 nye tiltak. Både du og <@{EMPLOYEE}> får en påminnelse før hver frist." in summary

    created = await rows(rt, Tiltak)
    assert [(t.number, t.text, t.owner_id, t.counterpart_id, t.due_date, t.source) for t in created] == [
        (1, "Lage en plan for opplæringen", EMPLOYEE, MANAGER, date(2026, 12, 11), "oneonone"),
        (2, "Sette av tid til kurs", MANAGER, EMPLOYEE, date(2026, 12, 18), "oneonone"),
    ]
    [meeting] = [m for m in await meetings(rt) if m.starts_at == oslo(2026, 12, 1, 13)]
    assert meeting.status == "held"
    # The follow-up DM is replaced by what happened.
    [update] = fake.calls_to("chat.update")
    assert (update.args["channel"], update.args["ts"]) == (follow_up.response["channel"], follow_up.response["ts"])
    assert "Samtalen er registrert, med 2 nye tiltak." in update.args["text"]

    # Ola is told of his own tiltak, once; Kari owns hers and needs no DM.
    assert await sweep_at(rt, clock, oslo(2026, 12, 1, 15, 5)) == [(CREATED, EMPLOYEE)]
    assert await sweep_at(rt, clock, oslo(2026, 12, 1, 15, 10)) == []
    told = dm_text(dms(fake, EMPLOYEE)[-1])
    assert f"<@{MANAGER}> har registrert et tiltak der du er ansvarlig." in told
    assert "Lage en plan for opplæringen" in told

    listing = await command(slack, EMPLOYEE, "liste")
    assert "*#1* Lage en plan for opplæringen" in listing
    assert "*#2* Sette av tid til kurs" in listing

    # The manager's next nudge lists the open tiltak between the two.
    assert (NUDGE, MANAGER) in await sweep_at(rt, clock, oslo(2026, 12, 14, 9))
    nudge = dm_text([c for c in dms(fake, MANAGER) if "I morgen" in dm_text(c)][-1])
    assert "Åpne tiltak mellom dere" in nudge
    assert "*#1* Lage en plan for opplæringen" in nudge
    assert "*#2* Sette av tid til kurs" in nudge
    employee_nudge = dm_text([c for c in dms(fake, EMPLOYEE) if "I morgen" in dm_text(c)][-1])
    assert "Lage en plan" not in employee_nudge


async def test_the_summary_names_the_employee_even_when_the_first_tiltak_is_the_managers(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    follow_up = await pair_with_follow_up(slack, fake, rt, clock)
    form = await open_form(slack, fake, follow_up, ids.ONEONONE_HELD)
    response = await slack.submit(
        MANAGER,
        form,
        held_values(
            HeldRow("Sette av tid til kurs", MANAGER, "2026-12-18"),
            HeldRow("Lage en plan for opplæringen", EMPLOYEE, "2026-12-11"),
        ),
    )
    reminded = f"med 2 nye tiltak. Både du og <@{EMPLOYEE}> får en påminnelse før hver frist."
    assert reminded in modal_text(response.json())


async def test_a_tiltak_row_without_a_deadline_is_refused_and_nothing_is_recorded(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    follow_up = await pair_with_follow_up(slack, fake, rt, clock)
    form = await open_form(slack, fake, follow_up, ids.ONEONONE_HELD)
    response = await slack.submit(
        MANAGER,
        form,
        held_values(
            HeldRow("Lage en plan for opplæringen", EMPLOYEE, "2026-12-11"),
            HeldRow("Sette av tid til kurs", MANAGER, None),
        ),
    )
    assert response.json() == {
        "response_action": "errors",
        "errors": {ids.held_block("due", 2): "Velg en frist for tiltaket."},
    }
    assert await rows(rt, Tiltak) == []
    assert [m.status for m in await meetings(rt)] == ["planned", "planned"]
    assert fake.calls_to("chat.update") == []


async def test_rows_create_tiltak_would_refuse_keep_the_form_open_and_nothing_is_recorded(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    """A deadline in the past or a bot as owner: the reasons go next to the fields, and no row is lost."""
    fake.add_user("UROBOT", is_bot=True, real_name="Robot")
    follow_up = await pair_with_follow_up(slack, fake, rt, clock)
    form = await open_form(slack, fake, follow_up, ids.ONEONONE_HELD)
    response = await slack.submit(
        MANAGER,
        form,
        held_values(
            HeldRow("Lage en plan for opplæringen", EMPLOYEE, "2026-12-11"),
            HeldRow("Sette av tid til kurs", MANAGER, "2026-11-20"),
            HeldRow("Bestille utstyr", "UROBOT", "2026-12-11"),
        ),
    )
    assert response.json() == {
        "response_action": "errors",
        "errors": {
            ids.held_block("due", 2): "Den datoen har allerede vært. Velg en frist fram i tid, for eksempel "
            "`innen fredag` eller `innen 15.01`.",
            ids.held_block("owner", 3): "<@UROBOT> er en bot og kan ikke være ansvarlig for et tiltak. Nevn en "
            "kollega i stedet, for eksempel `/oppfolging tiltak @kollega Oppdatere opplæringsplanen innen fredag`.",
        },
    }
    assert await rows(rt, Tiltak) == []
    assert [m.status for m in await meetings(rt)] == ["planned", "planned"]
    assert fake.calls_to("chat.update") == []

    # Corrected, the same form records all three.
    response = await slack.submit(
        MANAGER,
        form,
        held_values(
            HeldRow("Lage en plan for opplæringen", EMPLOYEE, "2026-12-11"),
            HeldRow("Sette av tid til kurs", MANAGER, "2026-12-18"),
            HeldRow("Bestille utstyr", EMPLOYEE, "2026-12-11"),
        ),
    )
    reminded = f"med 3 nye tiltak. Både du og <@{EMPLOYEE}> får en påminnelse før hver frist."
    assert reminded in modal_text(response.json())
    assert [t.number for t in await rows(rt, Tiltak)] == [1, 2, 3]
    assert [m.status for m in await meetings(rt)] == ["held", "planned"]


async def test_held_without_tiltak_and_then_not_held_again_is_refused(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    follow_up = await pair_with_follow_up(slack, fake, rt, clock)
    form = await open_form(slack, fake, follow_up, ids.ONEONONE_HELD)
    response = await slack.submit(MANAGER, form, held_values())
    assert "Fint! Samtalen er registrert som gjennomført." in modal_text(response.json())
    assert [m.status for m in await meetings(rt)] == ["held", "planned"]
    assert await rows(rt, Tiltak) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 1, 15, 5)) == []


async def test_ble_ikke_noe_av_marks_the_meeting_not_held(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    follow_up = await pair_with_follow_up(slack, fake, rt, clock)
    await click_in(slack, MANAGER, follow_up, ids.ONEONONE_NOT_HELD)
    reply = slack.last_reply()
    assert reply.get("replace_original") is True
    assert "Notert: samtalen tirsdag 1. desember 2026 kl. 13.00 (uke 49) ble ikke noe av." in text_of(reply)
    assert [m.status for m in await meetings(rt)] == ["not_held", "planned"]
    # Not held is not held: recording it afterwards is refused, and no tiltak appear.
    form = await open_form(slack, fake, follow_up, ids.ONEONONE_HELD)
    response = await slack.submit(MANAGER, form, held_values(HeldRow("Noe", EMPLOYEE, "2026-12-11")))
    assert NOT_FOUND in modal_text(response.json())
    assert await rows(rt, Tiltak) == []
    # No second follow-up for it; the next meeting goes on as planned.
    assert await sweep_at(rt, clock, oslo(2026, 12, 1, 16)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 2, 9)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 14, 8, 59)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 14, 9)) == sorted([(NUDGE, MANAGER), (NUDGE, EMPLOYEE)])


async def test_flytt_moves_the_meeting_tells_both_and_nudges_for_the_new_day(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    follow_up = await pair_with_follow_up(slack, fake, rt, clock)
    form = await open_form(slack, fake, follow_up, ids.ONEONONE_MOVE)
    assert form["callback_id"] == ids.ONEONONE_MOVE_MODAL
    [date_block] = [b for b in form["blocks"] if b["block_id"] == ids.MOVE_DATE_BLOCK]
    [time_block] = [b for b in form["blocks"] if b["block_id"] == ids.MOVE_TIME_BLOCK]
    assert (date_block["element"]["initial_date"], time_block["element"]["initial_time"]) == ("2026-12-01", "13:00")

    past = await slack.submit(MANAGER, form, move_values("2026-12-01", "14:00"))
    assert past.json() == {
        "response_action": "errors",
        "errors": {ids.MOVE_DATE_BLOCK: "Velg et tidspunkt fram i tid."},
    }

    response = await slack.submit(MANAGER, form, move_values("2026-12-03", "10:00"))
    text = "torsdag 3. desember 2026 kl. 10.00 (uke 49)"
    assert f"Samtalen er flyttet til {text}. Dere får begge beskjed." in modal_text(response.json())
    [update] = fake.calls_to("chat.update")
    assert text in update.args["text"]
    assert local_starts(await meetings(rt)) == [oslo(2026, 12, 3, 10), oslo(2026, 12, 15, 13)]

    clock.set(oslo(2026, 12, 1, 16))
    timeline = await sweep_through(rt, clock, [oslo(2026, 12, 2, 9), oslo(2026, 12, 3, 12)], end=oslo(2026, 12, 3, 20))
    assert timeline == [
        (oslo(2026, 12, 1, 16), MOVED, MANAGER),
        (oslo(2026, 12, 1, 16), MOVED, EMPLOYEE),
        (oslo(2026, 12, 2, 9), NUDGE, MANAGER),
        (oslo(2026, 12, 2, 9), NUDGE, EMPLOYEE),
        (oslo(2026, 12, 3, 12), FOLLOW_UP, MANAGER),
    ]
    assert f"1:1-samtalen med <@{EMPLOYEE}> er flyttet til {text}." in dm_text(dms(fake, MANAGER)[1])
    assert f"1:1-samtalen med <@{MANAGER}> er flyttet til {text}." in dm_text(dms(fake, EMPLOYEE)[1])
    assert f"I morgen har du 1:1 med <@{MANAGER}>: {text}." in dm_text(dms(fake, EMPLOYEE)[2])


# the annual conversation ---------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "reminded"), [("annual", False), ("ordinary", True)])
async def test_a_held_medarbeidersamtale_chosen_in_the_nudge_means_no_annual_reminder(
    kind: str, reminded: bool, slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await command(slack, MANAGER, SET_UP_TUESDAY)
    await sweep_at(rt, clock, clock.now())
    # Two weeks before the year is full: the nudge for Tuesday 16 November 2027 reaches Kari on the Monday.
    assert await sweep_at(rt, clock, oslo(2027, 11, 15, 9, 0)) == sorted([(NUDGE, MANAGER), (NUDGE, EMPLOYEE)])
    nudge = dms(fake, MANAGER)[-1]
    assert "[Oppfølgingssamtale ▾]" in dm_text(nudge)
    picker = button(nudge, ids.ONEONONE_TYPE)
    [meeting] = [m for m in await meetings(rt) if m.starts_at == oslo(2027, 11, 16, 13)]
    assert picker["block_id"] == f"meeting:{meeting.id}"
    chosen = [o for o in picker["options"] if o["value"] == kind]
    await slack.click(
        MANAGER,
        ids.ONEONONE_TYPE,
        block_id=str(picker["block_id"]),
        selected_option=chosen[0],
        container=container_of(nudge),
    )
    retyped = slack.last_reply()
    assert retyped.get("replace_original") is True
    name = {"annual": "Medarbeidersamtale", "ordinary": "Oppfølgingssamtale"}[kind]
    assert f"*{name}* – forslag til spørsmål" in text_of(retyped)
    # The medarbeidersamtale, and only it, offers the life-phase topics in the guide.
    life = "*Valgfrie tema for ulike faser i arbeidslivet*"
    assert (life in text_of(retyped)) is (kind == "annual")
    [meeting] = [m for m in await meetings(rt) if m.starts_at == oslo(2027, 11, 16, 13)]
    assert meeting.kind == kind

    assert await sweep_at(rt, clock, oslo(2027, 11, 16, 15, 0)) == [(FOLLOW_UP, MANAGER)]
    form = await open_form(slack, fake, dms(fake, MANAGER)[-1], ids.ONEONONE_HELD)
    await slack.submit(MANAGER, form, held_values())
    [meeting] = [m for m in await meetings(rt) if m.starts_at == oslo(2027, 11, 16, 13)]
    assert meeting.status == "held"

    clock.set(oslo(2027, 11, 29, 6))
    instants = [oslo(2027, 11, 29, 9), oslo(2027, 11, 30, 9), oslo(2027, 11, 30, 15)]
    timeline = await sweep_through(rt, clock, instants, end=oslo(2027, 12, 1, 20))
    annual = [(at, user) for at, what, user in timeline if what == ANNUAL]
    assert annual == ([(oslo(2027, 11, 30, 9), MANAGER)] if reminded else [])


# set-up, change, stop, pause, languages ------------------------------------------------------------


async def test_a_paused_employee_gets_no_nudge_and_the_manager_still_does(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await command(slack, MANAGER, SET_UP_TUESDAY)
    await command(slack, EMPLOYEE, "pause til 16.12")
    assert await sweep_at(rt, clock, oslo(2026, 11, 30, 10)) == [(INTRO, EMPLOYEE)]  # not a reminder: not held back
    assert await sweep_at(rt, clock, oslo(2026, 12, 14, 9)) == [(NUDGE, MANAGER)]
    # Not sent late when the pause ends either: a nudge never comes after the meeting started.
    assert await sweep_at(rt, clock, oslo(2026, 12, 14, 16)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 17, 9)) == [(FOLLOW_UP, MANAGER)]
    assert [c for c in dms(fake, EMPLOYEE) if "har du 1:1 med" in dm_text(c)] == []


async def test_home_shows_the_next_1_1_with_its_agenda_count_to_both_and_the_agenda_button_works(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime
) -> None:
    await command(slack, MANAGER, SET_UP_TUESDAY)
    pair_id = (await the_pair(rt)).id
    assert pair_id is not None
    await add_topic(slack, fake, EMPLOYEE, pair_id, "Ferieavvikling")
    for user_id, other in ((MANAGER, EMPLOYEE), (EMPLOYEE, MANAGER)):
        await slack.open_home(user_id)
        text = home_text(fake, user_id)
        assert f"tirsdag 1. desember 2026 kl. 13.00 (uke 49) med <@{other}> · Oppfølgingssamtale · 1 tema" in text
        published = [c for c in fake.calls_to("views.publish") if c.args.get("user_id") == user_id][-1]
        [agenda_button] = [
            b["accessory"]
            for b in published.args["view"]["blocks"]
            if (b.get("accessory") or {}).get("action_id") == ids.ONEONONE_AGENDA
        ]
        assert agenda_button["value"] == str(pair_id)
        await slack.click(
            user_id, ids.ONEONONE_AGENDA, value=agenda_button["value"], block_id="home", container={"type": "view"}
        )
        assert list(checkbox_values(opened_views(fake)[-1])) == ["Ferieavvikling"]
    await slack.open_home(COLLEAGUE)
    assert "Ferieavvikling" not in home_text(fake, COLLEAGUE)
    assert "Ingen faste 1:1-samtaler" in home_text(fake, COLLEAGUE)


async def test_running_the_command_again_changes_the_cadence_without_a_second_intro(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await command(slack, MANAGER, SET_UP_TUESDAY)
    assert await sweep_at(rt, clock, clock.now()) == [(INTRO, EMPLOYEE)]
    reply = await command(slack, MANAGER, f"1til1 <@{EMPLOYEE}> ukentlig torsdag kl. 09:30")
    assert f"Faste 1:1-samtaler med <@{EMPLOYEE}>, hver uke" in reply
    assert "*Neste samtale:* torsdag 3. desember 2026 kl. 09.30 (uke 49)" in reply
    assert local_starts(await meetings(rt)) == [oslo(2026, 12, 3, 9, 30)]
    clock.set(oslo(2026, 11, 30, 11))
    instants = [oslo(2026, 12, 2, 9), oslo(2026, 12, 3, 11, 30), oslo(2026, 12, 9, 9), oslo(2026, 12, 10, 11, 30)]
    timeline = await sweep_through(rt, clock, instants, end=oslo(2026, 12, 10, 20))
    assert timeline == [
        (oslo(2026, 12, 2, 9), NUDGE, MANAGER),
        (oslo(2026, 12, 2, 9), NUDGE, EMPLOYEE),
        (oslo(2026, 12, 3, 11, 30), FOLLOW_UP, MANAGER),  # 09:30 + 2 h
        (oslo(2026, 12, 9, 9), NUDGE, MANAGER),
        (oslo(2026, 12, 9, 9), NUDGE, EMPLOYEE),
        (oslo(2026, 12, 10, 11, 30), FOLLOW_UP, MANAGER),
    ]
    assert len([c for c in dms(fake, EMPLOYEE) if "har satt opp" in dm_text(c)]) == 1


async def test_stopp_ends_the_nudges(slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock) -> None:
    await command(slack, MANAGER, SET_UP_TUESDAY)
    await sweep_through(rt, clock, [oslo(2026, 12, 1, 15)], end=oslo(2026, 12, 1, 20))
    assert await command(slack, COLLEAGUE, f"1til1 <@{EMPLOYEE}> stopp") == (
        f"Du har ingen faste 1:1-samtaler med <@{EMPLOYEE}>.\nDu har ingen faste 1:1-samtaler med <@{EMPLOYEE}>."
    )
    reply = await command(slack, MANAGER, f"1til1 <@{EMPLOYEE}|ola> stopp")
    assert f"De faste 1:1-samtalene med <@{EMPLOYEE}> er avsluttet." in reply
    assert (await the_pair(rt)).active is False
    assert [m.status for m in await meetings(rt)] == ["planned"]  # only the one that took place
    # Nothing the day after, nor when the next meetings' nudges and follow-up would have come.
    assert await sweep_through(rt, clock, [oslo(2026, 12, 2, 6)], end=oslo(2026, 12, 2, 20)) == []
    for instant in (oslo(2026, 12, 14, 9), oslo(2026, 12, 15, 15), oslo(2026, 12, 16, 9), oslo(2027, 1, 11, 9)):
        assert await sweep_at(rt, clock, instant) == []
    await slack.open_home(EMPLOYEE)
    assert "Ingen faste 1:1-samtaler" in home_text(fake, EMPLOYEE)


async def test_stopp_after_the_nudge_was_due_but_before_it_was_sent_sends_nothing(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock
) -> None:
    await command(slack, MANAGER, f"1til1 <@{NEW_YORK}> annenhver uke tirsdag kl. 15:00")
    assert await sweep_at(rt, clock, oslo(2026, 11, 30, 15)) == [(INTRO, NEW_YORK), (NUDGE, NEW_YORK)]
    assert await sweep_at(rt, clock, oslo(2026, 12, 2, 9)) == [(FOLLOW_UP, MANAGER)]
    # Kari's nudge for 15 December is sent; Nina's is due only at 15:00 in Oslo, after Kari stops at 12:00.
    assert await sweep_at(rt, clock, oslo(2026, 12, 14, 9)) == [(NUDGE, MANAGER)]
    clock.set(oslo(2026, 12, 14, 12))
    await command(slack, MANAGER, f"1til1 <@{NEW_YORK}> stopp")
    # Nina's nudge would have come at 15:00, the follow-up at 17:00 in Oslo, that is 09:00 on the next working day.
    instants = [oslo(2026, 12, 14, 15), oslo(2026, 12, 16, 9)]
    assert await sweep_through(rt, clock, instants, end=oslo(2026, 12, 16, 20)) == []


async def test_english_manager_and_english_employee_get_english(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    reply = await command(slack, ENGLISH, f"1on1 <@{EMPLOYEE}> weekly thursday at 14:00")
    assert f"Regular 1:1s with <@{EMPLOYEE}>, every week" in reply
    assert "*Next 1:1:* Thursday 3 December 2026 at 14:00 (week 49)" in reply
    reply = await command(slack, MANAGER, f"1til1 <@{ENGLISH}> ukentlig onsdag kl. 11:00")
    assert "*Neste samtale:* onsdag 2. desember 2026 kl. 11.00 (uke 49)" in reply
    instants = [oslo(2026, 12, day, hour) for day, hour in ((1, 9), (2, 9), (2, 13), (3, 16), (8, 9), (9, 9), (9, 13))]
    timeline = await sweep_through(rt, clock, instants, end=oslo(2026, 12, 9, 20))
    assert timeline == [
        (oslo(2026, 11, 30, 10), INTRO, ENGLISH),
        (oslo(2026, 11, 30, 10), INTRO, EMPLOYEE),
        (oslo(2026, 12, 1, 9), NUDGE, ENGLISH),  # Kari's 1:1 with Emma, Wednesday 2.12
        (oslo(2026, 12, 1, 9), NUDGE, MANAGER),
        (oslo(2026, 12, 2, 9), NUDGE, ENGLISH),  # Emma's 1:1 with Ola, Thursday 3.12
        (oslo(2026, 12, 2, 9), NUDGE, EMPLOYEE),
        (oslo(2026, 12, 2, 13), FOLLOW_UP, MANAGER),
        (oslo(2026, 12, 3, 16), FOLLOW_UP, ENGLISH),
        (oslo(2026, 12, 8, 9), NUDGE, ENGLISH),
        (oslo(2026, 12, 8, 9), NUDGE, MANAGER),
        (oslo(2026, 12, 9, 9), NUDGE, ENGLISH),
        (oslo(2026, 12, 9, 9), NUDGE, EMPLOYEE),
        (oslo(2026, 12, 9, 13), FOLLOW_UP, MANAGER),
    ]
    emma = [dm_text(c) for c in dms(fake, ENGLISH)]
    # As Kari's employee: the intro and the nudge in English.
    assert any(f"<@{MANAGER}> has set up regular 1:1s with you, every week." in t for t in emma)
    assert any(f"Tomorrow you have a 1:1 with <@{MANAGER}>: Wednesday 9 December 2026 at 11:00" in t for t in emma)
    # As Ola's manager: the follow-up and the guide in English.
    assert any(f"Did your 1:1 with <@{EMPLOYEE}> Thursday 3 December 2026 at 14:00" in t for t in emma)
    assert any("[Yes, record action points] [Move] [It didn't happen]" in t for t in emma)
    assert any(f"Tomorrow you have a 1:1 with <@{EMPLOYEE}>: Thursday 10 December 2026" in t for t in emma)
    # Ola hears of Emma's set-up in Norwegian.
    assert f"<@{ENGLISH}> har satt opp faste 1:1-samtaler med deg, hver uke." in dm_text(dms(fake, EMPLOYEE)[0])


async def test_ny_registers_probation_with_check_ins_at_one_three_and_five_months(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    reply = await command(slack, MANAGER, f"ny <@{EMPLOYEE}|ola> start 4.1")
    assert f"Prøvetiden for <@{EMPLOYEE}> er registrert." in reply
    assert (
        "foreslås rundt torsdag 4. februar 2027 (uke 5), søndag 4. april 2027 (uke 13) og fredag 4. juni 2027 (uke 22)"
    ) in reply
    # With the defaults: every other week, Tuesday 10:00.
    assert "*Neste samtale:* tirsdag 1. desember 2026 kl. 10.00 (uke 49)" in reply
    assert await sweep_at(rt, clock, clock.now()) == [(INTRO, EMPLOYEE)]
    # The meeting nearest the first check-in (Tuesday 9 February 2027) gets the probation guide.
    assert await sweep_at(rt, clock, oslo(2027, 2, 8, 9)) == sorted([(NUDGE, MANAGER), (NUDGE, EMPLOYEE)])
    nudge = dm_text(dms(fake, MANAGER)[-1])
    assert "tirsdag 9. februar 2027 kl. 10.00 (uke 6)" in nudge
    assert "*Prøvetidssamtale* – forslag til spørsmål" in nudge

    bad = await command(slack, MANAGER, f"ny <@{EMPLOYEE}> start blåmandag")
    assert "Skriv når prøvetiden startet, for eksempel `/oppfolging ny @kollega start 4.1`." in bad


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1til1", "Nevn den du skal ha samtalene med"),
        (f"1til1 <@{MANAGER}>", "Du kan ikke ha 1:1-samtaler med deg selv."),
        (f"1til1 <@{EMPLOYEE}> hver dag kl. 10", "Det forsto jeg ikke helt."),
        (f"1til1 <@{EMPLOYEE}> <@{COLLEAGUE}>", "Det forsto jeg ikke helt."),
        ("1til1 stopp", "Nevn den du skal ha samtalene med"),
        ("ny start 4.1", "Nevn den du skal ha samtalene med"),
    ],
)
async def test_bad_set_up_gets_a_short_answer_and_changes_nothing(
    text: str, expected: str, slack: SlackSimulator, rt: Runtime
) -> None:
    assert expected in await command(slack, MANAGER, text)
    assert await rows(rt, OneOnOnePair) == []
