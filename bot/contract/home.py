"""The App Home: one person's state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.contract.consent import TeamView
from bot.contract.oneonone import MeetingView
from bot.contract.pulse import PulseHome
from bot.contract.tiltak import TiltakView


@dataclass(frozen=True, kw_only=True)
class HomeState:
    """Everything the App Home shows for one person. Feature issues add sections."""

    lang: str
    user_id: str
    paused: bool = False
    paused_until: date | None = None
    language_chosen: bool = False
    today: date | None = None
    tiltak: tuple[TiltakView, ...] = ()
    meetings: tuple[MeetingView, ...] = ()
    zone: str = "Europe/Oslo"
    pulse: PulseHome | None = None
    team: TeamView | None = None
