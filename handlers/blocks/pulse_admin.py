"""Pulse builders for managers and admins: `/oppfolging puls`, the team replies, and the settings modal."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from bot.contract.pulse import PulseStatus
from bot.contract.pulse_admin import PulseSettings, SettingsField, SettingsForm, SettingsResult, TeamResult
from bot.i18n import Translator, get_translator
from bot.rules.anonymity import MIN_K
from bot.rules.calendar import iso_week
from bot.rules.closures import Closure, WeekClosure
from bot.rules.pulse import ANCHOR, CLOSE_TIME, EARLIEST_OPEN, EPOCH, LATEST_OPEN, Frequency
from handlers import ids
from handlers.blocks.kit import Block, actions, button, context, header, option, plain, section, static_select
from handlers.blocks.pulse import answer_button, closes_text, result_blocks
from handlers.ids import (
    HALF_DAYS_BLOCK,
    HALF_DAYS_OFF,
    PULSE_CLOSURES_BLOCK,
    PULSE_FREQUENCY_BLOCK,
    PULSE_K_BLOCK,
    PULSE_SETTINGS,
    PULSE_SETTINGS_MODAL,
    PULSE_TIME_BLOCK,
    PULSE_WEEKDAY_BLOCK,
)

MODAL_TEXT = 24
K_CHOICES = tuple(range(MIN_K, 11))
FIELD_BLOCKS = {
    SettingsField.FREQUENCY: PULSE_FREQUENCY_BLOCK,
    SettingsField.WEEKDAY: PULSE_WEEKDAY_BLOCK,
    SettingsField.TIME: PULSE_TIME_BLOCK,
    SettingsField.K: PULSE_K_BLOCK,
    SettingsField.CLOSURES: PULSE_CLOSURES_BLOCK,
    SettingsField.HALF_DAYS: HALF_DAYS_BLOCK,
}
"""The modal block each settings field lives in (where its error goes)."""


def _mentions(users: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"<@{user}>" for user in users)


def closure_text(tr: Translator, closure: Closure) -> str:
    """A closure as the settings read it back, with the week word in the reader's language ("veke 28-30")."""
    if not isinstance(closure, WeekClosure):
        return closure.to_text()
    weeks = str(closure.first) if closure.first == closure.last else f"{closure.first}-{closure.last}"
    return f"{tr.t('common.week')} {weeks}"


def weekday_label(tr: Translator, weekday: int) -> str:
    name = tr.weekday(EPOCH + timedelta(days=weekday))
    return name[:1].upper() + name[1:]


def build_pulse_status(status: PulseStatus) -> list[Block]:
    """The reply to `/oppfolging puls`: the round, the caller's own part, their team, and (admins) the total."""
    tr = get_translator(status.lang)
    blocks: list[Block] = [header(tr.t("pulse.status_title"), block_id=ids.BLOCK_HEADER)]
    if status.current is not None:
        round_line = tr.t("pulse.status_round_open", closes=closes_text(tr, status.current.closes_at, status.zone))
    elif status.next_round is not None:
        round_line = tr.t("pulse.status_next", date=tr.date(status.next_round))
    else:
        round_line = tr.t("pulse.status_no_next")
    blocks.append(section(round_line, block_id="pulse_round"))
    mine = status.mine
    if mine is not None and mine.round_id is not None and mine.closes_at is not None:
        text = tr.t("pulse.mine_open", closes=closes_text(tr, mine.closes_at, mine.zone))
        blocks.append(section(text, block_id="pulse_mine", accessory=answer_button(tr, mine.round_id)))
    elif mine is not None and mine.answered:
        blocks.append(section(tr.t("pulse.mine_answered"), block_id="pulse_mine"))
    if status.team_size == 0:
        if mine is None:
            blocks.append(section(tr.t("pulse.status_no_team"), block_id="pulse_team"))
        elif mine.last is not None:
            blocks.extend(result_blocks(tr, mine.last, prefix="pulse_mine", comments=False))
    elif status.team_size < status.k:
        blocks.append(
            section(tr.t("pulse.status_team_small", count=status.team_size, k=status.k), block_id="pulse_team")
        )
    else:
        lines = [tr.t("pulse.status_team", count=status.team_size)]
        if status.answered is not None:
            percent = round(100 * status.answered / status.team_size)
            lines.append(tr.t("pulse.status_rate", answered=status.answered, size=status.team_size, percent=percent))
        blocks.append(section("\n".join(lines), block_id="pulse_team"))
    if status.last is not None:
        blocks.extend(result_blocks(tr, status.last, prefix="pulse_last", comments=True))
    if len(status.trend) > 1:
        points = " → ".join(tr.number(point.mean) for point in status.trend)
        blocks.append(context(tr.t("pulse.trend", points=points), block_id="pulse_trend"))
    if status.workspace is not None:
        total = status.workspace
        week = iso_week(total.round_day)[1]
        anchor = total.result.question(ANCHOR)
        if total.result.shown and anchor is not None:
            text = tr.t("pulse.workspace_title", week=week, count=total.result.n, mean=tr.number(anchor.mean))
        else:
            text = tr.t("pulse.workspace_hidden", week=week)
        blocks.append(section(text, block_id="pulse_workspace"))
    if status.admin:
        blocks.append(actions(button(tr.t("pulse.settings_button"), action_id=PULSE_SETTINGS), block_id="pulse_admin"))
    return blocks


def team_reply_text(result: TeamResult) -> str:
    """The reply to `team`, `team legg-til` and `team fjern`: what happened to each person, then the team."""
    tr = get_translator(result.lang)
    if result.error is not None:
        return tr.t(f"pulse.team_{result.error.value}")
    lines: list[str] = []
    if result.asked:
        lines.append(tr.t("consent.team_asked", users=_mentions(result.asked)))
    if result.already:
        lines.append(tr.t("pulse.team_already", users=_mentions(result.already)))
    if result.removed:
        lines.append(tr.t("pulse.team_removed", users=_mentions(result.removed)))
    for user, problem in result.refused:
        lines.append(tr.t(f"pulse.team_refused_{problem.value}", user=f"<@{user}>"))
    if result.members:
        lines.append(tr.t("pulse.team_members", count=len(result.members), users=_mentions(result.members)))
        enough = len(result.members) >= result.k
        lines.append(tr.t("pulse.team_pulse_ok") if enough else tr.t("pulse.team_small", k=result.k))
    else:
        lines.append(tr.t("pulse.team_empty"))
    return "\n".join(lines)


def _times(current: time) -> list[str]:
    minutes = range(EARLIEST_OPEN.hour * 60, LATEST_OPEN.hour * 60 + 1, 30)
    values = {f"{m // 60:02d}:{m % 60:02d}" for m in minutes} | {current.strftime("%H:%M")}
    return sorted(values)


def _select(block_id: str, label: str, options: list[dict[str, Any]], initial: str, hint: str | None = None) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label, limit=2000),
        "element": static_select(action_id=ids.INPUT, placeholder=label, options=options, initial_value=initial),
    }
    if hint is not None:
        block["hint"] = plain(hint, limit=2000)
    return block


def _half_days_input(tr: Translator, half_days_off: bool) -> Block:
    """The checkbox for julaften and nyttårsaften; unticked means they are ordinary working days."""
    off = option(tr.t("pulse.settings_half_days_option"), HALF_DAYS_OFF)
    element: dict[str, Any] = {"type": "checkboxes", "action_id": ids.INPUT, "options": [off]}
    if half_days_off:
        element["initial_options"] = [off]
    return {
        "type": "input",
        "block_id": HALF_DAYS_BLOCK,
        "optional": True,
        "label": plain(tr.t("pulse.settings_half_days"), limit=2000),
        "hint": plain(tr.t("pulse.settings_half_days_hint"), limit=2000),
        "element": element,
    }


def build_settings_modal(form: SettingsForm) -> dict[str, Any]:
    """The admin modal: frequency, day, time, k, closures and the half-days, filled in with the current settings."""
    tr = get_translator(form.lang)
    settings = form.settings or PulseSettings()
    schedule = settings.schedule
    frequencies = [option(tr.t(f"pulse.frequency_{f.value}"), f.value) for f in Frequency]
    weekdays = [option(weekday_label(tr, day), str(day)) for day in range(5)]
    times = [option(tr.time(time.fromisoformat(value)), value) for value in _times(schedule.at)]
    ks = [option(str(k), str(k)) for k in sorted({*K_CHOICES, settings.k})]
    blocks: list[Block] = [
        _select(PULSE_FREQUENCY_BLOCK, tr.t("pulse.settings_frequency"), frequencies, schedule.frequency.value),
        _select(PULSE_WEEKDAY_BLOCK, tr.t("pulse.settings_weekday"), weekdays, str(schedule.weekday)),
        _select(PULSE_TIME_BLOCK, tr.t("pulse.settings_time"), times, schedule.at.strftime("%H:%M")),
        _select(PULSE_K_BLOCK, tr.t("pulse.settings_k"), ks, str(settings.k), hint=tr.t("pulse.settings_k_hint")),
    ]
    if form.locked_k is not None:
        blocks.append(context(tr.t("pulse.settings_k_locked", k=form.locked_k), block_id="pulse_k_locked"))
    closures = "\n".join(closure_text(tr, closure) for closure in schedule.closures)
    closures_element: dict[str, Any] = {"type": "plain_text_input", "action_id": ids.INPUT, "multiline": True}
    if closures:
        closures_element["initial_value"] = closures
    blocks.append(
        {
            "type": "input",
            "block_id": PULSE_CLOSURES_BLOCK,
            "optional": True,
            "label": plain(tr.t("pulse.settings_closures"), limit=2000),
            "hint": plain(tr.t("pulse.settings_closures_hint"), limit=2000),
            "element": closures_element,
        }
    )
    blocks.append(_half_days_input(tr, settings.half_days_off))
    blocks.append(context(tr.t("pulse.settings_schedule_hint", time=CLOSE_TIME), block_id=ids.BLOCK_FOOTER))
    return {
        "type": "modal",
        "callback_id": PULSE_SETTINGS_MODAL,
        "title": plain(tr.t("pulse.settings_title"), limit=MODAL_TEXT),
        "submit": plain(tr.t("common.save"), limit=MODAL_TEXT),
        "close": plain(tr.t("common.cancel"), limit=MODAL_TEXT),
        "blocks": blocks,
    }


def settings_saved_text(result: SettingsResult) -> str:
    tr = get_translator(result.lang)
    if not result.allowed:
        return tr.t("pulse.settings_not_admin")
    assert result.settings is not None
    schedule = result.settings.schedule
    closures = ", ".join(closure_text(tr, c) for c in schedule.closures) or tr.t("pulse.settings_no_closures")
    lines = [
        tr.t(
            "pulse.settings_saved",
            frequency=tr.t(f"pulse.phrase_{schedule.frequency.value}"),
            weekday=tr.weekday(EPOCH + timedelta(days=schedule.weekday)),
            time=tr.time(schedule.at),
            k=result.settings.k,
            closures=closures,
        ),
    ]
    lines.append(
        tr.t("pulse.settings_half_days_on" if result.settings.half_days_off else "pulse.settings_half_days_off")
    )
    if result.round_open:
        lines.append(tr.t("pulse.settings_round_keeps"))
    if result.k_waits is not None:
        lines.append(tr.t("pulse.settings_k_waits", k=result.k_waits))
    return "\n".join(lines)


def settings_errors(result: SettingsResult) -> dict[str, str]:
    """The modal errors, one per field, for `ack(response_action="errors")`."""
    tr = get_translator(result.lang)
    return {
        FIELD_BLOCKS[field]: tr.t(
            f"pulse.settings_error_{problem.code}", line=problem.detail, earliest=EARLIEST_OPEN, latest=LATEST_OPEN
        )
        for field, problem in result.problems.items()
    }
