"""The demo transcript reads as Norwegian and English should (issue 15, "Done when"): no clock time written
`kl. HH:MM` (Språkrådet: `kl. 09.00`), and no count with the wrong plural form, in what every person sees.

The checks run on the story `oppfolging demo` prints, line by line, in every language: `tests/sim/test_demo.py`
plays the demo once per language (the real app, fake Slack, simulated clock) and calls `printed_story_reads_right`.
"""

from __future__ import annotations

import re

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


def printed_story_reads_right(lines: list[str]) -> None:
    """The story as `oppfolging demo` prints it (every person's part): Språkrådet's clock and right plurals.
    Called by `tests/sim/test_demo.py` on its one play per language, so the demo is not played again here."""
    assert len(lines) > 100
    assert [line for line in lines if CLOCK_WITH_COLON.search(line)] == []
    found = {line.strip(): wrong for line in lines if (wrong := _wrong_plurals(line))}
    assert found == {}


def test_the_checks_can_fail() -> None:
    assert _wrong_plurals("med 1 nye tiltak") == ["1 nye tiltak"]
    assert _wrong_plurals("Teamet har 3 medlem.") == ["3 medlem"]
    assert _wrong_plurals("3 medlemmer, 1 medlem, 1 nytt tiltak, 2 topics, 1 topic") == []
    assert _wrong_plurals("(1 topics)") == ["1 topics"]
    assert CLOCK_WITH_COLON.search("tirsdag kl. 13:00")
    assert not CLOCK_WITH_COLON.search("tirsdag kl. 13.00")
