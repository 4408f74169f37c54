"""The `admin` grammar of personvern: every admin word lands somewhere, mentions are required, nothing raises."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.parsing import parse_command
from handlers.parsing_consent import SetManager
from handlers.parsing_privacy import AdminHelp, DeletePerson, ExportPerson, ShowAuditLog
from handlers.parsing_year import SetAbsenceModule, SetTalkPeriod


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("admin slett <@UOLA|ola>", DeletePerson("UOLA")),
        ("admin delete <@UOLA>", DeletePerson("UOLA")),
        ("ADMIN Slett <@UOLA|ola>", DeletePerson("UOLA")),
        ("admin slett Ola", DeletePerson(None)),
        ("admin slett <@UOLA> <@UPER>", DeletePerson(None)),
        ("admin slett", DeletePerson(None)),
        ("admin eksport <@UOLA|ola>", ExportPerson("UOLA")),
        ("admin export <@W123>", ExportPerson("W123")),
        ("admin innsyn", ExportPerson(None)),
        ("admin logg", ShowAuditLog()),
        ("admin log", ShowAuditLog()),
        ("admin", AdminHelp()),
        ("admin fjas", AdminHelp()),
        ("admin leder <@UKARI> <@UOLA>", SetManager("UKARI", "UOLA")),
    ],
)
def test_admin_words(text: str, expected: object) -> None:
    assert parse_command(text) == expected


@given(st.text(max_size=80))
def test_any_admin_text_parses_to_an_admin_command(rest: str) -> None:
    """Property: `admin …` never raises and never falls through to the general help (the year's admin words,
    `admin fravær` and `admin medarbeidersamtale`, are admin commands too)."""
    parsed = parse_command(f"admin {rest}")
    admin = DeletePerson | ExportPerson | ShowAuditLog | AdminHelp | SetManager | SetAbsenceModule | SetTalkPeriod
    assert isinstance(parsed, admin)
