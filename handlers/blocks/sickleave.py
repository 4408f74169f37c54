"""The sick-leave follow-up: replies to `fravær` and `admin fravær`, the milestone DM (to the manager only), and
the "ikke nødvendig" reason form. Pure functions of `bot.contract.sickleave`."""

from __future__ import annotations

from typing import Any

from bot.contract.sickleave import MarkResult, MilestoneReminder, ModuleResult, SickLeaveResult
from bot.i18n import Translator, get_translator
from handlers import ids
from handlers.blocks.kit import Block, actions, button, context, plain, section

TITLE = 24


def milestone_name(tr: Translator, milestone: str) -> str:
    return tr.t(f"sickleave.milestone_{milestone}")


def sickleave_reply_text(result: SickLeaveResult) -> str:
    tr = get_translator(result.lang)
    if result.error is not None:
        start = tr.date(result.start) if result.start is not None else ""
        return tr.t(f"sickleave.error_{result.error.value}", employee=result.employee_id or "", start=start)
    if result.end is not None:
        assert result.delete_on is not None
        return tr.t(
            "sickleave.ended",
            employee=result.employee_id or "",
            end=tr.date(result.end),
            delete=tr.date(result.delete_on),
        )
    assert result.start is not None
    key = "sickleave.registered_graded" if result.graded else "sickleave.registered"
    lines = [tr.t(key, employee=result.employee_id or "", start=tr.date(result.start))]
    for milestone in result.milestones:
        name = milestone_name(tr, milestone.milestone)
        if milestone.decide_only:
            name = tr.t("sickleave.milestone_dialogue1_graded")
        lines.append(
            tr.t("sickleave.line", name=name, due=tr.date(milestone.deadline), remind=tr.date(milestone.remind_on))
        )
    lines.append(tr.t("sickleave.registered_explain", employee=result.employee_id or ""))
    return "\n".join(lines)


def module_reply_text(result: ModuleResult) -> str:
    tr = get_translator(result.lang)
    if result.error is not None:
        return tr.t(f"sickleave.error_{result.error.value}", employee="", start="")
    return tr.t("sickleave.module_on" if result.enabled else "sickleave.module_off")


def mark_reply_text(result: MarkResult) -> str:
    tr = get_translator(result.lang)
    if result.error is not None:
        return tr.t(f"sickleave.error_{result.error.value}", employee=result.employee_id or "", start="")
    assert result.milestone is not None
    assert result.status is not None
    return tr.t(
        f"sickleave.marked_{result.status}",
        employee=result.employee_id or "",
        name=milestone_name(tr, result.milestone),
    )


def build_milestone(message: MilestoneReminder) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    milestone = message.milestone
    key = "sickleave.remind_dialogue1_graded" if milestone.decide_only else f"sickleave.remind_{milestone.milestone}"
    text = tr.t(key, employee=message.employee_id, due=tr.date(milestone.deadline))
    value = f"{message.case_id}:{milestone.milestone}"
    return text, [
        section(text, block_id=ids.BLOCK_INTRO),
        context(tr.t("sickleave.source", source=milestone.source), block_id="source"),
        actions(
            button(tr.t("sickleave.mark_done"), action_id=ids.SICKLEAVE_DONE, value=value, style="primary"),
            button(tr.t("sickleave.mark_not_needed"), action_id=ids.SICKLEAVE_NOT_NEEDED, value=value),
            button(tr.t("sickleave.open_nav"), action_id=ids.SICKLEAVE_NAV, url=message.url),
            block_id=ids.BLOCK_ACTIONS,
        ),
        context(tr.t("sickleave.privacy"), block_id=ids.BLOCK_FOOTER),
    ]


def build_reason_modal(*, lang: str, value: str, milestone: str) -> dict[str, Any]:
    tr = get_translator(lang)
    return {
        "type": "modal",
        "callback_id": ids.SICKLEAVE_REASON_MODAL,
        "private_metadata": value,
        "title": plain(tr.t("sickleave.reason_title"), limit=TITLE),
        "submit": plain(tr.t("common.save"), limit=TITLE),
        "close": plain(tr.t("common.cancel"), limit=TITLE),
        "blocks": [
            section(tr.t("sickleave.reason_intro", name=milestone_name(tr, milestone)), block_id="intro"),
            {
                "type": "input",
                "block_id": ids.SICKLEAVE_REASON_BLOCK,
                "label": plain(tr.t("sickleave.reason_label"), limit=2000),
                "element": {"type": "plain_text_input", "action_id": ids.INPUT, "max_length": 300},
            },
            context(tr.t("sickleave.reason_hint"), block_id=ids.BLOCK_FOOTER),
        ],
    }
