"""Field-by-field checks of one TOML table: types, required fields and typos in field names."""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from .model import KINDS, REVERSE_RELATION, Related

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


class Invalid(Exception):
    """A field's value is wrong; the message says what was expected."""


def text(value: Any) -> str:
    # isspace() rather than strip(): no copy of every quote just to test it
    if not isinstance(value, str) or not value or value.isspace():
        raise Invalid(f"expected a non-empty string, got {_describe(value)}")
    return value


def slug(value: Any) -> str:
    if not SLUG.fullmatch(text(value)):
        raise Invalid(f"'{value}' is not an id (lowercase letters, digits and '-')")
    return value


def text_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise Invalid(f"expected a list of strings, got {_describe(value)}")
    for element in value:
        if not isinstance(element, str) or not element or element.isspace():
            raise Invalid(f"expected a list of non-empty strings, got {_describe(element)} in it")
    return tuple(value)


def slug_list(value: Any) -> tuple[str, ...]:
    return tuple(slug(element) for element in text_list(value))


def positive_int(value: Any) -> int:
    # bool is a subclass of int; `seq = true` is a mistake, not 1
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Invalid(f"expected a positive integer, got {_describe(value)}")
    return value


def number(value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise Invalid(f"expected a finite number, got {_describe(value)}")
    return value


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"expected true or false, got {_describe(value)}")
    return value


def division_code(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{6}", value):
        raise Invalid(f"expected a 6-digit code as a string, got {_describe(value)}")
    return value


def kind(value: Any) -> str:
    if text(value) not in KINDS:
        raise Invalid(f"unknown kind '{value}', expected one of {', '.join(KINDS)}")
    return value


def related(value: Any) -> tuple[Related, ...]:
    if not isinstance(value, list):
        raise Invalid(f"expected a list of {{ id, relation }} tables, got {_describe(value)}")
    links = []
    for link in value:
        if not isinstance(link, dict) or set(link) != {"id", "relation"}:
            raise Invalid(f"expected {{ id = ..., relation = ... }}, got {_describe(link)}")
        relation = text(link["relation"])
        if relation not in REVERSE_RELATION:
            raise Invalid(
                f"unknown relation '{relation}'{did_you_mean(relation, REVERSE_RELATION)}"
            )
        links.append(Related(slug(link["id"]), relation))
    return tuple(links)


@dataclass(frozen=True)
class Field:
    convert: Callable[[Any], Any]
    required: bool = True
    default: Any = None


OPTIONAL_TEXT = Field(text, required=False)

SOURCE = {
    "id": Field(slug),
    "title": Field(text),
    "title_en": Field(text),
    "file": Field(text),
    "sha256": Field(text),
    "language": Field(text),
    "period": OPTIONAL_TEXT,
    "period_zh": OPTIONAL_TEXT,
    "framing": OPTIONAL_TEXT,
    "framing_zh": OPTIONAL_TEXT,
    "note": OPTIONAL_TEXT,
}

EXPERT = {
    "id": Field(slug),
    **{
        name: Field(text)
        for name in (
            "name",
            "name_zh",
            "affiliation",
            "affiliation_zh",
            "headline",
            "headline_zh",
            "question",
            "question_zh",
        )
    },
    "note": OPTIONAL_TEXT,
}

THEME = {
    "id": Field(slug),
    "name": Field(text),
    "name_zh": Field(text),
    "definition": Field(text),
    "aliases": Field(text_list, required=False, default=()),
}

REGION = {
    "id": Field(slug),
    "name": Field(text),
    "name_zh": Field(text),
    "aliases": Field(text_list, required=False, default=()),
    "level": Field(text),
    "parent": Field(slug, required=False),
    "also_within": Field(slug_list, required=False, default=()),
    "code": Field(division_code, required=False),
    "comparison": Field(flag, required=False, default=False),
    "note": OPTIONAL_TEXT,
}

ITEM = {
    "id": Field(slug),
    "kind": Field(kind),
    "expert": Field(slug),
    "seq": Field(positive_int),
    "title": Field(text),
    "title_zh": Field(text),
    "summary": Field(text),
    "summary_zh": Field(text),
    "themes": Field(slug_list),
    "regions": Field(slug_list),
    "quote": Field(text),
    "related": Field(related, required=False, default=()),
    "note": OPTIONAL_TEXT,
}

FIGURE = {
    "id": Field(slug),
    "expert": Field(slug),
    "indicator": Field(text),
    "indicator_zh": Field(text),
    "value": Field(number),
    "unit": Field(text),
    "year": Field(positive_int),
    "region": Field(slug),
    "compared_with": Field(slug, required=False),
    "ratio": Field(number, required=False),
    "quote": Field(text),
    "note": OPTIONAL_TEXT,
}


def read_fields(
    table: Any, schema: Mapping[str, Field]
) -> tuple[dict[str, Any], list[tuple[str | None, str]]]:
    """Convert a raw TOML table by its schema; return the values and each (field, message)."""
    if not isinstance(table, dict):
        return {}, [(None, f"expected a table, got {_describe(table)}")]
    values: dict[str, Any] = {}
    errors: list[tuple[str | None, str]] = []
    for name in (name for name in table if name not in schema):
        errors.append((name, f"unknown field{did_you_mean(name, schema)}"))
    for name, spec in schema.items():
        if name not in table:
            if spec.required:
                errors.append((name, "missing"))
            values[name] = spec.default
            continue
        try:
            values[name] = spec.convert(table[name])
        except Invalid as invalid:
            errors.append((name, str(invalid)))
    return values, errors


def did_you_mean(value: str, choices: Any) -> str:
    """A ' (did you mean 'x'?)' suffix for a message, or '' when nothing is close."""
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _describe(value: Any) -> str:
    """A value as a message shows it: short, and saying what kind of thing it is."""
    if isinstance(value, str):
        if not value.strip():
            return "an empty string"
        return repr(value) if len(value) <= 40 else repr(value[:40]) + "…"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        number = repr(value)
        return f"the number {number if len(number) <= 20 else number[:20] + '…'}"
    names = {list: "a list", dict: "a table"}
    return names.get(type(value), "a date or time")
