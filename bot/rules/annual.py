"""The medarbeidersamtale cycle: the workspace's period, when each pair is invited, and the preparation themes.

Rules and their sources (`research/seed-material.md`, "Medarbeidersamtalen"; `research/norway-domain.md` §6.1):

- Period: a workspace holds its annual conversations in a period of whole months, such as "oktober–november"
  (many Norwegian workplaces do them in the autumn, before the next year's budget). Default: October–November.
  A period may wrap the year end ("desember–januar").
- Invitation: both in the pair are invited 14 days before the chosen date (at 09:00, on the working day on or
  before that day), so the employee has time to prepare.
- Preparation themes (seed material: the employee's self-assessment): tasks and mastery, collaboration,
  development and competence, the working environment, the leader's support — each a score from 1 to 5 with an
  optional comment; then goals for the next year, and what to do more of, less of and keep doing, in free text.
- The written summary ("gjensidig forpliktende plan") holds up to `SUMMARY_ROWS` goals with a date and up to
  `SUMMARY_ROWS` tiltak with a date; it counts as agreed when both have confirmed it, and is shown in the next
  talk's guide ("Nådde vi målene?").

Pure: text and dates in, values out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

INVITE_DAYS_BEFORE = 14
SUMMARY_ROWS = 3
SCORES = (1, 2, 3, 4, 5)
TEXT_LIMIT = 1000

SCORED_THEMES = ("tasks", "collaboration", "development", "environment", "leader")
"""Themes with a 1–5 score and a comment; catalog `year.theme.<id>`."""
TEXT_THEMES = ("goals", "more_less_keep")
"""Themes in free text only."""
THEMES = SCORED_THEMES + TEXT_THEMES

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("januar", "january", "jan"),
        ("februar", "february", "feb"),
        ("mars", "march", "mar"),
        ("april", "apr"),
        ("mai", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nov"),
        ("desember", "december", "des", "dec"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_SPLIT = re.compile(r"\s*(?:[-–—]|\btil\b|\bto\b)\s*")


@dataclass(frozen=True)
class Period:
    """From the first day of `first` to the last day of `last` (months 1–12; `last` < `first` wraps the year)."""

    first: int = 10
    last: int = 11

    def start_in(self, year: int) -> date:
        return date(year, self.first, 1)

    def contains(self, day: date) -> bool:
        if self.first <= self.last:
            return self.first <= day.month <= self.last
        return day.month >= self.first or day.month <= self.last

    def to_text(self) -> str:
        return f"{self.first}-{self.last}"


DEFAULT_PERIOD = Period()


def parse_period(text: str) -> Period | None:
    """ "oktober–november", "okt-nov", "october to november", "september" (one month), "10-11"; else None."""
    cleaned = unicodedata.normalize("NFC", text).strip().lower().rstrip(".")
    parts = [part.strip(". ") for part in _SPLIT.split(cleaned) if part.strip(". ")]
    if not 1 <= len(parts) <= 2:
        return None
    months = [_month(part) for part in parts]
    if any(month is None for month in months):
        return None
    first, last = months[0], months[-1]
    assert first is not None
    assert last is not None
    return Period(first, last)


def _month(word: str) -> int | None:
    if word.isdigit():
        number = int(word)
        return number if 1 <= number <= 12 else None
    return _MONTHS.get(word)


def invite_day(talk_date: date) -> date:
    """The day the pair is invited (before moving it to a working day)."""
    return talk_date - timedelta(days=INVITE_DAYS_BEFORE)
