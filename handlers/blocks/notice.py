"""A `Notice`: one catalog entry as a message."""

from __future__ import annotations

from bot.contract.common import Notice
from bot.i18n import get_translator
from handlers.blocks.kit import Block, section


def build_notice(message: Notice) -> tuple[str, list[Block]]:
    text = get_translator(message.lang).t(message.key, **message.params)
    return text, [section(text, block_id="notice")]
