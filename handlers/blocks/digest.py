"""Digest builders: the channel digest (counts and the pulse, never a name), the manager's own DM, the shared
update, the "bot not in channel" notice, the share form, and the replies to `digest #kanal`."""

from __future__ import annotations

from typing import Any

from bot.contract.digest import (
    ChannelOutcome,
    ChannelResult,
    DigestBlocked,
    ManagerDigest,
    PulseDigest,
    ShareResult,
    TeamCounts,
    TeamDigest,
    TeamUpdateShared,
)
from bot.i18n import Translator, get_translator
from bot.rules.digest import DIGEST_TIME
from handlers import ids
from handlers.blocks.kit import (
    Block,
    actions,
    button,
    clip,
    context,
    divider,
    escape,
    header,
    plain,
    section,
    week_label,
)
from handlers.blocks.oneonone import when
from handlers.blocks.tiltak import tiltak_rows

TITLE = 24


def _pulse_blocks(tr: Translator, pulse: PulseDigest | None) -> list[Block]:
    if pulse is None:
        return [context(tr.t("digest.pulse_none"), block_id="pulse")]
    lines = [tr.t("digest.pulse_heading", round=week_label(tr, pulse.round_week))]
    if pulse.suppressed:
        lines.append(tr.t("digest.pulse_suppressed"))
    else:
        if pulse.answered is not None and pulse.invited is not None:
            lines.append(tr.t("digest.pulse_rate", answered=pulse.answered, invited=pulse.invited))
        for line in pulse.questions:
            if line.mean is None:
                continue
            question = tr.t(f"{line.key}.short") if _has(tr, f"{line.key}.short") else tr.t(line.key)
            question = question.rstrip(".")
            if line.change is None:
                lines.append(tr.t("digest.pulse_line_new", question=question, mean=tr.number(line.mean)))
            else:
                lines.append(
                    tr.t(
                        "digest.pulse_line", question=question, mean=tr.number(line.mean), change=tr.change(line.change)
                    )
                )
    return [section("\n".join(lines), block_id="pulse")]


def _has(tr: Translator, key: str) -> bool:
    try:
        tr.t(key)
    except KeyError:
        return False
    return True


def _count_blocks(tr: Translator, counts: TeamCounts | None, k: int) -> list[Block]:
    """Team-level counts only: nothing about overdue 1:1s or tiltak (the manager's DM has those), and no counts at
    all for a team smaller than k."""
    if counts is None:
        return [context(tr.t("digest.counts_small", k=k), block_id="counts")]
    oneonone = tr.t("digest.oneonone_line_team", held=counts.oneonone_held, planned=counts.oneonone_planned)
    tiltak = tr.t("digest.tiltak_line_team", open=counts.tiltak_open, done=counts.tiltak_done_week)
    return [
        section(tr.t("digest.oneonone_heading") + "\n" + oneonone, block_id="oneonone"),
        section(tr.t("digest.tiltak_heading") + "\n" + tiltak, block_id="tiltak"),
        context(tr.t("digest.private_note"), block_id="counts"),
    ]


def build_team_digest(message: TeamDigest) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    counts = message.counts
    title = tr.t("digest.org_title" if message.org else "digest.title", week=message.week)
    blocks: list[Block] = [header(title, block_id=ids.BLOCK_HEADER)]
    blocks += _pulse_blocks(tr, message.pulse)
    blocks.append(divider(block_id="counts_divider"))
    blocks.extend(_count_blocks(tr, counts, message.k))
    if message.shared_last_week:
        blocks.append(context(tr.t("digest.shared_note"), block_id="shared"))
    if not message.org:
        blocks.append(
            actions(
                button(tr.t("digest.share_button"), action_id=ids.DIGEST_SHARE, value=message.manager_id),
                block_id=ids.BLOCK_ACTIONS,
            )
        )
    blocks.append(context(tr.t("digest.footer"), block_id=ids.BLOCK_FOOTER))
    return title, blocks


def build_manager_digest(message: ManagerDigest) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    title = tr.t("digest.manager_title", week=message.week)
    blocks: list[Block] = [section(title, block_id="intro")]
    if message.overdue_meetings:
        lines = [
            tr.t("digest.manager_meeting_line", when=when(tr, meeting, message.zone), employee=meeting.employee_id)
            for meeting in message.overdue_meetings[:10]
        ]
        blocks.append(section(tr.t("digest.manager_meetings") + "\n" + "\n".join(lines), block_id="meetings"))
    if message.overdue_tiltak:
        blocks.append(section(tr.t("digest.manager_tiltak"), block_id="tiltak_heading"))
        for view in message.overdue_tiltak[:12]:
            blocks += tiltak_rows(tr, view, message.today)
    return title, blocks


def build_shared_update(message: TeamUpdateShared) -> tuple[str, list[Block]]:
    tr = get_translator(message.lang)
    intro = tr.t("digest.shared_dm", manager=message.manager_id)
    quoted = "\n".join(f"> {line}" for line in escape(clip(message.text, 2800)).splitlines())
    return intro, [section(intro, block_id="intro"), section(quoted, block_id="update")]


def build_blocked(message: DigestBlocked) -> tuple[str, list[Block]]:
    text = get_translator(message.lang).t("digest.blocked_dm", channel=message.channel_id)
    return text, [section(text, block_id="intro")]


def channel_reply_text(result: ChannelResult) -> str:
    tr = get_translator(result.lang)
    channel = result.channel_id or ""
    match result.outcome:
        case ChannelOutcome.SET:
            return tr.t("digest.hr_set" if result.org else "digest.set", channel=channel, time=DIGEST_TIME)
        case ChannelOutcome.BLOCKED:
            return tr.t("digest.set_blocked", channel=channel, time=DIGEST_TIME)
        case ChannelOutcome.NOT_FOUND:
            return tr.t("digest.set_not_found")
        case ChannelOutcome.NOT_ADMIN:
            return tr.t("digest.hr_not_admin")
        case ChannelOutcome.NO_CHANNEL:
            return tr.t("digest.error_channel")


def share_reply_text(result: ShareResult) -> str:
    tr = get_translator(result.lang)
    if result.error == "no_team":
        return tr.t("digest.share_no_team")
    if result.error == "not_yours":
        return tr.t("digest.share_not_yours")
    if result.error is not None:
        return tr.t("digest.share_empty")
    return tr.t("digest.share_done", count=result.sent_to)


def build_share_modal(*, lang: str) -> dict[str, Any]:
    tr = get_translator(lang)
    return {
        "type": "modal",
        "callback_id": ids.DIGEST_SHARE_MODAL,
        "title": plain(tr.t("digest.share_title"), limit=TITLE),
        "submit": plain(tr.t("digest.share_submit"), limit=TITLE),
        "close": plain(tr.t("common.cancel"), limit=TITLE),
        "blocks": [
            section(tr.t("digest.share_intro"), block_id="intro"),
            {
                "type": "input",
                "block_id": ids.DIGEST_SHARE_BLOCK,
                "label": plain(tr.t("digest.share_label"), limit=2000),
                "element": {
                    "type": "plain_text_input",
                    "action_id": ids.INPUT,
                    "multiline": True,
                    "max_length": 3000,
                    "placeholder": plain(tr.t("digest.share_placeholder"), limit=150),
                },
            },
        ],
    }
