"""Related items: curated links first, then other experts' items ranked by what they share."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..catalogue import Catalogue, Item, normalise
from ..query import CHINESE, NotAnItem, descendants, find

# Weights of what two items share. Themes are a curator's judgement, so they weigh most.
THEME_WEIGHT, REGION_WEIGHT, TERM_WEIGHT = 2.0, 1.0, 0.5
# A region on more than this share of items (the region as a whole) says nothing about kinship.
COMMON_REGION_SHARE = 0.4
# A Chinese term in more than this share of items (京津冀, 产业, 协同发展) says nothing either.
COMMON_TERM_SHARE = 0.1
_CJK_RUN = re.compile(f"[{CHINESE}]{{2,}}")
# Particles and connectives that make a shared run look like a term ('产业链的', '链和').
_FUNCTION_CHARS = "的和与及等在是了对为把将向从以也更并或之其"
# Verbs of exhortation every item uses; sharing them says nothing about the subject.
_GENERIC_TERMS = frozenset(
    "具有 一批 通过 进行 提升 推进 推动 加强 加快 实现 支持 打造 构建 形成 促进 充分 积极 不断 "
    "需要 相关 方面 未来 目前 当前 领域 重要 作为 要把 政策 深化 中心 优势 能力 水平 高端 "
    "统筹 释放 聚焦 围绕 培育 建设 发展 引导 搭建 增强 强化 鼓励 研究 设立 吸引 发挥 落实".split()
)


@dataclass(frozen=True)
class Relation:
    item: Item
    relation: str | None  # the curated relation word, or None for a computed match
    score: float
    themes: tuple[str, ...]
    regions: tuple[str, ...]
    terms: tuple[str, ...]

    @property
    def reason(self) -> str:
        parts = [f"curated: {self.relation}"] if self.relation else []
        for label, values in (("themes", self.themes), ("regions", self.regions)):
            if values:
                parts.append(f"{label} {', '.join(values)}")
        if self.terms:
            parts.append(f"terms {'、'.join(self.terms)}")
        return "; ".join(parts)


def related(catalogue: Catalogue, item_id: str, limit: int = 10) -> list[Relation]:
    """At most `limit` items by other experts: the curated links first, then the rest ranked by
    what they share."""
    item = find(catalogue, item_id, among=(Item,))
    if not isinstance(item, Item):
        raise NotAnItem(item_id, item)
    curated = {link.id: link.relation for link in item.related}
    kinship = _kinship(catalogue)
    scored = [
        _relation(catalogue, kinship, item, other, curated.get(other.id))
        for other in catalogue.items
        if other.expert != item.expert
    ]
    links = [r for r in scored if r.relation is not None]
    links.sort(key=lambda r: [link.id for link in item.related].index(r.item.id))
    # scored in catalogue order, which the stable sort keeps among equal scores
    computed = sorted(
        (r for r in scored if r.relation is None and r.score > 0), key=lambda r: -r.score
    )
    return (links + computed)[:limit]


class _Kinship(NamedTuple):
    """What the catalogue as a whole says about kinship, worked out once for all its items
    (the catalogue, a frozen dataclass, is hashed whole at every look-up of a cache)."""

    common_regions: frozenset[str]  # regions on too many items to tell them apart
    terms: dict[str, frozenset[str]]  # each item's terms of the vocabulary (_terms_used)
    texts: dict[str, str]  # each item's text, as terms are found in it (_item_texts)


def _kinship(catalogue: Catalogue) -> _Kinship:
    return _Kinship(_common_regions(catalogue), _terms_used(catalogue), _item_texts(catalogue))


def _relation(
    catalogue: Catalogue, kinship: _Kinship, item: Item, other: Item, relation: str | None
) -> Relation:
    themes = tuple(theme for theme in item.themes if theme in other.themes)
    regions = tuple(_shared_regions(catalogue, kinship.common_regions, item, other))
    terms = tuple(_shared_terms(kinship, item, other))
    score = (
        THEME_WEIGHT * len(themes)
        + REGION_WEIGHT * sum(weight for _, weight in regions)
        + TERM_WEIGHT * len(terms)
    )
    return Relation(
        other, relation, round(score, 2), themes, tuple(name for name, _ in regions), terms
    )


def _shared_regions(
    catalogue: Catalogue, common: frozenset[str], item: Item, other: Item
) -> Iterable[tuple[str, float]]:
    """Each of the item's regions the other concerns too: itself (1), or a place within or
    around it (a half). Regions on a large share of items (`common`) are passed over."""
    for mine in item.regions:
        if mine in common:
            continue
        theirs = [region for region in other.regions if region not in common]
        if mine in theirs:
            yield mine, 1.0
        elif inside := [r for r in theirs if r in descendants(catalogue, mine)]:
            yield f"{mine}⊃{inside[0]}", 0.5
        elif around := [r for r in theirs if mine in descendants(catalogue, r)]:
            yield f"{mine}⊂{around[0]}", 0.5


@lru_cache(maxsize=4)
def _common_regions(catalogue: Catalogue) -> frozenset[str]:
    counts = Counter(region for item in catalogue.items for region in item.regions)
    limit = COMMON_REGION_SHARE * len(catalogue.items)
    return frozenset(region for region, count in counts.items() if count > limit)


def _shared_terms(kinship: _Kinship, item: Item, other: Item) -> list[str]:
    """The catalogue's terms both items use, longest first, none inside another."""
    used = kinship.terms
    shared = sorted(used[item.id] & used[other.id], key=lambda term: -len(term))
    kept: list[str] = []
    for term in shared:
        if not any(term in longer for longer in kept):
            kept.append(term)
    mine = kinship.texts[item.id]
    return sorted(kept, key=mine.index)[:5]


@lru_cache(maxsize=4)
def _item_texts(catalogue: Catalogue) -> dict[str, str]:
    return {item.id: normalise(item.title_zh + item.quote) for item in catalogue.items}


def _grams(text: str, shortest: int = 2, longest: int = 9) -> Iterator[str]:
    """Every run of `shortest` to `longest` Chinese characters in the text, as often as it
    stands there."""
    for run in _CJK_RUN.findall(text):
        for length in range(shortest, longest + 1):
            for start in range(len(run) - length + 1):
                yield run[start : start + length]


@lru_cache(maxsize=4)
def _terms_used(catalogue: Catalogue) -> dict[str, frozenset[str]]:
    """Each item's terms of the vocabulary: read from the runs of its text, so that the
    vocabulary is not searched for in every item (every term is a run of Chinese characters,
    8 at most)."""
    terms = _vocabulary(catalogue)
    return {
        id: frozenset(gram for gram in _grams(text, 2, 8) if gram in terms)
        for id, text in _item_texts(catalogue).items()
    }


@lru_cache(maxsize=4)
def _vocabulary(catalogue: Catalogue) -> frozenset[str]:
    """Chinese terms that can tell items apart, mined from the items themselves.

    Chinese has no spaces, so a term is a run of 2-8 characters used by at least two items
    but by few (not 京津冀 or 发展), that is not just a piece of a longer run always found
    with it (新能 of 新能源), that neither starts nor ends with a particle, and that somewhere
    starts a phrase: after punctuation, a particle or a common verb (支持中关村), which tells a
    word from the tail of two different ones (色产业 of 特色产业 and 绿色产业).

    Each of these is worked out in one pass over the runs (the items' texts, then the runs one
    character longer), not by searching every text for every run: a catalogue of 20,000 items
    would take minutes.
    """
    texts = list(_item_texts(catalogue).values())
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(_grams(text)))
    limit = max(2, COMMON_TERM_SHARE * len(texts))
    # the runs one character longer that hold a run: those it starts or ends
    longer: dict[str, list[str]] = {}
    for gram in df:
        longer.setdefault(gram[:-1], []).append(gram)
        if gram[1:] != gram[:-1]:
            longer.setdefault(gram[1:], []).append(gram)
    candidates = {
        gram
        for gram, count in df.items()
        if 2 <= count <= limit
        and len(gram) <= 8
        and gram[0] not in _FUNCTION_CHARS
        and gram[-1] not in _FUNCTION_CHARS
        and gram not in _GENERIC_TERMS
        # a longer run with the same spread means this one never occurs on its own
        and all(df[extension] < count for extension in longer.get(gram, ()))
    }
    return frozenset(_starting_a_phrase(candidates, texts))


def _starting_a_phrase(candidates: set[str], texts: Iterable[str]) -> set[str]:
    """The candidates that somewhere start a phrase: at the start of a text, or after a
    character that is not Chinese, a particle, or a common verb."""
    found: set[str] = set()
    for text in texts:
        for start in range(len(text)):
            before = text[max(0, start - 2) : start]  # the two characters before, or fewer
            if (
                before
                and _CJK_RUN.match(before[-1] + "一")
                and before[-1] not in _FUNCTION_CHARS
                and before not in _GENERIC_TERMS
            ):
                continue
            found.update(
                gram
                for gram in (text[start : start + length] for length in range(2, 9))
                if gram in candidates
            )
    return found
