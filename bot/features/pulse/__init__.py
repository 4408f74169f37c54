"""The weekly pulse: answering (`answers`), rounds and their outbox kinds (`rounds`), published results
(`results`), teams and settings (`admin`, `settings`)."""

from bot.features.pulse.admin import PulseSettingsService, TeamService
from bot.features.pulse.answers import PulseService
from bot.features.pulse.results import PulseResults
from bot.features.pulse.settings import load_pulse_settings

__all__ = ["PulseResults", "PulseService", "PulseSettingsService", "TeamService", "load_pulse_settings"]
