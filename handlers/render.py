"""Turn the services' message values into Slack messages: one builder per message type."""

from __future__ import annotations

from functools import singledispatch

from bot.messages import Message, Notice
from handlers.blocks.notice import build_notice
from handlers.rendering import RenderedMessage


@singledispatch
def render_message(message: Message) -> RenderedMessage:
    raise TypeError(f"no renderer for {type(message).__name__}")


@render_message.register
def _(message: Notice) -> RenderedMessage:
    text, blocks = build_notice(message)
    return RenderedMessage(text=text, blocks=blocks)
