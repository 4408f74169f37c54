"""Sorting Slack's failures: which error codes retrying can fix (transient) and which it cannot (permanent)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError

PERMANENT_ERRORS: frozenset[str] = frozenset(
    """
    user_not_found users_not_found account_inactive user_disabled cannot_dm_bot messages_tab_disabled
    channel_not_found not_in_channel is_archived user_not_in_channel invalid_channel
    duplicate_channel_not_found
    invalid_auth not_authed token_revoked token_expired missing_scope not_allowed_token_type no_permission
    access_denied team_access_not_granted org_login_required ekm_access_denied not_enabled method_deprecated
    restricted_action restricted_action_read_only_channel restricted_action_thread_only_channel
    invalid_blocks invalid_blocks_format msg_too_long no_text too_many_attachments view_too_large
    invalid_arguments invalid_arg_name file_not_found
    """.split()  # noqa: SIM905 - one word per code reads better than 37 quoted lines
)
"""Slack error codes that retrying will not fix. Unknown codes are treated the same way."""

TRANSIENT_ERRORS: frozenset[str] = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "timeout"}
)
"""Slack error codes worth retrying (besides HTTP 429 and 5xx, which are always transient)."""

RATE_LIMITED = frozenset({"ratelimited", "http_429"})


@dataclass(frozen=True)
class Failure:
    """A classified failure: `reason` is Slack's error code or a short label (`http_502`, `timeout`)."""

    reason: str
    transient: bool
    retry_after: float | None = None


def classify(error: SlackApiError) -> Failure:
    """Sort a `SlackApiError` into transient (429, 5xx, `TRANSIENT_ERRORS`) or permanent (everything else)."""
    response = error.response
    status = int(getattr(response, "status_code", 0) or 0)
    data = getattr(response, "data", None)
    code = data.get("error") if isinstance(data, dict) else None
    reason = str(code) if code else f"http_{status}"
    if status == 429 or code == "ratelimited":
        return Failure(reason, transient=True, retry_after=_retry_after(getattr(response, "headers", None)))
    if status >= 500 or reason in TRANSIENT_ERRORS:
        return Failure(reason, transient=True)
    return Failure(reason, transient=False)


def _retry_after(headers: Any) -> float | None:
    if not headers:
        return None
    for name, value in headers.items():
        if str(name).lower() == "retry-after":
            try:
                seconds = float(value)
            except (TypeError, ValueError):
                return None
            return seconds if seconds >= 0 else None
    return None
