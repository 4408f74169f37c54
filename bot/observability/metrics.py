"""Prometheus metrics for one process, in a registry of its own (no import-time globals).

| Series | Labels | What |
| --- | --- | --- |
| `oppfolging_slack_requests_total` | kind, outcome | Slack requests (commands, interactions, events) by outcome |
| `oppfolging_slack_ack_seconds` | kind | time from receiving a request to its ack |
| `oppfolging_outbox_rows` | status, kind | outbox rows, read from the database at each scrape |
| `oppfolging_deliveries_total` | outcome | what sweeps did with due messages (sent, retried, deferred, …) |
| `oppfolging_delivery_latency_seconds` | kind | from a message's due time to its send |
| `oppfolging_sweep_duration_seconds` | outcome | how long each sweep took |
| `oppfolging_sweep_last_success_timestamp_seconds` | | Unix time of the last sweep that finished |
| `oppfolging_slack_api_errors_total` | method, error | Slack Web API calls that failed, by Slack's error code |

Labels only ever carry names from fixed vocabularies (request types, message kinds, Slack methods and error
codes); `label()` turns anything else into "other", so a user id or text can never become a label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

CONTENT_TYPE = CONTENT_TYPE_LATEST

_LABEL = re.compile(r"[a-z][A-Za-z0-9_.:]{0,63}")
MAX_DIGITS = 3

DELIVERY_OUTCOMES = ("sent", "retried", "deferred", "cancelled", "expired", "failed")
ACK_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0)
DELIVERY_BUCKETS = (1.0, 10.0, 60.0, 300.0, 900.0, 3600.0, 4 * 3600.0, 24 * 3600.0, 3 * 24 * 3600.0)
SWEEP_BUCKETS = (0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0)


def label(value: str) -> str:
    """`value` when it looks like a vocabulary word, else "other".

    A word starts with a lowercase letter, uses only ASCII letters, digits and `_ . :`, and has at most three
    digits (`http_502`, `chat.postMessage`, `event:app_home_opened`). Slack ids start with a capital and have
    more digits; timestamps start with a digit; text has spaces: all of them are "other".
    """
    if _LABEL.fullmatch(value) and sum(c.isdigit() for c in value) <= MAX_DIGITS:
        return value
    return "other"


class Metrics:
    """All series of one process. Record with the `observe_*` methods; `render()` gives Prometheus text."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "oppfolging_slack_requests", "Slack requests by kind and outcome", ["kind", "outcome"], registry=r
        )
        self.ack_seconds = Histogram(
            "oppfolging_slack_ack_seconds", "Seconds from a Slack request to its ack", ["kind"], buckets=ACK_BUCKETS,
            registry=r,
        )  # fmt: skip
        self.outbox_rows = Gauge(
            "oppfolging_outbox_rows", "Outbox rows by status and kind", ["status", "kind"], registry=r
        )
        self.deliveries = Counter(
            "oppfolging_deliveries", "Due messages handled by sweeps, by outcome", ["outcome"], registry=r
        )
        for outcome in DELIVERY_OUTCOMES:
            self.deliveries.labels(outcome=outcome)
        self.delivery_latency = Histogram(
            "oppfolging_delivery_latency_seconds", "Seconds from a message's due time to its send", ["kind"],
            buckets=DELIVERY_BUCKETS, registry=r,
        )  # fmt: skip
        self.sweep_duration = Histogram(
            "oppfolging_sweep_duration_seconds", "Seconds per sweep", ["outcome"], buckets=SWEEP_BUCKETS, registry=r
        )
        self.sweep_last_success = Gauge(
            "oppfolging_sweep_last_success_timestamp_seconds", "Unix time of the last successful sweep", registry=r
        )
        self.slack_errors = Counter(
            "oppfolging_slack_api_errors", "Failed Slack Web API calls by method and error", ["method", "error"],
            registry=r,
        )  # fmt: skip

    def observe_request(self, *, kind: str, outcome: str, seconds: float) -> None:
        self.requests.labels(kind=label(kind), outcome=label(outcome)).inc()
        self.ack_seconds.labels(kind=label(kind)).observe(max(0.0, seconds))

    def observe_slack_error(self, *, method: str, error: str) -> None:
        self.slack_errors.labels(method=label(method), error=label(error)).inc()

    def observe_sweep(
        self,
        *,
        seconds: float,
        succeeded: bool,
        finished_at: datetime,
        outcomes: Mapping[str, int] | None = None,
        latencies: Iterable[tuple[str, float]] = (),
    ) -> None:
        """One sweep: its duration, and when it succeeded, the time, the delivery counts and due→sent latencies."""
        self.sweep_duration.labels(outcome="ok" if succeeded else "error").observe(max(0.0, seconds))
        if not succeeded:
            return
        self.sweep_last_success.set(finished_at.timestamp())
        for outcome, count in (outcomes or {}).items():
            if count:
                self.deliveries.labels(outcome=label(outcome)).inc(count)
        for kind, latency in latencies:
            self.delivery_latency.labels(kind=label(kind)).observe(max(0.0, latency))

    def set_outbox_rows(self, counts: Mapping[tuple[str, str], int]) -> None:
        """Replace the outbox gauge with `{(status, kind): rows}` (a status/kind that vanished reads 0)."""
        self.outbox_rows.clear()
        for (status, kind), rows in counts.items():
            self.outbox_rows.labels(status=label(status), kind=label(kind)).inc(rows)

    def render(self) -> bytes:
        return generate_latest(self.registry)
