"""The shape of a request, checked before any listener runs: a payload Slack would never send (a missing user,
a button value or a picked date that is not a string, modal metadata that is not text) is answered 200 and goes
no further, so a listener never meets it half-way and never fails with a 500 or a traceback.

Only the shape is checked here. What a well-shaped value means is the listeners' and services' business: a date
string that is no date gets an error next to its field in the modal, an unknown tiltak a polite refusal.
Nothing of the payload is logged, only which kind of problem it had.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.response import BoltResponse

logger = logging.getLogger(__name__)

MAX_VALUE = 2000  # Slack's limit for a button or option value
MAX_INPUT = 100_000  # far beyond any input Slack accepts; the services refuse long texts politely
_ID = re.compile(r"[A-Z0-9]{1,32}")


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def _text(value: Any, limit: int) -> bool:
    return value is None or (isinstance(value, str) and len(value) <= limit)


def _option(value: Any) -> bool:
    return value is None or (isinstance(value, dict) and _text(value.get("value"), MAX_VALUE))


def _element(element: Any) -> bool:
    """One action or input value: the fields the app reads have the types Slack gives them."""
    if not isinstance(element, dict):
        return False
    options = element.get("selected_options")
    return (
        _text(element.get("value"), MAX_INPUT)
        and _option(element.get("selected_option"))
        and (options is None or (isinstance(options, list) and all(_option(o) for o in options)))
        and _text(element.get("selected_date"), 32)
        and _text(element.get("selected_time"), 32)
        and (element.get("selected_user") is None or _is_id(element.get("selected_user")))
        and (element.get("selected_users") is None or all(_is_id(u) for u in element.get("selected_users") or [0]))
    )


def _user(body: dict[str, Any]) -> bool:
    user = body.get("user")
    return isinstance(user, dict) and _is_id(user.get("id"))


def _actions(body: dict[str, Any]) -> str | None:
    actions = body.get("actions")
    if not _user(body):
        return "user"
    if not isinstance(actions, list) or not actions:
        return "actions"
    if not all(isinstance(a, dict) and isinstance(a.get("action_id"), str) and _element(a) for a in actions):
        return "action"
    container = body.get("container") or {}
    if not isinstance(container, dict):
        return "container"
    if container.get("type", "message") == "message" and not isinstance(body.get("response_url"), str):
        return "response_url"
    if not isinstance(body.get("trigger_id", ""), str):
        return "trigger_id"
    return None


def _view(body: dict[str, Any]) -> str | None:
    view = body.get("view")
    if not _user(body):
        return "user"
    if not isinstance(view, dict) or not isinstance(view.get("callback_id"), str):
        return "view"
    if not isinstance(view.get("type"), str):  # Bolt itself reads it
        return "view"
    if not isinstance(view.get("private_metadata", ""), str):
        return "metadata"
    metadata = view.get("private_metadata") or ""
    if metadata.startswith(("{", "[")):
        try:
            json.loads(metadata)
        except ValueError:
            return "metadata"
    state = view.get("state", {"values": {}})
    values = state.get("values") if isinstance(state, dict) else None
    if not isinstance(values, dict):
        return "state"
    for block in values.values():
        if not isinstance(block, dict) or not all(_element(element) for element in block.values()):
            return "state"
    return None


def _command(body: dict[str, Any]) -> str | None:
    if not _is_id(body.get("user_id")):
        return "user"
    if not isinstance(body.get("text", ""), str):
        return "text"
    return None


def _event(body: dict[str, Any]) -> str | None:
    event = body.get("event")
    if body.get("type") != "event_callback":
        return None
    if not isinstance(event, dict) or not isinstance(event.get("type"), str):
        return "event"
    if event.get("type") == "app_home_opened" and not _is_id(event.get("user")):
        return "user"
    return None


def problem_in(body: Any) -> str | None:
    """What is wrong with the payload's shape (a short label), or None when a listener may take it."""
    if not isinstance(body, dict) or not body:
        return "body"
    if "command" in body:
        return _command(body)
    kind = body.get("type")
    if kind == "block_actions":
        return _actions(body)
    if kind in ("view_submission", "view_closed"):
        return _view(body)
    if kind == "event_callback":
        return _event(body)
    if kind in ("url_verification", "shortcut", "message_action", "block_suggestion"):
        return None
    return "type"


async def reject_malformed(body: dict[str, Any], next: Callable[[], Awaitable[BoltResponse]]) -> BoltResponse:
    problem = problem_in(body)
    if problem is not None:
        logger.info("malformed %s payload ignored (%s)", str(body.get("type") or "unknown")[:32], problem)
        return BoltResponse(status=200, body="")
    return await next()
