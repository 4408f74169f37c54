"""Pulse builders for employees: the DM with "Svar", the answer modal, its replies, and the App Home section.

Every surface that takes an answer says who sees what. Results are drawn only from what the service hands over,
which is already suppressed: a hidden result has no numbers to draw.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.contract.pulse import PublishedResult, PulseForm, PulseHome, PulseInvite
from bot.i18n import Translator, get_translator
from bot.rules.calendar import iso_week
from bot.rules.pulse import ANCHOR, REVERSED, SCALE
from handlers import ids
from handlers.blocks.kit import Block, actions, button, clip, context, escape, option, plain, section
from handlers.ids import PULSE_ANSWER, PULSE_COMMENT_BLOCK, PULSE_MODAL, question_block

MODAL_TEXT = 24
LABEL_LIMIT = 2000
MAX_COMMENT = 500
MAX_COMMENTS_SHOWN = 20


def closes_text(tr: Translator, closes_at: datetime, zone: str) -> str:
    return tr.datetime(closes_at, ZoneInfo(zone))


def question_text(tr: Translator, question: str) -> str:
    return tr.t("pulse.question_anchor") if question == ANCHOR else tr.t(f"pulse.statement_{question}")


def short_text(tr: Translator, question: str) -> str:
    """How a result names a question: the anchor's short name, a reversed theme's positive name with its note
    that a high score is good, else the statement itself."""
    if question == ANCHOR:
        return tr.t("pulse.question_anchor.short")
    if question in REVERSED:
        return tr.t(f"pulse.statement_{question}.short")
    return f"_{tr.t(f'pulse.statement_{question}').rstrip('.')}_"  # no full stop before the score


def answer_button(tr: Translator, round_id: str) -> dict[str, Any]:
    return button(tr.t("pulse.button_answer"), action_id=PULSE_ANSWER, value=round_id, style="primary")


def build_pulse_dm(message: PulseInvite) -> tuple[str, list[Block]]:
    """The DM when a round opens for someone, or the one reminder."""
    tr = get_translator(message.lang)
    intro = tr.t("pulse.dm_reminder" if message.reminder else "pulse.dm_open")
    privacy = tr.t("pulse.dm_reminder_privacy") if message.reminder else tr.t("pulse.dm_privacy", k=message.k)
    blocks = [
        section(intro, block_id=ids.BLOCK_INTRO),
        actions(answer_button(tr, message.round_id), block_id=ids.BLOCK_ACTIONS),
        context(
            tr.t("pulse.dm_closes", closes=closes_text(tr, message.closes_at, message.zone)),
            privacy,
            block_id=ids.BLOCK_FOOTER,
        ),
    ]
    return intro, blocks


def _scale(tr: Translator, question: str) -> list[dict[str, Any]]:
    prefix = "pulse.anchor_" if question == ANCHOR else "pulse.agree_"
    return [option(tr.t(f"{prefix}{value}"), str(value)) for value in SCALE]


def build_pulse_modal(form: PulseForm) -> dict[str, Any]:
    """The answer modal: the anchor question and two statements on 1–5, an optional comment, who sees what."""
    tr = get_translator(form.lang)
    blocks: list[Block] = [section(tr.t("pulse.modal_intro"), block_id=ids.BLOCK_INTRO)]
    for question in form.questions:
        blocks.append(
            {
                "type": "input",
                "block_id": question_block(question),
                "label": plain(question_text(tr, question), limit=LABEL_LIMIT),
                "element": {"type": "radio_buttons", "action_id": ids.INPUT, "options": _scale(tr, question)},
            }
        )
    blocks.append(
        {
            "type": "input",
            "block_id": PULSE_COMMENT_BLOCK,
            "optional": True,
            "label": plain(tr.t("pulse.comment_label"), limit=LABEL_LIMIT),
            "element": {
                "type": "plain_text_input",
                "action_id": ids.INPUT,
                "multiline": True,
                "max_length": MAX_COMMENT,
                "placeholder": plain(tr.t("pulse.comment_placeholder"), limit=150),
            },
        }
    )
    blocks.append(context(tr.t("pulse.modal_privacy", k=form.k), block_id=ids.BLOCK_FOOTER))
    return {
        "type": "modal",
        "callback_id": PULSE_MODAL,
        "private_metadata": form.round_id,
        "title": plain(tr.t("pulse.modal_title"), limit=MODAL_TEXT),
        "submit": plain(tr.t("pulse.modal_submit"), limit=MODAL_TEXT),
        "close": plain(tr.t("common.cancel"), limit=MODAL_TEXT),
        "blocks": blocks,
    }


def build_pulse_info_modal(lang: str, text: str, *, title_key: str = "pulse.modal_title") -> dict[str, Any]:
    """A modal with one message and no submit: thanks, or why the pulse cannot be answered."""
    tr = get_translator(lang)
    return {
        "type": "modal",
        "title": plain(tr.t(title_key), limit=MODAL_TEXT),
        "close": plain(tr.t("common.close"), limit=MODAL_TEXT),
        "blocks": [section(text, block_id="pulse_info")],
    }


def result_blocks(tr: Translator, published: PublishedResult, *, prefix: str, comments: bool) -> list[Block]:
    """A team's published result: n of invited, per question the mean and the distribution, the comments."""
    week = iso_week(published.round_day)[1]
    result = published.result
    if not result.shown:
        return [section(tr.t("pulse.result_hidden", week=week, k=published.k), block_id=f"{prefix}_result")]
    invited = max(published.invited, result.n)
    lines = [tr.t("pulse.result_title", week=week, n=result.n, invited=invited)]
    for stats in result.questions:
        counts = " · ".join(str(count) for count in stats.distribution)
        distribution = tr.t("pulse.distribution", counts=counts)
        lines.append(
            tr.t(
                "pulse.result_line",
                question=short_text(tr, stats.question),
                mean=tr.number(stats.mean),
                distribution=distribution,
            )
        )
    blocks = [section("\n".join(lines), block_id=f"{prefix}_result")]
    if comments and result.comments:
        quoted = "\n".join(f"> {escape(clip(' '.join(c.split()), 280))}" for c in result.comments[:MAX_COMMENTS_SHOWN])
        blocks.append(section(f"{tr.t('pulse.comments_title')}\n{quoted}", block_id=f"{prefix}_comments"))
    return blocks


def pulse_home_blocks(lang: str, home: PulseHome | None) -> list[Block]:
    """The Home section: the open round (with "Svar" while unanswered) and the team's last published result."""
    if home is None:
        return []
    tr = get_translator(lang)
    if home.round_id is not None and home.closes_at is not None:
        state = section(
            tr.t("pulse.home_open", closes=closes_text(tr, home.closes_at, home.zone)),
            block_id="pulse_home_round",
            accessory=answer_button(tr, home.round_id),
        )
    elif home.answered:
        state = section(tr.t("pulse.home_answered"), block_id="pulse_home_round")
    else:
        state = section(tr.t("pulse.home_no_round"), block_id="pulse_home_round")
    blocks: list[Block] = [section(tr.t("pulse.home_title"), block_id="pulse_home"), state]
    if home.last is not None:
        blocks.extend(result_blocks(tr, home.last, prefix="pulse_home", comments=False))
    blocks.append(context(tr.t("pulse.home_privacy", k=home.k), block_id="pulse_home_privacy"))
    return blocks
