"""Full-text search over Chinese and English: substrings for Chinese, word starts otherwise."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalogue import Catalogue, Item
from ..query import Selection, select_items

# Which field matched decides the rank: a hit in a title says more than one in a quote.
FIELD_WEIGHTS = {
    "title": 4,
    "title_zh": 4,
    "summary": 3,
    "summary_zh": 3,
    "quote": 2,
    "names": 1,
}
_WORD = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Hit:
    item: Item
    field: str  # the best field that matched
    text: str  # that field's text
    spans: tuple[tuple[int, int], ...]  # where in `text` the query matched
    score: int


def search(catalogue: Catalogue, query: str, selection: Selection) -> list[Hit]:
    """Items whose text holds every part of the query, best field first, then source order.

    Chinese parts match as substrings, ignoring layout spaces; other words match the start of a
    word, case-insensitively ('cluster' finds 'clusters').
    """
    parts = _query_parts(query)
    if not parts:
        return []
    hits = []
    for item in select_items(catalogue, selection):
        fields = _search_fields(catalogue, item)
        if not all(any(_find(part, text) for text in fields.values()) for part in parts):
            continue
        matching = [
            (name, text, spans)
            for name, text in fields.items()
            if (spans := [span for part in parts for span in _find(part, text)])
        ]
        name, text, spans = max(matching, key=lambda m: (FIELD_WEIGHTS[m[0]], len(m[2])))
        score = sum(FIELD_WEIGHTS[field] for field, _, _ in matching)
        hits.append(Hit(item, name, text, tuple(sorted(set(spans))), score))
    return sorted(hits, key=lambda hit: (-FIELD_WEIGHTS[hit.field], -hit.score, hit.item.seq))


def _query_parts(query: str) -> list[str]:
    """What must match: each Chinese-bearing token whole, each other word on its own."""
    # spaces between Chinese characters are layout, as in the source
    query = re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", "", query)
    parts = []
    for token in query.split():
        parts += [token] if _CJK.search(token) else _WORD.findall(token)
    return [part.casefold() for part in parts]


def _search_fields(catalogue: Catalogue, item: Item) -> dict[str, str]:
    names = [catalogue.by_id[item.expert]]
    names += [catalogue.by_id[theme] for theme in item.themes]
    names += [catalogue.by_id[region] for region in item.regions]
    return {
        "title": item.title,
        "title_zh": item.title_zh,
        "summary": item.summary,
        "summary_zh": item.summary_zh,
        "quote": item.quote,
        "names": " / ".join(f"{record.name} {record.name_zh}" for record in names),
    }


def _find(part: str, text: str) -> list[tuple[int, int]]:
    if _CJK.search(part):
        pattern = r"\s*".join(map(re.escape, part))  # a quote may keep a layout space
    else:
        # the start of a word; Chinese characters count as a boundary (2017年 holds 2017)
        pattern = rf"(?<![^\W_\u3400-\u9fff\uf900-\ufaff]){re.escape(part)}"
    return [match.span() for match in re.finditer(pattern, text, flags=re.IGNORECASE)]
