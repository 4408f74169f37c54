"""The weekly pulse: the invitation, published results, the answer form and the manager's status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.contract.common import Message
from bot.rules.anonymity import DEFAULT_K
from bot.rules.digest import GroupResult, TrendPoint


@dataclass(frozen=True, kw_only=True)
class PulseInvite(Message):
    """The DM with the "Svar" button when a round opens for someone, or (`reminder`) the one reminder."""

    round_id: str
    closes_at: datetime
    zone: str
    k: int
    reminder: bool = False


@dataclass(frozen=True)
class PublishedResult:
    """A group's result of one closed round, as it may be shown (see `bot.rules.digest.GroupResult`)."""

    round_day: date
    k: int
    result: GroupResult
    invited: int = 0


@dataclass(frozen=True)
class PulseHome:
    """The pulse part of someone's App Home: the open round they may answer, and their team's last result."""

    zone: str
    round_id: str | None = None  # an open round this person has been asked and has not answered
    closes_at: datetime | None = None
    answered: bool = False
    last: PublishedResult | None = None
    k: int = DEFAULT_K


class AnswerProblem(StrEnum):
    CLOSED = "closed"
    ALREADY = "already"
    NOT_ASKED = "not_asked"
    NO_TEAM = "no_team"
    MISSING = "missing"
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class PulseForm:
    """What the modal needs, or why it cannot be answered (`problem`)."""

    lang: str
    round_id: str
    questions: tuple[str, ...] = ()
    k: int = DEFAULT_K
    problem: AnswerProblem | None = None


@dataclass(frozen=True)
class AnswerResult:
    lang: str
    problem: AnswerProblem | None = None
    question: str | None = None  # the question a MISSING answer is about
    k: int = DEFAULT_K


@dataclass(frozen=True)
class RoundState:
    round_day: date
    opens_at: datetime  # for the caller, in their zone
    closes_at: datetime


@dataclass(frozen=True)
class PulseStatus:
    """`/oppfolging puls`: the round and the caller's team as a manager, and their own part as a member."""

    lang: str
    zone: str
    k: int
    team_size: int
    current: RoundState | None = None
    answered: int | None = None  # answers from the team so far; only when the team has at least k members
    next_round: date | None = None
    last: PublishedResult | None = None
    trend: tuple[TrendPoint, ...] = ()
    mine: PulseHome | None = None
    workspace: PublishedResult | None = None  # admins only
    admin: bool = False
