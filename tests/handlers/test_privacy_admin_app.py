"""`admin slett|eksport|logg`, the App Home's deletion request and the audit log, through the real app (issue 13).

Anne (UANNE) is a Slack admin. Kari (UKARI) manages Ola (UOLA) with 1:1s and a shared agenda; they have tiltak
both ways with Per (UPER). Deleting a person must leave no trace of their id in any row of any table (scanned
directly, independent of the registry that does the deleting), and only after the modal is confirmed.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select as sa_select
from sqlmodel import SQLModel, col, select

from bot.app import Runtime
from bot.clock import ManualClock
from bot.core.audit import Action
from handlers import ids
from sim.driver import SlackSimulator
from storage.db import transaction
from storage.oneonone_models import OneOnOnePair
from storage.privacy_models import AuditEntry
from storage.pulse_models import PulseRound, PulseTally
from storage.tiltak_models import Tiltak
from tests.conftest import COLLEAGUE, EMPLOYEE, MANAGER, NOW, TEAM
from tests.consent_helpers import accept_in_home
from tests.driver import dm_text, dms, home_text, reply_text, sweep_at
from tests.privacy_helpers import exported_files

ADMIN = "UANNE"
SECRET = "HEMMELIG-helseopplysning-42"


async def rows_naming(rt: Runtime, user_id: str) -> list[str]:
    """Every row of every table in which `user_id` occurs in any column, as `table: row`."""
    found = []
    async with transaction(rt.services.deps.sessions) as session:
        for table in SQLModel.metadata.sorted_tables:
            for row in (await session.exec(sa_select(table))).all():  # type: ignore[call-overload]
                dump = json.dumps(dict(row._mapping), default=str, ensure_ascii=False)
                if user_id in dump:
                    found.append(f"{table.name}: {dump}")
    return found


async def a_workplace(slack: SlackSimulator, rt: Runtime, clock: ManualClock) -> None:
    slack.fake.add_user(ADMIN, is_admin=True, real_name="Anne Admin")
    await slack.command(ADMIN, "hjelp")
    await slack.command(MANAGER, f"1til1 <@{EMPLOYEE}|ola> ukentlig torsdag kl. 10:00")
    await accept_in_home(slack, slack.fake, EMPLOYEE)
    async with transaction(rt.services.deps.sessions) as session:
        pair = (await session.exec(select(OneOnOnePair))).one()
        session.add(
            PulseRound(
                id="r1",
                team_id=TEAM,
                round_day=NOW.date(),
                number=1,
                at_minutes=600,
                questions=["q"],
                k=3,
                closes_at=NOW,
                status="closed",
            )
        )
        await session.flush()
        session.add(PulseTally(team_id=TEAM, round_id="r1", group_key=MANAGER, n=4, counts={}, shown=True))
    await rt.services.meetings.update_agenda(
        team_id=TEAM, actor_id=EMPLOYEE, pair_id=pair.id or 0, new_topic=SECRET, ticked=set()
    )
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> {SECRET} innen fredag")
    await slack.command(EMPLOYEE, f"tiltak <@{COLLEAGUE}|per> Sjekke tilgangene innen fredag")
    await slack.command(COLLEAGUE, f"tiltak <@{MANAGER}|kari> Bestille nøkkelkort innen fredag")
    async with transaction(rt.services.deps.sessions) as session:
        pers = (await session.exec(select(Tiltak).where(col(Tiltak.owner_id) == COLLEAGUE))).one()
        pers.note = f"Spør <@{EMPLOYEE}|ola> om koden og <@{MANAGER}> om budsjettet"
    await slack.command(EMPLOYEE, "språk nn")
    await slack.command(EMPLOYEE, "mine-data")
    await sweep_at(rt, clock, NOW)


def opened_views(slack: SlackSimulator) -> list[dict[str, Any]]:
    return [call.args["view"] for call in slack.fake.calls_to("views.open")]


@pytest.mark.parametrize("subject", [EMPLOYEE, MANAGER])
async def test_admin_slett_removes_every_row_about_the_person_after_confirmation(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, subject: str
) -> None:
    await a_workplace(slack, rt, clock)
    before = await rows_naming(rt, subject)
    assert len(before) > 10

    await slack.command(ADMIN, f"admin slett <@{subject}|x>")
    [modal] = opened_views(slack)
    assert modal["callback_id"] == ids.PRIVACY_DELETE_MODAL
    shown = json.dumps(modal["blocks"], ensure_ascii=False)
    assert "Tiltak der personen er ansvarleg" not in shown  # Anne writes bokmål
    assert "Tiltak der personen er ansvarlig: 1" in shown
    assert "1:1-samtaler (med møter og agenda)" in shown
    assert "publiserte resultater fra ukepulsen" in shown
    assert await rows_naming(rt, subject) == before, "nothing is deleted before the confirmation"

    forged = await slack.submit(COLLEAGUE, modal, {})  # someone else submitting the same modal
    assert "Bare administratorer" in json.dumps(forged.json(), ensure_ascii=False)
    assert await rows_naming(rt, subject) == before

    done = await slack.submit(ADMIN, modal, {})
    assert "er slettet" in json.dumps(done.json(), ensure_ascii=False)
    assert await rows_naming(rt, subject) == []

    async with transaction(rt.services.deps.sessions) as session:
        pers = (await session.exec(select(Tiltak).where(col(Tiltak.owner_id) == COLLEAGUE))).one()
        tally = (await session.exec(select(PulseTally))).one()
        deleted = (await session.exec(select(AuditEntry).where(col(AuditEntry.action) == Action.PERSON_DELETED))).one()
    assert pers.status == "open"  # Per keeps his own tiltak; only the name is gone
    assert "om koden" in (pers.note or "")
    assert tally.n == 4  # the published aggregate stays, tied to nobody
    assert (deleted.actor_id, deleted.subject_id) == (ADMIN, None)


async def test_an_admin_cannot_delete_themself_and_needs_a_mention(slack: SlackSimulator) -> None:
    slack.fake.add_user(ADMIN, is_admin=True, real_name="Anne Admin")
    await slack.command(ADMIN, f"admin slett <@{ADMIN}|anne>")
    assert "annen administrator" in reply_text(slack)
    await slack.command(ADMIN, "admin slett Ola")
    assert "`/oppfolging admin slett @Ola`" in reply_text(slack)
    assert opened_views(slack) == []


ADMIN_COMMANDS = [
    f"admin leder <@{COLLEAGUE}|per> <@{EMPLOYEE}|ola>",
    f"admin manager <@{COLLEAGUE}|per> <@{EMPLOYEE}|ola>",
    f"admin slett <@{EMPLOYEE}|ola>",
    f"admin delete <@{EMPLOYEE}|ola>",
    f"admin eksport <@{EMPLOYEE}|ola>",
    f"admin export <@{EMPLOYEE}|ola>",
    "admin logg",
    "admin log",
    "admin fravær på",
    "admin absence on",
    "admin fravær av",
    "admin medarbeidersamtale oktober–november",
    "admin review october–november",
    "admin",
    "admin noe-annet",
]


async def test_a_non_admin_cannot_use_any_admin_command(slack: SlackSimulator, rt: Runtime, clock: ManualClock) -> None:
    """Every admin command from a colleague, one after the other in one workplace: each is refused and changes
    nothing, so the next finds the workplace as the first did (one set-up instead of one per command)."""
    await a_workplace(slack, rt, clock)
    before = await rows_naming(rt, EMPLOYEE)
    for text in ADMIN_COMMANDS:
        slack.fake.reset()
        await slack.command(COLLEAGUE, text)
        assert "Bare administratorer" in reply_text(slack), text
        assert slack.fake.calls_to("views.open") == [], text
        assert slack.fake.calls_to("files.completeUploadExternal") == [], text
        assert await rows_naming(rt, EMPLOYEE) == before, text
        assert await sweep_at(rt, clock, NOW) == [], text  # nobody is told anything


async def test_admin_eksport_sends_the_person_s_data_to_the_admin_and_tells_the_person(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock
) -> None:
    await a_workplace(slack, rt, clock)
    await slack.command(ADMIN, f"admin eksport <@{EMPLOYEE}|ola>")
    assert f"<@{EMPLOYEE}> får beskjed" in reply_text(slack)
    [data] = exported_files(slack.fake, ADMIN)
    assert data["person"]["user_id"] == EMPLOYEE
    assert data["manager"] == MANAGER
    assert "not linkable" in data["pulse_answers"]
    summary = dm_text(dms(slack.fake, ADMIN)[-1])
    assert f"Innsyn: dette er lagret om <@{EMPLOYEE}>" in summary
    assert "Svar på ukepulsen er ikke med" in summary
    assert ("notice", EMPLOYEE) in await sweep_at(rt, clock, NOW)
    assert f"<@{ADMIN}> har henta ut" in dm_text(dms(slack.fake, EMPLOYEE)[-1])


async def test_a_person_asks_for_deletion_from_the_app_home(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock
) -> None:
    await slack.open_home(EMPLOYEE)
    home = home_text(slack.fake, EMPLOYEE)
    assert "Be om sletting" in home
    assert "docs/personvern.md" in home
    await slack.click(EMPLOYEE, ids.HOME_HELP, value="", container={"type": "view"})
    assert "docs/personvern.md" in json.dumps(opened_views(slack)[-1], ensure_ascii=False)
    await slack.click(EMPLOYEE, ids.HOME_DELETE_REQUEST, value="", container={"type": "view"})
    assert "fant ingen administrator" in json.dumps(opened_views(slack)[-1], ensure_ascii=False)

    slack.fake.add_user(ADMIN, is_admin=True, real_name="Anne Admin")
    await slack.command(ADMIN, "hjelp")
    await slack.click(EMPLOYEE, ids.HOME_DELETE_REQUEST, value="", container={"type": "view"})
    assert "sendt til 1 administrator" in json.dumps(opened_views(slack)[-1], ensure_ascii=False)
    assert ("notice", ADMIN) in await sweep_at(rt, clock, NOW)
    assert f"<@{EMPLOYEE}> ber om at alt" in dm_text(dms(slack.fake, ADMIN)[-1])


async def test_admin_logg_shows_the_audit_log_and_no_audit_row_carries_content(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock
) -> None:
    await a_workplace(slack, rt, clock)
    await slack.command(ADMIN, f"admin leder <@{COLLEAGUE}|per> <@{EMPLOYEE}|ola>")
    await slack.command(ADMIN, f"admin eksport <@{EMPLOYEE}|ola>")
    await slack.command(ADMIN, f"admin slett <@{COLLEAGUE}|per>")
    await slack.submit(ADMIN, opened_views(slack)[-1], {})
    await slack.event({"type": "user_change", "user": {"id": MANAGER, "deleted": True}})
    await slack.event({"type": "app_uninstalled"})

    async with transaction(rt.services.deps.sessions) as session:
        entries = (await session.exec(select(AuditEntry))).all()
    assert set(AuditEntry.model_fields) == {"id", "team_id", "actor_id", "action", "subject_id", "at"}
    people = {ADMIN, MANAGER, EMPLOYEE, COLLEAGUE, None}
    for entry in entries:
        assert entry.action in {action.value for action in Action}
        assert entry.actor_id in people
        assert entry.subject_id in people
        assert SECRET not in json.dumps(entry.model_dump(), default=str)
    assert {e.action for e in entries} >= {
        "manager.accepted",
        "manager.set",
        "data.exported",
        "person.deleted",
        "person.offboarded",
        "workspace.stopped",
    }

    await slack.command(ADMIN, "admin logg")
    shown = reply_text(slack)
    assert "Revisjonslogg (siste 50)" in shown
    assert f"<@{ADMIN}> · satte leder for · <@{EMPLOYEE}>" in shown
    assert "slettet alle data om en person" in shown
    assert SECRET not in shown
