"""The Block Kit helper must reject each rule it claims to check, and accept realistic payloads.

Builders' tests trust `assert_valid_*` to fail; these negative cases are what makes that trust earned.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.contracts import blockkit
from tests.contracts.blockkit import (
    assert_valid_home,
    assert_valid_message,
    assert_valid_modal,
    requires_contracts,
)

pytestmark = requires_contracts

Block = dict[str, Any]


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def button(text: str = "Ferdig", *, action_id: str = "tiltak_done", value: str = "42") -> dict[str, Any]:
    return {"type": "button", "text": plain(text), "action_id": action_id, "value": value}


def section(text: str = "Hei", *, block_id: str | None = None) -> Block:
    block: Block = {"type": "section", "text": mrkdwn(text)}
    if block_id is not None:
        block["block_id"] = block_id
    return block


def option(value: str, label: str | None = None) -> dict[str, Any]:
    return {"text": plain(label or value), "value": value}


def dividers(count: int) -> list[Block]:
    return [{"type": "divider"} for _ in range(count)]


def good_message() -> list[Block]:
    return [
        {"type": "header", "text": plain("Påminnelse: tiltak forfaller i dag")},
        {
            "type": "section",
            "block_id": "tiltak_42",
            "text": mrkdwn("*Oppdatere rutinebeskrivelsen*\nFrist: fredag 4. desember 2026 (uke 49)"),
            "accessory": button(),
        },
        {
            "type": "section",
            "block_id": "fields",
            "fields": [mrkdwn("*Eier*\n<@U1>"), mrkdwn("*Motpart*\n<@U2>")],
        },
        {"type": "divider"},
        {
            "type": "actions",
            "block_id": "tiltak_actions",
            "elements": [
                button("Marker som ferdig", action_id="done", value="42"),
                button("Utsett en uke", action_id="postpone", value="42"),
                {
                    "type": "overflow",
                    "action_id": "more",
                    "options": [option("edit", "Endre"), option("delete", "Slett")],
                },
            ],
        },
        {"type": "context", "elements": [mrkdwn("Svar blir ikke delt med noen."), mrkdwn("uke 49")]},
    ]


def good_modal() -> dict[str, Any]:
    weekly, biweekly = option("weekly", "Ukentlig"), option("biweekly", "Annenhver uke")
    yes = {"text": plain("Ja"), "value": "yes"}
    return {
        "type": "modal",
        "callback_id": "tiltak_new",
        "title": plain("Nytt tiltak"),
        "submit": plain("Lagre"),
        "close": plain("Avbryt"),
        "private_metadata": '{"channel": "C1"}',
        "blocks": [
            {
                "type": "input",
                "block_id": "text",
                "label": plain("Hva skal gjøres?"),
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "multiline": True,
                    "max_length": 3000,
                    "focus_on_load": True,
                },
            },
            {
                "type": "input",
                "block_id": "due",
                "label": plain("Frist"),
                "element": {"type": "datepicker", "action_id": "value", "initial_date": "2026-12-04"},
            },
            {
                "type": "input",
                "block_id": "cadence",
                "label": plain("Rytme"),
                "element": {
                    "type": "static_select",
                    "action_id": "value",
                    "options": [weekly, biweekly],
                    "initial_option": copy.deepcopy(biweekly),
                },
            },
            {
                "type": "input",
                "block_id": "remind",
                "optional": True,
                "label": plain("Påminnelse"),
                "element": {
                    "type": "checkboxes",
                    "action_id": "value",
                    "options": [yes],
                    "initial_options": [copy.deepcopy(yes)],
                },
            },
            {"type": "context", "elements": [mrkdwn("Lederen din og du ser dette tiltaket.")]},
        ],
    }


def good_home() -> dict[str, Any]:
    return {
        "type": "home",
        "callback_id": "home",
        "blocks": [
            {"type": "header", "text": plain("Dine åpne tiltak")},
            section("*Oppdatere rutinebeskrivelsen*", block_id="t1"),
            {"type": "actions", "block_id": "t1_actions", "elements": [button()]},
            section("*Bestille kurs*", block_id="t2"),
            {"type": "actions", "block_id": "t2_actions", "elements": [button()]},
        ],
    }


def modal_with_input(element: dict[str, Any]) -> dict[str, Any]:
    view = good_modal()
    view["blocks"] = [{"type": "input", "block_id": "x", "label": plain("X"), "element": element}]
    return view


# --- good payloads pass -------------------------------------------------------------------------------------


def test_accepts_a_realistic_message() -> None:
    assert_valid_message(good_message(), text="Påminnelse: tiltak forfaller i dag")


def test_accepts_exactly_fifty_blocks_and_limits_at_their_edge() -> None:
    blocks = [section("x" * 3000, block_id=f"b{n}") for n in range(49)]
    blocks.append({"type": "actions", "elements": [button("x" * 75, value="v" * 2000)]})
    assert_valid_message(blocks)


def test_accepts_the_same_action_id_in_different_blocks() -> None:
    blocks = [{"type": "actions", "block_id": f"a{n}", "elements": [button(action_id="done")]} for n in range(3)]
    assert_valid_message(blocks)


def test_accepts_a_realistic_modal() -> None:
    assert_valid_modal(good_modal())


def test_accepts_a_modal_without_inputs_and_without_submit() -> None:
    view = {"type": "modal", "title": plain("Hjelp"), "close": plain("Lukk"), "blocks": [section("Hjelp")]}
    assert_valid_modal(view)


def test_accepts_a_home_view_with_a_hundred_blocks() -> None:
    assert_valid_home(good_home())
    assert_valid_home({"type": "home", "blocks": dividers(100)})


# --- messages -----------------------------------------------------------------------------------------------


def replace_block(blocks: list[Block], index: int, block: Block) -> list[Block]:
    changed = copy.deepcopy(blocks)
    changed[index] = block
    return changed


MESSAGE_CASES: dict[str, tuple[Callable[[], list[Block]], str]] = {
    "51 blocks": (lambda: dividers(51), r"blocks: 51 blocks, a message allows at most 50"),
    "duplicate block_id": (
        lambda: [section(block_id="same"), {"type": "divider", "block_id": "same"}],
        r"blocks\[1\] \(divider, block_id='same'\): duplicate block_id 'same' \(first at blocks\[0\]\)",
    ),
    "duplicate action_id in one block": (
        lambda: [{"type": "actions", "elements": [button(action_id="a"), button(action_id="a")]}],
        r"blocks\[0\] \(actions\)\.elements\[1\]: duplicate action_id 'a' in one block",
    ),
    "button text 76": (
        lambda: [{"type": "actions", "elements": [button("x" * 76)]}],
        r"blocks\[0\] \(actions\)\.elements\[0\]\.text\.text: button text 76 chars \(max 75\)",
    ),
    "button value 2001": (
        lambda: [section() | {"accessory": button(value="v" * 2001)}],
        r"blocks\[0\] \(section\)\.accessory\.value: button value 2001 chars \(max 2000\)",
    ),
    "section text 3001": (lambda: [section("x" * 3001)], r"blocks\[0\] \(section\)\.text\.text: 3001 chars"),
    "header 151": (
        lambda: [{"type": "header", "text": plain("x" * 151)}],
        r"blocks\[0\] \(header\)\.text\.text: 151 chars \(max 150\)",
    ),
    "11 fields": (
        lambda: [{"type": "section", "fields": [mrkdwn("f")] * 11}],
        r"blocks\[0\] \(section\)\.fields: 11 fields \(max 10\)",
    ),
    "field 2001": (
        lambda: [{"type": "section", "fields": [mrkdwn("f"), mrkdwn("x" * 2001)]}],
        r"blocks\[0\] \(section\)\.fields\[1\]\.text: 2001 chars \(max 2000\)",
    ),
    "11 context elements": (
        lambda: [{"type": "context", "elements": [mrkdwn("c")] * 11}],
        r"blocks\[0\] \(context\)\.elements: 11 elements \(max 10 in one context block\)",
    ),
    "26 actions elements": (
        lambda: [{"type": "actions", "elements": [button(action_id=f"a{n}") for n in range(26)]}],
        r"blocks\[0\] \(actions\)\.elements: 26 elements \(max 25 in one actions block\)",
    ),
    "None value": (
        lambda: [{"type": "section", "text": mrkdwn("x"), "accessory": button() | {"style": None}}],
        r"blocks\[0\]\.accessory\.style: is None",
    ),
    "markdown over 12000 in total": (
        lambda: [{"type": "markdown", "text": "x" * 6001}, {"type": "markdown", "text": "x" * 6000}],
        r"markdown blocks total 12001 chars \(max 12000\)",
    ),
    "unknown block type": (
        lambda: [section(), {"type": "fancy", "block_id": "f"}],
        r"blocks\[1\] \(fancy, block_id='f'\): unknown block type 'fancy'",
    ),
    "schema error inside one block": (
        lambda: [section(), section() | {"accessory": button() | {"style": "green"}}],
        r"blocks\[1\] \(section\)\.accessory\.style: 'green' is not one of \['primary', 'danger'\]",
    ),
    "section with neither text nor fields": (
        lambda: [section(), {"type": "section", "block_id": "empty"}],
        r"blocks\[1\] \(section, block_id='empty'\): .*\('fields' is a required property \| 'text' is",
    ),
    "empty message": (lambda: [], r"blocks: \[\] should be non-empty"),
}


@pytest.mark.parametrize("case", sorted(MESSAGE_CASES))
def test_rejects_message(case: str) -> None:
    build, expected = MESSAGE_CASES[case]
    with pytest.raises(AssertionError, match=expected):
        assert_valid_message(build())


def test_error_reports_every_problem_at_once() -> None:
    blocks = [section(block_id="same"), section(block_id="same"), section("x" * 3001)]
    with pytest.raises(AssertionError, match=r"2 problem\(s\)") as raised:
        assert_valid_message(blocks)
    assert "duplicate block_id" in str(raised.value)
    assert "3001 chars" in str(raised.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", r"text: the fallback text must be a non-empty string"),
        ("   ", r"text: the fallback text must be a non-empty string"),
        ("x" * 40_001, r"text: 40001 chars"),
    ],
)
def test_rejects_bad_fallback_text(text: str, expected: str) -> None:
    with pytest.raises(AssertionError, match=expected):
        assert_valid_message(good_message(), text=text)


# --- modals -------------------------------------------------------------------------------------------------


def without_submit() -> dict[str, Any]:
    view = good_modal()
    del view["submit"]
    return view


def with_view_key(key: str, value: Any) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        return good_modal() | {key: value}

    return build


def with_blocks(blocks: list[Block]) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        return good_modal() | {"blocks": blocks}

    return build


def select(kind: str, count: int, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "action_id": "value", "options": [option(f"o{n}") for n in range(count)], **extra}


MODAL_CASES: dict[str, tuple[Callable[[], dict[str, Any]], str]] = {
    "input without submit": (without_submit, r"view\.submit: missing, but the modal has input blocks"),
    "101 blocks": (with_blocks(dividers(101)), r"view\.blocks: 101 blocks, a modal allows at most 100"),
    "title 25": (with_view_key("title", plain("x" * 25)), r"view\.title\.text: 25 chars \(max 24\)"),
    "submit 25": (with_view_key("submit", plain("x" * 25)), r"view\.submit\.text: 25 chars \(max 24\)"),
    "close 25": (with_view_key("close", plain("x" * 25)), r"view\.close\.text: 25 chars \(max 24\)"),
    "private_metadata 3001": (
        with_view_key("private_metadata", "m" * 3001),
        r"view\.private_metadata: 3001 chars \(max 3000\)",
    ),
    "callback_id 256": (with_view_key("callback_id", "c" * 256), r"view\.callback_id: 256 chars \(max 255\)"),
    "None value": (with_view_key("external_id", None), r"view\.external_id: is None"),
    "two focus_on_load": (
        with_blocks(
            [
                {
                    "type": "input",
                    "block_id": name,
                    "label": plain(name),
                    "element": {"type": "plain_text_input", "action_id": "a", "focus_on_load": True},
                }
                for name in ("one", "two")
            ]
        ),
        r"view: focus_on_load is true on 2 elements \(max 1\): view\.blocks\[0\]\.element, view\.blocks\[1\]",
    ),
    "max_length 0": (
        lambda: modal_with_input({"type": "plain_text_input", "action_id": "a", "max_length": 0}),
        r"element\.max_length: 0 is outside 1\.\.3000",
    ),
    "max_length 3001": (
        lambda: modal_with_input({"type": "plain_text_input", "action_id": "a", "max_length": 3001}),
        r"element\.max_length: 3001 is outside 1\.\.3000",
    ),
    "min_length above max_length": (
        lambda: modal_with_input({"type": "plain_text_input", "action_id": "a", "min_length": 10, "max_length": 5}),
        r"min_length 10 is greater than max_length 5",
    ),
    "11 checkboxes": (
        lambda: modal_with_input(select("checkboxes", 11)),
        r"element\.options: 11 checkboxes options \(max 10\)",
    ),
    "11 radio buttons": (
        lambda: modal_with_input(select("radio_buttons", 11)),
        r"element\.options: 11 radio_buttons options \(max 10\)",
    ),
    "101 static_select options": (
        lambda: modal_with_input(select("static_select", 101)),
        r"element\.options: 101 static_select options \(max 100\)",
    ),
    "initial_option not among options": (
        lambda: modal_with_input(select("static_select", 3, initial_option=option("o9"))),
        r"element\.initial_option: option with value 'o9' is not one of the element's options",
    ),
    "initial_option with another label": (
        lambda: modal_with_input(select("radio_buttons", 3, initial_option=option("o1", "Other label"))),
        r"element\.initial_option: option with value 'o1' is not one of",
    ),
    "initial_options not among options": (
        lambda: modal_with_input(select("checkboxes", 3, initial_options=[option("o1"), option("zz")])),
        r"element\.initial_options\[1\]: option with value 'zz' is not one of",
    ),
    "duplicate block_id": (
        with_blocks([section(block_id="b"), section(block_id="b")]),
        r"view\.blocks\[1\] \(section, block_id='b'\): duplicate block_id 'b'",
    ),
    "unknown block type": (
        with_blocks([{"type": "fancy"}]),
        r"view\.blocks\[0\] \(fancy\): unknown block type",
    ),
    "home type": (with_view_key("type", "home"), r"view\.type: 'modal' was expected"),
    "missing title": (
        lambda: {k: v for k, v in good_modal().items() if k != "title"},
        r"'title' is a required property",
    ),
}


@pytest.mark.parametrize("case", sorted(MODAL_CASES))
def test_rejects_modal(case: str) -> None:
    build, expected = MODAL_CASES[case]
    with pytest.raises(AssertionError, match=expected):
        assert_valid_modal(build())


# --- home ---------------------------------------------------------------------------------------------------


HOME_CASES: dict[str, tuple[Callable[[], dict[str, Any]], str]] = {
    "101 blocks": (
        lambda: {"type": "home", "blocks": dividers(101)},
        r"view\.blocks: 101 blocks, a Home tab allows at most 100",
    ),
    "submit": (
        lambda: good_home() | {"submit": plain("Lagre")},
        r"view\.submit: a Home tab has no submit button",
    ),
    "duplicate block_id": (
        lambda: {"type": "home", "blocks": [section(block_id="b"), section(block_id="b")]},
        r"duplicate block_id 'b'",
    ),
    "duplicate action_id": (
        lambda: {"type": "home", "blocks": [{"type": "actions", "elements": [button(), button()]}]},
        r"view\.blocks\[0\] \(actions\)\.elements\[1\]: duplicate action_id 'tiltak_done'",
    ),
    "None value": (lambda: good_home() | {"private_metadata": None}, r"view\.private_metadata: is None"),
    "button text 76": (
        lambda: {"type": "home", "blocks": [{"type": "actions", "elements": [button("x" * 76)]}]},
        r"button text 76 chars",
    ),
    "modal title": (lambda: good_home() | {"title": plain("Hjem")}, r"Additional properties are not allowed"),
    "no blocks list": (lambda: {"type": "home"}, r"view\.blocks: expected a list of blocks"),
}


@pytest.mark.parametrize("case", sorted(HOME_CASES))
def test_rejects_home(case: str) -> None:
    build, expected = HOME_CASES[case]
    with pytest.raises(AssertionError, match=expected):
        assert_valid_home(build())


# --- without ../shared/contracts ----------------------------------------------------------------------------


def test_without_contracts_local_rules_still_fail_and_valid_payloads_skip(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(blockkit, "CONTRACTS", tmp_path / "missing")
    with pytest.raises(AssertionError, match="51 blocks"):
        assert_valid_message(dividers(51))
    with pytest.raises(pytest.skip.Exception, match="shared/contracts not found"):
        assert_valid_message(good_message(), text="ok")
