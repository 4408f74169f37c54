"""The sick-leave follow-up from Slack: `fravær …`, `admin fravær på|av`, and the milestone buttons and form.

A case id in a payload is checked by the service against the clicker: only the recording, accepted manager can
mark its milestones; anyone else gets "not found"."""

from __future__ import annotations

from functools import partial
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.contract.sickleave import MarkResult, SickLeaveError
from bot.features.sickleave import DONE, NOT_NEEDED
from bot.i18n import get_translator
from handlers import ids
from handlers.blocks.me import build_text_reply
from handlers.blocks.modals import build_info_modal
from handlers.blocks.sickleave import build_reason_modal, mark_reply_text, module_reply_text, sickleave_reply_text
from handlers.budget import SubmitAnswer, answer_submit
from handlers.context import Caller, services_of, team_of
from handlers.parsing_year import AbsenceSyntax, EndAbsence, RegisterAbsence, SetAbsenceModule


async def _reply(caller: Caller, text: str) -> None:
    await caller.respond(text=text, blocks=build_text_reply(text))


async def register_absence(parsed: RegisterAbsence, caller: Caller) -> None:
    """`/oppfolging fravær <@bruker> fra <dato> [gradert]`."""
    result = await caller.services.sickleave.register(
        team_id=caller.team_id,
        manager_id=caller.user_id,
        employee_id=parsed.employee_id,
        date_text=parsed.date_text,
        graded=parsed.graded,
    )
    await _reply(caller, sickleave_reply_text(result))


async def end_absence(parsed: EndAbsence, caller: Caller) -> None:
    """`/oppfolging fravær <@bruker> slutt [<dato>]`."""
    result = await caller.services.sickleave.end(
        team_id=caller.team_id, manager_id=caller.user_id, employee_id=parsed.employee_id, date_text=parsed.date_text
    )
    await _reply(caller, sickleave_reply_text(result))


async def absence_syntax(_parsed: AbsenceSyntax, caller: Caller) -> None:
    lang = await caller.services.people.language_of(team_id=caller.team_id, user_id=caller.user_id)
    await _reply(caller, get_translator(lang).t("sickleave.error_syntax", employee="", start=""))


async def set_module(parsed: SetAbsenceModule, caller: Caller) -> None:
    """`/oppfolging admin fravær på|av`."""
    result = await caller.services.sickleave.set_module(
        team_id=caller.team_id, admin_id=caller.user_id, enabled=parsed.enabled
    )
    await _reply(caller, module_reply_text(result))


async def handle_nav_link(ack: AsyncAck) -> None:
    """The link button opens NAV's page in the browser; Slack still sends the click, which needs only an ack."""
    await ack()


def _case_and_milestone(value: object) -> tuple[int | None, str]:
    case, _, milestone = str(value or "").partition(":")
    return ids.small_number(case), milestone


async def handle_done(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond) -> None:
    await ack()
    services, team_id = services_of(context), team_of(context, body)
    case_id, milestone = _case_and_milestone(body["actions"][0].get("value"))
    result = await services.sickleave.mark(
        team_id=team_id,
        manager_id=str(body["user"]["id"]),
        case_id=case_id,
        milestone=milestone,
        status=DONE,
        reason=None,
    )
    text = mark_reply_text(result)
    await respond(text=text, blocks=build_text_reply(text), replace_original=result.error is None)


async def handle_not_needed(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    services, team_id = services_of(context), team_of(context, body)
    lang = await services.people.language_of(team_id=team_id, user_id=str(body["user"]["id"]))
    value = str(body["actions"][0].get("value") or "")
    _case, milestone = _case_and_milestone(value)
    known = milestone in ("plan", "dialogue1", "activity", "nav_plan")
    view = build_reason_modal(lang=lang, value=value, milestone=milestone if known else "plan")
    await client.views_open(trigger_id=body["trigger_id"], view=view)


async def handle_reason_submit(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    services, team_id = services_of(context), team_of(context, body)
    reason = (view.get("state", {}).get("values", {}).get(ids.SICKLEAVE_REASON_BLOCK, {}).get(ids.INPUT, {}) or {}).get(
        "value"
    )
    case_id, milestone = _case_and_milestone(view.get("private_metadata"))
    user = str(body["user"]["id"])
    lang = partial(services.people.language_of, team_id=team_id, user_id=user)
    work = services.sickleave.mark(
        team_id=team_id, manager_id=user, case_id=case_id, milestone=milestone, status=NOT_NEEDED, reason=reason
    )
    await answer_submit(ack, client, view, work=work, answer=_reason_answer, saving_lang=lang)


def _reason_answer(result: MarkResult) -> SubmitAnswer:
    text, title = mark_reply_text(result), "sickleave.reason_title"
    if result.error is SickLeaveError.REASON_MISSING:
        return SubmitAnswer(result.lang, title, errors={ids.SICKLEAVE_REASON_BLOCK: text})
    return SubmitAnswer(result.lang, title, view=build_info_modal(result.lang, build_text_reply(text), title_key=title))
