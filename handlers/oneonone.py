"""The 1:1 rhythm from Slack: the agenda form, the type picker, and the follow-up buttons and forms.

Every id in a payload (pair, meeting) is checked by the service against the clicker: outside the pair it looks
like nothing is there. Forms opened from a message remember that message (channel and ts in private_metadata)
so the follow-up DM can be updated with what happened.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, time
from functools import partial
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.container import Services
from bot.contract.oneonone import HeldResult, MeetingView, PairError
from bot.contract.tiltak import TiltakResult
from bot.features.oneonone.meetings import TiltakLine
from bot.i18n import Translator, get_translator
from handlers import ids
from handlers.blocks.me import build_text_reply
from handlers.blocks.modals import build_info_modal
from handlers.blocks.oneonone import build_nudge, when
from handlers.blocks.oneonone_modals import build_agenda_modal, build_held_modal, build_move_modal
from handlers.blocks.tiltak import ERRORS_ON_MODAL, error_text
from handlers.budget import SubmitAnswer, answer_submit
from handlers.context import services_of, team_of
from handlers.home import publish_home


def _int(value: object) -> int | None:
    """An id sent back in a payload; None for anything forged ("²" passes `isdigit` but not `int`; too big)."""
    return ids.small_number(str(value or ""))


def _metadata(view: dict[str, Any]) -> dict[str, Any]:
    """The follow-up forms' private metadata (meeting id, and the message to update); {} for anything forged."""
    try:
        origin = json.loads(str(view.get("private_metadata") or "{}"))
    except ValueError:
        return {}
    return origin if isinstance(origin, dict) else {}


def _user(body: dict[str, Any]) -> str:
    return str(body["user"]["id"])


async def _not_found(services: Services, respond: AsyncRespond, body: dict[str, Any], team_id: str) -> None:
    lang = await services.people.language_of(team_id=team_id, user_id=_user(body))
    text = get_translator(lang).t("oneonone.error_meeting")
    if body.get("response_url"):
        await respond(text=text, blocks=build_text_reply(text), replace_original=False)


async def handle_agenda_button(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond, client: AsyncWebClient
) -> None:
    await ack()
    services, team_id = services_of(context), team_of(context, body)
    pair_id = _int(body["actions"][0].get("value"))
    lang, meeting, zone = (
        await services.meetings.agenda(team_id=team_id, actor_id=_user(body), pair_id=pair_id)
        if pair_id is not None
        else ("nb", None, "Europe/Oslo")
    )
    if meeting is None:
        await _not_found(services, respond, body, team_id)
        return
    view = build_agenda_modal(lang=lang, meeting=meeting, viewer=_user(body), zone=zone)
    await client.views_open(trigger_id=body["trigger_id"], view=view)


def _state(view: dict[str, Any], block: str) -> dict[str, Any]:
    return dict(view.get("state", {}).get("values", {}).get(block, {}).get(ids.INPUT, {}))


async def handle_agenda_submit(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    services, team_id = services_of(context), team_of(context, body)
    pair_id = _int(view.get("private_metadata")) or 0
    picked = (_int(o.get("value")) for o in _state(view, ids.AGENDA_DONE_BLOCK).get("selected_options") or [])
    ticked = {item_id for item_id in picked if item_id is not None}
    topic = _state(view, ids.AGENDA_NEW_BLOCK).get("value")
    saving_lang = partial(services.people.language_of, team_id=team_id, user_id=_user(body))

    def answer(outcome: tuple[str, PairError | None]) -> SubmitAnswer:
        lang, error = outcome
        reply = SubmitAnswer(lang=lang, title_key="oneonone.agenda_modal_title")
        if error == PairError.TOO_LONG:
            return replace(reply, errors={ids.AGENDA_NEW_BLOCK: get_translator(lang).t("oneonone.error_agenda_long")})
        return reply

    work = services.meetings.update_agenda(
        team_id=team_id, actor_id=_user(body), pair_id=pair_id, new_topic=topic, ticked=ticked
    )
    _lang, error = await answer_submit(ack, client, view, work=work, answer=answer, saving_lang=saving_lang)
    if error != PairError.TOO_LONG:
        await publish_home(services, client, team_id=team_id, user_id=_user(body))


async def handle_type_select(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    services, team_id = services_of(context), team_of(context, body)
    action = body["actions"][0]
    meeting_id = _int(str(action.get("block_id", "")).removeprefix("meeting:"))
    kind = str((action.get("selected_option") or {}).get("value", ""))
    _lang, nudge = (
        await services.meetings.choose_type(team_id=team_id, actor_id=_user(body), meeting_id=meeting_id, kind=kind)
        if meeting_id is not None
        else ("nb", None)
    )
    if nudge is None:
        await _not_found(services, respond, body, team_id)
        return
    text, blocks = build_nudge(nudge)
    await respond(text=text, blocks=blocks, replace_original=True)


def _origin(body: dict[str, Any], meeting_id: int) -> str:
    container = body.get("container") or {}
    return json.dumps(
        {"meeting": meeting_id, "channel": container.get("channel_id"), "ts": container.get("message_ts")}
    )


async def _clicked_meeting(
    body: dict[str, Any], services: Services, respond: AsyncRespond, team_id: str
) -> tuple[str, MeetingView, str] | None:
    """The meeting a follow-up button names, if the clicker is its manager; else a polite "not found"."""
    meeting_id = _int(body["actions"][0].get("value"))
    if meeting_id is not None:
        lang, meeting, zone = await services.meetings.meeting(
            team_id=team_id, actor_id=_user(body), meeting_id=meeting_id
        )
        if meeting is not None:
            return lang, meeting, zone
    await _not_found(services, respond, body, team_id)
    return None


async def _open_meeting_form(
    body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond, client: AsyncWebClient, *, move: bool
) -> None:
    services, team_id = services_of(context), team_of(context, body)
    found = await _clicked_meeting(body, services, respond, team_id)
    if found is None:
        return
    lang, meeting, zone = found
    meeting_id = meeting.meeting_id
    view = (
        build_move_modal(lang=lang, meeting=meeting, zone=zone)
        if move
        else build_held_modal(lang=lang, meeting=meeting)
    )
    view["private_metadata"] = _origin(body, meeting_id)
    await client.views_open(trigger_id=body["trigger_id"], view=view)


async def handle_held_button(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond, client: AsyncWebClient
) -> None:
    await ack()
    await _open_meeting_form(body, context, respond, client, move=False)


async def handle_move_button(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond, client: AsyncWebClient
) -> None:
    await ack()
    await _open_meeting_form(body, context, respond, client, move=True)


async def handle_not_held_button(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond
) -> None:
    await ack()
    services, team_id = services_of(context), team_of(context, body)
    found = await _clicked_meeting(body, services, respond, team_id)
    if found is None:
        return
    lang, meeting, zone = found
    await services.meetings.mark_not_held(team_id=team_id, actor_id=_user(body), meeting_id=meeting.meeting_id)
    text = get_translator(lang).t("oneonone.not_held_reply", when=when(get_translator(lang), meeting, zone))
    await respond(text=text, blocks=build_text_reply(text), replace_original=True)


async def _update_origin(client: AsyncWebClient, origin: dict[str, Any], text: str) -> None:
    if isinstance(origin.get("channel"), str) and isinstance(origin.get("ts"), str):
        await client.chat_update(channel=origin["channel"], ts=origin["ts"], text=text, blocks=build_text_reply(text))


def _held_error_block(result: TiltakResult, row: int) -> str:
    """The follow-up form's field a refused row's error belongs to (like the tiltak form's ERRORS_ON_MODAL)."""
    field = ERRORS_ON_MODAL.get(result.error, ids.TILTAK_DUE_BLOCK) if result.error is not None else ""
    part = {ids.TILTAK_TEXT_BLOCK: "text", ids.TILTAK_OWNER_BLOCK: "owner"}.get(field, "due")
    return ids.held_block(part, row)


async def handle_held_submit(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    services, team_id = services_of(context), team_of(context, body)
    origin = _metadata(view)
    lang = await services.people.language_of(team_id=team_id, user_id=_user(body))
    tr = get_translator(lang)
    lines: list[TiltakLine] = []
    line_rows: list[int] = []
    errors: dict[str, str] = {}
    for row in range(1, ids.HELD_ROWS + 1):
        text = str(_state(view, ids.held_block("text", row)).get("value") or "").strip()
        owner = _state(view, ids.held_block("owner", row)).get("selected_user")
        picked = _state(view, ids.held_block("due", row)).get("selected_date")
        if not text:
            continue
        if not picked:
            errors[ids.held_block("due", row)] = tr.t("oneonone.held_missing_due")
            continue
        lines.append(TiltakLine(text=text, owner_id=owner, due=date.fromisoformat(str(picked))))
        line_rows.append(row)
    if errors:
        await ack(response_action="errors", errors=errors)
        return
    title = "oneonone.held_modal_title"

    def answer(result: HeldResult) -> SubmitAnswer:
        reply = SubmitAnswer(lang=lang, title_key=title)
        if result.refused:
            # Nothing was recorded: the form stays open with the reason next to each row's field.
            refused = {_held_error_block(why, line_rows[index]): error_text(why) for index, why in result.refused}
            return replace(reply, errors=refused)
        text = tr.t("oneonone.error_meeting") if result.error is not None else _held_summary(tr, result)
        return replace(reply, view=build_info_modal(lang, build_text_reply(text), title_key=title))

    work = services.meetings.record_held(
        team_id=team_id, actor_id=_user(body), meeting_id=_int(origin.get("meeting")) or 0, lines=lines
    )
    result = await answer_submit(ack, client, view, work=work, answer=answer, saving_lang=lang)
    if not result.refused and result.error is None:
        await _update_origin(client, origin, _held_summary(tr, result))


def _held_summary(tr: Translator, result: HeldResult) -> str:
    created = [r for r in result.created if r.error is None]
    if not created:
        return tr.t("oneonone.held_reply")
    return tr.t("oneonone.held_with_tiltak", count=len(created), employee=result.employee_id or "")


async def handle_move_submit(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    services, team_id = services_of(context), team_of(context, body)
    origin = _metadata(view)
    picked_day = _state(view, ids.MOVE_DATE_BLOCK).get("selected_date")
    picked_time = _state(view, ids.MOVE_TIME_BLOCK).get("selected_time")
    lang = await services.people.language_of(team_id=team_id, user_id=_user(body))
    tr = get_translator(lang)
    if not picked_day or not picked_time:
        await ack(response_action="errors", errors={ids.MOVE_DATE_BLOCK: tr.t("oneonone.error_past")})
        return
    hours, minutes = (int(part) for part in str(picked_time).split(":")[:2])
    actor, meeting_id = _user(body), _int(origin.get("meeting")) or 0
    title = "oneonone.move_modal_title"

    async def move() -> str | None:
        """The reply once moved, or None when it could not be (the error is then in `refused`)."""
        _lang, error, meeting = await services.meetings.move_meeting(
            team_id=team_id, actor_id=actor, meeting_id=meeting_id, day=date.fromisoformat(str(picked_day)), at=at
        )
        if error is not None or meeting is None:
            refused.append("oneonone.error_past" if error == PairError.PAST else "oneonone.error_meeting")
            return None
        _lang, _meeting, zone = await services.meetings.meeting(
            team_id=team_id, actor_id=actor, meeting_id=meeting.meeting_id
        )
        return tr.t("oneonone.moved_reply", when=when(tr, meeting, zone))

    def answer(text: str | None) -> SubmitAnswer:
        reply = SubmitAnswer(lang=lang, title_key=title)
        if text is None:
            return replace(reply, errors={ids.MOVE_DATE_BLOCK: tr.t(refused[0])})
        return replace(reply, view=build_info_modal(lang, build_text_reply(text), title_key=title))

    refused: list[str] = []
    at = time(hours, minutes)
    text = await answer_submit(ack, client, view, work=move(), answer=answer, saving_lang=lang)
    if text is not None:
        await _update_origin(client, origin, text)
