"""Datasette's metadata.json for an export (`jjj export --format sqlite --metadata FILE`): what
the catalogue is and where it comes from, what each table and column holds, the label of each
table's rows, the default facets, and the search index (store/searchable.py).

Made from the export as written, so that it describes every table and column the file has:
the records' fields as catalogue/descriptions.py says, the links' as store/schema.py does.
The licence is the user's to give: `license` and `license_url` are there, empty.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from .. import __version__
from ..catalogue import ITEMS_TABLE, RECORD_TABLES, Catalogue
from ..catalogue.descriptions import FIELDS, TABLES
from .schema import (
    LEGACY_SOURCE,
    LINK_COLUMNS,
    LINK_DESCRIPTIONS,
    REGION_LINKS,
    THEME_LINKS,
)
from .searchable import LONGEST_PIECE, SEARCH_INDEX

# What names a row of each table where another table links to it (Datasette shows it beside
# the id), and the facets a table's page opens with. Themes are a list in `proposals` (ids
# joined by ';', which Datasette's array facet cannot read): they are a facet of their links.
_LABELS = {
    "sources": "title",
    "experts": "name",
    "themes": "name",
    "regions": "name",
    ITEMS_TABLE: "title",
    "figures": "indicator",
}
_FACETS = {
    ITEMS_TABLE: ["expert", "kind"],
    THEME_LINKS: ["theme_id"],
    REGION_LINKS: ["region_id"],
}
_SEARCH = (
    f" Search finds English words by their stem (cluster finds clusters) and a Chinese word of "
    f"up to {LONGEST_PIECE} characters as written: split a longer one with spaces "
    "(京津冀 协同发展), and each part must occur."
)


def database_name(path: Path) -> str:
    """The name Datasette gives the database in a file: its name without the last suffix."""
    return path.stem


def metadata(catalogue: Catalogue, database: Path, name: str) -> dict[str, Any]:
    """The metadata of the export in `database`, which Datasette will call `name`."""
    connection = sqlite3.connect(database)
    try:
        tables = {
            table: [column for (_, column, *_) in connection.execute(f"PRAGMA table_info({table})")]
            for table in _shown_tables(connection)
        }
    finally:
        connection.close()
    by_name = {table.name: table.record for table in RECORD_TABLES}
    described: dict[str, Any] = {}
    for table, columns in tables.items():
        if table in by_name or table == LEGACY_SOURCE:  # a record's table, or the view of one
            fields = FIELDS[by_name.get(table, by_name["sources"])]
            description = TABLES.get(table) or "jjj 0.1's one source: a view of sources now."
        else:
            fields, description = LINK_COLUMNS[table], LINK_DESCRIPTIONS[table]
        entry: dict[str, Any] = {
            "description": description,
            "columns": {column: fields[column] for column in columns},
        }
        if table in _LABELS:
            entry["label_column"] = _LABELS[table]
        if table in _FACETS:
            entry["facets"] = _FACETS[table]
        if table == ITEMS_TABLE:
            entry["description"] += _SEARCH
            entry["fts_table"] = SEARCH_INDEX
        described[table] = entry
    return {
        "title": "jjj: " + _titled(catalogue),
        "description": "Proposals and findings of experts, each with their own words, as "
        f"jjj {__version__} exported them from its catalogue.",
        "source": "; ".join(f"{source.title} ({source.title_en})" for source in catalogue.sources),
        # the user's to give: jjj does not know under what licence they publish
        "license": "",
        "license_url": "",
        "databases": {name: {"tables": described}},
    }


def _shown_tables(connection: sqlite3.Connection) -> list[str]:
    """The database's tables and views in the order of its schema, but the full-text indexes
    and their own tables, which Datasette hides."""
    schema = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'view')"
    )
    entries = schema.fetchall()
    indexes = [name for name, sql in entries if sql.startswith("CREATE VIRTUAL TABLE")]
    return [name for name, _ in entries if not name.startswith(tuple(indexes))]


def _titled(catalogue: Catalogue) -> str:
    if len(catalogue.sources) == 1:
        return catalogue.sources[0].title_en
    return f"{len(catalogue.sources)} sources"
