"""The pulse's command grammar: `puls`, `team …` and `innstillinger`, and that `/oppfolging` routes to it."""

from __future__ import annotations

import pytest

from handlers.parsing import parse_command
from handlers.parsing_pulse import (
    AddToTeam,
    OpenPulseSettings,
    PulseCommand,
    RemoveFromTeam,
    ShowPulse,
    ShowTeam,
    parse_pulse_command,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("puls", ShowPulse()),
        ("Pulse", ShowPulse()),
        ("innstillinger", OpenPulseSettings()),
        ("innstillingar", OpenPulseSettings()),
        ("settings", OpenPulseSettings()),
        ("team", ShowTeam()),
        ("team vis", ShowTeam()),
        ("team legg-til <@UOLA|ola> <@UPER|per>", AddToTeam(("UOLA", "UPER"))),
        ("team legg til <@UOLA|ola>", AddToTeam(("UOLA",))),
        ("team add <@UOLA> <@UOLA|ola>", AddToTeam(("UOLA",))),
        ("team <@UOLA|ola>", AddToTeam(("UOLA",))),
        ("team legg-til", AddToTeam(())),
        ("team fjern <@UOLA|ola>", RemoveFromTeam(("UOLA",))),
        ("team remove <@WABC|ext>", RemoveFromTeam(("WABC",))),
        ("tiltak", None),
        ("", None),
    ],
)
def test_parse_pulse_command(text: str, expected: PulseCommand | None) -> None:
    words = text.split()
    assert parse_pulse_command(words[0] if words else "", words[1:]) == expected


def test_the_command_routes_pulse_words_and_keeps_the_others() -> None:
    assert parse_command("puls") == ShowPulse()
    assert parse_command("team legg-til <@UOLA|ola>") == AddToTeam(("UOLA",))
    assert type(parse_command("blåbær")).__name__ == "ShowHelp"
