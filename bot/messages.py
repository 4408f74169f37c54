"""Domain values for what the bot says, rendered to Block Kit at the edge (`handlers.render`).

Services build these; they hold plain values only (ids, dates, catalog keys), never Block Kit. Each feature adds
its own message types here or in its own module, plus a renderer in `handlers/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, kw_only=True)
class Message:
    """Base of every outgoing message: `lang` is the recipient's language (nb, nn or en)."""

    lang: str


@dataclass(frozen=True, kw_only=True)
class Notice(Message):
    """A short message made of one catalog entry: `key` and its `params`."""

    key: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class HomeState:
    """Everything the App Home shows for one person. Feature issues add sections."""

    lang: str
    user_id: str
    paused: bool = False
    paused_until: date | None = None
    language_chosen: bool = False
