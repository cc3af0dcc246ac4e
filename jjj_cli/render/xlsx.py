"""The items as an Excel workbook (.xlsx), written with openpyxl, an optional dependency.

Sheet `items` holds the CSV's columns and values; sheet `figures` the figures of the experts
selected. Numbers stay numbers; every string is stored as a string cell, so that nothing from
the catalogue becomes a formula (`=…`), an error value (`#REF!`) or a date when the workbook
is opened. openpyxl would read a string starting with `=` as a formula, and one such as `#N/A`
as an error: each cell's type is set after its value for that reason.

The workbook is written as the rows are read (openpyxl's write-only mode), so that memory
stays flat however many items there are: a first pass over the rows sizes the columns, which
a worksheet states before its rows, and a second writes them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, BinaryIO

from ..catalogue import Figure, Item
from . import records
from .breaks import words
from .export import csv_cell
from .output import Unavailable
from .plain import escape_char
from .wrap import natural_width

# Said whether jjj came from a package index or a clone: the extra's name differs, openpyxl not.
MISSING = (
    "writing .xlsx needs openpyxl, which is not installed: pip install openpyxl "
    "(or install jjj with its xlsx extra)"
)

# Text wider than this (in Latin characters; CJK count two) wraps in a column this wide.
MAX_WIDTH = 60
EXCEL_MAX_WIDTH = 250  # Excel's limit is 255 characters
LINE_HEIGHT = 16  # points: a line of 11-point text, Chinese included, with a little room
TEXT_FORMAT = "@"  # Excel's Text number format: what is typed there later stays text too

# What XML 1.0, and so a worksheet, cannot hold: C0 controls but tab, line feed and carriage
# return, and the two non-characters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Excel reads `_x0041_` in a cell as the character it codes (ECMA-376's ST_Xstring escape), so
# text that looks like one is written with its underscore escaped (`_x005F_`), as Excel does.
_LOOKS_ESCAPED = re.compile("(_x[0-9A-Fa-f]{4}_)")


class OpenpyxlMissing(Unavailable):
    """openpyxl, an optional dependency, is not installed."""


def require_openpyxl() -> None:
    """Raise OpenpyxlMissing, with what to install, unless openpyxl can be imported."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise OpenpyxlMissing(MISSING) from None


def workbook(
    items: Iterable[Item], figures: Iterable[Figure], fields: Sequence[str], file: BinaryIO
) -> None:
    """Write an .xlsx file: a sheet of items (the `fields` given, else all), one of figures.
    Each is read twice (Counted, or a collection). Needs openpyxl (require_openpyxl)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    names = fields or records.ITEM_FIELDS

    def item_rows() -> Iterator[list[Any]]:
        for item in items:
            record = records.item(item)
            yield [_cell_value(record[name]) for name in names]

    def figure_rows() -> Iterator[list[Any]]:
        for figure in figures:
            record = records.figure(figure)
            yield [_cell_value(record[name]) for name in records.FIGURE_FIELDS]

    _fill(book.create_sheet("items"), names, item_rows)
    _fill(book.create_sheet("figures"), records.FIGURE_FIELDS, figure_rows)
    book.save(file)


def _fill(sheet: Any, fields: Sequence[str], rows: Callable[[], Iterable[list[Any]]]) -> None:
    """A header row, bold and frozen, with a filter; then one row per record, each column as
    wide as its text, but text wider than MAX_WIDTH wrapped in rows made tall enough for it.
    `rows` gives the cells' values afresh on each call: once to size the columns, once to
    write them."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    needed = [natural_width(name) for name in fields]
    breakable = [False for _ in fields]
    multiline = [False for _ in fields]
    for values in rows():
        for column, value in enumerate(values):
            if value is None:
                continue
            text = str(value)
            needed[column] = max(needed[column], natural_width(text))
            if isinstance(value, str):
                # once a column has one, the rest need not be asked
                breakable[column] = breakable[column] or _breakable(value)
                multiline[column] = multiline[column] or "\n" in value
    # Text wraps where it can break (at a space, between Chinese characters); ids and lists
    # of ids (`clusters;chains`) cannot, and get the width they need instead.
    wrap = [
        (width > MAX_WIDTH and can_break) or has_breaks
        for width, can_break, has_breaks in zip(needed, breakable, multiline)
    ]
    widths = [
        min(width, MAX_WIDTH if wrapped else EXCEL_MAX_WIDTH)
        for width, wrapped in zip(needed, wrap)
    ]
    # a write-only sheet states its columns and panes before its rows
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width + 2
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name in fields:
        cell = WriteOnlyCell(sheet, _text(name))
        cell.data_type = "s"
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    top = Alignment(vertical="top")
    wrapped = Alignment(vertical="top", wrap_text=True)
    row = 1
    for values in rows():
        row += 1
        cells = []
        lines = 1
        for column, value in enumerate(values):
            cell = WriteOnlyCell(sheet, value)
            cell.alignment = wrapped if wrap[column] else top
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula or an error value
                cell.number_format = TEXT_FORMAT
                if wrap[column]:
                    lines = max(lines, _lines(value, widths[column]))
            cells.append(cell)
        if lines > 1:
            # Excel fits a row to wrapped text by itself, LibreOffice does not
            sheet.row_dimensions[row].height = LINE_HEIGHT * lines
        sheet.append(cells)
        sheet.row_dimensions.pop(row, None)  # written with its row: nothing to keep
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{row}"


def _cell_value(value: Any) -> Any:
    """Numbers as they are, nothing as an empty cell, everything else as its CSV text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = csv_cell(value)
    return _text(text) if text else None


def _text(text: str) -> str:
    """Text a worksheet can hold and shows as it is: characters XML cannot carry made visible
    (BEL -> \\x07), and text that looks like Excel's own escape kept literal."""
    text = _LOOKS_ESCAPED.sub(r"_x005F\1", text)
    return _NOT_XML.sub(lambda match: escape_char(match.group()), text)


def _lines(text: str, width: int) -> int:
    """How many lines `text` takes wrapped in a column `width` wide, with a tenth to spare for
    the ends of lines that word wrapping leaves empty."""
    room = max(1.0, width * 0.9)
    return sum(max(1, math.ceil(natural_width(line) / room)) for line in text.split("\n"))


def _breakable(text: str) -> bool:
    """Whether a line of `text` can break: between words, or between Chinese characters."""
    return len(words(text)) > 1
