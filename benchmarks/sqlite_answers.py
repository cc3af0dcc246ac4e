"""The benchmark's questions put to jjj's own SQLite export, as a user of sqlite3 would ask them.

`bench.py --scale` times `sqlite3 -json EXPORT SQL` beside the jjj command that answers the
same question, and checks that both return the same items. The SQL depends on the export's
schema, which has changed and may change again, so all of it is here:

- a theme: `proposal_themes`;
- a region with the places inside it: `region_within` (each region with every region it lies
  in) where the export has it, else a recursive query over `regions` (`parent`, and
  `also_within` as 'a;b' text);
- a full-text query: `proposals_fts`, whose query syntax depends on how it splits Chinese
  text. SEARCH_FORMS lists the forms known, each with a word of Chinese that only an index of
  that form holds; `search_form` finds which one a database has.

Also: how many bytes the full-text index takes, and how many bytes of text it indexes.
Needs only the standard library.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import NamedTuple

ITEMS = "proposals"
FULL_TEXT_INDEX = "proposals_fts"
# The export's index for Datasette's search box (jjj_cli/store/searchable.py), and its fields.
SEARCH_INDEX = "proposals_search"
SEARCHED_FIELDS = ("title", "title_zh", "summary", "summary_zh", "quote")


class Question(NamedTuple):
    """A question of the benchmark: the jjj command's arguments, and what SQL needs to ask it."""

    name: str
    arguments: tuple[str, ...]
    ordered: bool  # jjj answers in the catalogue's order (a search ranks its hits)


THEME = Question("theme", ("list", "--theme", "clusters", "--json"), ordered=True)
REGION = Question("region", ("list", "--region", "hebei", "--kind", "all", "--json"), ordered=True)
SEARCH = Question("search", ("search", "雄安"), ordered=False)
QUESTIONS = (THEME, REGION, SEARCH)


class SearchForm(NamedTuple):
    """One way the export's full-text index may hold Chinese: `marker` is a term only an index
    of this form has (the index's vocabulary tells them apart), `match` the MATCH expression
    that finds 雄安 in it."""

    name: str
    marker: str
    match: str


SEARCH_FORMS = (
    # every piece of every run of Chinese characters a word of its own (雄, 雄安, 雄安新, …)
    SearchForm("every piece of a Chinese run", "雄安", "'雄安'"),
    # each Chinese character a word: a Chinese word is the phrase of its characters
    SearchForm("a Chinese character a token", "雄", """'"雄 安"'"""),
)


class UnknownIndex(Exception):
    """The database's full-text index is of no form in SEARCH_FORMS."""


def search_form(connection: sqlite3.Connection) -> SearchForm:
    """The form of the full-text index of the database open in `connection`, as its vocabulary
    shows: the first of SEARCH_FORMS whose marker is one of its terms."""
    vocabulary = "temp.benchmark_vocabulary"
    connection.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {vocabulary} "
        f"USING fts5vocab(main, {FULL_TEXT_INDEX}, row)"
    )
    try:
        for form in SEARCH_FORMS:
            found = connection.execute(f"SELECT 1 FROM {vocabulary} WHERE term = ?", [form.marker])
            if found.fetchone():
                return form
    finally:
        connection.execute(f"DROP TABLE {vocabulary}")
    names = ", ".join(form.name for form in SEARCH_FORMS)
    raise UnknownIndex(f"{FULL_TEXT_INDEX} is of none of the forms known ({names})")


def has_table(connection: sqlite3.Connection, name: str) -> bool:
    found = connection.execute("SELECT 1 FROM sqlite_schema WHERE name = ?", [name])
    return found.fetchone() is not None


def theme_sql() -> str:
    """`list --theme clusters --json`: proposals (the default kind) of the theme, in order."""
    return (
        f"SELECT * FROM {ITEMS} WHERE kind = 'proposal' AND id IN "
        "(SELECT proposal_id FROM proposal_themes WHERE theme_id = 'clusters') ORDER BY rowid"
    )


def region_sql(connection: sqlite3.Connection) -> str:
    """`list --region hebei --kind all --json`: items of Hebei or of any place within it."""
    if has_table(connection, "region_within"):
        within = "SELECT region_id FROM region_within WHERE within_id = 'hebei'"
    else:
        within = (
            "WITH RECURSIVE inside (id) AS (VALUES ('hebei') UNION "
            "SELECT regions.id FROM regions JOIN inside ON regions.parent = inside.id "
            "OR instr(';' || regions.also_within || ';', ';' || inside.id || ';')) "
            "SELECT id FROM inside"
        )
    return (
        f"SELECT * FROM {ITEMS} WHERE id IN "
        f"(SELECT proposal_id FROM proposal_regions WHERE region_id IN ({within})) ORDER BY rowid"
    )


def search_sql(connection: sqlite3.Connection) -> str:
    """`jjj search 雄安`: proposals whose indexed text holds 雄安, best first."""
    form = search_form(connection)
    return (
        f"SELECT {ITEMS}.* FROM {FULL_TEXT_INDEX} "
        f"JOIN {ITEMS} ON {ITEMS}.rowid = {FULL_TEXT_INDEX}.rowid "
        f"WHERE {FULL_TEXT_INDEX} MATCH {form.match} AND {ITEMS}.kind = 'proposal' ORDER BY rank"
    )


def questions_sql(database: Path) -> dict[str, str]:
    """Each question's SQL (by name) for this database."""
    connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {
            THEME.name: theme_sql(),
            REGION.name: region_sql(connection),
            SEARCH.name: search_sql(connection),
        }
    finally:
        connection.close()


# --- sizes --------------------------------------------------------------------------------

# What `jjj search` reads of an item (explore/fulltext.search_fields), as text of the export:
# its own fields, and the names of its themes, regions and expert, each `name name_zh`, several
# joined by ' / '.
_NAMES = (
    "(SELECT group_concat(names.name || ' ' || names.name_zh, ' / ') FROM {links} AS links "
    "JOIN {table} AS names ON names.id = links.{column} WHERE links.proposal_id = items.id)"
)
_INDEXED_FIELDS = (
    "items.title",
    "items.title_zh",
    "items.summary",
    "items.summary_zh",
    "items.quote",
    _NAMES.format(links="proposal_themes", table="themes", column="theme_id"),
    _NAMES.format(links="proposal_regions", table="regions", column="region_id"),
    "(SELECT experts.name || ' ' || experts.name_zh FROM experts WHERE experts.id = items.expert)",
)
INDEXED_TEXT = (
    "SELECT sum("
    + " + ".join(f"coalesce(length(CAST({field} AS BLOB)), 0)" for field in _INDEXED_FIELDS)
    + f") FROM {ITEMS} AS items"
)


def indexed_text_bytes(database: Path) -> int:
    """The bytes (UTF-8) of the text the full-text index holds, field by field, for every item."""
    connection = sqlite3.connect(database)
    try:
        [(total,)] = connection.execute(INDEXED_TEXT)
        return int(total or 0)
    finally:
        connection.close()


def searched_text_bytes(database: Path) -> int:
    """The bytes (UTF-8) of the text Datasette's search index is made from: the items' own
    searched fields."""
    lengths = " + ".join(f"coalesce(length(CAST({field} AS BLOB)), 0)" for field in SEARCHED_FIELDS)
    connection = sqlite3.connect(database)
    try:
        [(total,)] = connection.execute(f"SELECT sum({lengths}) FROM {ITEMS}")
        return int(total or 0)
    finally:
        connection.close()


def index_bytes(database: Path, dbstat: bool = True, index: str = FULL_TEXT_INDEX) -> int:
    """The bytes of the pages of a full-text index's tables (jjj's own unless told). From
    SQLite's dbstat table where this SQLite has it (and `dbstat`); else from page counts, a
    vacuumed copy's before and after the index is dropped, which count the index's entries in
    the schema too."""
    if dbstat:
        connection = sqlite3.connect(database)
        try:
            [(total,)] = connection.execute(
                "SELECT sum(dbstat.pgsize) FROM dbstat "
                "JOIN sqlite_schema AS tables ON tables.name = dbstat.name "
                "WHERE tables.tbl_name = ? OR tables.tbl_name LIKE ? ESCAPE '!'",
                [index, index.replace("_", "!_") + "!_%"],
            )
            return int(total or 0)
        except sqlite3.OperationalError as error:
            if "dbstat" not in str(error):
                raise
        finally:
            connection.close()
    with tempfile.TemporaryDirectory() as directory:
        copy = Path(directory) / "copy.sqlite"
        connection = sqlite3.connect(database)
        try:
            connection.execute("VACUUM INTO ?", [str(copy)])
        finally:
            connection.close()
        connection = sqlite3.connect(copy)
        try:
            before = _bytes(connection)
            connection.execute(f"DROP TABLE {index}")
            connection.commit()
            connection.execute("VACUUM")
            return before - _bytes(connection)
        finally:
            connection.close()


def _bytes(connection: sqlite3.Connection) -> int:
    [(pages,)] = connection.execute("PRAGMA page_count")
    [(size,)] = connection.execute("PRAGMA page_size")
    return int(pages) * int(size)
