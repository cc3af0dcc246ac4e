"""Cross-referencing the catalogue: the matrix, related items, comparisons, search, the source
context of a quote and the expert–theme–region network. Built on query's filters, never beside
them: every count here is a `select_items` result.

Each name is imported from its module on first use, so that a run imports only the part it
needs: a search the matcher, not the similarity of items nor the reading of the source (over
10 ms of a run's start). Type checkers cannot follow that, so the names are imported again
below for them; tests/test_library.py keeps the lists the same.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Each public name (__all__), and the module of this package that defines it.
_DEFINED_IN = {
    "Cell": "tabulate",
    "ContextParagraph": "context",
    "Edge": "network",
    "FullSource": "context",
    "Graph": "network",
    "Hit": "fulltext",
    "Marked": "context",
    "Matrix": "tabulate",
    "Neighbours": "similar",
    "Node": "network",
    "Relation": "similar",
    "SameFacet": "tabulate",
    "SourceContext": "context",
    "SourceParagraph": "context",
    "ThemeComparison": "comparison",
    "TooFewExperts": "comparison",
    "WhichSource": "context",
    "compare": "comparison",
    "experts_compared": "comparison",
    "full_source": "context",
    "graph": "network",
    "matrix": "tabulate",
    "quote_bounds": "context",
    "rank": "fulltext",
    "related": "similar",
    "search": "fulltext",
    "source_context": "context",
    "source_named": "context",
    "which_source": "context",
}
__all__ = [
    "Cell",
    "ContextParagraph",
    "Edge",
    "FullSource",
    "Graph",
    "Hit",
    "Marked",
    "Matrix",
    "Neighbours",
    "Node",
    "Relation",
    "SameFacet",
    "SourceContext",
    "SourceParagraph",
    "ThemeComparison",
    "TooFewExperts",
    "WhichSource",
    "compare",
    "experts_compared",
    "full_source",
    "graph",
    "matrix",
    "quote_bounds",
    "rank",
    "related",
    "search",
    "source_context",
    "source_named",
    "which_source",
]


def __getattr__(name: str) -> Any:
    if name in _DEFINED_IN:
        value = getattr(import_module(f".{_DEFINED_IN[name]}", __name__), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # what type checkers and editors see: the names of _DEFINED_IN
    from .comparison import ThemeComparison, TooFewExperts, compare, experts_compared
    from .context import (
        ContextParagraph,
        FullSource,
        Marked,
        SourceContext,
        SourceParagraph,
        WhichSource,
        full_source,
        quote_bounds,
        source_context,
        source_named,
        which_source,
    )
    from .fulltext import Hit, rank, search
    from .network import Edge, Graph, Node, graph
    from .similar import Neighbours, Relation, related
    from .tabulate import Cell, Matrix, SameFacet, matrix
