"""The catalogue layer: the typed model and its loader. Imports nothing else of jjj_cli."""

from .load import default_catalogue_path, display_path, load_catalogue
from .model import (
    KINDS,
    Catalogue,
    CatalogueError,
    Expert,
    Figure,
    Item,
    Problem,
    QuoteCheck,
    Region,
    Related,
    Source,
    Theme,
    normalise,
    verify_quotes,
)

__all__ = [
    "KINDS",
    "Catalogue",
    "CatalogueError",
    "Expert",
    "Figure",
    "Item",
    "Problem",
    "QuoteCheck",
    "Region",
    "Related",
    "Source",
    "Theme",
    "default_catalogue_path",
    "display_path",
    "load_catalogue",
    "normalise",
    "verify_quotes",
]
