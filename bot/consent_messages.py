"""Values for what consent says: the request DM with Godta / Avslå. Rendered in `handlers.blocks.consent`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.messages import Message


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
