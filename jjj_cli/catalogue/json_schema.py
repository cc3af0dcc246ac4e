"""The catalogue's JSON Schema (draft 2020-12), made from the field specs the loader checks with.

Editors (Taplo, VS Code's TOML extension) use it to check data/proposals.toml while it is
written. It holds what one table says about itself: types, required fields, no unknown fields,
id syntax. What needs the whole file (unknown references, duplicate ids, region cycles, quotes
in the source) only the loader checks: `jjj validate`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .load import CODING_TABLE, TABLES
from .model import ITEMS_TABLE, KINDS, REVERSE_RELATION, SOURCE_KINDS
from .schema import (
    CODING,
    GIVES,
    OPTIONAL_RULE_FIELDS,
    RULE_FIELDS,
    RULE_ZH,
    Field,
    calendar_date,
    coding_rules,
    division_code,
    flag,
    kind,
    number,
    positive_int,
    related,
    slug,
    slug_list,
    source_kind,
    text,
    text_list,
    theme_rules,
    web_address,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_TEXT = {"type": "string", "pattern": r"\S"}
_SLUG = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"}
_SLUGS = {"type": "array", "items": _SLUG}
_RULE_DESCRIPTIONS = {
    "rule": "What the rule says.",
    RULE_ZH: "What the rule says, in Chinese.",
    "example": "The id of an item of the source the rule is about.",
    "words": "Words of that item's quote, exactly as it writes them, that the rule is about.",
    GIVES: "The tags the example carries in the rule's facet: theme ids under "
    "coding.themes, region ids under coding.regions.",
}


def _rules(fields: tuple[str, ...]) -> dict[str, Any]:
    """A list of coding rules, each an inline table of `fields` (schema.RULE_FIELDS, and
    `gives` where it may be said)."""
    return {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                name: {
                    **(_SLUGS if name == GIVES else _SLUG if name == "example" else _TEXT),
                    "description": _RULE_DESCRIPTIONS[name],
                }
                for name in fields
            },
            "required": [name for name in RULE_FIELDS if name not in OPTIONAL_RULE_FIELDS],
            "additionalProperties": False,
        },
    }


# Each converter of schema.py and the JSON Schema that accepts what it accepts.
_CONVERTERS: Mapping[Callable[[Any], Any], dict[str, Any]] = {
    text: _TEXT,
    slug: _SLUG,
    text_list: {"type": "array", "items": _TEXT},
    slug_list: _SLUGS,
    positive_int: {"type": "integer", "minimum": 1},
    number: {"type": "number"},
    flag: {"type": "boolean"},
    division_code: {"type": "string", "pattern": "^[0-9]{6}$"},
    kind: {"enum": list(KINDS)},
    source_kind: {"enum": list(SOURCE_KINDS)},
    # an editor's TOML schema support shows a TOML date to the schema as a string
    calendar_date: {"type": "string", "format": "date"},
    web_address: {"type": "string", "pattern": "^https?://[^\\s/]+"},
    related: {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"id": _SLUG, "relation": {"enum": list(REVERSE_RELATION)}},
            "required": ["id", "relation"],
            "additionalProperties": False,
        },
    },
    theme_rules: _rules(RULE_FIELDS),
    coding_rules: _rules((*RULE_FIELDS, GIVES)),
}

# What each table is, for an editor to show; the tables and their fields come from the loader.
TABLE_DESCRIPTIONS = {
    "sources": "The source texts (a roundtable, an interview, an article...), each stored "
    "beside the catalogue file that declares it.",
    "experts": "The experts: people, whatever sources they speak in.",
    "appearances": "What an expert has in one source: the headline over their section, the "
    "question put to them, a note on the attribution.",
    "themes": "The codebook of themes.",
    "regions": "The codebook of places, a tree through parent (and also_within) links.",
    ITEMS_TABLE: "Items: each a proposal or a finding, with the expert's own words.",
    "figures": "The statistics the experts cite.",
}


_CODING = (
    "The coding rules that are no one theme's: `themes`, those for every theme; `regions`, "
    "when a place is tagged and when the whole region is. One [coding] table in a catalogue."
)

_INCLUDE = (
    "Further catalogue files to read, as paths or globs relative to this file "
    '(e.g. "sources/*.toml").'
)


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
    specs = {name: spec for name, (spec, _) in TABLES.items()}
    include = {"type": "array", "items": _TEXT}
    properties: dict[str, Any] = {"include": {**include, "description": _INCLUDE}}
    for name in TABLES:
        properties[name] = {"type": "array", "items": {"$ref": f"#/$defs/{name}"}}
    properties[CODING_TABLE] = {"$ref": f"#/$defs/{CODING_TABLE}"}
    return {
        "$schema": DIALECT,
        "title": "jjj catalogue",
        "description": "A jjj catalogue file (data/proposals.toml, or a file it includes). "
        "`jjj validate` checks the rest: references, unique ids, the region tree and every "
        "quote against its source.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "$defs": {
            **{name: _table(spec, TABLE_DESCRIPTIONS[name]) for name, spec in specs.items()},
            CODING_TABLE: _table(CODING, _CODING),
        },
    }
