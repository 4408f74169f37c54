"""Tiltak builders: the confirmation, the list with its buttons, the reminder and change DMs, the modal."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.contract.tiltak import TiltakChanged, TiltakCreated, TiltakError, TiltakReminder, TiltakResult, TiltakView
from bot.i18n import Translator, get_translator
from bot.rules.due import REMINDER_TIME, DueState, due_state
from handlers import ids
from handlers.blocks.kit import (
    Block,
    actions,
    button,
    confirm,
    context,
    datepicker,
    escape,
    header,
    plain,
    section,
)

MAX_LISTED = 12  # 3 blocks each: well inside 50 blocks per message with the header and footer
MODAL_TEXT = 24


def user_text(text: str, limit: int) -> str:
    """A person's text escaped for mrkdwn, cut to `limit` after escaping (escaping makes it longer) and never
    inside an entity such as `&lt;`, which Slack would show as it is."""
    escaped = escape(text)
    if len(escaped) <= limit:
        return escaped
    cut = escaped[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"


def due_label(tr: Translator, due: date, today: date) -> str:
    state = due_state(due, today)
    key = {DueState.UPCOMING: "due_upcoming", DueState.DUE_TODAY: "due_today", DueState.OVERDUE: "due_overdue"}
    return tr.t(f"tiltak.{key[state]}", date=tr.date(due))


def _people(tr: Translator, view: TiltakView) -> str:
    parts = [tr.t("tiltak.line_owner", user=view.owner_id)]
    if view.counterpart_id is not None:
        parts.append(tr.t("tiltak.line_counterpart", user=view.counterpart_id))
    return "  ·  ".join(parts)


def tiltak_actions(tr: Translator, view: TiltakView) -> Block:
    value = str(view.id)
    return actions(
        button(tr.t("tiltak.button_done"), action_id=ids.TILTAK_DONE, value=value, style="primary"),
        datepicker(
            action_id=ids.TILTAK_POSTPONE,
            initial=view.due_date.isoformat(),
            placeholder=tr.t("tiltak.button_postpone"),
        ),
        {
            **button(tr.t("tiltak.button_cancel"), action_id=ids.TILTAK_CANCEL, value=value),
            "confirm": confirm(
                title=tr.t("tiltak.cancel_confirm_title"),
                text=tr.t("tiltak.cancel_confirm_text"),
                yes=tr.t("tiltak.cancel_confirm_yes"),
                no=tr.t("tiltak.cancel_confirm_no"),
            ),
        },
        block_id=ids.tiltak_block(view.id),
    )


def tiltak_rows(tr: Translator, view: TiltakView, today: date) -> list[Block]:
    """One tiltak: its text, deadline and people, and its buttons."""
    text = tr.t("tiltak.number_and_text", number=view.number, text=user_text(view.text, 2800))
    return [
        section(text, block_id=ids.tiltak_block(view.id, "text")),
        context(due_label(tr, view.due_date, today), _people(tr, view), block_id=ids.tiltak_block(view.id, "meta")),
        tiltak_actions(tr, view),
    ]


def build_tiltak_list(*, lang: str, today: date, items: list[TiltakView]) -> list[Block]:
    tr = get_translator(lang)
    blocks: list[Block] = [header(tr.t("tiltak.list_title"), block_id=ids.BLOCK_HEADER)]
    if not items:
        blocks.append(section(tr.t("tiltak.list_empty"), block_id="empty"))
    for view in items[:MAX_LISTED]:
        blocks.extend(tiltak_rows(tr, view, today))
    if len(items) > MAX_LISTED:
        blocks.append(context(tr.t("tiltak.list_more", count=len(items) - MAX_LISTED), block_id="more"))
    blocks.append(context(tr.t("tiltak.list_hint"), block_id=ids.BLOCK_FOOTER))
    return blocks


def build_created_reply(result: TiltakResult) -> list[Block]:
    tr = get_translator(result.lang)
    view = result.tiltak
    assert view is not None
    lines = [
        tr.t("tiltak.created_title", number=view.number),
        f"> {user_text(view.text, 2000)}",
        tr.t("tiltak.line_due", date=tr.date(view.due_date)),
        _people(tr, view),
    ]
    follow = (
        tr.t("tiltak.created_for_other", owner=view.owner_id, time=REMINDER_TIME)
        if view.counterpart_id is not None
        else tr.t("tiltak.created_own", time=REMINDER_TIME)
    )
    return [section("\n".join(lines), block_id="created"), context(follow, block_id=ids.BLOCK_FOOTER)]


def error_text(result: TiltakResult) -> str:
    tr = get_translator(result.lang)
    assert result.error is not None
    if result.error == TiltakError.DATE_AMBIGUOUS and result.suggestion is not None:
        return tr.t("tiltak.error_ambiguous", **day_month_hint(tr, result.suggestion))
    if result.error == TiltakError.DATE_AMBIGUOUS:
        return tr.t("tiltak.error_unparseable")
    return tr.t(f"tiltak.error_{result.error.value}", user=result.subject or "", number=result.number or "")


def day_month_hint(tr: Translator, day_month: tuple[int, int]) -> dict[str, str]:
    """The parameters of "Mente du 1. februar? Skriv 1.2": the date in words and as it should be typed."""
    day, month = day_month
    return {"suggestion": tr.day_month(day, month), "example": f"{day}.{month}"}


def change_text(result: TiltakResult) -> str:
    tr = get_translator(result.lang)
    view = result.tiltak
    assert view is not None
    assert result.change is not None
    return tr.t(f"tiltak.{result.change.value}_reply", number=view.number, date=tr.date(view.due_date))


def _quoted(view: TiltakView) -> Block:
    return section(f"> {user_text(view.text, 2800)}", block_id=ids.tiltak_block(view.id, "text"))


def build_reminder(message: TiltakReminder) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    view = message.tiltak
    if message.overdue:
        intro = tr.t("tiltak.reminder_overdue", number=view.number, date=tr.date(view.due_date))
    elif message.today == view.due_date:
        intro = tr.t("tiltak.reminder_due_today", number=view.number, date=tr.date(view.due_date))
    else:
        intro = tr.t("tiltak.reminder_due", number=view.number, date=tr.date(view.due_date))
    if message.recipient == view.owner_id:
        role = (
            tr.t("tiltak.role_owner_with", other=view.counterpart_id)
            if view.counterpart_id
            else tr.t("tiltak.role_owner_alone")
        )
    else:
        role = tr.t("tiltak.role_counterpart", other=view.owner_id)
    blocks = [section(intro, block_id="intro"), _quoted(view), context(role, block_id="role"), tiltak_actions(tr, view)]
    return intro, blocks


def build_created_dm(message: TiltakCreated) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    view = message.tiltak
    intro = tr.t("tiltak.dm_created", by=message.by)
    blocks = [
        section(intro, block_id="intro"),
        _quoted(view),
        context(tr.t("tiltak.line_due", date=tr.date(view.due_date)), _people(tr, view), block_id="meta"),
        tiltak_actions(tr, view),
    ]
    return intro, blocks


def build_changed_dm(message: TiltakChanged) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    view = message.tiltak
    old = tr.date(message.old_due) if message.old_due is not None else ""
    text = tr.t(f"tiltak.dm_{message.change}", by=message.by, number=view.number, old=old, date=tr.date(view.due_date))
    return text, [section(text, block_id="intro"), _quoted(view)]


def build_tiltak_modal(*, lang: str, owner_id: str) -> dict[str, Any]:
    tr = get_translator(lang)
    return {
        "type": "modal",
        "callback_id": ids.TILTAK_MODAL,
        "private_metadata": lang,  # so a slow save can say "saving" in the right language before the ack
        "title": plain(tr.t("tiltak.modal_title"), limit=MODAL_TEXT),
        "submit": plain(tr.t("tiltak.modal_submit"), limit=MODAL_TEXT),
        "close": plain(tr.t("common.cancel"), limit=MODAL_TEXT),
        "blocks": [
            {
                "type": "input",
                "block_id": ids.TILTAK_TEXT_BLOCK,
                "label": plain(tr.t("tiltak.modal_text_label"), limit=2000),
                "element": {
                    "type": "plain_text_input",
                    "action_id": ids.INPUT,
                    "multiline": True,
                    "max_length": 3000,
                    "placeholder": plain(tr.t("tiltak.modal_text_placeholder"), limit=150),
                },
            },
            {
                "type": "input",
                "block_id": ids.TILTAK_OWNER_BLOCK,
                "label": plain(tr.t("tiltak.modal_owner_label"), limit=2000),
                "element": {"type": "users_select", "action_id": ids.INPUT, "initial_user": owner_id},
            },
            {
                "type": "input",
                "block_id": ids.TILTAK_DUE_BLOCK,
                "label": plain(tr.t("tiltak.modal_due_label"), limit=2000),
                "element": {"type": "datepicker", "action_id": ids.INPUT},
            },
            {
                "type": "input",
                "block_id": ids.TILTAK_NOTE_BLOCK,
                "optional": True,
                "label": plain(tr.t("tiltak.modal_note_label"), limit=2000),
                "element": {"type": "plain_text_input", "action_id": ids.INPUT, "multiline": True, "max_length": 3000},
            },
            context(tr.t("tiltak.modal_privacy"), block_id=ids.BLOCK_FOOTER),
        ],
    }


def build_saved_modal(result: TiltakResult) -> dict[str, Any]:
    tr = get_translator(result.lang)
    return {
        "type": "modal",
        "title": plain(tr.t("tiltak.modal_saved_title"), limit=MODAL_TEXT),
        "close": plain(tr.t("common.close"), limit=MODAL_TEXT),
        "blocks": build_created_reply(result),
    }


def tiltak_home_blocks(*, lang: str, today: date, items: tuple[TiltakView, ...]) -> list[Block]:
    """The Home section: open tiltak with their buttons, and "Nytt tiltak" (a Home view holds 100 blocks)."""
    tr = get_translator(lang)
    blocks: list[Block] = [
        section(
            tr.t("tiltak.home_title"),
            block_id="tiltak_home",
            accessory=button(tr.t("tiltak.home_new"), action_id=ids.TILTAK_NEW, value="new"),
        )
    ]
    if not items:
        blocks.append(context(tr.t("tiltak.home_empty"), block_id="tiltak_home_empty"))
    for view in items[:MAX_LISTED]:
        blocks.extend(tiltak_rows(tr, view, today))
    if len(items) > MAX_LISTED:
        blocks.append(context(tr.t("tiltak.list_more", count=len(items) - MAX_LISTED), block_id="tiltak_home_more"))
    return blocks


ERRORS_ON_MODAL = {
    TiltakError.EMPTY_TEXT: ids.TILTAK_TEXT_BLOCK,
    TiltakError.TEXT_TOO_LONG: ids.TILTAK_TEXT_BLOCK,
    TiltakError.OWNER_IS_BOT: ids.TILTAK_OWNER_BLOCK,
    TiltakError.OWNER_DEACTIVATED: ids.TILTAK_OWNER_BLOCK,
}
"""Which modal field a creation error belongs to; every date error goes on the deadline field."""
