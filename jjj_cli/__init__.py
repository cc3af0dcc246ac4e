"""jjj: the items (proposals and findings) of a roundtable on Beijing–Tianjin–Hebei (京津冀).

The command line is one way in; the same functions serve scripts:

    from jjj_cli import Selection, load_catalogue, select_items

    catalogue = load_catalogue()
    for item in select_items(catalogue, Selection(themes=frozenset({"clusters"}))):
        print(item.id, item.title)

Names are imported on first use, so `import jjj_cli` (and starting the command) stays quick.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

# The public names. Each is imported on first use, from the first of _LAYERS that has it, so
# that `import jjj_cli` (and every run of the command) does not pay for modules it does not
# use: explore alone would cost a run of `list` over 10 ms. Type checkers cannot follow that,
# so the names are imported again below for them; tests/test_library.py keeps the two lists
# the same.
__all__ = [
    "Catalogue",
    "CatalogueError",
    "Coding",
    "Expert",
    "Facet",
    "Figure",
    "Item",
    "Kind",
    "Problem",
    "QueryError",
    "Region",
    "Related",
    "Rule",
    "Selection",
    "Source",
    "Theme",
    "UnknownName",
    "__version__",
    "codebook",
    "compare",
    "default_catalogue_path",
    "descendants",
    "describe",
    "find",
    "graph",
    "load_catalogue",
    "matrix",
    "normalise",
    "related",
    "resolve",
    "search",
    "select_figures",
    "select_items",
    "source_context",
    "verify_quotes",
]
# The modules that define them, the lowest layer first (each imports those before it).
_LAYERS = ("catalogue", "query", "explore")


def __getattr__(name: str) -> Any:
    if name in __all__:
        for layer in _LAYERS:
            module = import_module(f".{layer}", __name__)
            if hasattr(module, name):
                value = getattr(module, name)
                globals()[name] = value  # later lookups skip this function
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # what type checkers and editors see: the names of __all__
    from .catalogue import (
        Catalogue,
        CatalogueError,
        Coding,
        Expert,
        Figure,
        Item,
        Problem,
        Region,
        Related,
        Rule,
        Source,
        Theme,
        default_catalogue_path,
        load_catalogue,
        normalise,
        verify_quotes,
    )
    from .explore import compare, graph, matrix, related, search, source_context
    from .query import (
        Facet,
        Kind,
        QueryError,
        Selection,
        UnknownName,
        codebook,
        descendants,
        describe,
        find,
        resolve,
        select_figures,
        select_items,
    )
