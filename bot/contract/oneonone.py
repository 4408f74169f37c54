"""1:1s: pairs, meetings and agenda as people see them, and the 1:1 DMs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.contract.common import Message
from bot.contract.tiltak import TiltakResult, TiltakView


@dataclass(frozen=True)
class AgendaItemView:
    id: int
    text: str
    author_id: str
    done: bool = False


@dataclass(frozen=True)
class MeetingView:
    """One upcoming or past 1:1 as the pair sees it. `starts_at` is aware UTC; shown in the reader's zone."""

    meeting_id: int
    pair_id: int
    manager_id: str
    employee_id: str
    starts_at: datetime
    kind: str
    status: str = "planned"
    moved_from: date | None = None
    agenda: tuple[AgendaItemView, ...] = ()


@dataclass(frozen=True, kw_only=True)
class OneOnOneIntro(Message):
    """To the employee, once: who set up the 1:1s, how often, the next one, and what the bot will do."""

    manager_id: str
    cadence: str
    meeting: MeetingView
    zone: str


@dataclass(frozen=True, kw_only=True)
class OneOnOneNudge(Message):
    """The working day before: the manager gets the guide, open tiltak and agenda; the employee prep questions."""

    recipient: str
    meeting: MeetingView
    zone: str
    open_tiltak: tuple[TiltakView, ...] = ()
    today: date | None = None


@dataclass(frozen=True, kw_only=True)
class OneOnOneFollowUp(Message):
    """After the meeting, to the manager: was it held? Record tiltak, move it, or it did not happen."""

    meeting: MeetingView
    zone: str


@dataclass(frozen=True, kw_only=True)
class MeetingMoved(Message):
    """To both: the meeting moved (a holiday, or the manager moved it)."""

    recipient: str
    meeting: MeetingView
    zone: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class AnnualDue(Message):
    """To the manager: no medarbeidersamtale recorded with this employee in 12 months."""

    employee_id: str
    since: date


class PairError(StrEnum):
    NO_USER = "no_user"
    SELF = "self"
    BOT = "bot"
    DEACTIVATED = "deactivated"
    NOT_FOUND = "not_found"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    BAD_DATE = "bad_date"
    PAST = "past"
    CLOSED = "closed"
    PROBATION_TOO_LONG = "probation_too_long"
    PROBATION_SHORT = "probation_short"


@dataclass(frozen=True)
class PairResult:
    lang: str
    error: PairError | None = None
    employee_id: str | None = None
    cadence: str | None = None
    meeting: MeetingView | None = None
    zone: str = "Europe/Oslo"
    stopped: bool = False
    probation_checkins: tuple[date, ...] = ()
    probation_end: date | None = None
    pending: bool = False  # a request went to the employee; nothing is set up until they accept


@dataclass(frozen=True)
class HeldResult:
    lang: str
    error: PairError | None = None
    created: tuple[TiltakResult, ...] = ()
    employee_id: str | None = None
    # (index into the lines, why) for lines that cannot become a tiltak; then nothing at all was recorded.
    refused: tuple[tuple[int, TiltakResult], ...] = ()
