"""Tiltak: what the tiltak services return and the tiltak DMs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.contract.common import Message


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


class TiltakError(StrEnum):
    EMPTY_TEXT = "empty_text"
    TEXT_TOO_LONG = "text_too_long"
    NO_DATE = "no_date"
    TWO_MENTIONS = "two_mentions"
    OWNER_IS_BOT = "owner_is_bot"
    OWNER_DEACTIVATED = "owner_deactivated"
    DATE_EMPTY = "empty"
    DATE_UNPARSEABLE = "unparseable"
    DATE_PAST = "past"
    DATE_TOO_FAR = "too_far"
    DATE_INVALID = "invalid"
    DATE_AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not_found"
    NOT_ALLOWED = "not_allowed"
    CLOSED = "closed"


class Change(StrEnum):
    DONE = "done"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class TiltakResult:
    """The outcome of an intent, in the caller's language. `error` set means nothing was stored."""

    lang: str
    tiltak: TiltakView | None = None
    error: TiltakError | None = None
    change: Change | None = None
    subject: str | None = None  # the user an error is about (a bot, a deactivated user)
    number: int | None = None
    bad_date: date | None = None
    suggestion: tuple[int, int] | None = None  # (day, month) for an ambiguous date such as 1/2
