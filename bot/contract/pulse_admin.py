"""Teams and pulse settings: what admins and managers see and change."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.rules.anonymity import DEFAULT_K
from bot.rules.pulse import PulseSchedule


class SettingsField(StrEnum):
    FREQUENCY = "frequency"
    WEEKDAY = "weekday"
    TIME = "time"
    K = "k"
    CLOSURES = "closures"
    HALF_DAYS = "half_days"


@dataclass(frozen=True)
class PulseSettings:
    """The admin's settings: the pulse's rhythm and k, the closures, and whether julaften and nyttårsaften are
    working days for scheduled messages (`half_days_off`, kept apart from the pulse's own JSON)."""

    schedule: PulseSchedule = field(default_factory=PulseSchedule)
    k: int = DEFAULT_K
    half_days_off: bool = True

    def to_json(self) -> dict[str, Any]:
        """The pulse part, as stored under `workspace.settings["pulse"]`."""
        return {
            "frequency": self.schedule.frequency.value,
            "weekday": self.schedule.weekday,
            "time": self.schedule.at.strftime("%H:%M"),
            "k": self.k,
            "closures": [closure.to_text() for closure in self.schedule.closures],
        }


@dataclass(frozen=True)
class SettingsDraft:
    """What an admin submitted, as typed or picked (None: left empty)."""

    frequency: str | None = None
    weekday: str | None = None
    time: str | None = None
    k: str | None = None
    closures: str | None = None
    half_days_off: bool | None = None  # the checkbox; None when the form had none (an older view): the default


@dataclass(frozen=True)
class Problem:
    """Why a field was refused: a catalog key suffix and, for closures, the line that could not be read."""

    code: str
    detail: str = ""


class TeamProblem(StrEnum):
    NO_MENTION = "no_mention"
    SELF = "self"
    BOT = "bot"
    DEACTIVATED = "deactivated"
    YOUR_MANAGER = "your_manager"
    NOT_IN_TEAM = "not_in_team"


@dataclass(frozen=True)
class TeamResult:
    """The caller's team after the change, and what happened to each person mentioned."""

    lang: str
    members: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()  # a request went to each; they join when they accept
    already: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    refused: tuple[tuple[str, TeamProblem], ...] = ()
    k: int = DEFAULT_K
    error: TeamProblem | None = None


@dataclass(frozen=True)
class SettingsForm:
    lang: str
    allowed: bool
    settings: PulseSettings | None = None
    locked_k: int | None = None  # the open round's k, when it has answers and so keeps it


@dataclass(frozen=True)
class SettingsResult:
    lang: str
    allowed: bool = True
    settings: PulseSettings | None = None
    problems: Mapping[SettingsField, Problem] = field(default_factory=dict)
    k_waits: int | None = None  # the open round keeps this k; the new one applies from the next round
    round_open: bool = False
