"""How much of a source the catalogue accounts for, sentence by sentence.

Every character of a source's layout-free text is claimed by what the catalogue records: an
item's quote (where `catalogue.quotes` placed it, the one placement of the quotes), the
source's framing (`framing_zh`), and for each expert who appears in it their headline
(`headline_zh`), the question put to them (`question_zh`, with the label of who asks before
it: `主持人：`, `记者：`, `本报记者：` or `问：`) and their name line (`name_zh`, the
affiliation in either kind of bracket, the colon).
What nothing claims is uncovered.

The source is cut into sentences as `jjj source --full` cuts it (paragraphs.layout). A sentence
takes the kind of its characters; one of several kinds takes that of the part no item covers
(a name line and the start of the answer after it are `name`, naming the item that covers the
rest): `uncovered` if any of it is, else the first such kind in the sentence. Its `items` are
the items whose quotes cover any of it, in the order they start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..catalogue import ITEMS_TABLE, Catalogue, Source, normalise
from ..query import Facet, resolve
from .paragraphs import layout

# Each status a sentence may have, in the order a summary counts them.
STATUSES = ("covered", "framing", "headline", "question", "name", "uncovered")
COVERED, UNCOVERED = "covered", "uncovered"
# What the turn of who asks starts with (a roundtable's moderator, an interview's reporter); it
# belongs to the question that follows.
_MODERATOR = "(?:主持人|本报记者|记者|问)[:：]"


class Sentence(NamedTuple):
    """One sentence of a source, with what accounts for it."""

    paragraph: int  # its paragraph's number, as `jjj source` counts them
    line: int  # the stored file's line of its first character
    text: str  # without the page layout
    status: str  # one of STATUSES
    items: tuple[str, ...]  # the items whose quotes cover any of it, in the order they start
    parts: tuple[tuple[int, int, str], ...]  # (start, end, kind) of each run of one kind in it


@dataclass(frozen=True)
class Coverage:
    """A source's sentences in order, each with its status."""

    source: Source
    file: str  # the source's text file as a reader finds it (Catalogue.shown_file)
    sentences: tuple[Sentence, ...]

    def counts(self) -> dict[str, int]:
        """How many sentences have each status, every status named."""
        return {status: sum(s.status == status for s in self.sentences) for status in STATUSES}

    @property
    def complete(self) -> bool:
        """Whether no sentence is uncovered."""
        return all(sentence.status != UNCOVERED for sentence in self.sentences)


def coverage(catalogue: Catalogue, source: str | None = None) -> list[Coverage]:
    """The coverage of the source named (an id or a title, in either language), or of every
    source in the catalogue's order when none is."""
    return [source_coverage(catalogue, each) for each in sources_named(catalogue, source)]


def sources_named(catalogue: Catalogue, ref: str | None) -> tuple[Source, ...]:
    """The sources `ref` names as --source reads it (ids, titles, a comma list), in catalogue
    order; all of them when `ref` is None."""
    if ref is None:
        return catalogue.sources
    ids = resolve(catalogue, Facet.source, [ref])
    return tuple(each for each in catalogue.sources if each.id in ids)


def source_coverage(catalogue: Catalogue, source: Source) -> Coverage:
    """Every sentence of one source with its status and the items that cover it."""
    text = layout(catalogue.texts[source.id])
    covering: list[list[str]] = [[] for _ in text.text]  # the items over each character
    for id, check in catalogue.quotes.items():
        if check.table == ITEMS_TABLE and check.source == source.id and check.span is not None:
            for offset in range(*check.span):
                covering[offset].append(id)
    kinds: list[str | None] = [COVERED if ids else None for ids in covering]
    for kind, pattern in _parts(catalogue, source):
        _claim(kinds, text.text, kind, pattern)
    sentences = [
        _sentence(paragraph.number, text.lines[start], text.text, (start, end), kinds, covering)
        for paragraph in text.paragraphs
        for start, end in paragraph.sentences
    ]
    return Coverage(source, catalogue.shown_file(source), tuple(sentences))


def _parts(catalogue: Catalogue, source: Source) -> Iterable[tuple[str, re.Pattern[str]]]:
    """What besides the items may claim text, each as the pattern it is printed in: the
    framing, then each appearing expert's headline, question and name line."""
    if source.framing_zh:
        yield "framing", re.compile(re.escape(normalise(source.framing_zh)))
    for expert in catalogue.experts:
        for appearance in catalogue.appearing.get(expert.id, ()):
            if appearance.source != source.id:
                continue
            if appearance.headline_zh:
                yield "headline", re.compile(re.escape(normalise(appearance.headline_zh)))
            if appearance.question_zh:
                question = re.escape(normalise(appearance.question_zh))
                yield "question", re.compile(f"(?:{_MODERATOR})?{question}")
            yield (
                "name",
                re.compile(
                    re.escape(normalise(expert.name_zh))
                    + r"[（(]"
                    + re.escape(normalise(expert.affiliation_zh))
                    + r"[）)][:：]"
                ),
            )


def _claim(kinds: list[str | None], text: str, kind: str, pattern: re.Pattern[str]) -> None:
    """Mark as `kind` the first place the pattern matches that nothing has claimed yet (a
    headline may repeat words an expert also says in an item's quote)."""
    match = pattern.search(text)
    while match is not None:
        start, end = match.span()
        if all(claimed is None for claimed in kinds[start:end]):
            kinds[start:end] = [kind] * (end - start)
            return
        match = pattern.search(text, start + 1)


def _sentence(
    paragraph: int,
    line: int,
    text: str,
    span: tuple[int, int],
    kinds: Sequence[str | None],
    covering: Sequence[Sequence[str]],
) -> Sentence:
    start, end = span
    found = [kind or UNCOVERED for kind in kinds[start:end]]
    items = dict.fromkeys(id for ids in covering[start:end] for id in ids)
    if UNCOVERED in found:
        status = UNCOVERED
    else:
        status = next((kind for kind in found if kind != COVERED), COVERED)
    parts: list[tuple[int, int, str]] = []
    for offset, kind in enumerate(found):
        if parts and parts[-1][2] == kind:
            parts[-1] = (parts[-1][0], offset + 1, kind)
        else:
            parts.append((offset, offset + 1, kind))
    return Sentence(paragraph, line, text[start:end], status, tuple(items), tuple(parts))
