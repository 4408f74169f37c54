"""The 1:1 command grammar (`handlers.parsing_oneonone`): text after the verb in, a plain value out, never raising.

`1til1 <@bruker> [ukentlig|annenhver uke|hver 3. uke|månedlig] [<ukedag>] [kl. HH:MM]`, `1til1 <@bruker> stopp`,
`ny <@bruker> start <dato>`, in Bokmål, Nynorsk and English. Anything left over is a syntax error, so nothing is
guessed; the date after `start` is parsed later by the service (with the caller's today).
"""

from __future__ import annotations

from datetime import time

import pytest

from bot.rules.cadence import Cadence
from handlers.parsing import parse_command
from handlers.parsing_oneonone import NewEmployee, SetOneOnOne, parse_new_employee, parse_one_on_one

OLA = "UOLA"
WEEKLY, BIWEEKLY, THREE, MONTHLY = Cadence.WEEKLY, Cadence.BIWEEKLY, Cadence.EVERY_THREE_WEEKS, Cadence.MONTHLY
MON, TUE, WED, THU, FRI = range(5)


def error(employee: str | None = OLA) -> SetOneOnOne:
    return SetOneOnOne(employee, syntax_error=True)


ONE_ON_ONE: list[tuple[str, SetOneOnOne]] = [
    # Only the mention: the service fills in the defaults (every other week, Tuesday 10:00).
    ("<@UOLA|ola>", SetOneOnOne(OLA)),
    ("<@UOLA>", SetOneOnOne(OLA)),
    ("<@W0ENTERPRISE|kari>", SetOneOnOne("W0ENTERPRISE")),
    # Everything, in the documented order and in others.
    ("<@UOLA|ola> annenhver uke tirsdag kl. 13:00", SetOneOnOne(OLA, BIWEEKLY, TUE, time(13, 0))),
    ("<@UOLA> kl. 13:00 tirsdag annenhver uke", SetOneOnOne(OLA, BIWEEKLY, TUE, time(13, 0))),
    ("annenhver uke <@UOLA> tirsdag", SetOneOnOne(OLA, BIWEEKLY, TUE)),
    ("<@UOLA> Annenhver Uke TIRSDAG KL. 9", SetOneOnOne(OLA, BIWEEKLY, TUE, time(9, 0))),
    # Each cadence word in Bokmål.
    ("<@UOLA> ukentlig", SetOneOnOne(OLA, WEEKLY)),
    ("<@UOLA> hver uke", SetOneOnOne(OLA, WEEKLY)),
    ("<@UOLA> hver andre uke", SetOneOnOne(OLA, BIWEEKLY)),
    ("<@UOLA> hver 2. uke", SetOneOnOne(OLA, BIWEEKLY)),
    ("<@UOLA> hver 3. uke fredag", SetOneOnOne(OLA, THREE, FRI)),
    ("<@UOLA> hver tredje uke", SetOneOnOne(OLA, THREE)),
    ("<@UOLA> månedlig onsdag kl 9", SetOneOnOne(OLA, MONTHLY, WED, time(9, 0))),
    ("<@UOLA> hver måned", SetOneOnOne(OLA, MONTHLY)),
    # Nynorsk.
    ("<@UOLA> annakvar veke tysdag kl. 10:00", SetOneOnOne(OLA, BIWEEKLY, TUE, time(10, 0))),
    ("<@UOLA> kvar veke", SetOneOnOne(OLA, WEEKLY)),
    ("<@UOLA> vekentleg", SetOneOnOne(OLA, WEEKLY)),
    ("<@UOLA> kvar tredje veke", SetOneOnOne(OLA, THREE)),
    ("<@UOLA> månadleg", SetOneOnOne(OLA, MONTHLY)),
    ("<@UOLA> kvar månad", SetOneOnOne(OLA, MONTHLY)),
    # English.
    ("<@UOLA> weekly monday at 10:00", SetOneOnOne(OLA, WEEKLY, MON, time(10, 0))),
    ("<@UOLA> biweekly at 9", SetOneOnOne(OLA, BIWEEKLY, None, time(9, 0))),
    ("<@UOLA> fortnightly", SetOneOnOne(OLA, BIWEEKLY)),
    ("<@UOLA> every other week on friday at 14:30", SetOneOnOne(OLA, BIWEEKLY, FRI, time(14, 30))),
    ("<@UOLA> every 3 weeks", SetOneOnOne(OLA, THREE)),
    ("<@UOLA> every month", SetOneOnOne(OLA, MONTHLY)),
    ("<@UOLA> monthly thursday", SetOneOnOne(OLA, MONTHLY, THU)),
    # "på" and "on" before the weekday are filler.
    ("<@UOLA> hver uke på mandag", SetOneOnOne(OLA, WEEKLY, MON)),
    # Weekday alone, abbreviated, any case.
    ("<@UOLA> Tirsdag", SetOneOnOne(OLA, None, TUE)),
    ("<@UOLA> tir.", SetOneOnOne(OLA, None, TUE)),
    # Time alone: with "kl." (with or without space and dot), "kl" and "at"; a bare HH:MM; HH.MM after "kl".
    ("<@UOLA> kl. 9", SetOneOnOne(OLA, at=time(9, 0))),
    ("<@UOLA> kl.13:00", SetOneOnOne(OLA, at=time(13, 0))),
    ("<@UOLA> kl 09.30", SetOneOnOne(OLA, at=time(9, 30))),
    ("<@UOLA> at 9:15", SetOneOnOne(OLA, at=time(9, 15))),
    ("<@UOLA> 13:00", SetOneOnOne(OLA, at=time(13, 0))),
    ("<@UOLA> kl. 23:59", SetOneOnOne(OLA, at=time(23, 59))),
    ("<@UOLA> kl. 0:00", SetOneOnOne(OLA, at=time(0, 0))),
    # The same person mentioned twice is still one person.
    ("<@UOLA> <@UOLA|ola> ukentlig", SetOneOnOne(OLA, WEEKLY)),
    # No mention: the service answers "mention someone".
    ("ukentlig", SetOneOnOne(None, WEEKLY)),
    ("", SetOneOnOne(None)),
    # Stop, in every spelling, with or without the mention's name; nothing may follow it.
    ("<@UOLA> stopp", SetOneOnOne(OLA, stop=True)),
    ("<@UOLA|ola> STOPP", SetOneOnOne(OLA, stop=True)),
    ("<@UOLA> stop", SetOneOnOne(OLA, stop=True)),
    ("<@UOLA> avslutt", SetOneOnOne(OLA, stop=True)),
    ("<@UOLA> slutt", SetOneOnOne(OLA, stop=True)),
    ("stopp <@UOLA>", SetOneOnOne(OLA, stop=True)),
    ("stopp", SetOneOnOne(None, stop=True)),
    ("<@UOLA> stopp nå", SetOneOnOne(OLA, stop=True, syntax_error=True)),
    ("<@UOLA> ukentlig stopp", SetOneOnOne(OLA, stop=True, syntax_error=True)),
    # Anything not understood is an error, never a guess.
    ("<@UOLA> <@UPER>", error()),
    ("<@UOLA> hver dag", error()),
    ("<@UOLA> tirsdag onsdag", SetOneOnOne(OLA, weekday=TUE, syntax_error=True)),
    ("<@UOLA> ukentlig ukentlig", SetOneOnOne(OLA, WEEKLY, syntax_error=True)),
    ("<@UOLA> ukentlig månedlig", SetOneOnOne(OLA, WEEKLY, syntax_error=True)),
    ("<@UOLA> 13", error()),  # a bare number is no time
    ("<@UOLA> kl. 24:00", error()),
    ("<@UOLA> kl. 12:60", error()),
    ("<@UOLA> kl. 7:5", error()),
    ("<@UOLA> kl.", error()),
    ("<@UOLA> tirsdag kl. 25", SetOneOnOne(OLA, weekday=TUE, syntax_error=True)),
    ("<@UOLA> 4.12", error()),  # a date is no time
    ("<@UOLA> annenhver", error()),
    ("<@ola> ukentlig", SetOneOnOne(None, WEEKLY, syntax_error=True)),  # not a user id
]


@pytest.mark.parametrize(("text", "expected"), ONE_ON_ONE)
def test_parse_one_on_one(text: str, expected: SetOneOnOne) -> None:
    assert parse_one_on_one(text) == expected


NEW_EMPLOYEE: list[tuple[str, NewEmployee]] = [
    ("<@UOLA|ola> start 4.1", NewEmployee(OLA, "4.1")),
    ("<@UOLA> starter 4.1.2027", NewEmployee(OLA, "4.1.2027")),
    ("<@UOLA> startar 4. januar", NewEmployee(OLA, "4. januar")),
    ("<@UOLA> Start 4. januar", NewEmployee(OLA, "4. januar")),
    ("<@UOLA> fra i dag", NewEmployee(OLA, "i dag")),
    ("<@UOLA> frå 2027-01-04", NewEmployee(OLA, "2027-01-04")),
    ("<@UOLA> starts 2027-01-04", NewEmployee(OLA, "2027-01-04")),
    ("<@UOLA> from next monday", NewEmployee(OLA, "next monday")),
    # The word is optional, and the mention may come anywhere.
    ("<@UOLA> 4.1", NewEmployee(OLA, "4.1")),
    ("start 4.1 <@UOLA>", NewEmployee(OLA, "4.1")),
    # Missing pieces are left for the service to answer.
    ("<@UOLA>", NewEmployee(OLA, None)),
    ("<@UOLA> start", NewEmployee(OLA, "start")),
    ("start 4.1", NewEmployee(None, "4.1")),
    ("", NewEmployee(None, None)),
]


@pytest.mark.parametrize(("text", "expected"), NEW_EMPLOYEE)
def test_parse_new_employee(text: str, expected: NewEmployee) -> None:
    assert parse_new_employee(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1til1 <@UOLA> ukentlig", SetOneOnOne(OLA, WEEKLY)),
        ("1TIL1 <@UOLA>", SetOneOnOne(OLA)),
        ("1on1 <@UOLA> weekly", SetOneOnOne(OLA, WEEKLY)),
        ("1:1 <@UOLA> stopp", SetOneOnOne(OLA, stop=True)),
        ("1-1 <@UOLA>", SetOneOnOne(OLA)),
        ("ny <@UOLA> start 4.1", NewEmployee(OLA, "4.1")),
        ("new <@UOLA> start 4.1", NewEmployee(OLA, "4.1")),
        ("nyansatt <@UOLA> start 4.1", NewEmployee(OLA, "4.1")),
    ],
)
def test_the_command_routes_the_one_on_one_verbs(text: str, expected: SetOneOnOne | NewEmployee) -> None:
    assert parse_command(text) == expected


@pytest.mark.parametrize("text", ["<@UOLA> " + "x" * 10_000, "<@" * 500, "kl. " * 300, "\x00 <@U1> \u200b stopp"])
def test_odd_input_never_raises(text: str) -> None:
    assert isinstance(parse_one_on_one(text), SetOneOnOne)
    assert isinstance(parse_new_employee(text), NewEmployee)
