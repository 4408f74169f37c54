"""`/oppfolging mine-data` through the real app: everything stored about the caller, nothing about others."""

from __future__ import annotations

import json
from typing import Any

from bot.app import Runtime
from sim.driver import SlackSimulator
from tests.conftest import COLLEAGUE, EMPLOYEE, ENGLISH, MANAGER
from tests.consent_helpers import accept_in_home
from tests.driver import dm_text, dms, reply_text
from tests.privacy_helpers import exported_files


def export(slack: SlackSimulator, user_id: str) -> dict[str, Any]:
    """The JSON file of the last export in the person's DM."""
    return exported_files(slack.fake, user_id)[-1]


async def test_my_data_holds_my_things_and_not_others(slack: SlackSimulator, rt: Runtime) -> None:
    await slack.command(MANAGER, f"1til1 <@{EMPLOYEE}|ola> ukentlig torsdag kl. 10:00")
    await accept_in_home(slack, slack.fake, EMPLOYEE)
    await slack.command(MANAGER, f"tiltak <@{EMPLOYEE}|ola> Oppdatere opplæringsplanen innen fredag")
    await slack.command(MANAGER, f"tiltak <@{COLLEAGUE}|per> Per sitt tiltak innen fredag")
    await slack.command(EMPLOYEE, "språk nn")
    await slack.command(EMPLOYEE, "mine-data")
    assert "JSON-fil i ei direktemelding" in reply_text(slack)
    summary = dm_text(dms(slack.fake, EMPLOYEE)[-1])
    assert "Dette er lagra om deg" in summary
    assert "Svar på vekepulsen er ikkje med" in summary
    data = export(slack, EMPLOYEE)
    assert data["manager"] == MANAGER
    assert [(r["from"], r["to"], r["status"]) for r in data["manager_requests"]] == [(MANAGER, EMPLOYEE, "accepted")]
    person = data["person"]
    assert isinstance(person, dict)
    assert person["language_choice"] == "nn"
    tiltak = data["tiltak"]
    assert isinstance(tiltak, list)
    assert [t["text"] for t in tiltak] == ["Oppdatere opplæringsplanen"]
    oneonones = data["oneonones"]
    assert isinstance(oneonones, list)
    assert oneonones[0]["cadence"] == "weekly"
    assert "Per sitt tiltak" not in json.dumps(data, ensure_ascii=False)
    assert "not linkable" in str(data["pulse_answers"])


async def test_my_data_in_english(slack: SlackSimulator) -> None:
    await slack.command(ENGLISH, "my-data")
    assert "What is stored about you" in dm_text(dms(slack.fake, ENGLISH)[-1])
