"""Exports for the tools people already use: CSV and TSV for spreadsheets, JSON and JSON Lines
for scripts, Markdown for documents. Each returns the whole text; the command writes it once.
(SQLite is in render/sqlite.py, Excel workbooks in render/xlsx.py.)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any

from ..catalogue import Catalogue, Figure, Item
from . import records
from .output import to_json
from .plain import scalar_text, visible

LIST_SEPARATOR = ";"
BYTE_ORDER_MARK = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """One value as a CSV cell: lists joined by ';', related links as 'id:relation'."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(csv_cell(element) for element in value)
    if isinstance(value, dict):  # a related link
        return f"{value['id']}:{value['relation']}"
    return scalar_text(value)


def delimited(
    rows: Iterable[records.Record],
    fields: Sequence[str],
    delimiter: str = ",",
    excel: bool = False,
) -> str:
    """CSV (RFC 4180, CRLF line ends) or TSV (LF), a header row first; the data kept exact.

    For Excel: a byte-order mark, so that it reads UTF-8, and a quote before any cell that
    would start a formula (`=`, `+`, `-`, `@`), so that opening the file runs nothing.
    """
    buffer = io.StringIO()
    line_end = "\r\n" if delimiter == "," else "\n"
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
    writer.writerow(fields)
    for row in rows:
        cells = [csv_cell(row[field]) for field in fields]
        writer.writerow([_defused(cell) for cell in cells] if excel else cells)
    return (BYTE_ORDER_MARK if excel else "") + buffer.getvalue()


def _defused(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def json_array(rows: Sequence[records.Record]) -> str:
    return to_json(list(rows)) + "\n"


def json_lines(rows: Iterable[records.Record]) -> str:
    """One JSON object per line (JSON Lines), for streaming tools and pandas' lines=True."""
    return "".join(to_json(row, indent=None) + "\n" for row in rows)


# --- Markdown --------------------------------------------------------------------------------

# Every character CommonMark or GitHub would read as markup, escaped with a backslash.
_MARKUP = re.compile(r"([\\`*_\[\]<>#|~&$!{}])")
# What would start a list, a heading underline, a block quote or a code block at a line start.
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)])|( +))")


def md(text: str) -> str:
    """Catalogue text as Markdown that shows it literally: markup and line starts escaped,
    control characters made visible, all on one line."""
    escaped = _MARKUP.sub(r"\\\1", visible(text))

    def line_start(match: re.Match[str]) -> str:
        marker, digits, dot, spaces = match.groups()
        if marker:
            return "\\" + marker
        if digits:
            return f"{digits}\\{dot}"
        return "&#32;" * len(spaces)

    return _LINE_START.sub(line_start, escaped)


def markdown(catalogue: Catalogue, items: Sequence[Item]) -> str:
    """A report to paste into a document: by expert, then by theme, each item with its quote.

    An item stands under its first theme; its other themes are named with it. The report is
    titled by its source; when the catalogue has several, by those the items come from (all
    of them when there are no items), and each item names its source.
    """
    kinds = [item.kind for item in items]
    counts = ", ".join(f"{kinds.count(kind)} {kind}s" for kind in dict.fromkeys(kinds))
    drawn = {item.source for item in items}
    sources = [source for source in catalogue.sources if source.id in drawn or not drawn]
    several = len(catalogue.sources) > 1
    if len(sources) == 1:
        lines = [f"# {md(sources[0].title_en)}", "", md(sources[0].title), ""]
    elif not sources:
        lines = ["# No sources", ""]
    else:
        lines = [f"# {len(sources)} sources", ""]
        lines += [f"- {md(s.title_en)}; {md(s.title)} (`{s.id}`)" for s in sources] + [""]
    lines += [f"{len(items)} items ({counts})." if items else "No items.", ""]
    theme_names = {theme.id: theme for theme in catalogue.themes}
    for expert in catalogue.experts:
        own = [item for item in items if item.expert == expert.id]
        if not own:
            continue
        lines += [f"## {md(expert.name)} {md(expert.name_zh)}", ""]
        lines += [f"{md(expert.affiliation)}; {md(expert.affiliation_zh)}", ""]
        for theme_id in [*theme_names, None]:
            under = [item for item in own if (item.themes[0] if item.themes else None) == theme_id]
            if not under:
                continue
            theme = theme_names.get(theme_id) if theme_id else None
            heading = f"{md(theme.name)} {md(theme.name_zh)}" if theme else "No theme"
            lines += [f"### {heading}", ""]
            for item in under:
                lines += _markdown_item(item, several)
    return "\n".join(lines)


def _markdown_item(item: Item, sourced: bool = False) -> list[str]:
    facts = [f"`{item.id}`", item.kind]
    if sourced:  # one of several sources: say which
        facts.append(f"source: {item.source}")
    if item.themes:
        facts.append("themes: " + ", ".join(item.themes))
    if item.regions:
        facts.append("regions: " + ", ".join(item.regions))
    if item.related:
        links = (f"{link.id} ({link.relation})" for link in item.related)
        facts.append("related: " + ", ".join(links))
    return [
        f"#### {md(item.title)}",
        "",
        md(item.title_zh),
        "",
        md(item.summary),
        "",
        md(item.summary_zh),
        "",
        f"> {md(item.quote)}",
        "",
        # ids and relation words are slugs: nothing in them to escape
        " · ".join(facts),
        "",
    ]


# --- one entry point for the command ---------------------------------------------------------


class ExportFormat(str, Enum):
    """The formats of `export`, the one list of them: the command's --format takes these."""

    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    sqlite = "sqlite"
    xlsx = "xlsx"


FORMATS = tuple(format.value for format in ExportFormat)
# What a file name's suffix says about the format wanted.
SUFFIXES = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".md": "markdown",
    ".markdown": "markdown",
    ".db": "sqlite",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
    ".xlsx": "xlsx",
}
FIELD_FORMATS = ("csv", "tsv", "json", "jsonl", "xlsx")  # the ones --fields applies to
EXCEL_FORMATS = ("csv", "tsv")
FILE_FORMATS = ("sqlite", "xlsx")  # binary: they go to a file, never to stdout


def export(
    catalogue: Catalogue,
    items: Sequence[Item],
    figures: Sequence[Figure],
    format: str,
    fields: Sequence[str] = (),
    excel: bool = False,
) -> str | bytes:
    """The export in one format: text, or the bytes of an SQLite database or a workbook."""
    if format == "sqlite":
        from .sqlite import database

        return database(catalogue, items, figures)
    if format == "xlsx":
        from .xlsx import workbook

        return workbook(items, figures, fields)
    if format == "markdown":
        return markdown(catalogue, items)
    rows = records.pick((records.item(item) for item in items), fields or records.ITEM_FIELDS)
    if format == "json":
        return json_array(rows)
    if format == "jsonl":
        return json_lines(rows)
    return delimited(rows, fields or records.ITEM_FIELDS, "," if format == "csv" else "\t", excel)
