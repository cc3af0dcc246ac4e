"""The catalogue layer: the typed model and its loader. Imports nothing else of jjj_cli but
language.py, which translates its messages and imports nothing of jjj's.

The loader (and the TOML parser, hashing and schema checks behind it) is imported on first use
of `load_catalogue`: a run served from the cache never needs it.
"""

from typing import TYPE_CHECKING, Any

from .location import default_catalogue_path, display_path
from .model import (
    ITEMS_TABLE,
    KINDS,
    RECORD_TABLES,
    SOURCE_KINDS,
    Appearance,
    Catalogue,
    CatalogueError,
    Coding,
    Expert,
    Figure,
    Item,
    Problem,
    QuoteCheck,
    Region,
    Related,
    Rule,
    Source,
    Theme,
    name_key,
    normalise,
    other_names,
    quote_start,
    reachable,
    verify_quotes,
    within,
)

__all__ = [
    "ITEMS_TABLE",
    "KINDS",
    "RECORD_TABLES",
    "SOURCE_KINDS",
    "Appearance",
    "Catalogue",
    "CatalogueError",
    "Coding",
    "Expert",
    "Figure",
    "Item",
    "Problem",
    "QuoteCheck",
    "Region",
    "Related",
    "Rule",
    "Source",
    "Theme",
    "default_catalogue_path",
    "display_path",
    "load_catalogue",
    "name_key",
    "normalise",
    "other_names",
    "quote_start",
    "reachable",
    "verify_quotes",
    "within",
]


def __getattr__(name: str) -> Any:
    if name == "load_catalogue":
        from .load import load_catalogue

        return load_catalogue
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    from .load import load_catalogue
