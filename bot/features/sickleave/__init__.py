"""The opt-in sick-leave follow-up: recording (`service`), the milestone reminders and clean-up (`planner`), and
the workspace switch (`settings`)."""

from bot.features.sickleave.export import sickleave_export
from bot.features.sickleave.planner import MILESTONE, MilestoneRef, SickLeaveMilestones, compose_milestone
from bot.features.sickleave.service import DONE, NOT_NEEDED, SickLeaveService
from bot.features.sickleave.settings import SickLeaveSettings, load_sickleave_settings, save_sickleave_settings

__all__ = [
    "DONE",
    "MILESTONE",
    "NOT_NEEDED",
    "MilestoneRef",
    "SickLeaveMilestones",
    "SickLeaveService",
    "SickLeaveSettings",
    "compose_milestone",
    "load_sickleave_settings",
    "save_sickleave_settings",
    "sickleave_export",
]
