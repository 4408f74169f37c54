"""Closures (bot/rules/closures.py): the default periods, how spans wrap the year end, the settings text an
admin writes and reads back, and stored closures read tolerantly."""

from __future__ import annotations

from datetime import date

import pytest

from bot.rules.closures import (
    DEFAULT_CLOSURES,
    DayClosure,
    WeekClosure,
    closures_from_json,
    is_closed,
    parse_closure,
)


def d(text: str) -> date:
    day, month, year = (int(part) for part in text.split("."))
    return date(year, month, day)


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        ("05.07.2026", False),  # Sunday of week 27
        ("06.07.2026", True),  # Monday of week 28
        ("26.07.2026", True),  # Sunday of week 30
        ("27.07.2026", False),
        ("07.07.2025", True),
        ("25.07.2025", True),
        ("28.07.2025", False),
        ("23.12.2026", False),
        ("24.12.2026", True),
        ("31.12.2026", True),
        ("01.01.2027", True),
        ("02.01.2027", False),  # still ISO week 53, but the day span has ended
        ("15.03.2026", False),
    ],
)
def test_default_closures(day: str, closed: bool) -> None:
    assert is_closed(d(day), DEFAULT_CLOSURES) is closed


@pytest.mark.parametrize(
    ("text", "day", "closed"),
    [
        ("uke 53", "28.12.2026", True),
        ("uke 53", "03.01.2027", True),
        ("uke 53", "04.01.2027", False),
        ("uke 53", "29.12.2025", False),  # 2025 has no week 53
        ("uke 52-1", "31.12.2026", True),  # wraps through week 53
        ("uke 52-1", "10.01.2027", True),
        ("uke 52-1", "11.01.2027", False),
        ("uke 52-1", "20.12.2026", False),
        ("uke 50-52", "31.12.2026", False),
        ("20.12-05.01", "20.12.2026", True),
        ("20.12-05.01", "05.01.2027", True),
        ("20.12-05.01", "06.01.2027", False),
        ("20.12-05.01", "19.12.2026", False),
        ("01.04-03.04", "03.04.2026", True),
        ("17.05", "17.05.2026", True),
        ("17.05", "18.05.2026", False),
        ("29.02", "29.02.2028", True),
    ],
)
def test_closure_spans(text: str, day: str, closed: bool) -> None:
    assert is_closed(d(day), [parse_closure(text)]) is closed


def test_no_closures_means_never_closed() -> None:
    assert not is_closed(d("24.12.2026"), ())


@pytest.mark.parametrize(
    ("text", "closure", "canonical"),
    [
        ("uke 28-30", WeekClosure(28, 30), "uke 28-30"),
        ("Uke 28 – 30", WeekClosure(28, 30), "uke 28-30"),
        ("week 28-30", WeekClosure(28, 30), "uke 28-30"),
        ("veke 28-30", WeekClosure(28, 30), "uke 28-30"),
        ("uke 53", WeekClosure(53, 53), "uke 53"),
        ("uke 52-1", WeekClosure(52, 1), "uke 52-1"),
        ("24.12-01.01", DayClosure(24, 12, 1, 1), "24.12-01.01"),
        ("24.12.–1.1.", DayClosure(24, 12, 1, 1), "24.12-01.01"),
        (" 1.4 - 3.4 ", DayClosure(1, 4, 3, 4), "01.04-03.04"),
        ("17.05", DayClosure(17, 5, 17, 5), "17.05"),
    ],
)
def test_parse_closure_round_trips(text: str, closure: object, canonical: str) -> None:
    parsed = parse_closure(text)
    assert parsed == closure
    assert parsed.to_text() == canonical
    assert parse_closure(parsed.to_text()) == parsed


def test_default_closures_as_text() -> None:
    assert [c.to_text() for c in DEFAULT_CLOSURES] == ["uke 28-30", "24.12-01.01"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "uke",
        "uke 0-3",
        "uke 28-54",
        "week 28-",
        "32.12-01.01",
        "24.13",
        "30.02",
        "24/12-01/01",
        "juli",
        "28-30",
    ],
)
def test_parse_closure_rejects_junk(text: str) -> None:
    with pytest.raises(ValueError, match=r"closure|week|day"):
        parse_closure(text)


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (["uke 28-30", "24.12-01.01"], DEFAULT_CLOSURES),
        (["17.05"], (DayClosure(17, 5, 17, 5),)),
        ([], ()),  # the admin removed every closure
        (None, DEFAULT_CLOSURES),  # never saved
        ("uke 28-30", DEFAULT_CLOSURES),  # not a list
        (["uke 28-30", "blåmandag"], DEFAULT_CLOSURES),  # one unreadable entry: all defaults, none dropped
        ([28], DEFAULT_CLOSURES),
    ],
)
def test_closures_from_json(stored: object, expected: tuple[object, ...]) -> None:
    assert closures_from_json(stored) == expected
