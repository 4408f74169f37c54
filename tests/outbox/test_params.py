"""Outbox params: written and read back in one place (bot/outbox/params.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.features.digest.service import DigestTarget
from bot.features.oneonone.common import MeetingAt
from bot.features.tiltak.reminders import Reminder
from bot.features.tiltak.service import TiltakNews
from bot.outbox.notices import NoticeParams
from bot.outbox.params import Params, ParamsError


@dataclass(frozen=True)
class Every(Params):
    number: int
    text: str
    flag: bool
    day: date
    instant: datetime
    maybe_day: date | None = None
    labels: dict[str, str] = field(default_factory=dict)


@given(
    number=st.integers(),
    text=st.text(),
    flag=st.booleans(),
    day=st.dates(),
    instant=st.datetimes(timezones=st.just(UTC)),
    maybe_day=st.none() | st.dates(),
    labels=st.dictionaries(st.text(), st.text(), max_size=3),
)
def test_every_field_type_survives_a_round_trip_through_json(
    number: int,
    text: str,
    flag: bool,
    day: date,
    instant: datetime,
    maybe_day: date | None,
    labels: dict[str, str],
) -> None:
    """Property: decode(encode(p)) == p, and the encoded form holds only JSON types."""
    import json

    params = Every(number, text, flag, day, instant, maybe_day, labels)
    encoded = json.loads(json.dumps(params.encode()))
    assert Every.decode(encoded) == params


def test_rows_written_before_the_dataclasses_still_read() -> None:
    """The stored JSON keeps the keys the rows had: a pending row from before the upgrade is read the same."""
    assert Reminder.decode({"tiltak": 7, "due": "2026-12-04"}) == Reminder(tiltak=7, due=date(2026, 12, 4))
    news = TiltakNews.decode({"tiltak": 7, "by": "UKARI", "change": "postponed", "old_due": "2026-12-04"})
    assert news.old_due == date(2026, 12, 4)
    assert TiltakNews.decode({"tiltak": 7, "by": "UKARI", "change": "done"}).old_due is None
    starts = MeetingAt.decode({"meeting": 3, "starts_at": "2026-12-01T12:00:00+00:00"}).starts_at
    assert starts == datetime(2026, 12, 1, 12, tzinfo=UTC)
    assert DigestTarget.decode({"channel": "CHR"}) == DigestTarget(channel="CHR", manager="")
    assert NoticeParams.decode({"key": "k", "params": {"n": 3}}).params == {"n": "3"}


def test_none_is_left_out_and_a_missing_required_field_is_refused() -> None:
    assert TiltakNews(tiltak=1, by="U", change="done").encode() == {"tiltak": 1, "by": "U", "change": "done"}
    with pytest.raises(ParamsError):
        Reminder.decode({"tiltak": 1})
