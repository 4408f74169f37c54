"""A JSON Schema's discriminated unions, checked by their discriminator instead of by trying every alternative.

The Block Kit schema describes a block (and an element, a rich-text leaf, a text object) as a `oneOf` over every
type, each alternative an object that requires `type` with its own constant. A validator that meets such a
`oneOf` validates the instance against all the alternatives to count the ones that match: 21 block types for
every block, 18 element types for every accessory. That was nearly all of the builder contract tests' time.

`discriminated(schema)` rewrites each such `oneOf`, and only those, as "an object whose `type` is one of the
constants, and, if `type` is c, valid against c's alternative". The two accept exactly the same instances: the
constants differ, so at most one alternative can match, and it is the one the discriminator picks; an instance
that is not an object, or has no `type` or an unknown one, matches none in either. A `oneOf` that does not meet
every one of these conditions is left as it is.
"""

from __future__ import annotations

import copy
from typing import Any

Json = Any

DEFS_PREFIX = "#/$defs/"


def discriminated(schema: dict[str, Json]) -> dict[str, Json]:
    """A copy of `schema` (draft 2020-12, alternatives as `{"$ref": "#/$defs/<name>"}`) with each discriminated
    `oneOf` checked through its discriminator; `schema` itself is left unchanged."""
    rewritten: dict[str, Json] = copy.deepcopy(schema)
    definitions = rewritten.get("$defs", {})
    _rewrite(rewritten, definitions)
    return rewritten


def _rewrite(node: Json, definitions: dict[str, Json]) -> None:
    if isinstance(node, list):
        for item in node:
            _rewrite(item, definitions)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _rewrite(value, definitions)
    alternatives = node.get("oneOf")
    if not isinstance(alternatives, list):
        return
    constants = [_discriminator(alternative, definitions) for alternative in alternatives]
    if not constants or None in constants or len(set(constants)) != len(constants):
        return
    del node["oneOf"]
    branches: list[Json] = [{"type": "object", "required": ["type"], "properties": {"type": {"enum": constants}}}]
    branches += [
        {"if": {"properties": {"type": {"const": constant}}}, "then": alternative}
        for constant, alternative in zip(constants, alternatives, strict=True)
    ]
    node["allOf"] = [*node.get("allOf", []), *branches]


def _discriminator(alternative: Json, definitions: dict[str, Json]) -> str | None:
    """The constant `type` an alternative requires, when it is a `$ref` to an object definition that requires a
    string `type` with a `const`; otherwise None."""
    if not isinstance(alternative, dict) or set(alternative) != {"$ref"}:
        return None
    reference = alternative["$ref"]
    if not isinstance(reference, str) or not reference.startswith(DEFS_PREFIX):
        return None
    definition = definitions.get(reference.removeprefix(DEFS_PREFIX))
    if not isinstance(definition, dict) or definition.get("type") != "object":
        return None
    if "type" not in definition.get("required", []):
        return None
    constant = definition.get("properties", {}).get("type", {}).get("const")
    return constant if isinstance(constant, str) else None
