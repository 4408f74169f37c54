"""The Norwegian working calendar: holidays, working days, send windows and DST (closures: test_closures.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.rules.calendar import (
    DEFAULT_SEND_TIME,
    WORK_END,
    WORK_START,
    add_working_days,
    holiday_name,
    is_public_holiday,
    is_send_allowed,
    is_working_day,
    iso_week,
    local_date,
    local_instant,
    next_allowed_send,
    next_working_day,
    previous_working_day,
    working_day_on_or_after,
    working_day_on_or_before,
)

OSLO = ZoneInfo("Europe/Oslo")
NEW_YORK = ZoneInfo("America/New_York")

# norway-domain.md §4.1: (name in nb, day.month in 2025, 2026, 2027).
HOLIDAY_TABLE = [
    ("Første nyttårsdag", "01.01", "01.01", "01.01"),
    ("Skjærtorsdag", "17.04", "02.04", "25.03"),
    ("Langfredag", "18.04", "03.04", "26.03"),
    ("Første påskedag", "20.04", "05.04", "28.03"),
    ("Andre påskedag", "21.04", "06.04", "29.03"),
    ("Arbeidernes dag", "01.05", "01.05", "01.05"),
    ("Grunnlovsdag", "17.05", "17.05", "17.05"),
    ("Kristi himmelfartsdag", "29.05", "14.05", "06.05"),
    ("Første pinsedag", "08.06", "24.05", "16.05"),
    ("Andre pinsedag", "09.06", "25.05", "17.05"),  # 2027: the same day as Grunnlovsdag
    ("Første juledag", "25.12", "25.12", "25.12"),
    ("Andre juledag", "26.12", "26.12", "26.12"),
]
YEARS = (2025, 2026, 2027)
HOLIDAY_CASES = [
    (name, f"{day}.{year}") for name, *days in HOLIDAY_TABLE for year, day in zip(YEARS, days, strict=True)
]


def d(text: str) -> date:
    day, month, year = (int(part) for part in text.split("."))
    return date(year, month, day)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def oslo(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=OSLO)


@pytest.mark.parametrize(("name", "day"), HOLIDAY_CASES)
def test_public_holidays(name: str, day: str) -> None:
    assert is_public_holiday(d(day))
    assert not is_working_day(d(day))
    found = holiday_name(d(day), "nb")
    assert found is not None
    assert name in found.split("; ")


@pytest.mark.parametrize("year", YEARS)
def test_exactly_the_listed_holidays(year: int) -> None:
    days = [date(year, 1, 1) + timedelta(days=i) for i in range(366)]
    found = {day for day in days if day.year == year and is_public_holiday(day)}
    assert found == {d(day) for _, day in HOLIDAY_CASES if day.endswith(str(year))}


@pytest.mark.parametrize(
    "day",
    ["24.12.2026", "31.12.2026", "04.04.2026", "01.04.2026", "23.05.2026", "24.12.2025", "31.12.2027"],
)
def test_eves_and_the_wednesday_before_easter_are_not_holidays(day: str) -> None:
    assert not is_public_holiday(d(day))


def test_sundays_are_not_holidays_but_are_not_working_days() -> None:
    sunday = d("08.03.2026")
    assert not is_public_holiday(sunday)
    assert not is_working_day(sunday)


@pytest.mark.parametrize(
    ("day", "lang", "name"),
    [
        ("17.05.2026", "nb", "Grunnlovsdag"),
        ("17.05.2026", "nn", "Grunnlovsdag"),
        ("17.05.2026", "en", "Constitution Day"),
        ("03.04.2026", "nb", "Langfredag"),
        ("03.04.2026", "en", "Good Friday"),
        ("25.12.2026", "nb", "Første juledag"),
        ("24.12.2026", "nb", None),
        ("09.03.2026", "en", None),
    ],
)
def test_holiday_name(day: str, lang: str, name: str | None) -> None:
    assert holiday_name(d(day), lang) == name


def test_holiday_name_when_two_holidays_meet() -> None:
    name = holiday_name(d("17.05.2027"), "nb")
    assert name is not None
    assert "Grunnlovsdag" in name
    assert "Andre pinsedag" in name


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("25.12.2026", "24.12.2026"),  # Friday holiday; julaften is a normal working day
        ("27.12.2026", "24.12.2026"),
        ("24.12.2026", "24.12.2026"),
        ("05.04.2026", "01.04.2026"),  # Easter Sunday → the Wednesday before skjærtorsdag
        ("06.04.2026", "01.04.2026"),
        ("29.03.2027", "24.03.2027"),
        ("01.01.2027", "31.12.2026"),
        ("17.05.2027", "14.05.2027"),
        ("09.03.2026", "09.03.2026"),
    ],
)
def test_working_day_on_or_before(day: str, expected: str) -> None:
    assert working_day_on_or_before(d(day)) == d(expected)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("02.04.2026", "07.04.2026"),
        ("25.12.2026", "28.12.2026"),
        ("01.01.2027", "04.01.2027"),
        ("07.04.2026", "07.04.2026"),
    ],
)
def test_working_day_on_or_after(day: str, expected: str) -> None:
    assert working_day_on_or_after(d(day)) == d(expected)


@pytest.mark.parametrize(
    ("day", "expected"),
    [("01.04.2026", "07.04.2026"), ("07.04.2026", "08.04.2026"), ("31.12.2026", "04.01.2027")],
)
def test_next_working_day_is_strictly_after(day: str, expected: str) -> None:
    assert next_working_day(d(day)) == d(expected)


@pytest.mark.parametrize(
    ("day", "expected"),
    [("07.04.2026", "01.04.2026"), ("04.01.2027", "31.12.2026"), ("10.03.2026", "09.03.2026")],
)
def test_previous_working_day_is_strictly_before(day: str, expected: str) -> None:
    assert previous_working_day(d(day)) == d(expected)


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        ("01.04.2026", 0, "01.04.2026"),
        ("03.04.2026", 0, "07.04.2026"),  # langfredag: n == 0 means the next working day
        ("03.04.2026", 1, "07.04.2026"),
        ("01.04.2026", 1, "07.04.2026"),
        ("01.04.2026", 2, "08.04.2026"),
        ("24.03.2027", 2, "31.03.2027"),
        ("23.12.2026", 1, "24.12.2026"),
        ("24.12.2026", 1, "28.12.2026"),
        ("24.12.2026", 2, "29.12.2026"),
        ("31.12.2026", 1, "04.01.2027"),
        ("30.12.2026", 2, "04.01.2027"),
        ("13.05.2026", 2, "18.05.2026"),  # over Kristi himmelfart
    ],
)
def test_add_working_days(day: str, n: int, expected: str) -> None:
    assert add_working_days(d(day), n) == d(expected)


def test_add_working_days_rejects_negative() -> None:
    with pytest.raises(ValueError, match="n must"):
        add_working_days(d("01.04.2026"), -1)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("31.12.2026", (2026, 53)),
        ("01.01.2027", (2026, 53)),
        ("03.01.2027", (2026, 53)),
        ("04.01.2027", (2027, 1)),
        ("04.12.2026", (2026, 49)),
        ("29.12.2025", (2026, 1)),
    ],
)
def test_iso_week(day: str, expected: tuple[int, int]) -> None:
    assert iso_week(d(day)) == expected


def test_working_hours_constants() -> None:
    assert (time(8), time(17), time(9)) == (WORK_START, WORK_END, DEFAULT_SEND_TIME)


@pytest.mark.parametrize(
    ("local", "allowed"),
    [
        ("2026-12-04 08:00", True),
        ("2026-12-04 16:59:59", True),
        ("2026-12-04 17:00", False),
        ("2026-12-04 07:59", False),
        ("2026-12-05 10:00", False),  # Saturday
        ("2026-12-25 10:00", False),  # første juledag
        ("2026-12-24 10:00", False),  # julaften: off for scheduled messages by default
        ("2026-12-23 10:00", True),
        ("2026-12-30 10:00", True),  # the outbox alone does not know the workspace's closures
        ("2026-07-08 10:00", True),  # closures do not stop sends
    ],
)
def test_is_send_allowed(local: str, allowed: bool) -> None:
    assert is_send_allowed(oslo(local), OSLO) is allowed


@pytest.mark.parametrize(
    ("local", "expected_local"),
    [
        ("2026-12-04 17:30", "2026-12-07 09:00"),  # Friday evening → Monday
        ("2026-12-04 17:00", "2026-12-07 09:00"),
        ("2026-12-05 12:00", "2026-12-07 09:00"),  # Saturday → Monday
        ("2026-12-06 23:59", "2026-12-07 09:00"),
        ("2026-12-07 06:30", "2026-12-07 09:00"),  # before 08:00 → 09:00 the same day
        ("2026-12-07 07:59", "2026-12-07 09:00"),
        ("2026-12-07 16:59", "2026-12-07 16:59"),
        ("2026-12-07 08:00", "2026-12-07 08:00"),
        ("2026-12-23 17:15", "2026-12-28 09:00"),  # over Christmas: julaften is off by default
        ("2026-12-25 07:00", "2026-12-28 09:00"),  # a holiday morning is not "before 08:00 on a working day"
        ("2026-04-01 18:00", "2026-04-07 09:00"),  # over Easter
        ("2026-05-13 20:00", "2026-05-15 09:00"),  # over Kristi himmelfart
        ("2026-12-31 17:00", "2027-01-04 09:00"),  # over New Year
    ],
)
def test_next_allowed_send_oslo(local: str, expected_local: str) -> None:
    result = next_allowed_send(oslo(local), OSLO)
    assert result == oslo(expected_local)
    assert result.tzinfo is UTC


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        # Friday 27 March in CET (UTC+1) → Monday 30 March 09:00 CEST (UTC+2), over the spring change.
        ("2026-03-27 16:30", "2026-03-30 07:00"),
        # Friday 23 October in CEST → Monday 26 October 09:00 CET, over the autumn change.
        ("2026-10-23 15:30", "2026-10-26 08:00"),
        ("2026-03-27 05:00", "2026-03-27 08:00"),  # 06:00 CET → 09:00 CET
        ("2026-03-30 05:00", "2026-03-30 07:00"),  # 07:00 CEST → 09:00 CEST
    ],
)
def test_next_allowed_send_over_dst(instant: str, expected: str) -> None:
    assert next_allowed_send(utc(instant), OSLO) == utc(expected)


def test_next_allowed_send_returns_an_allowed_instant_unchanged() -> None:
    instant = utc("2026-12-07 12:34:56")
    assert next_allowed_send(instant, OSLO) == instant
    assert next_allowed_send(instant.astimezone(OSLO), OSLO).tzinfo is UTC


def test_next_allowed_send_uses_the_given_zone() -> None:
    # 16:00 UTC on Friday 4 December: 17:00 in Oslo (too late), 11:00 in New York (fine).
    instant = utc("2026-12-04 16:00")
    assert next_allowed_send(instant, OSLO) == utc("2026-12-07 08:00")
    assert next_allowed_send(instant, NEW_YORK) == instant
    # 12:00 UTC is 07:00 in New York: wait for 09:00 EST = 14:00 UTC.
    assert next_allowed_send(utc("2026-12-07 12:00"), NEW_YORK) == utc("2026-12-07 14:00")
    # Norwegian holidays apply in every zone: 17 May 2026 is a Sunday, 14 May (Thursday) is Kristi himmelfart.
    assert next_allowed_send(utc("2026-05-14 14:00"), NEW_YORK) == utc("2026-05-15 13:00")


def test_naive_instants_are_rejected() -> None:
    naive = datetime(2026, 12, 4, 10, 0)  # noqa: DTZ001
    with pytest.raises(ValueError, match="aware"):
        next_allowed_send(naive, OSLO)
    with pytest.raises(ValueError, match="aware"):
        is_send_allowed(naive, OSLO)
    with pytest.raises(ValueError, match="aware"):
        local_date(naive, OSLO)


@pytest.mark.parametrize(
    ("day", "wall", "expected"),
    [
        ("28.03.2026", time(9), "2026-03-28 08:00"),  # CET
        ("29.03.2026", time(9), "2026-03-29 07:00"),  # CEST from 02:00 that night
        ("29.03.2026", time(1, 59), "2026-03-29 00:59"),
        ("29.03.2026", time(2, 30), "2026-03-29 01:00"),  # in the gap → 03:00 CEST
        ("29.03.2026", time(2), "2026-03-29 01:00"),
        ("29.03.2026", time(3), "2026-03-29 01:00"),
        ("25.10.2026", time(9), "2026-10-25 08:00"),  # CET again
        ("24.10.2026", time(9), "2026-10-24 07:00"),
        ("25.10.2026", time(2, 30), "2026-10-25 00:30"),  # twice that night → the first (CEST)
        ("04.12.2026", time(9), "2026-12-04 08:00"),
    ],
)
def test_local_instant_oslo(day: str, wall: time, expected: str) -> None:
    result = local_instant(d(day), wall, OSLO)
    assert result == utc(expected)
    assert result.tzinfo is UTC


def test_local_instant_other_zone() -> None:
    assert local_instant(d("04.12.2026"), time(9), NEW_YORK) == utc("2026-12-04 14:00")
    # New York springs forward on 8 March 2026 at 02:00 EST.
    assert local_instant(d("08.03.2026"), time(2, 30), NEW_YORK) == utc("2026-03-08 07:00")


def test_local_instant_rejects_aware_time() -> None:
    with pytest.raises(ValueError, match="naive"):
        local_instant(d("04.12.2026"), time(9, tzinfo=UTC), OSLO)


@pytest.mark.parametrize(
    ("instant", "zone", "expected"),
    [
        ("2026-12-31 23:30", OSLO, "01.01.2027"),
        ("2026-12-31 22:59", OSLO, "31.12.2026"),
        ("2026-12-04 03:00", NEW_YORK, "03.12.2026"),
    ],
)
def test_local_date(instant: str, zone: ZoneInfo, expected: str) -> None:
    assert local_date(utc(instant), zone) == d(expected)
