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

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS = {
    "load_catalogue": "catalogue",
    "default_catalogue_path": "catalogue",
    "normalise": "catalogue",
    "verify_quotes": "catalogue",
    "Catalogue": "catalogue",
    "CatalogueError": "catalogue",
    "Problem": "catalogue",
    "Source": "catalogue",
    "Expert": "catalogue",
    "Theme": "catalogue",
    "Region": "catalogue",
    "Item": "catalogue",
    "Figure": "catalogue",
    "Related": "catalogue",
    "Facet": "query",
    "Kind": "query",
    "Selection": "query",
    "QueryError": "query",
    "UnknownName": "query",
    "resolve": "query",
    "select_items": "query",
    "select_figures": "query",
    "descendants": "query",
    "codebook": "query",
    "find": "query",
    "describe": "query",
    "matrix": "explore",
    "related": "explore",
    "compare": "explore",
    "search": "explore",
    "source_context": "explore",
    "graph": "explore",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # what type checkers and editors see
    from .catalogue import (
        Catalogue,
        CatalogueError,
        Expert,
        Figure,
        Item,
        Problem,
        Region,
        Related,
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
