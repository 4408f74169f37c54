"""What happens to a scheduled message after a failed send: try again when, or give up why.

Rules (DESIGN.md, Flow 2 and the "Missed work" row of the default schedule; issue 11, items 1 and 2):

- A transient failure (429, 5xx, a timeout, no connection) never uses a message up while it is still useful. It
  is tried again after a backoff that doubles from `BASE_BACKOFF` up to `MAX_BACKOFF` (Slack's `Retry-After` wins
  when longer), across as many sweeps as it takes, until the message's own deadline: its `expires_at` (a pulse
  only while its round is open, a 1:1 nudge never after the meeting started), or, for messages that are still
  worth sending late (tiltak reminders, digests), `LATE_HORIZON` after the failures began. A backoff that would
  overshoot the deadline is shortened to a last try just before it; only then does the message fail.
- A send whose outcome is unknown (the request left, no answer came) may have landed. It is never repeated soon
  (not before `UNCERTAIN_RETRY`, so never in the same sweep) and repeated once at most: after a second unknown
  outcome the message counts as sent, unconfirmed. A slow Slack thus doubles a message at worst.
- A permanent error (user gone, DMs closed, bad request) fails the message at once; that is decided by the caller.

Pure: instants and counts in, a decision out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

BASE_BACKOFF = timedelta(seconds=2)
MAX_BACKOFF = timedelta(hours=1)
UNCERTAIN_RETRY = timedelta(minutes=10)
LATE_HORIZON = timedelta(days=3)
LAST_CHANCE = timedelta(minutes=1)
"""The last try is this long before the deadline (a backoff that would overshoot it is shortened)."""
MAX_UNCONFIRMED = 1
"""How many times a send with an unknown outcome is repeated."""


@dataclass(frozen=True)
class RetryAt:
    """Try again at `at`."""

    at: datetime


@dataclass(frozen=True)
class GiveUp:
    """Its deadline comes before the next try: the message failed for good."""


@dataclass(frozen=True)
class AssumeSent:
    """Sent twice with no answer either time: most likely delivered, and not repeated again."""


RetryDecision = RetryAt | GiveUp | AssumeSent


def backoff(attempts: int, retry_after: float | None) -> timedelta:
    """Exponential backoff from `BASE_BACKOFF` after `attempts` tries, capped at `MAX_BACKOFF`; a longer
    `Retry-After` from Slack wins."""
    delay: timedelta = min(BASE_BACKOFF * (2 ** min(max(0, attempts - 1), 20)), MAX_BACKOFF)
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=retry_after))
    return delay


def deadline(*, expires_at: datetime | None, failing_since: datetime) -> datetime:
    """The last instant a failing message may still be tried: its expiry, else `LATE_HORIZON` of failures."""
    return expires_at if expires_at is not None else failing_since + LATE_HORIZON


def after_transient_failure(
    *,
    now: datetime,
    attempts: int,
    retry_after: float | None,
    failing_since: datetime | None,
    expires_at: datetime | None,
    uncertain: bool = False,
    unconfirmed: int = 0,
) -> RetryDecision:
    """What to do with a message whose send failed transiently (`uncertain`: the outcome is unknown)."""
    if uncertain and unconfirmed >= MAX_UNCONFIRMED:
        return AssumeSent()
    delay = backoff(attempts, retry_after)
    if uncertain:
        delay = max(delay, UNCERTAIN_RETRY)
    last = deadline(expires_at=expires_at, failing_since=failing_since or now) - LAST_CHANCE
    retry_at = min(now + delay, last)
    if retry_at <= now or (uncertain and retry_at < now + UNCERTAIN_RETRY):
        return AssumeSent() if uncertain else GiveUp()
    return RetryAt(retry_at)


FAILURE_GROUPS: dict[str, frozenset[str]] = {
    "gone": frozenset({"user_gone", "user_not_found", "users_not_found", "account_inactive", "user_disabled"}),
    "closed": frozenset({"cannot_dm_bot", "messages_tab_disabled"}),
    "channel": frozenset({"not_in_channel", "channel_not_found", "is_archived", "invalid_channel"}),
    "slack_down": frozenset(
        {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "timeout"}
        | {"connection_error", "connection_refused", "upload_failed"}
    ),
}


def failure_group(reason: str | None) -> str:
    """Why a message failed for good, as one of a few groups a manager can act on (`FAILURE_GROUPS`: the person
    left, DMs closed, the bot is not in the channel, Slack did not answer before the deadline), else "other"."""
    if reason is None:
        return "other"
    if reason.startswith("http_5"):
        return "slack_down"
    return next((group for group, reasons in FAILURE_GROUPS.items() if reason in reasons), "other")
