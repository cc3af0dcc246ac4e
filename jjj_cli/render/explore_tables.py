"""Terminal views of the exploring commands: search hits with their matches highlighted, a
quote in its context. Imported only for a terminal.
"""

from __future__ import annotations

from typing import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..explore import Hit
from .plain import visible


def _safe(text: str) -> Text:
    # Text(...) never parses markup; visible() escapes control characters first.
    return Text(visible(text))


def search_table(
    results: Sequence[tuple[Hit, str, list[tuple[int, int]]]], title_field: str
) -> Table:
    """Each hit with its title and the matching text, the matches highlighted."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", expand=True)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("field", style="dim", no_wrap=True)
    table.add_column("title / match", ratio=1, overflow="fold")
    for hit, snippet, spans in results:
        cell = _safe(getattr(hit.item, title_field))
        cell.append("\n")
        cell.append_text(highlighted(snippet, spans))
        table.add_row(_safe(hit.item.id), _safe(hit.field), cell)
    return table


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


def quote_in_context(place: str, before: str, quote: str, after: str) -> RenderableType:
    """The quote highlighted inside the sentences around it."""
    text = Text()
    text.append(visible(before), style="dim")
    text.append(visible(quote), style="bold reverse")
    text.append(visible(after), style="dim")
    return Group(Panel(text, title=Text(visible(place)), title_align="left", box=box.ROUNDED))
