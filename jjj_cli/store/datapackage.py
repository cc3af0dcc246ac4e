"""`export --format datapackage`: the export's tables as a Frictionless Data Package (v1), a
CSV file per table and `datapackage.json`, which describes each with a Table Schema.

The tables, their columns, keys and references are those of the SQLite export, read from the
tables export_tables makes (store/schema.py); their rows are those it is filled with
(build.export_rows), written as the CSV export writes a table (render.export.delimited). The
catalogue's field specs say what SQL cannot: which fields are yes/no or dates, which are
lists, which the catalogue requires.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ..catalogue import ITEMS_TABLE, KINDS, RECORD_TABLES, SOURCE_KINDS, Catalogue, Figure, Item
from ..catalogue.model import REVERSE_RELATION
from ..catalogue.schema import (
    SPECS,
    Field,
    calendar_date,
    flag,
    number,
    positive_int,
    related,
    slug_list,
    text_list,
)
from ..render.export import delimited
from ..render.records import LIST_SEPARATOR
from .build import export_rows
from .schema import (
    ITEM_COLUMN,
    REGION_LINKS,
    REGION_WITHIN,
    RELATED_LINKS,
    THEME_LINKS,
    export_tables,
)

DESCRIPTOR = "datapackage.json"
PROFILE = "tabular-data-package"
NAME = "jjj-catalogue"

# What each column holds, by its name in any table, or `table.column` where one table's differs.
# (Each table's own description is the catalogue's JSON Schema's, catalogue/json_schema.py.)
_FIELDS = {
    "id": "The record's id: unique across all the tables.",
    "name": "The name in English.",
    "name_zh": "The name in Chinese.",
    "note": "A note of the curator's.",
    "title": "The title in the source's own language.",
    "title_en": "The title in English.",
    "file": "The source's text, relative to the entry catalogue file's folder.",
    "sha256": "The SHA-256 of the stored text.",
    "language": "The text's language.",
    "sources.kind": "What kind of text the source is.",
    "publisher": "Who published it, where the text itself says so.",
    "date": "When it was published, where the text itself says so.",
    "url": "Where it was published.",
    "period": "The period the source speaks of, in English.",
    "period_zh": "The period the source speaks of, in Chinese.",
    "framing": "How the source frames what the experts say, in English.",
    "framing_zh": "How the source frames what the experts say, in Chinese.",
    "affiliation": "The expert's affiliation, in English.",
    "affiliation_zh": "The expert's affiliation, in Chinese.",
    "experts.note": "About the person.",
    "expert": "The expert's id.",
    "source": "The source's id.",
    "headline": "The headline over the expert's section, in English.",
    "headline_zh": "The headline over the expert's section, in Chinese.",
    "question": "The question put to the expert, in English.",
    "question_zh": "The question put to the expert, in Chinese.",
    "appearances.note": "A note on the attribution.",
    "definition": "When a curator applies the theme.",
    "aliases": "Other names.",
    "level": "The level of the place (region, province, prefecture …).",
    "parent": "The id of the region it lies in.",
    "also_within": "The ids of further regions it lies in, for places that straddle a border.",
    "code": "The GB/T 2260 administrative division code, where one exists.",
    "comparison": "Whether the place is outside Beijing–Tianjin–Hebei, named only to compare.",
    f"{ITEMS_TABLE}.kind": "proposal (something to do) or finding (how things are).",
    "seq": "The item's order within its source.",
    "summary": "The summary in English.",
    "summary_zh": "The summary in Chinese.",
    "title_zh": "The title in Chinese.",
    f"{ITEMS_TABLE}.title": "The title in English.",
    "themes": "The ids of its themes.",
    "regions": "The ids of the regions it concerns.",
    "quote": "The expert's own words, exactly as the source has them.",
    "related": "Its links to other experts' items.",
    "indicator": "What is measured, in English.",
    "indicator_zh": "What is measured, in Chinese.",
    "value": "The value, as the source gives it.",
    "unit": "The unit of the value.",
    "year": "The year the value is for.",
    "region": "The id of the region it is for.",
    "compared_with": "The id of the region it is compared with.",
    "ratio": "The ratio of the two regions' values, as the source gives it.",
    ITEM_COLUMN: "The item's id.",
    "theme_id": "The theme's id.",
    "region_id": "The region's id.",
    "related_id": "The other item's id (it may not be in this package when it was filtered).",
    "relation": "How the item relates to the other.",
    "within_id": "The id of a region whose places include it: itself, or one it lies in.",
}
_LINKS = {
    THEME_LINKS: "Each item's themes, a row each.",
    REGION_LINKS: "Each item's regions, a row each.",
    RELATED_LINKS: "Each item's related items, a row each, both ways.",
    REGION_WITHIN: "Each region with itself and every region it lies in, through parent and "
    "also_within: a region's places are the rows with its id as within_id.",
}
_RECORDS: Mapping[str, type] = {table.name: table.record for table in RECORD_TABLES}
_TYPES: Mapping[Callable[[Any], Any], str] = {
    positive_int: "integer",
    number: "number",
    flag: "boolean",
    calendar_date: "date",
}
_SQL_TYPES = {"INTEGER": "integer"}
_LISTS = (text_list, slug_list, related)
_JOINED = f"A list: its elements joined by '{LIST_SEPARATOR}'."
_LINKS_JOINED = f"A list of id:relation, joined by '{LIST_SEPARATOR}'."


def table_schemas(catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """Each table of the export (the SQLite export's, but the full-text index) by its name, in
    its order, with its Table Schema: each column's type, whether the catalogue requires it,
    the values it may take where they are few, and its description; the primary key and the
    references to other tables. `catalogue` gives the theme ids."""
    enums: Mapping[str, Iterable[str]] = {
        f"{ITEMS_TABLE}.kind": KINDS,
        "sources.kind": SOURCE_KINDS,
        f"{THEME_LINKS}.theme_id": [theme.id for theme in catalogue.themes],
        f"{RELATED_LINKS}.relation": dict.fromkeys([*REVERSE_RELATION, *REVERSE_RELATION.values()]),
    }
    database = sqlite3.connect(":memory:")
    try:
        database.executescript(export_tables())
        names = database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {table: _table_schema(database, table, enums) for (table,) in names.fetchall()}
    finally:
        database.close()


def _table_schema(
    database: sqlite3.Connection, table: str, enums: Mapping[str, Iterable[str]]
) -> dict[str, Any]:
    """The Table Schema of one table as SQLite has made it, with what its field specs add."""
    spec = SPECS.get(_RECORDS.get(table, type(None)), {})
    columns = database.execute(f"PRAGMA table_info({table})").fetchall()
    fields = [
        _field(table, name, declared, bool(not_null or key), spec.get(name), enums)
        for _, name, declared, not_null, _, key in columns
    ]
    schema: dict[str, Any] = {"fields": fields}
    keys = sorted((key, name) for _, name, _, _, _, key in columns if key)
    if keys:
        schema["primaryKey"] = [name for _, name in keys]
    order = [column[1] for column in columns]
    references = database.execute(f"PRAGMA foreign_key_list({table})").fetchall()
    if references:  # in the order of the columns (SQLite lists them last first)
        schema["foreignKeys"] = [
            # a table's reference to itself names no resource
            {
                "fields": column,
                "reference": {"resource": "" if other == table else other, "fields": to},
            }
            for _, _, other, column, to, *_ in sorted(references, key=lambda r: order.index(r[3]))
        ]
    return schema


def _field(
    table: str,
    name: str,
    declared: str,
    not_null: bool,
    spec: Field | None,
    enums: Mapping[str, Iterable[str]],
) -> dict[str, Any]:
    """One column's field: its type, description and constraints. A record's column is as
    its field spec says; a link's, as its SQL does."""
    description = _FIELDS.get(f"{table}.{name}") or _FIELDS[name]
    if spec is None:
        kind, required = _SQL_TYPES.get(declared, "string"), not_null
    else:
        kind = _TYPES.get(spec.convert, "string")
        listed = spec.convert in _LISTS
        if listed:  # text, as the CSV export joins it
            description += " " + (_LINKS_JOINED if spec.convert is related else _JOINED)
        # an empty list is an empty cell, which a reader takes for no value
        required = spec.required and not listed
    constraints: dict[str, Any] = {"required": True} if required else {}
    if f"{table}.{name}" in enums:
        constraints["enum"] = list(enums[f"{table}.{name}"])
    field: dict[str, Any] = {"name": name, "type": kind, "description": description}
    return {**field, "constraints": constraints} if constraints else field


def table_descriptions() -> dict[str, str]:
    """What each table of the export is, by its name: the records' as the catalogue's JSON
    Schema says, the links' as here (Datasette's metadata shows them too)."""
    from ..catalogue.json_schema import TABLE_DESCRIPTIONS

    return {**TABLE_DESCRIPTIONS, **_LINKS}


def descriptor(catalogue: Catalogue) -> dict[str, Any]:
    """`datapackage.json`: the package, its sources (as the catalogue names them: nothing
    more is known of them) and a resource for each table's CSV file. No licence, which is the
    user's to give; no date, so that the same catalogue gives the same package."""
    descriptions = table_descriptions()
    sources = catalogue.sources
    title = sources[0].title_en if len(sources) == 1 else f"{len(sources)} sources"
    resources = [
        {
            "name": table,
            "path": f"{table}.csv",
            "profile": "tabular-data-resource",
            "description": descriptions[table],
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }
        for table, schema in table_schemas(catalogue).items()
    ]
    return {
        "profile": PROFILE,
        "name": NAME,
        "title": f"jjj: {title}",
        "description": "What experts proposed and found, each item with their own words, "
        "written by `jjj export --format datapackage`: the sources, experts, themes and "
        "regions whole; the items the export selected, and the figures of its experts and "
        "sources.",
        "sources": [_source(source.title, source.url) for source in sources],
        "resources": resources,
    }


def _source(title: str, url: str | None) -> dict[str, str]:
    return {"title": title, "path": url} if url else {"title": title}


def write_package(
    catalogue: Catalogue, items: Iterable[Item], figures: Iterable[Figure], directory: Path
) -> None:
    """Write the data package of these items and figures into `directory`, which is empty:
    a CSV file per table, made as its rows are read, then `datapackage.json`. `items` is read
    once for each table it fills (a collection, or a Counted)."""
    package = descriptor(catalogue)
    columns = {
        resource["name"]: [field["name"] for field in resource["schema"]["fields"]]
        for resource in package["resources"]
    }
    for table in export_rows(catalogue, items, figures):
        rows = (dict(zip(table.columns, row)) for row in table.rows)
        with open(directory / f"{table.name}.csv", "wb") as file:
            for chunk in delimited(rows, columns[table.name]):
                file.write(chunk.encode("utf-8"))
    text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    (directory / DESCRIPTOR).write_bytes(text.encode("utf-8"))


def is_data_package(directory: Path) -> bool:
    """Whether `directory` holds a data package jjj wrote and nothing else: its
    `datapackage.json` and the CSV files it names (--force replaces only such a one)."""
    try:
        package = json.loads((directory / DESCRIPTOR).read_text(encoding="utf-8"))
        ours = package["name"] == NAME and package["profile"] == PROFILE
        paths = {resource["path"] for resource in package["resources"]}
    except (OSError, ValueError, KeyError, TypeError):
        return False
    named = {DESCRIPTOR, *(path for path in paths if isinstance(path, str))}
    return ours and all(entry.name in named and entry.is_file() for entry in directory.iterdir())
