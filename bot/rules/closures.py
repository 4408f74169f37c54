"""Closures: the yearly periods in which pulses and 1:1 nudges pause, and how an admin writes them.

Rules and their sources:

- Closures pause pulses and 1:1 nudges only; a tiltak deadline is a deadline (DESIGN.md, "Norwegian working
  life"). They move no scheduled send by themselves; only `bot.rules.calendar.WorkCalendar` reads them, for
  the days 27.–31.12 between Christmas and New Year (issue 15).
- The default closures are fellesferie, a tradition rather than law (research/norway-domain.md), taken as ISO
  weeks 28–30 every year, and Christmas to New Year, 24.12–01.01 inclusive.
- Admins write them as `uke 28-30` (also `veke`, `week`), `uke 53`, `24.12-01.01` or `17.05`; weeks are ISO
  8601 weeks and a period may wrap the year end.

Everything here is pure: no I/O and no clock.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Closure(ABC):
    """A yearly period in which pulses and 1:1 nudges pause. Subclasses say which days it covers."""

    @abstractmethod
    def contains(self, d: date) -> bool:
        """True when `d` falls inside the closure."""

    @abstractmethod
    def to_text(self) -> str:
        """The settings form that `parse_closure` reads back."""


@dataclass(frozen=True)
class WeekClosure(Closure):
    """ISO weeks `first`..`last` of every year, inclusive; wraps the year end when first > last (52–1)."""

    first: int
    last: int

    def __post_init__(self) -> None:
        if not (1 <= self.first <= 53 and 1 <= self.last <= 53):
            raise ValueError("ISO weeks run from 1 to 53")

    def contains(self, d: date) -> bool:
        week = d.isocalendar().week
        if self.first <= self.last:
            return self.first <= week <= self.last
        return week >= self.first or week <= self.last

    def to_text(self) -> str:
        if self.first == self.last:
            return f"uke {self.first}"
        return f"uke {self.first}-{self.last}"


@dataclass(frozen=True)
class DayClosure(Closure):
    """Day-month `start`..`end` of every year, inclusive; wraps the year end when start is after end."""

    start_day: int
    start_month: int
    end_day: int
    end_month: int

    def __post_init__(self) -> None:
        for day, month in ((self.start_day, self.start_month), (self.end_day, self.end_month)):
            try:
                date(2024, month, day)  # a leap year, so 29.02 is accepted
            except ValueError as exc:
                raise ValueError(f"not a day of the year: {day}.{month}") from exc

    def contains(self, d: date) -> bool:
        start = (self.start_month, self.start_day)
        end = (self.end_month, self.end_day)
        here = (d.month, d.day)
        if start <= end:
            return start <= here <= end
        return here >= start or here <= end

    def to_text(self) -> str:
        start = f"{self.start_day:02d}.{self.start_month:02d}"
        if (self.start_day, self.start_month) == (self.end_day, self.end_month):
            return start
        return f"{start}-{self.end_day:02d}.{self.end_month:02d}"


DEFAULT_CLOSURES: tuple[Closure, ...] = (WeekClosure(28, 30), DayClosure(24, 12, 1, 1))

_DASH = r"\s*[-–—]\s*"
_WEEK_RE = re.compile(rf"(?:uke|veke|week)\s*(\d{{1,2}})(?:{_DASH}(\d{{1,2}}))?", re.IGNORECASE)
_DAY = r"(\d{1,2})\.(\d{1,2})\.?"
_DAY_RE = re.compile(rf"{_DAY}(?:{_DASH}{_DAY})?")


def parse_closure(text: str) -> Closure:
    """Read a closure from settings text: "uke 28-30" (also "veke", "week"), "uke 53", "24.12-01.01", "17.05".

    Raises ValueError for anything else.
    """
    cleaned = text.strip()
    if match := _WEEK_RE.fullmatch(cleaned):
        first = int(match[1])
        return WeekClosure(first, int(match[2]) if match[2] else first)
    if match := _DAY_RE.fullmatch(cleaned):
        day, month = int(match[1]), int(match[2])
        if match[3]:
            return DayClosure(day, month, int(match[3]), int(match[4]))
        return DayClosure(day, month, day, month)
    raise ValueError(f"not a closure: {text!r}")


def is_closed(d: date, closures: Iterable[Closure]) -> bool:
    """True when `d` falls inside any of `closures` (pulses and 1:1 nudges pause then)."""
    return any(closure.contains(d) for closure in closures)


def closures_from_json(value: object) -> tuple[Closure, ...]:
    """Stored closures (a list of settings texts) read tolerantly: `DEFAULT_CLOSURES` when there is no list or
    any entry cannot be read, so a damaged setting never removes a closure silently one line at a time."""
    if not isinstance(value, list):
        return DEFAULT_CLOSURES
    try:
        return tuple(parse_closure(str(text)) for text in value)
    except ValueError:
        return DEFAULT_CLOSURES
