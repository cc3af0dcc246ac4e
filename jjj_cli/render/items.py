"""The item list on a terminal: what `list` shows, and `show` under an expert, a theme or a
region. Imported only when stdout is one, to keep startup light; the tables of every other
command are layout.RecordTable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from .cells import GAP, MARGIN, rendered, rule
from .plain import value_text, visible
from .wrap import wrap, wrap_title


class _Layout(NamedTuple):
    width: int
    beside: bool  # the title beside the left columns, or beneath them
    indent: int  # where the title's lines start
    title_width: int


class ItemRows:
    """Items as a person reads them: number, id and expert (and kind, when both kinds are
    listed, and source, when several sources are) on the left; the title wrapped beside them,
    its themes and regions dimmed beneath.

    A layout of its own, not a rich Table: this is jjj's main view, and a Table measures, pads
    and renders every cell through its general machinery, a fifth of a run for the shipped
    catalogue. Lines break where wrap.py says; the width of each character (Chinese takes two
    columns), styles and the terminal stay rich's. When the terminal leaves the title too
    little room beside the left columns, it goes beneath them instead.
    """

    MIN_TITLE_WIDTH = 28

    def __init__(
        self, records: Sequence[dict[str, Any]], title_field: str, title: str | None = None
    ) -> None:
        self.records, self.title_field, self.title = records, title_field, title
        # (header, record field, style) of each left column
        self.columns = [("#", "seq", "dim"), ("id", "id", "cyan"), ("expert", "expert", "none")]
        if len({record["kind"] for record in records}) > 1:
            self.columns.append(("kind", "kind", "none"))
        # items of several sources: the number is the order within each, so say which
        if len({record["source"] for record in records}) > 1:
            self.columns.append(("source", "source", "none"))
        self.cells = [
            [visible(value_text(record[key])) for _, key, _ in self.columns] for record in records
        ]
        self.widths = [
            max([cell_len(header), *(cell_len(row[n]) for row in self.cells)])
            for n, (header, _, _) in enumerate(self.columns)
        ]

    def _layout(self, width: int) -> _Layout:
        left = MARGIN + sum(column + GAP for column in self.widths)
        beside = width - left - MARGIN >= self.MIN_TITLE_WIDTH
        indent = left if beside else MARGIN + self.widths[0] + GAP  # beneath: under the id
        return _Layout(width, beside, indent, max(width - indent - MARGIN, 1))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        layout = self._layout(options.max_width)
        if self.title:
            yield from rendered(console, Text.assemble((self.title, "table.title")))
        bold = console.get_style("table.header")
        header = self._left([name for name, _, _ in self.columns], [bold] * len(self.columns))
        heading = Text.assemble(("title" if layout.beside else "", bold))
        yield from self._lines(console, layout, header, heading, Text())
        yield from rendered(console, rule(layout.width - 2 * MARGIN))

        styles = [console.get_style(style) for _, _, style in self.columns]
        for record, values in zip(self.records, self.cells):
            title = Text(visible(value_text(record[self.title_field])))
            tags = " · ".join(
                part for part in (", ".join(record["themes"]), ", ".join(record["regions"])) if part
            )
            yield from self._lines(
                console, layout, self._left(values, styles), title, Text(visible(tags), "dim")
            )

    def _left(self, values: Sequence[str], styles: Sequence[Style]) -> list[Segment]:
        """One row's left columns, padded to their widths; the number to the right."""
        segments = [Segment(" " * MARGIN)]
        for n, (value, style) in enumerate(zip(values, styles)):
            pad, text = Segment(" " * (self.widths[n] - cell_len(value))), Segment(value, style)
            segments += [pad, text] if n == 0 else [text, pad]
            segments.append(Segment(" " * GAP))
        return segments

    def _lines(
        self, console: Console, layout: _Layout, left: list[Segment], title: Text, tags: Text
    ) -> RenderResult:
        """The left columns, then the title's and the tags' lines beside them (or beneath,
        indented); a title's last line never a lone word or character."""
        wrapped = [
            line
            for line in wrap_title(title, layout.title_width) + wrap(tags, layout.title_width)
            if line.plain.strip()  # an item without tags has no line for them
        ]
        if layout.beside:
            first, *wrapped = wrapped or [Text()]
            yield from left
            yield from rendered(console, first)
        else:  # too narrow for both on one line: the title goes beneath
            stacked = Text.assemble(*((segment.text, segment.style or "") for segment in left))
            if stacked.cell_len <= layout.width:
                yield from rendered(console, stacked)
            else:  # ids longer than the terminal is wide: only these break
                for line in wrap(stacked, layout.width):
                    yield from rendered(console, line)
        for line in wrapped:
            yield from rendered(console, line, layout.indent)
