"""Domain values for what the bot says, rendered to Block Kit at the edge (`handlers.render`).

Services build these; they hold plain values only (ids, dates, catalog keys), never Block Kit. Each feature adds
its own message types here or in its own module, plus a renderer in `handlers/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.consent_messages import TeamView
    from bot.pulse_messages import PulseHome


@dataclass(frozen=True, kw_only=True)
class Message:
    """Base of every outgoing message: `lang` is the recipient's language (nb, nn or en)."""

    lang: str


@dataclass(frozen=True, kw_only=True)
class Notice(Message):
    """A short message made of one catalog entry: `key` and its `params`."""

    key: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TiltakView:
    """A tiltak as people see it: short number, text, who owns and follows up, deadline and status."""

    id: int
    number: int
    text: str
    owner_id: str
    counterpart_id: str | None
    due_date: date
    status: str
    note: str | None = None

    def involves(self, user_id: str) -> bool:
        return user_id in (self.owner_id, self.counterpart_id)

    def other_party(self, user_id: str) -> str | None:
        """The one to tell when `user_id` changes the tiltak (None when alone or nobody else)."""
        other = self.counterpart_id if user_id == self.owner_id else self.owner_id
        return other if other is not None and other != user_id else None


@dataclass(frozen=True, kw_only=True)
class TiltakCreated(Message):
    """DM to the owner when someone else registered a tiltak for them."""

    tiltak: TiltakView
    by: str


@dataclass(frozen=True, kw_only=True)
class TiltakReminder(Message):
    """The due (or the one overdue) reminder, to the owner or the counterpart, with the tiltak's buttons."""

    tiltak: TiltakView
    recipient: str
    overdue: bool
    today: date | None = None  # the recipient's local date when composed ("frist i dag")


@dataclass(frozen=True, kw_only=True)
class TiltakChanged(Message):
    """DM to the other party when a tiltak is done, postponed or cancelled."""

    tiltak: TiltakView
    by: str
    change: str
    old_due: date | None = None


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
    label: str
    mean: float


@dataclass(frozen=True)
class PulseDigest:
    """The last closed round as a digest may show it: `suppressed` when too few answered (no numbers at all)."""

    round_label: str
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
    """The pulse trend over the last rounds, drawn only from published points."""

    title: str
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


@dataclass(frozen=True, kw_only=True)
class HomeState:
    """Everything the App Home shows for one person. Feature issues add sections."""

    lang: str
    user_id: str
    paused: bool = False
    paused_until: date | None = None
    language_chosen: bool = False
    today: date | None = None
    tiltak: tuple[TiltakView, ...] = ()
    meetings: tuple[MeetingView, ...] = ()
    zone: str = "Europe/Oslo"
    pulse: PulseHome | None = None
    team: TeamView | None = None
