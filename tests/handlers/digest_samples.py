"""Digest builders with representative values, for the Block Kit contract test (`builder_samples.SAMPLES`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from bot.contract.digest import (
    ChannelOutcome,
    ChannelResult,
    DigestBlocked,
    ManagerDigest,
    PulseDigest,
    QuestionLine,
    ShareResult,
    TeamCounts,
    TeamDigest,
    TeamUpdateShared,
    TrendPointView,
)
from bot.contract.oneonone import MeetingView
from bot.contract.tiltak import TiltakView
from handlers.blocks.digest import (
    build_blocked,
    build_manager_digest,
    build_share_modal,
    build_shared_update,
    build_team_digest,
    channel_reply_text,
    share_reply_text,
)
from handlers.blocks.me import build_text_reply

Sample = tuple[str, Callable[[str], Any]]

COUNTS = TeamCounts(members=6, oneonone_held=3, oneonone_planned=2, oneonone_overdue=1, tiltak_open=4)
PULSE = PulseDigest(
    round_week=49,
    suppressed=False,
    answered=5,
    invited=6,
    questions=(
        QuestionLine("pulse.question_anchor", 3.8, 0.2),
        QuestionLine("pulse.statement_expectations", 4.0, None),
        QuestionLine("pulse.statement_overtime", None),
    ),
    trend=tuple(TrendPointView(w, 3.5 + w / 100) for w in range(42, 50)),
)
HIDDEN = PulseDigest(round_week=50, suppressed=True)
MEETING = MeetingView(1, 1, "UKARI", "UOLA", datetime(2026, 12, 1, 12, tzinfo=UTC), "ordinary")
LONG = "Et langt tiltak <med> & tegn " * 100


def _team(lang: str, pulse: PulseDigest | None, *, org: bool = False, shared: bool = False) -> Any:
    message = TeamDigest(
        lang=lang, manager_id="UKARI", week=50, counts=COUNTS, pulse=pulse, shared_last_week=shared, org=org
    )
    return build_team_digest(message)[1]


def _manager(lang: str) -> Any:
    tiltak = tuple(TiltakView(n, n, LONG, "UOLA", "UKARI", date(2026, 12, 1), "open") for n in range(1, 15))
    message = ManagerDigest(
        lang=lang,
        week=50,
        overdue_meetings=(MEETING,) * 12,
        overdue_tiltak=tiltak,
        zone="Europe/Oslo",
        today=date(2026, 12, 7),
    )
    return build_manager_digest(message)[1]


DIGEST_SAMPLES: dict[str, Sample] = {
    "digest_team": ("message", lambda lang: _team(lang, PULSE, shared=True)),
    "digest_team_hidden_round": ("message", lambda lang: _team(lang, HIDDEN)),
    "digest_team_no_pulse": ("message", lambda lang: _team(lang, None)),
    "digest_org": ("message", lambda lang: _team(lang, PULSE, org=True)),
    "digest_manager": ("message", _manager),
    "digest_shared": (
        "message",
        lambda lang: build_shared_update(TeamUpdateShared(lang=lang, manager_id="UKARI", text=LONG))[1],
    ),
    "digest_blocked": ("message", lambda lang: build_blocked(DigestBlocked(lang=lang, channel_id="CTEAM"))[1]),
    "digest_share_modal": ("modal", lambda lang: build_share_modal(lang=lang)),
    **{
        f"digest_channel_{outcome.value}": (
            "message",
            lambda lang, outcome=outcome: build_text_reply(channel_reply_text(ChannelResult(lang, outcome, "CTEAM"))),
        )
        for outcome in ChannelOutcome
    },
    **{
        f"digest_share_{error}": (
            "message",
            lambda lang, error=error: build_text_reply(share_reply_text(ShareResult(lang, sent_to=3, error=error))),
        )
        for error in (None, "empty", "no_team", "not_yours")
    },
}


def _full_home(lang: str) -> Any:
    """The fullest Home a person can have: many 1:1s, many tiltak, an open pulse with a result."""
    from bot.contract.home import HomeState
    from bot.contract.pulse import PulseHome
    from handlers.blocks.home import build_home
    from tests.handlers.pulse_samples import CLOSES, ROUND, SHOWN

    tiltak = tuple(TiltakView(n, n, LONG, "UOLA", "UKARI", date(2026, 12, 1), "open") for n in range(1, 30))
    state = HomeState(
        lang=lang,
        user_id="UKARI",
        paused=True,
        paused_until=date(2027, 1, 15),
        today=date(2026, 12, 7),
        tiltak=tiltak,
        meetings=tuple(replace(MEETING, meeting_id=n, pair_id=n) for n in range(1, 16)),
        pulse=PulseHome("Europe/Oslo", ROUND, CLOSES, last=SHOWN),
    )
    return build_home(state)


DIGEST_SAMPLES["home_full"] = ("home", _full_home)
