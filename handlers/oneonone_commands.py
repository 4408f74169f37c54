"""`/oppfolging 1til1 <@bruker> …` and `/oppfolging ny <@bruker> start <dato>`, after the ack."""

from __future__ import annotations

from bot.i18n import get_translator
from bot.rules.cadence import DEFAULT_TIME
from handlers.blocks.me import build_text_reply
from handlers.blocks.oneonone import build_pair_reply, pair_reply_text
from handlers.context import Caller
from handlers.parsing_oneonone import NewEmployee, SetOneOnOne
from handlers.year import extend_probation


async def new_employee(parsed: NewEmployee, caller: Caller) -> None:
    """`/oppfolging ny <@bruker> start <dato> [prøvetid <n> måneder]`; `ny <@bruker> forleng <dato>` is the year's."""
    if parsed.extend:
        await extend_probation(parsed, caller)
        return
    if parsed.months_error:
        lang = await caller.services.people.language_of(team_id=caller.team_id, user_id=caller.user_id)
        text = get_translator(lang).t("oneonone.error_probation_months")
        await caller.respond(text=text, blocks=build_text_reply(text))
        return
    result = await caller.services.oneonone.register_probation(
        team_id=caller.team_id,
        manager_id=caller.user_id,
        employee_id=parsed.employee_id,
        start_text=parsed.start_text,
        months=parsed.months,
    )
    await caller.respond(text=pair_reply_text(result), blocks=build_pair_reply(result))


async def set_one_on_one(parsed: SetOneOnOne, caller: Caller) -> None:
    """`/oppfolging 1til1 <@bruker> …` (and `stopp`)."""
    services, respond, team_id, user_id = caller.services, caller.respond, caller.team_id, caller.user_id
    oneonone = services.oneonone
    if parsed.syntax_error:
        lang = await services.people.language_of(team_id=team_id, user_id=user_id)
        text = get_translator(lang).t("oneonone.error_syntax", time=DEFAULT_TIME)
        await respond(text=text, blocks=build_text_reply(text))
        return
    if parsed.stop:
        result = await oneonone.stop_followup(team_id=team_id, manager_id=user_id, employee_id=parsed.employee_id)
    else:
        result = await oneonone.plan_followup(
            team_id=team_id,
            manager_id=user_id,
            employee_id=parsed.employee_id,
            cadence=parsed.cadence,
            weekday=parsed.weekday,
            at=parsed.at,
        )
    await respond(text=pair_reply_text(result), blocks=build_pair_reply(result))
