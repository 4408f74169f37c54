"""Log set-up: plain text by default, or one JSON object per line with `LOG_FORMAT=json`.

JSON fields: `time` (ISO 8601, UTC), `level`, `logger`, `message`, and, when a call passes them in `extra`,
`team`, `kind`, `counts` (a mapping of names to numbers) and `ids` (a mapping of names to ids, never user text).
An exception adds `error` (its type) and `traceback`.

Quiet by default: at INFO, APScheduler (two lines per sweep) and Alembic (a line per migration) only speak
at WARNING; Slack's libraries never go below INFO, since at DEBUG they log whole request bodies.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any, TextIO

STRUCTURED_FIELDS = ("team", "kind", "counts", "ids")
"""Names a log call may pass in `extra=` to get them as JSON fields."""

QUIET_AT_INFO = ("apscheduler", "alembic")
NEVER_DEBUG = ("slack_sdk", "slack_bolt")


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in STRUCTURED_FIELDS:
            value = record.__dict__.get(name)
            if value is not None:
                entry[name] = value
        if record.exc_info and record.exc_info[0] is not None:
            entry["error"] = record.exc_info[0].__name__
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str, log_format: str, *, stream: TextIO | None = None) -> None:
    """Replace the root handlers with one that writes `log_format` ("plain" or "json") to `stream` (stderr)."""
    handler = logging.StreamHandler(stream)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    numeric = logging.getLevelName(level)
    for name in QUIET_AT_INFO:
        logging.getLogger(name).setLevel(max(logging.WARNING, numeric) if numeric >= logging.INFO else numeric)
    for name in NEVER_DEBUG:
        logging.getLogger(name).setLevel(max(logging.INFO, numeric))
