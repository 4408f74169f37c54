"""The demo transcript reads as Norwegian and English should (issue 15, "Done when"): no clock time written
`kl. HH:MM` (Språkrådet: `kl. 09.00`), and no count with the wrong plural form, in what every person sees.

One full `oppfolging demo` run (the real app, fake Slack, simulated clock), then checked line by line.
"""

from __future__ import annotations

import asyncio
import re

import pytest

from bot.config import Settings
from sim.demo import run_demo

# A count and the noun after it: (singular form, plural forms) per language, as the catalogs use them.
NOUNS: dict[str, tuple[str, ...]] = {
    # nb / nn
    "nytt tiltak": ("nye tiltak",),
    "åpent tiltak": ("åpne tiltak", "opne tiltak"),
    "medlem": ("medlemmer", "medlemer"),
    "person": ("personer", "personar", "people"),
    "dag": ("dager", "dagar"),
    "uke": ("uker",),
    "veke": ("veker",),
    "måned": ("måneder",),
    # en
    "topic": ("topics",),
    "member": ("members",),
    "answer": ("answers",),
    "action point": ("action points",),
    "new action point": ("new action points",),
    "day": ("days",),
    "week": ("weeks",),
}
CLOCK_WITH_COLON = re.compile(r"\bkl\. ?\d{1,2}:\d{2}\b")


def _wrong_plurals(line: str) -> list[str]:
    wrong: list[str] = []
    for singular, plurals in NOUNS.items():
        for plural in plurals:
            wrong += re.findall(rf"(?<![\d.,])\b1 {re.escape(plural)}\b", line)
        for match in re.finditer(rf"(?<![\d.,])\b(\d+) {re.escape(singular)}\b", line):
            if match[1] != "1" and not line[match.end() :].startswith(("er", "ar", "s")):
                wrong.append(match[0])
    return wrong


@pytest.fixture(scope="module")
def transcript() -> list[str]:
    lines: list[str] = []
    settings = Settings(slack_bot_token="xoxb-demo", slack_signing_secret="demo-secret")
    assert asyncio.run(run_demo(settings, out=lines.append)) == 0
    return lines


def test_the_checks_can_fail() -> None:
    assert _wrong_plurals("med 1 nye tiltak") == ["1 nye tiltak"]
    assert _wrong_plurals("Teamet har 3 medlem.") == ["3 medlem"]
    assert _wrong_plurals("3 medlemmer, 1 medlem, 1 nytt tiltak, 2 topics, 1 topic") == []
    assert _wrong_plurals("(1 topics)") == ["1 topics"]
    assert CLOCK_WITH_COLON.search("tirsdag kl. 13:00")
    assert not CLOCK_WITH_COLON.search("tirsdag kl. 13.00")


def test_the_demo_writes_times_as_norwegians_do(transcript: list[str]) -> None:
    assert len(transcript) > 100
    assert [line for line in transcript if CLOCK_WITH_COLON.search(line)] == []


def test_the_demo_has_no_count_with_a_wrong_plural(transcript: list[str]) -> None:
    found = {line.strip(): wrong for line in transcript if (wrong := _wrong_plurals(line))}
    assert found == {}
