"""The catalogue as the loader gave it, answering every question a compiled one answers, with
query.py (the reference): for a run with no compiled catalogue to open. With no cache to keep
one, compiling would cost more than the run's own question; after an edit, the run answers at
once and the catalogue is compiled apart (cache.open_compiled).

tests/test_store.py holds the two to the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalogue import Catalogue, Figure, Item
from ..query import (
    Facet,
    Kind,
    Record,
    Selection,
    View,
    codebook,
    describe,
    find,
    select_figures,
    select_items,
)

if TYPE_CHECKING:
    from ..explore.fulltext import Brief, Found, Hit


class Loaded:
    """A loaded catalogue behind the questions of `compiled.Compiled` (which see)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.head = catalogue  # all of it: the names to resolve, and the rest
        self.path = catalogue.path

    def select(self, selection: Selection) -> Iterator[Item]:
        return iter(select_items(self.head, selection))

    def item_ids(self, selection: Selection) -> Iterator[str]:
        return (item.id for item in self.select(selection))

    def search(self, query: str, selection: Selection) -> list[tuple[Brief, Found]]:
        """The selected items a search finds, ranked, in brief: every selected one is read."""
        from ..explore.fulltext import Brief, rank_documents, search_fields

        documents = (
            (
                Brief(item.id, item.kind, item.expert, item.title, item.title_zh),
                search_fields(self.head, item),
            )
            for item in select_items(self.head, selection)
        )
        return rank_documents(query, documents)

    def search_count(self, query: str, selection: Selection) -> int:
        from ..explore.fulltext import count_found, search_fields

        items = select_items(self.head, selection)
        return count_found(query, (search_fields(self.head, item) for item in items))

    def hits(self, found: Iterable[tuple[Brief, Found]]) -> Iterator[Hit]:
        from ..explore.fulltext import Hit

        for brief, hit in found:
            item = self.head.by_id[brief.id]
            assert isinstance(item, Item)  # a brief is an item's
            yield Hit(item, *hit)

    def listed(self, selection: Selection) -> Iterator[str]:
        from ..render import records
        from ..render.stream import json_element

        return (json_element(records.item(item)) for item in self.select(selection))

    def count(self, selection: Selection) -> int:
        return len(select_items(self.head, selection))

    def item(self, id: str) -> Item | None:
        found = self.head.by_id.get(id)
        return found if isinstance(found, Item) else None

    def ids(self, table: str, start: str = "") -> list[str]:
        records: tuple[Item | Figure, ...] = getattr(self.head, table)
        return [record.id for record in records if record.id.startswith(start)]

    def figures(
        self, experts: frozenset[str] = frozenset(), sources: frozenset[str] = frozenset()
    ) -> list[Figure]:
        return select_figures(self.head, experts, sources)

    def codebook(
        self, facet: Facet, selection: Selection = Selection()
    ) -> list[tuple[Record, int]]:
        return codebook(self.head, facet, selection)

    def find(self, ref: str, among: tuple[type, ...] = ()) -> Record:
        return find(self.head, ref, among)

    def describe(self, ref: str, kind: Kind = Kind.all) -> View:
        return describe(self.head, ref, kind)

    def of_source(self, ref: str | None) -> Catalogue:
        return self.head

    def catalogue(self) -> Catalogue:
        return self.head

    def export_sqlite(self, target: Path, selection: Selection) -> None:
        """The export of `export --format sqlite` written into `target`, a new file, as
        Compiled.export_sqlite writes it."""
        from . import build

        with build.export_database(target) as database:
            items = select_items(self.head, selection)
            figures = select_figures(self.head, selection.experts, selection.sources)
            build.fill(database, self.head, items, figures)
