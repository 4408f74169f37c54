"""Every Slack identifier in one place: the command, events, action, view and block ids.

Builders put these into Block Kit and `handlers.register` routes on the same constants, so an id is never
spelled twice. `tests/contracts/test_manifest.py` checks the manifest declares `COMMAND` and `EVENTS`.
"""

from __future__ import annotations

from typing import Final

COMMAND: Final = "/oppfolging"
EVENTS: Final = ("app_home_opened",)

# App Home
HOME_LANGUAGE: Final = "home.language"
HOME_PAUSE: Final = "home.pause"
HOME_RESUME: Final = "home.resume"
HOME_HELP: Final = "home.help"

# Block ids that several builders share
BLOCK_HEADER: Final = "header"
BLOCK_INTRO: Final = "intro"
BLOCK_ACTIONS: Final = "actions"
BLOCK_FOOTER: Final = "footer"

# Tiltak
TILTAK_DONE: Final = "tiltak.done"
TILTAK_POSTPONE: Final = "tiltak.postpone"
TILTAK_CANCEL: Final = "tiltak.cancel"
TILTAK_NEW: Final = "tiltak.new"
TILTAK_MODAL: Final = "tiltak.modal"
TILTAK_TEXT_BLOCK: Final = "tiltak_text"
TILTAK_OWNER_BLOCK: Final = "tiltak_owner"
TILTAK_DUE_BLOCK: Final = "tiltak_due"
TILTAK_NOTE_BLOCK: Final = "tiltak_note"
INPUT: Final = "value"
# Block ids of a tiltak's rows carry its id: "tiltak:<id>" (actions) and "tiltak:<id>:text".
TILTAK_BLOCK_PREFIX: Final = "tiltak:"


def tiltak_block(tiltak_id: int, part: str = "") -> str:
    return f"{TILTAK_BLOCK_PREFIX}{tiltak_id}" + (f":{part}" if part else "")


def tiltak_id_from_block(block_id: str) -> int | None:
    """The tiltak id in a block id made by `tiltak_block`, or None when it is not one (a forged payload)."""
    if not block_id.startswith(TILTAK_BLOCK_PREFIX):
        return None
    head = block_id[len(TILTAK_BLOCK_PREFIX) :].split(":", 1)[0]
    return int(head) if head.isdigit() else None
