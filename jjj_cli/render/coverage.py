"""A source's coverage: JSON of its sentences, TSV for a pipe, or a terminal view with each
sentence's line and status, coloured by status."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..explore.coverage import UNCOVERED, Coverage
from ..language import N_, _, ngettext
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
# Each status as a person reads it (JSON and TSV give the status itself).
STATUS_NAMES = {
    "covered": N_("covered"),
    "framing": N_("framing"),
    "headline": N_("headline"),
    "question": N_("question"),
    "name": N_("name"),
    UNCOVERED: N_("uncovered"),
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
    statuses = _(", ").join(
        _("{count} {status}").format(count=count, status=_(STATUS_NAMES[status]))
        for status, count in counts.items()
    )
    count = len(coverage.sentences)
    message = ngettext(
        "{count} sentence in {source}: {statuses}",
        "{count} sentences in {source}: {statuses}",
        count,
    )
    return message.format(count=count, source=coverage.source.id, statuses=statuses)


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
    from rich.cells import cell_len
    from rich.console import Group, RenderableType
    from rich.text import Text

    from .highlights import Folded

    lines = [sentence.line for each in coverages for sentence in each.sentences]
    digits = len(str(max(lines, default=1)))
    names = {status: _(name) for status, name in STATUS_NAMES.items()}
    margin = digits + 1 + max(cell_len(name) for name in names.values()) + 2
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
            # the line number dim, the status in its own style alone (not dimmed with it)
            label = Text.assemble(
                (f"{sentence.line:>{digits}} ", "dim"),
                (names[sentence.status], STYLES[sentence.status][0]),
            )
            text = Text()
            for start, end, kind in sentence.parts:
                text.append(plain.visible(sentence.text[start:end]), style=STYLES[kind][1])
            if sentence.items:
                ids = ", ".join(plain.visible(id) for id in sentence.items)
                text.append(f"  [{ids}]", style="dim")
            shown.append(Folded(text, label, margin))
        shown += [Text(""), Text(plain.visible(summary(each)))]
    return Group(*shown)
