"""The JSON contract: plain dicts for every record and view. Field names here are public."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from ..catalogue import (
    Appearance,
    Expert,
    Figure,
    Item,
    QuoteCheck,
    Region,
    Related,
    Rule,
    Source,
    Theme,
)
from ..query import ExpertView, Facet, ItemView, RegionView, SourceView, ThemeView, View

Record = dict[str, Any]

# A list in one cell of a table (CSV, TSV and the SQLite export's columns): its elements joined.
LIST_SEPARATOR = ";"

# The item record's fields in order: the columns of exports, and what `--fields` may pick. The
# model's fields (catalogue/model.py) in its order, but the note, which `show` adds; so are
# the figure's columns (its JSON, `figure`, has the note).
ITEM_FIELDS = tuple(name for name in Item._fields if name != "note")
# `search` adds what matched to each item.
HIT_FIELDS = (*ITEM_FIELDS, "field", "score")
FIGURE_FIELDS = tuple(name for name in Figure._fields if name != "note")
SOURCE_FIELDS = tuple(name for name in Source._fields if name != "path")  # a path of this machine
# A theme's coding rules are lists of tables: `show THEME` and `themes --rules` give them, the
# exports' tables (a row per theme) leave them out.
RULE_LISTS = ("include", "exclude")
THEME_FIELDS = tuple(name for name in Theme._fields if name not in RULE_LISTS)
# What an expert has in one source; the expert's record gains a list of these.
APPEARANCE_FIELDS = tuple(name for name in Appearance._fields if name != "expert")
# 0.1 gave each expert one headline and question: they stay, from the expert's first source.
FIRST_APPEARANCE_FIELDS = ("headline", "headline_zh", "question", "question_zh")
# A codebook entry (before its count): the names, then what each kind adds. A region's entry
# also opens what `show REGION` prints.
NAME_FIELDS = ("id", "name", "name_zh")
REGION_ENTRY_FIELDS = (*NAME_FIELDS, "level", "code", "parent", "comparison", "aliases")
ENTRY_FIELDS = {
    Facet.expert: NAME_FIELDS,
    Facet.theme: (*NAME_FIELDS, "aliases"),
    Facet.region: REGION_ENTRY_FIELDS,
    Facet.source: ("id", "title", "title_en", "kind", "date"),
}


def pick(records: Iterable[Record], fields: Sequence[str]) -> list[Record]:
    """Only the named fields of each record, in the order given."""
    return [{name: record[name] for name in fields} for record in records]


def fields_of(record: NamedTuple, names: Sequence[str]) -> Record:
    """The named fields of a model record as JSON has them: its tuples as lists, each related
    link as {id, relation}."""
    return {name: _json_value(getattr(record, name)) for name in names}


def _json_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return [
            link._asdict()
            if isinstance(link, Related)
            else rule(link)
            if isinstance(link, Rule)
            else link
            for link in value
        ]
    if isinstance(value, date):  # a source's date, as ISO 8601 writes it
        return value.isoformat()
    return value


def rule(rule: Rule, *, gives: bool = False) -> Record:
    """A coding rule: what it says (`rule_zh` in Chinese, null where not written), its
    example's id and the words of its quote the rule is about; with `gives` (a rule of
    [coding]), the example's tags in the rule's facet, null when the rule does not say them."""
    record: Record = {
        "rule": rule.rule,
        "rule_zh": rule.rule_zh,
        "example": rule.example,
        "words": rule.words,
    }
    if gives:
        record["gives"] = None if rule.gives is None else list(rule.gives)
    return record


def expert(expert: Expert, appearances: Sequence[Appearance]) -> Record:
    """An expert as JSON has them: the person, the first source's headline and question (as
    0.1 had them), and what they have in each source."""
    first = appearances[0] if appearances else None
    return {
        **fields_of(expert, Expert._fields),
        **{name: getattr(first, name) if first else None for name in FIRST_APPEARANCE_FIELDS},
        "appearances": [fields_of(each, APPEARANCE_FIELDS) for each in appearances],
    }


def source(source: Source, file: str) -> Record:
    """A source as outputs give it: its text's `file` as a reader finds it from the entry file
    (Catalogue.shown_file), not as the TOML file that declares it says it."""
    return {**fields_of(source, SOURCE_FIELDS), "file": file or source.file}


def item(item: Item) -> Record:
    return fields_of(item, ITEM_FIELDS)


def figure(figure: Figure) -> Record:
    """A figure as outputs give it, with its note: a caveat a reader of the number needs (where
    it disagrees with official statistics), not a curator's aside."""
    return {**fields_of(figure, FIGURE_FIELDS), "note": figure.note}


def view(view: View) -> Record:
    """What `show` prints for one record, with its items, figures or links."""
    if isinstance(view, SourceView):
        return {
            **source(view.source, view.file),
            "experts": [expert.id for expert in view.experts],
            "counts": dict(view.counts),
        }
    if isinstance(view, ExpertView):
        return {
            **expert(view.expert, view.appearances),
            "items": [item(each) for each in view.items],
            "figures": [figure(each) for each in view.figures],
        }
    if isinstance(view, ItemView):
        related = [
            {
                "id": link.id,
                "relation": link.relation,
                "title": other.title,
                "title_zh": other.title_zh,
            }
            for link, other in view.related
        ]
        return {**item(view.item), "related": related, "note": view.item.note}
    if isinstance(view, ThemeView):
        theme = fields_of(view.theme, Theme._fields)
        return {**theme, "items": [item(each) for each in view.items]}
    if isinstance(view, RegionView):
        return {
            **fields_of(view.region, REGION_ENTRY_FIELDS),
            "also_within": list(view.region.also_within),
            "children": [child.id for child in view.children],
            "note": view.region.note,
            "items": [item(each) for each in view.items],
        }
    return figure(view)


def codebook(
    facet: Facet, entries: Iterable[tuple[Expert | Theme | Region | Source, int]]
) -> list[Record]:
    """Codebook rows: id, names and count, plus aliases (themes) or place in the tree (regions);
    a source's: id, titles, kind, date and count."""
    names = ENTRY_FIELDS[facet]
    return [{**fields_of(record, names), "count": count} for record, count in entries]


def verification(files: Mapping[str, str], checks: Iterable[QuoteCheck]) -> Record:
    """`verify --json`: the totals, every quote missing, and the same for each source (source
    id -> its file as shown, in the catalogue's order). `source` is the one source's file, as
    0.1 had it; null when there are several."""
    checks = list(checks)
    missing = [
        {"id": check.id, "table": check.table, "quote": check.quote, "source": check.source}
        for check in checks
        if not check.found
    ]
    sources = [
        {
            "source": source,
            "file": file,
            "checked": sum(check.source == source for check in checks),
            "missing": [miss for miss in missing if miss["source"] == source],
        }
        for source, file in files.items()
    ]
    return {
        "source": next(iter(files.values())) if len(files) == 1 else None,
        "checked": len(checks),
        "missing": missing,
        "sources": sources,
    }
