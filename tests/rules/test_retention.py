"""Retention periods: calendar months with clamped days, days for the outbox, and what an admin may choose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules.retention import (
    RetentionPolicy,
    cutoffs,
    months_before,
    parse_policy,
    policy_from_json,
)


@pytest.mark.parametrize(
    ("now", "months", "expected"),
    [
        (datetime(2026, 12, 2, 4, 0, tzinfo=UTC), 12, datetime(2025, 12, 2, 4, 0, tzinfo=UTC)),
        (datetime(2026, 3, 31, tzinfo=UTC), 1, datetime(2026, 2, 28, tzinfo=UTC)),
        (datetime(2028, 2, 29, tzinfo=UTC), 12, datetime(2027, 2, 28, tzinfo=UTC)),
        (datetime(2026, 1, 15, tzinfo=UTC), 24, datetime(2024, 1, 15, tzinfo=UTC)),
        (datetime(2026, 1, 15, tzinfo=UTC), 13, datetime(2024, 12, 15, tzinfo=UTC)),
    ],
)
def test_months_before(now: datetime, months: int, expected: datetime) -> None:
    assert months_before(now, months) == expected


@given(
    st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)),  # noqa: DTZ001 (hypothesis bounds are naive)
    st.integers(min_value=1, max_value=120),
)
def test_months_before_is_between_28_and_31_days_a_month(now: datetime, months: int) -> None:
    """Property: going back n months moves back at least 28·n and at most 31·n days, keeping the time of day."""
    earlier = months_before(now, months)
    assert timedelta(days=28 * months) <= now - earlier <= timedelta(days=31 * months)
    assert earlier.time() == now.time()


def test_cutoffs() -> None:
    now = datetime(2026, 12, 2, 4, 0, tzinfo=UTC)
    found = cutoffs(now, RetentionPolicy(6, 20))
    assert found.records == datetime(2026, 6, 2, 4, 0, tzinfo=UTC)
    assert found.outbox == datetime(2026, 11, 12, 4, 0, tzinfo=UTC)
    assert found.audit == datetime(2024, 12, 2, 4, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("months", "days", "expected"),
    [
        ("12", "30", RetentionPolicy(12, 30)),
        (" 1 ", "365", RetentionPolicy(1, 365)),
        ("0", "30", {"months": "months"}),
        ("121", "30", {"months": "months"}),
        ("tolv", "0", {"months": "months", "days": "days"}),
        ("12", "", {"days": "days"}),
        ("12", "13", {"days": "days"}),
        ("12", "14", RetentionPolicy(12, 14)),
        (None, "366", {"months": "months", "days": "days"}),
    ],
)
def test_parse_policy(months: str | None, days: str | None, expected: object) -> None:
    assert parse_policy(months, days) == expected


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (None, RetentionPolicy()),
        ({"months": 6, "outbox_days": 14}, RetentionPolicy(6, 14)),
        ({"months": 6, "outbox_days": 13}, RetentionPolicy(6, 30)),
        ({"months": "6", "outbox_days": 0}, RetentionPolicy()),
        ({"months": 500}, RetentionPolicy()),
    ],
)
def test_policy_from_json(stored: object, expected: RetentionPolicy) -> None:
    assert policy_from_json(stored) == expected
