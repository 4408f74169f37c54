"""Slack custom statuses that mean "away", and until when."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.rules.away import Away, away_from_status

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
FRIDAY = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "emoji", "expiration", "expected"),
    [
        ("Vacationing", ":palm_tree:", int(FRIDAY.timestamp()), Away(FRIDAY)),
        ("", ":palm_tree:", 0, Away(None)),
        ("På ferie til mandag", ":sunny:", 0, Away(None)),
        ("Permisjon", "", 0, Away(None)),
        ("Out of office", "", int(FRIDAY.timestamp()), Away(FRIDAY)),
        ("Avspasering i dag", "", 0, Away(None)),
        ("In a meeting", ":calendar:", 0, None),
        ("Out sick", ":face_with_thermometer:", 0, None),  # health status is never read
        ("Syk", ":face_with_thermometer:", 0, None),
        ("Fri-tekst uten mening", "", 0, None),  # "fri" must be a word of its own
        ("Vacationing", ":palm_tree:", int(datetime(2026, 12, 1, tzinfo=UTC).timestamp()), None),  # expired
        ("", "", 0, None),
    ],
)
def test_away_from_status(text: str, emoji: str, expiration: int, expected: Away | None) -> None:
    assert away_from_status(text=text, emoji=emoji, expiration=expiration, now=NOW) == expected
