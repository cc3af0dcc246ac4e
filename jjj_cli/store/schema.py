"""The compiled catalogue's tables: those of `export --format sqlite`, and jjj's own.

The export's tables (each kind of record, the items' links, the full-text index) are what a
user of sqlite3, DuckDB or Datasette reads. Besides them: `region_within`, each region with
itself and every region it lies in (through parent and also_within), so that "a region
includes its places" is an indexed lookup; and an index for each facet.

Only in the compiled catalogue, never in an export, the tables named `jjj_…`: what a run reads
to answer without loading the whole catalogue (the records as JSON, each item as `list --json`
prints it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..catalogue import ITEMS_TABLE, RECORD_TABLES, Figure, Item, Source, Theme
from ..render import records

if TYPE_CHECKING:  # the field specs make the tables; a run that reads them needs only names
    from ..catalogue.schema import Field
# The items' tables keep the names of earlier exports though they hold findings too, so that
# the queries written against those keep working: the items' own (the catalogue's ITEMS_TABLE,
# `proposals`), its links, and the links' column naming the item.
LEGACY_SOURCE = "source"
THEME_LINKS = "proposal_themes"
REGION_LINKS = "proposal_regions"
RELATED_LINKS = "proposal_related"
REGION_WITHIN = "region_within"
ITEM_COLUMN = "proposal_id"
# Each table's columns: the items' and figures' are those of their JSON records, the
# sources' too (with `file` as a reader finds it); the themes' but their coding rules; the others
# every field.
COLUMNS: Mapping[type, Sequence[str]] = {
    Source: records.SOURCE_FIELDS,
    Theme: records.THEME_FIELDS,
    Item: records.ITEM_FIELDS,
    Figure: records.FIGURE_FIELDS,
}
LINK_TABLES = f"""
CREATE TABLE {{schema}}.{THEME_LINKS} (
    {ITEM_COLUMN} TEXT NOT NULL REFERENCES {ITEMS_TABLE} (id),
    theme_id TEXT NOT NULL REFERENCES themes (id),
    PRIMARY KEY ({ITEM_COLUMN}, theme_id)
);
CREATE TABLE {{schema}}.{REGION_LINKS} (
    {ITEM_COLUMN} TEXT NOT NULL REFERENCES {ITEMS_TABLE} (id),
    region_id TEXT NOT NULL REFERENCES regions (id),
    PRIMARY KEY ({ITEM_COLUMN}, region_id)
);
-- related_id has no foreign key: a filtered export may leave the other item out
CREATE TABLE {{schema}}.{RELATED_LINKS} (
    {ITEM_COLUMN} TEXT NOT NULL REFERENCES {ITEMS_TABLE} (id),
    related_id TEXT NOT NULL, relation TEXT NOT NULL,
    PRIMARY KEY ({ITEM_COLUMN}, related_id)
);
"""
# Each region with itself and every region it lies in; and the facets' indexes.
INDEXES = f"""
CREATE TABLE {{schema}}.{REGION_WITHIN} (
    region_id TEXT NOT NULL REFERENCES regions (id),
    within_id TEXT NOT NULL REFERENCES regions (id),
    PRIMARY KEY (region_id, within_id)
);
CREATE INDEX {{schema}}.{REGION_WITHIN}_within ON {REGION_WITHIN} (within_id);
CREATE INDEX {{schema}}.{ITEMS_TABLE}_expert ON {ITEMS_TABLE} (expert);
CREATE INDEX {{schema}}.{ITEMS_TABLE}_kind ON {ITEMS_TABLE} (kind);
CREATE INDEX {{schema}}.{ITEMS_TABLE}_source ON {ITEMS_TABLE} (source);
CREATE INDEX {{schema}}.{THEME_LINKS}_theme ON {THEME_LINKS} (theme_id);
CREATE INDEX {{schema}}.{REGION_LINKS}_region ON {REGION_LINKS} (region_id);
"""
# jjj's own. jjj_meta: what the cache checks an entry against; jjj_head: the catalogue but its
# items and figures; each one sealed value (store/sealed.py). The items' rowids are those of
# `proposals`, their places in the catalogue from 1. jjj_items: each item as JSON to rebuild it
# (`record`), and its id as a name is compared (`key`). jjj_listed: each item as one element
# of `list --json`'s array. jjj_facets, jjj_item_themes, jjj_item_regions: what a selection
# filters on, a few bytes a row, so that a filter reads those and then only the rows of its
# answer (the items' own rows are a few KB: one or two to a page of the file).
INTERNAL = """
CREATE TABLE {schema}.jjj_meta (meta BLOB NOT NULL);
CREATE TABLE {schema}.jjj_head (head BLOB NOT NULL);
CREATE TABLE {schema}.jjj_texts (source TEXT PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE {schema}.jjj_items (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, key TEXT NOT NULL, record TEXT NOT NULL
);
CREATE INDEX {schema}.jjj_items_key ON jjj_items (key);
CREATE TABLE {schema}.jjj_listed (rowid INTEGER PRIMARY KEY, listed TEXT NOT NULL);
CREATE TABLE {schema}.jjj_facets (
    rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, expert TEXT NOT NULL, source TEXT NOT NULL
);
CREATE TABLE {schema}.jjj_item_themes (
    theme_id TEXT NOT NULL, item INTEGER NOT NULL, PRIMARY KEY (theme_id, item)
) WITHOUT ROWID;
CREATE TABLE {schema}.jjj_item_regions (
    region_id TEXT NOT NULL, item INTEGER NOT NULL, PRIMARY KEY (region_id, item)
) WITHOUT ROWID;
CREATE TABLE {schema}.jjj_figures (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, key TEXT NOT NULL, record TEXT NOT NULL
);
CREATE INDEX {schema}.jjj_figures_key ON jjj_figures (key);
"""


def _create_table(schema: str, name: str, spec: Mapping[str, Field], columns: Sequence[str]) -> str:
    """The table of one kind of record: a column for each field named, typed and constrained
    as the catalogue's field specs say (required, a reference to another table)."""
    from ..catalogue.schema import flag, number, positive_int

    # text unless a number; a list is text as the CSV joins it
    types: Mapping[Callable[[Any], Any], str] = {
        positive_int: "INTEGER",
        number: "NUMERIC",
        flag: "INTEGER",
    }
    definitions = []
    for column in columns:
        field = spec[column]
        definition = f"{column} {types.get(field.convert, 'TEXT')}"
        if column == "id":
            definition += " PRIMARY KEY"
        elif field.required or field.default is not None:
            definition += " NOT NULL"
        if field.refers:
            definition += f" REFERENCES {field.refers} (id)"
        definitions.append(definition)
    return f"CREATE TABLE {schema}.{name} (\n    " + ",\n    ".join(definitions) + "\n);\n"


def export_tables(schema: str = "main") -> str:
    """The export's tables, in the model's order (the links after the items'), the view 0.1's
    queries read, region_within and the indexes: all but the full-text index."""
    from ..catalogue.schema import SPECS

    script = ""
    for table in RECORD_TABLES:
        spec = SPECS[table.record]
        columns = COLUMNS.get(table.record, tuple(spec))
        script += _create_table(schema, table.name, spec, columns)
        if table.record is Item:
            script += LINK_TABLES.format(schema=schema)
    # the queries written against 0.1's exports, which had one source in a table of that name
    script += f"CREATE VIEW {schema}.{LEGACY_SOURCE} AS SELECT * FROM sources;\n"
    return script + INDEXES.format(schema=schema)


def internal_tables(schema: str = "main") -> str:
    """jjj's own tables (jjj_…), which an export leaves out."""
    return INTERNAL.format(schema=schema)
