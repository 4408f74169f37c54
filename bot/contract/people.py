"""Oneself: language, pause, and everything stored about one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class LanguageResult:
    lang: str
    accepted: bool


@dataclass(frozen=True)
class PauseResult:
    """`error` is a `DateErrorReason` value when the date could not be used; nothing was stored then."""

    lang: str
    paused: bool
    until: date | None = None
    error: str | None = None
    suggestion: tuple[int, int] | None = None  # (day, month) for an ambiguous date such as 1/2


@dataclass(frozen=True)
class MyData:
    lang: str
    data: dict[str, Any]
