"""Probation (prøvetid) by arbeidsmiljøloven § 15-6: its length, its check-ins, its end and the decision point.

Rules and their sources (`research/norway-domain.md` §6.2; aml § 15-6):

- Length: a prøvetid is agreed in writing and lasts at most 6 months (§ 15-6 (2)); the app takes 6 when nothing
  else is said, and refuses more than 6 or fewer than 1.
- End: the same day of the month `months` calendar months after the start (clamped to the month's last day, as
  `bot.rules.conversations.add_months`); a prøvetid from 15 January of 4 months has run out on 15 May.
- Extension (§ 15-6 (4)): when the employee has been absent during the prøvetid, it may be extended by at most
  the length of the absence, if this was agreed in writing when hiring and the employee is told before it ends.
  The manager records the new end date; the app only checks it lies after the current end and within a year of
  it (the length of the absence is the manager's to know, and is not stored).
- Check-ins, spread over the period: one about a month in (early), one midway, and one a month before the end,
  each a calendar month count from the start; duplicates drop out. 6 months gives 1, 3 and 5 (as before);
  4 months 1, 2 and 3; 2 months only 1. A prøvetid of 1 month has one check-in after 2 weeks.
- Decision reminder: a month before the end (§ 15-7: dismissal on grounds of unsuitability needs notice of 14 days
  given within the prøvetid, so a decision a month before leaves time to talk and to write). It moves with an
  extension, because it counts from the current end.

Pure: dates and numbers in, dates out.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from bot.rules.conversations import add_months

MAX_MONTHS = 6
"""aml § 15-6 (2): at most 6 months."""
DEFAULT_MONTHS = 6
DECISION_MONTHS_BEFORE_END = 1
"""The decision reminder comes this many calendar months before the end."""
MAX_EXTENSION_DAYS = 366
"""An extension further than this past the current end is taken for a typing error."""


class ProbationProblem(StrEnum):
    """Why a length or an extension cannot be used."""

    TOO_LONG = "too_long"
    TOO_SHORT = "too_short"
    NOT_AFTER_END = "not_after_end"
    TOO_FAR = "too_far"


def check_months(months: int) -> ProbationProblem | None:
    """None for 1 to 6 months; else why not."""
    if months > MAX_MONTHS:
        return ProbationProblem.TOO_LONG
    if months < 1:
        return ProbationProblem.TOO_SHORT
    return None


def checkin_months(months: int) -> tuple[int, ...]:
    """The months after the start of each check-in: 1, midway (rounded up) and `months - 1`, without repeats."""
    picked = {1, (months + 1) // 2, months - 1}
    return tuple(sorted(m for m in picked if 1 <= m < months))


def checkins(start: date, months: int) -> tuple[date, ...]:
    """Target days of the check-ins (the 1:1 planner holds each at the pair's meeting nearest it)."""
    spread = checkin_months(months)
    if not spread:
        return (start + timedelta(days=14),)
    return tuple(add_months(start, m) for m in spread)


def end_of(start: date, months: int) -> date:
    """The day the prøvetid has run out: `months` calendar months after `start`."""
    return add_months(start, months)


def decision_day(end: date, *, start: date) -> date:
    """A month before the (current) end: when the manager is reminded to decide; never before the start (a
    1-month prøvetid from 30 January ends 28 February, and a month before that would be 28 January)."""
    return max(add_months(end, -DECISION_MONTHS_BEFORE_END), start)


def check_extension(current_end: date, new_end: date) -> ProbationProblem | None:
    """None when `new_end` lies after `current_end` and within `MAX_EXTENSION_DAYS` of it; else why not."""
    if new_end <= current_end:
        return ProbationProblem.NOT_AFTER_END
    if new_end > current_end + timedelta(days=MAX_EXTENSION_DAYS):
        return ProbationProblem.TOO_FAR
    return None
