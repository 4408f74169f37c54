"""Delivery: messages that failed for good, and why (`/oppfolging status`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class FailedItem:
    area: str  # tiltak, oneonone, pulse, digest or notice
    recipient_type: str
    recipient_id: str
    day: date
    why: str  # a `bot.rules.delivery.failure_group`


@dataclass(frozen=True)
class DeliveryStatus:
    lang: str
    scope: str  # "self", "team" or "workspace"
    failed: tuple[FailedItem, ...]
    waiting: int
