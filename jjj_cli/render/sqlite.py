"""The catalogue as an SQLite database, for sqlite3, Datasette and DuckDB.

Tables: `sources`, `experts`, `appearances`, `themes`, `regions`, `proposals` (the items, with
the CSV columns), `figures`, the links `proposal_themes`, `proposal_regions` and
`proposal_related`, and the full-text index `proposals_fts`; `source`, 0.1's one-row table, is
now a view of `sources`.

The index (store/fulltext.py) holds the fields `jjj search` reads, under the names its hits
give, as their words, each Chinese character a word of its own, in a contentless table whose
rowids are those of `proposals` (docs/export.md gives the query syntax):

    SELECT p.id, p.title FROM proposals_fts JOIN proposals AS p ON p.rowid = proposals_fts.rowid
    WHERE proposals_fts MATCH '"雄 安"' ORDER BY rank
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..catalogue import ITEMS_TABLE, RECORD_TABLES, Catalogue, Figure, Item, Source
from ..catalogue.schema import SPECS, Field, flag, number, positive_int
from ..store import fulltext
from . import records
from .export import csv_cell
from .output import Unavailable

# A record's column type: text unless a number; a list is text as the CSV joins it.
_COLUMN_TYPES: Mapping[Callable[[Any], Any], str] = {
    positive_int: "INTEGER",
    number: "NUMERIC",
    flag: "INTEGER",
}
# The items' tables keep the names of earlier exports though they hold findings too, so that
# the queries written against those keep working: the items' own (the catalogue's ITEMS_TABLE,
# `proposals`), its links, its full-text index, and the links' column naming the item.
LEGACY_SOURCE = "source"
THEME_LINKS = "proposal_themes"
REGION_LINKS = "proposal_regions"
RELATED_LINKS = "proposal_related"
FULL_TEXT_INDEX = fulltext.FULL_TEXT_INDEX
ITEM_COLUMN = "proposal_id"
LINK_TABLES = f"""
CREATE TABLE {THEME_LINKS} (
    {ITEM_COLUMN} TEXT NOT NULL REFERENCES {ITEMS_TABLE} (id),
    theme_id TEXT NOT NULL REFERENCES themes (id),
    PRIMARY KEY ({ITEM_COLUMN}, theme_id)
);
CREATE TABLE {REGION_LINKS} (
    {ITEM_COLUMN} TEXT NOT NULL REFERENCES {ITEMS_TABLE} (id),
    region_id TEXT NOT NULL REFERENCES regions (id),
    PRIMARY KEY ({ITEM_COLUMN}, region_id)
);
-- related_id has no foreign key: a filtered export may leave the other item out
CREATE TABLE {RELATED_LINKS} (
    {ITEM_COLUMN} TEXT NOT NULL REFERENCES {ITEMS_TABLE} (id),
    related_id TEXT NOT NULL, relation TEXT NOT NULL,
    PRIMARY KEY ({ITEM_COLUMN}, related_id)
);
"""


def _create_table(name: str, spec: Mapping[str, Field], columns: Sequence[str]) -> str:
    """The table of one kind of record: a column for each field named, typed and constrained
    as the catalogue's field specs say (required, a reference to another table)."""
    definitions = []
    for column in columns:
        field = spec[column]
        definition = f"{column} {_COLUMN_TYPES.get(field.convert, 'TEXT')}"
        if column == "id":
            definition += " PRIMARY KEY"
        elif field.required or field.default is not None:
            definition += " NOT NULL"
        if field.refers:
            definition += f" REFERENCES {field.refers} (id)"
        definitions.append(definition)
    return f"CREATE TABLE {name} (\n    " + ",\n    ".join(definitions) + "\n);\n"


def _tables() -> str:
    """The source's table, each record table (the links after the items'), in the model's order.
    Items and figures have the columns of their JSON records; the others every field."""
    columns = {
        Source: records.SOURCE_FIELDS,
        Item: records.ITEM_FIELDS,
        Figure: records.FIGURE_FIELDS,
    }
    script = ""
    for table in RECORD_TABLES:
        spec = SPECS[table.record]
        script += _create_table(table.name, spec, columns.get(table.record, tuple(spec)))
        if table.record is Item:
            script += LINK_TABLES
    # the queries written against 0.1's exports, which had one source in a table of that name
    return script + f"CREATE VIEW {LEGACY_SOURCE} AS SELECT * FROM sources;\n"


class Unsupported(Unavailable):
    """This Python's SQLite cannot build the export (it lacks FTS5): not the user's mistake."""


def database(catalogue: Catalogue, items: Sequence[Item], figures: Sequence[Figure]) -> bytes:
    """The database file's bytes: the codebooks and source whole, the items and figures given."""
    connection = sqlite3.connect(":memory:")
    try:
        try:
            connection.executescript(_tables())
            fulltext.create(connection)
        except sqlite3.OperationalError as error:
            if "fts5" in str(error):
                raise Unsupported(
                    f"the SQLite in this Python ({sqlite3.sqlite_version}) has no FTS5, "
                    "which the full-text index needs"
                ) from None
            raise
        _fill(connection, catalogue, items, figures)
        connection.commit()
        return _file_bytes(connection)
    finally:
        connection.close()


def _fill(
    connection: sqlite3.Connection,
    catalogue: Catalogue,
    items: Sequence[Item],
    figures: Sequence[Figure],
) -> None:
    sources = [records.source(source, catalogue.shown_file(source)) for source in catalogue.sources]
    _insert(connection, "sources", sources)
    for table, entries in (
        ("experts", catalogue.experts),
        ("appearances", catalogue.appearances),
        ("themes", catalogue.themes),
        ("regions", catalogue.regions),
    ):
        _insert(connection, table, [_lists_as_csv(entry._asdict()) for entry in entries])
    _insert(connection, ITEMS_TABLE, [_lists_as_csv(records.item(item)) for item in items])
    _insert(
        connection,
        THEME_LINKS,
        [{ITEM_COLUMN: item.id, "theme_id": theme} for item in items for theme in item.themes],
    )
    _insert(
        connection,
        REGION_LINKS,
        [{ITEM_COLUMN: item.id, "region_id": region} for item in items for region in item.regions],
    )
    _insert(
        connection,
        RELATED_LINKS,
        [
            {ITEM_COLUMN: item.id, "related_id": link.id, "relation": link.relation}
            for item in items
            for link in item.related
        ],
    )
    _insert(connection, "figures", [records.figure(figure) for figure in figures])
    rowids = dict(connection.execute(f"SELECT id, rowid FROM {ITEMS_TABLE}"))
    fulltext.fill(connection, catalogue, ((rowids[item.id], item) for item in items))


def _lists_as_csv(row: dict[str, Any]) -> dict[str, Any]:
    """Lists as the CSV has them ('a;b', 'id:relation'); other values as they are."""
    return {
        name: csv_cell(list(value)) if isinstance(value, (list, tuple)) else value
        for name, value in row.items()
    }


def _insert(connection: sqlite3.Connection, table: str, rows: Iterable[dict[str, Any]]) -> None:
    rows = list(rows)
    if not rows:
        return
    columns = list(rows[0])
    connection.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [tuple(row[column] for column in columns) for row in rows],
    )


def _file_bytes(connection: sqlite3.Connection) -> bytes:
    if sys.version_info >= (3, 11):
        return connection.serialize()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "export.db"
        target = sqlite3.connect(path)
        try:
            connection.backup(target)
        finally:
            target.close()
        return path.read_bytes()
