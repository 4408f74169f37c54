"""Every Block Kit builder, called with representative values, for the contract test.

Each feature adds its builders here: a sample is (surface, a function of the language returning the payload).
`tests/handlers/test_builders_contract.py` validates every sample in nb, nn and en against the Block Kit schema
and the limits the schema does not check.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from bot.messages import HomeState, Notice
from bot.services.people import LanguageResult, PauseResult
from handlers.blocks.help import build_help
from handlers.blocks.home import build_home
from handlers.blocks.me import build_text_reply, language_reply_text, pause_reply_text
from handlers.blocks.modals import build_info_modal
from handlers.blocks.notice import build_notice

Payload = Any
Sample = tuple[str, Callable[[str], Payload]]

LONG_WORD = "x" * 500

SAMPLES: dict[str, Sample] = {
    "help": ("message", lambda lang: build_help(lang=lang)),
    "help_unknown_word": ("message", lambda lang: build_help(lang=lang, unknown_word=LONG_WORD)),
    "help_modal": ("modal", lambda lang: build_info_modal(lang, build_help(lang=lang))),
    "home": ("home", lambda lang: build_home(HomeState(lang=lang, user_id="U1"))),
    "home_paused": (
        "home",
        lambda lang: build_home(HomeState(lang=lang, user_id="U1", paused=True, paused_until=date(2027, 1, 15))),
    ),
    "home_paused_indefinitely": ("home", lambda lang: build_home(HomeState(lang=lang, user_id="U1", paused=True))),
    "notice": ("message", lambda lang: build_notice(Notice(lang=lang, key="me.resumed"))[1]),
    "language_reply": (
        "message",
        lambda lang: build_text_reply(language_reply_text(LanguageResult(lang=lang, accepted=True))),
    ),
    "pause_reply": (
        "message",
        lambda lang: build_text_reply(pause_reply_text(PauseResult(lang=lang, paused=True, until=date(2027, 1, 15)))),
    ),
    "pause_error": (
        "message",
        lambda lang: build_text_reply(pause_reply_text(PauseResult(lang=lang, paused=False, error="past"))),
    ),
}
