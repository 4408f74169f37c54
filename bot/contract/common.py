"""What every outgoing message shares: its recipient's language; and the one-entry notice."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, kw_only=True)
class Message:
    """Base of every outgoing message: `lang` is the recipient's language (nb, nn or en)."""

    lang: str


@dataclass(frozen=True, kw_only=True)
class Notice(Message):
    """A short message made of one catalog entry: `key` and its `params`."""

    key: str
    params: dict[str, str] = field(default_factory=dict)
