"""The opt-in sick-leave follow-up: replies to `fravær` and `admin fravær`, and the milestone DMs (manager only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.contract.common import Message


class SickLeaveError(StrEnum):
    MODULE_OFF = "module_off"
    NO_USER = "no_user"
    NOT_MANAGER = "not_manager"
    BAD_DATE = "bad_date"
    SYNTAX = "syntax"
    ALREADY_OPEN = "already_open"
    NO_OPEN_CASE = "no_open_case"
    END_BEFORE_START = "end_before_start"
    NOT_FOUND = "not_found"
    NOT_ADMIN = "not_admin"
    REASON_MISSING = "reason_missing"


@dataclass(frozen=True)
class MilestoneView:
    milestone: str
    deadline: date
    remind_on: date
    decide_only: bool
    source: str


@dataclass(frozen=True)
class SickLeaveResult:
    """The reply to `fravær …`: the case's milestones, or what went wrong (nothing stored then)."""

    lang: str
    error: SickLeaveError | None = None
    employee_id: str | None = None
    start: date | None = None
    end: date | None = None
    graded: bool = False
    milestones: tuple[MilestoneView, ...] = ()
    delete_on: date | None = None


@dataclass(frozen=True)
class ModuleResult:
    """The reply to `admin fravær på|av`."""

    lang: str
    error: SickLeaveError | None = None
    enabled: bool = False


@dataclass(frozen=True, kw_only=True)
class MilestoneReminder(Message):
    """To the manager only: a duty falls due for this employee's follow-up; mark it done or not needed."""

    case_id: int
    employee_id: str
    milestone: MilestoneView
    url: str


@dataclass(frozen=True)
class MarkResult:
    lang: str
    error: SickLeaveError | None = None
    employee_id: str | None = None
    milestone: str | None = None
    status: str | None = None
