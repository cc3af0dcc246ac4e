"""Full-text search over Chinese and English: substrings for Chinese, word starts otherwise,
quoted phrases as phrases."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..catalogue import Catalogue, Expert, Item, Region, Theme
from ..query import (
    CHINESE,
    Selection,
    has_chinese,
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


@dataclass(frozen=True)
class Hit:
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
    terms = query_terms(query)
    if not terms:
        return []
    patterns = [_pattern(term) for term in terms]
    together = _pattern(tuple(word for term in terms for word in term))
    hits = []
    for item in items:
        fields = search_fields(catalogue, item)
        found = {
            name: [[match.span() for match in pattern.finditer(text)] for pattern in patterns]
            for name, text in fields.items()
        }
        if not all(any(spans[index] for spans in found.values()) for index in range(len(terms))):
            continue
        ranked = []
        for order, (name, text) in enumerate(fields.items()):
            matched = [spans for spans in found[name] if spans]
            if not matched:
                continue
            phrase = [match.span() for match in together.finditer(text)]
            standing = PHRASE if phrase else WHOLE if len(matched) == len(terms) else PART
            spans = phrase or sorted({span for spans in matched for span in spans})
            ranked.append(((standing, len(matched), FIELD_WEIGHTS[name], -order), name, spans))
        (standing, _, weight, _), name, spans = max(ranked)
        score = 100 * standing + 10 * weight + len(ranked)
        hits.append(Hit(item, name, fields[name], tuple(spans), score))
    # hits are made in the order given, which a stable sort keeps among equal scores: for
    # `search`, by source, then seq (seq alone would mix the sources, each numbered from 1)
    return sorted(hits, key=lambda hit: -hit.score)


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
    expert = record_by_id(catalogue, item.expert, Expert)
    return {
        "title": item.title,
        "title_zh": item.title_zh,
        "summary": item.summary,
        "summary_zh": item.summary_zh,
        "quote": item.quote,
        "theme": _names(catalogue, item.themes, Theme),
        "region": _names(catalogue, item.regions, Region),
        "expert": f"{expert.name} {expert.name_zh}",
    }


def _names(catalogue: Catalogue, ids: tuple[str, ...], kind: type[Theme] | type[Region]) -> str:
    records = [record_by_id(catalogue, record_id, kind) for record_id in ids]
    return " / ".join(f"{record.name} {record.name_zh}" for record in records)
