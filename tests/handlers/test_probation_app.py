"""The prøvetid by aml § 15-6 through the real AsyncApp (issue 17, item 2).

A 4-month prøvetid registered through the consent request gets check-ins spread over it and a decision reminder
to the manager only, a month before it ends, at 09:00 on a working day; an extension for absence moves the reminder
with the new end. More than 6 months is refused with an example, and nothing is stored.

The clock starts Monday 30 November 2026, 10:00 in Oslo; Kari (UKARI) is the manager, Ola (UOLA) the new employee.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from bot.app import Runtime
from bot.clock import ManualClock
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from storage.db import make_session_factory
from storage.oneonone_models import Probation
from tests.conftest import EMPLOYEE, MANAGER, oslo
from tests.consent_helpers import accept
from tests.driver import dm_text, dms, sweep_at
from tests.handlers.year_helpers import reply_to

DECISION = "year.probation_decision"


async def probations(rt: Runtime) -> list[Probation]:
    async with make_session_factory(rt.engine)() as session:
        return list((await session.exec(select(Probation))).all())


START = f"ny <@{EMPLOYEE}|ola> start 15.1 prøvetid 4 måneder"


async def decisions(rt: Runtime, clock: ManualClock, *instants: datetime) -> list[tuple[str, str]]:
    sent: list[tuple[str, str]] = []
    for instant in instants:
        sent += [item for item in await sweep_at(rt, clock, instant) if item[0] == DECISION]
    return sent


async def registered(slack: SlackSimulator, rt: Runtime, fake: FakeSlack) -> str:
    """`ny` by Kari is a request to Ola; once Ola accepts, the prøvetid is stored; the same command replies."""
    assert "Probation" not in await reply_to(slack, MANAGER, START)
    await accept(slack, rt, fake, EMPLOYEE)
    [probation] = await probations(rt)
    assert probation.months == 4
    return await reply_to(slack, MANAGER, START)


async def test_a_four_month_probation_gets_its_decision_reminder_a_month_before_the_end(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    reply = await registered(slack, rt, fake)
    # Check-ins at 1, 2 and 3 months; the end at 4 months.
    assert "mandag 15. februar 2027 (uke 7), mandag 15. mars 2027 (uke 11) og torsdag 15. april 2027 (uke 15)" in reply
    assert "Prøvetiden varer til lørdag 15. mai 2027 (uke 19)" in reply

    # The 1:1 nearest the first check-in (Tuesday 9 February) is a prøvetidssamtale; Kari's guide has her own
    # assessment part.
    await sweep_at(rt, clock, oslo(2027, 2, 8, 9, 0))
    nudge = dm_text(dms(fake, MANAGER)[-1])
    assert "tirsdag 9. februar 2027" in nudge
    assert "Din vurdering som leder" in nudge
    assert "Din vurdering som leder" not in dm_text(dms(fake, EMPLOYEE)[-1])

    # A month before the end (Thursday 15 April 2027), at 09:00, to Kari only; once.
    assert await decisions(rt, clock, oslo(2027, 4, 15, 8, 59)) == []
    assert await decisions(rt, clock, oslo(2027, 4, 15, 9, 0), oslo(2027, 4, 16, 9, 0)) == [(DECISION, MANAGER)]
    text = dm_text(dms(fake, MANAGER)[-1])
    assert f"Prøvetiden for <@{EMPLOYEE}> slutter lørdag 15. mai 2027 (uke 19)" in text
    assert "Din vurdering som leder" in text
    assert not any("Prøvetiden for" in dm_text(call) for call in dms(fake, EMPLOYEE))


async def test_an_extension_moves_the_decision_reminder_with_the_new_end(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await registered(slack, rt, fake)
    clock.set(oslo(2027, 3, 1, 10, 0))
    reply = await reply_to(slack, MANAGER, f"ny <@{EMPLOYEE}> forleng 12.6")
    assert "forlenget til lørdag 12. juni 2027 (uke 23)" in reply
    assert "Påminnelsen om å gjøre opp status kommer nå onsdag 12. mai 2027 (uke 19)" in reply

    assert await decisions(rt, clock, oslo(2027, 4, 15, 9, 0), oslo(2027, 5, 12, 8, 59)) == []
    assert await decisions(rt, clock, oslo(2027, 5, 12, 9, 0)) == [(DECISION, MANAGER)]
    assert "Den forlengede prøvetiden" in dm_text(dms(fake, MANAGER)[-1])

    # An end that is not later is refused; English works too.
    assert "etter dagens slutt" in await reply_to(slack, MANAGER, f"ny <@{EMPLOYEE}> forleng 1.6")
    assert "forlenget til onsdag 30. juni 2027 (uke 26)" in await reply_to(
        slack, MANAGER, f"new <@{EMPLOYEE}> extend 30.6"
    )


async def test_an_extension_after_the_reminder_gets_a_reminder_for_the_new_end_in_english_too(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    await registered(slack, rt, fake)
    assert await decisions(rt, clock, oslo(2027, 4, 15, 9, 0)) == [(DECISION, MANAGER)]
    clock.set(oslo(2027, 4, 20, 10, 0))
    await reply_to(slack, MANAGER, f"new <@{EMPLOYEE}> extend 15.6")
    assert await decisions(rt, clock, oslo(2027, 5, 14, 9, 0)) == [(DECISION, MANAGER)]


async def test_more_than_six_months_is_refused_and_nothing_is_stored(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime
) -> None:
    reply = await reply_to(slack, MANAGER, f"ny <@{EMPLOYEE}> start 15.1 prøvetid 8 måneder")
    assert "høyst 6 måneder" in reply
    assert "`/oppfolging ny @kollega start 4.1 prøvetid 6 måneder`" in reply
    assert await probations(rt) == []
    assert "et tall måneder" in await reply_to(slack, MANAGER, f"ny <@{EMPLOYEE}> start 15.1 prøvetid lenge")
    assert "forleng" not in str(fake.calls_to("chat.postMessage"))
