"""Block Kit samples of consent: the request DM, the replies, `admin leder`, and the Home with a team and requests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.contract import HomeState
from bot.contract.consent import (
    AdminProblem,
    AdminResult,
    ConsentResult,
    ManagerRequestDM,
    Outcome,
    RequestView,
    TeamView,
)
from handlers.blocks.consent import admin_reply_text, answer_reply_text, build_request_dm
from handlers.blocks.home import build_home
from handlers.blocks.me import build_text_reply

Sample = tuple[str, Callable[[str], Any]]
MANY = tuple(f"U{i:03d}" for i in range(200))


def _dm(kind: str, current: str | None) -> Callable[[str], Any]:
    def build(lang: str) -> Any:
        message = ManagerRequestDM(
            lang=lang, request_id="a" * 32, requester="UKARI", kind=kind, current_manager=current, k=5
        )
        return build_request_dm(message)[1]

    return build


def _home(lang: str) -> Any:
    requests = tuple(RequestView(f"{i:032x}", f"UBOSS{i}", "oneonone" if i % 2 else "team") for i in range(9))
    team = TeamView(k=5, manager="UKARI", members=MANY, led=MANY, asked=MANY, requests=requests)
    return build_home(HomeState(lang=lang, user_id="UOLA", team=team))


CONSENT_SAMPLES: dict[str, Sample] = {
    "consent_request_oneonone": ("message", _dm("oneonone", "UMARI")),
    "consent_request_team": ("message", _dm("team", None)),
    "consent_home_team_and_requests": ("home", _home),
    **{
        f"consent_answer_{outcome.value}": (
            "message",
            (lambda o: lambda lang: build_text_reply(answer_reply_text(ConsentResult(lang, o, "UKARI", "team"))))(
                outcome
            ),
        )
        for outcome in Outcome
    },
    **{
        f"consent_admin_{problem.value}": (
            "message",
            (lambda p: lambda lang: build_text_reply(admin_reply_text(AdminResult(lang, p, "UKARI", "UOLA"))))(problem),
        )
        for problem in AdminProblem
    },
    "consent_admin_done": (
        "message",
        lambda lang: build_text_reply(admin_reply_text(AdminResult(lang, None, "UKARI", "UOLA", "UMARI"))),
    ),
}
