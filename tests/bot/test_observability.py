"""The health verdict, metric labels and the log formats, as pure functions."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from prometheus_client.parser import text_string_to_metric_families

from bot.observability.health import HealthFacts, verdict
from bot.observability.logs import configure_logging
from bot.observability.metrics import Metrics, label

WELL = HealthFacts(
    database=True,
    revision="0006",
    heads=frozenset({"0006"}),
    scheduler="running",
    socket=None,
    sweep_age=10.0,
    sweep_interval=60.0,
    mode="http",
)


def test_all_well_is_ok() -> None:
    healthy, body = verdict(WELL)
    assert healthy
    assert body["status"] == "ok"
    assert "failing" not in body


@pytest.mark.parametrize(
    ("changes", "failing"),
    [
        ({"database": False, "revision": None}, ["database"]),
        ({"revision": None}, ["migrations"]),
        ({"revision": "0005"}, ["migrations"]),
        ({"scheduler": "stopped"}, ["scheduler"]),
        ({"sweep_age": 181.0}, ["sweep"]),
        ({"sweep_age": None}, ["sweep"]),
        ({"socket": False, "mode": "socket"}, ["socket"]),
        ({"revision": None, "scheduler": "stopped"}, ["migrations", "scheduler"]),
    ],
)
def test_each_failing_part_is_named(changes: dict[str, object], failing: list[str]) -> None:
    facts = HealthFacts(**{**WELL.__dict__, **changes})  # type: ignore[arg-type]
    healthy, body = verdict(facts)
    assert not healthy
    assert body["status"] == "failing"
    assert body["failing"] == failing


def test_sweep_age_at_exactly_three_intervals_is_still_fine() -> None:
    assert verdict(HealthFacts(**{**WELL.__dict__, "sweep_age": 180.0}))[0]  # type: ignore[arg-type]


def test_without_scheduler_the_sweep_is_not_judged() -> None:
    facts = HealthFacts(**{**WELL.__dict__, "scheduler": "disabled", "sweep_age": None})  # type: ignore[arg-type]
    healthy, body = verdict(facts)
    assert healthy
    assert body["scheduler"] == "disabled"


def test_readiness_ignores_scheduler_and_sweep_but_not_the_database() -> None:
    stalled = HealthFacts(**{**WELL.__dict__, "scheduler": "stopped", "sweep_age": None})  # type: ignore[arg-type]
    assert verdict(stalled, readiness_only=True)[0]
    assert not verdict(stalled)[0]
    unmigrated = HealthFacts(**{**WELL.__dict__, "revision": None})  # type: ignore[arg-type]
    assert not verdict(unmigrated, readiness_only=True)[0]


@pytest.mark.parametrize(
    "word",
    [
        "command",
        "block_actions",
        "event:app_home_opened",
        "chat.postMessage",
        "http_502",
        "tiltak_due",
        "not_in_channel",
    ],
)
def test_vocabulary_words_are_kept_as_labels(word: str) -> None:
    assert label(word) == word


@pytest.mark.parametrize("value", ["U0123ABCD", "C024BE91L", "1764583200.000100", "Hei på deg", "", "x" * 80])
def test_ids_text_and_timestamps_never_become_labels(value: str) -> None:
    assert label(value) == "other"


@given(st.from_regex(r"[UWCDGTB][A-Z0-9]{8,10}", fullmatch=True))
def test_slack_ids_never_become_labels(slack_id: str) -> None:
    """Property: a Slack-id-shaped string is "other"; so is its lower-case form when it has four digits or more."""
    assert label(slack_id) == "other"
    if sum(c.isdigit() for c in slack_id) > 3:
        assert label(slack_id.lower()) == "other"


@given(st.text(min_size=1, max_size=40).filter(lambda s: " " in s.strip() or any(not c.isascii() for c in s)))
def test_free_text_never_becomes_a_label(text: str) -> None:
    assert label(text) == "other"


def test_metrics_render_parses_with_every_series() -> None:
    metrics = Metrics()
    metrics.observe_request(kind="command", outcome="ok", seconds=0.2)
    metrics.observe_slack_error(method="chat.postMessage", error="U0123ABCD")
    metrics.set_outbox_rows({("pending", "tiltak_due"): 2, ("sent", "tiltak_due"): 5})
    families = {f.name: f for f in text_string_to_metric_families(metrics.render().decode())}
    for name in (
        "oppfolging_slack_requests",
        "oppfolging_slack_ack_seconds",
        "oppfolging_outbox_rows",
        "oppfolging_deliveries",
        "oppfolging_delivery_latency_seconds",
        "oppfolging_sweep_duration_seconds",
        "oppfolging_sweep_last_success_timestamp_seconds",
        "oppfolging_slack_api_errors",
    ):
        assert name in families, name
    errors = [s for s in families["oppfolging_slack_api_errors"].samples if s.name.endswith("_total")]
    assert [s.labels for s in errors] == [{"method": "chat.postMessage", "error": "other"}]
    rows = {(s.labels["status"], s.labels["kind"]): s.value for s in families["oppfolging_outbox_rows"].samples}
    assert rows == {("pending", "tiltak_due"): 2.0, ("sent", "tiltak_due"): 5.0}


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in ("apscheduler", "alembic", "slack_sdk", "slack_bolt")}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


@pytest.mark.usefixtures("restore_logging")
def test_json_logs_are_one_object_per_line_with_the_structured_fields() -> None:
    stream = io.StringIO()
    configure_logging("INFO", "json", stream=stream)
    log = logging.getLogger("schedules.sweeps")
    log.info("sweep: %s", "planned 2, sent 1", extra={"team": "T0001", "kind": "sweep", "counts": {"sent": 1}})
    log.info("two\nlines")
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("sweep failed")
    logging.getLogger("apscheduler.executors.default").info("Running job")
    logging.getLogger("alembic.runtime.migration").info("Running upgrade")
    lines = stream.getvalue().splitlines()
    entries = [json.loads(line) for line in lines]
    assert len(entries) == 3
    first = entries[0]
    assert set(first) == {"time", "level", "logger", "message", "team", "kind", "counts"}
    assert (first["level"], first["logger"]) == ("INFO", "schedules.sweeps")
    assert first["message"] == "sweep: planned 2, sent 1"
    assert first["counts"] == {"sent": 1}
    assert entries[1]["message"] == "two\nlines"
    assert entries[2]["error"] == "ValueError"
    assert "Traceback" in entries[2]["traceback"]


@pytest.mark.usefixtures("restore_logging")
def test_plain_logs_by_default_and_quiet_libraries_at_info() -> None:
    stream = io.StringIO()
    configure_logging("INFO", "plain", stream=stream)
    logging.getLogger("apscheduler.scheduler").info("Added job")
    logging.getLogger("alembic.runtime.migration").info("Context impl SQLiteImpl.")
    logging.getLogger("bot.app").info("serving")
    logging.getLogger("apscheduler.scheduler").warning("missed by 1 s")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert "INFO bot.app: serving" in lines[0]
    assert "WARNING apscheduler.scheduler" in lines[1]
    configure_logging("DEBUG", "plain", stream=stream)
    assert logging.getLogger("slack_sdk").getEffectiveLevel() == logging.INFO
    assert logging.getLogger("apscheduler").getEffectiveLevel() == logging.DEBUG
