"""1:1 builders: the set-up reply, the intro, the nudges (guide for the manager, preparation for the employee),
the follow-up, the moved notice, the annual reminder, and the Home section."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.contract.home import HomeState
from bot.contract.oneonone import (
    AnnualDue,
    MeetingMoved,
    MeetingView,
    OneOnOneFollowUp,
    OneOnOneIntro,
    OneOnOneNudge,
    PairResult,
)
from bot.i18n import Translator, get_translator
from bot.rules.cadence import DEFAULT_TIME, NUDGE_TIME
from bot.rules.conversations import ConversationType, guide_question_keys, life_phase_topics, prep_question_keys
from handlers import ids
from handlers.blocks.kit import Block, actions, button, context, escape, option, section, static_select
from handlers.blocks.tiltak import due_label

MAX_AGENDA_SHOWN = 10


def when(tr: Translator, meeting: MeetingView, zone: str) -> str:
    return tr.datetime(meeting.starts_at, ZoneInfo(zone))


def kind_name(tr: Translator, kind: str) -> str:
    return tr.t(f"guide.{ConversationType(kind).value}.name")


def cadence_name(tr: Translator, cadence: str) -> str:
    return tr.t(f"oneonone.cadence_{cadence}")


def pair_reply_text(result: PairResult) -> str:
    tr = get_translator(result.lang)
    if result.error is not None:
        return tr.t(f"oneonone.error_{result.error.value}", employee=result.employee_id or "", time=DEFAULT_TIME)
    if result.stopped:
        return tr.t("oneonone.stopped", employee=result.employee_id or "")
    if result.pending:
        return tr.t("consent.pending_oneonone", employee=result.employee_id or "")
    assert result.cadence is not None
    return tr.t("oneonone.set_title", employee=result.employee_id or "", cadence=cadence_name(tr, result.cadence))


def build_pair_reply(result: PairResult) -> list[Block]:
    tr = get_translator(result.lang)
    blocks = [section(pair_reply_text(result), block_id="reply")]
    if result.error is None and result.meeting is not None:
        blocks.append(
            section(tr.t("oneonone.next_meeting", when=when(tr, result.meeting, result.zone)), block_id="next")
        )
        if result.probation_checkins:
            days = [tr.date(day) for day in result.probation_checkins]
            listed = (
                tr.t("oneonone.probation_list", rest=", ".join(days[:-1]), last=days[-1]) if len(days) > 1 else days[0]
            )
            text = tr.t("oneonone.probation_set", employee=result.employee_id or "", dates=listed)
            if result.probation_end is not None:
                text += "\n" + tr.t("oneonone.probation_end", end=tr.date(result.probation_end))
            blocks.append(section(text, block_id="probation"))
        blocks.append(
            context(
                tr.t("oneonone.set_explain", employee=result.employee_id or "", time=NUDGE_TIME),
                block_id=ids.BLOCK_FOOTER,
            )
        )
    return blocks


def build_intro(message: OneOnOneIntro) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    text = tr.t(
        "oneonone.intro",
        manager=message.manager_id,
        cadence=cadence_name(tr, message.cadence),
        when=when(tr, message.meeting, message.zone),
    )
    return text, [section(text, block_id="intro"), context(tr.t("oneonone.intro_explain"), block_id="explain")]


def _agenda_blocks(tr: Translator, meeting: MeetingView) -> list[Block]:
    items = meeting.agenda[:MAX_AGENDA_SHOWN]
    lines = [tr.t("oneonone.agenda_item", text=escape(item.text), author=item.author_id) for item in items]
    body = "\n".join(lines) if lines else tr.t("oneonone.agenda_empty")
    heading = tr.t("oneonone.agenda_heading", count=len(meeting.agenda))
    return [
        section(
            f"{heading}\n{body}",
            block_id="agenda",
            accessory=button(tr.t("oneonone.agenda_button"), action_id=ids.ONEONONE_AGENDA, value=str(meeting.pair_id)),
        )
    ]


def _type_picker(tr: Translator, meeting: MeetingView) -> Block:
    options = [option(kind_name(tr, kind), kind.value) for kind in ConversationType]
    return section(
        tr.t("oneonone.type_label"),
        block_id=f"meeting:{meeting.meeting_id}",
        accessory=static_select(
            action_id=ids.ONEONONE_TYPE,
            placeholder=tr.t("oneonone.type_label"),
            options=options,
            initial_value=meeting.kind,
        ),
    )


def life_phase_blocks(tr: Translator, kind: ConversationType, *, intro_key: str) -> list[Block]:
    """The optional life-phase topics of a medarbeidersamtale: a heading, then one section per phase."""
    phases = life_phase_topics(kind)
    if not phases:
        return []
    blocks: list[Block] = [section(f"*{tr.t('guide.life.title')}*\n_{tr.t(intro_key)}_", block_id="life")]
    for phase in phases:
        topics = "\n".join(f"• {tr.t(key)}" for key in phase.topic_keys)
        blocks.append(section(f"*{tr.t(phase.name_key)}*\n{topics}", block_id=f"life:{phase.phase}"))
    return blocks


def _is_tomorrow(message: OneOnOneNudge) -> bool:
    """Whether the meeting is the day after the nudge (not so on a Friday for Monday, or before a holiday)."""
    if message.today is None:
        return True
    return message.meeting.starts_at.astimezone(ZoneInfo(message.zone)).date() == message.today + timedelta(days=1)


def _assessment_blocks(tr: Translator, kind: ConversationType) -> list[Block]:
    """The manager's own assessment in a prøvetid check-in: written down early, so nothing comes as a surprise."""
    if kind is not ConversationType.PROBATION:
        return []
    questions = "\n".join(f"• {tr.t(f'guide.probation.assess_{n}')}" for n in (1, 2, 3))
    return [section(f"*{tr.t('guide.probation.assess_title')}*\n{questions}", block_id="assessment")]


def build_nudge(message: OneOnOneNudge) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    meeting = message.meeting
    moment = when(tr, meeting, message.zone)
    is_manager = message.recipient == meeting.manager_id
    kind = ConversationType(meeting.kind)
    soon = None
    if not _is_tomorrow(message):
        other = meeting.employee_id if is_manager else meeting.manager_id
        soon = tr.t("oneonone.nudge_soon", other=other, when=moment)
    if is_manager:
        text = soon or tr.t("oneonone.nudge_manager", employee=meeting.employee_id, when=moment)
        questions = "\n".join(f"• {tr.t(key)}" for key in guide_question_keys(kind))
        heading = tr.t("oneonone.guide_heading", name=kind_name(tr, kind))
        blocks: list[Block] = [
            section(text, block_id="intro"),
            _type_picker(tr, meeting),
            section(f"{heading}\n_{tr.t(f'guide.{kind.value}.intro')}_\n{questions}", block_id="guide"),
            *_assessment_blocks(tr, kind),
            *life_phase_blocks(tr, kind, intro_key="guide.life.intro"),
            context(tr.t(f"guide.{kind.value}.after"), block_id="guide_after"),
        ]
        if message.open_tiltak:
            today = message.today or meeting.starts_at.date()
            lines = "\n".join(
                f"• *#{t.number}* {escape(t.text[:200])} – {due_label(tr, t.due_date, today)}"
                for t in message.open_tiltak[:10]
            )
            blocks.append(section(f"{tr.t('oneonone.open_tiltak_heading')}\n{lines}", block_id="open_tiltak"))
        else:
            blocks.append(context(tr.t("oneonone.open_tiltak_none"), block_id="open_tiltak"))
    else:
        text = soon or tr.t("oneonone.nudge_employee", manager=meeting.manager_id, when=moment)
        prep = "\n".join(f"• {tr.t(key)}" for key in prep_question_keys())
        blocks = [
            section(text, block_id="intro"),
            section(f"{tr.t('oneonone.prep_heading')}\n{prep}", block_id="prep"),
            *life_phase_blocks(tr, kind, intro_key="guide.life.prep_intro"),
        ]
    blocks.extend(_agenda_blocks(tr, meeting))
    blocks.append(context(tr.t("guide.privacy_note"), block_id=ids.BLOCK_FOOTER))
    return text, blocks


def build_follow_up(message: OneOnOneFollowUp) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    meeting = message.meeting
    text = tr.t("oneonone.followup", employee=meeting.employee_id, when=when(tr, meeting, message.zone))
    value = str(meeting.meeting_id)
    return text, [
        section(text, block_id="intro"),
        context(tr.t("oneonone.followup_hint"), block_id="hint"),
        actions(
            button(tr.t("oneonone.button_held"), action_id=ids.ONEONONE_HELD, value=value, style="primary"),
            button(tr.t("oneonone.button_move"), action_id=ids.ONEONONE_MOVE, value=value),
            button(tr.t("oneonone.button_not_held"), action_id=ids.ONEONONE_NOT_HELD, value=value),
            block_id=ids.BLOCK_ACTIONS,
        ),
    ]


def build_moved(message: MeetingMoved) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    meeting = message.meeting
    other = meeting.employee_id if message.recipient == meeting.manager_id else meeting.manager_id
    key = "oneonone.moved_holiday" if message.reason == "holiday" else "oneonone.moved_manual"
    text = tr.t(key, other=other, when=when(tr, meeting, message.zone))
    return text, [section(text, block_id="intro")]


def build_annual_due(message: AnnualDue) -> tuple[str, list[Block]]:
    text = get_translator(message.lang).t("oneonone.annual_due", employee=message.employee_id)
    return text, [section(text, block_id="intro")]


def oneonone_home_blocks(state: HomeState) -> list[Block]:
    tr = get_translator(state.lang)
    blocks: list[Block] = [section(tr.t("oneonone.home_title"), block_id="oneonone_home")]
    if not state.meetings:
        blocks.append(context(tr.t("oneonone.home_none"), block_id="oneonone_home_none"))
    for meeting in state.meetings[:10]:
        other = meeting.employee_id if state.user_id == meeting.manager_id else meeting.manager_id
        line = tr.t(
            "oneonone.home_line",
            when=when(tr, meeting, state.zone),
            other=other,
            kind=kind_name(tr, meeting.kind),
            count=len(meeting.agenda),
        )
        blocks.append(
            section(
                line,
                block_id=f"oneonone_home:{meeting.pair_id}",
                accessory=button(
                    tr.t("oneonone.agenda_button"), action_id=ids.ONEONONE_AGENDA, value=str(meeting.pair_id)
                ),
            )
        )
    return blocks
