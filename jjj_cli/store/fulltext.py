"""The full-text index of the items, as `jjj search` and the export use it.

The index holds the fields `jjj search` reads, under the names its hits give (title, title_zh,
summary, summary_zh, quote, and the names of the item's themes, regions and expert). Each field
is stored as its words, the matcher's own (runs of letters and digits), casefolded, each Chinese
character a word of its own, separated by spaces: `雄安新区 Free-trade` is `雄 安 新 区 free
trade`. SQLite's `ascii` tokenizer splits that at the spaces and nowhere else (every other
character of a word is an ASCII letter or digit, or not ASCII). So a Chinese string of any
length, one character included, is the phrase of its characters (`"雄 安"`), and an English word
a prefix (`"cluster"*`), and the index is about as large as the text it indexes. The table is
contentless: its rowids are those of `proposals`.

The index finds candidates: every item `jjj search` finds, and perhaps a few more (a phrase of
Chinese characters matches across punctuation; a word in the index is casefolded more loosely
than the matcher compares), which the matcher then checks and ranks (`Compiled.search`, with
`explore.fulltext.rank_documents`).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

from ..catalogue import Catalogue, Item
from ..explore.fulltext import FIELD_WEIGHTS, Term, query_terms, search_fields
from ..query import CHINESE, has_chinese, is_chinese

FULL_TEXT_INDEX = "proposals_fts"
# `ORDER BY rank` weighs a field as `jjj search` does
_WEIGHTS = ", ".join(str(weight) for weight in FIELD_WEIGHTS.values())
_COLUMNS = ", ".join(FIELD_WEIGHTS)
# in the database named by {schema}, "main" or an attached one
FULL_TEXT = f"""
CREATE VIRTUAL TABLE {{schema}}.{FULL_TEXT_INDEX} USING fts5 (
    {_COLUMNS}, content = '', tokenize = 'ascii'
);
INSERT INTO {{schema}}.{FULL_TEXT_INDEX} ({FULL_TEXT_INDEX}, rank)
    VALUES ('rank', 'bm25({_WEIGHTS})');
"""

# A word of the index: a run of letters and digits that are not Chinese, or one Chinese
# character (a letter or digit too: the ranges of CHINESE hold unassigned code points as well).
# Compiled by `re` at its first use, in compiling: a search, which never needs it, is spared
# a millisecond.
_INDEX_WORD = f"[^\\W_{CHINESE}]+|[^\\W_]"
# `re` matches i and ı and İ alike when it ignores case, and casefold() leaves ı as it is and
# makes İ two characters: the index holds both as the i a query of ASCII letters holds.
_DOTTED_AND_DOTLESS_I = str.maketrans({"İ": "i", "ı": "i"})
_ASCII_WORD = re.compile("[a-z0-9]+")
_MATCHER_WORD = re.compile(r"[^\W_]+")  # explore.fulltext's word


class Candidates(NamedTuple):
    """A query over the index: `sql` selects the rowids of the candidates, given `parameters`."""

    sql: str
    parameters: tuple[str, ...]


def create(connection: sqlite3.Connection, schema: str = "main") -> None:
    """Create the index (raises sqlite3.OperationalError naming fts5 without FTS5)."""
    connection.executescript(FULL_TEXT.format(schema=schema))


def fill(
    connection: sqlite3.Connection,
    catalogue: Catalogue,
    items: Iterable[tuple[int, Item]],
    schema: str = "main",
) -> None:
    """Index each item under its rowid in `proposals`."""
    connection.executemany(
        f"INSERT INTO {schema}.{FULL_TEXT_INDEX} (rowid, {_COLUMNS}) "
        f"VALUES (?, {', '.join('?' * len(FIELD_WEIGHTS))})",
        (
            (rowid, *(indexed(text) for text in search_fields(catalogue, item).values()))
            for rowid, item in items
        ),
    )


def copy(connection: sqlite3.Connection, source: str, target: str) -> bool:
    """Copy the index of the database named `source` into the new, empty one `target` has,
    as it is, for a target whose `proposals` are the source's under the same rowids (an export
    of every item): FTS5 keeps an index in tables of its own (proposals_fts_data and the
    others), and the same rows in them are the same index, without tokenizing every item
    again. False, with nothing changed, where the two indexes are not declared alike or this
    SQLite refuses to write those tables (its defensive mode): then `fill` the index."""
    declared = f"SELECT sql FROM {{}}.sqlite_master WHERE name = '{FULL_TEXT_INDEX}'"
    if (
        connection.execute(declared.format(source)).fetchall()
        != connection.execute(declared.format(target)).fetchall()
    ):
        return False
    shadows = connection.execute(
        f"SELECT name FROM {source}.sqlite_master WHERE type = 'table' AND name GLOB ?",
        (f"{FULL_TEXT_INDEX}_*",),
    ).fetchall()
    connection.execute("SAVEPOINT copy_index")
    try:
        for (name,) in shadows:
            connection.execute(f"DELETE FROM {target}.{name}")
            connection.execute(f"INSERT INTO {target}.{name} SELECT * FROM {source}.{name}")
    except sqlite3.DatabaseError:
        connection.execute("ROLLBACK TO copy_index")
        return False
    finally:
        connection.execute("RELEASE copy_index")
    return True


def indexed(text: str) -> str:
    """A field's text as the index holds it: its words, casefolded, each Chinese character on
    its own, separated by spaces."""
    # casefolding a word changes no character outside it (each character folds on its own)
    return " ".join(re.findall(_INDEX_WORD, text)).translate(_DOTTED_AND_DOTLESS_I).casefold()


def candidates(
    connection: sqlite3.Connection, query: str, schema: str = "main"
) -> Candidates | None:
    """The rowids of the items the index says may match the query: every item `jjj search`
    would find among all of them, perhaps with others. None when the index cannot say so
    safely (a word with letters other than ASCII ones, which `re` and casefold() may compare
    differently, or nothing the index holds) or the database has no index (its SQLite lacked
    FTS5): the caller then reads every item."""
    expression = match_expression(query)
    if expression is None or not _has_index(connection, schema):
        return None
    sql = f"SELECT rowid FROM {schema}.{FULL_TEXT_INDEX} WHERE {FULL_TEXT_INDEX} MATCH ?"
    return Candidates(sql, (expression,))


def _has_index(connection: sqlite3.Connection, schema: str) -> bool:
    found = connection.execute(
        f"SELECT 1 FROM {schema}.sqlite_master WHERE name = ?", (FULL_TEXT_INDEX,)
    )
    return found.fetchone() is not None


def match_expression(query: str) -> str | None:
    """The query in the index's own syntax (FTS5's), as a user of the export could write it:
    each term a phrase, all of them required. See `candidates`."""
    phrases: list[str] = []
    for term in query_terms(query):
        term_phrases = _phrases(term)
        if term_phrases is None:
            return None
        phrases += term_phrases
    return " AND ".join(phrases) if phrases else None


def _phrases(term: Term) -> list[str] | None:
    """The phrases that hold wherever the term matches (explore.fulltext._pattern): each a
    run of index words that stand side by side in the text, as `"a b"*`-style pieces joined
    by +; None if a word of the term is one the index cannot look up."""
    phrases: list[list[str]] = [[]]

    def cut() -> None:  # what follows need not stand next to what came before
        if phrases[-1]:
            phrases.append([])

    for word in term:
        if has_chinese(word):
            # matched character by character, spaces allowed between, words not bounded
            for char in word:
                # one character is a word of the index if it is a letter or digit, as `re`'s \w
                # (but _) tells them: a Chinese one is one if the Unicode tables know it
                if is_chinese(char) and char.isalnum():
                    phrases[-1].append(_quoted(char))
                elif not _is_plain_separator(char):
                    cut()  # a letter or digit that may be part of any index word
            continue
        parts = _MATCHER_WORD.findall(word)
        if not all(_ASCII_WORD.fullmatch(part) for part in parts):
            return None
        # each part a whole index word, but the last: from the start of a word, the rest of
        # which may follow (`cluster` finds `clusters`)
        phrases[-1] += [_quoted(part) for part in parts[:-1]]
        phrases[-1].append(_quoted(parts[-1]) + "*")
    return [" + ".join(phrase) for phrase in phrases if phrase]


def _is_plain_separator(char: str) -> bool:
    """A character that is no part of any index word, and that `re`, ignoring case, matches
    only to characters that are no part of one either: the index skips it, as the text's
    punctuation, and the words either side of it stay side by side."""
    return not _MATCHER_WORD.fullmatch(char) and char.lower() == char.upper() == char


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'
