"""How long personal data is kept (GDPR art. 5(1)(e), storage limitation; research/norway-domain.md §2).

Rules (issue 13; DESIGN.md, personvern):

- Closed tiltak (done or cancelled), past 1:1 meetings, ticked-off agenda items, stopped 1:1 pairs, answered
  manager requests and what managers shared with their team are deleted `months` after they closed (default 12),
  counted in calendar months: closed on 31 March, due on 31 March a year later (a day that does not exist in the
  target month is its last day: 29 February → 28 February).
- Outbox rows are deleted `outbox_days` (default 30) after they were sent or closed.
- The audit log is kept 24 months, whatever the setting: it is the record of who did what.
- A row is due when its closing time is at or before `now` minus the period.
- An admin may choose 1–120 months and 14–365 days (14: the longest "sent late" window of the job table, so
  retention never cuts one short); anything else is refused with a reason.

Pure: instants and numbers in, instants out.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

DEFAULT_MONTHS = 12
DEFAULT_OUTBOX_DAYS = 30
AUDIT_MONTHS = 24
MONTHS_RANGE = (1, 120)
DAYS_RANGE = (14, 365)
"""Never below 14 days: the longest window in which a missed message is still sent late (`schedules/jobs.py`)."""
BATCH = 500
"""Rows per delete statement; each batch is its own short transaction."""


@dataclass(frozen=True)
class RetentionPolicy:
    months: int = DEFAULT_MONTHS
    outbox_days: int = DEFAULT_OUTBOX_DAYS

    def to_json(self) -> dict[str, int]:
        return {"months": self.months, "outbox_days": self.outbox_days}


def policy_from_json(data: Any) -> RetentionPolicy:
    """Stored settings, each unreadable value falling back to its default."""
    data = data if isinstance(data, dict) else {}
    months, days = data.get("months"), data.get("outbox_days")
    low, high = MONTHS_RANGE
    months = months if isinstance(months, int) and low <= months <= high else DEFAULT_MONTHS
    low, high = DAYS_RANGE
    days = days if isinstance(days, int) and low <= days <= high else DEFAULT_OUTBOX_DAYS
    return RetentionPolicy(months, days)


def parse_policy(months_text: str | None, days_text: str | None) -> RetentionPolicy | dict[str, str]:
    """What an admin typed, or the problem per field (`months` / `days`: the catalog suffix `retention_<field>`)."""
    problems: dict[str, str] = {}
    values: dict[str, int] = {}
    for field, text, (low, high) in (("months", months_text, MONTHS_RANGE), ("days", days_text, DAYS_RANGE)):
        cleaned = (text or "").strip()
        if not cleaned.isdigit() or not low <= int(cleaned) <= high:
            problems[field] = field
        else:
            values[field] = int(cleaned)
    if problems:
        return problems
    return RetentionPolicy(values["months"], values["days"])


def months_before(now: datetime, months: int) -> datetime:
    """The same instant `months` calendar months earlier (the day clamped to the month's last)."""
    index = now.year * 12 + (now.month - 1) - months
    year, month = divmod(index, 12)
    day = min(now.day, calendar.monthrange(year, month + 1)[1])
    return now.replace(year=year, month=month + 1, day=day)


@dataclass(frozen=True)
class Cutoffs:
    """Rows closed at or before these instants are due for deletion."""

    records: datetime
    outbox: datetime
    audit: datetime


def cutoffs(now: datetime, policy: RetentionPolicy) -> Cutoffs:
    return Cutoffs(
        records=months_before(now, policy.months),
        outbox=now - timedelta(days=policy.outbox_days),
        audit=months_before(now, AUDIT_MONTHS),
    )
