"""Datasette's metadata.json for an export (`jjj export --format sqlite --metadata FILE`): what
the catalogue is and where it comes from, what each table and column holds, the label of each
table's rows, the default facets, and the search index (store/searchable.py).

What each table and column holds is what the data package says of them (store/datapackage.py:
one description of each, from the tables export_tables makes), so that the two agree.
The licence is the user's to give: `license` and `license_url` are there, empty.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import __version__
from ..catalogue import ITEMS_TABLE, Catalogue
from .datapackage import table_descriptions, table_schemas
from .schema import LEGACY_SOURCE, REGION_LINKS, THEME_LINKS
from .searchable import LONGEST_PIECE, SEARCH_INDEX

# What names a row of each table where another table links to it (Datasette shows it beside
# the id), and the facets a table's page opens with. Themes are a list in `proposals` (ids
# joined by ';', which Datasette's array facet cannot read): they are a facet of their links.
_LABELS = {
    "sources": "title",
    "experts": "name",
    "themes": "name",
    "regions": "name",
    ITEMS_TABLE: "title",
    "figures": "indicator",
}
_FACETS = {
    ITEMS_TABLE: ["expert", "kind"],
    THEME_LINKS: ["theme_id"],
    REGION_LINKS: ["region_id"],
}
_SEARCH = (
    f" Search finds English words by their stem (cluster finds clusters) and a Chinese word of "
    f"up to {LONGEST_PIECE} characters as written: split a longer one with spaces "
    "(京津冀 协同发展), and each part must occur."
)


def database_name(path: Path) -> str:
    """The name Datasette gives the database in a file: its name without the last suffix."""
    return path.stem


def metadata(catalogue: Catalogue, name: str) -> dict[str, Any]:
    """The metadata of an export of the catalogue, in a database Datasette will call `name`:
    its tables, and the view of 0.1's `source`, each with what it and its columns hold."""
    descriptions = table_descriptions()
    described: dict[str, Any] = {}
    for table, schema in table_schemas(catalogue).items():
        columns = {field["name"]: field["description"] for field in schema["fields"]}
        entry: dict[str, Any] = {"description": descriptions[table], "columns": columns}
        if table in _LABELS:
            entry["label_column"] = _LABELS[table]
        if table in _FACETS:
            entry["facets"] = _FACETS[table]
        if table == ITEMS_TABLE:
            entry["description"] += _SEARCH
            entry["fts_table"] = SEARCH_INDEX
        described[table] = entry
    described[LEGACY_SOURCE] = {
        "description": "jjj 0.1's one-row table of its source: a view of sources now.",
        "columns": described["sources"]["columns"],
    }
    return {
        "title": "jjj: " + _titled(catalogue),
        "description": "Proposals and findings of experts, each with their own words, as "
        f"jjj {__version__} exported them from its catalogue.",
        "source": "; ".join(f"{source.title} ({source.title_en})" for source in catalogue.sources),
        # the user's to give: jjj does not know under what licence they publish
        "license": "",
        "license_url": "",
        "databases": {name: {"tables": described}},
    }


def _titled(catalogue: Catalogue) -> str:
    if len(catalogue.sources) == 1:
        return catalogue.sources[0].title_en
    return f"{len(catalogue.sources)} sources"
