"""Field-by-field checks of one TOML table: types, required fields and typos in field names."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, get_type_hints

from ..language import N_, _, listed
from .model import (
    KINDS,
    REVERSE_RELATION,
    SOURCE_KINDS,
    Appearance,
    Coding,
    Expert,
    Figure,
    Item,
    Number,
    Region,
    Related,
    Rule,
    Source,
    Theme,
    quote_start,
)

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


class Invalid(Exception):
    """A field's value is wrong; the message says what was expected. `part`: where in the
    value, when it is a list of tables (`[2].example`), for the problem to name."""

    def __init__(self, message: str, part: str = "") -> None:
        super().__init__(message)
        self.part = part


def text(value: Any) -> str:
    # isspace() rather than strip(): no copy of every quote just to test it
    if not isinstance(value, str) or not value or value.isspace():
        raise Invalid(_("expected a non-empty string, got {value}").format(value=_describe(value)))
    return value


def slug(value: Any) -> str:
    if not SLUG.fullmatch(checked := text(value)):
        message = _("'{value}' is not an id (lowercase letters, digits and '-')")
        raise Invalid(message.format(value=value))
    return checked


def text_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise Invalid(_("expected a list of strings, got {value}").format(value=_describe(value)))
    for element in value:
        if not isinstance(element, str) or not element or element.isspace():
            message = _("expected a list of non-empty strings, got {value} in it")
            raise Invalid(message.format(value=_describe(element)))
    return tuple(value)


def slug_list(value: Any) -> tuple[str, ...]:
    elements = text_list(value)
    if all(map(SLUG.fullmatch, elements)):  # the usual case, checked without a call apiece
        return elements
    return tuple(slug(element) for element in elements)  # to say which one is wrong


def positive_int(value: Any) -> int:
    # bool is a subclass of int; `seq = true` is a mistake, not 1
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Invalid(_("expected a positive integer, got {value}").format(value=_describe(value)))
    return value


def number(value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise Invalid(_("expected a finite number, got {value}").format(value=_describe(value)))
    return value


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(_("expected true or false, got {value}").format(value=_describe(value)))
    return value


def division_code(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{6}", value):
        message = _("expected a 6-digit code as a string, got {value}")
        raise Invalid(message.format(value=_describe(value)))
    return value


def kind(value: Any) -> str:
    if (checked := text(value)) not in KINDS:
        message = _("unknown kind '{value}', expected one of {kinds}")
        raise Invalid(message.format(value=value, kinds=listed(KINDS)))
    return checked


def source_kind(value: Any) -> str:
    if (checked := text(value)) not in SOURCE_KINDS:
        hint = did_you_mean(checked, SOURCE_KINDS) or _(", expected one of {kinds}").format(
            kinds=listed(SOURCE_KINDS)
        )
        raise Invalid(_("unknown kind of source '{value}'{hint}").format(value=value, hint=hint))
    return checked


def calendar_date(value: Any) -> date:
    # a TOML date (2021-03-05), not a date and time: a source's date is a day
    if not isinstance(value, date) or isinstance(value, datetime):
        message = _("expected a date such as 2021-03-05 (no quotes), got {value}")
        raise Invalid(message.format(value=_describe(value)))
    return value


def web_address(value: Any) -> str:
    if not re.match(r"https?://[^\s/]+", checked := text(value)):
        message = _("expected an http:// or https:// address, got {value}")
        raise Invalid(message.format(value=_describe(value)))
    return checked


def related(value: Any) -> tuple[Related, ...]:
    if not isinstance(value, list):
        message = _("expected a list of {{ id, relation }} tables, got {value}")
        raise Invalid(message.format(value=_describe(value)))
    links = []
    for link in value:
        if not isinstance(link, dict) or set(link) != {"id", "relation"}:
            message = _("expected {{ id = ..., relation = ... }}, got {value}")
            raise Invalid(message.format(value=_describe(link)))
        relation = text(link["relation"])
        if relation not in REVERSE_RELATION:
            message = _("unknown relation '{value}'{hint}")
            raise Invalid(
                message.format(value=relation, hint=did_you_mean(relation, REVERSE_RELATION))
            )
        links.append(Related(slug(link["id"]), relation))
    return tuple(links)


# A coding rule's fields as the file writes them, in the model's order; `rule_zh` (the rule in
# Chinese) may be left out, and `gives` is only in the [coding] table's rules, where it may be.
RULE_ZH = "rule_zh"
RULE_FIELDS = ("rule", RULE_ZH, "example", "words")
GIVES = "gives"
OPTIONAL_RULE_FIELDS = (RULE_ZH, GIVES)


def _rules(value: Any, known: tuple[str, ...]) -> tuple[Rule, ...]:
    if not isinstance(value, list):
        message = _("expected a list of {{ rule, example, words }} tables, got {value}")
        raise Invalid(message.format(value=_describe(value)))
    rules = []
    for index, entry in enumerate(value):
        place = f"[{index}]"
        if not isinstance(entry, dict):
            message = _("expected {{ rule = ..., example = ..., words = ... }}, got {value}")
            raise Invalid(message.format(value=_describe(entry)), place)
        for name in entry:
            if name == GIVES and GIVES not in known:
                message = _("not in a theme's rules: the tags an example gives are the theme")
                raise Invalid(message, f"{place}.{name}")
            if name not in known:
                hint = did_you_mean(name, known)
                raise Invalid(_("unknown field{hint}").format(hint=hint), f"{place}.{name}")
        values: dict[str, Any] = {}
        for name in known:
            if name not in entry:
                if name not in OPTIONAL_RULE_FIELDS:
                    raise Invalid(_("missing"), f"{place}.{name}")
                values[name] = None
                continue
            convert = {"example": slug, GIVES: slug_list}.get(name, text)
            try:
                values[name] = convert(entry[name])
            except Invalid as invalid:
                raise Invalid(str(invalid), f"{place}.{name}") from None
        rules.append(Rule(**values))
    return tuple(rules)


def theme_rules(value: Any) -> tuple[Rule, ...]:
    """A theme's `include` or `exclude`: rules with their examples, no `gives`."""
    return _rules(value, RULE_FIELDS)


def coding_rules(value: Any) -> tuple[Rule, ...]:
    """The rules of the [coding] table: each example may say the tags it `gives`."""
    return _rules(value, (*RULE_FIELDS, GIVES))


@dataclass(frozen=True)
class Field:
    convert: Callable[[Any], Any]
    required: bool = True
    default: Any = None
    refers: str | None = None  # the table whose id this is, for the export's foreign keys


# What a field's type in the model says about it in the file, when the table says nothing more:
# text, optional text, a list of names, a count, a number, a yes/no.
_BY_TYPE: Mapping[Any, Field] = {
    str: Field(text),
    str | None: Field(text, required=False),
    tuple[str, ...]: Field(text_list, required=False, default=()),
    int: Field(positive_int),
    Number: Field(number),
    Number | None: Field(number, required=False),
    bool: Field(flag, required=False, default=False),
    tuple[Related, ...]: Field(related, required=False, default=()),
    tuple[Rule, ...]: Field(theme_rules, required=False, default=()),
}
ID = Field(slug)


def _spec(record: type, not_in_file: tuple[str, ...] = (), **fields: Field) -> dict[str, Field]:
    """A table's fields as the file has them: the model's, in its order, each read as its type
    says unless `fields` says more (an id, a reference). `not_in_file`: what the loader adds."""
    types = get_type_hints(record)
    unknown = set(fields).difference(types)
    if unknown:  # a field renamed in the model and not here
        raise TypeError(f"{record.__name__} has no field {', '.join(sorted(unknown))}")
    return {
        name: fields.get(name) or _BY_TYPE[kind]
        for name, kind in types.items()
        if name not in not_in_file
    }


# Each table's fields come from the model (catalogue/model.py), where they are declared once.
SOURCE = _spec(
    Source,
    not_in_file=("path",),
    id=ID,
    kind=Field(source_kind, required=False),
    date=Field(calendar_date, required=False),
    url=Field(web_address, required=False),
)
EXPERT = _spec(Expert, id=ID)
APPEARANCE = _spec(
    Appearance,
    expert=Field(slug, refers="experts"),
    source=Field(slug, refers="sources"),
)
THEME = _spec(Theme, id=ID)
REGION = _spec(
    Region,
    id=ID,
    parent=Field(slug, required=False, refers="regions"),
    also_within=Field(slug_list, required=False, default=()),
    code=Field(division_code, required=False),
)
ITEM = _spec(
    Item,
    id=ID,
    kind=Field(kind),
    expert=Field(slug, refers="experts"),
    themes=Field(slug_list),
    regions=Field(slug_list),
    source=Field(slug, refers="sources"),
)
FIGURE = _spec(
    Figure,
    id=ID,
    expert=Field(slug, refers="experts"),
    region=Field(slug, refers="regions"),
    compared_with=Field(slug, required=False, refers="regions"),
    source=Field(slug, refers="sources"),
)
# The [coding] table: one a catalogue, not a table of records.
CODING = _spec(
    Coding,
    themes=Field(coding_rules, required=False, default=()),
    regions=Field(coding_rules, required=False, default=()),
)
SPECS: Mapping[type, Mapping[str, Field]] = {
    Source: SOURCE,
    Expert: EXPERT,
    Appearance: APPEARANCE,
    Theme: THEME,
    Region: REGION,
    Item: ITEM,
    Figure: FIGURE,
}


def read_fields(
    table: Any, schema: Mapping[str, Field]
) -> tuple[dict[str, Any], list[tuple[str | None, str]]]:
    """Convert a raw TOML table by its schema; return the values and each (field, message)."""
    if not isinstance(table, dict):
        return {}, [(None, _("expected a table, got {value}").format(value=_describe(table)))]
    values: dict[str, Any] = {}
    errors: list[tuple[str | None, str]] = []
    for name in (name for name in table if name not in schema):
        errors.append((name, _("unknown field{hint}").format(hint=did_you_mean(name, schema))))
    for name, spec in schema.items():
        if name not in table:
            if spec.required:
                errors.append((name, _("missing")))
            values[name] = spec.default
            continue
        try:
            values[name] = spec.convert(table[name])
        except Invalid as invalid:
            errors.append((name + invalid.part, str(invalid)))
    return values, errors


def did_you_mean(value: str, choices: Any) -> str:
    """A ' (did you mean 'x'?)' suffix for a message, or '' when nothing is close."""
    close = difflib.get_close_matches(value, list(choices), n=1)
    return _(" (did you mean '{value}'?)").format(value=close[0]) if close else ""


def _describe(value: Any) -> str:
    """A value as a message shows it: short, and saying what kind of thing it is."""
    if isinstance(value, str):
        if not value.strip():
            return _("an empty string")
        return quote_start(value, 40, quoted=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _("the number {value}").format(value=quote_start(repr(value), 20))
    if isinstance(value, datetime):
        return _("a date and time")
    if isinstance(value, time):
        return _("a time of day")
    if isinstance(value, date):
        return _("the date {value}").format(value=value.isoformat())
    names: dict[type, str] = {list: N_("a list"), dict: N_("a table")}
    return _(names.get(type(value), N_("a value of another kind")))
