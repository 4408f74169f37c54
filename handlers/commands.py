"""`/oppfolging`: parse the text into a plain command value, ack, one service call, reply ephemerally.

Norwegian words with English aliases (DESIGN.md, the contract). Anything unknown gets the help, in the caller's
language, with examples that work as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond

from handlers.blocks.help import build_help, help_text
from handlers.blocks.me import build_text_reply, language_reply_text, pause_reply_text
from handlers.context import services_of, team_of


@dataclass(frozen=True)
class ShowHelp:
    unknown_word: str | None = None


@dataclass(frozen=True)
class ChooseLanguage:
    code: str | None


@dataclass(frozen=True)
class Pause:
    until: str | None


@dataclass(frozen=True)
class Resume:
    pass


Command = ShowHelp | ChooseLanguage | Pause | Resume

_HELP = {"", "hjelp", "help", "?"}
_LANGUAGE = {"språk", "sprak", "spraak", "language", "lang", "mål"}
_PAUSE = {"pause"}
_RESUME = {"fortsett", "resume", "gjenoppta", "start"}
_UNTIL = {"til", "until", "to", "till"}


def parse_command(text: str) -> Command:
    """Turn the command text into a `Command`; never raises."""
    words = text.strip().split()
    verb = words[0].lower() if words else ""
    rest = words[1:]
    if verb in _HELP:
        return ShowHelp()
    if verb in _LANGUAGE:
        return ChooseLanguage(rest[0].lower() if rest else None)
    if verb in _PAUSE:
        if not rest:
            return Pause(until=None)
        if rest[0].lower() in _UNTIL:
            rest = rest[1:]
        return Pause(until=" ".join(rest))
    if verb in _RESUME:
        return Resume()
    return ShowHelp(unknown_word=words[0] if words else None)


async def handle_command(
    ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond, context: AsyncBoltContext
) -> None:
    parsed = parse_command(str(command.get("text", "")))
    await ack()
    services = services_of(context)
    team_id, user_id = team_of(context, command), str(command["user_id"])
    match parsed:
        case ShowHelp(unknown_word=word):
            lang = await services.people.language_of(team_id=team_id, user_id=user_id)
            await respond(text=help_text(lang=lang), blocks=build_help(lang=lang, unknown_word=word))
            return
        case ChooseLanguage(code=code):
            chosen = await services.people.choose_language(team_id=team_id, user_id=user_id, lang=code)
            text = language_reply_text(chosen)
        case Pause(until=until):
            paused = await services.people.pause(team_id=team_id, user_id=user_id, until_text=until)
            text = pause_reply_text(paused)
        case Resume():
            resumed = await services.people.resume(team_id=team_id, user_id=user_id)
            text = pause_reply_text(resumed)
    await respond(text=text, blocks=build_text_reply(text))
