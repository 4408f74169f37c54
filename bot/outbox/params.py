"""Typed params of outbox kinds, stored as JSON in the row: the one place they are written and read back.

Each kind's params are a frozen dataclass that subclasses `Params`. Fields may be `int`, `str`, `bool`, `date`,
`datetime`, `dict[str, str]`, or any of these `| None`. Dates and instants are written as ISO 8601 and read back
here, never by a composer; a field that is None is left out, and a missing field takes its default, so rows
written before a field existed still read.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Self, Union, get_args, get_origin, get_type_hints


class ParamsError(ValueError):
    """Stored params that do not fit the kind's dataclass."""


@dataclasses.dataclass(frozen=True)
class Params:
    """Base of every kind's params."""

    def encode(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            if value is None:
                continue
            out[item.name] = value.isoformat() if isinstance(value, date) else value
        return out

    @classmethod
    def decode(cls, data: Mapping[str, Any]) -> Self:
        hints = get_type_hints(cls)
        values: dict[str, Any] = {}
        for item in dataclasses.fields(cls):
            if item.name not in data or data[item.name] is None:
                continue
            values[item.name] = _read(hints[item.name], data[item.name], item.name)
        try:
            return cls(**values)
        except TypeError as error:
            raise ParamsError(f"{cls.__name__}: {error}") from error


def _read(kind: Any, raw: Any, name: str) -> Any:
    if get_origin(kind) in (Union, types.UnionType):
        kind = next(arg for arg in get_args(kind) if arg is not type(None))
    if get_origin(kind) is dict:
        if not isinstance(raw, Mapping):
            raise ParamsError(f"{name}: expected an object")
        return {str(k): str(v) for k, v in raw.items()}
    if kind is datetime:
        return datetime.fromisoformat(str(raw))
    if kind is date:
        return date.fromisoformat(str(raw))
    if kind is bool:
        return bool(raw)
    if kind is int:
        return int(raw)
    if kind is str:
        return str(raw)
    raise ParamsError(f"{name}: unsupported type {kind!r}")
