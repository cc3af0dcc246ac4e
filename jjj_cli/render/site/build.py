"""Writing the site into a directory: every page, data.js, and the package's site.css and
site.js as they are."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from ...catalogue import Catalogue, Item
from ...query import Selection
from . import pages
from .figures import pictures, pictures_page
from .index import data_script, index_page

# The files the package ships, copied into every site.
ASSETS = ("site.css", "site.js")
# A file only `jjj site` writes: a directory holding it may be replaced with --force.
MARKER = ".jjj-site"


def is_site(directory: Path) -> bool:
    """Whether `jjj site` wrote this directory (--force replaces only such a one)."""
    return (directory / MARKER).is_file()


def write_site(
    catalogue: Catalogue, selection: Selection, items: Sequence[Item], directory: Path
) -> int:
    """Write the site of `items`, which `selection` selects (in `jjj list` order), into the
    empty `directory`; how many pages it has."""
    site = pages.Site(catalogue, items)
    written: dict[str, str] = {
        "index.html": index_page(site),
        "data.js": data_script(site),
    }
    for facet in pages.FACETS:
        written[f"{pages.FACETS[facet][2]}.html"] = pages.listing_page(site, facet)
    for item in site.items:
        written[f"items/{item.id}.html"] = pages.item_page(site, item)
    for expert in catalogue.experts:
        written[f"experts/{expert.id}.html"] = pages.expert_page(site, expert)
    for theme in catalogue.themes:
        written[f"themes/{theme.id}.html"] = pages.theme_page(site, theme)
    for region in catalogue.regions:
        written[f"regions/{region.id}.html"] = pages.region_page(site, region)
    for source in catalogue.sources:
        written[f"sources/{source.id}.html"] = pages.source_page(site, source)
    written["pictures.html"] = pictures_page()
    written.update(pictures(catalogue, selection))
    package = resources.files(__package__)
    for name in ASSETS:
        written[name] = package.joinpath(name).read_text(encoding="utf-8")
    written[MARKER] = "Written by `jjj site`; `jjj site --force` may replace this directory.\n"
    for name, content in written.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8"))  # the same bytes on every system: LF alone
    return sum(name.endswith(".html") for name in written)
