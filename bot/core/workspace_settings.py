"""A workspace's stored settings (the `workspace.settings` JSON), read once per sweep's planning.

Each feature keeps its part of the settings under its own key and reads it through its own loader (pulse, year,
sick leave, retention, the working calendar). Inside `bot.core.readonce.read_once` the planners of one sweep,
each in its own transaction, share one read of the row; outside it every call reads as stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.readonce import recalled, remembered
from storage.models import Workspace


@dataclass(frozen=True)
class _Stored:
    values: Mapping[str, Any]


async def stored_settings(session: AsyncSession, *, team_id: str) -> Mapping[str, Any]:
    """The workspace's settings as stored, read-only; empty when it has none (reading creates nothing)."""
    if (found := recalled(("settings", team_id), _Stored)) is not None:
        return found.values
    workspace = await session.get(Workspace, team_id)
    values = MappingProxyType(dict(workspace.settings)) if workspace is not None else MappingProxyType({})
    return remembered(("settings", team_id), _Stored(values)).values
