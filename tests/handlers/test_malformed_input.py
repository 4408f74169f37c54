"""A malformed-input corpus (issue 11, item 6): every button, modal and command of the app, sent with missing,
mistyped, oversized and nonsensical fields, through the real AsyncApp over signed HTTP.

Property: no response has status 500, and nothing is logged with a traceback. (A well-formed Slack never sends
most of these; a replayed, hand-made or future payload might, and the app must shrug it off.)
"""

from __future__ import annotations

import inspect
import json
import logging
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest

import handlers
from handlers import ids
from sim.driver import SlackSimulator
from tests.conftest import EMPLOYEE, MANAGER, TEAM

FORM = "application/x-www-form-urlencoded"


def _routes(kind: str) -> list[str]:
    """Every action or view id the routing table registers (`handlers.register`), read from its source so that a
    route added later is in the corpus without anyone remembering to add it here."""
    names = re.findall(rf"app\.{kind}\(ids\.(\w+)\)", inspect.getsource(handlers.register))
    return sorted({str(getattr(ids, name)) for name in names})


ACTIONS = _routes("action")
VIEWS = _routes("view")
ODD_VALUES: list[Any] = [
    None, "", "abc", "-1", "0", "99999999999999999999999", "1e9", "1:2:3", '{"pair_id": "x"}', "[1,2]",
    "null", "x" * 5000, "\u0000", "12; DROP TABLE tiltak", 7, ["a"], {"a": 1},
]  # fmt: skip
ODD_STATES: list[Any] = [
    {},
    {"x": {"y": {"type": "plain_text_input", "value": None}}},
    "not a dict",
    {ids.TILTAK_DUE_BLOCK: {ids.INPUT: {"type": "datepicker", "selected_date": "2026-13-45"}}},
    {ids.MOVE_DATE_BLOCK: {ids.INPUT: {"type": "datepicker", "selected_date": "yesterday"}}},
    {ids.MOVE_TIME_BLOCK: {ids.INPUT: {"type": "timepicker", "selected_time": "25:99"}}},
    {ids.PULSE_K_BLOCK: {ids.INPUT: {"type": "static_select", "selected_option": {"value": "999999999999999"}}}},
    {ids.PULSE_TIME_BLOCK: {ids.INPUT: {"type": "timepicker", "selected_time": "ab:cd"}}},
    {ids.TILTAK_TEXT_BLOCK: {ids.INPUT: {"type": "plain_text_input", "value": ["list"]}}},
    {ids.TILTAK_OWNER_BLOCK: {ids.INPUT: {"type": "users_select", "selected_user": 12}}},
]
ODD_METADATA: list[Any] = [
    "", "garbage", "{}", '{"pair_id": "x"}', '{"meeting_id": 99999999999999999999}', "99999999999999999999",
    '{"round_id": null}', "[]", 5,
]  # fmt: skip
COMMANDS = [
    "fravær <@U123> fra 99.99.9999 gradert gradert",
    "fravær <@> slutt 31.02",
    "absence <@U123|x> from",
    "ny <@U123> start 31.02.2027 prøvetid 99999999999999999999 måneder",
    "ny <@U123> forleng i går",
    "medarbeidersamtale <@U123> 99.99",
    "admin fravær kanskje",
    "admin medarbeidersamtale desember–desember–mai",
    "admin slett <@>",
    "admin eksport <@U123|" + "x" * 3000 + ">",
    "ferdig 99999999999999999999",
    "ferdig -1",
    "tiltak <@U123> x innen 99.99.9999",
    "tiltak <@> innen",
    "1til1 <@UNOBODY> hver 0. uke kl. 99:99",
    "ny <@UOLA> start 31.02",
    "pause til 0.0",
    "digest <#>",
    "team legg-til " + " ".join(f"<@U{n:05d}>" for n in range(60)),
    "x" * 4000,
    "språk " + "\u202e" * 10,
]


def action_payloads() -> Iterator[dict[str, Any]]:
    for action_id in ACTIONS:
        for value in ODD_VALUES:
            action: dict[str, Any] = {"action_id": action_id, "block_id": "actions", "type": "button"}
            if value is not None:
                action["value"] = value
                action["selected_option"] = {"value": value}
            yield {
                "type": "block_actions",
                "user": {"id": EMPLOYEE, "team_id": TEAM},
                "trigger_id": "trigger.odd",
                "container": {"type": "message"},
                "actions": [action],
            }
        yield {"type": "block_actions", "user": {"id": EMPLOYEE}, "actions": [{"action_id": action_id}]}
        yield {"type": "block_actions", "actions": [{"action_id": action_id, "value": "1"}]}


def odd_views() -> Iterator[tuple[Any, Any]]:
    """Each odd state with two odd metadata, and each odd metadata with two odd states: 38 pairs rather than all
    90, since a submit reads its state and its metadata separately (`handlers.payload_guard`)."""
    for state in ODD_STATES:
        yield state, ODD_METADATA[0]
        yield state, ODD_METADATA[-1]
    for metadata in ODD_METADATA:
        yield ODD_STATES[0], metadata
        yield ODD_STATES[3], metadata


def view_payloads() -> Iterator[dict[str, Any]]:
    for callback_id in VIEWS:
        for state, metadata in odd_views():
            yield {
                "type": "view_submission",
                "user": {"id": MANAGER, "team_id": TEAM},
                "view": {
                    "id": "VODD",
                    "type": "modal",
                    "callback_id": callback_id,
                    "private_metadata": metadata,
                    "state": {"values": state},
                },
            }
        yield {"type": "view_submission", "user": {"id": MANAGER}, "view": {"callback_id": callback_id}}


async def test_no_malformed_input_gives_a_500_or_a_traceback(
    slack: SlackSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await slack.command(MANAGER, f"1til1 <@{EMPLOYEE}> ukentlig")  # so pair and meeting lookups find something
    statuses: Counter[int] = Counter()
    failures: list[str] = []

    async def send(payload: dict[str, Any]) -> None:
        body = urlencode({"payload": json.dumps({"team": {"id": TEAM}, "api_app_id": "A0001", **payload})})
        response = await slack.post(body, content_type=FORM)
        statuses[response.status] += 1
        if response.status >= 500:
            failures.append(json.dumps(payload)[:200])

    for payload in [*action_payloads(), *view_payloads()]:
        await send(payload)
    for text in COMMANDS:
        statuses[(await slack.command(MANAGER, text)).status] += 1
    for raw in ("payload=not-json", "payload=%5B1%2C2%5D", "payload=", "nothing=here", "payload=%7B%7D"):
        statuses[(await slack.post(raw, content_type=FORM)).status] += 1

    tracebacks = [r.getMessage() for r in caplog.records if r.exc_info is not None]
    assert failures == []
    assert statuses[500] == 0
    assert tracebacks == []
