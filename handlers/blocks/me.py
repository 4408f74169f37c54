"""Replies to the intents about oneself: language, pause, resume."""

from __future__ import annotations

import json

from bot.contract.people import LanguageResult, MyData, PauseResult
from bot.i18n import get_translator
from handlers.blocks.kit import Block, context, header, section
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


def build_my_data(my_data: MyData) -> list[Block]:
    """The export as JSON in code blocks (split to fit Slack's section limit), inside one message."""
    tr = get_translator(my_data.lang)
    dump = json.dumps(my_data.data, ensure_ascii=False, indent=1)
    chunks = [dump[i : i + 2800] for i in range(0, len(dump), 2800)]
    blocks: list[Block] = [
        header(tr.t("me.my_data_title"), block_id="title"),
        context(tr.t("me.my_data_intro"), block_id="intro"),
    ]
    for index, chunk in enumerate(chunks[:40]):
        blocks.append(section(f"```{chunk}```", block_id=f"data_{index}"))
    if len(chunks) > 40:
        blocks.append(context(tr.t("me.my_data_more"), block_id="more"))
    return blocks
