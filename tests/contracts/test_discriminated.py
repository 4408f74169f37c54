"""The rewritten schema must give the original's verdict on every instance, on a small schema and on Block Kit."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from tests.contracts.blockkit import BLOCK_KIT_SCHEMA, _load, requires_contracts
from tests.contracts.discriminated import discriminated
from tests.handlers.builder_samples import SAMPLES

SMALL: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$defs": {
        "cat": {
            "type": "object",
            "required": ["type", "name"],
            "additionalProperties": False,
            "properties": {"type": {"const": "cat"}, "name": {"type": "string"}},
        },
        "dog": {
            "type": "object",
            "required": ["type"],
            "additionalProperties": False,
            "properties": {"type": {"const": "dog"}, "barks": {"type": "boolean"}},
        },
        "either": {"oneOf": [{"required": ["a"]}, {"required": ["b"]}]},
    },
    "type": "array",
    "items": {"oneOf": [{"$ref": "#/$defs/cat"}, {"$ref": "#/$defs/dog"}]},
}


def verdicts(schema: dict[str, Any], instance: Any) -> tuple[bool, bool]:
    return Draft202012Validator(schema).is_valid(instance), Draft202012Validator(discriminated(schema)).is_valid(
        instance
    )


def test_a_discriminated_one_of_gives_the_same_verdict_on_each_kind_of_instance() -> None:
    table = [
        ([{"type": "cat", "name": "Pus"}], True),
        ([{"type": "dog"}, {"type": "dog", "barks": True}], True),
        ([{"type": "cat"}], False),  # the cat's own rule
        ([{"type": "dog", "name": "Pus"}], False),  # a cat's field on a dog
        ([{"type": "cow"}], False),
        ([{"name": "Pus"}], False),  # no discriminator
        (["cat"], False),  # not an object
        ([None], False),
        ([{"type": 1}], False),
    ]
    for instance, valid in table:
        assert verdicts(SMALL, instance) == (valid, valid), instance


def test_only_discriminated_unions_are_rewritten_and_the_input_is_left_alone() -> None:
    before = copy.deepcopy(SMALL)
    rewritten = discriminated(SMALL)
    assert before == SMALL
    assert "oneOf" not in rewritten["items"]
    assert rewritten["$defs"]["either"] == SMALL["$defs"]["either"]  # no discriminator: kept as it was
    for instance in ({"a": 1}, {"b": 1}, {"a": 1, "b": 1}, {}):
        original = Draft202012Validator({"$ref": "#/$defs/either", "$defs": SMALL["$defs"]}).is_valid(instance)
        kept = Draft202012Validator({"$ref": "#/$defs/either", "$defs": rewritten["$defs"]}).is_valid(instance)
        assert original == kept


BLOCK_TYPES = ["section", "actions", "context", "header", "divider", "input", "image", "rich_text", "video", "x"]


@st.composite
def mutated_payloads(draw: st.DrawFn) -> Any:
    """A builder's blocks, then one change a bug could make: another block type, no type, a block that is not an
    object, an unknown field, or an element of another type."""
    name = draw(st.sampled_from(sorted(SAMPLES)))
    surface, build = SAMPLES[name]
    payload = build(draw(st.sampled_from(["nb", "nn", "en"])))
    blocks = copy.deepcopy(list(payload if surface == "message" else payload["blocks"]))
    index = draw(st.integers(min_value=0, max_value=len(blocks) - 1))
    change = draw(st.sampled_from(["type", "no type", "string", "field", "element", "none"]))
    block = blocks[index]
    if change == "type":
        block["type"] = draw(st.sampled_from(BLOCK_TYPES))
    elif change == "no type":
        block.pop("type", None)
    elif change == "string":
        blocks[index] = "section"
    elif change == "field":
        field = draw(st.sampled_from(["text", "elements", "accessory", "label", "extra"]))
        block[field] = {"type": "mrkdwn", "text": "x"}
    elif change == "element":
        for key in ("accessory", "element"):
            if isinstance(block.get(key), dict):
                block[key]["type"] = draw(st.sampled_from(["button", "datepicker", "static_select", "image", "y"]))
    return blocks


@requires_contracts
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=mutated_payloads())
def test_the_block_kit_schema_gives_the_same_verdict_rewritten(payload: Any) -> None:
    schema = _load(BLOCK_KIT_SCHEMA)
    original, rewritten = verdicts(schema, payload)
    assert original == rewritten
