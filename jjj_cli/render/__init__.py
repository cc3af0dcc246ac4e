"""Turn query results into output: JSON, TSV for pipes, or rich tables for a terminal.

Renderers return a string or a rich renderable; the command prints it. rich is imported
only when a table is wanted.
"""

from __future__ import annotations

import json
import re
from enum import Enum
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence, Union

from ..catalogue import Figure, Item, QuoteCheck
from ..query import Facet, View
from . import plain, records

if TYPE_CHECKING:
    from rich.console import RenderableType

Output = Union[str, "RenderableType"]


class Mode(Enum):
    JSON = "json"
    PLAIN = "plain"
    TABLE = "table"


class Lang(str, Enum):
    en = "en"
    zh = "zh"


def to_json(data: Any, indent: Optional[int] = 2) -> str:
    """JSON as jjj prints it: UTF-8, with what would act on a terminal escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    # json.dumps escapes the C0 controls itself, but passes the rest through
    unsafe = f"[{plain.BEYOND_C0}]"
    return re.sub(unsafe, lambda match: f"\\u{ord(match.group()):04x}", text)


def title_field(lang: Lang) -> str:
    """The item field that holds the title in this language."""
    return "title_zh" if lang is Lang.zh else "title"


def _item_columns(lang: Lang) -> list[str]:
    return ["id", "kind", "expert", "themes", "regions", title_field(lang)]


def _figure_columns(lang: Lang, mode: Mode) -> list[str]:
    indicator = "indicator_zh" if lang is Lang.zh else "indicator"
    columns = ["id", "expert", indicator, "value", "unit", "year", "region"]
    # a terminal has no room for the comparison; `show` gives it
    return columns if mode is Mode.TABLE else [*columns, "compared_with", "ratio"]


def tabular(data: list[dict[str, Any]], columns: Sequence[str], mode: Mode) -> Output:
    """Records as JSON (whole), or their columns as TSV or a table."""
    if mode is Mode.JSON:
        return to_json(data)
    if mode is Mode.PLAIN:
        return plain.tsv(data, columns)
    from .tables import records_table

    return records_table(data, columns)


def item_list(
    items: Iterable[Item], mode: Mode, lang: Lang = Lang.en, fields: Sequence[str] = ()
) -> Output:
    """Items as JSON, TSV or a table; `fields` (records.ITEM_FIELDS) picks what is shown."""
    rows = [records.item(item) for item in items]
    if fields:
        return tabular(records.pick(rows, fields), fields, mode)
    if mode is Mode.TABLE:
        from .tables import ItemRows

        return ItemRows(rows, title_field(lang))
    return tabular(rows, _item_columns(lang), mode)


def figure_list(figures: Iterable[Figure], mode: Mode, lang: Lang = Lang.en) -> Output:
    rows = [records.figure(figure) for figure in figures]
    return tabular(rows, _figure_columns(lang, mode), mode)


def codebook(facet: Facet, entries: Iterable[tuple[Any, int]], mode: Mode) -> Output:
    rows = records.codebook(facet, entries)
    columns = list(rows[0]) if rows else ["id", "name", "name_zh", "count"]
    return tabular(rows, columns, mode)


def show(view: View, mode: Mode, lang: Lang = Lang.en) -> Output:
    record = records.view(view)
    if mode is Mode.JSON:
        return to_json(record)
    if mode is Mode.PLAIN:
        return plain.fields(record)
    from .tables import detail

    nested = {
        "items": _item_columns(lang),
        "figures": _figure_columns(lang, mode),
        "related": ["id", "relation", title_field(lang)],
    }
    return detail(record, {name: columns for name, columns in nested.items() if name in record})


def _start(quote: str, length: int = 24) -> str:
    return quote if len(quote) <= length else quote[:length] + "…"


def verification(source_file: str, checks: Iterable[QuoteCheck], mode: Mode) -> str:
    report = records.verification(source_file, checks)
    if mode is Mode.JSON:
        return to_json(report)
    missing, checked, source = report["missing"], report["checked"], plain.visible(source_file)
    if not missing:
        return f"{checked} quotes checked against {source}: all found"
    lines = [f"{len(missing)} of {checked} quotes not found in {source}:"]
    lines += [f"{miss['id']}\t{plain.visible(_start(miss['quote']))}" for miss in missing]
    return "\n".join(lines)
