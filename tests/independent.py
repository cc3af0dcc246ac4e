"""A catalogue read with tomllib alone, and the answers worked out from it by plain loops: the
oracle for tests that would otherwise ask jjj's loader and query code to check themselves.

Written from the documents (docs/catalogue.md, docs/json.md), not from jjj's code: a file's
`include` globs are read beside it; items come in their sources' order, then by `seq`; an item
tagged with a region is within every region above it, through `parent` and `also_within`.
"""

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

TABLES = ("sources", "experts", "appearances", "themes", "regions", "proposals", "figures")


def read(path: Path) -> dict[str, list[dict]]:
    """Every table of the catalogue at `path`, its included files' rows after its own."""
    tables: dict[str, list[dict]] = {table: [] for table in TABLES}
    files = [path]
    while files:
        file = files.pop(0)
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        for table in TABLES:
            tables[table] += data.get(table, [])
        for pattern in data.get("include", []):
            files += sorted(file.parent.glob(pattern))
    order = [source["id"] for source in tables["sources"]]
    tables["proposals"].sort(key=lambda item: (order.index(item["source"]), item["seq"]))
    return tables


def source_texts(path: Path) -> dict[str, str]:
    """Each source's stored text, by source id: the file a source names, beside the catalogue
    file that declares it."""
    texts = {}
    files = [path]
    while files:
        file = files.pop(0)
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        for source in data.get("sources", []):
            texts[source["id"]] = (file.parent / source["file"]).read_text(encoding="utf-8")
        for pattern in data.get("include", []):
            files += sorted(file.parent.glob(pattern))
    return texts


def without_layout(text: str) -> str:
    """The text with its page layout gone: every space and line break removed."""
    return "".join(character for character in text if not character.isspace())


def within(tables: dict[str, list[dict]], region: str) -> set[str]:
    """The region and every region below it: those whose chain of `parent` and `also_within`
    reaches it, walked upwards from each region in turn."""
    above = {
        row["id"]: [row.get("parent"), *row.get("also_within", [])] for row in tables["regions"]
    }
    found = set()
    for start in above:
        seen, pending = set(), [start]
        while pending:
            current = pending.pop()
            if current is None or current in seen:
                continue
            seen.add(current)
            pending += above.get(current, [])
        if region in seen:
            found.add(start)
    return found


def of_kind(item: dict, kind: str) -> bool:
    return kind == "all" or item["kind"] == kind


def tagged(tables: dict[str, list[dict]], item: dict, facet: str, value: str) -> bool:
    """Whether `list --FACET VALUE` selects the item: its expert, one of its themes, one of its
    regions within the region, or its source."""
    if facet == "expert":
        return item["expert"] == value
    if facet == "theme":
        return value in item.get("themes", [])
    if facet == "source":
        return item["source"] == value
    return bool(within(tables, value) & set(item.get("regions", [])))


def items_for(tables: dict[str, list[dict]], kind: str, **tags: str) -> list[str]:
    """The ids `list --kind KIND --FACET VALUE ...` must print, in catalogue order."""
    return [
        item["id"]
        for item in tables["proposals"]
        if of_kind(item, kind)
        and all(tagged(tables, item, facet, value) for facet, value in tags.items())
    ]
