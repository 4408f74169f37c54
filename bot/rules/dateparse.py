"""Deadline dates typed by people: ``parse_date`` and ``split_date_suffix`` (Bokmål, Nynorsk, English).

Why our own grammar: ``dateparser`` 1.5.0 with ``languages=["nb"]`` (research/norway-domain.md §5.1) returns
``None`` for ``neste fredag``, ``på fredag``, ``innen fredag``, ``i overmorgen``, ``uke 47``,
``om syv dager``, ``om tolv dager`` and ``den 15. desember``; it reads ``15.12`` as the time 15:12 and turns
``fredag 13. mars kl. 14`` into the year 2114. Every form below is therefore parsed by a small table-driven
grammar, and ``dateparser`` is not used at all: it would only add non-determinism (results depend on its
locale data and on the machine's clock unless carefully pinned) and warnings. Nothing here reads the clock or
the locale: "today" is an argument, the caller's own local date.

Rules (case-insensitive; whitespace, commas and a trailing "." ignored; a leading ``den``, ``innen``, ``på``,
``til``, ``frist``, ``senest``, ``by``, ``on``, ``due``, ``the`` is dropped):

- ``04.12.2026``, ``4.12.26`` (20yy), ``2026-12-04``; ``4.12`` or ``4. desember`` / ``4. des.`` /
  ``4th of December`` / ``Dec 4`` without a year is the first such date on or after today (``29.2`` waits
  for the next leap year). A leading weekday (``fredag 4. desember``) and a trailing ``(uke 49)`` are
  checked against the date, so the bot's own echo can be pasted back.
- ``i dag``/``today`` (0), ``i morgen``/``i morgon``/``tomorrow`` (+1), ``i overmorgen``/``the day after
  tomorrow`` (+2); ``i går``/``yesterday`` exist only to be refused as past.
- ``om N dager|uker|måneder|år`` / ``in N days|weeks|months|years`` (Nynorsk ``dagar``, ``veker``,
  ``månader``); N is digits or a number word up to fjorten/fourteen (``en``, ``ei``, ``ett``, ``ein``,
  ``sju``/``syv``, ``a``/``an``…). Months and years keep the day of month, clamped to the month's end.
- A bare weekday (``fredag``, ``på fredag``, ``friday``) is its next occurrence after today, so
  ``fredag`` said on a Friday is a week later; today is never meant, say ``i dag`` for that.
- ``neste fredag``, ``next friday``, ``fredag neste uke``, ``fredag i neste uke`` are that weekday in the
  *next ISO week* (weeks start on Monday): said on Monday 7 Dec it is Friday 18 Dec, not 11 Dec. On a
  Saturday or Sunday it is the same as a bare ``fredag``. ``fredag denne uka`` / ``friday this week`` is
  this ISO week's Friday; ``fredag om 2 uker`` the Friday two ISO weeks on; ``fredag uke 50`` that week's.
- ``uke 50``, ``veke 50``, ``week 50``, ``i uke 50``, ``uke 50 2027``, ``uke 50/2027``: a deadline "in
  week 50" means by the end of that working week, so it is the *Friday* of ISO week 50 of the current ISO
  year, or of the next ISO year once that Friday has passed. Week 53 only exists in some years (2026 yes,
  2027 no); asking for a missing week is INVALID.
- ``neste uke`` / ``i neste uke`` / ``next week``: Friday of the next ISO week (a deadline, as ``uke N``).
  ``denne uka``, ``slutten av uka``, ``end of the week``: Friday of this week, or next week's Friday when
  said on a weekend. ``slutten av måneden`` / ``end of the month``: the month's last day.

- ``første mandag i mars``, ``siste fredag i januar``, ``etter påske``, ``over nyttår``, ``før jul``,
  ``til sommeren`` and their English equivalents: see :mod:`bot.rules._dateyear` (issue 15).
- ``1/2`` is refused as AMBIGUOUS: Norwegians read 1 February, Americans 2 January. The error carries the
  Norwegian reading (``suggestion``), so the reply can ask "Mente du 1. februar? Skriv 1.2".

Refusals (:class:`DateErrorReason`): EMPTY; UNPARSEABLE (including any time of day: ``kl. 14``, ``15:12``);
INVALID (``31.02``, ``29.02.2027``, ``uke 53 2027``, a weekday that does not match the date); PAST (before
today; today itself is fine); TOO_FAR (after the same day two years on).
"""

from __future__ import annotations

import calendar
import enum
import re
import unicodedata
from datetime import date, timedelta
from typing import assert_never

from bot.rules import _dateforms as f
from bot.rules import _datewords as w
from bot.rules import _dateyear as dy

__all__ = [
    "DATE_SEPARATORS",
    "MAX_YEARS_AHEAD",
    "DateErrorReason",
    "DateParseError",
    "ambiguous_day_month",
    "check_date",
    "parse_date",
    "split_date_suffix",
    "weekday_number",
]

MAX_YEARS_AHEAD = 2
DATE_SEPARATORS: frozenset[str] = w.SEPARATORS
"""Words that end a command's text and start its date phrase (`innen`, `innan`, `frist`, `by`, `due`)."""
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?")


class DateErrorReason(enum.StrEnum):
    """Why a text was not accepted as a deadline; the values double as i18n key suffixes."""

    EMPTY = "empty"
    UNPARSEABLE = "unparseable"
    PAST = "past"
    TOO_FAR = "too_far"
    INVALID = "invalid"
    AMBIGUOUS = "ambiguous"


class DateParseError(ValueError):
    """Raised by :func:`parse_date`; ``reason`` says why."""

    def __init__(self, reason: DateErrorReason, suggestion: tuple[int, int] | None = None) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.suggestion = suggestion
        """For AMBIGUOUS: (day, month) as a Norwegian reads it."""


def ambiguous_day_month(text: str) -> tuple[int, int] | None:
    """(day, month) of a slash date such as ``1/2`` or ``01/02/2027`` read the Norwegian way, or None."""
    if m := _SLASH.fullmatch(f.normalise(text)):
        day, month = int(m[1]), int(m[2])
        if _make(2000, month, day) is not None:
            return day, month
    return None


# ---- resolving against today ---------------------------------------------------------------------------
def _add_months(d: date, months: int) -> date:
    """Same day ``months`` later, clamped to the last day of the target month."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weeks_in(iso_year: int) -> int:
    return date(iso_year, 12, 28).isocalendar().week


def _iso_week_day(spec: f.IsoWeek, today: date) -> date:
    """That weekday of ISO week ``spec.week``: in ``spec.year``, else the first of this and next ISO year
    where the week exists and the day is not past."""
    this_year = today.isocalendar().year
    for year in (spec.year,) if spec.year is not None else (this_year, this_year + 1):
        if 1 <= year <= 9999 and 1 <= spec.week <= _weeks_in(year):
            found = date.fromisocalendar(year, spec.week, spec.weekday + 1)
            if found >= today or spec.year is not None:
                return found
    raise DateParseError(DateErrorReason.INVALID)


def _day_month(spec: f.DayMonth, today: date) -> date:
    if spec.year is not None:
        found = _make(spec.year, spec.month, spec.day)
    elif _make(2000, spec.month, spec.day) is None:  # 2000 is a leap year: never valid
        found = None
    else:  # 29.2 may wait up to eight years (2096 -> 2104); TOO_FAR catches that
        candidates = (_make(today.year + k, spec.month, spec.day) for k in range(9))
        found = next((d for d in candidates if d is not None and d >= today), None)
    if found is None:
        raise DateParseError(DateErrorReason.INVALID)
    if spec.weekday is not None and found.weekday() != spec.weekday:
        raise DateParseError(DateErrorReason.INVALID)
    if spec.week is not None and found.isocalendar().week != spec.week:
        raise DateParseError(DateErrorReason.INVALID)
    return found


def _resolve(spec: f.Spec, today: date) -> date:
    match spec:
        case dy.NthWeekday() | dy.Season():
            return dy.next_on_or_after(spec, today)
        case f.Offset(days=days, months=months):
            return _add_months(today, months) + timedelta(days=days)
        case f.Weekday(weekday=weekday, weeks_ahead=None):
            return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
        case f.Weekday(weekday=weekday, weeks_ahead=ahead):
            return today + timedelta(days=weekday - today.weekday() + 7 * (ahead or 0))
        case f.IsoWeek():
            return _iso_week_day(spec, today)
        case f.EndOf(month=True):
            return today.replace(day=calendar.monthrange(today.year, today.month)[1])
        case f.EndOf():
            return today + timedelta(days=(f.FRIDAY - today.weekday()) % 7)
        case f.DayMonth():
            return _day_month(spec, today)
    assert_never(spec)


def _too_far(d: date, today: date) -> bool:
    return d > _add_months(today, 12 * MAX_YEARS_AHEAD)


def weekday_number(word: str) -> int | None:
    """0 (Monday) … 6 (Sunday) for a weekday name or abbreviation in Bokmål, Nynorsk or English; else None."""
    return w.WEEKDAYS.get(unicodedata.normalize("NFC", word.strip().lower().rstrip(".,")))


def check_date(d: date, *, today: date) -> date:
    """Apply the same limits to a picked date (a date picker): PAST before today, TOO_FAR as for typed dates."""
    if d < today:
        raise DateParseError(DateErrorReason.PAST)
    if _too_far(d, today):
        raise DateParseError(DateErrorReason.TOO_FAR)
    return d


def parse_date(text: str, *, today: date) -> date:
    """The deadline ``text`` names, seen from ``today`` (the person's local date); see the module rules.

    Raises :class:`DateParseError` with EMPTY, UNPARSEABLE, INVALID, PAST (before today) or TOO_FAR (after
    the same day ``MAX_YEARS_AHEAD`` years on).
    """
    if not f.normalise(text):
        raise DateParseError(DateErrorReason.EMPTY)
    spec = f.recognise(text)
    if spec is None:
        if (suggestion := ambiguous_day_month(text)) is not None:
            raise DateParseError(DateErrorReason.AMBIGUOUS, suggestion)
        raise DateParseError(DateErrorReason.UNPARSEABLE)
    try:
        found = _resolve(spec, today)
    except DateParseError:
        raise
    except (OverflowError, ValueError):  # "om 9999 år": past year 9999
        raise DateParseError(DateErrorReason.TOO_FAR) from None
    if found < today:
        raise DateParseError(DateErrorReason.PAST)
    if _too_far(found, today):
        raise DateParseError(DateErrorReason.TOO_FAR)
    return found


def split_date_suffix(text: str) -> tuple[str, str] | None:
    """Split ``"<what> innen <date>"`` into ``(what, date phrase)``; None without such a tail.

    Separators are the whole words ``innen``, ``innan``, ``frist``, ``by``, ``due`` (case-insensitive, a
    trailing ":" allowed); ``til`` is not one. The last separator whose whole remainder is a date phrase
    wins, so ``"Sjekke innen-tiltak innen 4.12"`` gives ``("Sjekke innen-tiltak", "4.12")`` and ``"snakke om
    innen regnskap"`` gives None. The phrase only has to *look* like a date: ``parse_date`` still decides
    whether it is past, too far or invalid, so the caller can say why. A run of separators ("due by
    friday") is cut at its first word. ``what`` may be empty; trailing ",;:-" is trimmed from it.
    """
    tokens = list(re.finditer(r"\S+", text))

    def is_separator(i: int) -> bool:
        return unicodedata.normalize("NFC", tokens[i][0]).lower().rstrip(":") in w.SEPARATORS

    for i in reversed(range(len(tokens))):
        phrase = text[tokens[i].end() :].strip()
        if not is_separator(i) or not phrase or (f.recognise(phrase) is None and ambiguous_day_month(phrase) is None):
            continue
        while i > 0 and is_separator(i - 1):
            i -= 1
        return text[: tokens[i].start()].rstrip(" \t,;:-–"), phrase
    return None
