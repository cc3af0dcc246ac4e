"""The matrix on a terminal: counts shaded by size, with totals, laid out to fit the width.

A column is as wide as its header and its counts, never narrower: a name is never printed
down the screen, a count never split, a header never cut. When the columns do not fit, the
table changes layout instead; the first of these that fits the terminal is shown:

1. as asked (`--rows` down the side, `--cols` across), each column headed by its whole label
   on one line;
2. transposed (the columns' values down the side), whole labels on one line;
3. as asked, then transposed, the labels over two lines (Chinese names break between
   characters, English between words; an id never breaks);
4. as asked, then transposed, the columns headed by short keys (A, B, … Z, AA, …) with a
   legend beneath the table giving each key's label.

Row labels may wrap onto more lines, evenly (never narrower than cells.LABEL_MIN, and an id
never breaks); the counts stand on a row's first line. If even the keys do not fit, the
narrower of the two keyed layouts is shown with its row labels wrapped to what is left, and a
label that cannot be (an id wider than that) stands whole on a line of its own above its
counts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from ..explore import Matrix
from .cells import GAP, LABEL_MIN, MARGIN, finished, hanging, left, narrowest, right, rule
from .plain import visible
from .wrap import min_width, natural_width, width_for, wrap, wrap_title

# Background shades from faint to strong; a cell's shade is its share of the largest count.
_SHADES = ("grey35", "deep_sky_blue4", "dodger_blue3", "dodger_blue2", "dodger_blue1")


def _key(index: int) -> str:
    """A, B, … Z, AA, AB, …: a short column key, as spreadsheets name columns."""
    key = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        key = chr(ord("A") + rest) + key
    return key


@dataclass(frozen=True)
class _Layout:
    transposed: bool
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    headers: tuple[str, ...]  # what heads each column: its label, or its key
    header_widths: tuple[int, ...]  # each column's width
    gap: int  # between count columns
    label_width: int  # the narrowest the row labels may go in this layout
    total_width: int
    keyed: bool

    def width(self, label_width: int) -> int:
        counts = sum(self.header_widths) + self.gap * max(len(self.cols) - 1, 0)
        return MARGIN + label_width + GAP + counts + GAP + self.total_width


class Heatmap:
    """The matrix as a heat map: a row per value of one facet, a column per value of the
    other, each count shaded by its share of the largest, totals in the last row and column."""

    def __init__(
        self, result: Matrix, labels: Mapping[str, str], corner: Sequence[str], total: str
    ) -> None:
        self.result, self.total = result, total
        self.labels = {id: visible(label) for id, label in labels.items()}
        self.corner = tuple(corner)  # the row facet's name and the column facet's
        self.counts = {(cell.row, cell.col): cell.count for cell in result.cells}
        self.largest = max(self.counts.values(), default=0)

    # --- choosing a layout -------------------------------------------------------------

    def _count(self, row: str, col: str, transposed: bool) -> int:
        return self.counts[(col, row) if transposed else (row, col)]

    def _totals(self, transposed: bool) -> tuple[Mapping[str, int], Mapping[str, int]]:
        """Row totals and column totals, as the layout's rows and columns."""
        r = self.result
        return (r.col_totals, r.row_totals) if transposed else (r.row_totals, r.col_totals)

    def _corner(self, transposed: bool) -> str:
        down, across = reversed(self.corner) if transposed else self.corner
        return f"{down} \\ {across}"

    def _layouts(self) -> Iterator[_Layout]:
        """Every layout in the order of preference of the module's docstring."""
        plans = [(lines, transposed) for lines in (1, 2) for transposed in (False, True)]
        plans += [(0, False), (0, True)]  # keyed
        for lines, transposed in plans:
            rows, cols = self.result.rows, self.result.cols
            if transposed:
                rows, cols = cols, rows
            row_totals, col_totals = self._totals(transposed)
            total_width = max(
                cell_len(self.total),
                len(str(self.result.total)),
                *(len(str(row_totals[row])) for row in rows),
            )
            digits = [
                max(
                    [len(str(col_totals[col]))]
                    + [len(str(self._count(r, col, transposed))) for r in rows]
                )
                for col in cols
            ]
            if lines:
                headers = tuple(self.labels[col] for col in cols)
                widths = tuple(
                    max(width_for(header, lines), digit) for header, digit in zip(headers, digits)
                )
            else:
                headers = tuple(_key(index) for index in range(len(cols)))
                widths = tuple(max(cell_len(key), digit) for key, digit in zip(headers, digits))
            corner = self._corner(transposed)
            labels = [self.labels[row] for row in rows] + [self.total]
            natural = max(natural_width(corner), *(natural_width(label) for label in labels))
            floor = max(min_width(corner), *(narrowest([label], LABEL_MIN) for label in labels))
            for gap in (2, 1):
                yield _Layout(
                    transposed,
                    rows,
                    cols,
                    headers,
                    widths,
                    gap,
                    min(natural, floor),
                    total_width,
                    not lines,
                )

    def _choose(self, width: int) -> tuple[_Layout, int]:
        """The first layout that fits the width, and the width of its row labels."""
        layouts = list(self._layouts())
        for layout in layouts:
            if layout.width(layout.label_width) <= width:
                break
        else:
            layout = min(
                (layout for layout in layouts if layout.keyed), key=lambda keyed: keyed.width(0)
            )
        natural = max(
            natural_width(self._corner(layout.transposed)),
            *(natural_width(self.labels[row]) for row in layout.rows),
            natural_width(self.total),
        )
        room = width - layout.width(0)
        return layout, max(1, min(natural, room))

    # --- drawing it ----------------------------------------------------------------------

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        layout, label_width = self._choose(options.max_width)
        for line in self._lines(layout, label_width, options.max_width):
            yield finished(line)

    def _lines(self, layout: _Layout, label_width: int, screen: int) -> Iterator[Text]:
        widths = layout.header_widths
        row_totals, col_totals = self._totals(layout.transposed)
        total_width = layout.total_width
        gap = " " * layout.gap

        # the header: the corner and each column's header, lined up at the bottom
        corner = wrap(self._corner(layout.transposed), label_width)
        heads = [wrap(header, width) for header, width in zip(layout.headers, widths)]
        height = max(len(corner), *(len(head) for head in heads)) if heads else len(corner)
        for n in range(height):
            line = Text(" " * MARGIN)
            line.append_text(left(_at(corner, n, height), label_width, "bold"))
            line.append(" " * GAP)
            for index, (head, width) in enumerate(zip(heads, widths)):
                line.append(gap if index else "")
                line.append_text(right(_at(head, n, height), width, "bold"))
            line.append(" " * GAP)
            last = n == height - 1
            line.append_text(right(Text(self.total if last else ""), total_width, "bold"))
            yield line
        table_width = layout.width(label_width) - MARGIN
        yield rule(table_width)

        for row in layout.rows:
            counts = [
                self._cell(self._count(row, col, layout.transposed), w)
                for col, w in zip(layout.cols, widths)
            ]
            yield from self._row(
                self.labels[row], counts, row_totals[row], label_width, total_width, gap
            )
        yield rule(table_width, "dim")
        totals = [
            right(Text(str(col_totals[col])), w, "bold") for col, w in zip(layout.cols, widths)
        ]
        yield from self._row(self.total, totals, self.result.total, label_width, total_width, gap)

        if layout.keyed and layout.cols:
            yield Text()
            yield from _legend(
                [(key, self.labels[col]) for key, col in zip(layout.headers, layout.cols)], screen
            )

    def _cell(self, count: int, width: int) -> Text:
        if count == 0:
            return right(Text("·"), width, "dim")
        shade = _SHADES[min(len(_SHADES) - 1, (len(_SHADES) * count) // (self.largest + 1))]
        return right(Text(str(count)), width, f"bold white on {shade}")

    def _row(
        self,
        label: str,
        counts: Sequence[Text],
        total: int,
        label_width: int,
        total_width: int,
        gap: str,
    ) -> Iterator[Text]:
        """A row: its label (wrapped), its counts and its total on the first line. A label
        with a word wider than the label column (an id) stands whole on a line of its own,
        above its counts."""
        parts = wrap_title(label, label_width)
        if min_width(label) > label_width:
            yield left(Text(" " * MARGIN + label), 0, "bold")
            parts = [Text()]
        for n, part in enumerate(parts):
            line = Text(" " * MARGIN)
            line.append_text(left(part, label_width, "bold"))
            if n == 0:
                line.append(" " * GAP)
                for index, count in enumerate(counts):
                    line.append(gap if index else "")
                    line.append_text(count)
                line.append(" " * GAP)
                line.append_text(right(Text(str(total)), total_width, "bold"))
            yield line


def _at(lines: Sequence[Text], n: int, height: int) -> Text:
    """Line n of a header `height` lines tall, the text at its bottom."""
    index = n - (height - len(lines))
    return lines[index] if index >= 0 else Text()


def _legend(entries: Sequence[tuple[str, str]], width: int) -> Iterator[Text]:
    """Each key and its label, in as many columns as fit, down then across (as `ls` lists)."""
    key_width = max(cell_len(key) for key, _ in entries)
    entry_width = key_width + 1 + max(natural_width(label) for _, label in entries)
    available = max(width - MARGIN, 1)
    columns = max(1, (available + GAP) // (entry_width + GAP))
    if columns == 1:  # one a line, a long label wrapped under itself
        for key, label in entries:
            # the key's padding goes before the wrapped lines: wrapping drops a line's
            # leading spaces, and every label is to start in the same column
            pad = key_width - cell_len(key)
            entry = Text.assemble((key, "bold"), " ", label)
            for line in hanging(entry, max(available - pad, 1), key_width + 1 - pad):
                yield Text.assemble(" " * (MARGIN + pad), line)
        return
    height = -(-len(entries) // columns)
    for n in range(height):
        line = Text(" " * MARGIN)
        for index in range(n, len(entries), height):
            key, label = entries[index]
            line.append(" " * (MARGIN + (index // height) * (entry_width + GAP) - line.cell_len))
            line.append(key.rjust(key_width), style="bold")
            line.append(" ")
            line.append(label)
        yield line
