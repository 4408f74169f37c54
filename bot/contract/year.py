"""The conversation year: the medarbeidersamtale (preparation, guide, summary) and the prøvetid decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.contract.common import Message


class YearError(StrEnum):
    NO_USER = "no_user"
    NOT_MANAGER = "not_manager"  # the caller is not the employee's accepted manager
    BAD_DATE = "bad_date"
    NOT_FOUND = "not_found"  # no such talk, or not the caller's
    NOTHING_TO_SHARE = "nothing_to_share"
    NO_SUMMARY = "no_summary"
    NOT_ADMIN = "not_admin"
    BAD_PERIOD = "bad_period"
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class PlanRow:
    """A goal or a tiltak of the written summary."""

    text: str
    due: date


@dataclass(frozen=True)
class PrepAnswer:
    """One preparation theme: its id (`bot.rules.annual.THEMES`), the 1–5 score if given, the text if any."""

    theme: str
    score: int | None
    text: str


@dataclass(frozen=True)
class TalkView:
    """One medarbeidersamtale as the asking person may see it: `prep` is empty for the manager until shared."""

    talk_id: int
    manager_id: str
    employee_id: str
    talk_date: date
    prep: tuple[PrepAnswer, ...] = ()
    prep_saved: bool = False
    prep_shared: bool = False
    goals: tuple[PlanRow, ...] = ()
    tiltak: tuple[PlanRow, ...] = ()
    manager_confirmed: bool = False
    employee_confirmed: bool = False

    @property
    def agreed(self) -> bool:
        return self.manager_confirmed and self.employee_confirmed


@dataclass(frozen=True)
class TalkResult:
    """The reply to `medarbeidersamtale <@bruker> <dato>` and to the buttons: a talk, or what went wrong."""

    lang: str
    error: YearError | None = None
    employee_id: str | None = None
    talk: TalkView | None = None
    invite_on: date | None = None
    in_period: bool = True
    shared: bool = False
    confirmed: bool = False
    summary_sent: bool = False


@dataclass(frozen=True)
class TalkGuide:
    """What the manager (the guide) or the employee (the preparation form) sees of a talk, with last year's."""

    lang: str
    viewer: str
    talk: TalkView
    previous: TalkView | None = None


@dataclass(frozen=True, kw_only=True)
class AnnualInvite(Message):
    """To each of the pair, 14 days before: the date, and buttons (prepare / share, or the guide / summary)."""

    recipient: str
    talk: TalkView


@dataclass(frozen=True, kw_only=True)
class SummaryToConfirm(Message):
    """To the employee: the manager wrote the summary; read it and confirm."""

    talk: TalkView


@dataclass(frozen=True, kw_only=True)
class ProbationDecision(Message):
    """To the manager, a month before the prøvetid ends: decide, and talk with the employee in time."""

    employee_id: str
    end: date
    extended: bool


@dataclass(frozen=True)
class PeriodResult:
    lang: str
    error: YearError | None = None
    first: int = 10
    last: int = 11


class ProbationError(StrEnum):
    NO_USER = "no_user"
    NOT_FOUND = "not_found"  # no prøvetid registered by the caller for this employee
    BAD_DATE = "bad_date"
    NOT_AFTER_END = "not_after_end"
    TOO_FAR = "too_far"


@dataclass(frozen=True)
class ProbationResult:
    """The reply to `ny <@bruker> forleng <dato>`: the new end and the day of the decision reminder."""

    lang: str
    error: ProbationError | None = None
    employee_id: str | None = None
    end: date | None = None
    decision_on: date | None = None


@dataclass(frozen=True)
class YearSettings:
    """The workspace's conversation-year settings, as the admin's settings form shows them."""

    first: int = 10
    last: int = 11
    sickleave: bool = False
    sickleave_months: int = 4
    """Months an ended sick-leave case is kept (`bot.rules.sickleave.DEFAULT_RETENTION_MONTHS` by default)."""


@dataclass(frozen=True, kw_only=True)
class ChooseTalkDate(Message):
    """To the manager, two weeks before the workspace's period starts: pick the date of this year's talk."""

    employee_id: str
    first: int
    last: int
