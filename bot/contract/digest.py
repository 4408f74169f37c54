"""The weekly digest: team counts, the pulse summary, the trend chart, and the digest channel results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.contract.common import Message
from bot.contract.oneonone import MeetingView
from bot.contract.tiltak import TiltakView


@dataclass(frozen=True)
class TeamCounts:
    """Counts for one team's week; never a name."""

    members: int
    oneonone_held: int = 0
    oneonone_planned: int = 0
    oneonone_overdue: int = 0
    tiltak_open: int = 0
    tiltak_done_week: int = 0
    tiltak_overdue: int = 0


@dataclass(frozen=True)
class QuestionLine:
    """One pulse question in a digest: its catalog key, and the mean and change when the rules allow them."""

    key: str
    mean: float | None
    change: float | None = None


@dataclass(frozen=True)
class TrendPointView:
    """One published round on the trend chart: its ISO week (the handler words it) and the anchor mean."""

    week: int
    mean: float


@dataclass(frozen=True)
class PulseDigest:
    """The last closed round as a digest may show it: `suppressed` when too few answered (no numbers at all)."""

    round_week: int
    suppressed: bool
    answered: int | None = None
    invited: int | None = None
    questions: tuple[QuestionLine, ...] = ()
    trend: tuple[TrendPointView, ...] = ()


@dataclass(frozen=True, kw_only=True)
class TeamDigest(Message):
    """The Monday message in a manager's team channel: counts and the pulse, never a name. `counts` is None for a
    team smaller than `k`, and never carries counts of individual behaviour (those go to the manager's DM)."""

    manager_id: str
    week: int
    counts: TeamCounts | None
    pulse: PulseDigest | None
    k: int = 5
    shared_last_week: bool = False
    org: bool = False


@dataclass(frozen=True, kw_only=True)
class TrendChart(Message):
    """The pulse trend over the last rounds, drawn only from published points; the handler adds the title."""

    points: tuple[TrendPointView, ...]


@dataclass(frozen=True, kw_only=True)
class ManagerDigest(Message):
    """The manager's own DM: their overdue 1:1s and the overdue tiltak in their pairs, with buttons."""

    week: int
    overdue_meetings: tuple[MeetingView, ...]
    overdue_tiltak: tuple[TiltakView, ...]
    zone: str
    today: date


@dataclass(frozen=True, kw_only=True)
class TeamUpdateShared(Message):
    """To each team member: what the manager says the team will do about the results."""

    manager_id: str
    text: str


@dataclass(frozen=True, kw_only=True)
class DigestBlocked(Message):
    """To the manager: the bot is not in the digest channel yet; how to invite it."""

    channel_id: str


class ChannelOutcome(StrEnum):
    SET = "set"
    BLOCKED = "blocked"
    NOT_FOUND = "not_found"
    NO_CHANNEL = "no_channel"
    NOT_ADMIN = "not_admin"


@dataclass(frozen=True)
class ChannelResult:
    lang: str
    outcome: ChannelOutcome
    channel_id: str | None = None
    org: bool = False


@dataclass(frozen=True)
class ShareResult:
    lang: str
    sent_to: int = 0
    error: str | None = None  # "empty", "no_team", "not_yours"
