"""Writing a catalogue into an SQLite database: the one builder of the compiled catalogue and of
the tables `export --format sqlite` writes (store/schema.py).

The items and figures keep the catalogue's order as their rowids, from 1: `ORDER BY rowid` is
source order, in every table that has them.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from ..catalogue import (
    ITEMS_TABLE,
    RECORD_TABLES,
    Catalogue,
    Figure,
    Item,
    Related,
    Source,
    name_key,
    reachable,
)
from ..language import _
from ..render import records
from ..render.export import csv_cell
from ..render.output import Unavailable
from ..render.stream import json_element
from . import fulltext, searchable
from .schema import (
    COLUMNS,
    ITEM_COLUMN,
    REGION_LINKS,
    REGION_WITHIN,
    RELATED_LINKS,
    THEME_LINKS,
    export_tables,
    internal_tables,
)
from .sealed import seal

# The tables of the codebooks and experts, written whole: each a row a record, its columns every
# field or COLUMNS' (a theme's, but its rules).
_WHOLE_TABLES = ("experts", "appearances", "themes", "regions")
_RECORDS: Mapping[str, Any] = {table.name: table.record for table in RECORD_TABLES}


class Unsupported(Unavailable):
    """This Python's SQLite cannot build the export (it lacks FTS5): not the user's mistake."""


def no_fts5() -> Unsupported:
    message = _(
        "the SQLite in this Python ({version}) has no FTS5, which the full-text index needs"
    )
    return Unsupported(message.format(version=sqlite3.sqlite_version))


def create(connection: sqlite3.Connection, schema: str = "main", internal: bool = True) -> bool:
    """Create the export's tables in `schema`, and jjj's own if `internal`; then, in `main`
    only, the full-text index. Whether the index was made: not when this SQLite lacks FTS5
    (raise `no_fts5()` where the index is needed)."""
    connection.executescript(export_tables(schema) + (internal_tables(schema) if internal else ""))
    if schema != "main":
        return False
    try:
        fulltext.create(connection)
    except sqlite3.OperationalError as error:
        if "fts5" in str(error):
            return False
        raise
    return True


@contextmanager
def export_database(target: Path) -> Iterator[sqlite3.Connection]:
    """The new database of an export at `target`, its tables made (Unsupported where this
    SQLite lacks FTS5) for the block to fill; after it, the items it wrote indexed for
    Datasette's search (store/searchable.py), then committed and closed."""
    database = sqlite3.connect(target)
    try:
        if not create(database, internal=False):
            raise no_fts5()
        searchable.create(database)
        database.commit()
        yield database
        searchable.fill(database)
        database.commit()
    finally:
        database.close()


def fill(
    connection: sqlite3.Connection,
    catalogue: Catalogue,
    items: Sequence[Item],
    figures: Sequence[Figure],
    schema: str = "main",
) -> None:
    """Write the codebooks and sources whole, the items and figures given, into the tables
    `create` made in `schema` (jjj's own and the full-text index where they are)."""
    tables = {name for (name,) in connection.execute(f"SELECT name FROM {schema}.sqlite_master")}
    # each table new: its rowids count from 1 in the order its rows are given
    for table in export_rows(catalogue, items, figures):
        _insert(connection, f"{schema}.{table.name}", table.columns, table.rows)
    if "jjj_items" in tables:
        _fill_internal(connection, catalogue, items, figures, schema)
    if fulltext.FULL_TEXT_INDEX in tables:
        fulltext.fill(connection, catalogue, enumerate(items, 1))


class TableRows(NamedTuple):
    """One of the export's tables: its name, its columns and its rows, each value as the
    column holds it."""

    name: str
    columns: Sequence[str]
    rows: Iterable[Sequence[Any]]


def export_rows(
    catalogue: Catalogue, items: Iterable[Item], figures: Iterable[Figure]
) -> Iterator[TableRows]:
    """The rows of the export's tables but the full-text index, in the order export_tables
    makes them: the codebooks and sources whole, the items and figures given and the items'
    links. Each table's rows are made as they are read: `items` is read once for each of the
    four tables it fills (give a collection, or a Counted)."""
    sources = (records.source(source, catalogue.shown_file(source)) for source in catalogue.sources)
    yield TableRows("sources", COLUMNS[Source], (tuple(row.values()) for row in sources))
    for table in _WHOLE_TABLES:
        entries = getattr(catalogue, table)
        columns = COLUMNS.get(_RECORDS[table], _RECORDS[table]._fields)
        yield TableRows(table, columns, (_row(entry[: len(columns)]) for entry in entries))
    yield TableRows(ITEMS_TABLE, records.ITEM_FIELDS, (_row(item)[:-1] for item in items))
    yield TableRows(
        THEME_LINKS,
        (ITEM_COLUMN, "theme_id"),
        ((item.id, theme) for item in items for theme in item.themes),
    )
    yield TableRows(
        REGION_LINKS,
        (ITEM_COLUMN, "region_id"),
        ((item.id, region) for item in items for region in item.regions),
    )
    yield TableRows(
        RELATED_LINKS,
        (ITEM_COLUMN, "related_id", "relation"),
        ((item.id, link.id, link.relation) for item in items for link in item.related),
    )
    yield TableRows("figures", records.FIGURE_FIELDS, (figure[:-1] for figure in figures))
    yield TableRows(REGION_WITHIN, ("region_id", "within_id"), region_within(catalogue))


def region_within(catalogue: Catalogue) -> Iterator[tuple[str, str]]:
    """Each region with itself and every region it lies in, through parent and also_within:
    (region, outer) for every outer region whose places include it."""
    for region in catalogue.regions:
        yield region.id, region.id
        for each in sorted(reachable(region.id, catalogue.parents) - {region.id}):
            yield region.id, each


def compile_catalogue(
    connection: sqlite3.Connection, catalogue: Catalogue, meta: Mapping[str, Any]
) -> None:
    """The whole catalogue into an empty database, with what `meta` says about it (what the
    cache checks the entry against) and what the compiled catalogue adds: the number of items
    (Compiled checks it), and whether it has the full-text index (not where this SQLite lacks
    FTS5). The head and the meta are sealed (store/sealed.py)."""
    indexed = create(connection, internal=True)
    fill(connection, catalogue, catalogue.items, catalogue.figures)
    connection.execute("INSERT INTO jjj_head (head) VALUES (?)", (seal(encode_head(catalogue)),))
    connection.executemany(
        "INSERT INTO jjj_texts (source, text) VALUES (?, ?)", catalogue.texts.items()
    )
    everything = {**meta, "items": len(catalogue.items), "fulltext": indexed}
    connection.execute("INSERT INTO jjj_meta (meta) VALUES (?)", (seal(everything),))
    connection.commit()


def _fill_internal(
    connection: sqlite3.Connection,
    catalogue: Catalogue,
    items: Sequence[Item],
    figures: Sequence[Figure],
    schema: str,
) -> None:
    numbered = list(enumerate(items, 1))
    _insert(
        connection,
        f"{schema}.jjj_items",
        ("rowid", "id", "key", "record"),
        ((rowid, item.id, name_key(item.id), _compact(item)) for rowid, item in numbered),
    )
    _insert(
        connection,
        f"{schema}.jjj_listed",
        ("rowid", "listed"),
        ((rowid, json_element(records.item(item))) for rowid, item in numbered),
    )
    _insert(
        connection,
        f"{schema}.jjj_facets",
        ("rowid", "kind", "expert", "source"),
        ((rowid, item.kind, item.expert, item.source) for rowid, item in numbered),
    )
    _insert(
        connection,
        f"{schema}.jjj_item_themes",
        ("theme_id", "item"),
        ((theme, rowid) for rowid, item in numbered for theme in item.themes),
    )
    _insert(
        connection,
        f"{schema}.jjj_item_regions",
        ("region_id", "item"),
        ((region, rowid) for rowid, item in numbered for region in item.regions),
    )
    _insert(
        connection,
        f"{schema}.jjj_figures",
        ("rowid", "id", "key", "record"),
        (
            (rowid, figure.id, name_key(figure.id), _compact(figure))
            for rowid, figure in enumerate(figures, 1)
        ),
    )


# One encoder for every record: json.dumps would make one a call.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _compact(record: Item | Figure) -> str:
    """A record's values as a JSON array, in the model's order (tuples as arrays)."""
    return _COMPACT.encode(record)


def _row(record: Any) -> tuple[Any, ...]:
    """A record's values as the columns have them: a list as the CSV joins it ('a;b',
    'id:relation'), a date as ISO 8601 writes it."""
    return tuple(map(_column_value, record))


def _column_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return csv_cell([link._asdict() if isinstance(link, Related) else link for link in value])
    if isinstance(value, date):
        return value.isoformat()
    return value


def _insert(
    connection: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> None:
    marks = ", ".join("?" * len(columns))
    connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def encode_head(catalogue: Catalogue) -> dict[str, Any]:
    """Everything but the items, figures and texts, in lists, dicts, strings and numbers (for
    store/sealed.py), as JSON would hold them: paths relative to the entry file's
    folder; with each expert's appearances as Catalogue.appearing has them (items and figures
    count there, which the head leaves out)."""
    base = catalogue.path.parent

    def relative(path: Path) -> str:
        return os.path.relpath(path, base)

    return {
        "sources": [
            {**_encode(source), "path": relative(source.path)} for source in catalogue.sources
        ],
        **{
            table: [_encode(record) for record in getattr(catalogue, table)]
            for table in _WHOLE_TABLES
        },
        "files": [relative(file) for file in catalogue.files],
        "includes": [
            [
                relative(include.file),
                [relative(matched) for matched in include.matched],
                include.pattern,
            ]
            for include in catalogue.includes
        ],
        "appearing": {
            expert: [_encode(appearance) for appearance in appearances]
            for expert, appearances in catalogue.appearing.items()
        },
        "coding": _encode(catalogue.coding),
    }


def _encode(record: Any) -> dict[str, Any]:
    values = {}
    for name, value in record._asdict().items():
        if isinstance(value, tuple):  # of strings, or of records (a theme's rules): as lists
            value = [list(each) if isinstance(each, tuple) else each for each in value]
        elif isinstance(value, Path):
            continue
        elif isinstance(value, date):
            value = value.isoformat()
        values[name] = value
    return values
