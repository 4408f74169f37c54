"""The help message: what the bot does and the commands, with examples that work as written."""

from __future__ import annotations

from bot.i18n import get_translator
from bot.rules.cadence import DEFAULT_TIME
from handlers import ids
from handlers.blocks.kit import Block, context, header, section

# The command lines shown, in order. Feature issues add theirs here as the commands start to work.
HELP_LINES = (
    "help.cmd_tiltak",
    "help.cmd_list",
    "help.cmd_done",
    "oneonone.help_1til1",
    "oneonone.help_new",
    "year.help",
    "sickleave.help",
    "digest.help",
    "pulse.help_cmd_pulse",
    "pulse.help_cmd_team",
    "pulse.help_cmd_settings",
    "consent.help_consent",
    "consent.help_admin",
    "privacy.help_admin",
    "year.help_admin",
    "help.cmd_pause",
    "help.cmd_resume",
    "help.cmd_language",
    "help.cmd_my_data",
    "help.cmd_help",
)


def build_help(*, lang: str, unknown_word: str | None = None) -> list[Block]:
    tr = get_translator(lang)
    blocks: list[Block] = []
    if unknown_word is not None:
        blocks.append(section(tr.t("help.unknown", word=unknown_word[:40]), block_id="help_unknown"))
    blocks.append(header(tr.t("help.title"), block_id=ids.BLOCK_HEADER))
    blocks.append(section(tr.t("help.intro"), block_id=ids.BLOCK_INTRO))
    blocks.append(
        section("\n".join(f"• {tr.t(key, time=DEFAULT_TIME)}" for key in HELP_LINES), block_id="help_commands")
    )
    blocks.append(context(tr.t("help.dates"), block_id="help_dates"))
    blocks.append(context(tr.t("help.privacy"), tr.t("privacy.help_doc"), block_id=ids.BLOCK_FOOTER))
    return blocks


def help_text(*, lang: str) -> str:
    """Notification fallback for the help message."""
    return get_translator(lang).t("help.title")
