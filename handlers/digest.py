"""The digest from Slack: `digest #kanal`, `digest hr #kanal`, and "Del hva vi gjør" (button, form)."""

from __future__ import annotations

from functools import partial
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.contract.digest import ShareResult
from handlers import ids
from handlers.blocks.digest import build_share_modal, channel_reply_text, share_reply_text
from handlers.blocks.me import build_text_reply
from handlers.blocks.modals import build_info_modal
from handlers.budget import SubmitAnswer, answer_submit
from handlers.context import Caller, services_of, team_of
from handlers.parsing import ChooseDigest


async def choose_digest(parsed: ChooseDigest, caller: Caller) -> None:
    """`/oppfolging digest <#kanal>` (and `digest hr <#kanal>`)."""
    result = await caller.services.digest.choose_channel(
        team_id=caller.team_id, manager_id=caller.user_id, channel_id=parsed.channel_id, org=parsed.org
    )
    text = channel_reply_text(result)
    await caller.respond(text=text, blocks=build_text_reply(text))


async def handle_share_button(
    ack: AsyncAck, body: dict[str, Any], context: AsyncBoltContext, respond: AsyncRespond, client: AsyncWebClient
) -> None:
    """Only the digest's own manager may share; anyone else in the channel is told so, privately."""
    await ack()
    services, team_id = services_of(context), team_of(context, body)
    user_id = str(body["user"]["id"])
    lang = await services.people.language_of(team_id=team_id, user_id=user_id)
    if body["actions"][0].get("value") != user_id:
        text = share_reply_text(ShareResult(lang, error="not_yours"))
        await respond(text=text, blocks=build_text_reply(text), replace_original=False, response_type="ephemeral")
        return
    await client.views_open(trigger_id=body["trigger_id"], view=build_share_modal(lang=lang))


async def handle_share_submit(
    ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
) -> None:
    services, team_id = services_of(context), team_of(context, body)
    user_id = str(body["user"]["id"])
    values = view.get("state", {}).get("values", {})
    text = str(values.get(ids.DIGEST_SHARE_BLOCK, {}).get(ids.INPUT, {}).get("value") or "")
    saving_lang = partial(services.people.language_of, team_id=team_id, user_id=user_id)

    def answer(result: ShareResult) -> SubmitAnswer:
        reply = share_reply_text(result)
        if result.error == "empty":
            return SubmitAnswer(result.lang, "digest.share_title", errors={ids.DIGEST_SHARE_BLOCK: reply})
        modal = build_info_modal(result.lang, build_text_reply(reply), title_key="digest.share_title")
        return SubmitAnswer(result.lang, "digest.share_title", view=modal)

    work = services.digest.share_update(team_id=team_id, manager_id=user_id, text=text)
    await answer_submit(ack, client, view, work=work, answer=answer, saving_lang=saving_lang)
