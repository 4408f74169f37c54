"""Slack's 3-second ack budget for work that must finish before the ack (a modal submit that validates and saves).

`within_ack_budget` runs the service call and waits at most `ACK_BUDGET` seconds of real time (Slack's clock,
not the domain clock). If the call is done by then, its result goes in the ack as usual. If not (another writer
holds the database), the handler acks with a "saving" view and the call goes on: the modal is updated with the
outcome when it ends, so a submit never "fails but saves" and a user has no reason to submit twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.i18n import get_translator
from handlers.blocks.me import build_text_reply
from handlers.blocks.modals import build_info_modal, build_saving_modal

T = TypeVar("T")

ACK_BUDGET = 1.5
"""Seconds a listener waits for the service before acking; with the replay check's `DB_BUDGET` well inside 3 s."""


async def within_ack_budget(work: Coroutine[Any, Any, T]) -> T | asyncio.Task[T]:
    """The result if `work` ends within `ACK_BUDGET`, else the still-running task (await it after the ack)."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=ACK_BUDGET)
    return task.result() if done else task


@dataclass(frozen=True)
class SubmitAnswer:
    """What a modal submit answers: errors next to their fields, or a view in place of the modal (None closes
    it). `lang` and `title_key` title the window when the answer comes after a "saving" ack."""

    lang: str
    title_key: str
    errors: Mapping[str, str] = field(default_factory=dict)
    view: dict[str, Any] | None = None


async def answer_submit(
    ack: AsyncAck,
    client: AsyncWebClient,
    view: Mapping[str, Any],
    *,
    work: Coroutine[Any, Any, T],
    answer: Callable[[T], SubmitAnswer],
    saving_lang: str | Callable[[], Awaitable[str]],
) -> T:
    """Run a modal submit's service call within Slack's ack budget and answer it.

    In time, the answer goes in the ack (errors next to their fields, an updated view, or the modal closes). Late
    (another writer holds the database), the ack shows "saving" and the call goes on; the window is then updated
    with the outcome: the view, or the errors as text, or "saved". Either way the submit is acked in time and
    its work is done once, so nobody has a reason to submit again (issue 11, item 6).
    """
    outcome = await within_ack_budget(work)
    if not isinstance(outcome, asyncio.Task):
        reply = answer(outcome)
        if reply.errors:
            await ack(response_action="errors", errors=dict(reply.errors))
        elif reply.view is not None:
            await ack(response_action="update", view=reply.view)
        else:
            await ack()
        return outcome
    # The language is looked up only now, when it is needed: a submit in time pays no extra read before its ack.
    lang = saving_lang if isinstance(saving_lang, str) else await saving_lang()
    await ack(response_action="update", view=build_saving_modal(lang, title_key="common.saving_title"))
    result = await outcome
    reply = answer(result)
    final = reply.view
    if final is None:
        tr = get_translator(reply.lang)
        text = "\n".join(reply.errors.values()) if reply.errors else tr.t("delivery.saved")
        final = build_info_modal(reply.lang, build_text_reply(text), title_key=reply.title_key)
    await client.views_update(view_id=str(view.get("id") or ""), view=final)
    return result
