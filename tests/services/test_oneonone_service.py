"""The 1:1 rhythm at the service level: `OneOnOneService` and the outbox on real SQLite, DMs at the fake Slack edge.

Schedules need no HTTP: a pair is set up as `/oppfolging 1til1` would set it up, then the outbox is swept at the
instants the rules give (`tests.driver.sweep_through`). What the listeners add (parsing, acks, who may click what)
stays in `tests/handlers/test_oneonone_app.py`.

The clock starts at Monday 30 November 2026, 10:00 in Oslo; Kari (UKARI) is the manager, Ola (UOLA) the employee.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pytest

from bot.app import Runtime
from bot.clock import ManualClock
from bot.contract.consent import Outcome
from bot.rules.cadence import Cadence
from sim.fake_slack import FakeSlack
from storage import consent_repo
from storage.db import transaction
from tests.conftest import EMPLOYEE, MANAGER, TEAM, oslo
from tests.driver import Sent, Timeline, dm_text, dms
from tests.driver import sweep_at as sweep_everything
from tests.driver import sweep_through as sweep_through_everything
from tests.oneonone_helpers import ANNUAL, FOLLOW_UP, INTRO, MOVED, NUDGE, local_starts, meetings


async def set_up(rt: Runtime, cadence: Cadence, *, weekday: int, at: time) -> None:
    """Kari sets up 1:1s with Ola, as `/oppfolging 1til1 @Ola <cadence> <weekday> kl. <at>` does: a request Ola
    accepts, which sets up the pair as asked."""
    result = await rt.services.oneonone.plan_followup(
        team_id=TEAM, manager_id=MANAGER, employee_id=EMPLOYEE, cadence=cadence, weekday=weekday, at=at
    )
    assert result.error is None, result.error
    assert result.pending
    async with transaction(rt.services.deps.sessions) as session:
        request = await consent_repo.pending_request(session, team_id=TEAM, requester_id=MANAGER, employee_id=EMPLOYEE)
    assert request is not None
    answered = await rt.services.consent.answer_manager_request(
        team_id=TEAM, user_id=EMPLOYEE, request_id=request.id, accept=True
    )
    assert answered.outcome == Outcome.ACCEPTED


CONSENT_KINDS = {"notice", "consent.request"}
"""Consent's own DMs (the request, who accepted): `tests/handlers/test_consent_app.py` covers them."""


async def sweep_at(rt: Runtime, clock: ManualClock, instant: datetime) -> Sent:
    return [item for item in await sweep_everything(rt, clock, instant) if item[0] not in CONSENT_KINDS]


async def sweep_through(rt: Runtime, clock: ManualClock, instants: list[datetime], end: datetime) -> Timeline:
    timeline = await sweep_through_everything(rt, clock, instants, end)
    return [entry for entry in timeline if entry[1] not in CONSENT_KINDS]


async def test_weekly_cadence_meets_every_week(rt: Runtime, clock: ManualClock) -> None:
    """The control for "annenhver uke": the same set-up weekly does meet on 8 December."""
    await set_up(rt, Cadence.WEEKLY, weekday=1, at=time(13))  # "ukentlig tirsdag kl. 13:00"
    timeline = await sweep_through(
        rt, clock, [oslo(2026, 12, 1, 15), oslo(2026, 12, 7, 9), oslo(2026, 12, 8, 15)], end=oslo(2026, 12, 8, 20)
    )
    assert timeline == [
        (oslo(2026, 11, 30, 10), INTRO, EMPLOYEE),
        (oslo(2026, 12, 1, 15), FOLLOW_UP, MANAGER),
        (oslo(2026, 12, 7, 9), NUDGE, MANAGER),
        (oslo(2026, 12, 7, 9), NUDGE, EMPLOYEE),
        (oslo(2026, 12, 8, 15), FOLLOW_UP, MANAGER),
    ]
    assert local_starts(await meetings(rt)) == [oslo(2026, 12, 1, 13), oslo(2026, 12, 8, 13), oslo(2026, 12, 15, 13)]


@dataclass(frozen=True)
class HolidayCase:
    set_up_at: datetime
    weekday: int
    at: time
    first: datetime  # the meeting before the holiday
    moved_to: datetime  # where the holiday's meeting went
    moved_text: str
    nudge_at: datetime  # 09:00 the working day before the moved meeting
    after: datetime  # the meeting after the holiday one


HOLIDAYS = {
    # 17 May 2027 is a Monday and also 2. pinsedag: Tuesday 18 May; the nudge comes on Friday 14 May.
    "17_mai_2027": HolidayCase(
        set_up_at=oslo(2027, 5, 7, 10),
        weekday=0,  # "ukentlig mandag kl. 13:00"
        at=time(13),
        first=oslo(2027, 5, 10, 13),
        moved_to=oslo(2027, 5, 18, 13),
        moved_text="tirsdag 18. mai 2027 kl. 13.00 (uke 20)",
        nudge_at=oslo(2027, 5, 14, 9),
        after=oslo(2027, 5, 24, 13),
    ),
    # Kristi himmelfartsdag, Thursday 6 May 2027: Friday 7 May; the nudge comes on Wednesday 5 May.
    "kristi_himmelfart_2027": HolidayCase(
        set_up_at=oslo(2027, 4, 28, 10),
        weekday=3,  # "ukentlig torsdag kl. 13:00"
        at=time(13),
        first=oslo(2027, 4, 29, 13),
        moved_to=oslo(2027, 5, 7, 13),
        moved_text="fredag 7. mai 2027 kl. 13.00 (uke 18)",
        nudge_at=oslo(2027, 5, 5, 9),
        after=oslo(2027, 5, 13, 13),
    ),
    # Kristi himmelfartsdag, Thursday 14 May 2026: Friday 15 May; the nudge comes on Wednesday 13 May.
    "kristi_himmelfart_2026": HolidayCase(
        set_up_at=oslo(2026, 5, 6, 10),
        weekday=3,  # "ukentlig torsdag kl. 10:00"
        at=time(10),
        first=oslo(2026, 5, 7, 10),
        moved_to=oslo(2026, 5, 15, 10),
        moved_text="fredag 15. mai 2026 kl. 10.00 (uke 20)",
        nudge_at=oslo(2026, 5, 13, 9),
        after=oslo(2026, 5, 21, 10),
    ),
}


@pytest.mark.parametrize("name", sorted(HOLIDAYS))
async def test_a_meeting_on_a_public_holiday_moves_to_the_next_working_day_and_both_are_told_once(
    name: str, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    case = HOLIDAYS[name]
    clock.set(case.set_up_at)
    await set_up(rt, Cadence.WEEKLY, weekday=case.weekday, at=case.at)
    follow_up = timedelta(hours=2)
    instants = [case.first, case.first + follow_up, case.nudge_at]
    timeline = await sweep_through(rt, clock, instants, end=case.moved_to + follow_up)
    assert timeline == [
        (case.set_up_at, INTRO, EMPLOYEE),
        # The holiday's meeting is planned once the one before has started; both are told right away.
        (case.first, MOVED, MANAGER),
        (case.first, MOVED, EMPLOYEE),
        (case.first + follow_up, FOLLOW_UP, MANAGER),
        (case.nudge_at, NUDGE, MANAGER),
        (case.nudge_at, NUDGE, EMPLOYEE),
        (case.moved_to + follow_up, FOLLOW_UP, MANAGER),
    ]
    assert local_starts(await meetings(rt)) == [case.first, case.moved_to, case.after]
    moved = [m for m in await meetings(rt) if m.starts_at == case.moved_to]
    assert [(m.moved_reason, m.slot) for m in moved] == [("holiday", (case.first + timedelta(days=7)).date())]

    manager_moved = [dm_text(c) for c in dms(fake, MANAGER) if "helligdag" in dm_text(c)]
    employee_moved = [dm_text(c) for c in dms(fake, EMPLOYEE) if "helligdag" in dm_text(c)]
    assert len(manager_moved) == 1
    assert len(employee_moved) == 1
    assert (
        f"1:1-samtalen med <@{EMPLOYEE}> faller på en helligdag og er flyttet til {case.moved_text}."
        in (manager_moved[0])
    )
    assert (
        f"1:1-samtalen med <@{MANAGER}> faller på en helligdag og er flyttet til {case.moved_text}."
        in (employee_moved[0])
    )
    # The nudge comes two or more days ahead here, so it does not say "tomorrow".
    [nudge] = [dm_text(c) for c in dms(fake, EMPLOYEE) if "har du 1:1 med" in dm_text(c)]
    assert f":calendar: Snart har du 1:1 med <@{MANAGER}>: {case.moved_text}." in nudge
    assert "I morgen" not in nudge
    [nudge] = [dm_text(c) for c in dms(fake, MANAGER) if "har du 1:1 med" in dm_text(c)]
    assert f":calendar: Snart har du 1:1 med <@{EMPLOYEE}>: {case.moved_text}." in nudge


async def test_the_annual_reminder_comes_once_twelve_months_after_the_pair_started(
    fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await set_up(rt, Cadence.BIWEEKLY, weekday=1, at=time(13))  # "annenhver uke tirsdag kl. 13:00"
    assert await sweep_at(rt, clock, clock.now()) == [(INTRO, EMPLOYEE)]

    def annual(sent: Sent) -> Sent:
        return [item for item in sent if item[0] == ANNUAL]

    assert annual(await sweep_at(rt, clock, oslo(2027, 11, 29, 9, 0))) == []
    assert annual(await sweep_at(rt, clock, oslo(2027, 11, 29, 16, 0))) == []
    assert annual(await sweep_at(rt, clock, oslo(2027, 11, 30, 8, 59))) == []
    assert annual(await sweep_at(rt, clock, oslo(2027, 11, 30, 9, 0))) == [(ANNUAL, MANAGER)]
    assert annual(await sweep_at(rt, clock, oslo(2027, 11, 30, 9, 0))) == []
    later = await sweep_through(rt, clock, [oslo(2027, 11, 30, 15)], end=oslo(2027, 12, 2, 20))
    assert [item for item in later if item[1] == ANNUAL] == []
    [reminder] = [dm_text(c) for c in dms(fake, MANAGER) if "medarbeidersamtale" in dm_text(c)]
    assert f"Det er over et år siden du hadde medarbeidersamtale med <@{EMPLOYEE}>." in reminder
    assert all("medarbeidersamtale med" not in dm_text(c) for c in dms(fake, EMPLOYEE))
