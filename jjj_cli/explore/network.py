"""The expert–theme–region network: nodes, and edges weighted by the items joining them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..catalogue import Catalogue, Item
from ..query import Selection, select_items


@dataclass(frozen=True)
class Node:
    id: str
    kind: str  # "expert", "theme" or "region"
    name: str
    name_zh: str

    @property
    def label(self) -> str:
        """Both names: a node's label unless one language is asked for."""
        return f"{self.name} {self.name_zh}"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    weight: int  # items the two share


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def graph(
    catalogue: Catalogue,
    selection: Selection,
    select: Callable[[Selection], Iterable[Item]] | None = None,
) -> Graph:
    """Experts, themes and regions as nodes; an edge for every pair that items connect.
    `select` gives the items a selection lists (a compiled catalogue's); by default,
    query.select_items over the catalogue's own."""
    items = select(selection) if select is not None else select_items(catalogue, selection)
    counts: Counter[tuple[str, str]] = Counter()
    for item in items:
        for theme in item.themes:
            counts[(item.expert, theme)] += 1
            for region in item.regions:
                counts[(theme, region)] += 1
        for region in item.regions:
            counts[(item.expert, region)] += 1
    used = {end for pair in counts for end in pair}
    nodes = tuple(
        Node(record.id, kind, record.name, record.name_zh)
        for kind, records in (
            ("expert", catalogue.experts),
            ("theme", catalogue.themes),
            ("region", catalogue.regions),
        )
        for record in records
        if record.id in used
    )
    order = {node.id: index for index, node in enumerate(nodes)}
    edges = tuple(
        Edge(a, b, weight)
        for (a, b), weight in sorted(counts.items(), key=lambda e: (order[e[0][0]], order[e[0][1]]))
    )
    return Graph(nodes, edges)
