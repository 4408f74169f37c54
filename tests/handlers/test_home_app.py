"""App Home through the real AsyncApp: publish on open, language select, pause/resume, help modal."""

from __future__ import annotations

from handlers import ids
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from tests.conftest import EMPLOYEE, ENGLISH
from tests.driver import home_text


async def test_opening_home_publishes_greeting_status_and_privacy(slack: SlackSimulator, fake: FakeSlack) -> None:
    response = await slack.open_home(EMPLOYEE)
    assert response.status == 200
    text = home_text(fake, EMPLOYEE)
    assert f"Hei, <@{EMPLOYEE}>!" in text
    assert "Påminnelsene er på." in text
    assert "Svar på ukepulsen lagres uten navn" in text


async def test_home_follows_slack_locale_for_english_users(slack: SlackSimulator, fake: FakeSlack) -> None:
    await slack.open_home(ENGLISH)
    assert "Reminders are on." in home_text(fake, ENGLISH)


async def test_choosing_a_language_in_home_republishes_in_that_language(slack: SlackSimulator, fake: FakeSlack) -> None:
    await slack.open_home(EMPLOYEE)
    option = {"text": {"type": "plain_text", "text": "Norsk nynorsk"}, "value": "nn"}
    response = await slack.click(
        EMPLOYEE, ids.HOME_LANGUAGE, selected_option=option, block_id="language", container={"type": "view"}
    )
    assert response.status == 200
    assert "Påminningane er på." in home_text(fake, EMPLOYEE)


async def test_pause_and_resume_buttons(slack: SlackSimulator, fake: FakeSlack) -> None:
    await slack.open_home(EMPLOYEE)
    await slack.click(EMPLOYEE, ids.HOME_PAUSE, value="pause", container={"type": "view"})
    assert "Pause til du slår påminnelsene på igjen." in home_text(fake, EMPLOYEE)
    await slack.click(EMPLOYEE, ids.HOME_RESUME, value="resume", container={"type": "view"})
    assert "Påminnelsene er på." in home_text(fake, EMPLOYEE)


async def test_pause_until_a_date_shows_the_date_in_home(slack: SlackSimulator, fake: FakeSlack) -> None:
    await slack.command(EMPLOYEE, "pause til fredag")
    await slack.open_home(EMPLOYEE)
    assert "Pause til fredag 4. desember 2026 (uke 49)." in home_text(fake, EMPLOYEE)


async def test_help_button_opens_a_modal_with_the_trigger(slack: SlackSimulator, fake: FakeSlack) -> None:
    await slack.click(EMPLOYEE, ids.HOME_HELP, value="help", container={"type": "view"})
    opened = fake.calls_to("views.open")
    assert len(opened) == 1
    assert str(opened[0].args["trigger_id"]).startswith("trigger.")
    assert opened[0].args["view"]["type"] == "modal"
