"""Replies to a date that cannot be read as typed: 1/2 is answered with the Norwegian reading and how to write it."""

from __future__ import annotations

import pytest

from bot.contract.people import PauseResult
from bot.contract.tiltak import TiltakError, TiltakResult
from handlers.blocks.me import pause_reply_text
from handlers.blocks.tiltak import error_text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nb", "Mente du 1. februar? Skriv `innen 1.2`"),
        ("nn", "Meinte du 1. februar? Skriv `innan 1.2`"),
        ("en", "Did you mean 1 February? Write `by 1.2`"),
    ],
)
def test_the_reply_to_1_2_asks_and_shows_how_to_write_it(lang: str, expected: str) -> None:
    result = TiltakResult(lang, error=TiltakError.DATE_AMBIGUOUS, suggestion=(1, 2))
    assert error_text(result).startswith(expected)


def test_the_pause_reply_to_1_2_asks_too() -> None:
    result = PauseResult(lang="nb", paused=False, error="ambiguous", suggestion=(1, 2))
    assert pause_reply_text(result) == "Mente du 1. februar? Skriv `/oppfolging pause til 1.2`, så er det ingen tvil."
