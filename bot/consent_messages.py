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
