"""The App Home view: greeting, pause state, language and the privacy promise. Feature issues add sections."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.contract.home import HomeState
from bot.i18n import LANGUAGES, get_translator
from handlers import ids
from handlers.blocks.consent import team_home_blocks
from handlers.blocks.kit import Block, actions, button, confirm, context, divider, option, section, static_select
from handlers.blocks.oneonone import oneonone_home_blocks
from handlers.blocks.pulse import pulse_home_blocks
from handlers.blocks.tiltak import tiltak_home_blocks


def build_home(state: HomeState) -> dict[str, Any]:
    tr = get_translator(state.lang)
    if state.paused and state.paused_until is not None:
        status = tr.t("home.status_paused_until", date=tr.date(state.paused_until))
    elif state.paused:
        status = tr.t("home.status_paused")
    else:
        status = tr.t("home.status_active")
    toggle = (
        button(tr.t("home.resume_button"), action_id=ids.HOME_RESUME, style="primary")
        if state.paused
        else button(tr.t("home.pause_button"), action_id=ids.HOME_PAUSE)
    )
    languages = [option(tr.t(f"home.language_{code}"), code) for code in LANGUAGES]
    blocks: list[Block] = [
        section(tr.t("home.greeting", user=state.user_id), block_id=ids.BLOCK_HEADER),
        section(tr.t("home.intro"), block_id=ids.BLOCK_INTRO),
        divider(block_id="status_divider"),
        section(status, block_id="status"),
        actions(toggle, button(tr.t("home.help_button"), action_id=ids.HOME_HELP), block_id=ids.BLOCK_ACTIONS),
        section(
            tr.t("home.language_label"),
            block_id="language",
            accessory=static_select(
                action_id=ids.HOME_LANGUAGE,
                placeholder=tr.t("home.language_placeholder"),
                options=languages,
                initial_value=state.lang,
            ),
        ),
        divider(block_id="oneonone_divider"),
        *oneonone_home_blocks(state),
        *([divider(block_id="pulse_divider"), *pulse_home_blocks(state.lang, state.pulse)] if state.pulse else []),
        *_team_blocks(state),
        divider(block_id="tiltak_divider"),
        *tiltak_home_blocks(lang=state.lang, today=state.today or date.min, items=state.tiltak),
        divider(block_id="privacy_divider"),
        section(
            tr.t("privacy.home"),
            block_id="privacy",
            accessory={
                **button(tr.t("privacy.home_delete_button"), action_id=ids.HOME_DELETE_REQUEST),
                "confirm": confirm(
                    title=tr.t("privacy.home_confirm_title"),
                    text=tr.t("privacy.home_confirm_text"),
                    yes=tr.t("privacy.home_confirm_yes"),
                    no=tr.t("common.cancel"),
                ),
            },
        ),
        context(tr.t("home.privacy"), block_id=ids.BLOCK_FOOTER),
    ]
    return {"type": "home", "blocks": blocks}


def _team_blocks(state: HomeState) -> list[Block]:
    team = team_home_blocks(state.lang, state.team) if state.team is not None else []
    return [divider(block_id="team_divider"), *team] if team else []
