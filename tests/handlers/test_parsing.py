"""The `/oppfolging` grammar (`handlers.parsing.parse_command`): text in, a plain command value out, never raising."""

from __future__ import annotations

import pytest

from bot.contract.tiltak import TiltakError
from handlers.parsing import (
    ChooseLanguage,
    Command,
    CompleteTiltak,
    ListTiltak,
    NewTiltak,
    OpenTiltakForm,
    Pause,
    Resume,
    ShowHelp,
    ShowMyData,
    parse_command,
)

TILTAK_CASES: list[tuple[str, Command]] = [
    # A mention as Slack sends it with should_escape (with and without the |name part).
    ("tiltak <@UOLA|ola> Oppdatere planen innen fredag", NewTiltak("Oppdatere planen", "UOLA", "fredag")),
    ("tiltak <@UOLA> Oppdatere planen innen fredag", NewTiltak("Oppdatere planen", "UOLA", "fredag")),
    ("tiltak <@W0ENTERPRISE|kari> Lage plan innen 4.12", NewTiltak("Lage plan", "W0ENTERPRISE", "4.12")),
    # The mention may stand anywhere; the text closes up around it.
    ("tiltak Oppdatere <@UOLA|ola> planen innen fredag", NewTiltak("Oppdatere planen", "UOLA", "fredag")),
    ("tiltak Oppdatere planen <@UOLA> innen fredag", NewTiltak("Oppdatere planen", "UOLA", "fredag")),
    # `frist` works like `innen`; the verb and the separator in any case.
    ("tiltak <@UOLA> Oppdatere planen frist 04.12.2026", NewTiltak("Oppdatere planen", "UOLA", "04.12.2026")),
    ("Tiltak <@UOLA> Oppdatere planen INNEN neste fredag", NewTiltak("Oppdatere planen", "UOLA", "neste fredag")),
    ("tiltak <@UOLA> Sjekke planen, innen: 4. desember", NewTiltak("Sjekke planen", "UOLA", "4. desember")),
    # English.
    ("action <@UOLA> Update the plan by friday", NewTiltak("Update the plan", "UOLA", "friday")),
    ("action <@UOLA> Update the plan due next friday", NewTiltak("Update the plan", "UOLA", "next friday")),
    ("action Book the room by in 2 weeks", NewTiltak("Book the room", None, "in 2 weeks")),
    # Without a mention the caller owns it.
    ("tiltak Rydde i delte mapper innen i morgen", NewTiltak("Rydde i delte mapper", None, "i morgen")),
    # The last separator followed by a date wins; earlier ones are part of the text.
    ("tiltak Sjekke frist for lønn innen 15.01", NewTiltak("Sjekke frist for lønn", None, "15.01")),
    ("tiltak Snakke om innen-regler innen uke 50", NewTiltak("Snakke om innen-regler", None, "uke 50")),
    # The same person twice is one owner.
    ("tiltak <@UOLA|ola> <@UOLA> Lage plan innen fredag", NewTiltak("Lage plan", "UOLA", "fredag")),
    # No date at all: the service says a deadline is needed.
    ("tiltak <@UOLA> Rydde lageret", NewTiltak("Rydde lageret", "UOLA", None)),
    # A separator followed by no date phrase keeps its tail, so the reply can say what was not understood.
    ("tiltak <@UOLA> Rydde innen blåmandag", NewTiltak("Rydde", "UOLA", "blåmandag")),
    ("tiltak <@UOLA> Rydde innen fredag kl. 14", NewTiltak("Rydde", "UOLA", "fredag kl. 14")),
    ("tiltak <@UOLA> Rydde innen", NewTiltak("Rydde", "UOLA", "")),
    ("action Tidy up by someday", NewTiltak("Tidy up", None, "someday")),
    # Empty text is the service's to refuse; the date is still split off.
    ("tiltak <@UOLA> innen fredag", NewTiltak("", "UOLA", "fredag")),
    # A past date is still a date phrase here; the service refuses it.
    ("tiltak <@UOLA> Rydde innen 1.1.2020", NewTiltak("Rydde", "UOLA", "1.1.2020")),
]


@pytest.mark.parametrize(("text", "expected"), TILTAK_CASES)
def test_new_tiltak(text: str, expected: Command) -> None:
    assert parse_command(text) == expected


def test_two_mentions_are_refused_up_front() -> None:
    parsed = parse_command("tiltak <@UOLA|ola> <@UPER|per> Lage plan innen fredag")
    assert isinstance(parsed, NewTiltak)
    assert parsed.error == TiltakError.TWO_MENTIONS
    assert parsed.owner_id == "UOLA"
    english = parse_command("action <@UOLA> Make <@UPER> a plan by friday")
    assert isinstance(english, NewTiltak)
    assert english.error == TiltakError.TWO_MENTIONS


@pytest.mark.parametrize("text", ["tiltak", "tiltak   ", "action", "TILTAK", "nytt"])
def test_no_arguments_opens_the_form(text: str) -> None:
    assert parse_command(text) == OpenTiltakForm()


@pytest.mark.parametrize("text", ["liste", "list", "LISTE", "ls", "liste alt"])
def test_list(text: str) -> None:
    assert parse_command(text) == ListTiltak()


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("ferdig 12", 12),
        ("ferdig #12", 12),
        ("done 12", 12),
        ("done #3", 3),
        ("Ferdig 7 nå", 7),
        ("ferdig", None),
        ("done", None),
        ("ferdig abc", None),
        ("ferdig -3", None),
        ("ferdig 1.5", None),
        ("ferdig #", None),
        ("ferdig ²", None),  # str.isdigit says yes, int says no
        ("ferdig 99999999999999999999", None),  # more than the database holds
        ("ferdig 999999999", 999999999),
    ],
)
def test_done_by_number(text: str, number: int | None) -> None:
    assert parse_command(text) == CompleteTiltak(number)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ShowHelp()),
        ("   ", ShowHelp()),
        ("hjelp", ShowHelp()),
        ("help", ShowHelp()),
        ("HJELP", ShowHelp()),
        ("?", ShowHelp()),
        ("blåbær", ShowHelp(unknown_word="blåbær")),
        ("tiltakk <@UOLA> x innen fredag", ShowHelp(unknown_word="tiltakk")),
        ("språk nn", ChooseLanguage("nn")),
        ("språk EN", ChooseLanguage("en")),
        ("language en", ChooseLanguage("en")),
        ("språk", ChooseLanguage(None)),
        ("språk tysk", ChooseLanguage("tysk")),
        ("pause", Pause(until=None)),
        ("pause til 15.01", Pause(until="15.01")),
        ("pause until next monday", Pause(until="next monday")),
        ("pause 15.01", Pause(until="15.01")),
        ("pause til neste fredag", Pause(until="neste fredag")),
        ("mine-data", ShowMyData()),
        ("my-data", ShowMyData()),
        ("fortsett", Resume()),
        ("resume", Resume()),
        ("Fortsett", Resume()),
    ],
)
def test_other_forms(text: str, expected: Command) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    "text",
    ["tiltak <@", "tiltak <@>", "tiltak >>> innen", "done ³", "tiltak \u0000 innen \u0000", "tiltak innen innen"],
)
def test_odd_input_never_raises(text: str) -> None:
    assert parse_command(text) is not None
