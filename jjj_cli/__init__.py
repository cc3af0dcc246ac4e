"""jjj: a command-line catalogue of the proposals made at a roundtable on Beijing–Tianjin–Hebei."""

from .catalogue import CatalogueError, load_catalogue

__version__ = "0.1.0"

__all__ = ["CatalogueError", "__version__", "load_catalogue"]
