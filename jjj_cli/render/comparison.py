"""`compare` on a terminal: the experts side by side, theme by theme, and the links between
their items, laid out to fit the width.

Side by side, a row per theme: the theme and where the experts meet on it, then a column per
expert with their items (title, and the id beneath it), then the linked items under the row.
When an expert's column would be narrower than `MIN_COLUMN` cells, or than an id, the themes
are stacked instead: per theme a heading, then per expert their items, then the links, each
indented under what it belongs to. Text wraps between words (Chinese between characters,
never before closing punctuation); a bullet always has its text beside it; ids never break.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from ..language import N_, _
from .cells import GAP, LABEL_MIN, MARGIN, finished, hanging, left, narrowest, rule
from .headings import said
from .wrap import wrap, wrap_title

MIN_COLUMN = 24
_BULLET = "• "
_MARKS = {
    "converge": N_("⇄ converge"),
    "shared": N_("= shared"),
    "only": N_("○ only"),
    "none": "",
}
_LINKS = N_("links")  # what the lines under a theme's items are
_MARK_STYLES = {"converge": "bold green", "shared": "green", "only": "yellow", "none": ""}


@dataclass(frozen=True)
class ComparedItem:
    id: str
    title: str


@dataclass(frozen=True)
class ComparedTheme:
    label: str  # what the theme is called in the chosen language
    other: str  # its name in English, or its id, when the label is the Chinese name
    status: str
    items: tuple[tuple[ComparedItem, ...], ...]  # per expert, in the order of the experts
    links: tuple[tuple[str, str, str], ...]  # (item, other item, relation)


class Comparison:
    """Themes, the experts' items on each and the links between them, side by side when the
    experts' columns are wide enough, stacked theme by theme when not. Every text handed in
    is shown as it is: the caller makes control characters visible."""

    def __init__(
        self, themes: Sequence[ComparedTheme], experts: Sequence[str], theme_header: str
    ) -> None:
        self.themes = [theme for theme in themes if theme.status != "none"]
        self.experts = list(experts)
        self.theme_header = theme_header
        ids = [item.id for theme in self.themes for items in theme.items for item in items]
        self.widest_id = max((cell_len(id) for id in ids), default=0)
        labels = [theme.label for theme in self.themes] + [theme_header]
        self.theme_width = max(
            *(cell_len(_(mark)) for mark in _MARKS.values() if mark),
            *(narrowest([label], LABEL_MIN) for label in labels),
        )

    def column_width(self, width: int) -> int:
        """Each expert's column when side by side."""
        taken = MARGIN + self.theme_width + GAP * len(self.experts)
        return (width - taken) // max(len(self.experts), 1)

    def side_by_side(self, width: int) -> bool:
        needed = max(MIN_COLUMN, cell_len(_BULLET) + self.widest_id)
        return self.column_width(width) >= needed

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lines = self._beside(width) if self.side_by_side(width) else self._stacked(width)
        for line in lines:
            yield finished(line)

    # --- side by side --------------------------------------------------------------------

    def _beside(self, width: int) -> Iterator[Text]:
        column = self.column_width(width)
        widths = [self.theme_width, *([column] * len(self.experts))]
        header = [Text(self.theme_header, style="bold")]
        header += [Text(name, style="bold") for name in self.experts]
        yield from _row([wrap(cell, w) for cell, w in zip(header, widths)], widths)
        yield rule(width - MARGIN)
        links_at = MARGIN + self.theme_width + GAP
        for index, theme in enumerate(self.themes):
            if index:
                yield rule(width - MARGIN, "dim")
            cells = [_theme_cell(theme, self.theme_width)]
            cells += [_items(items, column) for items in theme.items]
            yield from _row(cells, widths)
            for n, line in enumerate(_links(theme.links, links_at, width - links_at)):
                if n == 0:  # the first link line says what the lines are, in the theme column
                    label = _(_LINKS)  # over as many cells of the line's leading spaces
                    line = Text.assemble(
                        " " * MARGIN, (label, "bold dim"), line[MARGIN + cell_len(label) :]
                    )
                yield line

    # --- stacked -------------------------------------------------------------------------

    def _stacked(self, width: int) -> Iterator[Text]:
        for index, theme in enumerate(self.themes):
            if index:
                yield Text()
            heading = Text(theme.label, style="bold cyan")
            heading.append("  ")
            heading.append(_(_MARKS[theme.status]), style=_MARK_STYLES[theme.status])
            yield from _indented(wrap(heading, width - MARGIN), MARGIN)
            yield from _indented(wrap(Text(theme.other, style="dim"), width - MARGIN), MARGIN)
            for name, items in zip(self.experts, theme.items):
                if not items:
                    continue
                indent = MARGIN + 2
                yield from _indented(wrap(Text(name, style="bold"), width - indent), indent)
                yield from _indented(_items(items, width - indent - 2), indent + 2)
            if theme.links:
                yield from _indented([Text(_(_LINKS), style="bold dim")], MARGIN + 2)
                yield from _links(theme.links, MARGIN + 4, width - MARGIN - 4)


def _theme_cell(theme: ComparedTheme, width: int) -> list[Text]:
    lines = wrap_title(Text(theme.label, style="bold cyan"), width)
    return lines + [Text(_(_MARKS[theme.status]), style=_MARK_STYLES[theme.status])]


def _items(items: Sequence[ComparedItem], width: int) -> list[Text]:
    """Each item: a bullet, its title wrapped beside it (hanging), its id beneath."""
    lines: list[Text] = []
    hang = cell_len(_BULLET)
    for item in items:
        for n, part in enumerate(wrap_title(item.title, max(width - hang, 1))):
            lines.append(Text.assemble(_BULLET if n == 0 else " " * hang, part))
        for part in wrap(Text(item.id, style="dim"), max(width - hang, 1)):
            lines.append(Text.assemble(" " * hang, part))
    return lines


def _links(links: Sequence[tuple[str, str, str]], indent: int, width: int) -> Iterator[Text]:
    """Each link as `from relation to`, after a mark, wrapped with a hanging indent."""
    for source, target, relation in links:
        word = str(said(relation))  # in the run's language
        text = Text.assemble(("⇄ ", "green"), source, " ", (word, "italic"), " ", target)
        yield from _indented(hanging(text, max(width, 1), 2), indent)


def _row(cells: Sequence[list[Text]], widths: Sequence[int]) -> Iterator[Text]:
    """Cells side by side, each padded to its width, as many lines as the tallest."""
    for n in range(max(len(cell) for cell in cells)):
        line = Text(" " * MARGIN)
        for index, (cell, width) in enumerate(zip(cells, widths)):
            line.append(" " * (GAP if index else 0))
            line.append_text(left(cell[n] if n < len(cell) else Text(), width))
        yield line


def _indented(lines: Sequence[Text], indent: int) -> Iterator[Text]:
    for line in lines:
        yield Text.assemble(" " * indent, line)
