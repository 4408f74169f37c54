"""`/oppfolging`: parse the text (`handlers.parsing`), ack, one service call, reply ephemerally.

Anything unknown gets the help, in the caller's language, with examples that work as written.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from handlers.blocks.delivery import build_delivery_status, delivery_status_text
from handlers.blocks.help import build_help, help_text
from handlers.blocks.me import build_my_data, build_text_reply, language_reply_text, pause_reply_text
from handlers.context import services_of, team_of
from handlers.digest import handle_digest_command
from handlers.oneonone import handle_oneonone_command
from handlers.parsing import (
    ChooseDigest,
    ChooseLanguage,
    CompleteTiltak,
    ListTiltak,
    NewTiltak,
    OpenTiltakForm,
    Pause,
    Resume,
    ShowDeliveryStatus,
    ShowHelp,
    ShowMyData,
    parse_command,
)
from handlers.parsing_oneonone import NewEmployee, SetOneOnOne
from handlers.parsing_pulse import AddToTeam, OpenPulseSettings, RemoveFromTeam, ShowPulse, ShowTeam
from handlers.pulse import handle_pulse_command
from handlers.tiltak import handle_tiltak_command


async def handle_command(
    ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    parsed = parse_command(str(command.get("text", "")))
    await ack()
    services = services_of(context)
    team_id, user_id = team_of(context, command), str(command["user_id"])
    if isinstance(parsed, ChooseDigest):
        await handle_digest_command(parsed, services, respond, team_id=team_id, user_id=user_id)
        return
    if isinstance(parsed, SetOneOnOne | NewEmployee):
        await handle_oneonone_command(parsed, services, respond, team_id=team_id, user_id=user_id)
        return
    if isinstance(parsed, ShowPulse | ShowTeam | AddToTeam | RemoveFromTeam | OpenPulseSettings):
        trigger_id = str(command.get("trigger_id", ""))
        await handle_pulse_command(
            parsed, services.pulse, respond, client, team_id=team_id, user_id=user_id, trigger_id=trigger_id
        )
        return
    if isinstance(parsed, NewTiltak | OpenTiltakForm | ListTiltak | CompleteTiltak):
        trigger_id = str(command.get("trigger_id", ""))
        await handle_tiltak_command(
            parsed, services, respond, client, team_id=team_id, user_id=user_id, trigger_id=trigger_id
        )
        return
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
        case ShowDeliveryStatus():
            status = await services.delivery.failed_messages(team_id=team_id, user_id=user_id)
            await respond(text=delivery_status_text(status), blocks=build_delivery_status(status))
            return
        case ShowMyData():
            mine = await services.privacy.export_my_data(team_id=team_id, user_id=user_id)
            blocks = build_my_data(mine)
            await respond(text=str(blocks[0]["text"]["text"]), blocks=blocks)
            return
        case Resume():
            resumed = await services.people.resume(team_id=team_id, user_id=user_id)
            text = pause_reply_text(resumed)
    await respond(text=text, blocks=build_text_reply(text))
