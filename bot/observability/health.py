"""The health verdict: which parts work, from facts the composition root gathers (DESIGN.md, "Operations").

`/healthz` is the whole truth: 200 only when every part is well. `/readyz` asks only what serving Slack requests
needs (database, migrations, Socket Mode), so a load balancer keeps a replica whose scheduler is unwell in
rotation while monitoring still sees `/healthz` fail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STALE_AFTER_INTERVALS = 3
"""A sweep older than this many intervals (or none within that time of start-up) is a failure."""


@dataclass(frozen=True)
class HealthFacts:
    database: bool
    """The database answered `SELECT 1`."""
    revision: str | None
    """The database's Alembic revision (None: never migrated, or unknown because the database is down)."""
    heads: frozenset[str]
    """The revisions this code expects."""
    scheduler: str
    """"running", "stopped" or "disabled" (`--no-scheduler`)."""
    socket: bool | None
    """Socket Mode connected; None in HTTP mode."""
    sweep_age: float | None
    """Seconds since the last successful sweep, or since the scheduler started if none has succeeded yet."""
    sweep_interval: float
    mode: str


def verdict(facts: HealthFacts, *, readiness_only: bool = False) -> tuple[bool, dict[str, Any]]:
    """(healthy, JSON body). The body names every part and, under "failing", each one that is not well."""
    failing: list[str] = []
    body: dict[str, Any] = {"mode": facts.mode, "database": "ok" if facts.database else "unavailable"}
    if not facts.database:
        failing.append("database")
        body["migrations"] = "unknown"
    elif facts.revision in facts.heads:
        body["migrations"] = "at head"
    else:
        failing.append("migrations")
        body["migrations"] = f"behind (database at {facts.revision or 'none'}; run `oppfolging db upgrade`)"
    if facts.socket is not None:
        body["socket"] = "connected" if facts.socket else "disconnected"
        if not facts.socket:
            failing.append("socket")
    if not readiness_only:
        body["scheduler"] = facts.scheduler
        if facts.scheduler == "stopped":
            failing.append("scheduler")
        if facts.scheduler == "running":
            limit = STALE_AFTER_INTERVALS * facts.sweep_interval
            if facts.sweep_age is None or facts.sweep_age > limit:
                failing.append("sweep")
                body["sweep"] = f"no successful sweep in the last {limit:.0f} s"
            else:
                body["sweep"] = "ok"
    body["status"] = "ok" if not failing else "failing"
    if failing:
        body["failing"] = failing
    return not failing, body
