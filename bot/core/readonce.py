"""Read once per sweep's planning: a person or a workspace's settings that several planners ask for is read from
the database by the first and handed to the rest (`bot.core.persons.load_view`,
`bot.core.workspace_settings.stored_settings`).

`OutboxService.plan` runs the planners inside `read_once()`. No planner changes a person or a workspace's
settings, so what the first read stays true for the others; outside `read_once` every call reads as stored.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_MEMO: ContextVar[dict[Hashable, object] | None] = ContextVar("read_once", default=None)


@contextmanager
def read_once() -> Iterator[None]:
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def recalled(key: Hashable, kind: type[T]) -> T | None:
    """What was read under `key` in this `read_once`, if anything (None outside one)."""
    memo = _MEMO.get()
    found = None if memo is None else memo.get(key)
    return found if isinstance(found, kind) else None


def remembered(key: Hashable, value: T) -> T:
    """`value`, kept under `key` for the rest of this `read_once` (if inside one)."""
    memo = _MEMO.get()
    if memo is not None:
        memo[key] = value
    return value
