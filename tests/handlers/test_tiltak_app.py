"""Tiltak through the real AsyncApp over signed HTTP, with the real services, outbox and notifier on SQLite.

What issue 4 promises, shown end to end: a tiltak created by command and by modal; both parties reminded once at
09:00 in their own zone on the last working day on or before the deadline (also at Christmas, over a DST change
and in New York); a second sweep sends nothing; exactly one overdue reminder; closing and postponing tell the other
party and change what is reminded; only the owner and the counterpart may act.

The clock starts at Monday 30 November 2026, 10:00 in Oslo, so `fredag` is Friday 4 December 2026 (week 49).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import col, select

from bot.app import Runtime
from bot.clock import ManualClock
from handlers import ids
from handlers.blocks.plaintext import blocks_as_text
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from storage import tiltak_repo
from storage.db import make_session_factory
from storage.models import OutboxMessage, OutboxStatus
from storage.tiltak_models import Postponement, Tiltak, TiltakStatus
from tests.conftest import COLLEAGUE, EMPLOYEE, ENGLISH, MANAGER, NEW_YORK, TEAM, oslo
from tests.driver import Sent, dm_text, dms, home_text, is_private_reply, reply_text, sweep_at

DUE = "tiltak.due"
OVERDUE = "tiltak.overdue"
CREATED = "tiltak.created"
CHANGED = "tiltak.changed"
FRIDAY = "fredag 4. desember 2026 (uke 49)"

# helpers -------------------------------------------------------------------------------------------


def both(kind: str) -> Sent:
    """`kind` once to the owner (Ola) and once to the counterpart (Kari), in `sweep_at`'s order."""
    return sorted([(kind, EMPLOYEE), (kind, MANAGER)])


async def all_tiltak(rt: Runtime) -> list[Tiltak]:
    async with make_session_factory(rt.engine)() as session:
        return list((await session.exec(select(Tiltak).order_by(col(Tiltak.id)))).all())


async def tiltak_no(rt: Runtime, number: int) -> Tiltak:
    async with make_session_factory(rt.engine)() as session:
        found = await tiltak_repo.get_by_number(session, team_id=TEAM, number=number)
        assert found is not None
        return found


async def outbox_rows(rt: Runtime, kind: str | None = None) -> list[OutboxMessage]:
    async with make_session_factory(rt.engine)() as session:
        statement = select(OutboxMessage).order_by(col(OutboxMessage.id))
        if kind is not None:
            statement = statement.where(col(OutboxMessage.kind) == kind)
        return list((await session.exec(statement)).all())


async def postponements(rt: Runtime, tiltak_id: int) -> list[Postponement]:
    async with make_session_factory(rt.engine)() as session:
        return await tiltak_repo.list_postponements(session, tiltak_id=tiltak_id)


async def create(slack: SlackSimulator, user_id: str, text: str) -> str:
    response = await slack.command(user_id, text)
    assert response.status == 200
    return reply_text(slack)


async def manager_asks_employee(slack: SlackSimulator, rt: Runtime, clock: ManualClock, when: str = "fredag") -> int:
    """Kari registers #1 for Ola and the "created" DM is delivered right away; returns the tiltak id."""
    reply = await create(slack, MANAGER, f"tiltak <@{EMPLOYEE}|ola> Oppdatere opplæringsplanen innen {when}")
    assert "Tiltak #1 er registrert" in reply, reply
    assert await sweep_at(rt, clock, clock.now()) == [(CREATED, EMPLOYEE)]
    tiltak = await tiltak_no(rt, 1)
    assert tiltak.id is not None
    return tiltak.id


def modal_values(text: str | None, owner: str | None, due: str | None, note: str | None = None) -> dict[str, Any]:
    return {
        ids.TILTAK_TEXT_BLOCK: {ids.INPUT: {"type": "plain_text_input", "value": text}},
        ids.TILTAK_OWNER_BLOCK: {ids.INPUT: {"type": "users_select", "selected_user": owner}},
        ids.TILTAK_DUE_BLOCK: {ids.INPUT: {"type": "datepicker", "selected_date": due}},
        ids.TILTAK_NOTE_BLOCK: {ids.INPUT: {"type": "plain_text_input", "value": note}},
    }


# creating ------------------------------------------------------------------------------------------


async def test_manager_creates_a_tiltak_for_an_employee_by_command(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    response = await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> Oppdatere opplæringsplanen innen fredag")
    assert response.status == 200
    reply = slack.last_reply()
    assert is_private_reply(reply)
    text = reply_text(slack)
    assert "Tiltak #1 er registrert" in text
    assert "> Oppdatere opplæringsplanen" in text
    assert f"*Frist:* {FRIDAY}" in text
    assert f"*Ansvarlig:* <@{EMPLOYEE}>" in text
    assert f"*Følger opp:* <@{MANAGER}>" in text

    [tiltak] = await all_tiltak(rt)
    assert (tiltak.number, tiltak.text, tiltak.due_date) == (1, "Oppdatere opplæringsplanen", date(2026, 12, 4))
    assert (tiltak.owner_id, tiltak.counterpart_id, tiltak.created_by) == (EMPLOYEE, MANAGER, MANAGER)
    assert (tiltak.status, tiltak.source) == (TiltakStatus.OPEN, "command")

    assert dms(fake, EMPLOYEE) == []  # told through the outbox, on the next sweep
    assert await sweep_at(rt, clock, clock.now()) == [(CREATED, EMPLOYEE)]
    [told] = dms(fake, EMPLOYEE)
    told_text = dm_text(told)
    assert f"<@{MANAGER}> har registrert et tiltak der du er ansvarlig." in told_text
    assert "> Oppdatere opplæringsplanen" in told_text
    assert f"*Frist:* {FRIDAY}" in told_text
    assert any(b.get("block_id") == ids.tiltak_block(tiltak.id or 0) for b in told.args["blocks"])
    assert dms(fake, MANAGER) == []
    assert await sweep_at(rt, clock, oslo(2026, 11, 30, 10, 5)) == []
    assert len(dms(fake, EMPLOYEE)) == 1


async def test_numbers_count_up_and_frist_works_like_innen(slack: SlackSimulator, rt: Runtime) -> None:
    await create(slack, MANAGER, f"tiltak <@{EMPLOYEE}> Første innen fredag")
    text = await create(slack, MANAGER, f"tiltak Andre <@{COLLEAGUE}|per> oppgave frist 11.12")
    assert "Tiltak #2 er registrert" in text
    assert "fredag 11. desember 2026 (uke 50)" in text
    second = await tiltak_no(rt, 2)
    assert (second.text, second.owner_id, second.due_date) == ("Andre oppgave", COLLEAGUE, date(2026, 12, 11))


async def test_own_tiltak_without_mention_has_no_counterpart_and_no_dm(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    text = await create(slack, EMPLOYEE, "tiltak Rydde i delte mapper innen fredag")
    assert "Tiltak #1 er registrert" in text
    assert "Du får en påminnelse kl. 09.00 på fristdagen, eller arbeidsdagen før hvis fristen er på en fridag." in text
    assert "Følger opp" not in text
    [tiltak] = await all_tiltak(rt)
    assert (tiltak.owner_id, tiltak.counterpart_id, tiltak.created_by) == (EMPLOYEE, None, EMPLOYEE)
    assert await sweep_at(rt, clock, clock.now()) == []
    assert await outbox_rows(rt) == []
    # Reminded alone, on the day.
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0)) == [(DUE, EMPLOYEE)]
    assert "Du er ansvarlig." in dm_text(dms(fake, EMPLOYEE)[-1])


async def test_english_action_by_gets_english_reply_and_the_owner_is_told_in_norwegian(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    text = await create(slack, ENGLISH, f"action <@{EMPLOYEE}> Update the training plan by friday")
    assert "Action point #1 recorded" in text
    assert "*Due:* Friday 4 December 2026 (week 49)" in text
    assert await sweep_at(rt, clock, clock.now()) == [(CREATED, EMPLOYEE)]
    told = dm_text(dms(fake, EMPLOYEE)[0])
    assert f"<@{ENGLISH}> har registrert et tiltak der du er ansvarlig." in told
    assert FRIDAY in told
    # The English follower-up is reminded in English.
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0)) == [(DUE, ENGLISH), (DUE, EMPLOYEE)]
    [reminder] = dms(fake, ENGLISH)
    english = dm_text(reminder)
    assert "Action point #1 is due today, Friday 4 December 2026 (week 49)." in english
    assert f"<@{EMPLOYEE}> owns it, and you follow up." in english
    assert "[Done]" in english


async def test_created_dm_to_an_owner_in_new_york_waits_for_their_working_hours(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await create(slack, MANAGER, f"tiltak <@{NEW_YORK}> Send the numbers innen fredag")
    # 10:00 in Oslo is 04:00 in New York.
    assert await sweep_at(rt, clock, clock.now()) == []
    assert await sweep_at(rt, clock, datetime(2026, 11, 30, 13, 59, tzinfo=UTC)) == []
    assert await sweep_at(rt, clock, datetime(2026, 11, 30, 14, 0, tzinfo=UTC)) == [(CREATED, NEW_YORK)]
    assert f"<@{MANAGER}> has recorded an action point that you own." in dm_text(dms(fake, NEW_YORK)[0])


async def test_text_of_3000_characters_with_markup_is_kept_and_shown_within_limits(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    long_text = ("Sjekk <planen> & mål " * 200)[:2999] + "!"
    assert len(long_text) == 3000
    await create(slack, MANAGER, f"tiltak <@{EMPLOYEE}> {long_text} innen fredag")
    [tiltak] = await all_tiltak(rt)
    assert tiltak.text == long_text
    await slack.command(EMPLOYEE, "liste")
    [section] = [
        b for b in slack.last_reply()["blocks"] if b.get("block_id") == ids.tiltak_block(tiltak.id or 0, "text")
    ]
    shown = section["text"]["text"]
    assert len(shown) <= 3000
    assert shown.startswith("*#1* Sjekk &lt;planen&gt; &amp; mål")
    assert shown.endswith("…")
    assert re.search(r"&[a-z]*…$", shown) is None  # never cut inside an entity
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0)) == sorted([(CREATED, EMPLOYEE), *both(DUE)])
    for user_id in (EMPLOYEE, MANAGER):
        for call in dms(fake, user_id):
            assert all(len((b.get("text") or {}).get("text", "")) <= 3000 for b in call.args["blocks"])


async def test_no_arguments_opens_the_modal_and_submitting_creates(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    response = await slack.command(MANAGER, "tiltak")
    assert response.status == 200
    [opened] = fake.calls_to("views.open")
    assert str(opened.args["trigger_id"]).startswith("trigger.")
    view: dict[str, Any] = opened.args["view"]
    assert view["callback_id"] == ids.TILTAK_MODAL
    owner_block = next(b for b in view["blocks"] if b.get("block_id") == ids.TILTAK_OWNER_BLOCK)
    assert owner_block["element"]["initial_user"] == MANAGER
    assert fake.responses == []  # no reply besides the modal

    # A past date is refused next to the date field, and nothing is stored.
    refused = await slack.submit(MANAGER, view, modal_values("Lage plan", EMPLOYEE, "2026-11-27"))
    assert refused.status == 200
    body = refused.json()
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {ids.TILTAK_DUE_BLOCK}
    assert "Den datoen har allerede vært" in body["errors"][ids.TILTAK_DUE_BLOCK]
    assert await all_tiltak(rt) == []
    assert await outbox_rows(rt) == []

    saved = await slack.submit(
        MANAGER, view, modal_values("Lage plan for\nopplæring", EMPLOYEE, "2026-12-04", note="Se notatene")
    )
    body = saved.json()
    assert body["response_action"] == "update"
    saved_text = blocks_as_text(body["view"]["blocks"])
    assert "Tiltak #1 er registrert" in saved_text
    assert FRIDAY in saved_text
    [tiltak] = await all_tiltak(rt)
    assert (tiltak.owner_id, tiltak.counterpart_id, tiltak.source) == (EMPLOYEE, MANAGER, "modal")
    assert (tiltak.text, tiltak.note, tiltak.due_date) == ("Lage plan for\nopplæring", "Se notatene", date(2026, 12, 4))
    assert await sweep_at(rt, clock, clock.now()) == [(CREATED, EMPLOYEE)]
    # Reminded like any other tiltak.
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0)) == both(DUE)


async def test_modal_for_oneself_has_no_counterpart(slack: SlackSimulator, fake: FakeSlack, rt: Runtime) -> None:
    await slack.command(EMPLOYEE, "tiltak")
    view = fake.calls_to("views.open")[-1].args["view"]
    body = (await slack.submit(EMPLOYEE, view, modal_values("Lese boka", EMPLOYEE, "2026-12-04"))).json()
    assert body["response_action"] == "update"
    [tiltak] = await all_tiltak(rt)
    assert (tiltak.owner_id, tiltak.counterpart_id, tiltak.note) == (EMPLOYEE, None, None)
    assert await outbox_rows(rt) == []


async def test_new_tiltak_button_in_home_opens_the_modal(slack: SlackSimulator, fake: FakeSlack) -> None:
    await slack.open_home(ENGLISH)
    assert "[New action point]" in home_text(fake, ENGLISH)
    await slack.click(ENGLISH, ids.TILTAK_NEW, value="new", container={"type": "view"})
    [opened] = fake.calls_to("views.open")
    assert opened.args["view"]["callback_id"] == ids.TILTAK_MODAL
    assert opened.args["view"]["title"]["text"] == "New action point"


# reminders -----------------------------------------------------------------------------------------


async def test_both_parties_reminded_once_at_nine_on_the_due_day(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    tiltak_id = await manager_asks_employee(slack, rt, clock)
    assert await sweep_at(rt, clock, oslo(2026, 12, 3, 16, 0)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 8, 59)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0)) == both(DUE)
    due_rows = await outbox_rows(rt, DUE)
    assert [(r.recipient_id, r.not_before, r.status) for r in due_rows] == [
        (EMPLOYEE, oslo(2026, 12, 4, 9, 0), OutboxStatus.SENT),
        (MANAGER, oslo(2026, 12, 4, 9, 0), OutboxStatus.SENT),
    ]
    # A second sweep, and later ones that day, send nothing.
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 15, 0)) == []

    [created, owner_reminder] = dms(fake, EMPLOYEE)
    owner_text = dm_text(owner_reminder)
    assert f"Tiltak #1 har frist i dag, {FRIDAY}." in owner_text
    assert "> Oppdatere opplæringsplanen" in owner_text
    assert f"Du er ansvarlig, og <@{MANAGER}> følger opp." in owner_text
    assert "[Ferdig] [2026-12-04] [Avbryt tiltaket]" in owner_text
    [counterpart_reminder] = dms(fake, MANAGER)
    assert f"<@{EMPLOYEE}> er ansvarlig, og du følger opp." in dm_text(counterpart_reminder)
    buttons = next(b for b in counterpart_reminder.args["blocks"] if b["type"] == "actions")
    assert buttons["block_id"] == ids.tiltak_block(tiltak_id)
    assert {e["action_id"] for e in buttons["elements"]} == {ids.TILTAK_DONE, ids.TILTAK_POSTPONE, ids.TILTAK_CANCEL}
    assert created.args["text"] != owner_reminder.args["text"]


async def test_deadline_on_a_weekend_is_reminded_on_the_friday_before(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await manager_asks_employee(slack, rt, clock, when="søndag")  # Sunday 6 December
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 8, 59)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0)) == both(DUE)
    text = dm_text(dms(fake, MANAGER)[-1])
    assert "Påminnelse om tiltak #1, frist søndag 6. desember 2026 (uke 49)." in text
    assert await sweep_at(rt, clock, oslo(2026, 12, 7, 9, 0)) == []


async def test_due_on_christmas_day_is_reminded_on_the_23rd(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    reply = await create(slack, MANAGER, f"tiltak <@{EMPLOYEE}> Bestille julebord innen 25.12")
    assert "fredag 25. desember 2026 (uke 52)" in reply
    await sweep_at(rt, clock, clock.now())
    assert await sweep_at(rt, clock, oslo(2026, 12, 23, 8, 59)) == []
    # Julaften and nyttårsaften are not working days for scheduled messages by default (most workplaces close
    # at noon or earlier), so the last working day before 25.12 is Wednesday 23.12; closures do not move it.
    assert await sweep_at(rt, clock, oslo(2026, 12, 23, 9, 0)) == both(DUE)
    assert await sweep_at(rt, clock, oslo(2026, 12, 24, 9, 0)) == []
    text = dm_text(dms(fake, EMPLOYEE)[-1])
    assert "Påminnelse om tiltak #1, frist fredag 25. desember 2026 (uke 52)." in text
    # Overdue two working days after: 27.–31.12 are inside the default Christmas closure and 1.1 is a holiday,
    # so Monday 4 and Tuesday 5 January.
    assert await sweep_at(rt, clock, oslo(2026, 12, 29, 9, 0)) == []
    assert await sweep_at(rt, clock, oslo(2027, 1, 4, 9, 0)) == []
    assert await sweep_at(rt, clock, oslo(2027, 1, 5, 9, 0)) == both(OVERDUE)


async def test_reminder_after_spring_dst_change_is_at_nine_local(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    # Created on Wednesday 25 March 2026 (UTC+1); Oslo moves to UTC+2 on Sunday 29 March.
    clock.set(oslo(2026, 3, 25, 10, 0))
    reply = await create(slack, MANAGER, f"tiltak <@{EMPLOYEE}> Avtale medarbeidersamtale innen 30.03")
    assert "mandag 30. mars 2026 (uke 14)" in reply
    await sweep_at(rt, clock, clock.now())
    assert await sweep_at(rt, clock, datetime(2026, 3, 30, 6, 59, tzinfo=UTC)) == []
    assert await sweep_at(rt, clock, datetime(2026, 3, 30, 7, 0, tzinfo=UTC)) == both(DUE)
    assert {r.not_before for r in await outbox_rows(rt, DUE)} == {datetime(2026, 3, 30, 7, 0, tzinfo=UTC)}
    assert await sweep_at(rt, clock, datetime(2026, 3, 30, 8, 0, tzinfo=UTC)) == []


async def test_overdue_reminder_after_autumn_dst_change_is_at_nine_local(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    # Due Friday 23 October 2026 (UTC+2); Oslo moves to UTC+1 on Sunday 25 October; overdue Tuesday 27.
    clock.set(oslo(2026, 10, 19, 10, 0))
    await create(slack, MANAGER, f"tiltak <@{EMPLOYEE}> Følge opp sykefraværet innen fredag")
    await sweep_at(rt, clock, clock.now())
    assert await sweep_at(rt, clock, datetime(2026, 10, 23, 6, 59, tzinfo=UTC)) == []
    assert await sweep_at(rt, clock, datetime(2026, 10, 23, 7, 0, tzinfo=UTC)) == both(DUE)
    assert await sweep_at(rt, clock, datetime(2026, 10, 27, 7, 59, tzinfo=UTC)) == []
    assert await sweep_at(rt, clock, datetime(2026, 10, 27, 8, 0, tzinfo=UTC)) == both(OVERDUE)
    assert {r.not_before for r in await outbox_rows(rt, OVERDUE)} == {datetime(2026, 10, 27, 8, 0, tzinfo=UTC)}


async def test_new_york_owner_is_reminded_at_nine_new_york_time(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await create(slack, MANAGER, f"tiltak <@{NEW_YORK}> Send the numbers innen fredag")
    await sweep_at(rt, clock, datetime(2026, 11, 30, 15, 0, tzinfo=UTC))  # the "created" DM, 10:00 in New York
    assert await sweep_at(rt, clock, datetime(2026, 12, 4, 8, 0, tzinfo=UTC)) == [(DUE, MANAGER)]
    assert await sweep_at(rt, clock, datetime(2026, 12, 4, 13, 59, tzinfo=UTC)) == []
    assert await sweep_at(rt, clock, datetime(2026, 12, 4, 14, 0, tzinfo=UTC)) == [(DUE, NEW_YORK)]
    assert await sweep_at(rt, clock, datetime(2026, 12, 4, 14, 0, tzinfo=UTC)) == []
    text = dm_text(dms(fake, NEW_YORK)[-1])
    assert "Action point #1 is due today, Friday 4 December 2026 (week 49)." in text
    assert f"You own it, and <@{MANAGER}> follows up." in text
    # Overdue on Tuesday 8 December at 09:00 in each zone.
    assert await sweep_at(rt, clock, datetime(2026, 12, 8, 8, 0, tzinfo=UTC)) == [(OVERDUE, MANAGER)]
    assert await sweep_at(rt, clock, datetime(2026, 12, 8, 14, 0, tzinfo=UTC)) == [(OVERDUE, NEW_YORK)]


async def test_overdue_reminder_comes_once_two_working_days_after(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await manager_asks_employee(slack, rt, clock)
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0)) == both(DUE)
    assert await sweep_at(rt, clock, oslo(2026, 12, 7, 9, 0)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 8, 8, 59)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 8, 9, 0)) == both(OVERDUE)
    assert await sweep_at(rt, clock, oslo(2026, 12, 8, 9, 0)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 9, 9, 0)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 15, 9, 0)) == []
    assert len(await outbox_rows(rt, OVERDUE)) == 2
    # Five weeks on, retention has deleted the sent rows (30 days, issue 13); the reminder is not planned again.
    assert await sweep_at(rt, clock, oslo(2027, 1, 11, 9, 0)) == []
    assert await outbox_rows(rt, OVERDUE) == []
    text = dm_text(dms(fake, EMPLOYEE)[-1])
    assert f"Fristen for tiltak #1 gikk ut {FRIDAY}. Er det gjort?" in text
    assert len(dms(fake, EMPLOYEE)) == 3  # created, due, overdue
    assert len(dms(fake, MANAGER)) == 2  # due, overdue


async def test_a_missed_due_day_gives_the_overdue_reminder_only(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await manager_asks_employee(slack, rt, clock)
    # The bot was down from Thursday until Wednesday 9 December.
    assert await sweep_at(rt, clock, oslo(2026, 12, 9, 10, 0)) == both(OVERDUE)
    assert await outbox_rows(rt, DUE) == []


async def test_a_paused_owner_gets_the_overdue_reminder_when_the_pause_ends(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await manager_asks_employee(slack, rt, clock)
    await slack.command(EMPLOYEE, "pause til 14.12")
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0)) == [(DUE, MANAGER)]
    assert await sweep_at(rt, clock, oslo(2026, 12, 8, 9, 0)) == [(OVERDUE, MANAGER)]
    assert await sweep_at(rt, clock, oslo(2026, 12, 11, 9, 0)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 14, 9, 0)) == [(OVERDUE, EMPLOYEE)]
    assert await sweep_at(rt, clock, oslo(2026, 12, 15, 9, 0)) == []


# closing and postponing ----------------------------------------------------------------------------


async def test_done_by_number_before_the_deadline_stops_all_reminders(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await manager_asks_employee(slack, rt, clock)
    clock.set(oslo(2026, 12, 2, 11, 0))
    await slack.command(EMPLOYEE, "ferdig 1")
    assert is_private_reply(slack.last_reply())
    assert "Tiltak #1 er merket som ferdig. Bra jobba!" in reply_text(slack)
    tiltak = await tiltak_no(rt, 1)
    assert (tiltak.status, tiltak.closed_by, tiltak.closed_at) == (
        TiltakStatus.DONE,
        EMPLOYEE,
        oslo(2026, 12, 2, 11, 0),
    )
    assert await sweep_at(rt, clock, clock.now()) == [(CHANGED, MANAGER)]
    assert f"<@{EMPLOYEE}> har merket tiltak #1 som ferdig." in dm_text(dms(fake, MANAGER)[0])
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 8, 9, 0)) == []
    assert len(dms(fake, EMPLOYEE)) == 1  # only the "created" DM
    assert len(dms(fake, MANAGER)) == 1
    # Done twice is explained, not repeated.
    await slack.command(MANAGER, "done 1")
    assert "Tiltak #1 er allerede avsluttet." in reply_text(slack)
    assert await sweep_at(rt, clock, clock.now()) == []


async def test_done_button_in_the_reminder_replaces_it_and_stops_the_overdue(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    tiltak_id = await manager_asks_employee(slack, rt, clock)
    await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0))
    clock.set(oslo(2026, 12, 4, 14, 0))
    response = await slack.click(EMPLOYEE, ids.TILTAK_DONE, value=str(tiltak_id), block_id=ids.tiltak_block(tiltak_id))
    assert response.status == 200
    reply = slack.last_reply()
    assert reply["replace_original"] is True
    assert "Tiltak #1 er merket som ferdig" in reply_text(slack)
    assert (await tiltak_no(rt, 1)).status == TiltakStatus.DONE
    assert await sweep_at(rt, clock, clock.now()) == [(CHANGED, MANAGER)]
    assert await sweep_at(rt, clock, oslo(2026, 12, 8, 9, 0)) == []


async def test_postponing_with_the_date_picker_moves_the_reminders(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    tiltak_id = await manager_asks_employee(slack, rt, clock)
    clock.set(oslo(2026, 12, 3, 10, 0))
    response = await slack.click(
        MANAGER, ids.TILTAK_POSTPONE, block_id=ids.tiltak_block(tiltak_id), selected_date="2026-12-11"
    )
    assert response.status == 200
    assert slack.last_reply()["replace_original"] is True
    assert "Ny frist for tiltak #1: fredag 11. desember 2026 (uke 50)." in reply_text(slack)
    tiltak = await tiltak_no(rt, 1)
    assert (tiltak.due_date, tiltak.status) == (date(2026, 12, 11), TiltakStatus.OPEN)
    [moved] = await postponements(rt, tiltak_id)
    assert (moved.from_date, moved.to_date, moved.by_user) == (date(2026, 12, 4), date(2026, 12, 11), MANAGER)

    assert await sweep_at(rt, clock, clock.now()) == [(CHANGED, EMPLOYEE)]
    told = dm_text(dms(fake, EMPLOYEE)[-1])
    assert f"<@{MANAGER}> har flyttet fristen for tiltak #1 fra {FRIDAY} til fredag 11. desember 2026 (uke 50)." in told
    # Nothing on the old dates, the reminders on the new one.
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 8, 9, 0)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 11, 9, 0)) == both(DUE)
    assert "Tiltak #1 har frist i dag, fredag 11. desember 2026 (uke 50)." in dm_text(dms(fake, MANAGER)[-1])
    assert await sweep_at(rt, clock, oslo(2026, 12, 15, 9, 0)) == both(OVERDUE)
    assert len(await outbox_rows(rt, CHANGED)) == 1


async def test_postponing_after_the_reminders_plans_them_again_and_cancels_pending_ones(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    tiltak_id = await manager_asks_employee(slack, rt, clock)
    await slack.command(EMPLOYEE, "pause til 14.12")
    await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0))
    # Ola is paused: his overdue reminder waits (pending) for Monday 14 December.
    assert await sweep_at(rt, clock, oslo(2026, 12, 8, 9, 0)) == [(OVERDUE, MANAGER)]
    [waiting] = [r for r in await outbox_rows(rt, OVERDUE) if r.recipient_id == EMPLOYEE]
    assert waiting.status == OutboxStatus.PENDING
    clock.set(oslo(2026, 12, 8, 10, 0))
    await slack.click(MANAGER, ids.TILTAK_POSTPONE, block_id=ids.tiltak_block(tiltak_id), selected_date="2026-12-18")
    assert "fredag 18. desember 2026 (uke 51)" in reply_text(slack)
    [waiting] = [r for r in await outbox_rows(rt, OVERDUE) if r.recipient_id == EMPLOYEE]
    assert waiting.status == OutboxStatus.CANCELLED
    assert await sweep_at(rt, clock, clock.now()) == [(CHANGED, EMPLOYEE)]
    assert await sweep_at(rt, clock, oslo(2026, 12, 14, 9, 0)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 18, 9, 0)) == both(DUE)


async def test_postponing_to_a_past_date_is_refused(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    tiltak_id = await manager_asks_employee(slack, rt, clock)
    await slack.click(EMPLOYEE, ids.TILTAK_POSTPONE, block_id=ids.tiltak_block(tiltak_id), selected_date="2026-11-20")
    assert is_private_reply(slack.last_reply())
    assert "Den datoen har allerede vært" in reply_text(slack)
    assert (await tiltak_no(rt, 1)).due_date == date(2026, 12, 4)
    assert await postponements(rt, tiltak_id) == []
    assert await sweep_at(rt, clock, clock.now()) == []


async def test_cancel_button_tells_the_other_party_and_stops_reminders(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    tiltak_id = await manager_asks_employee(slack, rt, clock)
    await slack.command(MANAGER, "liste")
    listed = slack.last_reply()
    cancel = next(
        e
        for b in listed["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == ids.TILTAK_CANCEL
    )
    assert cancel["value"] == str(tiltak_id)
    assert "confirm" in cancel
    await slack.click(MANAGER, ids.TILTAK_CANCEL, value=cancel["value"], block_id=ids.tiltak_block(tiltak_id))
    assert slack.last_reply()["replace_original"] is True
    assert "Tiltak #1 er avbrutt." in reply_text(slack)
    tiltak = await tiltak_no(rt, 1)
    assert (tiltak.status, tiltak.closed_by) == (TiltakStatus.CANCELLED, MANAGER)
    assert await sweep_at(rt, clock, clock.now()) == [(CHANGED, EMPLOYEE)]
    assert f"<@{MANAGER}> har avbrutt tiltak #1." in dm_text(dms(fake, EMPLOYEE)[-1])
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 8, 9, 0)) == []
    await slack.command(EMPLOYEE, "liste")
    assert "Du har ingen åpne tiltak." in reply_text(slack)


# who may act ---------------------------------------------------------------------------------------


async def test_a_third_person_cannot_complete_someone_elses_tiltak(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    tiltak_id = await manager_asks_employee(slack, rt, clock)
    before = [(r.id, r.status) for r in await outbox_rows(rt)]

    await slack.click(COLLEAGUE, ids.TILTAK_DONE, value=str(tiltak_id), block_id=ids.tiltak_block(tiltak_id))
    assert is_private_reply(slack.last_reply())
    assert "Bare den som er ansvarlig for tiltaket og den som følger det opp, kan endre det." in reply_text(slack)

    await slack.click(COLLEAGUE, ids.TILTAK_CANCEL, value=str(tiltak_id), block_id=ids.tiltak_block(tiltak_id))
    assert "Bare den som er ansvarlig" in reply_text(slack)

    await slack.click(COLLEAGUE, ids.TILTAK_POSTPONE, block_id=ids.tiltak_block(tiltak_id), selected_date="2027-01-15")
    assert "Bare den som er ansvarlig" in reply_text(slack)

    await slack.command(COLLEAGUE, "ferdig 1")
    assert is_private_reply(slack.last_reply())
    text = reply_text(slack)
    assert "Fant ikke noe tiltak #1 hos deg." in text
    assert "Oppdatere opplæringsplanen" not in text  # no leak of someone else's tiltak

    # Forged values that are no id at all, or more than the database holds.
    for forged in ("1 OR 1=1", "²", "99999999999999999999", ""):
        replies = len(fake.responses)
        response = await slack.click(COLLEAGUE, ids.TILTAK_DONE, value=forged, block_id="actions")
        assert response.status == 200
        assert len(fake.responses) == replies + 1
        assert "Bare den som er ansvarlig" in reply_text(slack)
    for forged in ("tiltak:²", "tiltak:99999999999999999999", "tiltak:x", "actions"):
        await slack.click(COLLEAGUE, ids.TILTAK_POSTPONE, block_id=forged, selected_date="2027-01-15")
        assert "Bare den som er ansvarlig" in reply_text(slack)

    # In English for an English speaker.
    await slack.click(ENGLISH, ids.TILTAK_DONE, value=str(tiltak_id), block_id=ids.tiltak_block(tiltak_id))
    assert "Only the action point's owner and the person following it up can change it." in reply_text(slack)

    tiltak = await tiltak_no(rt, 1)
    assert (tiltak.status, tiltak.closed_by, tiltak.due_date) == (TiltakStatus.OPEN, None, date(2026, 12, 4))
    assert await postponements(rt, tiltak_id) == []
    assert [(r.id, r.status) for r in await outbox_rows(rt)] == before
    assert await sweep_at(rt, clock, clock.now()) == []
    assert dms(fake, COLLEAGUE) == []
    # The owner and the counterpart are still reminded; the third person never is.
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 0)) == both(DUE)


async def test_the_counterpart_may_complete(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await manager_asks_employee(slack, rt, clock)
    await slack.command(MANAGER, "ferdig #1")
    assert "Tiltak #1 er merket som ferdig" in reply_text(slack)
    assert await sweep_at(rt, clock, clock.now()) == [(CHANGED, EMPLOYEE)]


# seeing --------------------------------------------------------------------------------------------


async def test_list_shows_owned_and_followed_up_tiltak_soonest_first(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime
) -> None:
    await create(slack, MANAGER, f"tiltak <@{EMPLOYEE}> Ola eier, Kari følger opp innen 11.12")  # 1
    await create(slack, COLLEAGUE, f"tiltak <@{EMPLOYEE}> Ola eier, Per følger opp innen fredag")  # 2, 4.12
    await create(slack, EMPLOYEE, "tiltak Olas eget innen 18.12")  # 3
    await create(slack, MANAGER, f"tiltak <@{COLLEAGUE}> Per eier, ikke Olas innen 3.12")  # 4
    await create(slack, EMPLOYEE, f"tiltak <@{MANAGER}> Kari eier, Ola følger opp innen 7.12")  # 5
    await create(slack, EMPLOYEE, "tiltak Olas lukkede innen 5.12")  # 6
    await slack.command(EMPLOYEE, "ferdig 6")

    await slack.command(EMPLOYEE, "liste")
    reply = slack.last_reply()
    assert is_private_reply(reply)
    text = reply_text(slack)
    assert "Dine åpne tiltak" in text
    positions = [text.index(f"*#{n}*") for n in (2, 5, 1, 3)]
    assert positions == sorted(positions)
    assert "*#4*" not in text
    assert "*#6*" not in text
    assert "Per eier" not in text
    by_number = {t.number: t.id for t in await all_tiltak(rt)}
    action_blocks = [b["block_id"] for b in reply["blocks"] if b["type"] == "actions"]
    assert action_blocks == [ids.tiltak_block(by_number[n] or 0) for n in (2, 5, 1, 3)]

    await slack.command(COLLEAGUE, "list")
    text = reply_text(slack)
    assert [n for n in range(1, 7) if f"*#{n}*" in text] == [2, 4]


async def test_list_in_english_when_empty(slack: SlackSimulator) -> None:
    await slack.command(ENGLISH, "list")
    text = reply_text(slack)
    assert "Your open action points" in text
    assert "You have no open action points." in text


async def test_home_shows_open_tiltak_and_done_in_home_republishes_without_it(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    tiltak_id = await manager_asks_employee(slack, rt, clock)
    await slack.open_home(EMPLOYEE)
    text = home_text(fake, EMPLOYEE)
    assert "*#1* Oppdatere opplæringsplanen" in text
    assert f"Frist {FRIDAY}" in text
    assert "[Ferdig] [2026-12-04] [Avbryt tiltaket]" in text
    published = len(fake.calls_to("views.publish"))
    responses = len(fake.responses)

    await slack.click(
        EMPLOYEE,
        ids.TILTAK_DONE,
        value=str(tiltak_id),
        block_id=ids.tiltak_block(tiltak_id),
        container={"type": "view", "view_id": "VHOME"},
    )
    assert len(fake.calls_to("views.publish")) == published + 1
    text = home_text(fake, EMPLOYEE)
    assert "*#1*" not in text
    assert "Ingen åpne tiltak akkurat nå." in text
    assert len(fake.responses) == responses  # no ephemeral reply on success in Home
    assert (await tiltak_no(rt, 1)).status == TiltakStatus.DONE
    assert await sweep_at(rt, clock, clock.now()) == [(CHANGED, MANAGER)]


async def test_refusal_in_home_is_ephemeral_and_home_is_unchanged(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    tiltak_id = await manager_asks_employee(slack, rt, clock)
    await slack.click(
        COLLEAGUE,
        ids.TILTAK_DONE,
        value=str(tiltak_id),
        block_id=ids.tiltak_block(tiltak_id),
        container={"type": "view", "view_id": "VHOME"},
    )
    assert "Bare den som er ansvarlig" in reply_text(slack)
    assert "*#1*" not in home_text(fake, COLLEAGUE)
    assert (await tiltak_no(rt, 1)).status == TiltakStatus.OPEN
