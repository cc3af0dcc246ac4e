"""Tables for a terminal that fit its width without breaking an id, a number or a word.

Each column has a kind, which says how it may break, and a priority, which says what goes
first when the terminal is too narrow:

- an **id** (and a number) is never wrapped or cut: people copy ids;
- a **label** (a relation, a unit) and a **list of ids** wrap between words and at commas;
- **prose** wraps between words (Chinese between characters) and is what shrinks first,
  down to a readable minimum.

When the columns do not fit at their natural widths, prose shrinks; when that is not enough,
the columns of lowest priority are left out (a dim line under the table names them); when even
the essential columns (priority 0) cannot fit, every row becomes a block of `field  value`
lines that shows everything, as `kubectl describe` does. `Fields` is that block for one
record: what `show` prints. Every line is broken by `wrap.wrap`.

Imported only for a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

from ..language import _, listed
from .cells import (
    GAP,
    LEFT_OUT,
    MARGIN,
    PROSE_MIN,
    hanging,
    left,
    narrowest,
    rendered,
    right,
    rule,
)
from .headings import heading, said
from .plain import value_text, visible
from .wrap import (
    LIST_SEPARATOR,
    list_min_width,
    min_width,
    natural_width,
    wrap,
    wrap_list,
    wrap_title,
)


class Kind(Enum):
    ID = "id"  # never wrapped or cut
    NUMBER = "number"  # never split; right-aligned
    LABEL = "label"  # a word or two; wraps between words
    IDS = "ids"  # a list of ids; wraps at the commas
    PROSE = "prose"  # wraps between words; shrinks first


# The kind of each field of jjj's records; any other field is prose.
KINDS = {
    **dict.fromkeys(["id", "expert", "region", "parent", "theme", "file", "sha256"], Kind.ID),
    **dict.fromkeys(["seq", "count", "value", "year", "ratio", "score", "code"], Kind.NUMBER),
    **dict.fromkeys(
        ["kind", "relation", "level", "unit", "field", "comparison", "language"], Kind.LABEL
    ),
    **dict.fromkeys(
        ["themes", "regions", "aliases", "experts", "children", "also_within", "related"],
        Kind.IDS,
    ),
}
_STYLES = {Kind.ID: "cyan", Kind.IDS: "cyan"}


class Column(NamedTuple):
    """A column: the record's field, its priority (0 is essential; the highest number is left
    out first), and, when the field name does not say them, its kind and header."""

    key: str
    priority: int = 0
    kind: Kind | None = None
    header: str | None = None


def kind_of(column: Column) -> Kind:
    return column.kind or KINDS.get(column.key, Kind.PROSE)


def cell_text(value: Any) -> Text:
    """A value as a cell: catalogue text as data (controls escaped), a list comma-separated;
    yes and no and a relation word in the run's language (headings.said)."""
    if isinstance(value, Text):
        return value.copy()
    value = said(value)
    if isinstance(value, (list, tuple)):
        return Text(LIST_SEPARATOR.join(visible(value_text([element])) for element in value))
    return Text(visible(value_text(value), single_line=False))


class _Measure(NamedTuple):
    natural: int
    floor: int  # the narrowest the column may be
    shrinks: bool


def _measure(kind: Kind, header: Text, cells: Sequence[Text]) -> _Measure:
    everything = [header, *cells]
    natural = max(natural_width(text) for text in everything)
    if kind in (Kind.ID, Kind.NUMBER):
        return _Measure(natural, natural, False)
    if kind is Kind.PROSE:
        return _Measure(natural, narrowest(everything, PROSE_MIN), True)
    if kind is Kind.IDS:
        floor = max([min_width(header), *(list_min_width(text) for text in cells)])
        return _Measure(natural, floor, True)
    return _Measure(natural, max(min_width(text) for text in everything), True)


def _wrapped(kind: Kind, text: Text, width: int) -> list[Text]:
    """A cell's lines: a list broken between its elements; prose between words, its last line
    never a lone word or character; anything else between words."""
    if kind is Kind.IDS:
        return wrap_list(text, width)
    return wrap_title(text, width) if kind is Kind.PROSE else wrap(text, width)


def _fit(measures: Sequence[_Measure], room: int) -> list[int] | None:
    """Widths within `room` cells: natural, or the shrinking columns capped at one width (the
    widest give way first, none below its floor); None when even the floors do not fit."""
    if sum(m.natural for m in measures) <= room:
        return [m.natural for m in measures]
    if sum(m.floor if m.shrinks else m.natural for m in measures) > room:
        return None

    def capped(cap: int) -> list[int]:
        return [min(m.natural, max(m.floor, cap)) if m.shrinks else m.natural for m in measures]

    cap = max(m.natural for m in measures)
    while sum(capped(cap)) > room:
        cap -= 1
    widths = capped(cap)
    # the cells a whole-number cap leaves over go to the columns it holds back
    for index, m in enumerate(measures):
        if sum(widths) < room and m.shrinks and widths[index] < m.natural:
            widths[index] += 1
    return widths


class Plan(NamedTuple):
    shown: list[int]  # indices of the columns shown, in order
    widths: list[int]
    left_out: list[int]


class RecordTable:
    """Records as rows, fitted to the terminal (see the module's docstring)."""

    def __init__(
        self,
        records: Sequence[Mapping[str, Any]],
        columns: Iterable[Column | str],
        title: str | None = None,
    ) -> None:
        self.columns = [Column(c) if isinstance(c, str) else c for c in columns]
        self.title = title
        self.kinds = [kind_of(column) for column in self.columns]
        self.headers = [Text(heading(column.header or column.key)) for column in self.columns]
        self.rows = [[cell_text(record[c.key]) for c in self.columns] for record in records]
        self.measures = [
            _measure(kind, header, [row[n] for row in self.rows])
            for n, (kind, header) in enumerate(zip(self.kinds, self.headers))
        ]

    def plan(self, width: int) -> Plan | None:
        """Which columns are shown, how wide; None when the essential ones cannot fit."""
        shown = list(range(len(self.columns)))
        while True:
            room = width - 2 * MARGIN - GAP * (len(shown) - 1)
            widths = _fit([self.measures[n] for n in shown], room)
            if widths is not None:
                left_out = [n for n in range(len(self.columns)) if n not in shown]
                return Plan(shown, widths, left_out)
            optional = [n for n in shown if self.columns[n].priority > 0]
            if not optional:
                return None
            # the lowest priority goes first; of equals, the rightmost
            shown.remove(max(optional, key=lambda n: (self.columns[n].priority, n)))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if self.title:
            yield from rendered(console, _styled(Text(self.title), "table.title"))
        plan = self.plan(width)
        if plan is None:
            yield from self._stacked(console, width)
            return
        header_style = console.get_style("table.header")
        headers = [self.headers[n].copy() for n in plan.shown]
        for header in headers:
            header.stylize(header_style)
        yield from self._row(console, plan, headers, header=True)
        table_width = sum(plan.widths) + GAP * (len(plan.widths) - 1)
        yield from rendered(console, rule(table_width))
        rows = [[row[n] for n in plan.shown] for row in self.rows]
        kinds = [self.kinds[n] for n in plan.shown]
        heights = [
            max(len(_wrapped(kind, text, w)) for kind, text, w in zip(kinds, row, plan.widths))
            for row in rows
        ]
        # where most rows take several lines, a blank line between them tells them apart;
        # where few do, the empty cells beside a continued line are enough
        spaced = sum(heights) >= 2 * len(heights)
        for index, row in enumerate(rows):
            if spaced and index:
                yield Segment("\n")
            yield from self._row(console, plan, row)
        if plan.left_out:
            names = listed([self.headers[n].plain for n in plan.left_out])
            note = _styled(Text(_(LEFT_OUT).format(names)), "dim")
            for line in wrap(note, width - 2 * MARGIN):
                yield from rendered(console, line, MARGIN)

    def _row(
        self, console: Console, plan: Plan, cells: Sequence[Text], header: bool = False
    ) -> RenderResult:
        kinds = [self.kinds[n] for n in plan.shown]
        styles = [None if header else _STYLES.get(kind) for kind in kinds]
        lines = [
            _wrapped(kind, text, w) if not header else wrap(text, w)
            for kind, text, w in zip(kinds, cells, plan.widths)
        ]
        for line_number in range(max(len(column) for column in lines)):
            line = Text()
            for n, (column, w) in enumerate(zip(lines, plan.widths)):
                text = column[line_number] if line_number < len(column) else Text()
                text.rstrip()
                padded = right if kinds[n] is Kind.NUMBER else left
                line.append(" " * GAP if n else "")
                line.append_text(padded(text, w, styles[n] or ""))
            yield from rendered(console, line, MARGIN)

    def _stacked(self, console: Console, width: int) -> RenderResult:
        """One block per row: the first column's value, then `field  value` lines."""
        for index, row in enumerate(self.rows):
            if index:
                yield Segment("\n")
            heading = _styled(row[0].copy(), f"bold {_STYLES.get(self.kinds[0], '')}")
            for line in wrap(heading, width - 2 * MARGIN):
                yield from rendered(console, line, MARGIN)
            fields = [
                (self.headers[n].plain, row[n], self.kinds[n])
                for n in range(1, len(self.columns))
                if row[n].plain
            ]
            yield from _fields(console, fields, width, MARGIN + GAP)


class Fields:
    """One record as `field  value` lines, the values wrapped beside the names."""

    def __init__(
        self,
        record: Mapping[str, Any],
        skip: Iterable[str] = (),
        title: str | None = None,
        fields: bool = True,
    ) -> None:
        """`fields`: whether the keys are a record's fields, each labelled by its heading and
        laid out by its kind; else labels as they are (ids) beside prose."""
        skipped = set(skip)
        self.title = title
        self.fields = [
            (
                heading(name) if fields else visible(name),
                cell_text(value),
                KINDS.get(name, Kind.PROSE) if fields else Kind.PROSE,
            )
            for name, value in record.items()
            if name not in skipped and value not in (None, [], "")
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.title:
            yield from rendered(console, _styled(Text(visible(self.title)), "table.title"))
        yield from _fields(console, self.fields, options.max_width, MARGIN)


class Lines:
    """Lines of text (a report), each wrapped between words, its continuation indented."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = [Text(visible(line)) for line in lines]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room = options.max_width - 2 * MARGIN
        for text in self.lines:
            for line in hanging(text, room, GAP):
                yield from rendered(console, line, MARGIN)


def _fields(
    console: Console, fields: Sequence[tuple[str, Text, Kind]], width: int, indent: int
) -> RenderResult:
    if not fields:
        return
    names = max(cell_len(name) for name, _, _ in fields)
    room = max(width - indent - names - GAP - MARGIN, 1)
    for name, value, kind in fields:
        value = value.copy()
        value.stylize(_STYLES.get(kind, ""))
        for number, line in enumerate(_wrapped(kind, value, room) or [Text()]):
            label = left(Text(name if number == 0 else ""), names + GAP, "bold")  # a heading
            yield from rendered(console, Text.assemble(label, line), indent)


def _styled(text: Text, style: str) -> Text:
    text.stylize(style)  # a span, as cells.rendered needs
    return text
