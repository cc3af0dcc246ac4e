"""Rich tables for a terminal. Imported only when stdout is one, to keep startup light."""

from __future__ import annotations

from typing import Any, Iterable, NamedTuple, Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
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


class _Layout(NamedTuple):
    width: int
    beside: bool  # the title beside the left columns, or beneath them
    indent: int  # where the title's lines start
    title_width: int


class ItemRows:
    """Items as a person reads them: number, id and expert (and kind, when both kinds are
    listed) on the left; the title wrapped beside them, its themes and regions dimmed beneath.

    A layout of its own, not a rich Table: this is jjj's main view, and a Table measures, pads
    and renders every cell through its general machinery, a fifth of a run for the shipped
    catalogue. The work that is hard to get right stays rich's: wrapping, the width of each
    character (Chinese takes two columns), styles and the terminal. When the terminal leaves
    the title too little room beside the left columns, it goes beneath them instead.
    """

    MIN_TITLE_WIDTH = 24
    _MARGIN, _GAP = " ", "  "

    def __init__(
        self, records: Sequence[dict[str, Any]], title_field: str, title: str | None = None
    ) -> None:
        self.records, self.title_field, self.title = records, title_field, title
        # (header, record field, style) of each left column
        self.columns = [("#", "seq", "dim"), ("id", "id", "cyan"), ("expert", "expert", "none")]
        if len({record["kind"] for record in records}) > 1:
            self.columns.append(("kind", "kind", "none"))
        self.cells = [
            [visible(cell(record[key])) for _, key, _ in self.columns] for record in records
        ]
        self.widths = [
            max([cell_len(header), *(cell_len(row[n]) for row in self.cells)])
            for n, (header, _, _) in enumerate(self.columns)
        ]

    def _layout(self, width: int) -> _Layout:
        margin, gap = len(self._MARGIN), len(self._GAP)
        left = margin + sum(column + gap for column in self.widths)
        beside = width - left - margin >= self.MIN_TITLE_WIDTH
        indent = left if beside else margin + self.widths[0] + gap  # beneath: under the id
        return _Layout(width, beside, indent, max(width - indent - margin, 1))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        layout = self._layout(options.max_width)
        if self.title:
            yield from Text.assemble((self.title, "table.title")).render(console, end="\n")
        bold = console.get_style("table.header")
        header = self._left([name for name, _, _ in self.columns], [bold] * len(self.columns))
        yield from self._lines(
            console, layout, header, Text.assemble(("title" if layout.beside else "", bold))
        )
        yield Segment(self._MARGIN + "─" * (layout.width - 2 * len(self._MARGIN)) + "\n")

        styles = [console.get_style(style) for _, _, style in self.columns]
        for record, values in zip(self.records, self.cells):
            text = Text(visible(cell(record[self.title_field])))
            tags = " · ".join(
                part for part in (", ".join(record["themes"]), ", ".join(record["regions"])) if part
            )
            text.append("\n" + visible(tags), style="dim")
            yield from self._lines(console, layout, self._left(values, styles), text)

    def _left(self, values: Sequence[str], styles: Sequence[Style]) -> list[Segment]:
        """One row's left columns, padded to their widths; the number to the right."""
        segments = [Segment(self._MARGIN)]
        for n, (value, style) in enumerate(zip(values, styles)):
            pad, text = Segment(" " * (self.widths[n] - cell_len(value))), Segment(value, style)
            segments += [pad, text] if n == 0 else [text, pad]
            segments.append(Segment(self._GAP))
        return segments

    def _lines(
        self, console: Console, layout: _Layout, left: list[Segment], text: Text
    ) -> RenderResult:
        """The left columns, then the text's lines beside them (or beneath, indented)."""

        def finished(line: Text) -> Iterable[Segment]:
            # styles are spans: Text.render, unlike printing, leaves a Text's own style out
            line.rstrip()
            return line.render(console, end="\n")

        wrapped = [
            line
            for line in text.wrap(console, layout.title_width, overflow="fold")
            if line.plain.strip()  # an item without tags has no line for them
        ]
        if layout.beside:
            first, *wrapped = wrapped or [Text()]
            yield from left
            yield from finished(first)
        else:  # too narrow for both on one line: ids fold rather than being cut off
            stacked = Text.assemble(*((segment.text, segment.style) for segment in left))
            for line in stacked.wrap(console, layout.width, overflow="fold"):
                yield from finished(line)
        for line in wrapped:
            yield Segment(" " * layout.indent)
            yield from finished(line)


def detail(record: dict[str, Any], nested: dict[str, Sequence[str]]) -> RenderableType:
    """One record as a field/value grid, then a table for each nested list of records."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name, value in record.items():
        if name not in nested and value not in (None, []):
            grid.add_row(Text(name), _text(value))
    tables = [
        ItemRows(record[name], columns[-1], title=name)
        if name == "items"
        else records_table(record[name], columns, title=name)
        for name, columns in nested.items()
        if record[name]
    ]
    return Group(grid, *tables)
