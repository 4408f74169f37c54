"""Replies to the intents about oneself: language, pause, resume."""

from __future__ import annotations

from bot.contract.people import LanguageResult, PauseResult
from bot.i18n import get_translator
from handlers.blocks.kit import Block, section
from handlers.blocks.tiltak import day_month_hint

_DATE_ERRORS = {
    "empty": "me.date_empty",
    "unparseable": "me.date_unparseable",
    "past": "me.date_past",
    "too_far": "me.date_too_far",
    "invalid": "me.date_invalid",
    "ambiguous": "me.date_ambiguous",
}


def language_reply_text(result: LanguageResult) -> str:
    tr = get_translator(result.lang)
    return tr.t("me.language_set") if result.accepted else tr.t("me.language_unknown")


def pause_reply_text(result: PauseResult) -> str:
    tr = get_translator(result.lang)
    if result.error is not None:
        if result.error == "ambiguous" and result.suggestion is not None:
            return tr.t("me.date_ambiguous", **day_month_hint(tr, result.suggestion))
        return tr.t(_DATE_ERRORS.get(result.error, "me.date_unparseable"))
    if not result.paused:
        return tr.t("me.resumed")
    if result.until is not None:
        return tr.t("me.paused_until", date=tr.date(result.until))
    return tr.t("me.paused_indefinitely")


def build_text_reply(text: str) -> list[Block]:
    return [section(text, block_id="reply")]
