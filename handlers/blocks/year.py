"""The medarbeidersamtale and the prøvetid: replies, DMs and modals (pure functions of `bot.contract.year`)."""

from __future__ import annotations

from typing import Any

from bot.contract.year import (
    AnnualInvite,
    PeriodResult,
    PlanRow,
    ProbationDecision,
    ProbationResult,
    SummaryToConfirm,
    TalkGuide,
    TalkResult,
    TalkView,
)
from bot.i18n import Translator, get_translator
from bot.rules.annual import SCORED_THEMES, SCORES, SUMMARY_ROWS, TEXT_LIMIT, TEXT_THEMES
from bot.rules.conversations import ConversationType, guide_question_keys
from handlers import ids
from handlers.blocks.kit import Block, actions, button, context, escape, option, plain, section
from handlers.blocks.oneonone import life_phase_blocks

TITLE = 24


def period_text(tr: Translator, first: int, last: int) -> str:
    if first == last:
        return tr.t(f"year.month_{first}")
    return tr.t("year.period", first=tr.t(f"year.month_{first}"), last=tr.t(f"year.month_{last}"))


def talk_reply_text(result: TalkResult) -> str:
    tr = get_translator(result.lang)
    if result.error is not None:
        return tr.t(f"year.error_{result.error.value}", employee=result.employee_id or "", period="")
    if result.shared:
        return tr.t("year.shared_reply")
    if result.confirmed:
        return tr.t("year.confirmed_reply")
    if result.summary_sent:
        return tr.t("year.summary_sent", employee=result.employee_id or "")
    assert result.talk is not None
    talk = result.talk
    if result.invite_on is not None:
        text = tr.t(
            "year.scheduled", employee=talk.employee_id, date=tr.date(talk.talk_date), invite=tr.date(result.invite_on)
        )
        return text if result.in_period else f"{text}\n{tr.t('year.outside_period')}"
    return tr.t("year.saved_reply")


def probation_reply_text(result: ProbationResult) -> str:
    tr = get_translator(result.lang)
    if result.error is not None:
        end = tr.date(result.end) if result.end is not None else ""
        return tr.t(f"year.probation_error_{result.error.value}", employee=result.employee_id or "", end=end)
    assert result.end is not None
    assert result.decision_on is not None
    return tr.t(
        "year.probation_extended",
        employee=result.employee_id or "",
        end=tr.date(result.end),
        decision=tr.date(result.decision_on),
    )


def period_reply_text(result: PeriodResult) -> str:
    tr = get_translator(result.lang)
    period = period_text(tr, result.first, result.last)
    if result.error is not None:
        return tr.t(f"year.error_{result.error.value}", period=period, employee="")
    return tr.t("year.period_set", period=period)


def _rows(tr: Translator, rows: tuple[PlanRow, ...]) -> str:
    return "\n".join(f"• {escape(row.text)} – {tr.t('year.by', date=tr.date(row.due))}" for row in rows)


def plan_blocks(tr: Translator, talk: TalkView, *, block_prefix: str) -> list[Block]:
    """The goals and tiltak of a written summary."""
    blocks: list[Block] = []
    if talk.goals:
        blocks.append(
            section(f"*{tr.t('year.goals_heading')}*\n{_rows(tr, talk.goals)}", block_id=f"{block_prefix}goals")
        )
    if talk.tiltak:
        blocks.append(
            section(f"*{tr.t('year.tiltak_heading')}*\n{_rows(tr, talk.tiltak)}", block_id=f"{block_prefix}tiltak")
        )
    return blocks


def build_invite(message: AnnualInvite) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    talk = message.talk
    value = str(talk.talk_id)
    if message.recipient == talk.manager_id:
        text = tr.t("year.invite_manager", employee=talk.employee_id, date=tr.date(talk.talk_date))
        buttons = [
            button(tr.t("year.open_guide"), action_id=ids.YEAR_GUIDE, value=value, style="primary"),
            button(tr.t("year.write_summary"), action_id=ids.YEAR_SUMMARY, value=value),
        ]
        explain = tr.t("year.invite_manager_explain", employee=talk.employee_id)
    else:
        text = tr.t("year.invite_employee", manager=talk.manager_id, date=tr.date(talk.talk_date))
        buttons = [
            button(tr.t("year.prepare"), action_id=ids.YEAR_PREPARE, value=value, style="primary"),
            button(tr.t("year.share"), action_id=ids.YEAR_SHARE, value=value),
        ]
        explain = tr.t("year.invite_employee_explain")
    return text, [
        section(text, block_id=ids.BLOCK_INTRO),
        context(explain, block_id="explain"),
        actions(*buttons, block_id=ids.BLOCK_ACTIONS),
        context(tr.t("guide.privacy_note"), block_id=ids.BLOCK_FOOTER),
    ]


def build_summary_dm(message: SummaryToConfirm) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    talk = message.talk
    text = tr.t("year.summary_dm", manager=talk.manager_id, date=tr.date(talk.talk_date))
    return text, [
        section(text, block_id=ids.BLOCK_INTRO),
        *plan_blocks(tr, talk, block_prefix="plan_"),
        actions(
            button(tr.t("year.confirm"), action_id=ids.YEAR_CONFIRM, value=str(talk.talk_id), style="primary"),
            block_id=ids.BLOCK_ACTIONS,
        ),
        context(tr.t("year.summary_dm_explain"), block_id=ids.BLOCK_FOOTER),
    ]


def build_decision(message: ProbationDecision) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    key = "year.decision_extended" if message.extended else "year.decision"
    text = tr.t(key, employee=message.employee_id, end=tr.date(message.end))
    questions = "\n".join(f"• {tr.t(f'guide.probation.assess_{n}')}" for n in (1, 2, 3))
    return text, [
        section(text, block_id=ids.BLOCK_INTRO),
        section(f"*{tr.t('guide.probation.assess_title')}*\n{questions}", block_id="assessment"),
        context(tr.t("year.decision_explain"), block_id=ids.BLOCK_FOOTER),
    ]


def _modal(tr: Translator, callback_id: str, title_key: str, blocks: list[Block], talk_id: int) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "private_metadata": str(talk_id),
        "title": plain(tr.t(title_key), limit=TITLE),
        "close": plain(tr.t("common.close"), limit=TITLE),
        "blocks": blocks[:100],
    }


def _input(block_id: str, label: str, element: dict[str, Any]) -> Block:
    return {
        "type": "input",
        "block_id": block_id,
        "label": plain(label, limit=2000),
        "element": element,
        "optional": True,
    }


def _previous_blocks(tr: Translator, guide: TalkGuide) -> list[Block]:
    previous = guide.previous
    if previous is None or not (previous.goals or previous.tiltak):
        return [context(tr.t("year.no_previous"), block_id="previous")]
    heading = tr.t("year.previous_heading", date=tr.date(previous.talk_date))
    return [
        section(f"*{heading}*\n_{tr.t('year.reached_question')}_", block_id="previous"),
        *plan_blocks(tr, previous, block_prefix="previous_"),
    ]


def _theme_label(tr: Translator, theme: str) -> str:
    return tr.t(f"year.theme_{theme}")


def build_guide_modal(guide: TalkGuide) -> dict[str, Any]:
    """The manager's guide: last year's agreed plan ("Nådde vi målene?"), the shared preparation, the questions."""
    tr = get_translator(guide.lang)
    talk = guide.talk
    blocks: list[Block] = [
        section(tr.t("year.guide_intro", employee=talk.employee_id, date=tr.date(talk.talk_date)), block_id="intro"),
        *_previous_blocks(tr, guide),
    ]
    if talk.prep_shared and talk.prep:
        lines = []
        for answer in talk.prep:
            score = f" ({answer.score}/5)" if answer.score is not None else ""
            text = f": {escape(answer.text[:300])}" if answer.text else ""
            lines.append(f"• *{_theme_label(tr, answer.theme)}*{score}{text}")
        blocks.append(section(f"*{tr.t('year.prep_shared_heading')}*\n" + "\n".join(lines), block_id="prep"))
    else:
        blocks.append(context(tr.t("year.prep_not_shared"), block_id="prep"))
    kind = ConversationType.ANNUAL
    questions = "\n".join(f"• {tr.t(key)}" for key in guide_question_keys(kind))
    blocks.append(section(f"*{tr.t('guide.annual.name')}*\n{questions}", block_id="guide"))
    blocks.extend(life_phase_blocks(tr, kind, intro_key="guide.life.intro"))
    blocks.append(context(tr.t("guide.privacy_note"), block_id=ids.BLOCK_FOOTER))
    return _modal(tr, ids.YEAR_GUIDE_MODAL, "year.guide_title", blocks, talk.talk_id)


def _text_input(initial: str, *, multiline: bool = True) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": ids.INPUT,
        "multiline": multiline,
        "max_length": TEXT_LIMIT,
    }
    if initial:
        element["initial_value"] = initial
    return element


def build_prep_modal(guide: TalkGuide) -> dict[str, Any]:
    """The employee's preparation: a 1–5 score and a comment per theme, free text for goals and more/less/keep.
    Saved as a draft only the employee sees."""
    tr = get_translator(guide.lang)
    talk = guide.talk
    draft = {answer.theme: answer for answer in talk.prep}
    blocks: list[Block] = [
        section(tr.t("year.prep_intro", manager=talk.manager_id, date=tr.date(talk.talk_date)), block_id="intro"),
        *_previous_blocks(tr, guide),
    ]
    scores = [option(tr.t(f"year.score_{n}"), str(n)) for n in SCORES]
    for theme in SCORED_THEMES:
        answer = draft.get(theme)
        select: dict[str, Any] = {
            "type": "static_select",
            "action_id": ids.INPUT,
            "placeholder": plain(tr.t("year.score_placeholder"), limit=150),
            "options": scores,
        }
        if answer is not None and answer.score is not None:
            select["initial_option"] = scores[answer.score - 1]
        blocks.append(_input(ids.prep_block(theme, "score"), _theme_label(tr, theme), select))
        blocks.append(
            _input(
                ids.prep_block(theme, "text"), tr.t("year.comment_label"), _text_input(answer.text if answer else "")
            )
        )
    for theme in TEXT_THEMES:
        answer = draft.get(theme)
        blocks.append(
            _input(ids.prep_block(theme, "text"), _theme_label(tr, theme), _text_input(answer.text if answer else ""))
        )
    blocks.extend(life_phase_blocks(tr, ConversationType.ANNUAL, intro_key="guide.life.prep_intro"))
    blocks.append(context(tr.t("year.prep_private"), block_id=ids.BLOCK_FOOTER))
    view = _modal(tr, ids.YEAR_PREP_MODAL, "year.prep_title", blocks, talk.talk_id)
    view["submit"] = plain(tr.t("year.save_draft"), limit=TITLE)
    return view


def build_summary_modal(guide: TalkGuide) -> dict[str, Any]:
    """The manager writes the plan: up to three goals and three tiltak, each with a date."""
    tr = get_translator(guide.lang)
    talk = guide.talk
    blocks: list[Block] = [section(tr.t("year.summary_intro", employee=talk.employee_id), block_id="intro")]
    for kind, rows in (("goal", talk.goals), ("tiltak", talk.tiltak)):
        for row in range(1, SUMMARY_ROWS + 1):
            current = rows[row - 1] if row <= len(rows) else None
            blocks.append(
                _input(
                    ids.summary_block(kind, "text", row),
                    tr.t(f"year.summary_{kind}_label", n=row),
                    _text_input(current.text if current else "", multiline=False),
                )
            )
            picker: dict[str, Any] = {"type": "datepicker", "action_id": ids.INPUT}
            if current is not None:
                picker["initial_date"] = current.due.isoformat()
            blocks.append(_input(ids.summary_block(kind, "due", row), tr.t("year.summary_due_label", n=row), picker))
    blocks.append(context(tr.t("year.summary_private"), block_id=ids.BLOCK_FOOTER))
    view = _modal(tr, ids.YEAR_SUMMARY_MODAL, "year.summary_title", blocks, talk.talk_id)
    view["submit"] = plain(tr.t("year.send_summary"), limit=TITLE)
    return view
