"""Where a quote stands in the source: the sentences around it, its paragraph and sentence
numbers and its lines in the file; and the whole source with every quote marked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..catalogue import Catalogue, Figure, Item, Source, name_key
from ..language import N_, _
from ..query import Facet, NotAnItem, QueryError, find, names
from .paragraphs import Place, layout


@dataclass(frozen=True)
class SourceContext:
    id: str
    quote: str
    before: str  # the sentences before the quote's own, and the start of its own
    after: str  # the rest of its sentence and the sentences after
    line_start: int  # lines of the stored source file the quote spans
    line_end: int
    place: Place  # its paragraph and sentence numbers
    first_paragraph: int  # the number of the paragraph `context` starts in
    breaks: tuple[int, ...]  # offsets in `context` where a further paragraph begins
    source: str = ""  # the id of the source it stands in

    @property
    def context(self) -> str:
        return self.before + self.quote + self.after

    @property
    def paragraphs(self) -> list[ContextParagraph]:
        """The context cut into its paragraphs, each with the quote's span in it."""
        text, start = self.context, len(self.before)
        end = start + len(self.quote)
        bounds = [0, *self.breaks, len(text)]
        return [
            ContextParagraph(
                self.first_paragraph + index,
                text[a:b],
                (min(max(start, a), b) - a, max(min(end, b), a) - a),
            )
            for index, (a, b) in enumerate(zip(bounds, bounds[1:]))
        ]


class ContextParagraph(NamedTuple):
    number: int
    text: str
    quote: tuple[int, int]  # offsets of the quote in `text`; empty where it is not in it


def source_context(catalogue: Catalogue, ref: str, sentences: int = 1) -> SourceContext:
    """Where an item's or figure's quote stands in its source, with `sentences` either side."""
    record = _quoted(catalogue, ref)
    source = layout(catalogue.texts[record.source])
    start, end = _span(catalogue, record)
    everything = source.sentences
    first = source.sentence_index(start)  # the first sentence that ends after the start
    last = source.sentence_index(end - 1)  # and the first that ends at the end or after
    context_start = everything[max(0, first - sentences)][0]
    context_end = everything[min(len(everything) - 1, last + sentences)][1]
    within = source.paragraphs_starting(context_start + 1, context_end)
    breaks = tuple(paragraph.start - context_start for paragraph in within)
    return SourceContext(
        id=record.id,
        quote=source.text[start:end],
        before=source.text[context_start:start],
        after=source.text[end:context_end],
        line_start=source.lines[start],
        line_end=source.lines[end - 1],
        place=source.place(start, end),
        first_paragraph=source.paragraph_at(context_start).number,
        breaks=breaks,
        source=record.source,
    )


@dataclass(frozen=True)
class Marked:
    """A quote, or the part of it in one paragraph."""

    id: str
    start: int  # offsets in the paragraph's text, end exclusive
    end: int


@dataclass(frozen=True)
class SourceParagraph:
    number: int
    text: str  # without the page layout
    sentences: tuple[str, ...]  # the text, cut into its sentences
    line_start: int
    line_end: int
    quotes: tuple[Marked, ...]  # by start, the longer first where two start together


def quote_bounds(paragraph: SourceParagraph) -> list[tuple[int, list[str], list[str]]]:
    """Every position of the text and one past its end, with the quotes that end there
    (innermost first) and those that start there (outermost first): how the quotes nest."""
    closing: dict[int, list[Marked]] = {}
    opening: dict[int, list[Marked]] = {}
    for mark in paragraph.quotes:
        opening.setdefault(mark.start, []).append(mark)
        closing.setdefault(mark.end, []).append(mark)
    return [
        (
            position,
            [mark.id for mark in sorted(closing.get(position, []), key=lambda m: -m.start)],
            [mark.id for mark in sorted(opening.get(position, []), key=lambda m: -m.end)],
        )
        for position in range(len(paragraph.text) + 1)
    ]


@dataclass(frozen=True)
class FullSource:
    id: str | None  # the item or figure asked for, if any
    paragraphs: tuple[SourceParagraph, ...]
    source: str = ""  # the id of the source shown


class WhichSource(QueryError):
    """The whole source was asked for, of a catalogue that has several (or none)."""

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__(which_source(catalogue))


def which_source(catalogue: Catalogue) -> str:
    """What to say when the whole source is asked for and the catalogue has not one."""
    if not catalogue.sources:
        return _("the catalogue has no source yet")
    ids = ", ".join(source.id for source in catalogue.sources)
    message = _(
        "the catalogue has {count} sources ({ids}): give the id of one, or of an item or figure"
    )
    return message.format(count=len(catalogue.sources), ids=ids)


def source_named(catalogue: Catalogue, ref: str) -> Source | None:
    """The source `ref` names (its id, in any case, or a title), else None: an item's or a
    figure's id names no source."""
    record = catalogue.by_id.get(ref)
    if record is not None:
        return record if isinstance(record, Source) else None
    id = names(catalogue, Facet.source).get(name_key(ref))
    return None if id is None else next(s for s in catalogue.sources if s.id == id)


def full_source(
    catalogue: Catalogue, ref: str | None = None, source_id: str | None = None
) -> FullSource:
    """A whole source in paragraphs, with the quote of every item and figure in it marked: the
    source of the item or figure `ref`, else the source `source_id`, else the catalogue's one
    source (WhichSource if it has several)."""
    chosen = _quoted(catalogue, ref) if ref is not None else None
    if chosen is not None:
        source_id = chosen.source
    elif source_id is None:
        if len(catalogue.sources) != 1:
            raise WhichSource(catalogue)
        source_id = catalogue.sources[0].id
    source = layout(catalogue.texts[source_id])
    spans = [
        (*check.span, id)
        for id, check in catalogue.quotes.items()
        if check.span and check.source == source_id
    ]
    paragraphs = []
    for paragraph in source.paragraphs:
        offset = paragraph.start
        inside = [
            Marked(id, max(start, offset) - offset, min(end, paragraph.end) - offset)
            for start, end, id in spans
            if start < paragraph.end and end > paragraph.start
        ]
        paragraphs.append(
            SourceParagraph(
                number=paragraph.number,
                text=source.text[paragraph.start : paragraph.end],
                sentences=tuple(source.text[a:b] for a, b in paragraph.sentences),
                line_start=paragraph.line_start,
                line_end=paragraph.line_end,
                quotes=tuple(sorted(inside, key=lambda mark: (mark.start, -mark.end))),
            )
        )
    return FullSource(chosen.id if chosen else None, tuple(paragraphs), source_id)


def _quoted(catalogue: Catalogue, ref: str) -> Item | Figure:
    # a source's id is the other thing `jjj source` takes: suggested too
    record = find(catalogue, ref, among=(Item, Figure, Source))
    if not isinstance(record, (Item, Figure)):
        raise NotAnItem(ref, record, N_("an item or a figure"))
    return record


def _span(catalogue: Catalogue, record: Item | Figure) -> tuple[int, int]:
    """Where the catalogue placed a quote, in the layout-free text (`Layout.text`)."""
    span = catalogue.quotes[record.id].span
    if span is None:  # only a catalogue loaded without checking its quotes has one
        raise ValueError(f"the quote of '{record.id}' is not in the source")
    return span
