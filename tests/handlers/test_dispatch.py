"""The slash command has one dispatch: every value `parse_command` can return has exactly one handler."""

from __future__ import annotations

import typing

from handlers.commands import COMMANDS
from handlers.parsing import Command


def test_every_parsed_command_has_a_handler() -> None:
    kinds = set(typing.get_args(Command))
    assert kinds, "Command should be a union of the parsed values"
    assert kinds == set(COMMANDS)
