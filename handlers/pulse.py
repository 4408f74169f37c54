"""The pulse from Slack: `/oppfolging puls`, `team legg-til …`, `innstillinger`, the "Svar" button and the modals.

The button opens the answer modal right after the ack. A submission is validated and stored in one service call
so that problems go back in the ack: a missing answer next to its question, anything else (a second answer, a
closed round) as a kind message in place of the form. Nothing here logs or echoes what anyone answered.
`parse_pulse_command` lives in `handlers.parsing_pulse`, next to the other grammars, and is re-exported here.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.contract.pulse import AnswerProblem, AnswerResult
from bot.contract.pulse_admin import SettingsDraft, SettingsResult, TeamResult
from bot.contract.year import YearSettings
from bot.i18n import get_translator
from bot.rules.annual import parse_period
from bot.rules.sickleave import MAX_RETENTION_MONTHS, retention_months
from handlers import ids
from handlers.blocks.me import build_text_reply
from handlers.blocks.privacy import retention_errors
from handlers.blocks.pulse import build_pulse_info_modal, build_pulse_modal
from handlers.blocks.pulse_admin import (
    build_pulse_status,
    build_settings_modal,
    settings_errors,
    settings_saved_text,
    team_reply_text,
)
from handlers.blocks.year_settings import with_year_settings, year_saved_text
from handlers.budget import SubmitAnswer, answer_submit
from handlers.context import Caller, services_of, team_of
from handlers.home import publish_home
from handlers.ids import (
    PULSE_CLOSURES_BLOCK,
    PULSE_COMMENT_BLOCK,
    PULSE_FREQUENCY_BLOCK,
    PULSE_K_BLOCK,
    PULSE_TIME_BLOCK,
    PULSE_WEEKDAY_BLOCK,
    question_block,
    question_of_block,
)
from handlers.parsing_pulse import (
    AddToTeam,
    OpenPulseSettings,
    RemoveFromTeam,
    ShowPulse,
    ShowTeam,
)
from handlers.privacy import retention_draft, with_retention


async def show_pulse(_parsed: ShowPulse, caller: Caller) -> None:
    """`/oppfolging puls`: the round's state and the last result, for a manager."""
    status = await caller.services.pulse.pulse_status_for_manager(team_id=caller.team_id, user_id=caller.user_id)
    await caller.respond(text=get_translator(status.lang).t("pulse.status_title"), blocks=build_pulse_status(status))


async def open_pulse_settings(_parsed: OpenPulseSettings, caller: Caller) -> None:
    """`/oppfolging innstillinger`: the settings form, for admins."""
    form = await caller.services.pulse_settings.settings_form(team_id=caller.team_id, user_id=caller.user_id)
    if form.allowed:
        year = await caller.services.year_settings.current(team_id=caller.team_id)
        view = await with_retention(caller.services, build_settings_modal(form), caller.team_id, caller.user_id)
        view = with_year_settings(view, form.lang, year)
        await caller.client.views_open(trigger_id=caller.trigger_id, view=view)
        return
    text = get_translator(form.lang).t("pulse.settings_not_admin")
    await caller.respond(text=text, blocks=build_text_reply(text))


async def add_to_team(parsed: AddToTeam, caller: Caller) -> None:
    """`/oppfolging team legg-til <@a> <@b>…`."""
    team = caller.services.team
    await _team_reply(
        caller, await team.team_add(team_id=caller.team_id, manager_id=caller.user_id, user_ids=parsed.user_ids)
    )


async def remove_from_team(parsed: RemoveFromTeam, caller: Caller) -> None:
    """`/oppfolging team fjern <@a>…`."""
    team = caller.services.team
    await _team_reply(
        caller, await team.team_remove(team_id=caller.team_id, manager_id=caller.user_id, user_ids=parsed.user_ids)
    )


async def show_team(_parsed: ShowTeam, caller: Caller) -> None:
    """`/oppfolging team`."""
    await _team_reply(caller, await caller.services.team.my_team(team_id=caller.team_id, manager_id=caller.user_id))


async def _team_reply(caller: Caller, result: TeamResult) -> None:
    text = team_reply_text(result)
    await caller.respond(text=text, blocks=build_text_reply(text))


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
    saving_lang = partial(services.people.language_of, team_id=team_id, user_id=user_id)
    work = services.pulse.record_pulse_answer(
        team_id=team_id,
        user_id=user_id,
        round_id=str(view.get("private_metadata") or ""),
        answers=answers,
        comment=comment,
    )
    result = await answer_submit(ack, client, view, work=work, answer=_answer_reply, saving_lang=saving_lang)
    if result.problem is None:
        await publish_home(services, client, team_id=team_id, user_id=user_id, refresh=False)


def _answer_reply(result: AnswerResult) -> SubmitAnswer:
    tr = get_translator(result.lang)
    reply = SubmitAnswer(result.lang, "pulse.thanks_title")
    if result.problem == AnswerProblem.MISSING and result.question is not None:
        return replace(reply, errors={question_block(result.question): tr.t("pulse.problem_missing")})
    if result.problem == AnswerProblem.TOO_LONG:
        return replace(reply, errors={PULSE_COMMENT_BLOCK: tr.t("pulse.problem_too_long")})
    if result.problem is not None:
        return replace(reply, view=build_pulse_info_modal(result.lang, tr.t(f"pulse.problem_{result.problem.value}")))
    thanks = build_pulse_info_modal(result.lang, tr.t("pulse.thanks_text", k=result.k), title_key="pulse.thanks_title")
    return replace(reply, view=thanks)


async def handle_settings_button(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    await ack()
    services, team_id = services_of(context), team_of(context, body)
    form = await services.pulse_settings.settings_form(team_id=team_id, user_id=str(body["user"]["id"]))
    tr = get_translator(form.lang)
    view = (
        with_year_settings(
            await with_retention(services, build_settings_modal(form), team_id, str(body["user"]["id"])),
            form.lang,
            await services.year_settings.current(team_id=team_id),
        )
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
    half_days = values.get(ids.HALF_DAYS_BLOCK, {}).get(ids.INPUT)
    ticked = {str(o.get("value")) for o in (half_days or {}).get("selected_options") or []}
    return SettingsDraft(
        frequency=selected(PULSE_FREQUENCY_BLOCK),
        weekday=selected(PULSE_WEEKDAY_BLOCK),
        time=selected(PULSE_TIME_BLOCK),
        k=selected(PULSE_K_BLOCK),
        closures=str(closures) if closures is not None else None,
        half_days_off=None if half_days is None else ids.HALF_DAYS_OFF in ticked,
    )


async def handle_settings_submit(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    services, team_id, user_id = services_of(context), team_of(context, body), str(body["user"]["id"])
    lang = await services.people.language_of(team_id=team_id, user_id=user_id)
    retention = retention_draft(view)
    if retention is not None and (problems := services.retention.check(*retention)):
        await ack(response_action="errors", errors=retention_errors(lang, problems))
        return
    values: dict[str, Any] = view.get("state", {}).get("values", {})
    period_field = values.get(ids.YEAR_PERIOD_BLOCK, {}).get(ids.INPUT)
    period = parse_period(str((period_field or {}).get("value") or ""))
    if period_field is not None and period is None:
        await ack(
            response_action="errors",
            errors={ids.YEAR_PERIOD_BLOCK: get_translator(lang).t("year.settings_period_hint")},
        )
        return
    ticked = (values.get(ids.SICKLEAVE_MODULE_BLOCK, {}).get(ids.INPUT) or {}).get("selected_options") or []
    sickleave = any(o.get("value") == ids.SICKLEAVE_MODULE_ON for o in ticked)
    typed = str((values.get(ids.SICKLEAVE_RETENTION_BLOCK, {}).get(ids.INPUT) or {}).get("value") or "").strip()
    months = retention_months(typed)  # left empty: the stored value stays
    if typed and months is None:
        error = get_translator(lang).t("sickleave.settings_retention_error", most=MAX_RETENTION_MONTHS)
        await ack(response_action="errors", errors={ids.SICKLEAVE_RETENTION_BLOCK: error})
        return

    async def save() -> tuple[SettingsResult, YearSettings | None]:
        """The pulse settings, then (for an admin, when they are valid) retention and the conversation year."""
        result = await services.pulse_settings.update_pulse_settings(
            team_id=team_id, user_id=user_id, draft=_draft(view)
        )
        if not result.allowed or result.problems:
            return result, None
        if retention is not None:
            await services.retention.save(team_id=team_id, user_id=user_id, months=retention[0], days=retention[1])
        if period is None:
            return result, None
        saved = await services.year_settings.save(
            team_id=team_id, user_id=user_id, period=period, sickleave=sickleave, months=months
        )
        return result, await services.year_settings.current(team_id=team_id) if saved else None

    await answer_submit(ack, client, view, work=save(), answer=_settings_reply, saving_lang=lang)


def _settings_reply(outcome: tuple[SettingsResult, YearSettings | None]) -> SubmitAnswer:
    result, year = outcome
    title = "pulse.settings_saved_title" if result.allowed else "pulse.settings_title"
    if result.problems:
        return SubmitAnswer(result.lang, title, errors=settings_errors(result))
    text = settings_saved_text(result)
    if year is not None:
        text += "\n" + year_saved_text(result.lang, year)
    return SubmitAnswer(result.lang, title, view=build_pulse_info_modal(result.lang, text, title_key=title))
