"""Experts side by side, theme by theme: where they converge and where one speaks alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..catalogue import Catalogue, Item
from ..language import _
from ..query import (
    Facet,
    QueryError,
    Selection,
    facet_values,
    resolve,
    select_items,
    with_facet,
)


@dataclass(frozen=True)
class ThemeComparison:
    theme: str
    items: dict[str, tuple[Item, ...]]  # expert id -> their items on the theme
    links: tuple[tuple[str, str, str], ...]  # (item, other item, relation) across experts

    @property
    def speakers(self) -> tuple[str, ...]:
        return tuple(expert for expert, items in self.items.items() if items)

    @property
    def status(self) -> str:
        """'converge' (several experts, linked), 'shared' (several), 'only' (one), 'none'."""
        if len(self.speakers) > 1:
            return "converge" if self.links else "shared"
        return "only" if self.speakers else "none"


class TooFewExperts(QueryError):
    """A comparison needs two experts at least, and the names given stand for fewer."""

    def __init__(self) -> None:
        super().__init__(_("name at least two different experts"))


def experts_compared(catalogue: Catalogue, names: Iterable[str]) -> tuple[str, ...]:
    """The ids of the experts named (ids, names, comma lists), in the order given and each
    once: 王明 and wang-ming are one expert. UnknownName for a name that matches none,
    TooFewExperts when they come to fewer than two."""
    ids = dict.fromkeys(
        id for name in names for id in sorted(resolve(catalogue, Facet.expert, [name]))
    )
    if len(ids) < 2:
        raise TooFewExperts()
    return tuple(ids)


def compare(
    catalogue: Catalogue,
    experts: Iterable[str],
    selection: Selection,
    select: Callable[[Selection], Iterable[Item]] | None = None,
) -> list[ThemeComparison]:
    """For each theme, what each of the experts named says on it (see experts_compared), and
    the links between them. `select` gives the items a selection lists (a compiled
    catalogue's); by default, query.select_items over the catalogue's own."""
    experts = experts_compared(catalogue, experts)
    comparisons = []
    for theme in facet_values(catalogue, Facet.theme, selection):
        on_theme = with_facet(with_facet(selection, Facet.theme, {theme.id}), Facet.expert, experts)
        items = list(select(on_theme) if select is not None else select_items(catalogue, on_theme))
        by_expert = {e: tuple(i for i in items if i.expert == e) for e in experts}
        # each link once, from the earlier item in catalogue order (by source, then seq)
        position = {item.id: index for index, item in enumerate(items)}
        links = tuple(
            (item.id, link.id, link.relation)
            for item in items
            for link in item.related
            if link.id in position and position[item.id] < position[link.id]
        )
        comparisons.append(ThemeComparison(theme.id, by_expert, links))
    return comparisons
