"""Catalogue text on a terminal with what was asked for highlighted: search hits with their
matches, a quote in the sentences around it, the whole source with every quote marked.
Imported only for a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.text import Text

from ..catalogue import Source
from ..explore.context import FullSource, quote_bounds
from ..explore.fulltext import Brief, Found
from .cells import finished, left
from .plain import visible
from .wrap import wrap


def _safe(text: str) -> Text:
    # Text(...) never parses markup; visible() escapes control characters first.
    return Text(visible(text))


def search_table(
    results: Sequence[tuple[Brief, Found, str, list[tuple[int, int]]]], title_field: str
) -> RenderableType:
    """Each hit with its title and the matching text (a snippet, and the matches' spans in it),
    the matches highlighted."""
    from .layout import Column, RecordTable

    rows = []
    for brief, hit, snippet, spans in results:
        title = getattr(brief, title_field)
        if hit.text == title:  # the match is in the title shown: highlight it there
            cell = highlighted(title, hit.spans)
        else:
            match = highlighted(snippet, spans)
            # the match dimmed beneath the title, to set it apart; the highlights stay bright
            for span in list(match.spans):
                match.stylize("not dim", span.start, span.end)
            match.stylize_before("dim")
            cell = _safe(title)
            cell.append("\n")
            cell.append_text(match)
        rows.append({"id": brief.id, "field": hit.field, "title / match": cell})
    return RecordTable(rows, [Column("id"), Column("field", 1), Column("title / match")])


def highlighted(text: str, spans: Sequence[tuple[int, int]]) -> Text:
    """The text with the spans highlighted, each piece escaped on its own so spans stay put."""
    result, position = Text(), 0
    for start, end in sorted(spans):
        start = max(start, position)
        result.append(visible(text[position:start]))
        result.append(visible(text[start:end]), style="bold black on yellow")
        position = max(position, end)
    result.append(visible(text[position:]))
    return result


def quote_in_context(
    place: str, lines: str, pieces: Sequence[tuple[int, str, tuple[int, int]]]
) -> RenderableType:
    """The quote highlighted inside the sentences around it, paragraph by paragraph."""
    margin = _margin(number for number, _, _ in pieces)
    body: list[RenderableType] = []
    for number, text, (start, end) in pieces:
        if body:
            body.append(Text(""))
        shown = Text()
        shown.append(visible(text[:start]), style="dim")
        shown.append(visible(text[start:end]), style="bold reverse")
        shown.append(visible(text[end:]), style="dim")
        body.append(Folded(shown, Text(f"¶{number}", style="dim"), margin))
    return Panel(
        Group(*body),
        title=Text(visible(place)),
        title_align="left",
        subtitle=Text(visible(lines), style="dim"),
        subtitle_align="left",
        box=box.ROUNDED,
    )


def full_text(result: FullSource, source: Source, file: str) -> RenderableType:
    """The whole source, paragraph by paragraph, every quote coloured and followed by its id,
    the one asked for highlighted."""
    margin = _margin(paragraph.number for paragraph in result.paragraphs)
    title = Text(visible(source.title), style="bold")
    title.append(f"  {visible(file)}", style="dim")
    shown: list[RenderableType] = [title]
    for paragraph in result.paragraphs:
        text = Text()
        active: list[str] = []  # the ids of the quotes open here
        for position, closing, opening in quote_bounds(paragraph):
            for id in closing:
                active.remove(id)
                text.append(f"[{visible(id)}]", style="dim")
            active += opening
            style = "bold reverse" if result.id in active else "cyan" if active else ""
            text.append(visible(paragraph.text[position : position + 1]), style=style)
        shown += [Text(""), Folded(text, Text(f"¶{paragraph.number}", style="dim"), margin)]
    return Group(*shown)


def _margin(numbers: Iterable[int]) -> int:
    """Cells for a paragraph number and a space."""
    return len(f"¶{max(numbers, default=1)}") + 1


class Folded:
    """Text wrapped to the width it is given (wrap.wrap), with a label such as a paragraph
    number in a margin before its first line."""

    def __init__(self, text: Text, label: Text, margin: int) -> None:
        self.text, self.label, self.margin = text, label, margin

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - self.margin)
        for index, line in enumerate(wrap(self.text, width)):
            label = self.label if index == 0 else Text("")
            yield finished(Text.assemble(left(label, self.margin), line))
