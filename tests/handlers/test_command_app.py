"""`/oppfolging` through the real AsyncApp over HTTP, signed like Slack signs."""

from __future__ import annotations

from datetime import date

from bot.app import Runtime
from sim.driver import SlackSimulator, sign
from sim.fake_slack import FakeSlack
from storage import people_repo
from storage.db import make_session_factory
from tests.conftest import EMPLOYEE, ENGLISH, TEAM
from tests.driver import reply_text


async def person(rt: Runtime, user_id: str) -> tuple[bool, date | None, str | None]:
    async with make_session_factory(rt.engine)() as session:
        row = await people_repo.get_person(session, team_id=TEAM, user_id=user_id)
        assert row is not None
        return row.paused, row.paused_until, row.language


async def test_help_is_acked_and_answered_in_norwegian(slack: SlackSimulator, fake: FakeSlack) -> None:
    response = await slack.command(EMPLOYEE, "hjelp")
    assert response.status == 200  # Bolt answers 404 when a listener misses the 3 s ack
    reply = slack.last_reply()
    assert reply.get("response_type", "ephemeral") == "ephemeral"
    assert "Oppfølging – slik bruker du meg" in reply_text(slack)
    assert "/oppfolging pause til 15.01" in reply_text(slack)


async def test_empty_command_shows_help_in_the_users_slack_language(slack: SlackSimulator) -> None:
    assert (await slack.command(ENGLISH, "")).status == 200
    assert "how to use me" in reply_text(slack)


async def test_unknown_word_gets_help_with_the_word(slack: SlackSimulator) -> None:
    await slack.command(EMPLOYEE, "blåbær")
    text = reply_text(slack)
    assert "Jeg kjenner ikke igjen «blåbær»" in text
    assert "slik bruker du meg" in text


async def test_bad_signature_is_refused_with_401(slack: SlackSimulator, fake: FakeSlack) -> None:
    body = "command=%2Foppfolging&text=hjelp&user_id=UOLA&team_id=T0001"
    forged = sign("not-the-secret", body, 1_800_000_000)
    response = await slack.post(body, content_type="application/x-www-form-urlencoded", signature=forged)
    assert response.status == 401
    assert fake.responses == []


async def test_language_choice_is_stored_and_answered_in_the_new_language(slack: SlackSimulator, rt: Runtime) -> None:
    await slack.command(EMPLOYEE, "språk nn")
    assert "Eg snakkar nynorsk" in reply_text(slack)
    assert (await person(rt, EMPLOYEE))[2] == "nn"
    await slack.command(EMPLOYEE, "hjelp")
    assert "slik brukar du meg" in reply_text(slack)
    await slack.command(EMPLOYEE, "language en")
    assert "I'll speak English" in reply_text(slack)


async def test_unknown_language_is_refused_and_nothing_changes(slack: SlackSimulator, rt: Runtime) -> None:
    await slack.command(EMPLOYEE, "språk tysk")
    assert "Velg `nb` (bokmål), `nn` (nynorsk) eller `en`" in reply_text(slack)
    assert (await person(rt, EMPLOYEE))[2] is None


async def test_pause_until_a_date_echoes_the_date_as_understood(slack: SlackSimulator, rt: Runtime) -> None:
    # The clock stands at Monday 30 November 2026.
    await slack.command(EMPLOYEE, "pause til 15.01")
    assert "fredag 15. januar 2027 (uke 2)" in reply_text(slack)
    assert await person(rt, EMPLOYEE) == (True, date(2027, 1, 15), None)


async def test_pause_with_a_bad_date_explains_and_stores_nothing(slack: SlackSimulator, rt: Runtime) -> None:
    await slack.command(EMPLOYEE, "pause til 1.1.2020")
    assert "Den datoen har allerede vært" in reply_text(slack)
    await slack.command(EMPLOYEE, "pause til blåmandag")
    assert "/oppfolging pause til 15.01" in reply_text(slack)
    assert (await person(rt, EMPLOYEE))[0] is False


async def test_pause_and_resume(slack: SlackSimulator, rt: Runtime) -> None:
    await slack.command(EMPLOYEE, "pause")
    assert "til du skriver `/oppfolging fortsett`" in reply_text(slack)
    assert await person(rt, EMPLOYEE) == (True, None, None)
    await slack.command(EMPLOYEE, "fortsett")
    assert "Velkommen tilbake" in reply_text(slack)
    assert (await person(rt, EMPLOYEE))[0] is False


async def test_profile_is_cached_not_fetched_on_every_request(slack: SlackSimulator, fake: FakeSlack) -> None:
    await slack.command(EMPLOYEE, "hjelp")
    await slack.command(EMPLOYEE, "hjelp")
    await slack.command(EMPLOYEE, "språk nb")
    lookups = [c for c in fake.calls_to("users.info") if c.args.get("user") == EMPLOYEE]
    assert len(lookups) == 1
