"""Small typed constructors for Block Kit objects, so builders read like the message they make.

They leave keys out instead of setting them to None (the schema rejects null) and cut text to Slack's limits.
"""

from __future__ import annotations

from typing import Any

from bot.i18n import Translator

Block = dict[str, Any]

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
BUTTON_LIMIT = 75


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plain(text: str, *, limit: int = SECTION_LIMIT) -> dict[str, Any]:
    return {"type": "plain_text", "text": clip(text, limit), "emoji": True}


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": clip(text, SECTION_LIMIT)}


def header(text: str, *, block_id: str) -> Block:
    return {"type": "header", "block_id": block_id, "text": plain(text, limit=HEADER_LIMIT)}


def section(text: str, *, block_id: str, accessory: dict[str, Any] | None = None) -> Block:
    block: Block = {"type": "section", "block_id": block_id, "text": mrkdwn(text)}
    if accessory is not None:
        block["accessory"] = accessory
    return block


def context(*texts: str, block_id: str) -> Block:
    return {"type": "context", "block_id": block_id, "elements": [mrkdwn(t) for t in texts[:10]]}


def divider(*, block_id: str) -> Block:
    return {"type": "divider", "block_id": block_id}


def button(
    text: str, *, action_id: str, value: str | None = None, style: str | None = None, url: str | None = None
) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "button", "text": plain(text, limit=BUTTON_LIMIT), "action_id": action_id}
    if value is not None:
        element["value"] = value
    if style is not None:
        element["style"] = style
    if url is not None:
        element["url"] = url
    return element


def actions(*elements: dict[str, Any], block_id: str) -> Block:
    return {"type": "actions", "block_id": block_id, "elements": list(elements)}


def option(text: str, value: str) -> dict[str, Any]:
    return {"text": plain(text, limit=75), "value": value}


def static_select(
    *, action_id: str, placeholder: str, options: list[dict[str, Any]], initial_value: str | None = None
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "static_select",
        "action_id": action_id,
        "placeholder": plain(placeholder, limit=150),
        "options": options,
    }
    initial = next((o for o in options if o["value"] == initial_value), None)
    if initial is not None:
        element["initial_option"] = initial
    return element


def escape(text: str) -> str:
    """User text inside mrkdwn: `&`, `<` and `>` must be escaped or Slack reads them as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def confirm(*, title: str, text: str, yes: str, no: str, style: str = "danger") -> dict[str, Any]:
    return {
        "title": plain(title, limit=100),
        "text": plain(text, limit=300),
        "confirm": plain(yes, limit=30),
        "deny": plain(no, limit=30),
        "style": style,
    }


def datepicker(*, action_id: str, initial: str | None = None, placeholder: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "datepicker", "action_id": action_id}
    if initial is not None:
        element["initial_date"] = initial
    if placeholder is not None:
        element["placeholder"] = plain(placeholder, limit=150)
    return element


def week_label(tr: Translator, week: int) -> str:
    """`uke 49` / `veke 49` / `week 49`: a round or a trend point by its ISO week, in the reader's language."""
    return f"{tr.t('common.week')} {week}"
