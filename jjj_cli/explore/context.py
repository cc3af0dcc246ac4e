"""Where a quote stands in the source: the sentences around it and its lines in the file."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import Catalogue, Figure, Item, normalise
from ..query import NotAnItem, find

_SENTENCE_END = "。！？；"


@dataclass(frozen=True)
class SourceContext:
    id: str
    quote: str
    before: str  # the sentence before the quote's own, and the start of its own
    after: str  # the rest of its sentence and the sentence after
    line_start: int  # lines of the stored source file the quote spans
    line_end: int

    @property
    def context(self) -> str:
        return self.before + self.quote + self.after


def source_context(catalogue: Catalogue, ref: str) -> SourceContext:
    """Where an item's or figure's quote stands in the source, with a sentence either side."""
    record = find(catalogue, ref)
    if not isinstance(record, (Item, Figure)):
        raise NotAnItem(ref, "an item or a figure")
    raw = catalogue.source_text
    # position in the layout-free text -> line of the raw file
    lines = [raw.count("\n", 0, i) + 1 for i, char in enumerate(raw) if not char.isspace()]
    text = normalise(raw)
    quote = normalise(record.quote)
    start = text.find(quote)
    end = start + len(quote)
    own_start = _sentence_start(text, start)
    before_start = _sentence_start(text, own_start - 1) if own_start > 0 else 0
    after_end = _sentence_end(text, _sentence_end(text, end - 1))
    return SourceContext(
        id=record.id,
        quote=quote,
        before=text[before_start:start],
        after=text[end:after_end],
        line_start=lines[start],
        line_end=lines[end - 1],
    )


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding `position` begins: just after the previous end mark."""
    while position > 0 and text[position - 1] not in _SENTENCE_END:
        position -= 1
    return position


def _sentence_end(text: str, position: int) -> int:
    """Just past the first end mark at or after `position`: the end of its sentence."""
    while position < len(text) and text[position] not in _SENTENCE_END:
        position += 1
    return min(position + 1, len(text))
