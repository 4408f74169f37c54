"""The conversation year from Slack: `medarbeidersamtale`, `ny … forleng`, `admin medarbeidersamtale`, and the
buttons and forms of the medarbeidersamtale. Every talk id in a payload is checked by the service against the
clicker: outside the pair (or the wrong side of it) it looks like nothing is there."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from functools import partial
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.contract.year import PlanRow, PrepAnswer, TalkGuide, TalkResult, YearError
from bot.i18n import get_translator
from bot.rules.annual import SCORED_THEMES, SUMMARY_ROWS, THEMES
from handlers import ids
from handlers.blocks.me import build_text_reply
from handlers.blocks.modals import build_info_modal
from handlers.blocks.year import (
    build_guide_modal,
    build_prep_modal,
    build_summary_modal,
    period_reply_text,
    probation_reply_text,
    talk_reply_text,
)
from handlers.budget import SubmitAnswer, answer_submit
from handlers.context import Caller, services_of, team_of
from handlers.parsing_oneonone import NewEmployee
from handlers.parsing_year import ScheduleTalk, SetTalkPeriod


async def _reply(caller: Caller, text: str) -> None:
    await caller.respond(text=text, blocks=build_text_reply(text))


async def schedule_talk(parsed: ScheduleTalk, caller: Caller) -> None:
    """`/oppfolging medarbeidersamtale <@bruker> <dato>`."""
    result = await caller.services.talks.schedule_talk(
        team_id=caller.team_id, manager_id=caller.user_id, employee_id=parsed.employee_id, date_text=parsed.date_text
    )
    await _reply(caller, talk_reply_text(result))


async def set_period(parsed: SetTalkPeriod, caller: Caller) -> None:
    """`/oppfolging admin medarbeidersamtale <periode>`."""
    result = await caller.services.talks.set_period(team_id=caller.team_id, admin_id=caller.user_id, text=parsed.text)
    await _reply(caller, period_reply_text(result))


async def extend_probation(parsed: NewEmployee, caller: Caller) -> None:
    """`/oppfolging ny <@bruker> forleng <dato>`."""
    result = await caller.services.probation.extend(
        team_id=caller.team_id, manager_id=caller.user_id, employee_id=parsed.employee_id, date_text=parsed.start_text
    )
    await _reply(caller, probation_reply_text(result))


def _user(body: dict[str, Any]) -> str:
    return str(body["user"]["id"])


def _talk_id(value: object) -> int | None:
    return ids.small_number(str(value or ""))


async def _tell(respond: AsyncRespond, body: dict[str, Any], text: str) -> None:
    if body.get("response_url"):
        await respond(text=text, blocks=build_text_reply(text), replace_original=False)


async def _open(
    body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond, *, as_manager: bool
) -> tuple[str, TalkGuide | None]:
    services, team_id = services_of(context), team_of(context, body)
    lang, guide = await services.talks.open_talk(
        team_id=team_id, viewer=_user(body), talk_id=_talk_id(body["actions"][0].get("value")), as_manager=as_manager
    )
    if guide is None:
        await _tell(respond, body, get_translator(lang).t("year.error_not_found", employee=""))
    return lang, guide


ModalListener = Callable[[AsyncAck, dict[str, Any], AsyncBoltContext, AsyncRespond, AsyncWebClient], Awaitable[None]]


def _opens(build: Callable[[TalkGuide], dict[str, Any]], *, as_manager: bool) -> ModalListener:
    """A button that opens a talk's modal for its side of the pair (`as_manager`): the preparation, the guide, the
    summary form. Anyone else is told the talk was not found."""

    async def listener(
        ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        await ack()
        _lang, guide = await _open(body, context, respond, as_manager=as_manager)
        if guide is not None:
            await client.views_open(trigger_id=body["trigger_id"], view=build(guide))

    return listener


handle_prepare = _opens(build_prep_modal, as_manager=False)
handle_guide = _opens(build_guide_modal, as_manager=True)
handle_summary = _opens(build_summary_modal, as_manager=True)


async def handle_share(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond) -> None:
    await ack()
    services, team_id = services_of(context), team_of(context, body)
    result = await services.talks.share_prep(
        team_id=team_id, viewer=_user(body), talk_id=_talk_id(body["actions"][0].get("value"))
    )
    await _tell(respond, body, talk_reply_text(result))


async def handle_confirm(ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond) -> None:
    await ack()
    services, team_id = services_of(context), team_of(context, body)
    result = await services.talks.confirm_summary(
        team_id=team_id, viewer=_user(body), talk_id=_talk_id(body["actions"][0].get("value"))
    )
    await _tell(respond, body, talk_reply_text(result))


def _state(view: dict[str, Any], block: str) -> dict[str, Any]:
    return dict(view.get("state", {}).get("values", {}).get(block, {}).get(ids.INPUT, {}))


def _score(view: dict[str, Any], theme: str) -> int | None:
    picked = (_state(view, ids.prep_block(theme, "score")).get("selected_option") or {}).get("value")
    number = ids.small_number(str(picked or ""))
    return number if number is not None and 1 <= number <= 5 else None


def _talk_answer(error_block: str, *, title_key: str) -> Callable[[TalkResult], SubmitAnswer]:
    """Errors next to the field (the form stays open); else the form shows what happened."""

    def answer(result: TalkResult) -> SubmitAnswer:
        text = talk_reply_text(result)
        if result.error in (YearError.TOO_LONG, YearError.NO_SUMMARY):
            return SubmitAnswer(result.lang, title_key, errors={error_block: text})
        return SubmitAnswer(
            result.lang, title_key, view=build_info_modal(result.lang, build_text_reply(text), title_key=title_key)
        )

    return answer


async def handle_prep_submit(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    services, team_id = services_of(context), team_of(context, body)
    lang = partial(services.people.language_of, team_id=team_id, user_id=_user(body))
    answers = tuple(
        PrepAnswer(
            theme=theme,
            score=_score(view, theme) if theme in SCORED_THEMES else None,
            text=str(_state(view, ids.prep_block(theme, "text")).get("value") or "").strip(),
        )
        for theme in THEMES
    )
    work = services.talks.save_prep(
        team_id=team_id, viewer=_user(body), talk_id=_talk_id(view.get("private_metadata")), answers=answers
    )
    answer = _talk_answer(ids.prep_block(THEMES[-1], "text"), title_key="year.prep_title")
    await answer_submit(ack, client, view, work=work, answer=answer, saving_lang=lang)


async def handle_summary_submit(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    services, team_id = services_of(context), team_of(context, body)
    lang = await services.people.language_of(team_id=team_id, user_id=_user(body))
    rows: dict[str, list[PlanRow]] = {"goal": [], "tiltak": []}
    errors: dict[str, str] = {}
    for kind in rows:
        for row in range(1, SUMMARY_ROWS + 1):
            text = str(_state(view, ids.summary_block(kind, "text", row)).get("value") or "").strip()
            picked = _state(view, ids.summary_block(kind, "due", row)).get("selected_date")
            if not text:
                continue
            if not picked:
                errors[ids.summary_block(kind, "due", row)] = get_translator(lang).t("year.error_missing_due")
                continue
            try:
                due = date.fromisoformat(str(picked))
            except ValueError:
                errors[ids.summary_block(kind, "due", row)] = get_translator(lang).t("year.error_missing_due")
                continue
            rows[kind].append(PlanRow(text=text, due=due))
    if errors:
        await ack(response_action="errors", errors=errors)
        return
    work = services.talks.write_summary(
        team_id=team_id,
        viewer=_user(body),
        talk_id=_talk_id(view.get("private_metadata")),
        goals=tuple(rows["goal"]),
        tiltak=tuple(rows["tiltak"]),
    )
    answer = _talk_answer(ids.summary_block("goal", "text", 1), title_key="year.summary_title")
    await answer_submit(ack, client, view, work=work, answer=answer, saving_lang=lang)
