"""Block Kit samples of the conversation year and the sick-leave follow-up (see `builder_samples`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from bot.contract.sickleave import (
    MarkResult,
    MilestoneReminder,
    MilestoneView,
    ModuleResult,
    SickLeaveError,
    SickLeaveResult,
)
from bot.contract.year import (
    AnnualInvite,
    ChooseTalkDate,
    PeriodResult,
    PlanRow,
    PrepAnswer,
    ProbationDecision,
    ProbationError,
    ProbationResult,
    SummaryToConfirm,
    TalkGuide,
    TalkResult,
    TalkView,
    YearError,
    YearSettings,
)
from bot.rules.annual import THEMES
from bot.rules.sickleave import NAV_PLAN_URL
from handlers.blocks.me import build_text_reply
from handlers.blocks.modals import build_info_modal
from handlers.blocks.sickleave import (
    build_milestone,
    build_reason_modal,
    mark_reply_text,
    module_reply_text,
    sickleave_reply_text,
)
from handlers.blocks.year import (
    build_decision,
    build_guide_modal,
    build_invite,
    build_prep_modal,
    build_summary_dm,
    build_summary_modal,
    period_reply_text,
    probation_reply_text,
    talk_reply_text,
)
from handlers.blocks.year_settings import build_choose_date, year_settings_blocks

Sample = tuple[str, Callable[[str], Any]]
LONG = "Lang tekst " * 90
ROWS = tuple(PlanRow(LONG, date(2027, 6, 30)) for _ in range(3))
PREP = tuple(PrepAnswer(theme, 5 if i < 5 else None, LONG) for i, theme in enumerate(THEMES))
TALK = TalkView(
    1, "UKARI", "UOLA", date(2026, 12, 15), prep=PREP, prep_saved=True, prep_shared=True, goals=ROWS, tiltak=ROWS
)
PREVIOUS = TalkView(0, "UKARI", "UOLA", date(2025, 12, 15), goals=ROWS, tiltak=ROWS, manager_confirmed=True)
MILESTONE = MilestoneView("dialogue1", date(2027, 1, 28), date(2027, 1, 21), True, "aml § 4-6 (4)")


def _text(text: str) -> list[dict[str, Any]]:
    return build_text_reply(text)


YEAR_SAMPLES: dict[str, Sample] = {
    "year_invite_manager": (
        "message",
        lambda lang: build_invite(AnnualInvite(lang=lang, recipient="UKARI", talk=TALK))[1],
    ),
    "year_invite_employee": (
        "message",
        lambda lang: build_invite(AnnualInvite(lang=lang, recipient="UOLA", talk=TALK))[1],
    ),
    "year_summary_dm": ("message", lambda lang: build_summary_dm(SummaryToConfirm(lang=lang, talk=TALK))[1]),
    "year_decision": (
        "message",
        lambda lang: build_decision(
            ProbationDecision(lang=lang, employee_id="UOLA", end=date(2027, 5, 15), extended=True)
        )[1],
    ),
    "year_guide_modal": ("modal", lambda lang: build_guide_modal(TalkGuide(lang, "UKARI", TALK, PREVIOUS))),
    "year_guide_modal_first": (
        "modal",
        lambda lang: build_guide_modal(TalkGuide(lang, "UKARI", TalkView(2, "UKARI", "UOLA", date(2026, 12, 15)))),
    ),
    "year_prep_modal": ("modal", lambda lang: build_prep_modal(TalkGuide(lang, "UOLA", TALK, PREVIOUS))),
    "year_summary_modal": ("modal", lambda lang: build_summary_modal(TalkGuide(lang, "UKARI", TALK))),
    "year_replies": (
        "message",
        lambda lang: _text(
            "\n".join(
                [
                    talk_reply_text(TalkResult(lang, talk=TALK, invite_on=date(2026, 12, 1), in_period=False)),
                    *(talk_reply_text(TalkResult(lang, error, "UOLA")) for error in YearError),
                    *(
                        probation_reply_text(ProbationResult(lang, e, "UOLA", date(2027, 5, 15)))
                        for e in ProbationError
                    ),
                    probation_reply_text(ProbationResult(lang, None, "UOLA", date(2027, 6, 12), date(2027, 5, 12))),
                    period_reply_text(PeriodResult(lang, None, 10, 11)),
                    period_reply_text(PeriodResult(lang, YearError.BAD_PERIOD, 12, 1)),
                ]
            )[:2900]
        ),
    ),
    "sickleave_milestone": (
        "message",
        lambda lang: build_milestone(
            MilestoneReminder(lang=lang, case_id=1, employee_id="UOLA", milestone=MILESTONE, url=NAV_PLAN_URL)
        )[1],
    ),
    "sickleave_reason_modal": ("modal", lambda lang: build_reason_modal(lang=lang, value="1:plan", milestone="plan")),
    "sickleave_replies": (
        "message",
        lambda lang: _text(
            "\n".join(
                [
                    sickleave_reply_text(
                        SickLeaveResult(lang, None, "UOLA", date(2026, 12, 11), graded=True, milestones=(MILESTONE,))
                    ),
                    sickleave_reply_text(
                        SickLeaveResult(
                            lang, None, "UOLA", date(2026, 12, 11), date(2027, 1, 22), delete_on=date(2027, 5, 22)
                        )
                    ),
                    *(
                        sickleave_reply_text(SickLeaveResult(lang, e, "UOLA", date(2026, 12, 11)))
                        for e in SickLeaveError
                    ),
                    module_reply_text(ModuleResult(lang, None, True)),
                    module_reply_text(ModuleResult(lang, None, False)),
                    mark_reply_text(MarkResult(lang, None, "UOLA", "plan", "done")),
                    mark_reply_text(MarkResult(lang, None, "UOLA", "activity", "not_needed")),
                ]
            )[:2900]
        ),
    ),
}


def _settings_modal(lang: str) -> dict[str, Any]:
    view = build_info_modal(lang, year_settings_blocks(lang, YearSettings(12, 1, True)))
    return {**view, "submit": {"type": "plain_text", "text": "OK"}}


YEAR_SAMPLES["year_settings_blocks"] = ("modal", _settings_modal)
YEAR_SAMPLES["year_choose_date"] = (
    "message",
    lambda lang: build_choose_date(ChooseTalkDate(lang=lang, employee_id="UOLA", first=10, last=11))[1],
)
