"""1:1 modals: the shared agenda, the follow-up form (up to three tiltak), moving a meeting."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.contract.oneonone import MeetingView
from bot.i18n import get_translator
from handlers import ids
from handlers.blocks.kit import Block, clip, context, option, plain, section
from handlers.blocks.oneonone import MAX_AGENDA_SHOWN, when

TITLE = 24


def _modal(lang: str, callback_id: str, title_key: str, blocks: list[Block], metadata: str) -> dict[str, Any]:
    tr = get_translator(lang)
    return {
        "type": "modal",
        "callback_id": callback_id,
        "private_metadata": metadata,
        "title": plain(tr.t(title_key), limit=TITLE),
        "submit": plain(tr.t("oneonone.save"), limit=TITLE),
        "close": plain(tr.t("common.cancel"), limit=TITLE),
        "blocks": blocks,
    }


def _input(block_id: str, label: str, element: dict[str, Any], *, optional: bool = False) -> Block:
    block: Block = {"type": "input", "block_id": block_id, "label": plain(label, limit=2000), "element": element}
    if optional:
        block["optional"] = True
    return block


def build_agenda_modal(*, lang: str, meeting: MeetingView, viewer: str, zone: str) -> dict[str, Any]:
    tr = get_translator(lang)
    other = meeting.employee_id if viewer == meeting.manager_id else meeting.manager_id
    blocks: list[Block] = [
        section(tr.t("oneonone.agenda_modal_intro", other=other, when=when(tr, meeting, zone)), block_id="intro")
    ]
    items = meeting.agenda[:MAX_AGENDA_SHOWN]
    if items:
        options = [option(clip(item.text, 75), str(item.id)) for item in items]
        blocks.append(
            _input(
                ids.AGENDA_DONE_BLOCK,
                tr.t("oneonone.agenda_done_label"),
                {"type": "checkboxes", "action_id": ids.INPUT, "options": options},
                optional=True,
            )
        )
    blocks.append(
        _input(
            ids.AGENDA_NEW_BLOCK,
            tr.t("oneonone.agenda_new_label"),
            {
                "type": "plain_text_input",
                "action_id": ids.INPUT,
                "max_length": 500,
                "placeholder": plain(tr.t("oneonone.agenda_new_placeholder"), limit=150),
            },
            optional=True,
        )
    )
    blocks.append(context(tr.t("guide.privacy_note"), block_id=ids.BLOCK_FOOTER))
    return _modal(lang, ids.ONEONONE_AGENDA_MODAL, "oneonone.agenda_modal_title", blocks, str(meeting.pair_id))


def build_held_modal(*, lang: str, meeting: MeetingView) -> dict[str, Any]:
    tr = get_translator(lang)
    blocks: list[Block] = [section(tr.t("oneonone.held_modal_intro", employee=meeting.employee_id), block_id="intro")]
    for row in range(1, ids.HELD_ROWS + 1):
        blocks.append(
            _input(
                ids.held_block("text", row),
                tr.t("oneonone.held_text_label", n=row),
                {"type": "plain_text_input", "action_id": ids.INPUT, "max_length": 3000},
                optional=True,
            )
        )
        blocks.append(
            _input(
                ids.held_block("owner", row),
                tr.t("oneonone.held_owner_label", n=row),
                {"type": "users_select", "action_id": ids.INPUT, "initial_user": meeting.employee_id},
                optional=True,
            )
        )
        blocks.append(
            _input(
                ids.held_block("due", row),
                tr.t("oneonone.held_due_label", n=row),
                {"type": "datepicker", "action_id": ids.INPUT},
                optional=True,
            )
        )
    blocks.append(context(tr.t("tiltak.modal_privacy"), block_id=ids.BLOCK_FOOTER))
    return _modal(lang, ids.ONEONONE_HELD_MODAL, "oneonone.held_modal_title", blocks, str(meeting.meeting_id))


def build_move_modal(*, lang: str, meeting: MeetingView, zone: str) -> dict[str, Any]:
    tr = get_translator(lang)
    local = meeting.starts_at.astimezone(ZoneInfo(zone))
    blocks: list[Block] = [
        _input(
            ids.MOVE_DATE_BLOCK,
            tr.t("oneonone.move_date_label"),
            {"type": "datepicker", "action_id": ids.INPUT, "initial_date": local.date().isoformat()},
        ),
        _input(
            ids.MOVE_TIME_BLOCK,
            tr.t("oneonone.move_time_label"),
            {"type": "timepicker", "action_id": ids.INPUT, "initial_time": local.strftime("%H:%M")},
        ),
    ]
    return _modal(lang, ids.ONEONONE_MOVE_MODAL, "oneonone.move_modal_title", blocks, str(meeting.meeting_id))
