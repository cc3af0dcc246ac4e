"""Adding an item: the names a curator typed, where its quote lies in its source, its seq and
its id. (curate/write_item.py writes it.)

The quote is found as `verify` finds it (catalogue.normalise: layout aside) and placed as the
loader places it, so the item's seq puts it where a reader of the source meets it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from ..catalogue import (
    Catalogue,
    Expert,
    Item,
    Region,
    Source,
    Theme,
    normalise,
    quote_start,
)
from ..language import N_, _, listed
from ..query import Facet, NotAnItem, QueryError, UnknownName, find, resolve
from .edit import EditRefused, nothing_written


class ItemRefused(EditRefused):
    """The item cannot be added as given; nothing was written. A usage problem (exit 2)."""


class QuoteNotFound(ItemRefused):
    pass


class QuoteOverlaps(ItemRefused):
    pass


class Named(NamedTuple):
    """What the command line names, as records and ids."""

    source: Source
    expert: Expert
    themes: tuple[str, ...]
    regions: tuple[str, ...]


def named(
    catalogue: Catalogue, source: str, expert: str, themes: Sequence[str], regions: Sequence[str]
) -> Named:
    """The source, expert, themes and regions a curator typed, by id, name or alias as every
    command reads them; an unknown one is a QueryError (a usage error) with suggestions."""
    try:
        found = find(catalogue, source, among=(Source,))
    except UnknownName as error:
        valid = _("Valid values: {ids}.").format(
            ids=listed([each.id for each in catalogue.sources])
        )
        raise UnknownName("source", source, error.suggestions, valid) from None
    if not isinstance(found, Source):
        raise NotAnItem(source, found, N_("a source"))
    experts = resolve(catalogue, Facet.expert, [expert])
    if len(experts) != 1:
        message = _("one expert is needed, not {count}: '{value}'")
        raise QueryError(message.format(count=len(experts), value=expert))
    (expert_id,) = experts
    person = catalogue.by_id[expert_id]
    assert isinstance(person, Expert)
    return Named(
        found,
        person,
        _ids(catalogue, Facet.theme, catalogue.themes, themes),
        _ids(catalogue, Facet.region, catalogue.regions, regions),
    )


def as_written(quote: str) -> str:
    """A quote as the catalogue writes it: without the layout of the page it was copied from
    (line breaks, spaced-out characters), a space kept only between two Latin letters or
    digits (`2 + 4 + N` is 2+4+N, `GDP growth` stays)."""
    text = quote.strip()

    def space(match: re.Match[str]) -> str:
        before, after = text[match.start() - 1], text[match.end()]
        return " " if _LATIN.fullmatch(before) and _LATIN.fullmatch(after) else ""

    return re.sub(r"\s+", space, text)


_LATIN = re.compile(r"[A-Za-z0-9]")


def _ids(
    catalogue: Catalogue, facet: Facet, records: Sequence[Theme | Region], given: Sequence[str]
) -> tuple[str, ...]:
    """Ids in the order given; those of one comma list in the codebook's order."""
    order = {record.id: index for index, record in enumerate(records)}
    ids: list[str] = []
    for value in given:
        ids.extend(sorted(resolve(catalogue, facet, [value]), key=order.__getitem__))
    return tuple(dict.fromkeys(ids))


class Placement(NamedTuple):
    """Where a new item goes among its source's items."""

    span: tuple[int, int]  # where its quote lies in normalise(source text)
    seq: int
    after: Item | None  # the item it follows in its source, if any
    before: Item | None  # the item that follows it, if any
    renumbered: tuple[Item, ...]  # the source's items whose seq goes up by one


def place(catalogue: Catalogue, source: Source, quote: str) -> Placement:
    """Where a quote lies in its source among the source's items, and the seq that puts it
    there; QuoteNotFound or QuoteOverlaps when it cannot be added."""
    text = normalise(catalogue.texts[source.id])
    words = normalise(quote)
    if not words:
        raise QuoteNotFound(nothing_written(_("the quote is empty")))
    if not any(char.isalnum() for char in words):
        # punctuation alone is found anywhere, and is no one's words
        message = _("the quote '{quote}' holds no word, only punctuation").format(quote=words)
        raise QuoteNotFound(nothing_written(message))
    items = [item for item in catalogue.items if item.source == source.id]
    spans = {item.id: catalogue.quotes[item.id].span for item in items}
    placed = [(span, item) for item in items if (span := spans[item.id]) is not None]
    for item in items:
        # two items with the same words are one claim, wherever each is found (the loader's rule)
        if normalise(item.quote) == words:
            message = _("the quote is the same as the quote of item '{id}'").format(id=item.id)
            raise QuoteOverlaps(nothing_written(message))
    first_clash: Item | None = None
    start = text.find(words)
    if start < 0:
        raise QuoteNotFound(nothing_written(_not_found(catalogue, source, text, words)))
    while start >= 0:
        end = start + len(words)
        clash = next((item for (s, e), item in placed if s < end and start < e), None)
        if clash is None:
            return _placement(items, placed, (start, end))
        first_clash = first_clash or clash
        start = text.find(words, start + 1)
    assert first_clash is not None
    raise QuoteOverlaps(nothing_written(_overlap(first_clash, catalogue)))


def _placement(
    items: Sequence[Item],
    placed: Sequence[tuple[tuple[int, int], Item]],
    span: tuple[int, int],
) -> Placement:
    """The seq of a quote at `span`: one more than the item whose quote comes last before it
    (1 when none does); the source's items from that seq on move up by one if it is taken."""
    earlier = [(s, item) for (s, _), item in placed if s < span[0]]
    after = max(earlier, key=lambda pair: pair[0])[1] if earlier else None
    seq = after.seq + 1 if after else 1
    later = sorted((item for item in items if item.seq >= seq), key=lambda item: item.seq)
    taken = any(item.seq == seq for item in later)
    return Placement(
        span=span,
        seq=seq,
        after=after,
        before=later[0] if later else None,
        renumbered=tuple(later) if taken else (),
    )


def _not_found(catalogue: Catalogue, source: Source, text: str, words: str) -> str:
    """Say that a quote is not in its source, and where the longest start of it is."""
    file = catalogue.shown_file(source)
    said = _("the quote '{quote}' is not in the text of source '{source}' ({file})").format(
        quote=quote_start(words), source=source.id, file=file
    )
    # the longest start of the quote found in the text: a start found means every shorter one
    # is, so a binary search finds it in a few dozen searches
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if words[:middle] in text:
            low = middle
        else:
            high = middle - 1
    if low < 2:  # one character is anywhere: no place to show
        return said
    where = text.find(words[:low])
    line = _line_of(catalogue.texts[source.id], where + low)
    differs = text[where + low : where + low + 8]
    if differs:
        message = _(
            "{said}; its first {count} characters are on line {line} of it, then the source "
            "has '{source_has}' where the quote has '{quote_has}'"
        )
    else:
        message = _(
            "{said}; its first {count} characters are on line {line} of it, then the source "
            "ends where the quote has '{quote_has}'"
        )
    return message.format(
        said=said, count=low, line=line, source_has=differs, quote_has=words[low : low + 8]
    )


def _line_of(text: str, offset: int) -> int:
    """The line of `text` on which its `offset`-th character that is not whitespace stands."""
    seen = 0
    line = 1
    for char in text:
        if char == "\n":
            line += 1
        elif not char.isspace():
            if seen == offset:
                return line
            seen += 1
    return line


def _overlap(item: Item, catalogue: Catalogue) -> str:
    span = catalogue.quotes[item.id].span
    assert span is not None
    line = _line_of(catalogue.texts[item.source], span[0])
    message = _(
        "the quote overlaps the quote of item '{id}' (line {line} of the source): one claim, "
        "one item"
    )
    return message.format(id=item.id, line=line)


# Words an id does without: they say little about an item (the shipped ids are made of the
# words that do: cong-world-class-clusters).
_FILLER = frozenset(
    """a an the of and or to in on for with by as at into from its their our this that these
    those it is are be been was were not no yet still more most very also both all any each
    which who what how while through between within across than so such but must should
    can could will would may need needs make take""".split()
)
# Beijing–Tianjin–Hebei is one word of an id, beijing-tianjin-hebei, as the shipped ids have it.
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—", "-"))
# At most this many words of the title, and this many characters in all.
ID_WORDS = 4
ID_LENGTH = 48


def propose_id(catalogue: Catalogue, expert: str, title: str) -> str:
    """An id for a new item: its expert's short name (the first part of the expert's id, as
    the shipped ids have it: cong-…) and the telling words of its English title, made unique
    with -2, -3… when taken."""
    prefix = expert.split("-")[0]
    typed = title.translate(_DASHES)
    ascii = unicodedata.normalize("NFKD", typed).encode("ascii", "ignore").decode().lower()
    words = [
        word.strip("-")
        for word in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", ascii.replace("'", ""))
        if word not in _FILLER
    ]
    chosen: list[str] = []
    for word in words:
        if len(chosen) == ID_WORDS or len("-".join([prefix, *chosen, word])) > ID_LENGTH:
            break
        chosen.append(word)
    base = "-".join([prefix, *chosen]) if chosen else f"{prefix}-item"
    id, number = base, 2
    while id in catalogue.by_id:
        id, number = f"{base}-{number}", number + 1
    return id


def new_item(
    catalogue: Catalogue,
    named: Named,
    placement: Placement,
    kind: str,
    quote: str,
    texts: Sequence[str],
    id: str | None = None,
) -> Item:
    """The item to add: the names resolved (`named`), its seq from `placement`, its quote as the
    catalogue writes quotes, `texts` its title, title_zh, summary and summary_zh, and its id
    as given or else proposed from the title."""
    title, title_zh, summary, summary_zh = texts
    return Item(
        id=id or propose_id(catalogue, named.expert.id, title),
        kind=kind,
        expert=named.expert.id,
        seq=placement.seq,
        title=title,
        title_zh=title_zh,
        summary=summary,
        summary_zh=summary_zh,
        themes=named.themes,
        regions=named.regions,
        quote=as_written(quote),
        related=(),
        source=named.source.id,
        note=None,
    )
