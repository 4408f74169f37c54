"""The conversation year: the medarbeidersamtale cycle (`talks`, `planner`) and the prøvetid's extension and
decision reminder (`probation`)."""

from bot.features.year.export import year_export
from bot.features.year.period import CHOOSE, PeriodRef, PeriodReminders, compose_choose
from bot.features.year.planner import INVITE, AnnualInvites, compose_invite, compose_summary
from bot.features.year.probation import DECISION, ProbationDecisions, ProbationService, compose_decision
from bot.features.year.settings import load_period, period_of, save_period
from bot.features.year.talks import SUMMARY, AnnualTalkService
from bot.features.year.views import ProbationRef, TalkRef
from bot.features.year.workspace import YearSettingsService

__all__ = [
    "CHOOSE",
    "DECISION",
    "INVITE",
    "SUMMARY",
    "AnnualInvites",
    "AnnualTalkService",
    "PeriodRef",
    "PeriodReminders",
    "ProbationDecisions",
    "ProbationRef",
    "ProbationService",
    "TalkRef",
    "YearSettingsService",
    "compose_choose",
    "compose_decision",
    "compose_invite",
    "compose_summary",
    "load_period",
    "period_of",
    "save_period",
    "year_export",
]
