"""The pieces every terminal table of jjj's is drawn with: its margins, rules and padded
cells, how a finished line is handed to rich, and how narrow a label may wrap.

layout.RecordTable (most commands), items.ItemRows (the item list), heatmap (matrix),
comparison (compare) and highlights (search, source) each lay out their own rows; they
draw them with these, so that every table has the same edges. Line breaking itself is wrap's.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from ..language import N_
from .wrap import line_spans, min_width, natural_width, wrap

MARGIN = 1  # cells before every line (and kept free after it), as rich's tables leave
GAP = 2  # cells between columns
# The narrowest a column may wrap to, unless a word in it is wider: prose (a title, a
# reason) is hard to read narrower than PROSE_MIN; a label (a name, an id) than LABEL_MIN.
PROSE_MIN = 20
LABEL_MIN = 12
# Under a table that leaves columns out for width (layout.RecordTable, items.ItemRows)
LEFT_OUT = N_("left out for width: {} (--json or a wider terminal shows them)")


def narrowest(texts: Iterable[Text | str], floor: int) -> int:
    """The narrowest width a column of these texts may wrap to: `floor`, or its widest word
    when that is wider, but never wider than the texts are unwrapped."""
    texts = list(texts)
    natural = max((natural_width(text) for text in texts), default=0)
    words = max((min_width(text) for text in texts), default=0)
    return min(natural, max(words, floor))


def rule(width: int, style: str = "") -> Text:
    """A horizontal rule `width` cells long after the margin: under a header, between rows."""
    return Text(" " * MARGIN + "─" * width, style=style)


def left(text: Text, width: int, style: str = "") -> Text:
    """The text styled and padded on the right to `width` cells."""
    text = text.copy()
    text.stylize(style)
    return Text.assemble(text, " " * max(width - text.cell_len, 0))


def right(text: Text, width: int, style: str = "") -> Text:
    """The text styled and padded on the left to `width` cells (a number); a background in the
    style fills the padding too."""
    padded = Text(" " * max(width - text.cell_len, 0), style=style if "on " in style else "")
    text = text.copy()
    text.stylize(style)
    return Text.assemble(padded, text)


def hanging(text: Text, width: int, hang: int) -> list[Text]:
    """The text wrapped to `width` cells, its lines after the first indented by `hang` cells
    (and wrapped again to what the indent leaves), so the first line stands out."""
    spans = line_spans(text.plain, width)
    (start, end), rest = spans[0], spans[1:]
    lines = [text[start:end]]
    if rest:
        for line in wrap(text[rest[0][0] :], max(width - hang, 1)):
            lines.append(Text.assemble(" " * hang, line))
    return lines


def finished(line: Text) -> Text:
    """A line as a renderer yields it: without the padding at its end, and printed as it is
    (rich neither wraps nor cuts it: it was laid out to fit)."""
    line.rstrip()
    line.no_wrap, line.overflow = True, "ignore"
    return line


def rendered(console: Console, line: Text, indent: int = 0) -> Iterable[Segment]:
    """A line as segments, after `indent` cells, without the padding at its end, in its own
    style (Text(..., style=)) under its spans, as printing shows it: Text.render leaves the
    own style out of a line that has no spans (a wrapped line of one style, or one without)."""
    line.rstrip()
    yield Segment(" " * indent)
    if line.style and not line.spans:
        yield Segment(line.plain, console.get_style(line.style))
        yield Segment("\n")
    else:
        yield from line.render(console, end="\n")
