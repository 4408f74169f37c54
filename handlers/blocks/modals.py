"""Modal shells shared by features."""

from __future__ import annotations

from typing import Any

from bot.i18n import get_translator
from handlers.blocks.kit import Block, plain

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
