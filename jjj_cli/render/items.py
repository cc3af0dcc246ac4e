"""The item list on a terminal: what `list` shows, and `show` under an expert, a theme or a
region. Imported only when stdout is one, to keep startup light; the tables of every other
command are layout.RecordTable."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from ..language import _, listed
from .cells import GAP, LEFT_OUT, MARGIN, rendered, rule
from .headings import heading, kind_said
from .plain import value_text, visible
from .wrap import wrap, wrap_names, wrap_title


class _Column(NamedTuple):
    header: str
    key: str  # the record's field
    style: str
    priority: int  # 0 always stays; where the columns do not fit, the highest goes first


class _Layout(NamedTuple):
    width: int
    shown: list[int]  # the left columns shown, by index
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
    little room beside the left columns, it goes beneath them instead; when the left columns
    do not fit on one line even so, the least important are left out, and a line says which.
    """

    MIN_TITLE_WIDTH = 28

    def __init__(
        self,
        records: Sequence[dict[str, Any]],
        title_field: str,
        title: str | None = None,
        names: Mapping[str, str] | None = None,
    ) -> None:
        """`names`: what a reader of another language than the ids' calls each expert, theme
        and region, shown instead of its id in the expert column and under the title."""
        self.records, self.title_field, self.title = records, title_field, title
        self.names = names or {}
        # The left columns. Where they do not all fit on one line, the highest priority is
        # left out first (see _shown); the number and the id always stay. The expert goes
        # first: an item's id starts with the expert's short name, and the figures' table
        # leaves its expert out first too. The source stays longest: the number is the order
        # within a source, so without it the numbers repeat and say less.
        self.columns = [
            _Column(heading("#"), "seq", "dim", 0),
            _Column(heading("id"), "id", "cyan", 0),
            _Column(heading("expert"), "expert", "none", 3),
        ]
        if len({record["kind"] for record in records}) > 1:
            self.columns.append(_Column(heading("kind"), "kind", "none", 2))
        # items of several sources: the number is the order within each, so say which
        if len({record["source"] for record in records}) > 1:
            self.columns.append(_Column(heading("source"), "source", "none", 1))
        self.cells = [
            [
                visible(value_text(self._named(column.key, record[column.key])))
                for column in self.columns
            ]
            for record in records
        ]
        self.widths = [
            max([cell_len(column.header), *(cell_len(row[n]) for row in self.cells)])
            for n, column in enumerate(self.columns)
        ]

    def _shown(self, width: int) -> list[int]:
        """The left columns that fit on one line between the margins, by index: the number
        and the id always; then each other column, the most important first, where it still
        fits (a wide source left out need not take a narrow kind with it)."""
        shown = [n for n, column in enumerate(self.columns) if column.priority == 0]
        others = [n for n, column in enumerate(self.columns) if column.priority]
        for n in sorted(others, key=lambda n: self.columns[n].priority):
            wider = sorted([*shown, n])
            if MARGIN + sum(self.widths[m] for m in wider) + GAP * (len(wider) - 1) <= (
                width - MARGIN
            ):
                shown = wider
        return shown

    def _layout(self, width: int) -> _Layout:
        shown = self._shown(width)
        left = MARGIN + sum(self.widths[n] + GAP for n in shown)
        beside = width - left - MARGIN >= self.MIN_TITLE_WIDTH
        indent = left if beside else MARGIN + self.widths[0] + GAP  # beneath: under the id
        return _Layout(width, shown, beside, indent, max(width - indent - MARGIN, 1))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        layout = self._layout(options.max_width)
        if self.title:
            yield from rendered(console, Text.assemble((self.title, "table.title")))
        bold = console.get_style("table.header")
        header = self._left(layout.shown, [column.header for column in self.columns], bold)
        above = Text.assemble((heading("title") if layout.beside else "", bold))
        yield from self._lines(console, layout, header, above, Text())
        yield from rendered(console, rule(layout.width - 2 * MARGIN))

        styles = [console.get_style(column.style) for column in self.columns]
        for record, values in zip(self.records, self.cells):
            title = Text(visible(value_text(record[self.title_field])))
            tags = " · ".join(
                part
                for part in (
                    listed([self.names.get(id, id) for id in record["themes"]]),
                    listed([self.names.get(id, id) for id in record["regions"]]),
                )
                if part
            )
            left = self._left(layout.shown, values, styles)
            yield from self._lines(console, layout, left, title, Text(visible(tags), "dim"))
        left_out = [c.header for n, c in enumerate(self.columns) if n not in layout.shown]
        if left_out:
            note = Text(_(LEFT_OUT).format(listed(left_out)), "dim")
            for line in wrap(note, layout.width - 2 * MARGIN):
                yield from rendered(console, line, MARGIN)

    def _tag_lines(self, tags: Text, layout: _Layout) -> list[Text]:
        """The themes and regions beneath the title: names (in Chinese) broken between names,
        never inside one; ids between words."""
        if self.names:
            return wrap_names(tags, layout.title_width)
        return wrap(tags, layout.title_width)

    def _named(self, key: str, value: Any) -> Any:
        """The expert by name, when there are names; the kind in the run's language; any other
        cell as it is."""
        if key == "kind":
            return kind_said(value)
        return self.names.get(value, value) if key == "expert" else value

    def _left(
        self, shown: Sequence[int], values: Sequence[str], styles: Style | Sequence[Style]
    ) -> list[Segment]:
        """One row's shown left columns, padded to their widths; the number to the right."""
        segments = [Segment(" " * MARGIN)]
        for n in shown:
            style = styles if isinstance(styles, Style) else styles[n]
            pad = Segment(" " * (self.widths[n] - cell_len(values[n])))
            text = Segment(values[n], style)
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
            for line in wrap_title(title, layout.title_width) + self._tag_lines(tags, layout)
            if line.plain.strip()  # an item without tags has no line for them
        ]
        if layout.beside:
            first, *wrapped = wrapped or [Text()]
            yield from left
            yield from rendered(console, first)
        else:  # too narrow for both on one line: the title goes beneath
            stacked = Text.assemble(*((segment.text, segment.style or "") for segment in left))
            stacked.rstrip()  # the gap after the last column is no part of the line
            if stacked.cell_len <= layout.width:
                yield from rendered(console, stacked)
            else:  # ids longer than the terminal is wide: only these break
                stacked = stacked[MARGIN:]
                for line in wrap(stacked, layout.width - 2 * MARGIN):
                    yield from rendered(console, line, MARGIN)
        for line in wrapped:
            yield from rendered(console, line, layout.indent)
