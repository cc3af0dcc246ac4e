"""Exports for the tools people already use: CSV and TSV for spreadsheets, JSON and JSON Lines
for scripts, Markdown for documents. Each returns its text in chunks (render/stream.py), made
as the items are read, so that the command writes them as they come and memory stays flat
however many items there are. (SQLite is the compiled catalogue copied, store/compiled.py;
Excel workbooks are in render/xlsx.py; both are written to a file.)
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import Enum
from typing import Any, BinaryIO, NamedTuple

from ..catalogue import Catalogue, Figure, Item
from . import records, stream
from .output import to_json
from .plain import scalar_text, visible
from .records import LIST_SEPARATOR
from .stream import Chunks

BYTE_ORDER_MARK = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet (CSV injection): OWASP's
# list (= + - @, a tab, a carriage return), and the NUL that OWASP's verification standard
# (ASVS 5.0, 1.2.10) adds to it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")


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
) -> Chunks:
    """CSV (RFC 4180, CRLF line ends) or TSV (LF), a header row first; the data kept exact.
    A chunk per row.

    For Excel: a byte-order mark, so that it reads UTF-8, and a quote before any cell that
    would start a formula (`=`, `+`, `-`, `@`, a tab, a carriage return, NUL), so that opening
    the file runs nothing.
    """
    buffer = io.StringIO()
    # The writer quotes a cell that holds a character of its line end: written with CRLF, it
    # quotes every cell with a CR or an LF in it. TSV then ends its rows in LF alone; with LF
    # as the writer's line end, a lone CR in a cell would go unquoted and end the row there.
    tsv = delimiter != ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")

    def row_text(cells: Sequence[str]) -> str:
        # Python 3.10's writer refuses NUL ("need to escape"), where 3.11's writes it as it is
        # and quotes nothing for it: there, a row holding NUL goes through the writer marked
        marked = sys.version_info < (3, 11) and any("\0" in cell for cell in cells)
        # the writer keeps nothing from one row to the next: a row's text is all it wrote
        writer.writerow([_marked(cell) for cell in cells] if marked else cells)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        if marked:
            text = _unmarked(text)
        return text[:-2] + "\n" if tsv else text

    yield (BYTE_ORDER_MARK if excel else "") + row_text(fields)
    for row in rows:
        cells = [csv_cell(row[field]) for field in fields]
        yield row_text([_defused(cell) for cell in cells] if excel else cells)


# A NUL as two private-use characters, which the writer treats as it treats a letter: the mark,
# then U+E001; the mark of the text's own doubled, so that every mark written is the first of a
# pair, read back whatever else the row holds. Each is one character, or the pairs would not be.
_MARK, _NUL = chr(0xE000), chr(0xE001)
_PAIR = re.compile(f"{_MARK}(.)", re.DOTALL)


def _marked(cell: str) -> str:
    return cell.replace(_MARK, _MARK * 2).replace("\0", _MARK + _NUL)


def _unmarked(text: str) -> str:
    return _PAIR.sub(lambda pair: "\0" if pair.group(1) == _NUL else _MARK, text)


def _defused(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def json_array(rows: Iterable[records.Record]) -> Chunks:
    """The records as one JSON array, as to_json prints it, then a line end."""
    return stream.json_array(stream.json_element(row) for row in rows)


def json_lines(rows: Iterable[records.Record]) -> Chunks:
    """One JSON object per line (JSON Lines), for streaming tools and pandas' lines=True."""
    for row in rows:
        yield to_json(row, indent=None) + "\n"


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


class Tally(NamedTuple):
    """What a report says of its items before it lists them."""

    total: int
    kinds: dict[str, int]  # how many of each kind, the kinds in the order they first come
    sources: frozenset[str]  # the ids of the sources they come from


def report_plan(catalogue: Catalogue, items: Iterable[Item]) -> tuple[Tally, list[str]]:
    """What the Markdown report says of the items before it lists them, and the ids of the
    items in the order it lists them: by expert, then by first theme (no theme last), each as
    the catalogue orders them, then in the catalogue's order. One pass, keeping only ids."""
    experts = {expert.id: index for index, expert in enumerate(catalogue.experts)}
    themes = {theme.id: index for index, theme in enumerate(catalogue.themes)}
    groups: dict[tuple[int, int], list[str]] = {}
    total, kinds, sources = 0, dict[str, int](), set()
    for item in items:
        total += 1
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
        sources.add(item.source)
        theme = themes[item.themes[0]] if item.themes else len(themes)
        groups.setdefault((experts[item.expert], theme), []).append(item.id)
    ids = [id for group in sorted(groups) for id in groups[group]]
    return Tally(total, kinds, frozenset(sources)), ids


def markdown(catalogue: Catalogue, counted: Tally, ordered: Iterable[Item]) -> Chunks:
    """A report to paste into a document: by expert, then by theme, each item with its quote.

    An item stands under its first theme; its other themes are named with it. The report is
    titled by its source; when the catalogue has several, by those the items come from (all
    of them when there are no items), and each item names its source.

    Written as the items come: `counted` is what the header says of them, and `ordered` gives
    them in the report's order (report_plan), so that a heading is written where the expert
    or the theme changes.
    """
    drawn = counted.sources
    counts = ", ".join(_counted(count, kind) for kind, count in counted.kinds.items())
    sources = [source for source in catalogue.sources if source.id in drawn or not drawn]
    several = len(catalogue.sources) > 1
    if len(sources) == 1:
        lines = [f"# {md(sources[0].title_en)}", "", md(sources[0].title), ""]
    elif not sources:
        lines = ["# No sources", ""]
    else:
        lines = [f"# {len(sources)} sources", ""]
        lines += [f"- {md(s.title_en)}; {md(s.title)} (`{s.id}`)" for s in sources] + [""]
    lines += [
        f"{_counted(counted.total, 'item')} ({counts})." if counted.total else "No items.",
        "",
    ]
    # the report is its lines joined by line ends: each chunk after the first starts with one
    yield "\n".join(lines)
    experts = {expert.id: expert for expert in catalogue.experts}
    theme_names = {theme.id: theme for theme in catalogue.themes}
    group: tuple[str, str | None] | None = None  # the expert and the first theme written last
    for item in ordered:
        lines = []
        theme_id = item.themes[0] if item.themes else None
        if group is None or item.expert != group[0]:
            expert = experts[item.expert]
            lines += [f"## {md(expert.name)} {md(expert.name_zh)}", ""]
            lines += [f"{md(expert.affiliation)}; {md(expert.affiliation_zh)}", ""]
        if (item.expert, theme_id) != group:
            theme = theme_names[theme_id] if theme_id else None
            heading = f"{md(theme.name)} {md(theme.name_zh)}" if theme else "No theme"
            lines += [f"### {heading}", ""]
        group = (item.expert, theme_id)
        lines += _markdown_item(item, several)
        yield "\n" + "\n".join(lines)


def _counted(count: int, noun: str) -> str:
    """`1 finding`, `2 findings`: the report is in English, whatever the run's language."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


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


def _fetched(ids: Iterable[str], by_id: Callable[[str], Item | None]) -> Iterator[Item]:
    for id in ids:
        item = by_id(id)
        if item is None:  # read a moment ago: the catalogue changed under the run
            raise LookupError(f"item {id!r} is no longer in the catalogue")
        yield item


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
    datapackage = "datapackage"
    sheet = "sheet"


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
DIRECTORY_FORMATS = ("datapackage",)  # files: they go to a directory


# A binary export (a workbook): what writes it into the file given.
FileWriter = Callable[[BinaryIO], None]


def export(
    catalogue: Catalogue,
    items: Iterable[Item],
    figures: Iterable[Figure],
    format: str,
    fields: Sequence[str] = (),
    excel: bool = False,
    by_id: Callable[[str], Item | None] | None = None,
    codebook: str = "",
) -> Chunks | FileWriter:
    """The export in one format: text in chunks, made as the items are read; or, for a
    workbook, what writes it into a file. (The SQLite export is the compiled catalogue's:
    store.compiled.Compiled.export_sqlite.)

    `items` and `figures` are in catalogue order. Workbooks read `items` twice: give a
    collection, or an iterable that starts afresh on each pass (Counted). The Markdown report
    reads them once for its order, then each by its id: `by_id` (the compiled catalogue's
    item), else the items are held by id. A coding sheet names the catalogue's entry file as
    `codebook` (relative to the sheet's folder).
    """
    if format == "sqlite":  # the compiled catalogue's tables, copied by SQL
        raise ValueError("the SQLite export is written by store.compiled.Compiled.export_sqlite")
    if format == "datapackage":  # a directory of files
        raise ValueError("the data package is written by store.datapackage.write_package")
    if format == "xlsx":
        from .xlsx import workbook

        return lambda file: workbook(items, figures, fields, file)
    if format == "sheet":
        from .sheet import blank_sheet

        return blank_sheet(items, codebook)
    if format == "markdown":
        counted, ids = report_plan(catalogue, items)
        # each item read again by its id when its turn comes: only the ids are held
        fetch = by_id or {item.id: item for item in items}.get
        return markdown(catalogue, counted, _fetched(ids, fetch))
    picked = fields or records.ITEM_FIELDS
    rows = ({name: record[name] for name in picked} for record in map(records.item, items))
    if format == "json":
        return json_array(rows)
    if format == "jsonl":
        return json_lines(rows)
    return delimited(rows, fields or records.ITEM_FIELDS, "," if format == "csv" else "\t", excel)
