"""The catalogue's JSON Schema (draft 2020-12), made from the field specs the loader checks with.

Editors (Taplo, VS Code's TOML extension) use it to check data/proposals.toml while it is
written. It holds what one table says about itself: types, required fields, no unknown fields,
id syntax. What needs the whole file (unknown references, duplicate ids, region cycles, quotes
in the source) only the loader checks: `jjj validate`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .load import TABLES
from .model import ITEMS_TABLE, KINDS, REVERSE_RELATION
from .schema import (
    SOURCE,
    Field,
    division_code,
    flag,
    kind,
    number,
    positive_int,
    related,
    slug,
    slug_list,
    text,
    text_list,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_TEXT = {"type": "string", "pattern": r"\S"}
_SLUG = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"}

# Each converter of schema.py and the JSON Schema that accepts what it accepts.
_CONVERTERS: Mapping[Callable[[Any], Any], dict[str, Any]] = {
    text: _TEXT,
    slug: _SLUG,
    text_list: {"type": "array", "items": _TEXT},
    slug_list: {"type": "array", "items": _SLUG},
    positive_int: {"type": "integer", "minimum": 1},
    number: {"type": "number"},
    flag: {"type": "boolean"},
    division_code: {"type": "string", "pattern": "^[0-9]{6}$"},
    kind: {"enum": list(KINDS)},
    related: {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"id": _SLUG, "relation": {"enum": list(REVERSE_RELATION)}},
            "required": ["id", "relation"],
            "additionalProperties": False,
        },
    },
}

# What each table is, for an editor to show; the tables and their fields come from the loader.
_DESCRIPTIONS = {
    "source": "The source text: one roundtable, stored beside the catalogue.",
    "experts": "The experts who spoke.",
    "themes": "The codebook of themes.",
    "regions": "The codebook of places, a tree through parent (and also_within) links.",
    ITEMS_TABLE: "Items: each a proposal or a finding, with the expert's own words.",
    "figures": "The statistics the experts cite.",
}


def _table(spec: Mapping[str, Field], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": {name: _CONVERTERS[field.convert] for name, field in spec.items()},
        "required": [name for name, field in spec.items() if field.required],
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a catalogue file as tomllib parses it."""
    specs = {"source": SOURCE, **{name: spec for name, (spec, _) in TABLES.items()}}
    properties: dict[str, Any] = {"source": {"$ref": "#/$defs/source"}}
    for name in TABLES:
        properties[name] = {"type": "array", "items": {"$ref": f"#/$defs/{name}"}}
    return {
        "$schema": DIALECT,
        "title": "jjj catalogue",
        "description": "A jjj catalogue (data/proposals.toml). `jjj validate` checks the rest: "
        "references, unique ids, the region tree and every quote against the source.",
        "type": "object",
        "properties": properties,
        "required": ["source"],
        "additionalProperties": False,
        "$defs": {name: _table(spec, _DESCRIPTIONS[name]) for name, spec in specs.items()},
    }
