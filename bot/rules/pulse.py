"""The pulse calendar and its questions: when a round opens, reminds and closes, and what it asks.

Rules and their sources (DESIGN.md "Default schedule"; issue 6; `research/peers.md` §3 and §4.3 on fatigue,
one reminder and short pulses; `research/seed-material.md` on 1–5 statements):

- A round opens on its round day at the workspace's time (default Wednesday 10:00) in each person's own zone,
  reminds non-responders once two days later at the same time (Friday 10:00), and closes at 08:00 five days
  after the round day (Monday 08:00) in the workspace's zone. Sends outside working hours are moved by the
  outbox as usual; a reminder moved past the close is not sent, and nobody asked less than a day before their
  reminder time (joined the team late, or the bot was down) gets one: two DMs within hours would be noise.
- Frequency: every week, every other week (even weeks counted from ISO week 1 of 2024) or every month (the
  first round weekday of the month). The round day is Monday to Friday, the time between 08:00 and 16:00.
- Closures (default: fellesferie and Christmas) pause rounds: no round whose round day or reminder day falls in
  a closure. Public holidays only move the sends.
- Each round asks the same anchor question (how the working week has been, 1–5) and two statements (1 = fully
  disagree, 5 = fully agree) from a bank of fourteen themes, in fixed pairs that rotate with the round number,
  so every theme comes back every seven rounds and its trend compares like with like. No health questions.
- The bank (issue 15; `research/seed-material.md` on what good follow-up covers, including career path and
  recognition): each statement asks one thing only, in our own words. Three are worded negatively to break
  the habit of ticking "agree" down the list (acquiescence bias); they are `REVERSED` and scored 6 − answer,
  so for every theme a high score is the good one and means and trends read the same way. A theme whose
  wording or direction changed got a new id, so no trend mixes the old statement with the new.

Pure: dates, times and zones in, dates, instants and question ids out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.rules.calendar import local_instant
from bot.rules.closures import DEFAULT_CLOSURES, Closure, is_closed


class Frequency(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"


OPEN_WEEKDAY = 2  # Wednesday
OPEN_TIME = time(10)
EARLIEST_OPEN = time(8)
LATEST_OPEN = time(16)
REMIND_AFTER = timedelta(days=2)
CLOSE_AFTER = timedelta(days=5)
CLOSE_TIME = time(8)
REMIND_MIN_GAP = timedelta(days=1)
EPOCH = date(2024, 1, 1)  # Monday of ISO week 1 of 2024: round numbers count from here

ANCHOR = "anchor"
STATEMENTS: tuple[str, ...] = (
    "strengths",
    "overtime",
    "expectations",
    "colleagues",
    "manager_support",
    "learning",
    "belonging",
    "tools",
    "goals",
    "missing_information",
    "recognition",
    "career",
    "feedback",
    "holding_back",
)
"""The statement themes, in the pairs they are asked in (the texts are in the `pulse` catalogs)."""
REVERSED: frozenset[str] = frozenset({"overtime", "missing_information", "holding_back"})
"""Negatively worded themes: agreeing is the bad answer, so they are scored in reverse."""
PER_ROUND = 2
SCALE: tuple[int, ...] = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class PulseSchedule:
    """A workspace's pulse rhythm. Raises ValueError for a weekend day or a time outside 08:00–16:00."""

    frequency: Frequency = Frequency.WEEKLY
    weekday: int = OPEN_WEEKDAY
    at: time = OPEN_TIME
    closures: tuple[Closure, ...] = DEFAULT_CLOSURES

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 4:
            raise ValueError("the round day must be Monday to Friday (0–4)")
        if self.at.tzinfo is not None or not EARLIEST_OPEN <= self.at <= LATEST_OPEN:
            raise ValueError("the opening time must be a wall-clock time from 08:00 to 16:00")


def _weeks_since_epoch(day: date) -> int:
    return (day - EPOCH).days // 7


def round_number(day: date, frequency: Frequency) -> int:
    """Which round a round day is, counted from 2024 (consecutive for consecutive rounds)."""
    if frequency == Frequency.WEEKLY:
        return _weeks_since_epoch(day)
    if frequency == Frequency.BIWEEKLY:
        return _weeks_since_epoch(day) // 2
    return (day.year - EPOCH.year) * 12 + day.month - 1


def _in_rhythm(day: date, frequency: Frequency) -> bool:
    if frequency == Frequency.WEEKLY:
        return True
    if frequency == Frequency.BIWEEKLY:
        return _weeks_since_epoch(day) % 2 == 0
    return day.day <= 7


def is_round_day(day: date, schedule: PulseSchedule) -> bool:
    """A round opens on `day`: the right weekday, in the rhythm, and neither it nor its reminder day closed."""
    return (
        day.weekday() == schedule.weekday
        and _in_rhythm(day, schedule.frequency)
        and not is_closed(day, schedule.closures)
        and not is_closed(day + REMIND_AFTER, schedule.closures)
    )


def current_round_day(today: date, schedule: PulseSchedule) -> date | None:
    """The round day of the round that may be running `today` (tomorrow's counts, for zones ahead), or None."""
    for back in range(-1, CLOSE_AFTER.days + 1):
        day = today - timedelta(days=back)
        if is_round_day(day, schedule):
            return day
    return None


def next_round_day(after: date, schedule: PulseSchedule, *, horizon_days: int = 400) -> date | None:
    """The first round day strictly after `after`, or None when closures leave none within the horizon."""
    for ahead in range(1, horizon_days + 1):
        day = after + timedelta(days=ahead)
        if is_round_day(day, schedule):
            return day
    return None


def opens_at(day: date, at: time, zone: ZoneInfo) -> datetime:
    """When the round of `day` opens for a person in `zone` (aware UTC)."""
    return local_instant(day, at, zone)


def reminds_at(day: date, at: time, zone: ZoneInfo) -> datetime:
    """When the one reminder goes to a person in `zone` who has not answered (aware UTC)."""
    return local_instant(day + REMIND_AFTER, at, zone)


def closes_at(day: date, zone: ZoneInfo) -> datetime:
    """When the round of `day` closes, in the workspace's `zone` (aware UTC)."""
    return local_instant(day + CLOSE_AFTER, CLOSE_TIME, zone)


def deserves_reminder(*, invited_at: datetime, reminder_at: datetime, closes: datetime) -> bool:
    """Whether someone asked at `invited_at` gets the one reminder: asked at least a day before it, and it
    falls before the close."""
    return reminder_at - invited_at >= REMIND_MIN_GAP and reminder_at < closes


def scored(question: str, answer: int) -> int:
    """The score of an answer on the 1–5 scale: the answer itself, or 6 − answer for a `REVERSED` theme."""
    if answer not in SCALE:
        raise ValueError(f"{question}: {answer} is not on the 1–5 scale")
    return SCALE[-1] + SCALE[0] - answer if question in REVERSED else answer


def statements_for(number: int) -> tuple[str, ...]:
    """The two statements of round `number`: the pairs of `STATEMENTS` in turn, each back every seven rounds."""
    pairs = len(STATEMENTS) // PER_ROUND
    first = (number % pairs) * PER_ROUND
    return STATEMENTS[first : first + PER_ROUND]


def questions_for(number: int) -> tuple[str, ...]:
    """What round `number` asks: the anchor question, then its two statements."""
    return (ANCHOR, *statements_for(number))
