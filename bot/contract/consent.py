"""Consent: the manager request DM (Godta / Avslå), answering it, `admin leder`, and team transparency in the
App Home. Rendered in `handlers.blocks.consent`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.contract.common import Message


@dataclass(frozen=True, kw_only=True)
class ManagerRequestDM(Message):
    """To Y: `requester` asks to become their manager (`oneonone`: with 1:1s; `team`: in their team).

    `current_manager` is who Y has now (told if Y accepts); `k` the pulse's anonymity threshold."""

    request_id: str
    requester: str
    kind: str
    current_manager: str | None
    k: int


@dataclass(frozen=True)
class RequestView:
    """An open manager request to the Home's owner: who asks, and for what (`oneonone` or `team`)."""

    request_id: str
    requester: str
    kind: str


@dataclass(frozen=True)
class TeamView:
    """Team transparency in the App Home: the team whose pulse result the owner's manager sees (`manager`,
    `members`, everyone in it), the team the owner leads (`led`), and who has not answered their request yet."""

    k: int
    manager: str | None = None
    members: tuple[str, ...] = ()
    led: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()
    requests: tuple[RequestView, ...] = ()


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NOT_FOUND = "not_found"  # not theirs, already answered, or gone


class AdminProblem(StrEnum):
    NOT_ADMIN = "not_admin"
    SYNTAX = "syntax"
    SAME = "same"
    BOT = "bot"
    DEACTIVATED = "deactivated"
    ALREADY = "already"


@dataclass(frozen=True)
class ConsentResult:
    """What answering a request did, for the reply to the person who answered."""

    lang: str
    outcome: Outcome
    requester: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class AdminResult:
    """What `admin leder` did: a problem, or who became whose manager (and who was before)."""

    lang: str
    problem: AdminProblem | None = None
    manager: str | None = None
    employee: str | None = None
    previous: str | None = None
