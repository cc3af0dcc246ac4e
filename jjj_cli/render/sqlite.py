"""The catalogue as an SQLite database, for sqlite3, Datasette and DuckDB: the tables of the
compiled catalogue (store/schema.py says what each holds), without jjj's own.

Tables: `sources`, `experts`, `appearances`, `themes`, `regions`, `proposals` (the items, with
the CSV columns), `figures`, the links `proposal_themes`, `proposal_regions` and
`proposal_related`, `region_within` (each region with every region it lies in), and the
full-text index `proposals_fts` (store/fulltext.py); `source`, 0.1's one-row table, is now a
view of `sources`.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..catalogue import Catalogue, Figure, Item
from ..store import build
from ..store.build import Unsupported

__all__ = ["Unsupported", "database"]


def database(catalogue: Catalogue, items: Sequence[Item], figures: Sequence[Figure]) -> bytes:
    """The database file's bytes: the codebooks and source whole, the items and figures given."""
    connection = sqlite3.connect(":memory:")
    try:
        if not build.create(connection, internal=False):
            raise build.no_fts5()
        build.fill(connection, catalogue, items, figures)
        connection.commit()
        return _file_bytes(connection)
    finally:
        connection.close()


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
