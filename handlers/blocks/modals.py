"""Modal shells shared by features."""

from __future__ import annotations

from typing import Any

from bot.i18n import get_translator
from handlers.blocks.kit import Block, plain, section

MODAL_TITLE_LIMIT = 24


def build_info_modal(lang: str, blocks: list[Block], *, title_key: str = "home.help_button") -> dict[str, Any]:
    """A read-only modal (no submit) showing `blocks`."""
    tr = get_translator(lang)
    return {
        "type": "modal",
        "title": plain(tr.t(title_key), limit=MODAL_TITLE_LIMIT),
        "close": plain(tr.t("common.close"), limit=MODAL_TITLE_LIMIT),
        "blocks": blocks,
    }


def build_saving_modal(lang: str, *, title_key: str = "tiltak.modal_title") -> dict[str, Any]:
    """Shown in the ack when saving takes longer than Slack waits; replaced by the outcome when it is done."""
    tr = get_translator(lang)
    return build_info_modal(lang, [section(tr.t("delivery.saving"), block_id="saving")], title_key=title_key)
