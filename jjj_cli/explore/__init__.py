"""Cross-referencing the catalogue: the matrix, related items, comparisons, search, the source
context of a quote and the expert–theme–region network. Built on query's filters, never beside
them: every count here is a `select_items` result.
"""

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
from .similar import Relation, related
from .tabulate import Cell, Matrix, SameFacet, matrix

__all__ = [
    "Cell",
    "ContextParagraph",
    "Edge",
    "FullSource",
    "Graph",
    "Hit",
    "Marked",
    "Matrix",
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
