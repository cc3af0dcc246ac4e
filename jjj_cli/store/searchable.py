"""The export's search index for the tools that find one by the table it indexes: Datasette's
search box (`/db/proposals?_search=雄安`).

Datasette looks for an FTS table declared with `content=[proposals]`, as `sqlite-utils
enable-fts` writes it, and sends it each word of a query as a phrase (`"雄安"`), tokenized by
the table's own tokenizer. No tokenizer of SQLite's splits Chinese into words: unicode61 holds
a run of Chinese characters as one token, and trigram finds nothing for a query of fewer than
three characters. So jjj writes the index's rows itself (rowid: the item's in `proposals`),
each field with every run of Chinese characters replaced by all its pieces of 1 to
`LONGEST_PIECE` characters, space-separated: a Chinese word of up to that many characters is
one token of the query, and one of the index wherever the field contains it. English words
are left as they are, for the tokenizer (`porter unicode61`: casefolded, and matched by their
Porter stem, so that `cluster` finds `clusters`).

Only in the export: `jjj search` reads its own index (store/fulltext.py), which holds each
Chinese character as a word. Since this index holds pieces, not the table's own text, FTS5's
'rebuild' (which `sqlite-utils rebuild-fts` runs) would replace them with the text's tokens.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from operator import add

from ..catalogue import ITEMS_TABLE
from ..query import CHINESE

SEARCH_INDEX = f"{ITEMS_TABLE}_search"
# The items' columns a reader searches: their text, in both languages.
SEARCHED = ("title", "title_zh", "summary", "summary_zh", "quote")
# The longest Chinese word a query finds as it is written: 雄安, 京津冀, 协同发展 are within it.
LONGEST_PIECE = 4
# Declared as `sqlite-utils enable-fts` declares it, which is what Datasette looks for.
_COLUMNS = ", ".join(f"[{column}]" for column in SEARCHED)
SEARCH_TABLE = f"""
CREATE VIRTUAL TABLE [{SEARCH_INDEX}] USING FTS5 (
    {_COLUMNS},
    tokenize='porter unicode61',
    content=[{ITEMS_TABLE}]
);
"""
# Compiled at its first use, in an export: a run that exports nothing is spared it.
_CHINESE_RUN = f"[{CHINESE}]+"


def create(connection: sqlite3.Connection) -> None:
    """Create the index, empty."""
    connection.executescript(SEARCH_TABLE)


def fill(connection: sqlite3.Connection) -> None:
    """Index the items of `proposals` as the table holds them.

    FTS5 merges an index's segments as it is written (`automerge`); held off while every item
    is written at once, it merges only what must be merged (16 segments of one level, its
    `crisismerge`), which keeps the index sound and costs a tenth less time (100,000 items:
    about 2 of 17 CPU seconds). It is set back to FTS5's default (4) for whoever writes next."""
    placeholders = ", ".join("?" * (len(SEARCHED) + 1))
    configure = f"INSERT INTO {SEARCH_INDEX} ({SEARCH_INDEX}, rank) VALUES ('automerge', ?)"
    connection.execute(configure, (0,))
    rows = connection.execute(f"SELECT rowid, {', '.join(SEARCHED)} FROM {ITEMS_TABLE}")
    try:
        connection.executemany(
            f"INSERT INTO {SEARCH_INDEX} (rowid, {', '.join(SEARCHED)}) VALUES ({placeholders})",
            _indexed_rows(rows),
        )
    finally:
        # an error half way (a full disk, ^C) leaves the generator, and so this cursor, in
        # its traceback: unfinished, it would keep the database open, its journal on disk,
        # after the caller has closed it and removed the file
        rows.close()
    connection.execute(configure, (4,))


def _indexed_rows(rows: sqlite3.Cursor) -> Iterator[tuple[object, ...]]:
    for rowid, *texts in rows:
        yield (rowid, *(indexed(text) for text in texts))


def indexed(text: str | None) -> str | None:
    """A field's text as the index holds it: each run of Chinese characters replaced by its
    pieces of 1 to LONGEST_PIECE characters, separated by spaces; the rest as it is."""
    if text is None:
        return None
    return re.sub(_CHINESE_RUN, _pieces, text)


def _pieces(run: re.Match[str]) -> str:
    characters = run.group()
    grown = list(characters)  # the pieces of one character
    pieces = " ".join(grown)
    for length in range(2, LONGEST_PIECE + 1):
        # each piece one character longer: what map() makes in C, a run's pieces at a time,
        # in half the time slicing them out one by one takes (0.5 s of 10,000 items' 1.1 s)
        grown = list(map(add, grown, characters[length - 1 :]))
        if not grown:
            break
        pieces += " " + " ".join(grown)
    # spaces either side: a piece is a token apart from the letters or digits next to the run
    return " " + pieces + " "
