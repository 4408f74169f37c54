"""1:1s: a pair's cadence (`pairs`), its meetings, agenda and follow-up (`meetings`), and their outbox kinds
(`planner`)."""

from bot.features.oneonone.common import HELD, PLANNED, cadence_of, meeting_view
from bot.features.oneonone.meetings import MeetingService
from bot.features.oneonone.pairs import OneOnOneService

__all__ = ["HELD", "PLANNED", "MeetingService", "OneOnOneService", "cadence_of", "meeting_view"]
