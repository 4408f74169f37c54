"""Everything Slack. `register(app, services)` is the routing table: one line per listener, ids from `ids`."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.container import Services
from handlers import commands, consent, digest, home, ids, oneonone, privacy, pulse, sickleave, tiltak, year
from handlers.context import SERVICES_KEY, team_of
from handlers.payload_guard import reject_malformed
from handlers.replay import replay_guard
from handlers.respond import shared_respond

logger = logging.getLogger(__name__)
STOPPING_EVENTS = ("app_uninstalled", "tokens_revoked")


def register(app: AsyncApp, services: Services, *, http: aiohttp.ClientSession | None = None) -> None:
    """Wire middleware, listeners and the error handler onto `app`. With `http`, replies through response URLs
    share that session's connections (`handlers.respond`)."""

    async def inject_services(context: AsyncBoltContext, next: Callable[[], Awaitable[BoltResponse]]) -> BoltResponse:
        context[SERVICES_KEY] = services
        return await next()

    async def resume_workspace(
        context: AsyncBoltContext, body: dict[str, Any], next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse:
        """Any valid request from a workspace whose delivery was stopped (uninstalled) means it is back."""
        event = body.get("event") or {}
        if event.get("type") not in STOPPING_EVENTS:
            await services.workspaces.resume(team_id=team_of(context, body))
        return await next()

    app.use(inject_services)
    if http is not None:
        app.use(shared_respond(http))
    app.use(replay_guard())
    app.use(reject_malformed)
    app.use(resume_workspace)
    app.error(log_error)

    app.command(ids.COMMAND)(commands.handle_command)

    app.event("app_home_opened")(home.handle_home_opened)
    app.action(ids.HOME_LANGUAGE)(home.handle_home_language)
    app.action(ids.HOME_PAUSE)(home.handle_home_pause)
    app.action(ids.HOME_RESUME)(home.handle_home_resume)
    app.action(ids.HOME_HELP)(home.handle_home_help)
    app.action(ids.HOME_DELETE_REQUEST)(privacy.handle_delete_request)

    app.event("user_change")(privacy.handle_user_change)
    app.event("app_uninstalled")(privacy.handle_app_uninstalled)
    app.event("tokens_revoked")(privacy.handle_tokens_revoked)
    app.view(ids.PRIVACY_DELETE_MODAL)(privacy.handle_delete_submit)

    app.action(ids.TILTAK_DONE)(tiltak.handle_tiltak_done)
    app.action(ids.TILTAK_POSTPONE)(tiltak.handle_tiltak_postpone)
    app.action(ids.TILTAK_CANCEL)(tiltak.handle_tiltak_cancel)
    app.action(ids.TILTAK_NEW)(tiltak.handle_tiltak_new)
    app.view(ids.TILTAK_MODAL)(tiltak.handle_tiltak_submit)

    app.action(ids.ONEONONE_AGENDA)(oneonone.handle_agenda_button)
    app.view(ids.ONEONONE_AGENDA_MODAL)(oneonone.handle_agenda_submit)
    app.action(ids.ONEONONE_TYPE)(oneonone.handle_type_select)
    app.action(ids.ONEONONE_HELD)(oneonone.handle_held_button)
    app.action(ids.ONEONONE_MOVE)(oneonone.handle_move_button)
    app.action(ids.ONEONONE_NOT_HELD)(oneonone.handle_not_held_button)
    app.view(ids.ONEONONE_HELD_MODAL)(oneonone.handle_held_submit)
    app.view(ids.ONEONONE_MOVE_MODAL)(oneonone.handle_move_submit)

    app.action(ids.CONSENT_ACCEPT)(consent.handle_accept)
    app.action(ids.CONSENT_DECLINE)(consent.handle_decline)

    app.action(ids.DIGEST_SHARE)(digest.handle_share_button)
    app.view(ids.DIGEST_SHARE_MODAL)(digest.handle_share_submit)

    app.action(ids.YEAR_PREPARE)(year.handle_prepare)
    app.action(ids.YEAR_SHARE)(year.handle_share)
    app.action(ids.YEAR_GUIDE)(year.handle_guide)
    app.action(ids.YEAR_SUMMARY)(year.handle_summary)
    app.action(ids.YEAR_CONFIRM)(year.handle_confirm)
    app.view(ids.YEAR_PREP_MODAL)(year.handle_prep_submit)
    app.view(ids.YEAR_SUMMARY_MODAL)(year.handle_summary_submit)

    app.action(ids.SICKLEAVE_DONE)(sickleave.handle_done)
    app.action(ids.SICKLEAVE_NOT_NEEDED)(sickleave.handle_not_needed)
    app.view(ids.SICKLEAVE_REASON_MODAL)(sickleave.handle_reason_submit)
    app.action(ids.SICKLEAVE_NAV)(sickleave.handle_nav_link)

    app.action(ids.PULSE_ANSWER)(pulse.handle_answer_button)
    app.view(ids.PULSE_MODAL)(pulse.handle_pulse_submit)
    app.action(ids.PULSE_SETTINGS)(pulse.handle_settings_button)
    app.view(ids.PULSE_SETTINGS_MODAL)(pulse.handle_settings_submit)


async def log_error(error: Exception, request: AsyncBoltRequest, body: dict[str, Any]) -> None:
    """The one place listener failures are logged: type of request and traceback, never the payload."""
    kind = body.get("type") or ("command" if "command" in body else "unknown")
    logger.error("listener failed for a %s request", kind, exc_info=error)
