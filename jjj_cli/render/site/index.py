"""The index page, and the data its script filters with (data.js): what `jjj list` selects,
worked out in Python once, so that the browser only looks it up.

The page lists every item the site holds, in `jjj list` order, each `<li data-item-id>`, in
numbered lists of LIST_ROWS rows; the script (site.js) shows those the URL's filters select,
with the command line's meaning: OR within a facet, AND across, a region with the places
within it, names and aliases as `--theme` and the others take them (the table of names is
query.names', keys made by name_key), proposals unless `kind` says otherwise.
"""

from __future__ import annotations

import json
from typing import Any

from ...explore.fulltext import FIELD_WEIGHTS, search_fields
from ...query import CHINESE_RANGES, Facet, descendants, names
from .markup import both, page, text
from .pages import FACETS, KIND_NAMES, Site, facet_records

# Characters that must not appear raw in a script: `</script>` and `<!--` end or confuse it in
# HTML, `&` is escaped for symmetry with them, and U+2028/U+2029 end a line in older JS.
_SCRIPT_SAFE = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}

# The index's rows come in lists of this many, numbered on (`start`). On an index of more than
# LONG_INDEX items the browser lays out only the lists near the screen (site.css:
# content-visibility), so that a keystroke filtering 10,000 items lays out a screenful of rows,
# not all that it shows or hides (a tenth of the time); shorter ones are laid out whole, as
# Chromium leaves a list it skips out of what a screen reader is given.
LIST_ROWS = 50
LONG_INDEX = 500


def script_json(value: Any) -> str:
    """JSON to put in a script file: valid JSON and valid JavaScript, with nothing in it that
    could end a script element or a line of JavaScript."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def index_data(site: Site) -> dict[str, Any]:
    """What site.js filters with: each item's facet values, each facet's values in catalogue
    order, the names a URL may give for them, and each region's places within it."""
    catalogue = site.catalogue
    return {
        "items": [
            {
                "id": item.id,
                "kind": item.kind,
                "expert": [item.expert],
                "theme": list(item.themes),
                "region": list(item.regions),
                "source": [item.source],
                # what `jjj search` reads of it, in FIELD_WEIGHTS' order
                "fields": list(search_fields(catalogue, item).values()),
            }
            for item in site.items
        ],
        "values": {
            facet.value: [record.id for record in facet_records(catalogue, facet)]
            for facet in Facet
        },
        "names": {facet.value: names(catalogue, facet) for facet in Facet},
        "weights": list(FIELD_WEIGHTS.values()),
        "chinese": CHINESE_RANGES,
        "descendants": {
            region.id: sorted(descendants(catalogue, region.id)) for region in catalogue.regions
        },
    }


def data_script(site: Site) -> str:
    return f"window.JJJ_DATA = {script_json(index_data(site))};\n"


def index_page(site: Site) -> str:
    kinds = "".join(
        f'<label><input type="radio" name="kind" value="{value}">{both(en, zh_)}</label>'
        for value, (en, zh_) in (*KIND_NAMES.items(), ("all", ("all", "全部")))
    )
    facets = "".join(_facet(site, facet) for facet in FACETS)
    rows = [
        f'<li data-item-id="{text(item.id)}"><a href="items/{text(item.id)}.html">'
        f'{text(item.title)} <span class="title-zh" lang="zh">{text(item.title_zh)}</span></a> '
        f'<span class="meta">{both(*KIND_NAMES.get(item.kind, (item.kind, item.kind)))} · '
        f"{site.name_of(item.expert)}</span></li>"
        for item in site.items
    ]
    items = "".join(
        f'<ol start="{at + 1}">{"".join(rows[at : at + LIST_ROWS])}</ol>'
        for at in range(0, len(rows), LIST_ROWS)
    )
    body = (
        f"<h1>{both('Items', '条目')}</h1>"
        '<form id="filters" class="filters" role="search" hidden>'
        f'<p class="search"><label for="q">{both("Search", "搜索")}</label> '
        '<input type="search" id="q" name="q" autocomplete="off"></p>'
        f'<fieldset class="kind"><legend>{both("Kind", "类型")}</legend>{kinds}</fieldset>'
        f"{facets}"
        f'<p><button type="button" id="clear">{both("Clear the filters", "清除筛选")}</button></p>'
        "</form>"
        '<p id="problem" class="problem" role="alert" hidden></p>'
        f'<p id="status" aria-live="polite">{len(site.items)} '
        f"{both('items', '个条目')}</p>"
        f'<div id="items" class="items{" long" if len(rows) > LONG_INDEX else ""}" '
        f'data-rows="{LIST_ROWS}">{items}</div>'
    )
    return page("", "jjj · 京津冀", body, scripts=("data.js",))


def _facet(site: Site, facet: Facet) -> str:
    en, zh_, _ = FACETS[facet]
    ids = [record.id for record in facet_records(site.catalogue, facet)]
    options = "".join(
        f'<li><label><input type="checkbox" name="{facet.value}" value="{text(id)}"> '
        f'{site.name_of(id)} <span class="count" data-count="{facet.value}:{text(id)}"></span>'
        "</label></li>"
        for id in ids
    )
    return (
        f'<details class="facet" data-facet="{facet.value}"><summary>{both(en, zh_)}</summary>'
        f'<fieldset><legend class="visually-hidden">{both(en, zh_)}</legend>'
        f"<ul>{options}</ul></fieldset></details>"
    )
