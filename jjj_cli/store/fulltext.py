"""The full-text index of the items, as `jjj search` and the export use it.

The index holds the fields `jjj search` reads, under the names its hits give (title, title_zh,
summary, summary_zh, quote, and the names of the item's themes, regions and expert), so that a
query finds the same items through both. It finds Chinese words of any length, two characters
(雄安) included. SQLite's own tokenizers cannot: `unicode61` takes a run of Chinese characters
as one word, and `trigram` ignores queries shorter than three characters. So the Chinese text is
indexed as every piece of each run of Chinese characters (雄安新区: 雄, 雄安, 雄安新, 雄安新区,
安, …), the other text word by word, in a contentless table whose rowids are those of
`proposals`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

from ..catalogue import Catalogue, Item
from ..explore.fulltext import FIELD_WEIGHTS, search_fields
from ..query import CHINESE, without_layout_spaces

FULL_TEXT_INDEX = "proposals_fts"
# `ORDER BY rank` weighs a field as `jjj search` does
_WEIGHTS = ", ".join(str(weight) for weight in FIELD_WEIGHTS.values())
FULL_TEXT = f"""
CREATE VIRTUAL TABLE {FULL_TEXT_INDEX} USING fts5 (
    {", ".join(FIELD_WEIGHTS)},
    content = '', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO {FULL_TEXT_INDEX} ({FULL_TEXT_INDEX}, rank) VALUES ('rank', 'bm25({_WEIGHTS})');
"""

_CHINESE_RUN = re.compile(f"[{CHINESE}]+")


def create(connection: sqlite3.Connection) -> None:
    """Create the index (raises sqlite3.OperationalError naming fts5 without FTS5)."""
    connection.executescript(FULL_TEXT)


def fill(
    connection: sqlite3.Connection, catalogue: Catalogue, items: Iterable[tuple[int, Item]]
) -> None:
    """Index each item under its rowid in `proposals`."""
    connection.executemany(
        f"INSERT INTO {FULL_TEXT_INDEX} (rowid, {', '.join(FIELD_WEIGHTS)}) "
        f"VALUES (?, {', '.join('?' * len(FIELD_WEIGHTS))})",
        (
            (rowid, *(searchable(text) for text in search_fields(catalogue, item).values()))
            for rowid, item in items
        ),
    )


def searchable(text: str) -> str:
    """Text as the full-text index reads it: each run of Chinese characters replaced by all of
    its pieces, as separate words, so that any Chinese word in the run is a word of the index.
    Spaces between Chinese characters are layout, as `jjj search` takes them."""

    def pieces(match: re.Match[str]) -> str:
        run = match.group()
        ends = range(1, len(run) + 1)
        words = (run[start:end] for start in range(len(run)) for end in ends if end > start)
        return " " + " ".join(words) + " "

    return _CHINESE_RUN.sub(pieces, without_layout_spaces(text))
