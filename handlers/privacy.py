"""Personvern from Slack: `admin slett|eksport|logg`, `mine-data`, the deletion modal, the App Home's deletion
request, and the events Slack sends when a user is deactivated or the app is removed."""

from __future__ import annotations

from functools import partial
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.container import Services
from bot.contract.privacy import DeletionDone
from handlers import ids
from handlers.blocks.me import build_text_reply
from handlers.blocks.modals import build_info_modal
from handlers.blocks.privacy import (
    admin_export_reply_text,
    admin_help_text,
    audit_log_text,
    build_audit_log,
    build_delete_modal,
    deleted_text,
    deletion_request_blocks,
    export_reply_text,
    problem_text,
    retention_inputs,
)
from handlers.budget import SubmitAnswer, answer_submit
from handlers.context import Caller, services_of, team_of
from handlers.parsing import ShowMyData
from handlers.parsing_privacy import AdminHelp, DeletePerson, ExportPerson, ShowAuditLog


async def _reply(caller: Caller, text: str) -> None:
    await caller.respond(text=text, blocks=build_text_reply(text))


async def show_my_data(_parsed: ShowMyData, caller: Caller) -> None:
    """`mine-data`: the export goes to the DM (summary and JSON file); the reply says so."""
    result = await caller.services.exports.my_data(team_id=caller.team_id, user_id=caller.user_id)
    await _reply(caller, export_reply_text(result))


async def export_person(parsed: ExportPerson, caller: Caller) -> None:
    """`admin eksport <@bruker>`."""
    result = await caller.services.exports.for_admin(
        team_id=caller.team_id, admin_id=caller.user_id, subject=parsed.subject
    )
    await _reply(caller, admin_export_reply_text(result))


async def delete_person(parsed: DeletePerson, caller: Caller) -> None:
    """`admin slett <@bruker>`: the confirmation modal (nothing is deleted before it is submitted)."""
    preview = await caller.services.deletion.preview(
        team_id=caller.team_id, admin_id=caller.user_id, subject=parsed.subject
    )
    if preview.problem is not None:
        await _reply(caller, problem_text(preview.lang, preview.problem))
        return
    await caller.client.views_open(trigger_id=caller.trigger_id, view=build_delete_modal(preview))


async def show_audit_log(_parsed: ShowAuditLog, caller: Caller) -> None:
    view = await caller.services.audit_log.last_entries(team_id=caller.team_id, user_id=caller.user_id)
    text = audit_log_text(view)
    await caller.respond(text=text, blocks=build_audit_log(view) if view.problem is None else build_text_reply(text))


async def admin_help(_parsed: AdminHelp, caller: Caller) -> None:
    lang, allowed = await caller.services.audit_log.is_admin(team_id=caller.team_id, user_id=caller.user_id)
    await _reply(caller, admin_help_text(lang, allowed))


async def handle_delete_submit(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """The confirmed `admin slett`: the admin is checked again, then everything about the person goes."""
    services, team_id, admin = services_of(context), team_of(context, body), str(body["user"]["id"])
    subject = str(view.get("private_metadata") or "")[:32] or None
    lang = partial(services.people.language_of, team_id=team_id, user_id=admin)
    work = services.deletion.delete(team_id=team_id, admin_id=admin, subject=subject)
    await answer_submit(ack, client, view, work=work, answer=_deleted_answer, saving_lang=lang)


def _deleted_answer(done: DeletionDone) -> SubmitAnswer:
    modal = build_info_modal(done.lang, build_text_reply(deleted_text(done)), title_key="privacy.delete_title")
    return SubmitAnswer(done.lang, "privacy.delete_title", view=modal)


async def handle_delete_request(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """App Home "Be om sletting": the request goes to the admins; a modal says so."""
    await ack()
    services, team_id = services_of(context), team_of(context, body)
    result = await services.deletion.request_deletion(team_id=team_id, user_id=str(body["user"]["id"]))
    view = build_info_modal(result.lang, deletion_request_blocks(result), title_key="privacy.request_title")
    await client.views_open(trigger_id=body["trigger_id"], view=view)


async def handle_user_change(event: dict[str, Any], context: AsyncBoltContext) -> None:
    """`user_change`: a deactivated user (`deleted: true`) is offboarded once (Slack's retries change nothing); an
    offboarded user who is active again can be offboarded again later."""
    user = event.get("user") or {}
    user_id = str(user.get("id") or "")[:32]
    if not user_id or user.get("is_bot"):
        return
    team_id = team_of(context) or str(user.get("team_id") or "")
    offboarding = services_of(context).offboarding
    if user.get("deleted"):
        await offboarding.user_deactivated(team_id=team_id, user_id=user_id)
    else:
        await offboarding.user_reactivated(team_id=team_id, user_id=user_id)


async def handle_app_uninstalled(event: dict[str, Any], context: AsyncBoltContext) -> None:
    del event
    await services_of(context).workspaces.stop(team_id=team_of(context), reason="app_uninstalled")


async def handle_tokens_revoked(event: dict[str, Any], context: AsyncBoltContext) -> None:
    """Only the bot token matters: revoked user tokens (of other apps' flows) change nothing here."""
    if (event.get("tokens") or {}).get("bot"):
        await services_of(context).workspaces.stop(team_id=team_of(context), reason="tokens_revoked")


async def with_retention(services: Services, view: dict[str, Any], team_id: str, user_id: str) -> dict[str, Any]:
    """The settings modal with the retention fields before its footer (admins only; others get it unchanged)."""
    form = await services.retention.form(team_id=team_id, user_id=user_id)
    if form is None:
        return view
    lang = await services.people.language_of(team_id=team_id, user_id=user_id)
    blocks = list(view["blocks"])
    return {**view, "blocks": [*blocks[:-1], *retention_inputs(lang, form), *blocks[-1:]]}


def retention_draft(view: dict[str, Any]) -> tuple[str | None, str | None] | None:
    """What the admin typed in the retention fields; None when the modal had none (an older modal)."""
    values: dict[str, Any] = view.get("state", {}).get("values", {})
    if ids.PRIVACY_MONTHS_BLOCK not in values and ids.PRIVACY_DAYS_BLOCK not in values:
        return None

    def typed(block: str) -> str | None:
        value = (values.get(block, {}).get(ids.INPUT) or {}).get("value")
        return str(value) if value is not None else None

    return typed(ids.PRIVACY_MONTHS_BLOCK), typed(ids.PRIVACY_DAYS_BLOCK)
