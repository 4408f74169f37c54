"""What a `bot.contract.common.Message` becomes before it is sent: Block Kit plus the plain-text fallback."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RenderedMessage:
    """A message ready for `chat.postMessage`.

    `text` is the notification and screen-reader fallback and must not be empty (Slack shows it in push
    notifications; slack_sdk warns when it is missing). `blocks` may be empty for a text-only message; at most
    50 blocks per message.
    """

    text: str
    blocks: list[dict[str, Any]]


@dataclass(frozen=True)
class RenderedFile:
    """A file ready for `files_upload_v2`: a chart as PNG bytes, with a title and alt text for screen readers."""

    filename: str
    content: bytes
    title: str
    alt_text: str
