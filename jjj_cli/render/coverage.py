"""A source's coverage: JSON of its sentences, TSV for a pipe, or a terminal view with each
sentence's line and status, coloured by status."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..explore.coverage import UNCOVERED, Coverage
from . import plain
from .output import Mode, Output, to_json

# How the terminal view shows each status: the mark's style, and that of a part of a sentence
# of that kind (what no item covers stands out).
STYLES = {
    "covered": ("green", ""),
    "framing": ("blue", "dim"),
    "headline": ("magenta", "dim"),
    "question": ("cyan", "dim"),
    "name": ("yellow", "dim"),
    UNCOVERED: ("bold red", "bold red"),
}


def records(coverages: Sequence[Coverage]) -> list[dict[str, Any]]:
    """Every sentence shown, as its JSON record."""
    return [
        {
            "source": each.source.id,
            "paragraph": sentence.paragraph,
            "line": sentence.line,
            "text": sentence.text,
            "status": sentence.status,
            "items": list(sentence.items),
        }
        for each in coverages
        for sentence in each.sentences
    ]


def summary(coverage: Coverage) -> str:
    """One line: how many sentences there are, and how many of each status."""
    counts = coverage.counts()
    statuses = ", ".join(f"{count} {status}" for status, count in counts.items())
    count = len(coverage.sentences)
    return (
        f"{count} {'sentence' if count == 1 else 'sentences'} in {coverage.source.id}: {statuses}"
    )


def coverage(coverages: Sequence[Coverage], mode: Mode) -> Output:
    """JSON, TSV (`line status items text`, a `source` column first when several sources are
    shown) or, on a terminal, each source under its id with a summary line after it."""
    if mode is Mode.JSON:
        return to_json(records(coverages))
    if mode is Mode.PLAIN:
        columns = ["line", "status", "items", "text"]
        if len(coverages) > 1:
            columns.insert(0, "source")
        return plain.tsv(records(coverages), columns)
    return _view(coverages)


def _view(coverages: Sequence[Coverage]) -> Output:
    from rich.console import Group, RenderableType
    from rich.text import Text

    from .highlights import Folded

    lines = [sentence.line for each in coverages for sentence in each.sentences]
    digits = len(str(max(lines, default=1)))
    margin = digits + 1 + max(len(status) for status in STYLES) + 2
    shown: list[RenderableType] = []
    for each in coverages:
        if shown:
            shown.append(Text(""))
        title = Text(plain.visible(each.source.id), style="bold")
        title.append(f"  {plain.visible(each.source.title)}")
        title.append(f"  {plain.visible(each.file)}", style="dim")
        shown += [title, Text("")]
        for index, sentence in enumerate(each.sentences):
            if index and sentence.paragraph != each.sentences[index - 1].paragraph:
                shown.append(Text(""))
            label = Text(f"{sentence.line:>{digits}} ", style="dim")
            label.append(sentence.status, style=STYLES[sentence.status][0])
            text = Text()
            for start, end, kind in sentence.parts:
                text.append(plain.visible(sentence.text[start:end]), style=STYLES[kind][1])
            if sentence.items:
                ids = ", ".join(plain.visible(id) for id in sentence.items)
                text.append(f"  [{ids}]", style="dim")
            shown.append(Folded(text, label, margin))
        shown += [Text(""), Text(plain.visible(summary(each)))]
    return Group(*shown)
