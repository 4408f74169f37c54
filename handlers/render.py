"""Turn the services' message values into Slack messages: one builder per message type."""

from __future__ import annotations

from functools import singledispatch

from bot.messages import Message, Notice, TiltakChanged, TiltakCreated, TiltakReminder
from handlers.blocks.notice import build_notice
from handlers.blocks.tiltak import build_changed_dm, build_created_dm, build_reminder
from handlers.rendering import RenderedMessage


@singledispatch
def render_message(message: Message) -> RenderedMessage:
    raise TypeError(f"no renderer for {type(message).__name__}")


@render_message.register
def _(message: Notice) -> RenderedMessage:
    text, blocks = build_notice(message)
    return RenderedMessage(text=text, blocks=blocks)


@render_message.register
def _(message: TiltakReminder) -> RenderedMessage:
    text, blocks = build_reminder(message)
    return RenderedMessage(text=text, blocks=blocks)


@render_message.register
def _(message: TiltakCreated) -> RenderedMessage:
    text, blocks = build_created_dm(message)
    return RenderedMessage(text=text, blocks=blocks)


@render_message.register
def _(message: TiltakChanged) -> RenderedMessage:
    text, blocks = build_changed_dm(message)
    return RenderedMessage(text=text, blocks=blocks)
