"""Offline Block Kit contract checks for every builder's tests.

Three entry points, one per surface:

- `assert_valid_message(blocks, text=...)`: `chat.postMessage` / `chat.update` / `respond` payloads.
- `assert_valid_modal(view)`: `views.open` / `views.push` / `views.update`.
- `assert_valid_home(view)`: `views.publish`.

Each one first checks the rules the JSON Schema cannot express (50 blocks per message, unique `block_id`,
unique `action_id` per block, `initial_option` among `options`, no `None` anywhere, ...) and then validates
against the third-party Block Kit schema in `../shared/contracts` (see its README). Every problem found is
reported at once in one `AssertionError`, each line naming the offending path, for example
`blocks[3] (section, block_id='x').text.text`.

The schema lives outside the repository. In a checkout without `../shared/contracts` the local rules still run
and the calling test is then skipped (`pytest.skip`), so nothing passes silently; mark whole modules with
`pytestmark = requires_contracts` to skip them up front.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

from tests.contracts.discriminated import discriminated

REPO_ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = REPO_ROOT.parent / "shared" / "contracts"
requires_contracts = pytest.mark.skipif(
    not CONTRACTS.is_dir(), reason="../shared/contracts not found (checkout without the shared folder)"
)

BLOCK_KIT_SCHEMA = "slack-block-kit.schema.json"
MANIFEST_SCHEMA_V1 = "manifest.schema.1.0.0.json"

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_MESSAGE_TEXT = 40_000
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTIONS_ELEMENTS = 25
MAX_MARKDOWN_TOTAL = 12_000
MAX_VIEW_TEXT = 24  # modal title, submit, close
MAX_PRIVATE_METADATA = 3000
MAX_CALLBACK_ID = 255
MAX_INPUT_LENGTH = 3000  # plain_text_input min_length / max_length
MAX_CHOICE_OPTIONS = 10  # checkboxes, radio_buttons
MAX_SELECT_OPTIONS = 100  # static_select, multi_static_select (options, option_groups, options per group)

_CHOICE_ELEMENTS = frozenset({"checkboxes", "radio_buttons"})
_STATIC_SELECTS = frozenset({"static_select", "multi_static_select"})

Json = Any  # a decoded JSON value: dict, list, str, int, float, bool (and, wrongly, None)


# --- schema access ------------------------------------------------------------------------------------------


def _skip_without_contracts() -> None:
    if not CONTRACTS.is_dir():
        pytest.skip("../shared/contracts not found (checkout without the shared folder)")


@functools.cache
def _load(name: str) -> dict[str, Json]:
    loaded: dict[str, Json] = json.loads((CONTRACTS / name).read_text(encoding="utf-8"))
    return loaded


@functools.cache
def manifest_validator() -> Draft7Validator:
    """Validator for a `_metadata.major_version: 1` app manifest (draft-07)."""
    return Draft7Validator(_load(MANIFEST_SCHEMA_V1))


@functools.cache
def block_kit_validator(definition: str | None = None) -> Draft202012Validator:
    """The root schema (a list of 1-100 blocks), or one `$defs` entry such as `modal_view`."""
    schema = discriminated(_load(BLOCK_KIT_SCHEMA))  # the same verdicts, without trying every block type
    if definition is None:
        return Draft202012Validator(schema)
    if definition not in schema["$defs"]:
        raise KeyError(f"no $defs/{definition} in {BLOCK_KIT_SCHEMA}")
    registry: Registry[Json] = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    return Draft202012Validator({"$ref": f"{schema['$id']}#/$defs/{definition}"}, registry=registry)


def block_definitions() -> frozenset[str]:
    """Every `$defs` name in the Block Kit schema."""
    return frozenset(_load(BLOCK_KIT_SCHEMA)["$defs"])


# --- public checks ------------------------------------------------------------------------------------------


def assert_valid_message(blocks: Sequence[Mapping[str, Json]], *, text: str | None = None) -> None:
    """A message: `blocks` as sent to chat.postMessage, plus the notification fallback `text` if given."""
    problems = _none_values(blocks, "blocks")
    if text is not None:
        if not isinstance(text, str) or not text.strip():
            problems.append(f"text: the fallback text must be a non-empty string, got {text!r}")
        elif len(text) > MAX_MESSAGE_TEXT:
            problems.append(f"text: {len(text)} chars, Slack truncates above {MAX_MESSAGE_TEXT}")
    if len(blocks) > MAX_MESSAGE_BLOCKS:
        problems.append(f"blocks: {len(blocks)} blocks, a message allows at most {MAX_MESSAGE_BLOCKS}")
    problems += _block_rules(blocks, "blocks")
    _raise(problems, "message")
    _skip_without_contracts()
    _raise(_schema_problems(list(blocks), None, "blocks"), "message")


def assert_valid_modal(view: Mapping[str, Json]) -> None:
    """A modal view as passed to views.open / views.push / views.update."""
    problems = _none_values(view, "view")
    blocks = _view_blocks(view, problems)
    if len(blocks) > MAX_VIEW_BLOCKS:
        problems.append(f"view.blocks: {len(blocks)} blocks, a modal allows at most {MAX_VIEW_BLOCKS}")
    for key in ("title", "submit", "close"):
        label = _text_of(view.get(key))
        if label is not None and len(label) > MAX_VIEW_TEXT:
            problems.append(f"view.{key}.text: {len(label)} chars (max {MAX_VIEW_TEXT}): {label!r}")
    if "submit" not in view:
        inputs = [
            f"view.blocks[{i}] ({_describe_short(b)})"
            for i, b in enumerate(blocks)
            if _is_block(b) and b.get("type") == "input"
        ]
        if inputs:
            problems.append(f"view.submit: missing, but the modal has input blocks: {', '.join(inputs)}")
    problems += _view_rules(view, blocks)
    _raise(problems, "modal")
    _skip_without_contracts()
    _raise(_schema_problems(dict(view), "modal_view", "view"), "modal")


def assert_valid_home(view: Mapping[str, Json]) -> None:
    """An App Home view as passed to views.publish."""
    problems = _none_values(view, "view")
    blocks = _view_blocks(view, problems)
    if len(blocks) > MAX_VIEW_BLOCKS:
        problems.append(f"view.blocks: {len(blocks)} blocks, a Home tab allows at most {MAX_VIEW_BLOCKS}")
    for key in ("submit", "close"):
        if key in view:
            problems.append(f"view.{key}: a Home tab has no {key} button")
    problems += _view_rules(view, blocks)
    _raise(problems, "home view")
    _skip_without_contracts()
    _raise(_schema_problems(dict(view), "home_view", "view"), "home view")


# --- rules the schema does not express ----------------------------------------------------------------------


def _view_blocks(view: Mapping[str, Json], problems: list[str]) -> list[Json]:
    blocks = view.get("blocks")
    if not isinstance(blocks, list):
        problems.append(f"view.blocks: expected a list of blocks, got {type(blocks).__name__}")
        return []
    return blocks


def _view_rules(view: Mapping[str, Json], blocks: list[Json]) -> list[str]:
    problems: list[str] = []
    metadata = view.get("private_metadata")
    if isinstance(metadata, str) and len(metadata) > MAX_PRIVATE_METADATA:
        problems.append(f"view.private_metadata: {len(metadata)} chars (max {MAX_PRIVATE_METADATA})")
    callback_id = view.get("callback_id")
    if isinstance(callback_id, str) and len(callback_id) > MAX_CALLBACK_ID:
        problems.append(f"view.callback_id: {len(callback_id)} chars (max {MAX_CALLBACK_ID})")
    focused = [
        path for path, node in _walk(blocks, "view.blocks") if _is_block(node) and node.get("focus_on_load") is True
    ]
    if len(focused) > 1:
        problems.append(f"view: focus_on_load is true on {len(focused)} elements (max 1): {', '.join(focused)}")
    return problems + _block_rules(blocks, "view.blocks")


def _block_rules(blocks: Sequence[Json], where: str) -> list[str]:
    """Per-block limits and the uniqueness rules, for any surface."""
    problems: list[str] = []
    seen_block_ids: dict[str, str] = {}
    markdown_total = 0
    for index, block in enumerate(blocks):
        here = f"{where}[{index}] ({_describe_short(block)})"
        if not _is_block(block):
            problems.append(f"{here}: a block must be an object, got {type(block).__name__}")
            continue
        block_id = block.get("block_id")
        if isinstance(block_id, str):
            if block_id in seen_block_ids:
                problems.append(f"{here}: duplicate block_id {block_id!r} (first at {seen_block_ids[block_id]})")
            else:
                seen_block_ids[block_id] = f"{where}[{index}]"
        problems += _limits_of_block(block, here)
        problems += _limits_of_elements(block, here)
        if block.get("type") == "markdown" and isinstance(block.get("text"), str):
            markdown_total += len(block["text"])
    if markdown_total > MAX_MARKDOWN_TOTAL:
        problems.append(f"{where}: markdown blocks total {markdown_total} chars (max {MAX_MARKDOWN_TOTAL})")
    return problems


def _limits_of_block(block: Mapping[str, Json], here: str) -> list[str]:
    problems: list[str] = []
    kind = block.get("type")
    if kind == "section":
        text = _text_of(block.get("text"))
        if text is not None and len(text) > MAX_SECTION_TEXT:
            problems.append(f"{here}.text.text: {len(text)} chars (max {MAX_SECTION_TEXT})")
        fields = block.get("fields")
        if isinstance(fields, list):
            if len(fields) > MAX_FIELDS:
                problems.append(f"{here}.fields: {len(fields)} fields (max {MAX_FIELDS})")
            for number, field in enumerate(fields):
                field_text = _text_of(field)
                if field_text is not None and len(field_text) > MAX_FIELD_TEXT:
                    problems.append(f"{here}.fields[{number}].text: {len(field_text)} chars (max {MAX_FIELD_TEXT})")
    elif kind == "header":
        text = _text_of(block.get("text"))
        if text is not None and len(text) > MAX_HEADER_TEXT:
            problems.append(f"{here}.text.text: {len(text)} chars (max {MAX_HEADER_TEXT})")
    elif kind in ("context", "actions"):
        limit = MAX_CONTEXT_ELEMENTS if kind == "context" else MAX_ACTIONS_ELEMENTS
        elements = block.get("elements")
        if isinstance(elements, list) and len(elements) > limit:
            problems.append(f"{here}.elements: {len(elements)} elements (max {limit} in one {kind} block)")
    return problems


def _limits_of_elements(block: Mapping[str, Json], here: str) -> list[str]:
    """Rules on the interactive elements anywhere inside one block, including action_id uniqueness."""
    problems: list[str] = []
    seen_action_ids: dict[str, str] = {}
    for path, node in _walk(block, here):
        if not isinstance(node, Mapping):
            continue
        action_id = node.get("action_id")
        if isinstance(action_id, str):
            if action_id in seen_action_ids:
                first = seen_action_ids[action_id]
                problems.append(f"{path}: duplicate action_id {action_id!r} in one block (first at {first})")
            else:
                seen_action_ids[action_id] = path
        kind = node.get("type")
        if kind == "button":
            label = _text_of(node.get("text"))
            if label is not None and len(label) > MAX_BUTTON_TEXT:
                problems.append(f"{path}.text.text: button text {len(label)} chars (max {MAX_BUTTON_TEXT}): {label!r}")
            value = node.get("value")
            if isinstance(value, str) and len(value) > MAX_BUTTON_VALUE:
                problems.append(f"{path}.value: button value {len(value)} chars (max {MAX_BUTTON_VALUE})")
        elif kind == "plain_text_input":
            problems += _input_lengths(node, path)
        elif kind in _CHOICE_ELEMENTS:
            problems += _count(node.get("options"), MAX_CHOICE_OPTIONS, f"{path}.options", f"{kind} options")
        elif kind in _STATIC_SELECTS:
            problems += _count(node.get("options"), MAX_SELECT_OPTIONS, f"{path}.options", f"{kind} options")
            groups = node.get("option_groups")
            problems += _count(groups, MAX_SELECT_OPTIONS, f"{path}.option_groups", f"{kind} option groups")
            for number, group in enumerate(groups if isinstance(groups, list) else []):
                if isinstance(group, Mapping):
                    where = f"{path}.option_groups[{number}].options"
                    problems += _count(group.get("options"), MAX_SELECT_OPTIONS, where, "options in a group")
        problems += _initial_options(node, path)
    return problems


def _input_lengths(element: Mapping[str, Json], path: str) -> list[str]:
    problems: list[str] = []
    max_length = element.get("max_length")
    min_length = element.get("min_length")
    if max_length is not None and not (isinstance(max_length, int) and 1 <= max_length <= MAX_INPUT_LENGTH):
        problems.append(f"{path}.max_length: {max_length!r} is outside 1..{MAX_INPUT_LENGTH}")
    if min_length is not None and not (isinstance(min_length, int) and 0 <= min_length <= MAX_INPUT_LENGTH):
        problems.append(f"{path}.min_length: {min_length!r} is outside 0..{MAX_INPUT_LENGTH}")
    if isinstance(max_length, int) and isinstance(min_length, int) and min_length > max_length:
        problems.append(f"{path}: min_length {min_length} is greater than max_length {max_length}")
    return problems


def _initial_options(element: Mapping[str, Json], path: str) -> list[str]:
    """`initial_option(s)` must each equal one of the element's options (Slack compares the whole option)."""
    if "initial_option" not in element and "initial_options" not in element:
        return []
    choices: list[Json] = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        if isinstance(group, dict):
            choices += list(group.get("options") or [])
    initial = element.get("initial_options")
    picked: list[tuple[str, Json]] = (
        [(f"{path}.initial_options[{n}]", option) for n, option in enumerate(initial)]
        if isinstance(initial, list)
        else []
    )
    if "initial_option" in element:
        picked.append((f"{path}.initial_option", element["initial_option"]))
    problems: list[str] = []
    for where, option in picked:
        if option not in choices:
            value = option.get("value") if isinstance(option, dict) else option
            problems.append(f"{where}: option with value {value!r} is not one of the element's options")
    return problems


def _count(items: Json, limit: int, path: str, what: str) -> list[str]:
    if isinstance(items, list) and len(items) > limit:
        return [f"{path}: {len(items)} {what} (max {limit})"]
    return []


def _none_values(payload: Json, root: str) -> list[str]:
    """Slack rejects `null`: builders must leave a key out rather than set it to None."""
    return [f"{path}: is None (leave the key out instead)" for path, node in _walk(payload, root) if node is None]


# --- schema validation --------------------------------------------------------------------------------------


def _schema_problems(payload: Json, definition: str | None, root: str) -> list[str]:
    """Validate the whole payload; on failure, pin the error down to single blocks.

    The schema's `block` is a `oneOf` over every block type, so an error on the whole list or view reads like
    "'card' was expected". Validating each block against its own `<type>_block` definition names the real
    problem.
    """
    errors = list(block_kit_validator(definition).iter_errors(payload))
    if not errors:
        return []
    blocks = payload if definition is None else payload.get("blocks")
    where = root if definition is None else f"{root}.blocks"
    problems: list[str] = []
    known = block_definitions()
    for index, block in enumerate(blocks if isinstance(blocks, list) else []):
        here = f"{where}[{index}] ({_describe_short(block)})"
        kind = block.get("type") if isinstance(block, dict) else None
        if not isinstance(kind, str) or f"{kind}_block" not in known:
            problems.append(f"{here}: unknown block type {kind!r}")
            continue
        error = best_match(block_kit_validator(f"{kind}_block").iter_errors(block))
        if error is not None:
            problems.append(_format_error(_deepest(error), here))
    if problems:
        return problems
    # Every block is fine on its own, so the fault is in the surrounding list or view (count, title, ...).
    return [_format_error(_deepest(error), root) for error in _top_errors(errors)]


def _top_errors(errors: list[ValidationError]) -> list[ValidationError]:
    outside_blocks = [e for e in errors if not (len(e.absolute_path) >= 1 and e.absolute_path[0] == "blocks")]
    chosen = outside_blocks or errors
    best = best_match(chosen)
    return [best] if best is not None else chosen[:1]


def _deepest(error: ValidationError) -> ValidationError:
    """Follow a `oneOf`/`anyOf` failure into the one branch whose `type` matches the instance.

    An element with a bad `style` fails every branch of `section_accessory_element`; only the `button` branch
    says what is actually wrong.
    """
    while error.context:
        branches: dict[object, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        candidates = [subs for subs in branches.values() if not any(_is_type_mismatch(sub) for sub in subs)]
        if len(candidates) != 1:
            break
        chosen = best_match(candidates[0])
        if chosen is None:
            break
        error = chosen
    return error


def _is_type_mismatch(error: ValidationError) -> bool:
    return error.validator == "const" and list(error.relative_path) == ["type"]


def _format_error(error: ValidationError, root: str) -> str:
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path)
    message = error.message
    alternatives = sorted({sub.message for sub in error.context or [] if not _is_type_mismatch(sub)})
    if alternatives:
        message += f" ({' | '.join(alternatives[:3])})"
    return f"{root}{path}: {message} (schema: {'/'.join(str(p) for p in error.absolute_schema_path)})"


# --- helpers ------------------------------------------------------------------------------------------------


def _walk(node: Json, path: str) -> Iterator[tuple[str, Json]]:
    """Every value in a JSON tree with its path, parents before children."""
    yield path, node
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}")
    elif isinstance(node, list | tuple):
        for index, value in enumerate(node):
            yield from _walk(value, f"{path}[{index}]")


def _is_block(node: Json) -> bool:
    return isinstance(node, Mapping)


def _text_of(text_object: Json) -> str | None:
    if isinstance(text_object, Mapping) and isinstance(text_object.get("text"), str):
        text: str = text_object["text"]
        return text
    return None


def _describe_short(block: Json) -> str:
    if not isinstance(block, Mapping):
        return type(block).__name__
    kind = block.get("type", "?")
    block_id = block.get("block_id")
    return f"{kind}, block_id={block_id!r}" if block_id is not None else str(kind)


def _raise(problems: list[str], surface: str) -> None:
    if problems:
        listing = "\n".join(f"  - {problem}" for problem in problems)
        raise AssertionError(f"invalid Block Kit {surface}: {len(problems)} problem(s)\n{listing}")
