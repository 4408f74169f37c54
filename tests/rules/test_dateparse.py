"""Tests for bot.rules.dateparse: every accepted form, each refusal, and split_date_suffix."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules.dateparse import (
    MAX_YEARS_AHEAD,
    DateErrorReason,
    DateParseError,
    parse_date,
    split_date_suffix,
)

WED = date(2026, 3, 11)  # Wednesday, ISO week 11 (the base used in research §5.1)
FRI = date(2026, 12, 4)  # Friday, ISO week 49
SAT = date(2026, 12, 5)  # Saturday, ISO week 49
MON = date(2026, 12, 7)  # Monday, ISO week 50
YEAR_END = date(2026, 12, 28)  # Monday of ISO week 53 of 2026
NEW_YEAR = date(2027, 1, 1)  # Friday, still ISO week 53 of 2026
DST = date(2026, 3, 27)  # Friday before summer time starts (Sunday 29 March 2026)
POST_LEAP = date(2027, 3, 1)


def _d(y: int, m: int, d: int) -> date:
    return date(y, m, d)


ACCEPTED: list[tuple[str, date, date]] = [
    # numeric, ISO; today itself is allowed
    ("04.12.2026", FRI, _d(2026, 12, 4)),
    ("4.12.2026", FRI, _d(2026, 12, 4)),
    ("4.12.26", FRI, _d(2026, 12, 4)),
    ("4.12", FRI, _d(2026, 12, 4)),
    ("4.12.", FRI, _d(2026, 12, 4)),
    ("2026-12-04", FRI, _d(2026, 12, 4)),
    ("  4.12.2026.  ", FRI, _d(2026, 12, 4)),
    ("den 4.12", FRI, _d(2026, 12, 4)),
    ("innen 04.12.2026", FRI, _d(2026, 12, 4)),
    ("24.12", MON, _d(2026, 12, 24)),
    ("4.12", MON, _d(2027, 12, 4)),  # no year and past -> next year
    ("1.3", WED, _d(2027, 3, 1)),
    ("11.3", WED, _d(2026, 3, 11)),
    # relative days, Bokmål / Nynorsk / English
    ("i dag", WED, _d(2026, 3, 11)),
    ("idag", WED, _d(2026, 3, 11)),
    ("today", WED, _d(2026, 3, 11)),
    ("I morgen", WED, _d(2026, 3, 12)),
    ("i morgon", WED, _d(2026, 3, 12)),
    ("tomorrow", WED, _d(2026, 3, 12)),
    ("i overmorgen", WED, _d(2026, 3, 13)),
    ("i overmorgon", WED, _d(2026, 3, 13)),
    ("the day after tomorrow", WED, _d(2026, 3, 13)),
    # bare weekday: next occurrence after today
    ("fredag", WED, _d(2026, 3, 13)),
    ("på fredag", WED, _d(2026, 3, 13)),
    ("Fredag.", WED, _d(2026, 3, 13)),
    ("friday", WED, _d(2026, 3, 13)),
    ("on Friday", WED, _d(2026, 3, 13)),
    ("by friday", WED, _d(2026, 3, 13)),
    ("innen fredag", WED, _d(2026, 3, 13)),
    ("fre", WED, _d(2026, 3, 13)),
    ("onsdag", WED, _d(2026, 3, 18)),  # said on a Wednesday: next week's
    ("wednesday", WED, _d(2026, 3, 18)),
    ("fredag", FRI, _d(2026, 12, 11)),
    ("torsdag", WED, _d(2026, 3, 12)),
    ("mandag", WED, _d(2026, 3, 16)),
    ("måndag", WED, _d(2026, 3, 16)),
    ("tirsdag", WED, _d(2026, 3, 17)),
    ("tysdag", WED, _d(2026, 3, 17)),
    ("lørdag", WED, _d(2026, 3, 14)),
    ("laurdag", WED, _d(2026, 3, 14)),
    ("søndag", WED, _d(2026, 3, 15)),
    ("sundag", WED, _d(2026, 3, 15)),
    ("mandag", DST, _d(2026, 3, 30)),
    ("fredag", YEAR_END, _d(2027, 1, 1)),
    # "neste <weekday>": that weekday in the next ISO week
    ("neste fredag", WED, _d(2026, 3, 20)),
    ("next friday", WED, _d(2026, 3, 20)),
    ("fredag neste uke", WED, _d(2026, 3, 20)),
    ("fredag i neste uke", WED, _d(2026, 3, 20)),
    ("fredag neste veke", WED, _d(2026, 3, 20)),
    ("friday next week", WED, _d(2026, 3, 20)),
    ("neste mandag", WED, _d(2026, 3, 16)),
    ("neste onsdag", WED, _d(2026, 3, 18)),
    ("neste fredag", MON, _d(2026, 12, 18)),  # not Friday 11th, which is "fredag"
    ("fredag", MON, _d(2026, 12, 11)),
    ("neste fredag", SAT, _d(2026, 12, 11)),  # on a weekend the same as "fredag"
    ("fredag", SAT, _d(2026, 12, 11)),
    ("neste fredag", YEAR_END, _d(2027, 1, 8)),
    ("fredag denne uka", WED, _d(2026, 3, 13)),
    ("fredag om to uker", WED, _d(2026, 3, 27)),
    ("fredag uke 51", MON, _d(2026, 12, 18)),
    ("kommende fredag", WED, _d(2026, 3, 13)),
    # om N <unit> / in N <unit>
    ("om 3 dager", WED, _d(2026, 3, 14)),
    ("om tre dager", WED, _d(2026, 3, 14)),
    ("om 3 dagar", WED, _d(2026, 3, 14)),
    ("in 3 days", WED, _d(2026, 3, 14)),
    ("om 3 dager", DST, _d(2026, 3, 30)),  # across the DST change: plain dates
    ("in three days", DST, _d(2026, 3, 30)),
    ("om 2 uker", WED, _d(2026, 3, 25)),
    ("om to uker", WED, _d(2026, 3, 25)),
    ("om 2 veker", WED, _d(2026, 3, 25)),
    ("in 2 weeks", WED, _d(2026, 3, 25)),
    ("om en uke", WED, _d(2026, 3, 18)),
    ("om ei uke", WED, _d(2026, 3, 18)),
    ("om én uke", WED, _d(2026, 3, 18)),
    ("om ei veke", WED, _d(2026, 3, 18)),
    ("in a week", WED, _d(2026, 3, 18)),
    ("in one week", WED, _d(2026, 3, 18)),
    ("om 1 måned", WED, _d(2026, 4, 11)),
    ("om en måned", WED, _d(2026, 4, 11)),
    ("om ein månad", WED, _d(2026, 4, 11)),
    ("in 1 month", WED, _d(2026, 4, 11)),
    ("in a month", WED, _d(2026, 4, 11)),
    ("om 1 måned", _d(2026, 1, 31), _d(2026, 2, 28)),  # clamped to the month's end
    ("om en måned", _d(2028, 1, 31), _d(2028, 2, 29)),
    ("om 1 måned", YEAR_END, _d(2027, 1, 28)),
    ("om ett år", WED, _d(2027, 3, 11)),
    ("om eitt år", _d(2028, 2, 29), _d(2029, 2, 28)),
    ("om 2 år", WED, _d(2028, 3, 11)),  # the far edge is still allowed
    ("om fire dager", WED, _d(2026, 3, 15)),
    ("om fem dager", WED, _d(2026, 3, 16)),
    ("om seks dager", WED, _d(2026, 3, 17)),
    ("om sju dager", WED, _d(2026, 3, 18)),
    ("om syv dager", WED, _d(2026, 3, 18)),
    ("om åtte dager", WED, _d(2026, 3, 19)),
    ("om ni dager", WED, _d(2026, 3, 20)),
    ("om ti dager", WED, _d(2026, 3, 21)),
    ("om elleve dager", WED, _d(2026, 3, 22)),
    ("om tolv dager", WED, _d(2026, 3, 23)),
    ("om tretten dager", WED, _d(2026, 3, 24)),
    ("om fjorten dager", WED, _d(2026, 3, 25)),
    ("om 14 dager", WED, _d(2026, 3, 25)),
    ("in fourteen days", WED, _d(2026, 3, 25)),
    ("in twelve days", WED, _d(2026, 3, 23)),
    ("in seven days", WED, _d(2026, 3, 18)),
    # uke N: Friday of that ISO week
    ("uke 50", MON, _d(2026, 12, 11)),
    ("Uke 50", MON, _d(2026, 12, 11)),
    ("veke 50", MON, _d(2026, 12, 11)),
    ("week 50", MON, _d(2026, 12, 11)),
    ("i uke 50", MON, _d(2026, 12, 11)),
    ("in week 50", MON, _d(2026, 12, 11)),
    ("uke 50", _d(2026, 12, 11), _d(2026, 12, 11)),
    ("uke 50", _d(2026, 12, 12), _d(2027, 12, 17)),  # Friday passed -> next year
    ("uke 50 2027", MON, _d(2027, 12, 17)),
    ("uke 50/2027", MON, _d(2027, 12, 17)),
    ("uke 50, 2027", MON, _d(2027, 12, 17)),
    ("week 50 2027", MON, _d(2027, 12, 17)),
    ("uke 1", YEAR_END, _d(2027, 1, 8)),
    ("uke 53", YEAR_END, _d(2027, 1, 1)),  # week 53 of 2026 runs 28.12.2026-03.01.2027
    ("uke 53", MON, _d(2027, 1, 1)),
    ("uke 53 2026", YEAR_END, _d(2027, 1, 1)),
    ("uke 53", NEW_YEAR, _d(2027, 1, 1)),  # ISO year 2026 on 1 January 2027
    ("uke 1", NEW_YEAR, _d(2027, 1, 8)),
    ("uke 12", WED, _d(2026, 3, 20)),
    ("uke 11", WED, _d(2026, 3, 13)),
    ("uke 10", WED, _d(2027, 3, 12)),
    # neste uke / denne uka / end of week / end of month
    ("neste uke", WED, _d(2026, 3, 20)),
    ("i neste uke", WED, _d(2026, 3, 20)),
    ("neste veke", WED, _d(2026, 3, 20)),
    ("next week", WED, _d(2026, 3, 20)),
    ("neste uke", YEAR_END, _d(2027, 1, 8)),
    ("slutten av uka", WED, _d(2026, 3, 13)),
    ("i slutten av uken", WED, _d(2026, 3, 13)),
    ("innen utgangen av uka", WED, _d(2026, 3, 13)),
    ("end of the week", WED, _d(2026, 3, 13)),
    ("by the end of the week", WED, _d(2026, 3, 13)),
    ("end of week", FRI, _d(2026, 12, 4)),
    ("slutten av uka", SAT, _d(2026, 12, 11)),
    ("slutten av uka", _d(2026, 12, 6), _d(2026, 12, 11)),
    ("denne uka", WED, _d(2026, 3, 13)),
    ("slutten av måneden", WED, _d(2026, 3, 31)),
    ("end of the month", _d(2028, 2, 3), _d(2028, 2, 29)),
    # day + month name
    ("4. desember", WED, _d(2026, 12, 4)),
    ("4. des.", WED, _d(2026, 12, 4)),
    ("4. des", WED, _d(2026, 12, 4)),
    ("4 desember", WED, _d(2026, 12, 4)),
    ("4.desember", WED, _d(2026, 12, 4)),
    ("4.\u00a0desember", WED, _d(2026, 12, 4)),
    ("15. des.", WED, _d(2026, 12, 15)),
    ("4. desember 2026", WED, _d(2026, 12, 4)),
    ("den 4. desember", WED, _d(2026, 12, 4)),
    ("innen 15. desember", WED, _d(2026, 12, 15)),
    ("4 December", WED, _d(2026, 12, 4)),
    ("December 4", WED, _d(2026, 12, 4)),
    ("Dec 4 2026", WED, _d(2026, 12, 4)),
    ("Dec 4, 2026", WED, _d(2026, 12, 4)),
    ("December 4th, 2026", WED, _d(2026, 12, 4)),
    ("4th December", WED, _d(2026, 12, 4)),
    ("the 4th of December", WED, _d(2026, 12, 4)),
    ("4. desember", MON, _d(2027, 12, 4)),
    ("1. mars", WED, _d(2027, 3, 1)),
    ("3. jan", WED, _d(2027, 1, 3)),
    ("3. januar", WED, _d(2027, 1, 3)),
    ("3. feb", WED, _d(2027, 2, 3)),
    ("20. mar", WED, _d(2026, 3, 20)),
    ("20. mars", WED, _d(2026, 3, 20)),
    ("2. apr", WED, _d(2026, 4, 2)),
    ("2. april", WED, _d(2026, 4, 2)),
    ("17. mai", WED, _d(2026, 5, 17)),
    ("May 17", WED, _d(2026, 5, 17)),
    ("1. jun", WED, _d(2026, 6, 1)),
    ("1. juli", WED, _d(2026, 7, 1)),
    ("1 aug", WED, _d(2026, 8, 1)),
    ("1. sep", WED, _d(2026, 9, 1)),
    ("1. sept.", WED, _d(2026, 9, 1)),
    ("1. okt", WED, _d(2026, 10, 1)),
    ("Oct 1", WED, _d(2026, 10, 1)),
    ("1. nov", WED, _d(2026, 11, 1)),
    ("1 dec", WED, _d(2026, 12, 1)),
    ("4. januar", YEAR_END, _d(2027, 1, 4)),
    ("4.1", YEAR_END, _d(2027, 1, 4)),
    ("31.12", YEAR_END, _d(2026, 12, 31)),
    # 29 February
    ("29.2", POST_LEAP, _d(2028, 2, 29)),
    ("29. februar", POST_LEAP, _d(2028, 2, 29)),
    ("29.02.2028", POST_LEAP, _d(2028, 2, 29)),
    ("29.2", _d(2026, 3, 1), _d(2028, 2, 29)),
    # a weekday or week given with the date must agree (the bot's own echo can be pasted back)
    ("fredag 4. desember 2026", WED, _d(2026, 12, 4)),
    ("fredag 4. desember 2026 (uke 49)", WED, _d(2026, 12, 4)),
    ("Friday, December 4, 2026", WED, _d(2026, 12, 4)),
    ("fredag 4.12", WED, _d(2026, 12, 4)),
    ("4.12.2026 (uke 49)", WED, _d(2026, 12, 4)),
    # Unicode: decomposed å/ø (macOS input) and upper case
    (unicodedata.normalize("NFD", "på lørdag"), WED, _d(2026, 3, 14)),
    ("LØRDAG", WED, _d(2026, 3, 14)),
]


@pytest.mark.parametrize(("text", "today", "expected"), ACCEPTED)
def test_accepted(text: str, today: date, expected: date) -> None:
    assert parse_date(text, today=today) == expected


REFUSED: list[tuple[str, date, DateErrorReason]] = [
    ("", WED, DateErrorReason.EMPTY),
    ("   ", WED, DateErrorReason.EMPTY),
    ("innen", WED, DateErrorReason.EMPTY),
    ("blabla", WED, DateErrorReason.UNPARSEABLE),
    ("fredag blabla", WED, DateErrorReason.UNPARSEABLE),
    ("4/12", WED, DateErrorReason.AMBIGUOUS),
    ("15:12", WED, DateErrorReason.UNPARSEABLE),  # a time, not a date
    ("kl. 14", WED, DateErrorReason.UNPARSEABLE),
    ("fredag 13. mars kl. 14", WED, DateErrorReason.UNPARSEABLE),  # dateparser: year 2114
    ("om dager", WED, DateErrorReason.UNPARSEABLE),
    ("desember", WED, DateErrorReason.UNPARSEABLE),
    ("i går", WED, DateErrorReason.PAST),
    ("igår", WED, DateErrorReason.PAST),
    ("yesterday", WED, DateErrorReason.PAST),
    ("i forgårs", WED, DateErrorReason.PAST),
    ("1.1.2020", WED, DateErrorReason.PAST),
    ("10.3.2026", WED, DateErrorReason.PAST),
    ("2026-03-10", WED, DateErrorReason.PAST),
    ("uke 10 2026", WED, DateErrorReason.PAST),
    ("uke 53 2026", _d(2027, 1, 2), DateErrorReason.PAST),
    ("fredag denne uka", SAT, DateErrorReason.PAST),
    ("om 5 år", WED, DateErrorReason.TOO_FAR),
    ("om 3 år", WED, DateErrorReason.TOO_FAR),
    ("om 25 måneder", WED, DateErrorReason.TOO_FAR),
    ("om 9999 år", WED, DateErrorReason.TOO_FAR),
    ("om 9999 dager", WED, DateErrorReason.TOO_FAR),
    ("12.3.2028", WED, DateErrorReason.TOO_FAR),
    ("1.1.2030", WED, DateErrorReason.TOO_FAR),
    ("uke 50 2029", WED, DateErrorReason.TOO_FAR),
    ("31.02", WED, DateErrorReason.INVALID),
    ("31.02.2027", WED, DateErrorReason.INVALID),
    ("29.02.2027", POST_LEAP, DateErrorReason.INVALID),
    ("30. februar", WED, DateErrorReason.INVALID),
    ("31.4", WED, DateErrorReason.INVALID),
    ("32.1", WED, DateErrorReason.INVALID),
    ("4.13.2026", WED, DateErrorReason.INVALID),
    ("2026-13-01", WED, DateErrorReason.INVALID),
    ("uke 53 2027", WED, DateErrorReason.INVALID),  # 2027 has 52 ISO weeks
    ("uke 53", _d(2027, 1, 5), DateErrorReason.INVALID),  # neither 2027 nor 2028 has one
    ("uke 0", WED, DateErrorReason.INVALID),
    ("uke 54", WED, DateErrorReason.INVALID),
    ("torsdag 4. desember 2026", WED, DateErrorReason.INVALID),
    ("4.12.2026 (uke 50)", WED, DateErrorReason.INVALID),
]


@pytest.mark.parametrize(("text", "today", "reason"), REFUSED)
def test_refused(text: str, today: date, reason: DateErrorReason) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(text, today=today)
    assert caught.value.reason is reason


def test_error_is_a_value_error_carrying_its_reason() -> None:
    error = DateParseError(DateErrorReason.PAST)
    assert isinstance(error, ValueError)
    assert str(error) == "past"
    assert DateErrorReason.TOO_FAR.value == "too_far"


@given(
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    ahead=st.integers(min_value=0, max_value=700),
)
def test_numeric_and_iso_round_trip(today: date, ahead: int) -> None:
    d = today + timedelta(days=ahead)
    assert parse_date(d.strftime("%d.%m.%Y"), today=today) == d
    assert parse_date(d.isoformat(), today=today) == d


@given(today=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_weekday_words_stay_within_their_promise(today: date) -> None:
    bare = parse_date("fredag", today=today)
    assert bare.weekday() == 4
    assert 1 <= (bare - today).days <= 7
    nxt = parse_date("neste fredag", today=today)
    assert nxt.weekday() == 4
    assert nxt.isocalendar().week == (today + timedelta(weeks=1)).isocalendar().week
    week = parse_date("uke 10", today=today)
    assert (week.weekday(), week.isocalendar().week) == (4, 10)
    assert week >= today
    assert parse_date(f"om {MAX_YEARS_AHEAD} år", today=today) > today


SPLITS: list[tuple[str, tuple[str, str] | None]] = [
    ("Oppdatere rutinene innen fredag", ("Oppdatere rutinene", "fredag")),
    ("Lage plan for opplæring frist 4.12", ("Lage plan for opplæring", "4.12")),
    ("Fix the onboarding doc by next friday", ("Fix the onboarding doc", "next friday")),
    ("Skrive rapport", None),
    ("Sjekke innen-tiltak innen 4.12", ("Sjekke innen-tiltak", "4.12")),
    ("snakke om innen regnskap", None),
    ("Skrive rapport INNEN Fredag", ("Skrive rapport", "Fredag")),
    ("Skrive rapport, innen 4. des.", ("Skrive rapport", "4. des.")),
    ("Lage plan frist: uke 50", ("Lage plan", "uke 50")),
    ("Fix bug reported by Anna by friday", ("Fix bug reported by Anna", "friday")),
    ("Fix bug reported by Anna", None),
    ("Fix the doc due by friday", ("Fix the doc", "friday")),
    ("Invoice due 4.12.2026", ("Invoice", "4.12.2026")),
    ("Rydde innan om 2 veker", ("Rydde", "om 2 veker")),
    ("Rapport innen 1.1.2020", ("Rapport", "1.1.2020")),  # past: parse_date says so
    ("Rapport innen 31.02", ("Rapport", "31.02")),  # invalid: parse_date says so
    ("Rapport til fredag", None),  # "til" is not a separator
    ("innen fredag skrive rapport", None),  # the date must end the text
    ("Ringe innen", None),
    ("innen fredag", ("", "fredag")),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_date_suffix(text: str, expected: tuple[str, str] | None) -> None:
    assert split_date_suffix(text) == expected


# --- issue 15: the dates people actually type, table-tested across a year end ---

BEFORE_NEW_YEAR = date(2026, 12, 2)  # Wednesday, week 49
AFTER_CHRISTMAS = date(2026, 12, 28)  # Monday, week 53
NEW_YEAR = date(2027, 1, 4)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("første mandag i mars", BEFORE_NEW_YEAR, date(2027, 3, 1)),
        ("innen første mandag i mars", AFTER_CHRISTMAS, date(2027, 3, 1)),
        ("andre tirsdag i desember", BEFORE_NEW_YEAR, date(2026, 12, 8)),
        ("andre tirsdag i desember", AFTER_CHRISTMAS, date(2027, 12, 14)),  # this year's has passed
        ("tredje onsdag i januar", AFTER_CHRISTMAS, date(2027, 1, 20)),
        ("fjerde torsdag i november", BEFORE_NEW_YEAR, date(2027, 11, 25)),
        ("siste fredag i januar", BEFORE_NEW_YEAR, date(2027, 1, 29)),
        ("siste fredag i desember", BEFORE_NEW_YEAR, date(2026, 12, 25)),
        ("siste fredag i desember", AFTER_CHRISTMAS, date(2027, 12, 31)),
        ("første måndag i mars", AFTER_CHRISTMAS, date(2027, 3, 1)),  # Nynorsk
        ("first monday in march", BEFORE_NEW_YEAR, date(2027, 3, 1)),
        ("last friday of december", AFTER_CHRISTMAS, date(2027, 12, 31)),
        # Easter 2027 is 28 March: 2. påskedag 29 March, so the Tuesday is 30 March.
        ("etter påske", BEFORE_NEW_YEAR, date(2027, 3, 30)),
        ("etter påske", date(2027, 3, 31), date(2028, 4, 18)),  # Easter 2028 is 16 April
        ("after easter", AFTER_CHRISTMAS, date(2027, 3, 30)),
        # The first working day of January: 1.1.2027 is a holiday (Friday), so Monday 4 January.
        ("over nyttår", BEFORE_NEW_YEAR, date(2027, 1, 4)),
        ("etter nyttår", AFTER_CHRISTMAS, date(2027, 1, 4)),
        ("over nyttår", NEW_YEAR, date(2027, 1, 4)),  # said on that day: today
        ("over nyttår", date(2027, 1, 5), date(2028, 1, 3)),
        ("after new year", AFTER_CHRISTMAS, date(2027, 1, 4)),
        # The last working day before julaften.
        ("før jul", BEFORE_NEW_YEAR, date(2026, 12, 23)),
        ("før jul", AFTER_CHRISTMAS, date(2027, 12, 23)),
        ("before christmas", NEW_YEAR, date(2027, 12, 23)),
        # The Friday before fellesferie (ISO weeks 28–30): Friday of week 27.
        ("til sommeren", BEFORE_NEW_YEAR, date(2027, 7, 9)),
        ("før sommeren", AFTER_CHRISTMAS, date(2027, 7, 9)),
        ("til sommaren", NEW_YEAR, date(2027, 7, 9)),
        ("før sommeren", date(2027, 7, 12), date(2028, 7, 7)),
        ("before the summer", BEFORE_NEW_YEAR, date(2027, 7, 9)),
    ],
)
def test_the_norwegian_working_year_phrases(text: str, today: date, expected: date) -> None:
    assert parse_date(text, today=today) == expected


@pytest.mark.parametrize(
    ("text", "suggestion"), [("1/2", (1, 2)), ("innen 1/2", (1, 2)), ("12/11", (12, 11)), ("01/02/2027", (1, 2))]
)
def test_a_slash_date_is_ambiguous_and_the_error_carries_the_norwegian_reading(
    text: str, suggestion: tuple[int, int]
) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(text, today=BEFORE_NEW_YEAR)
    assert caught.value.reason == DateErrorReason.AMBIGUOUS
    assert caught.value.suggestion == suggestion


def test_a_slash_that_is_no_date_is_just_unparseable() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date("31/13", today=BEFORE_NEW_YEAR)
    assert caught.value.reason == DateErrorReason.UNPARSEABLE


def test_an_ambiguous_date_still_ends_a_tiltak_text() -> None:
    assert split_date_suffix("Sende rapporten innen 1/2") == ("Sende rapporten", "1/2")
    assert split_date_suffix("Planlegge kurset innen første mandag i mars") == (
        "Planlegge kurset",
        "første mandag i mars",
    )
    assert split_date_suffix("Rydde lageret innen til sommeren") == ("Rydde lageret", "til sommeren")
