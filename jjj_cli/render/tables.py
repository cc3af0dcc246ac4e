"""Rich tables for a terminal. Imported only when stdout is one, to keep startup light."""

from __future__ import annotations

from typing import Any, Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .plain import cell, visible

# Prose columns share the width the others leave over; ids and lists of ids are capped so a
# long one folds instead of squeezing the prose out of an 80- or 100-column terminal.
_PROSE_COLUMNS = {"title", "title_zh", "name", "name_zh", "indicator", "indicator_zh"}
_CAPPED_COLUMNS = {"id": 30, "themes": 16, "regions": 16, "aliases": 20, "unit": 8}
_NUMBER_COLUMNS = {"count", "seq", "value", "year", "ratio"}


def _text(value: Any, separator: str = ", ") -> Text:
    # Text(...) never parses markup: catalogue text is shown exactly as written.
    if isinstance(value, list) and all(isinstance(element, str) for element in value):
        value = separator.join(value)
    return Text(visible(cell(value), single_line=False))


def records_table(
    records: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None = None
) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD, header_style="bold", title=title, title_justify="left", expand=True
    )
    for column in columns:
        prose = column in _PROSE_COLUMNS
        table.add_column(
            column,
            style=None if prose else "cyan",
            justify="right" if column in _NUMBER_COLUMNS else "left",
            ratio=1 if prose else None,
            max_width=_CAPPED_COLUMNS.get(column),
            no_wrap=not prose and column not in _CAPPED_COLUMNS,
            overflow="fold",
        )
    for record in records:
        # one id per line keeps a list of ids readable without breaking any of them
        table.add_row(*(_text(record[column], separator="\n") for column in columns))
    return table


def item_table(
    records: Sequence[dict[str, Any]], title_field: str, title: str | None = None
) -> Table:
    """Items as a person reads them: the title wide, its themes and regions dimmed beneath."""
    table = Table(
        box=box.SIMPLE_HEAD, header_style="bold", title=title, title_justify="left", expand=True
    )
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("expert", no_wrap=True)
    show_kind = len({record["kind"] for record in records}) > 1
    if show_kind:
        table.add_column("kind", no_wrap=True)
    table.add_column("title", ratio=1, min_width=24, overflow="fold")
    for record in records:
        tags = " · ".join(
            part for part in (", ".join(record["themes"]), ", ".join(record["regions"])) if part
        )
        text = _text(record[title_field])
        text.append("\n")
        text.append(visible(tags), style="dim")
        kind = [_text(record["kind"])] if show_kind else []
        table.add_row(
            _text(record["seq"]), _text(record["id"]), _text(record["expert"]), *kind, text
        )
    return table


def detail(record: dict[str, Any], nested: dict[str, Sequence[str]]) -> RenderableType:
    """One record as a field/value grid, then a table for each nested list of records."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name, value in record.items():
        if name not in nested and value not in (None, []):
            grid.add_row(Text(name), _text(value))
    tables = [
        item_table(record[name], columns[-1], title=name)
        if name == "items"
        else records_table(record[name], columns, title=name)
        for name, columns in nested.items()
        if record[name]
    ]
    return Group(grid, *tables)
