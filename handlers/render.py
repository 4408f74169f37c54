"""Turn the services' message values into Slack messages: one builder per message type."""

from __future__ import annotations

from functools import singledispatch

from bot.messages import (
    AnnualDue,
    MeetingMoved,
    Message,
    Notice,
    OneOnOneFollowUp,
    OneOnOneIntro,
    OneOnOneNudge,
    TiltakChanged,
    TiltakCreated,
    TiltakReminder,
)
from handlers.blocks.notice import build_notice
from handlers.blocks.oneonone import build_annual_due, build_follow_up, build_intro, build_moved, build_nudge
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


@render_message.register
def _(message: OneOnOneIntro) -> RenderedMessage:
    text, blocks = build_intro(message)
    return RenderedMessage(text=text, blocks=blocks)


@render_message.register
def _(message: OneOnOneNudge) -> RenderedMessage:
    text, blocks = build_nudge(message)
    return RenderedMessage(text=text, blocks=blocks)


@render_message.register
def _(message: OneOnOneFollowUp) -> RenderedMessage:
    text, blocks = build_follow_up(message)
    return RenderedMessage(text=text, blocks=blocks)


@render_message.register
def _(message: MeetingMoved) -> RenderedMessage:
    text, blocks = build_moved(message)
    return RenderedMessage(text=text, blocks=blocks)


@render_message.register
def _(message: AnnualDue) -> RenderedMessage:
    text, blocks = build_annual_due(message)
    return RenderedMessage(text=text, blocks=blocks)
