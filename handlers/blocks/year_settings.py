"""The conversation year's fields in the admin settings modal (`/oppfolging innstillinger`), and the period's
reminder to managers: pure builders."""

from __future__ import annotations

from typing import Any

from bot.contract.year import ChooseTalkDate, YearSettings
from bot.i18n import get_translator
from bot.rules.sickleave import MAX_RETENTION_MONTHS
from handlers import ids
from handlers.blocks.kit import Block, context, option, plain, section
from handlers.blocks.year import period_text


def year_settings_blocks(lang: str, settings: YearSettings) -> list[Block]:
    tr = get_translator(lang)
    on = option(tr.t("sickleave.settings_option"), ids.SICKLEAVE_MODULE_ON)
    switch: dict[str, Any] = {"type": "checkboxes", "action_id": ids.INPUT, "options": [on]}
    if settings.sickleave:
        switch["initial_options"] = [on]
    return [
        {
            "type": "input",
            "block_id": ids.YEAR_PERIOD_BLOCK,
            "label": plain(tr.t("year.settings_period"), limit=2000),
            "hint": plain(tr.t("year.settings_period_hint"), limit=2000),
            "element": {
                "type": "plain_text_input",
                "action_id": ids.INPUT,
                "max_length": 40,
                "initial_value": period_text(tr, settings.first, settings.last),
            },
        },
        {
            "type": "input",
            "block_id": ids.SICKLEAVE_MODULE_BLOCK,
            "optional": True,
            "label": plain(tr.t("sickleave.settings_label"), limit=2000),
            "hint": plain(tr.t("sickleave.settings_hint"), limit=2000),
            "element": switch,
        },
        {
            "type": "input",
            "block_id": ids.SICKLEAVE_RETENTION_BLOCK,
            "optional": True,
            "label": plain(tr.t("sickleave.settings_retention"), limit=2000),
            "hint": plain(tr.t("sickleave.settings_retention_hint", most=MAX_RETENTION_MONTHS), limit=2000),
            "element": {
                "type": "number_input",
                "action_id": ids.INPUT,
                "is_decimal_allowed": False,
                "min_value": "1",
                "max_value": str(MAX_RETENTION_MONTHS),
                "initial_value": str(settings.sickleave_months),
            },
        },
    ]


def with_year_settings(view: dict[str, Any], lang: str, settings: YearSettings) -> dict[str, Any]:
    """The settings modal with the year's fields added before its closing note."""
    blocks = list(view["blocks"])
    return {**view, "blocks": [*blocks[:-1], *year_settings_blocks(lang, settings), *blocks[-1:]]}


def year_saved_text(lang: str, settings: YearSettings) -> str:
    tr = get_translator(lang)
    period = tr.t("year.period_set", period=period_text(tr, settings.first, settings.last))
    switch = tr.t("sickleave.module_on" if settings.sickleave else "sickleave.module_off")
    kept = tr.t("sickleave.retention_set", count=settings.sickleave_months)
    return "\n".join((period, switch, kept))


def build_choose_date(message: ChooseTalkDate) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    text = tr.t(
        "year.choose_date",
        employee=message.employee_id,
        period=period_text(tr, message.first, message.last),
    )
    return text, [
        section(text, block_id=ids.BLOCK_INTRO),
        context(tr.t("year.choose_date_explain"), block_id=ids.BLOCK_FOOTER),
    ]
