"""The pulse from Slack: `/oppfolging puls`, `team legg-til …`, `innstillinger`, the "Svar" button and the modals.

The button opens the answer modal right after the ack. A submission is validated and stored in one service call
so that problems go back in the ack: a missing answer next to its question, anything else (a second answer, a
closed round) as a kind message in place of the form. Nothing here logs or echoes what anyone answered.
`parse_pulse_command` lives in `handlers.parsing_pulse`, next to the other grammars, and is re-exported here.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.i18n import get_translator
from bot.services.pulse import AnswerProblem, PulseService
from bot.services.pulse_settings import SettingsDraft
from handlers import ids
from handlers.blocks.me import build_text_reply
from handlers.blocks.pulse import build_pulse_info_modal, build_pulse_modal
from handlers.blocks.pulse_admin import (
    build_pulse_status,
    build_settings_modal,
    settings_errors,
    settings_saved_text,
    team_reply_text,
)
from handlers.context import services_of, team_of
from handlers.home import publish_home
from handlers.ids import (
    PULSE_ANSWER,
    PULSE_CLOSURES_BLOCK,
    PULSE_COMMENT_BLOCK,
    PULSE_FREQUENCY_BLOCK,
    PULSE_K_BLOCK,
    PULSE_MODAL,
    PULSE_SETTINGS,
    PULSE_SETTINGS_MODAL,
    PULSE_TIME_BLOCK,
    PULSE_WEEKDAY_BLOCK,
    question_block,
    question_of_block,
)
from handlers.parsing_pulse import (
    AddToTeam,
    OpenPulseSettings,
    PulseCommand,
    RemoveFromTeam,
    ShowPulse,
    ShowTeam,
    parse_pulse_command,
)

__all__ = ["PulseCommand", "handle_pulse_command", "parse_pulse_command", "register_pulse_routes"]


async def handle_pulse_command(
    parsed: PulseCommand,
    services_pulse: PulseService,
    respond: AsyncRespond,
    client: AsyncWebClient,
    *,
    team_id: str,
    user_id: str,
    trigger_id: str,
) -> None:
    """The command forms, after the ack."""
    pulse = services_pulse
    match parsed:
        case ShowPulse():
            status = await pulse.pulse_status_for_manager(team_id=team_id, user_id=user_id)
            await respond(text=get_translator(status.lang).t("pulse.status_title"), blocks=build_pulse_status(status))
            return
        case OpenPulseSettings():
            form = await pulse.settings_form(team_id=team_id, user_id=user_id)
            if form.allowed:
                await client.views_open(trigger_id=trigger_id, view=build_settings_modal(form))
                return
            text = get_translator(form.lang).t("pulse.settings_not_admin")
        case AddToTeam(user_ids=user_ids):
            text = team_reply_text(await pulse.team_add(team_id=team_id, manager_id=user_id, user_ids=user_ids))
        case RemoveFromTeam(user_ids=user_ids):
            text = team_reply_text(await pulse.team_remove(team_id=team_id, manager_id=user_id, user_ids=user_ids))
        case ShowTeam():
            text = team_reply_text(await pulse.my_team(team_id=team_id, manager_id=user_id))
    await respond(text=text, blocks=build_text_reply(text))


async def handle_answer_button(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    """ "Svar": the modal for that round, or a kind word on why it cannot be answered."""
    await ack()
    services, team_id = services_of(context), team_of(context, body)
    round_id = str(body["actions"][0].get("value") or "")
    form = await services.pulse.open_pulse_modal(team_id=team_id, user_id=str(body["user"]["id"]), round_id=round_id)
    if form.problem is None:
        view = build_pulse_modal(form)
    else:
        view = build_pulse_info_modal(form.lang, get_translator(form.lang).t(f"pulse.problem_{form.problem.value}"))
    await client.views_open(trigger_id=body["trigger_id"], view=view)


def _answers(view: dict[str, Any]) -> tuple[dict[str, int | None], str | None]:
    values: dict[str, Any] = view.get("state", {}).get("values", {})
    answers: dict[str, int | None] = {}
    for block_id, fields in values.items():
        question = question_of_block(str(block_id))
        if question is None:
            continue
        chosen = str(((fields.get(ids.INPUT) or {}).get("selected_option") or {}).get("value") or "")
        answers[question] = ids.small_number(chosen)
    comment = (values.get(PULSE_COMMENT_BLOCK, {}).get(ids.INPUT) or {}).get("value")
    return answers, str(comment) if comment is not None else None


async def handle_pulse_submit(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    services, team_id = services_of(context), team_of(context, body)
    user_id = str(body["user"]["id"])
    answers, comment = _answers(view)
    result = await services.pulse.record_pulse_answer(
        team_id=team_id,
        user_id=user_id,
        round_id=str(view.get("private_metadata") or ""),
        answers=answers,
        comment=comment,
    )
    tr = get_translator(result.lang)
    if result.problem == AnswerProblem.MISSING and result.question is not None:
        await ack(response_action="errors", errors={question_block(result.question): tr.t("pulse.problem_missing")})
        return
    if result.problem == AnswerProblem.TOO_LONG:
        await ack(response_action="errors", errors={PULSE_COMMENT_BLOCK: tr.t("pulse.problem_too_long")})
        return
    if result.problem is not None:
        await ack(
            response_action="update",
            view=build_pulse_info_modal(result.lang, tr.t(f"pulse.problem_{result.problem.value}")),
        )
        return
    thanks = build_pulse_info_modal(result.lang, tr.t("pulse.thanks_text", k=result.k), title_key="pulse.thanks_title")
    await ack(response_action="update", view=thanks)
    await publish_home(services, client, team_id=team_id, user_id=user_id)


async def handle_settings_button(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    services, team_id = services_of(context), team_of(context, body)
    form = await services.pulse.settings_form(team_id=team_id, user_id=str(body["user"]["id"]))
    tr = get_translator(form.lang)
    view = (
        build_settings_modal(form)
        if form.allowed
        else build_pulse_info_modal(form.lang, tr.t("pulse.settings_not_admin"))
    )
    await client.views_open(trigger_id=body["trigger_id"], view=view)


def _draft(view: dict[str, Any]) -> SettingsDraft:
    values: dict[str, Any] = view.get("state", {}).get("values", {})

    def field(block: str) -> dict[str, Any]:
        return dict(values.get(block, {}).get(ids.INPUT) or {})

    def selected(block: str) -> str | None:
        value = (field(block).get("selected_option") or {}).get("value")
        return str(value) if value is not None else None

    closures = field(PULSE_CLOSURES_BLOCK).get("value")
    return SettingsDraft(
        frequency=selected(PULSE_FREQUENCY_BLOCK),
        weekday=selected(PULSE_WEEKDAY_BLOCK),
        time=selected(PULSE_TIME_BLOCK),
        k=selected(PULSE_K_BLOCK),
        closures=str(closures) if closures is not None else None,
    )


async def handle_settings_submit(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext
) -> None:
    services, team_id = services_of(context), team_of(context, body)
    result = await services.pulse.update_pulse_settings(
        team_id=team_id, user_id=str(body["user"]["id"]), draft=_draft(view)
    )
    if result.problems:
        await ack(response_action="errors", errors=settings_errors(result))
        return
    title = "pulse.settings_saved_title" if result.allowed else "pulse.settings_title"
    await ack(
        response_action="update", view=build_pulse_info_modal(result.lang, settings_saved_text(result), title_key=title)
    )


def register_pulse_routes(app: AsyncApp) -> None:
    """The pulse's listeners (the command forms go through `handlers.commands`)."""
    app.action(PULSE_ANSWER)(handle_answer_button)
    app.view(PULSE_MODAL)(handle_pulse_submit)
    app.action(PULSE_SETTINGS)(handle_settings_button)
    app.view(PULSE_SETTINGS_MODAL)(handle_settings_submit)
