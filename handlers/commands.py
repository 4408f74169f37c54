"""`/oppfolging`: parse the text (`handlers.parsing`), ack, one service call, reply ephemerally.

Anything unknown gets the help, in the caller's language, with examples that work as written.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from handlers import consent, digest, oneonone_commands, privacy, pulse, sickleave, tiltak, year
from handlers.blocks.delivery import build_delivery_status, delivery_status_text
from handlers.blocks.help import build_help, help_text
from handlers.blocks.me import build_text_reply, language_reply_text, pause_reply_text
from handlers.context import Caller, CommandHandler, services_of, team_of
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
from handlers.parsing_consent import SetManager
from handlers.parsing_oneonone import NewEmployee, SetOneOnOne
from handlers.parsing_privacy import AdminHelp, DeletePerson, ExportPerson, ShowAuditLog
from handlers.parsing_pulse import AddToTeam, OpenPulseSettings, RemoveFromTeam, ShowPulse, ShowTeam
from handlers.parsing_year import (
    AbsenceSyntax,
    EndAbsence,
    RegisterAbsence,
    ScheduleTalk,
    SetAbsenceModule,
    SetTalkPeriod,
)


async def show_help(parsed: ShowHelp, caller: Caller) -> None:
    lang = await caller.services.people.language_of(team_id=caller.team_id, user_id=caller.user_id)
    await caller.respond(text=help_text(lang=lang), blocks=build_help(lang=lang, unknown_word=parsed.unknown_word))


async def choose_language(parsed: ChooseLanguage, caller: Caller) -> None:
    people = caller.services.people
    chosen = await people.choose_language(team_id=caller.team_id, user_id=caller.user_id, lang=parsed.code)
    await _reply(caller, language_reply_text(chosen))


async def pause(parsed: Pause, caller: Caller) -> None:
    paused = await caller.services.people.pause(team_id=caller.team_id, user_id=caller.user_id, until_text=parsed.until)
    await _reply(caller, pause_reply_text(paused))


async def resume(_parsed: Resume, caller: Caller) -> None:
    resumed = await caller.services.people.resume(team_id=caller.team_id, user_id=caller.user_id)
    await _reply(caller, pause_reply_text(resumed))


async def show_delivery_status(_parsed: ShowDeliveryStatus, caller: Caller) -> None:
    status = await caller.services.delivery.failed_messages(team_id=caller.team_id, user_id=caller.user_id)
    await caller.respond(text=delivery_status_text(status), blocks=build_delivery_status(status))


async def _reply(caller: Caller, text: str) -> None:
    await caller.respond(text=text, blocks=build_text_reply(text))


COMMANDS: dict[type, CommandHandler] = {
    ShowHelp: show_help,
    ChooseLanguage: choose_language,
    Pause: pause,
    Resume: resume,
    ShowMyData: privacy.show_my_data,
    ShowDeliveryStatus: show_delivery_status,
    NewTiltak: tiltak.new_tiltak,
    OpenTiltakForm: tiltak.open_tiltak_form,
    ListTiltak: tiltak.list_tiltak,
    CompleteTiltak: tiltak.complete_tiltak,
    SetOneOnOne: oneonone_commands.set_one_on_one,
    NewEmployee: oneonone_commands.new_employee,
    ChooseDigest: digest.choose_digest,
    ShowPulse: pulse.show_pulse,
    OpenPulseSettings: pulse.open_pulse_settings,
    AddToTeam: pulse.add_to_team,
    RemoveFromTeam: pulse.remove_from_team,
    ShowTeam: pulse.show_team,
    SetManager: consent.set_manager,
    DeletePerson: privacy.delete_person,
    ExportPerson: privacy.export_person,
    ShowAuditLog: privacy.show_audit_log,
    AdminHelp: privacy.admin_help,
    ScheduleTalk: year.schedule_talk,
    SetTalkPeriod: year.set_period,
    RegisterAbsence: sickleave.register_absence,
    EndAbsence: sickleave.end_absence,
    AbsenceSyntax: sickleave.absence_syntax,
    SetAbsenceModule: sickleave.set_module,
}
"""The slash command's one dispatch: what `parse_command` returns → the handler for that verb."""


async def handle_command(
    ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond, context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Parse once, ack, then the verb's handler (one service call and the reply)."""
    parsed = parse_command(str(command.get("text", "")))
    await ack()
    caller = Caller(
        services=services_of(context),
        respond=respond,
        client=client,
        team_id=team_of(context, command),
        user_id=str(command["user_id"]),
        trigger_id=str(command.get("trigger_id", "")),
    )
    await COMMANDS[type(parsed)](parsed, caller)
