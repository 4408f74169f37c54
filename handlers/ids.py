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
