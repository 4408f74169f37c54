"""Logs never carry user text, at any level (issue 12).

- `QuietRequestVerification`: Bolt's signature check, except that a request with a bad signature is logged
  without its body (Bolt logs the whole body at INFO, a pulse comment included).
- `quiet_payload_loggers`: the libraries that log payloads at DEBUG (slack_sdk: every API body; aiosqlite: every
  statement with its parameters; SQLAlchemy: result rows) are held at INFO or above whatever the root level is.
"""

from __future__ import annotations

import logging

from slack_bolt.middleware.request_verification.async_request_verification import AsyncRequestVerification

# Logger name → the lowest level it may log at. SQLAlchemy's engine logs statements at INFO and rows at DEBUG.
PAYLOAD_LOGGERS = {
    "slack_sdk": logging.INFO,
    "slack_bolt": logging.INFO,
    "aiosqlite": logging.WARNING,
    "sqlalchemy.engine": logging.WARNING,
    "sqlalchemy.pool": logging.WARNING,
    "asyncpg": logging.WARNING,
}

logger = logging.getLogger(__name__)


class QuietRequestVerification(AsyncRequestVerification):
    """Refuses requests with a bad signature (401) and says so without the body."""

    def _debug_log_error(self, signature: str, timestamp: str, body: object) -> None:
        del signature, body
        logger.info("refused a request with an invalid signature (timestamp %s)", timestamp)


def quiet_payload_loggers() -> None:
    """Raise the payload-logging libraries to a level where they log no payload (never lowers a level)."""
    for name, floor in PAYLOAD_LOGGERS.items():
        library = logging.getLogger(name)
        if library.level < floor:
            library.setLevel(floor)
