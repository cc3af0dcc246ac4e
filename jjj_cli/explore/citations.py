"""What a citation of a record says: who said it, in which source, the quote, and where it stands
(the item's seq, the lines of the stored source file). render/citations.py writes it out.

Only what the catalogue holds: a source's publisher, date and address where it gives them, never
a guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from ..catalogue import Appearance, Catalogue, Expert, Figure, Item, Source, Theme
from ..language import N_, _
from ..query import NotAnItem, QueryError, Selection, find, record_by_id, select_items
from .context import source_context

# What `cite` takes an id of.
CITED = (Item, Figure, Expert, Source)


class Citation(NamedTuple):
    key: str  # unique among the citations of a catalogue: the record's id; EXPERT:SOURCE for a
    # contribution (ids hold no colon)
    cited: str  # "item", "figure", "contribution" or "source"
    source: Source
    file: str  # the source's text file as a reader finds it (Catalogue.shown_file)
    expert: Expert | None  # who said it; None for a source itself
    title: str | None  # an item's title, a figure's indicator, a contribution's headline
    title_zh: str | None
    quote: str | None  # verbatim, as the catalogue holds it
    seqs: tuple[int, ...]  # the seq of the item; of a contribution's first and last item
    lines: tuple[int, int] | None  # the first and last line of the file the quotes span
    question: str | None = None  # a contribution: the question put to the expert
    question_zh: str | None = None


def citations(catalogue: Catalogue, refs: Sequence[str]) -> list[Citation]:
    """A citation of each record named (an id, or an expert's or a source's name), in the order
    given, each once; an expert's gives one for each source they speak in."""
    found: dict[str, Citation] = {}
    for ref in refs:
        record = find(catalogue, ref, among=CITED)
        if not isinstance(record, CITED):
            refused = NotAnItem(ref, record, N_("an item, a figure, an expert or a source"))
            facet = "theme" if isinstance(record, Theme) else "region"
            message = _("{refused}: cite its items with --{facet} {id}")
            raise QueryError(message.format(refused=refused, facet=facet, id=record.id))
        for citation in _of_record(catalogue, record):
            found.setdefault(citation.key, citation)
    return list(found.values())


def selected_citations(catalogue: Catalogue, selection: Selection) -> list[Citation]:
    """A citation of each item the selection matches (as `jjj list`), in source order."""
    return [_of_quoted(catalogue, item) for item in select_items(catalogue, selection)]


def _of_record(catalogue: Catalogue, record: Item | Figure | Expert | Source) -> Iterable[Citation]:
    if isinstance(record, Expert):
        for appearance in catalogue.appearing.get(record.id, ()):
            yield _of_contribution(catalogue, record, appearance)
    elif isinstance(record, Source):
        file = catalogue.shown_file(record)
        yield Citation(record.id, "source", record, file, None, None, None, None, (), None)
    else:
        yield _of_quoted(catalogue, record)


def _of_quoted(catalogue: Catalogue, record: Item | Figure) -> Citation:
    source = record_by_id(catalogue, record.source, Source)
    expert = record_by_id(catalogue, record.expert, Expert)
    seqs: tuple[int, ...] = ()
    if isinstance(record, Item):
        title, title_zh, seqs = record.title, record.title_zh, (record.seq,)
    else:
        title, title_zh, seqs = record.indicator, record.indicator_zh, ()
    return Citation(
        key=record.id,
        cited="item" if isinstance(record, Item) else "figure",
        source=source,
        file=catalogue.shown_file(source),
        expert=expert,
        title=title,
        title_zh=title_zh,
        quote=record.quote,
        seqs=seqs,
        lines=_lines(catalogue, [record]),
    )


def _of_contribution(catalogue: Catalogue, expert: Expert, appearance: Appearance) -> Citation:
    """What an expert has in one source: their headline and question; their items' seqs and
    the lines their quotes span."""
    source = record_by_id(catalogue, appearance.source, Source)
    records: tuple[Item | Figure, ...] = (*catalogue.items, *catalogue.figures)
    said = [
        record for record in records if record.expert == expert.id and record.source == source.id
    ]
    seqs = sorted(record.seq for record in said if isinstance(record, Item))
    return Citation(
        key=f"{expert.id}:{source.id}",
        cited="contribution",
        source=source,
        file=catalogue.shown_file(source),
        expert=expert,
        title=appearance.headline,
        title_zh=appearance.headline_zh,
        quote=None,
        seqs=(seqs[0], seqs[-1]) if seqs else (),
        lines=_lines(catalogue, said),
        question=appearance.question,
        question_zh=appearance.question_zh,
    )


def _lines(catalogue: Catalogue, records: Sequence[Item | Figure]) -> tuple[int, int] | None:
    """The first and last line of the source file that the records' quotes span."""
    placed = [source_context(catalogue, record.id, 0) for record in records]
    if not placed:
        return None
    return min(each.line_start for each in placed), max(each.line_end for each in placed)
