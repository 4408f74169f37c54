"""Pulse builders for the Block Kit contract test (merged into `builder_samples.SAMPLES`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

from bot.contract.pulse import (
    AnswerProblem,
    PublishedResult,
    PulseForm,
    PulseHome,
    PulseInvite,
    PulseStatus,
    RoundState,
)
from bot.contract.pulse_admin import PulseSettings, SettingsForm, SettingsResult, TeamProblem, TeamResult
from bot.i18n import get_translator
from bot.rules.closures import parse_closure
from bot.rules.digest import GroupResult, QuestionStats, TrendPoint
from bot.rules.pulse import STATEMENTS, PulseSchedule, questions_for
from handlers.blocks.me import build_text_reply
from handlers.blocks.pulse import build_pulse_dm, build_pulse_info_modal, build_pulse_modal, pulse_home_blocks
from handlers.blocks.pulse_admin import build_pulse_status, build_settings_modal, settings_saved_text, team_reply_text

Sample = tuple[str, Callable[[str], Any]]

ROUND = "0123456789abcdef0123456789abcdef"
CLOSES = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
LONG_COMMENT = "Lang kommentar med <tegn> & mer. " * 20


def _stats(question: str, counts: tuple[int, ...]) -> QuestionStats:
    n = sum(counts)
    return QuestionStats(question, n, sum((i + 1) * c for i, c in enumerate(counts)) / n, counts)


SHOWN = PublishedResult(
    round_day=date(2026, 12, 2),
    k=5,
    invited=7,
    result=GroupResult(
        group="UKARI",
        n=6,
        shown=True,
        questions=tuple(_stats(q, (0, 1, 2, 2, 1)) for q in questions_for(0)),
        comments=tuple(LONG_COMMENT for _ in range(25)),
    ),
)
HIDDEN = PublishedResult(round_day=date(2026, 12, 2), k=5, result=GroupResult(group="UKARI", n=3, shown=False))
TREND = tuple(TrendPoint(date(2026, 11, d), 6, 3.5 + d / 100) for d in (4, 11, 18, 25))


def _home(lang: str, home: PulseHome) -> dict[str, Any]:
    return {"type": "home", "blocks": pulse_home_blocks(lang, home)}


def _status(lang: str, **changes: Any) -> list[dict[str, Any]]:
    values: dict[str, Any] = {"lang": lang, "zone": "Europe/Oslo", "k": 5, "team_size": 7}
    values.update(changes)
    return build_pulse_status(PulseStatus(**values))


PULSE_SAMPLES: dict[str, Sample] = {
    "pulse_dm": (
        "message",
        lambda lang: build_pulse_dm(PulseInvite(lang=lang, round_id=ROUND, closes_at=CLOSES, zone="Europe/Oslo", k=5))[
            1
        ],
    ),
    "pulse_reminder": (
        "message",
        lambda lang: build_pulse_dm(
            PulseInvite(lang=lang, round_id=ROUND, closes_at=CLOSES, zone="America/New_York", k=5, reminder=True)
        )[1],
    ),
    **{
        f"pulse_modal_{n}": ("modal", lambda lang, n=n: build_pulse_modal(PulseForm(lang, ROUND, questions_for(n), 5)))
        for n in range(len(STATEMENTS) // 2)
    },
    "pulse_thanks": ("modal", lambda lang: build_pulse_info_modal(lang, "Takk", title_key="pulse.thanks_title")),
    **{
        f"pulse_problem_{problem.value}": (
            "modal",
            lambda lang, p=problem: build_pulse_info_modal(lang, get_translator(lang).t(f"pulse.problem_{p.value}")),
        )
        for problem in AnswerProblem
    },
    "pulse_home_open": ("home", lambda lang: _home(lang, PulseHome("Europe/Oslo", ROUND, CLOSES, last=SHOWN))),
    "pulse_home_answered": ("home", lambda lang: _home(lang, PulseHome("Europe/Oslo", answered=True, last=HIDDEN))),
    "pulse_home_quiet": ("home", lambda lang: _home(lang, PulseHome("Europe/Oslo"))),
    "pulse_status_manager": (
        "message",
        lambda lang: _status(
            lang,
            current=RoundState(date(2026, 12, 2), CLOSES, CLOSES),
            answered=4,
            last=SHOWN,
            trend=TREND,
            workspace=SHOWN,
            admin=True,
        ),
    ),
    "pulse_status_member": (
        "message",
        lambda lang: _status(
            lang, team_size=0, next_round=date(2026, 12, 9), mine=PulseHome("Europe/Oslo", ROUND, CLOSES, last=HIDDEN)
        ),
    ),
    "pulse_status_small_team": ("message", lambda lang: _status(lang, team_size=3, workspace=HIDDEN)),
    "pulse_status_nobody": ("message", lambda lang: _status(lang, team_size=0)),
    "pulse_team_reply": (
        "message",
        lambda lang: build_text_reply(
            team_reply_text(
                TeamResult(
                    lang,
                    members=tuple(f"U{i}" for i in range(30)),
                    asked=("U1", "U2", "U3"),
                    already=("U4",),
                    refused=tuple((f"U{p.value}", p) for p in TeamProblem if p != TeamProblem.NO_MENTION),
                )
            )
        ),
    ),
    "pulse_team_empty": ("message", lambda lang: build_text_reply(team_reply_text(TeamResult(lang)))),
    "pulse_settings_modal": (
        "modal",
        lambda lang: build_settings_modal(SettingsForm(lang, allowed=True, settings=PulseSettings(), locked_k=5)),
    ),
    "pulse_settings_modal_odd": (
        "modal",
        lambda lang: build_settings_modal(
            SettingsForm(
                lang,
                allowed=True,
                settings=PulseSettings(PulseSchedule(at=time(9, 15), closures=(parse_closure("17.05"),)), k=15),
            )
        ),
    ),
    "pulse_settings_saved": (
        "modal",
        lambda lang: build_pulse_info_modal(
            lang, settings_saved_text(SettingsResult(lang, settings=PulseSettings(), k_waits=5, round_open=True))
        ),
    ),
    "pulse_settings_refused": (
        "modal",
        lambda lang: build_pulse_info_modal(lang, settings_saved_text(SettingsResult(lang, allowed=False))),
    ),
}
"""Samples of every pulse builder, for `builder_samples.SAMPLES`."""
