"""The recipient rule: expiry, gone, pause, away and working hours, in that order (bot/rules/recipient.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules.calendar import DEFAULT_WORK_CALENDAR, ORDINARY_DAYS, SENDING_DAYS, WorkCalendar, is_send_allowed
from bot.rules.closures import WeekClosure
from bot.rules.recipient import AWAY_RECHECK, Outcome, Recipient, verdict

OSLO = ZoneInfo("Europe/Oslo")
NEW_YORK = ZoneInfo("America/New_York")
WEDNESDAY_10 = datetime(2026, 12, 2, 10, 0, tzinfo=OSLO)  # a working day, within working hours
SATURDAY_10 = datetime(2026, 12, 5, 10, 0, tzinfo=OSLO)


def at(day: int, hour: int, zone: ZoneInfo = OSLO) -> datetime:
    return datetime(2026, 12, day, hour, 0, tzinfo=zone)


@pytest.mark.parametrize(
    ("recipient", "now", "pausable", "expires_at", "outcome", "reason", "until"),
    [
        (Recipient(OSLO), WEDNESDAY_10, True, None, Outcome.SEND, "", None),
        (Recipient(OSLO), WEDNESDAY_10, False, WEDNESDAY_10, Outcome.EXPIRE, "expired", None),
        (Recipient(OSLO, gone=True), WEDNESDAY_10, False, None, Outcome.FAIL, "user_gone", None),
        (Recipient(OSLO, paused=True), WEDNESDAY_10, True, None, Outcome.CANCEL, "paused", None),
        (Recipient(OSLO, paused=True), WEDNESDAY_10, False, None, Outcome.SEND, "", None),
        # paused until Friday: 09:00 on Friday
        (
            Recipient(OSLO, paused=True, paused_until=date(2026, 12, 4)),
            WEDNESDAY_10,
            True,
            None,
            Outcome.DEFER,
            "paused",
            at(4, 9),
        ),
        # the pause ends today: it no longer holds
        (
            Recipient(OSLO, paused=True, paused_until=date(2026, 12, 2)),
            WEDNESDAY_10,
            True,
            None,
            Outcome.SEND,
            "",
            None,
        ),
        # paused past the message's expiry: it expires
        (
            Recipient(OSLO, paused=True, paused_until=date(2026, 12, 4)),
            WEDNESDAY_10,
            True,
            at(3, 12),
            Outcome.EXPIRE,
            "paused",
            None,
        ),
        (Recipient(OSLO, away=True, away_until=at(3, 12)), WEDNESDAY_10, True, None, Outcome.DEFER, "away", at(3, 12)),
        (Recipient(OSLO, away=True), WEDNESDAY_10, True, None, Outcome.DEFER, "away", WEDNESDAY_10 + AWAY_RECHECK),
        (Recipient(OSLO, away=True), WEDNESDAY_10, False, None, Outcome.SEND, "", None),
        # Saturday: Monday 09:00
        (Recipient(OSLO), SATURDAY_10, False, None, Outcome.DEFER, "outside_working_hours", at(7, 9)),
        # 07:00, due before an 08:30 meeting: 09:00 would be too late, 08:00 is not
        (
            Recipient(OSLO),
            at(2, 7),
            True,
            datetime(2026, 12, 2, 8, 30, tzinfo=OSLO),
            Outcome.DEFER,
            "outside_working_hours",
            at(2, 8),
        ),
        # Saturday, due before an 08:30 meeting on Monday: Monday 08:00
        (
            Recipient(OSLO),
            SATURDAY_10,
            True,
            datetime(2026, 12, 7, 8, 30, tzinfo=OSLO),
            Outcome.DEFER,
            "outside_working_hours",
            at(7, 8),
        ),
        # 07:00, due at 08:00: nothing before it is allowed
        (Recipient(OSLO), at(2, 7), True, at(2, 8), Outcome.EXPIRE, "outside_working_hours", None),
        # 10:00 in Oslo is 04:00 in New York: 09:00 there
        (Recipient(NEW_YORK), WEDNESDAY_10, False, None, Outcome.DEFER, "outside_working_hours", at(2, 9, NEW_YORK)),
    ],
)
def test_verdict(
    recipient: Recipient,
    now: datetime,
    pausable: bool,
    expires_at: datetime | None,
    outcome: Outcome,
    reason: str,
    until: datetime | None,
) -> None:
    found = verdict(recipient, now=now, pausable=pausable, expires_at=expires_at)
    assert (found.outcome, found.reason) == (outcome, reason)
    if until is not None:
        assert found.until == until


def test_channels_ignore_pause_and_gone_but_keep_working_hours() -> None:
    channel = Recipient(OSLO, gone=True, paused=True)
    assert verdict(channel, now=WEDNESDAY_10, pausable=True, expires_at=None, person=False).outcome == Outcome.SEND
    assert verdict(channel, now=SATURDAY_10, pausable=True, expires_at=None, person=False).outcome == Outcome.DEFER


SUMMER_ONLY = WorkCalendar(half_days_off=True, closures=(WeekClosure(28, 30),))
CALENDARS = [SENDING_DAYS, ORDINARY_DAYS, DEFAULT_WORK_CALENDAR, SUMMER_ONLY]


@pytest.mark.parametrize(
    ("calendar", "until"),
    [
        # julaften, Thursday 24.12.2026 at 10:00: the admin's switch and closures decide
        (ORDINARY_DAYS, None),  # half-days are working days: send now
        (SENDING_DAYS, datetime(2026, 12, 28, 9, 0, tzinfo=OSLO)),  # no closures: Monday 28.12
        (SUMMER_ONLY, datetime(2026, 12, 28, 9, 0, tzinfo=OSLO)),
        (DEFAULT_WORK_CALENDAR, datetime(2027, 1, 4, 9, 0, tzinfo=OSLO)),  # 27.–31.12 closed, 1.1 a holiday
    ],
)
def test_the_workspace_calendar_decides_about_julaften(calendar: WorkCalendar, until: datetime | None) -> None:
    found = verdict(Recipient(OSLO, calendar=calendar), now=at(24, 10), pausable=False, expires_at=None)
    assert found.outcome == (Outcome.SEND if until is None else Outcome.DEFER)
    assert found.until == until


@given(
    minutes=st.integers(min_value=0, max_value=60 * 24 * 40),
    zone=st.sampled_from([OSLO, NEW_YORK, ZoneInfo("Asia/Tokyo")]),
    pausable=st.booleans(),
    away=st.booleans(),
    calendar=st.sampled_from(CALENDARS),
)
def test_a_send_or_a_wait_always_lands_in_working_hours(
    minutes: int, zone: ZoneInfo, pausable: bool, away: bool, calendar: WorkCalendar
) -> None:
    """Property: SEND only inside the recipient's working hours on the workspace's calendar; DEFER always to a
    later instant that is (from 1 December over Christmas and New Year, for every kind of calendar)."""
    now = datetime(2026, 12, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    found = verdict(Recipient(zone, away=away, calendar=calendar), now=now, pausable=pausable, expires_at=None)
    if found.outcome == Outcome.SEND:
        assert is_send_allowed(now, zone, calendar)
    else:
        assert found.outcome == Outcome.DEFER
        assert found.until is not None
        assert found.until > now
        assert is_send_allowed(found.until, zone, calendar)
