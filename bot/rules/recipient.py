"""Rule: may a scheduled message go to its recipient now, and if not, what becomes of it.

Source: DESIGN.md, "Norwegian working life" and "Fewer, better messages" — no scheduled DM outside working
hours (08–17 local), on weekends or on Norwegian public holidays (it moves to the next working day 09:00, or
08:00 when 09:00 would be past its deadline), nor
on the days the workspace's `WorkCalendar` takes out (julaften and nyttårsaften unless the admin says they are
working days, 27.–31.12 when the workspace's closures cover them; issue 15); pause
(`/oppfolging pause til 15.01`) and Slack away status are honoured for the messages that may wait (`pausable`);
a message past its expiry is not sent at all (the "Missed work" row of the schedule). A person who is gone
(deactivated, or a bot) gets nothing.

Pure: the outbox engine builds a `Recipient` from what it knows and carries out the `Verdict`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.rules.calendar import (
    DEFAULT_SEND_TIME,
    SENDING_DAYS,
    WorkCalendar,
    first_allowed_send,
    local_date,
    local_instant,
    next_allowed_send,
)

AWAY_RECHECK = timedelta(hours=24)
"""With an away status that names no end, look again after this long (the profile is re-read daily)."""


class Outcome(StrEnum):
    SEND = "send"
    DEFER = "defer"  # try again at `until`
    CANCEL = "cancel"  # will never be wanted (paused with no end)
    EXPIRE = "expire"  # its time has passed
    FAIL = "fail"  # nobody to send it to


@dataclass(frozen=True)
class Recipient:
    """Who a message is for, as far as the rule needs (a channel: the workspace zone), and the workspace's
    working calendar."""

    zone: ZoneInfo
    gone: bool = False
    paused: bool = False
    paused_until: date | None = None
    away: bool = False
    away_until: datetime | None = None
    calendar: WorkCalendar = SENDING_DAYS


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    reason: str = ""
    until: datetime | None = None


SEND = Verdict(Outcome.SEND)


def verdict(
    recipient: Recipient, *, now: datetime, pausable: bool, expires_at: datetime | None, person: bool = True
) -> Verdict:
    """What to do with a message for `recipient` at `now`.

    In order: expired → EXPIRE; a person who is gone → FAIL; a pausable message to someone paused on today's
    date → CANCEL when the pause has no end, else wait for 09:00 (moved into working hours) on the day it ends;
    a pausable message to someone away → wait for the status to end (or `AWAY_RECHECK`); outside the recipient's
    working hours or on a day `recipient.calendar` takes out → wait for the next allowed instant. Any wait that
    reaches `expires_at` is EXPIRE instead.
    """
    if expires_at is not None and expires_at <= now:
        return Verdict(Outcome.EXPIRE, "expired")
    zone, calendar = recipient.zone, recipient.calendar
    if person:
        if recipient.gone:
            return Verdict(Outcome.FAIL, "user_gone")
        today = local_date(now, zone)
        if pausable and recipient.paused and (recipient.paused_until is None or today < recipient.paused_until):
            if recipient.paused_until is None:
                return Verdict(Outcome.CANCEL, "paused")
            resume = local_instant(recipient.paused_until, DEFAULT_SEND_TIME, zone)
            return _wait(next_allowed_send(resume, zone, calendar), "paused", expires_at)
        if pausable and recipient.away and (recipient.away_until is None or now < recipient.away_until):
            back = recipient.away_until or now + AWAY_RECHECK
            return _wait(next_allowed_send(back, zone, calendar), "away", expires_at)
    allowed = next_allowed_send(now, zone, calendar)
    if allowed > now:
        if expires_at is not None and allowed >= expires_at:
            # 09:00 is too late for this one (a nudge before an 08:30 meeting), the working day's start is not.
            allowed = first_allowed_send(now, zone, calendar)
        return _wait(allowed, "outside_working_hours", expires_at)
    return SEND


def _wait(until: datetime, reason: str, expires_at: datetime | None) -> Verdict:
    if expires_at is not None and until >= expires_at:
        return Verdict(Outcome.EXPIRE, reason)
    return Verdict(Outcome.DEFER, reason, until)
