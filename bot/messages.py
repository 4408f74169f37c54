"""Domain values for what the bot says, rendered to Block Kit at the edge (`handlers.render`).

Services build these; they hold plain values only (ids, dates, catalog keys), never Block Kit. Each feature adds
its own message types here or in its own module, plus a renderer in `handlers/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


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
