"""What every renderer shares: the output modes, JSON as jjj prints it, and records or a
report's lines as JSON, TSV for pipes or a table for a terminal.

Renderers return a string or a rich renderable (`Output`); the command prints it. rich is
imported only when a table is wanted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Union

from . import plain

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .layout import RecordTable

# text, a rich renderable, or text chunks written as they are made (render/stream.py)
Output = Union[str, "RenderableType", Iterator[str]]


class Unavailable(Exception):
    """What was asked needs what this installation lacks (an SQLite with full-text search,
    openpyxl): not the user's mistake, nor the catalogue's."""


class Mode(Enum):
    JSON = "json"
    PLAIN = "plain"
    TABLE = "table"


class Lang(str, Enum):
    en = "en"
    zh = "zh"


def to_json(data: Any, indent: int | None = 2) -> str:
    """JSON as jjj prints it: UTF-8, with what would act on a terminal escaped."""
    import json  # here: a search in a pipe, or a listing as JSON (ready made), needs none

    text = json.dumps(data, ensure_ascii=False, indent=indent)
    # json.dumps escapes the C0 controls itself, but passes the rest through
    unsafe = f"[{plain.BEYOND_C0}]"
    return re.sub(unsafe, lambda match: f"\\u{ord(match.group()):04x}", text)


def title_field(lang: Lang) -> str:
    """The item field that holds the title in this language."""
    return "title_zh" if lang is Lang.zh else "title"


def tabular(
    data: list[dict[str, Any]],
    columns: Sequence[str],
    mode: Mode,
    priorities: dict[str, int] | None = None,
) -> Output:
    """Records as JSON (whole), or their columns as TSV or a table (`table`)."""
    if mode is Mode.JSON:
        return to_json(data)
    if mode is Mode.PLAIN:
        return plain.tsv(data, columns)
    return table(data, columns, priorities)


def table(
    data: list[dict[str, Any]], columns: Sequence[str], priorities: dict[str, int] | None = None
) -> RecordTable:
    """Records as a terminal's table: the columns `priorities` ranks, in its order; without
    it, every column, all essential."""
    from .layout import Column, RecordTable

    ranked = dict.fromkeys(columns, 0) if priorities is None else priorities
    return RecordTable(data, [Column(key, rank) for key, rank in ranked.items() if key in columns])


def report_lines(lines: Sequence[str], mode: Mode) -> Output:
    """A report's lines: as they are in a pipe; on a terminal, wrapped between words."""
    if mode is not Mode.TABLE:
        return "\n".join(lines)
    from .layout import Lines

    return Lines(lines)
