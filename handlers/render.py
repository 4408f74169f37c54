"""Turn the services' message values into Slack messages: one builder per message type, in one table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.contract.common import Message, Notice
from bot.contract.consent import ManagerRequestDM
from bot.contract.digest import DigestBlocked, ManagerDigest, TeamDigest, TeamUpdateShared
from bot.contract.oneonone import AnnualDue, MeetingMoved, OneOnOneFollowUp, OneOnOneIntro, OneOnOneNudge
from bot.contract.privacy import DataExport
from bot.contract.pulse import PulseInvite
from bot.contract.sickleave import MilestoneReminder
from bot.contract.tiltak import TiltakChanged, TiltakCreated, TiltakReminder
from bot.contract.year import AnnualInvite, ChooseTalkDate, ProbationDecision, SummaryToConfirm
from handlers.blocks.consent import build_request_dm
from handlers.blocks.digest import build_blocked, build_manager_digest, build_shared_update, build_team_digest
from handlers.blocks.notice import build_notice
from handlers.blocks.oneonone import build_annual_due, build_follow_up, build_intro, build_moved, build_nudge
from handlers.blocks.privacy import build_data_export
from handlers.blocks.pulse import build_pulse_dm
from handlers.blocks.sickleave import build_milestone
from handlers.blocks.tiltak import build_changed_dm, build_created_dm, build_reminder
from handlers.blocks.year import build_decision, build_invite, build_summary_dm
from handlers.blocks.year_settings import build_choose_date
from handlers.rendering import RenderedMessage

Builder = Callable[[Any], tuple[str, list[dict[str, Any]]]]

# Keyed by the `says` column of the job table (`schedules/jobs.py`), and the export DM sent right away
# (`bot.features.privacy.export`); a TrendChart is drawn by `handlers.charts`.
BUILDERS: dict[type[Message], Builder] = {
    Notice: build_notice,
    ManagerRequestDM: build_request_dm,
    PulseInvite: build_pulse_dm,
    TiltakReminder: build_reminder,
    TiltakCreated: build_created_dm,
    TiltakChanged: build_changed_dm,
    OneOnOneIntro: build_intro,
    OneOnOneNudge: build_nudge,
    OneOnOneFollowUp: build_follow_up,
    MeetingMoved: build_moved,
    AnnualDue: build_annual_due,
    TeamDigest: build_team_digest,
    ManagerDigest: build_manager_digest,
    TeamUpdateShared: build_shared_update,
    DigestBlocked: build_blocked,
    DataExport: build_data_export,
    AnnualInvite: build_invite,
    SummaryToConfirm: build_summary_dm,
    ProbationDecision: build_decision,
    MilestoneReminder: build_milestone,
    ChooseTalkDate: build_choose_date,
}


def render_message(message: Message) -> RenderedMessage:
    builder = BUILDERS.get(type(message))
    if builder is None:
        raise TypeError(f"no builder for {type(message).__name__}")
    text, blocks = builder(message)
    return RenderedMessage(text=text, blocks=blocks)
