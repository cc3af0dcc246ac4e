"""The items as an Excel workbook (.xlsx), written with openpyxl, an optional dependency.

Sheet `items` holds the CSV's columns and values; sheet `figures` the figures of the experts
selected. Numbers stay numbers; every string is stored as a string cell, so that nothing from
the catalogue becomes a formula (`=…`), an error value (`#REF!`) or a date when the workbook
is opened. openpyxl would read a string starting with `=` as a formula, and one such as `#N/A`
as an error: each cell's type is set after its value for that reason.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any, Iterable, Sequence

from ..catalogue import Figure, Item
from . import records
from .export import flat

INSTALL = "pip install 'jjj-cli[xlsx]'"
MISSING = f"writing .xlsx needs openpyxl, which is not installed; add jjj's xlsx extra: {INSTALL}"

FIGURE_FIELDS = (
    "id",
    "expert",
    "indicator",
    "indicator_zh",
    "value",
    "unit",
    "year",
    "region",
    "compared_with",
    "ratio",
    "quote",
)
# A column is as wide as its longest line up to this (in Latin characters; CJK count two);
# longer text wraps inside it.
MAX_WIDTH = 60
TEXT_FORMAT = "@"  # Excel's Text number format: what is typed there later stays text too

# What XML 1.0, and so a worksheet, cannot hold: C0 controls but tab, line feed and carriage
# return, and the two non-characters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Excel reads `_x0041_` in a cell as the character it codes (ECMA-376's ST_Xstring escape), so
# text that looks like one is written with its underscore escaped (`_x005F_`), as Excel does.
_LOOKS_ESCAPED = re.compile("(_x[0-9A-Fa-f]{4}_)")


def openpyxl_installed() -> bool:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return False
    return True


def workbook(items: Sequence[Item], figures: Sequence[Figure], fields: Sequence[str] = ()) -> bytes:
    """The bytes of an .xlsx file: a sheet of items (the `fields` given, else all), one of
    figures. Needs openpyxl (openpyxl_installed)."""
    from openpyxl import Workbook

    book = Workbook()
    item_rows = records.pick((records.item(item) for item in items), fields or records.ITEM_FIELDS)
    _fill(book.active, "items", fields or records.ITEM_FIELDS, item_rows)
    figure_rows = (records.figure(figure) for figure in figures)
    _fill(book.create_sheet(), "figures", FIGURE_FIELDS, figure_rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(sheet: Any, title: str, fields: Sequence[str], rows: Iterable[records.Record]) -> None:
    """A header row, bold and frozen, with a filter; then one row per record."""
    from openpyxl.styles import Alignment, Font

    sheet.title = title
    sheet.append([_text(name) for name in fields])
    for cell in sheet[1]:
        cell.data_type = "s"
        cell.font = Font(bold=True)
    widths = [_width(name) for name in fields]
    for row in rows:
        values = [_cell_value(row[name]) for name in fields]
        sheet.append(values)
        for column, (cell, value) in enumerate(zip(sheet[sheet.max_row], values)):
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula or an error value
                cell.number_format = TEXT_FORMAT
                widths[column] = max(widths[column], _width(value))
            elif value is not None:
                widths[column] = max(widths[column], len(str(value)))
    top = Alignment(vertical="top")
    wrapped = Alignment(vertical="top", wrap_text=True)
    for column, width in enumerate(widths, start=1):
        letter = sheet.cell(row=1, column=column).column_letter
        sheet.column_dimensions[letter].width = min(width, MAX_WIDTH) + 2
        alignment = wrapped if width > MAX_WIDTH else top
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.alignment = alignment
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _cell_value(value: Any) -> Any:
    """Numbers as they are, nothing as an empty cell, everything else as its CSV text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = flat(value)
    return _text(text) if text else None


def _text(text: str) -> str:
    """Text a worksheet can hold and shows as it is: characters XML cannot carry made visible
    (BEL -> \\x07), and text that looks like Excel's own escape kept literal."""
    text = _LOOKS_ESCAPED.sub(r"_x005F\1", text)
    return _NOT_XML.sub(lambda match: _escape(match.group()), text)


def _escape(char: str) -> str:
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def _width(text: str) -> int:
    """How many columns the longest line of `text` takes: CJK characters count two."""
    return max(
        sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)
        for line in text.split("\n")
    )
