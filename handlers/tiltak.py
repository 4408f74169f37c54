"""Tiltak from Slack: the command forms, the modal, and the Ferdig / Ny frist / Avbryt buttons.

Buttons carry the tiltak id (the value, or the block id for the date picker); the service decides whether the
clicker may act, so a forged payload changes nothing. A click in a message replaces that message with what
happened; a click in the App Home republishes the Home view. Refusals are ephemeral and leave the message as is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.container import Services
from bot.contract.tiltak import TiltakError, TiltakResult
from bot.features.tiltak.service import TiltakDraft, TiltakSource
from bot.i18n import LANGUAGES, get_translator
from handlers import ids
from handlers.blocks.me import build_text_reply
from handlers.blocks.tiltak import (
    ERRORS_ON_MODAL,
    build_created_reply,
    build_saved_modal,
    build_tiltak_list,
    build_tiltak_modal,
    change_text,
    error_text,
)
from handlers.budget import SubmitAnswer, answer_submit
from handlers.context import Caller, services_of, team_of
from handlers.home import publish_home
from handlers.parsing import CompleteTiltak, ListTiltak, NewTiltak, OpenTiltakForm


async def _say(respond: AsyncRespond, text: str, *, replace: bool = False) -> None:
    await respond(text=text, blocks=build_text_reply(text), replace_original=replace)


async def open_tiltak_form(_parsed: OpenTiltakForm, caller: Caller) -> None:
    """`/oppfolging tiltak` with no arguments: the form."""
    lang = await caller.services.people.language_of(team_id=caller.team_id, user_id=caller.user_id)
    view = build_tiltak_modal(lang=lang, owner_id=caller.user_id)
    await caller.client.views_open(trigger_id=caller.trigger_id, view=view)


async def new_tiltak(parsed: NewTiltak, caller: Caller) -> None:
    """`/oppfolging tiltak <@bruker> <tekst> innen <dato>`."""
    services, team_id, user_id = caller.services, caller.team_id, caller.user_id
    if parsed.error is not None:
        lang = await services.people.language_of(team_id=team_id, user_id=user_id)
        await _say(caller.respond, error_text(TiltakResult(lang, error=parsed.error)))
        return
    draft = TiltakDraft(text=parsed.text, owner_id=parsed.owner_id, due_text=parsed.due_text)
    result = await services.tiltak.create_tiltak(team_id=team_id, actor_id=user_id, draft=draft)
    if result.error is not None:
        await _say(caller.respond, error_text(result))
        return
    assert result.tiltak is not None
    title = get_translator(result.lang).t("tiltak.created_title", number=result.tiltak.number)
    await caller.respond(text=title, blocks=build_created_reply(result))


async def list_tiltak(_parsed: ListTiltak, caller: Caller) -> None:
    """`/oppfolging liste`."""
    lang, today, items = await caller.services.tiltak.list_open(team_id=caller.team_id, user_id=caller.user_id)
    title = get_translator(lang).t("tiltak.list_title")
    await caller.respond(text=title, blocks=build_tiltak_list(lang=lang, today=today, items=items))


async def complete_tiltak(parsed: CompleteTiltak, caller: Caller) -> None:
    """`/oppfolging ferdig <nr>`."""
    services, team_id, user_id = caller.services, caller.team_id, caller.user_id
    if parsed.number is None:
        lang = await services.people.language_of(team_id=team_id, user_id=user_id)
        await _say(caller.respond, get_translator(lang).t("tiltak.error_number"))
        return
    result = await services.tiltak.complete(team_id=team_id, actor_id=user_id, number=parsed.number)
    await _say(caller.respond, error_text(result) if result.error is not None else change_text(result))


def _tiltak_id(value: object) -> int | None:
    return ids.small_number(str(value or ""))


Operation = Callable[[Services, str, str, int, dict[str, Any]], Awaitable[TiltakResult]]


async def _act(
    operation: Operation,
    tiltak_id: int | None,
    body: dict[str, Any],
    context: AsyncBoltContext,
    respond: AsyncRespond,
    client: AsyncWebClient,
) -> None:
    """Run one change (after the ack) and show the outcome where the click happened."""
    services, team_id = services_of(context), team_of(context, body)
    user_id = str(body["user"]["id"])
    action = body["actions"][0]
    if tiltak_id is None:
        lang = await services.people.language_of(team_id=team_id, user_id=user_id)
        result = TiltakResult(lang, error=TiltakError.NOT_ALLOWED)
    else:
        result = await operation(services, team_id, user_id, tiltak_id, action)
    in_home = (body.get("container") or {}).get("type") == "view"
    if result.error is not None:
        await _say(respond, error_text(result))
    elif not in_home:
        await _say(respond, change_text(result), replace=True)
    if in_home:
        await publish_home(services, client, team_id=team_id, user_id=user_id)


async def _complete(services: Services, team_id: str, user_id: str, tiltak_id: int, _a: dict[str, Any]) -> TiltakResult:
    return await services.tiltak.complete(team_id=team_id, actor_id=user_id, tiltak_id=tiltak_id)


async def _cancel(services: Services, team_id: str, user_id: str, tiltak_id: int, _a: dict[str, Any]) -> TiltakResult:
    return await services.tiltak.cancel(team_id=team_id, actor_id=user_id, tiltak_id=tiltak_id)


async def _postpone(
    services: Services, team_id: str, user_id: str, tiltak_id: int, action: dict[str, Any]
) -> TiltakResult:
    try:
        new_due = date.fromisoformat(str(action.get("selected_date", "")))
    except ValueError:
        lang = await services.people.language_of(team_id=team_id, user_id=user_id)
        return TiltakResult(lang, error=TiltakError.DATE_INVALID)
    return await services.tiltak.postpone(team_id=team_id, actor_id=user_id, tiltak_id=tiltak_id, new_due=new_due)


async def handle_tiltak_done(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond, client: AsyncWebClient
) -> None:
    await ack()
    await _act(_complete, _tiltak_id(body["actions"][0].get("value")), body, context, respond, client)


async def handle_tiltak_cancel(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond, client: AsyncWebClient
) -> None:
    await ack()
    await _act(_cancel, _tiltak_id(body["actions"][0].get("value")), body, context, respond, client)


async def handle_tiltak_postpone(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond, client: AsyncWebClient
) -> None:
    await ack()
    tiltak_id = ids.tiltak_id_from_block(str(body["actions"][0].get("block_id", "")))
    await _act(_postpone, tiltak_id, body, context, respond, client)


async def handle_tiltak_new(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    services, team_id = services_of(context), team_of(context, body)
    user_id = str(body["user"]["id"])
    lang = await services.people.language_of(team_id=team_id, user_id=user_id)
    await client.views_open(trigger_id=body["trigger_id"], view=build_tiltak_modal(lang=lang, owner_id=user_id))


def _modal_draft(view: dict[str, Any]) -> TiltakDraft:
    values: dict[str, Any] = view.get("state", {}).get("values", {})

    def field(block: str) -> dict[str, Any]:
        return dict(values.get(block, {}).get(ids.INPUT, {}))

    picked = field(ids.TILTAK_DUE_BLOCK).get("selected_date")
    try:
        due = date.fromisoformat(str(picked)) if picked else None
    except ValueError:
        due = None
    return TiltakDraft(
        text=str(field(ids.TILTAK_TEXT_BLOCK).get("value") or ""),
        owner_id=field(ids.TILTAK_OWNER_BLOCK).get("selected_user"),
        due_date=due,
        note=field(ids.TILTAK_NOTE_BLOCK).get("value"),
        source=TiltakSource.MODAL,
    )


async def handle_tiltak_submit(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """Validate and save in one go, so errors can go back in the ack next to the field they concern (or, when the
    database is busy past the ack budget, in the window once saved: `answer_submit`)."""
    services, team_id = services_of(context), team_of(context, body)
    user_id = str(body["user"]["id"])
    lang = str(view.get("private_metadata") or "")
    work = services.tiltak.create_tiltak(team_id=team_id, actor_id=user_id, draft=_modal_draft(view))
    saving_lang = lang if lang in LANGUAGES else "nb"
    await answer_submit(ack, client, view, work=work, answer=_submit_reply, saving_lang=saving_lang)


def _submit_reply(result: TiltakResult) -> SubmitAnswer:
    if result.error is not None:
        block = ERRORS_ON_MODAL.get(result.error, ids.TILTAK_DUE_BLOCK)
        return SubmitAnswer(result.lang, "tiltak.modal_title", errors={block: error_text(result)})
    return SubmitAnswer(result.lang, "tiltak.modal_saved_title", view=build_saved_modal(result))
