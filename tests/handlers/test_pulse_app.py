"""The weekly pulse through the real AsyncApp over signed HTTP, with the real services and outbox on SQLite.

What issue 6 promises, end to end: the DM's "Svar" opens the modal and an answer is stored (as a count in the
team's tally); a second answer is refused kindly; only the one who has not answered is reminded, once; a manager
gets no pulse for their own team (but does for the team they are in); results appear at k answers and not at
k − 1; small teams are not asked; the manager sees the response rate, never who. Pause, closures and the admin
settings are in `test_pulse_settings_app.py`, the database inspection in `test_pulse_privacy_app.py`.
"""

from __future__ import annotations

import pytest

from bot.app import Runtime
from bot.clock import ManualClock
from handlers.blocks.plaintext import blocks_as_text
from handlers.ids import PULSE_MODAL
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from tests.conftest import COLLEAGUE, EMPLOYEE, ENGLISH, MANAGER, NEW_YORK, oslo
from tests.driver import dm_text, home_text, reply_text
from tests.pulse_helpers import (
    ANNE,
    BOSS,
    BOSS_TEAM,
    FRIDAY,
    JON,
    KARIS_TEAM,
    MONDAY_CLOSE,
    OPEN,
    REMIND,
    ROBOT,
    WEDNESDAY,
    ack_text,
    add_people,
    answer,
    join_team,
    last_opened,
    make_team,
    open_modal,
    pulse_dms,
    round_of,
    sent,
    stored,
    submit,
    sweep_at,
    tally_for,
)


@pytest.fixture(autouse=True)
def _people(fake: FakeSlack) -> None:
    add_people(fake)


# asking ----------------------------------------------------------------------------------------------------


async def test_the_round_opens_at_ten_in_each_persons_zone(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack
) -> None:
    reply = await make_team(slack, MANAGER, KARIS_TEAM)
    assert "Teamet får ukepulsen" in reply
    assert await sweep_at(rt, clock, oslo(2026, 12, 2, 9, 59)) == []
    oslo_people = [m for m in KARIS_TEAM if m != NEW_YORK]
    assert await sweep_at(rt, clock, WEDNESDAY) == sent(OPEN, *oslo_people)
    assert await sweep_at(rt, clock, oslo(2026, 12, 2, 15, 59)) == []
    assert await sweep_at(rt, clock, oslo(2026, 12, 2, 16)) == sent(OPEN, NEW_YORK)
    text = dm_text(pulse_dms(fake, EMPLOYEE)[0])
    assert "Ukas puls er åpen" in text
    assert "mandag 7. desember 2026 kl. 08.00 (uke 50)" in text
    assert "minst 5 har svart" in text
    assert "This week's pulse is open" in dm_text(pulse_dms(fake, ENGLISH)[0])
    assert "Monday 7 December 2026 at 02:00 (week 50)" in dm_text(pulse_dms(fake, NEW_YORK)[0])


async def test_the_button_opens_the_modal_and_an_answer_is_stored(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack
) -> None:
    await join_team(rt, MANAGER, KARIS_TEAM)
    await sweep_at(rt, clock, WEDNESDAY)
    round_id = round_of(pulse_dms(fake, EMPLOYEE)[0])
    view = await open_modal(slack, fake, EMPLOYEE, round_id)
    assert view["callback_id"] == PULSE_MODAL
    assert view["private_metadata"] == round_id
    text = blocks_as_text(view["blocks"])
    assert "Hvordan har arbeidsuka di vært?" in text
    assert "Hvem ser hva" in text
    assert "bare når minst 5 har svart" in text
    radios = [b["element"]["options"] for b in view["blocks"] if b.get("element", {}).get("type") == "radio_buttons"]
    assert len(radios) == 3
    assert radios[1][0]["text"]["text"] == "1 – Helt uenig"
    assert radios[1][4]["text"]["text"] == "5 – Helt enig"

    acked = await submit(slack, EMPLOYEE, view, (4, 5, 2), "Fin uke")
    assert acked["response_action"] == "update"
    assert "Svaret ditt er registrert, uten navn" in ack_text(acked)
    tally = await tally_for(rt, MANAGER)
    assert tally is not None
    assert tally.n == 1
    rounds, _, _, _ = await stored(rt)
    anchor, first, second = rounds[0].questions
    assert tally.counts == {anchor: [0, 0, 0, 1, 0], first: [0, 0, 0, 0, 1], second: [0, 1, 0, 0, 0]}
    assert tally.comments == ["Fin uke"]
    assert "Takk for svaret" in home_text(fake, EMPLOYEE)


async def test_a_missing_answer_goes_back_next_to_its_question(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack
) -> None:
    await join_team(rt, MANAGER, KARIS_TEAM)
    await sweep_at(rt, clock, WEDNESDAY)
    view = await open_modal(slack, fake, EMPLOYEE, round_of(pulse_dms(fake, EMPLOYEE)[0]))
    acked = await submit(slack, EMPLOYEE, view, (4, None, 2), "x" * 501)
    assert acked["response_action"] == "errors"
    [(block, message)] = acked["errors"].items()
    assert block == view["blocks"][2]["block_id"]
    assert message == "Velg et svar fra 1 til 5 her."
    acked = await submit(slack, EMPLOYEE, view, (4, 3, 2), "x" * 501)
    assert acked["errors"] == {"pulse_comment": "Kommentaren er for lang (over 500 tegn). Skriv den litt kortere."}
    assert await tally_for(rt, MANAGER) is None
    acked = await submit(slack, EMPLOYEE, view, (4, 3, 2), "  ")
    assert acked["response_action"] == "update"
    tally = await tally_for(rt, MANAGER)
    assert tally is not None
    assert (tally.n, tally.comments) == (1, [])


async def test_a_second_answer_is_refused_kindly_and_not_counted(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack
) -> None:
    await join_team(rt, MANAGER, KARIS_TEAM)
    await sweep_at(rt, clock, WEDNESDAY)
    round_id = round_of(pulse_dms(fake, EMPLOYEE)[0])
    view = await open_modal(slack, fake, EMPLOYEE, round_id)
    await open_modal(slack, fake, EMPLOYEE, round_id)  # two modals open at once
    assert (await submit(slack, EMPLOYEE, view, (5, 5, 5), None))["response_action"] == "update"
    acked = await submit(slack, EMPLOYEE, view, (1, 1, 1), None)
    assert acked["response_action"] == "update"
    assert "Du har allerede svart på denne runden" in ack_text(acked)
    await slack.click(EMPLOYEE, "pulse.answer", value=round_id)
    assert "Du har allerede svart på denne runden" in ack_text({"view": last_opened(fake)})
    tally = await tally_for(rt, MANAGER)
    assert tally is not None
    assert tally.n == 1
    assert tally.counts[next(iter(tally.counts))] == [0, 0, 0, 0, 1]


async def test_only_the_non_responder_is_reminded_once(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack
) -> None:
    await join_team(rt, MANAGER, KARIS_TEAM)
    await sweep_at(rt, clock, WEDNESDAY)
    for member in (EMPLOYEE, COLLEAGUE, ENGLISH, ANNE):
        await answer(slack, fake, member, round_of(pulse_dms(fake, member)[0]))
    await sweep_at(rt, clock, oslo(2026, 12, 2, 16))
    await answer(slack, fake, NEW_YORK, round_of(pulse_dms(fake, NEW_YORK)[0]))
    assert await sweep_at(rt, clock, oslo(2026, 12, 4, 9, 59)) == []
    assert await sweep_at(rt, clock, FRIDAY) == sent(REMIND, JON)
    text = dm_text(pulse_dms(fake, JON)[-1])
    assert "Har du ikke rukket ukas puls ennå?" in text
    assert "Dette er den eneste påminnelsen" in text
    for later in (oslo(2026, 12, 4, 16), oslo(2026, 12, 5, 12), oslo(2026, 12, 6, 20), MONDAY_CLOSE):
        assert await sweep_at(rt, clock, later) == []
    assert len(pulse_dms(fake, JON)) == 2
    assert all(len(pulse_dms(fake, m)) == 1 for m in KARIS_TEAM if m != JON)


async def test_a_manager_gets_no_pulse_for_their_own_team_but_for_the_team_they_are_in(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack
) -> None:
    await join_team(rt, MANAGER, KARIS_TEAM)
    await sweep_at(rt, clock, WEDNESDAY)
    assert pulse_dms(fake, MANAGER) == []  # Kari leads a team and is in none

    # A team made after the round opened is asked from the next round: only members at the opening count.
    await join_team(rt, BOSS, BOSS_TEAM)
    assert await sweep_at(rt, clock, oslo(2026, 12, 2, 11)) == []
    in_oslo = [m for m in (*BOSS_TEAM, *KARIS_TEAM) if m != NEW_YORK]
    assert await sweep_at(rt, clock, oslo(2026, 12, 9, 11)) == sent(OPEN, *in_oslo)
    assert pulse_dms(fake, BOSS) == []
    [dm] = pulse_dms(fake, MANAGER)
    await answer(slack, fake, MANAGER, round_of(dm), (2, 2, 2))
    _, tallies, _, _ = await stored(rt)
    open_round = round_of(dm)
    kari_team = [t for t in tallies if t.group_key == MANAGER and t.round_id == open_round]
    boss_team = [t for t in tallies if t.group_key == BOSS and t.round_id == open_round]
    assert [t.n for t in kari_team] in ([], [0])  # her answer is nowhere near her own team
    assert [t.n for t in boss_team] == [1]


async def test_a_manager_cannot_join_their_own_team(slack: SlackSimulator) -> None:
    await slack.command(MANAGER, f"team legg-til <@{MANAGER}|kari> <@{ROBOT}|robot> <@{EMPLOYEE}|ola>")
    text = reply_text(slack)
    assert "Du kan ikke være med i ditt eget team" in text
    assert f"<@{ROBOT}> er en bot" in text
    assert f"Spurt om å bli med i teamet ditt: <@{EMPLOYEE}>." in text
    assert "Teamet ditt er tomt." in text  # until Ola accepts


# what is shown ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("answers", "shown"), [(4, False), (5, True), (6, True)])
async def test_results_appear_from_k_answers(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack, answers: int, shown: bool
) -> None:
    await join_team(rt, MANAGER, KARIS_TEAM)
    await sweep_at(rt, clock, WEDNESDAY)
    await sweep_at(rt, clock, oslo(2026, 12, 2, 16))
    responders = (EMPLOYEE, COLLEAGUE, ENGLISH, NEW_YORK, ANNE, JON)[:answers]
    for index, member in enumerate(responders):
        scores = (index % 5 + 1, 4, 4)
        await answer(slack, fake, member, round_of(pulse_dms(fake, member)[0]), scores, f"kommentar {index}")
    await sweep_at(rt, clock, MONDAY_CLOSE)
    await slack.command(MANAGER, "puls")
    status = reply_text(slack)
    await slack.open_home(EMPLOYEE)
    home = home_text(fake, EMPLOYEE)
    if shown:
        assert f"*Siste resultat, uke 49:* {answers} av 6 svarte." in status
        assert "Arbeidsuka: *" in status
        assert "*Kommentarer* (uten navn, i tilfeldig rekkefølge)" in status
        assert all(f"kommentar {i}" in status for i in range(answers))
        assert f"{answers} av 6 svarte" in home
        assert "kommentar" not in home  # comments are for the manager
    else:
        assert "for få svar til å vise resultat (minst 5 må svare)" in status
        assert "kommentar" not in status
        assert "Arbeidsuka: *" not in status
        assert "for få svar til å vise resultat" in home
    _, tallies, _, _ = await stored(rt)
    team = next(t for t in tallies if t.group_key == MANAGER)
    assert (team.n, team.shown) == (answers, shown)
    assert bool(team.counts) is shown
    assert bool(team.comments) is shown


@pytest.mark.parametrize(("size", "asked"), [(4, False), (5, True)])
async def test_a_team_under_k_members_is_not_asked(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, size: int, asked: bool
) -> None:
    members = KARIS_TEAM[:size]
    reply = await make_team(slack, MANAGER, members)
    assert ("Teamet får ukepulsen" in reply) is asked
    oslo_members = [m for m in members if m != NEW_YORK]
    assert await sweep_at(rt, clock, WEDNESDAY) == (sent(OPEN, *oslo_members) if asked else [])
    await slack.command(MANAGER, "puls")
    status = reply_text(slack)
    if asked:
        assert "Svar så langt: 0 av 5 (0 %). Hvem som har svart, vises aldri." in status
    else:
        assert "Teamet ditt har 4 medlemmer. Pulsen sendes bare til team med minst 5" in status
        assert "Svar så langt" not in status


async def test_the_manager_sees_the_response_rate_never_who(
    slack: SlackSimulator, rt: Runtime, clock: ManualClock, fake: FakeSlack
) -> None:
    await join_team(rt, MANAGER, KARIS_TEAM)
    await sweep_at(rt, clock, WEDNESDAY)
    for member in (EMPLOYEE, JON):
        await answer(slack, fake, member, round_of(pulse_dms(fake, member)[0]))
    await slack.command(MANAGER, "puls")
    status = reply_text(slack)
    assert "Runden er åpen til mandag 7. desember 2026 kl. 08.00 (uke 50)." in status
    assert "Svar så langt: 2 av 6 (33 %)" in status
    assert all(f"<@{member}>" not in status for member in KARIS_TEAM)
    await slack.command(EMPLOYEE, "puls")
    assert "Du har svart på ukas puls. Takk!" in reply_text(slack)
    await slack.command(COLLEAGUE, "pulse")
    assert "Du har ikke svart på ukas puls ennå" in reply_text(slack)
