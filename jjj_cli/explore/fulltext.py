"""Full-text search over Chinese and English: substrings for Chinese, word starts otherwise,
quoted phrases as phrases."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import chain
from typing import NamedTuple, TypeVar

from ..catalogue import Catalogue, Expert, Item, Region, Theme
from ..query import (
    CHINESE,
    Selection,
    has_chinese,
    is_chinese,
    record_by_id,
    select_items,
    without_layout_spaces,
)

# The fields searched, in the order a tie between them is decided, and their weights: the
# item's own text says more than the names of its themes, regions and expert.
FIELD_WEIGHTS = {
    "title": 4,
    "title_zh": 4,
    "summary": 3,
    "summary_zh": 3,
    "quote": 2,
    "theme": 1,
    "region": 1,
    "expert": 1,
}
# How the query stood in a field: all of it as one phrase, all of it, or only part of it.
PHRASE, WHOLE, PART = 3, 2, 1

_WORD = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r'("[^"]*"?)')  # an unclosed quote runs to the end of the query
# the start of a word; Chinese characters count as a boundary (2017年 holds 2017)
_WORD_START = f"(?<![^\\W_{CHINESE}])"
_REST_OF_WORD = f"[^\\W_{CHINESE}]*"
_BETWEEN_WORDS = r"[\W_]*"
_BETWEEN_PARTS = r"[\W_]+"

Term = tuple[str, ...]  # words (or Chinese strings) that must stand together, in this order
KeyT = TypeVar("KeyT")  # what a ranked document stands for: an item, or a row naming one


class Brief(NamedTuple):
    """An item as the line of a hit shows it (TSV, a table), without the rest of it: what a
    compiled catalogue reads to rank the items a search may find, besides their text."""

    id: str
    kind: str
    expert: str
    title: str
    title_zh: str


class Hit(NamedTuple):
    """An item a search found, and how the query stood in it (a record like the model's)."""

    item: Item
    field: str  # the best field that matched
    text: str  # that field's text
    spans: tuple[tuple[int, int], ...]  # where in `text` the query matched
    score: int


def search(catalogue: Catalogue, query: str, selection: Selection) -> list[Hit]:
    """Items whose text holds every term of the query, best first, then in source order.

    Chinese matches as a substring, ignoring layout spaces; other words match the start of a
    word, case-insensitively ('cluster' finds 'clusters'); a quoted phrase matches where its
    words stand together, in order, in one field. The score ranks: hundreds say how the query
    stood in the best field (PHRASE, WHOLE, PART), tens which field that is (FIELD_WEIGHTS),
    units in how many fields something matched.
    """
    return rank(catalogue, query, select_items(catalogue, selection))


def rank(catalogue: Catalogue, query: str, items: Iterable[Item]) -> list[Hit]:
    """The items among these that `search` finds, ranked as it ranks them, equal scores in the
    order given: given the items `search` reads, in source order, its very answer. The
    catalogue gives the names of their themes, regions and experts."""
    documents = ((item, search_fields(catalogue, item)) for item in items)
    return [Hit(item, *found) for item, found in rank_documents(query, documents)]


def count_found(query: str, documents: Iterable[Mapping[str, str]]) -> int:
    """How many of these documents (the text of each searched field) the query finds, as
    `rank_documents` would, without ranking them: for the count of what a search left out."""
    patterns = [_Pattern(term) for term in query_terms(query)]
    if not patterns:
        return 0
    return sum(
        all(any(pattern.found(text) for text in fields.values()) for pattern in patterns)
        for fields in documents
    )


class Found(NamedTuple):
    """How the query stood in one document: its best field, that field's text, where the query
    matched in it, and the score (see `search`)."""

    field: str
    text: str
    spans: tuple[tuple[int, int], ...]
    score: int


def rank_documents(
    query: str, documents: Iterable[tuple[KeyT, Mapping[str, str]]]
) -> list[tuple[KeyT, Found]]:
    """`rank` for documents of any kind, each a key and the text of each searched field (as
    `search_fields` gives them, in FIELD_WEIGHTS' order): those the query matches, each with
    how it stood there, best first, equal scores in the order given."""
    terms = query_terms(query)
    if not terms:
        return []
    patterns = [_Pattern(term) for term in terms]
    # all the words together: for a single term, the term itself
    together = patterns[0] if len(terms) == 1 else _Pattern(tuple(chain.from_iterable(terms)))
    found = []
    for key, fields in documents:
        # the fields where some term matched: their order, name and text, each term's spans
        matching = []
        for order, (name, text) in enumerate(fields.items()):
            each = [pattern.spans(text) for pattern in patterns]
            if any(each):
                matching.append((order, name, text, each))
        if not all(any(each[index] for *_, each in matching) for index in range(len(terms))):
            continue
        best: tuple[tuple[int, int, int, int], str, str, list[list[tuple[int, int]]]] | None
        best = None
        for order, name, text, each in matching:
            matched = [spans for spans in each if spans]
            # a single term that matched here stands here as the phrase it is
            as_phrase = together is patterns[0] or together.found(text)
            standing = PHRASE if as_phrase else WHOLE if len(matched) == len(terms) else PART
            rank = (standing, len(matched), FIELD_WEIGHTS[name], -order)
            if best is None or rank > best[0]:
                best = (rank, name, text, matched)
        assert best is not None  # every term matched somewhere
        (standing, _, weight, _), name, text, matched = best
        # where the query stood: as one phrase, else where each term did
        phrase = matched[0] if together is patterns[0] else together.spans(text)
        spans = phrase or sorted({span for spans in matched for span in spans})
        score = 100 * standing + 10 * weight + len(matching)
        found.append((key, Found(name, text, tuple(spans), score)))
    # made in the order given, which a stable sort keeps among equal scores: for `search`, by
    # source, then seq (seq alone would mix the sources, each numbered from 1)
    return sorted(found, key=lambda document: -document[1].score)


def query_terms(query: str) -> list[Term]:
    """What must match: each quoted phrase as one term, each other Chinese-bearing token whole,
    each other word on its own; all casefolded."""
    query = without_layout_spaces(query)
    terms: list[Term] = []
    for chunk in _QUOTED.split(query):
        if chunk.startswith('"'):
            phrase = _words(chunk.strip('"'))
            terms += [phrase] if phrase else []
        else:
            terms += [(word,) for word in _words(chunk)]
    return terms


def _words(text: str) -> Term:
    """The words of a text; a token whose words are joined by punctuation (R&D, free-trade,
    2+4+N) stays one word, matched with its parts side by side."""
    words: list[str] = []
    for token in text.casefold().split():
        parts = _WORD.findall(token)
        words += [token] if has_chinese(token) or len(parts) > 1 else parts
    return tuple(words)


class _Pattern:
    """A term's pattern, and a character every match of it holds if the term has one that
    `re`, ignoring case, matches only to itself (a Chinese character, which has no case): a
    field without that character is passed over without running the pattern, the most of a
    field's time when the query is Chinese."""

    def __init__(self, term: Term) -> None:
        self.pattern = _pattern(term)
        chinese = (char for word in term for char in word if is_chinese(char))
        self.needed = next(chinese, None)

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self.needed is not None and self.needed not in text:
            return []
        return [match.span() for match in self.pattern.finditer(text)]

    def found(self, text: str) -> bool:
        if self.needed is not None and self.needed not in text:
            return False
        return self.pattern.search(text) is not None


def _pattern(term: Term) -> re.Pattern[str]:
    pieces = []
    for index, word in enumerate(term):
        if has_chinese(word):
            pieces.append(r"\s*".join(map(re.escape, word)))  # a quote may keep a layout space
        else:  # each word from its start; the parts of R&D or free-trade side by side
            joined = _BETWEEN_PARTS.join(map(re.escape, _WORD.findall(word)))
            rest = _REST_OF_WORD if index < len(term) - 1 else ""
            pieces.append(_WORD_START + joined + rest)
    return re.compile(_BETWEEN_WORDS.join(pieces), flags=re.IGNORECASE)


def search_fields(catalogue: Catalogue, item: Item) -> dict[str, str]:
    """The text of each searched field (FIELD_WEIGHTS): the item's own, then the names, in
    English and Chinese, of its themes, its regions and its expert."""
    return {
        "title": item.title,
        "title_zh": item.title_zh,
        "summary": item.summary,
        "summary_zh": item.summary_zh,
        "quote": item.quote,
        "theme": names(catalogue, item.themes, Theme),
        "region": names(catalogue, item.regions, Region),
        "expert": names(catalogue, (item.expert,), Expert),
    }


def names(
    catalogue: Catalogue, ids: Iterable[str], kind: type[Theme] | type[Region] | type[Expert]
) -> str:
    """The names of these records as `search_fields` gives them: each `name name_zh`, separated
    by ' / '."""
    records = [record_by_id(catalogue, record_id, kind) for record_id in ids]
    return " / ".join(f"{record.name} {record.name_zh}" for record in records)
