"""Cross-referencing the catalogue: the matrix, related items, comparisons, search, the source
context of a quote and the expert–theme–region network. Built on query's filters, never beside
them: every count here is a `select_items` result.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from .catalogue import Catalogue, Figure, Item, normalise
from .query import (
    Facet,
    QueryError,
    Selection,
    descendants,
    facet_values,
    find,
    select_items,
    with_facet,
)

# --- matrix --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    row: str
    col: str
    items: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Matrix:
    row_facet: Facet
    col_facet: Facet
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    cells: tuple[Cell, ...]  # row-major
    row_totals: dict[str, int]  # distinct items per row, not the sum of its cells
    col_totals: dict[str, int]
    total: int


class SameFacet(QueryError):
    """Rows and columns must be different facets: within one facet, filters mean 'any of'."""


def matrix(catalogue: Catalogue, rows: Facet, cols: Facet, selection: Selection) -> Matrix:
    """Item counts for every row × column value, each equal to `list` with those two filters."""
    if rows is cols:
        raise SameFacet(f"rows and columns are both '{rows.value}'; choose two different facets")
    row_ids = tuple(record.id for record in facet_values(catalogue, rows, selection))
    col_ids = tuple(record.id for record in facet_values(catalogue, cols, selection))

    def ids(selection: Selection) -> tuple[str, ...]:
        return tuple(item.id for item in select_items(catalogue, selection))

    cells = tuple(
        Cell(row, col, ids(with_facet(with_facet(selection, rows, {row}), cols, {col})))
        for row in row_ids
        for col in col_ids
    )
    return Matrix(
        row_facet=rows,
        col_facet=cols,
        rows=row_ids,
        cols=col_ids,
        cells=cells,
        row_totals={row: len(ids(with_facet(selection, rows, {row}))) for row in row_ids},
        col_totals={col: len(ids(with_facet(selection, cols, {col}))) for col in col_ids},
        total=len(ids(with_facet(with_facet(selection, rows, row_ids), cols, col_ids))),
    )


# --- related -------------------------------------------------------------------------------


class NotAnItem(QueryError):
    """The id names an expert, theme or region where an item (or figure) is needed."""

    def __init__(self, ref: str, wanted: str = "an item") -> None:
        super().__init__(f"'{ref}' is not {wanted}")


# Weights of what two items share. Themes are a curator's judgement, so they weigh most.
THEME_WEIGHT, REGION_WEIGHT, TERM_WEIGHT = 2.0, 1.0, 0.5
# A region on more than this share of items (the region as a whole) says nothing about kinship.
COMMON_REGION_SHARE = 0.4
# A Chinese term in more than this share of items (京津冀, 产业, 协同发展) says nothing either.
COMMON_TERM_SHARE = 0.1
_CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
# Particles and connectives that make a shared run look like a term ('产业链的', '链和').
_FUNCTION_CHARS = "的和与及等在是了对为把将向从以也更并或之其"
# Verbs of exhortation every proposal uses; sharing them says nothing about the subject.
_GENERIC_TERMS = frozenset(
    "具有 一批 通过 进行 提升 推进 推动 加强 加快 实现 支持 打造 构建 形成 促进 充分 积极 不断 "
    "需要 相关 方面 未来 目前 当前 领域 重要 作为 要把 政策 深化 中心 优势 能力 水平 高端 "
    "统筹 释放 聚焦 围绕 培育 建设 发展 引导 搭建 增强 强化 鼓励 研究 设立 吸引 发挥 落实".split()
)


@dataclass(frozen=True)
class Relation:
    item: Item
    relation: Optional[str]  # the curated relation word, or None for a computed match
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
    """Items by other experts: the curated links first, then the rest ranked by what they share."""
    item = find(catalogue, item_id)
    if not isinstance(item, Item):
        raise NotAnItem(item_id)
    curated = {link.id: link.relation for link in item.related}
    scored = [
        _relation(catalogue, item, other, curated.get(other.id))
        for other in catalogue.items
        if other.expert != item.expert
    ]
    links = [r for r in scored if r.relation is not None]
    links.sort(key=lambda r: [link.id for link in item.related].index(r.item.id))
    computed = sorted(
        (r for r in scored if r.relation is None and r.score > 0),
        key=lambda r: (-r.score, r.item.seq),
    )
    return links + computed[: max(limit - len(links), 0)]


def _relation(catalogue: Catalogue, item: Item, other: Item, relation: Optional[str]) -> Relation:
    themes = tuple(theme for theme in item.themes if theme in other.themes)
    regions = tuple(_shared_regions(catalogue, item, other))
    terms = tuple(_shared_terms(catalogue, item, other))
    score = (
        THEME_WEIGHT * len(themes)
        + REGION_WEIGHT * sum(weight for _, weight in regions)
        + TERM_WEIGHT * len(terms)
    )
    return Relation(
        other, relation, round(score, 2), themes, tuple(name for name, _ in regions), terms
    )


def _shared_regions(catalogue: Catalogue, item: Item, other: Item) -> Iterable[tuple[str, float]]:
    """Each of the item's regions the other concerns too: itself (1), or a place within or
    around it (a half). Regions on a large share of items are passed over."""
    common = _common_regions(catalogue)
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


def _common_regions(catalogue: Catalogue) -> frozenset[str]:
    counts = Counter(region for item in catalogue.items for region in item.regions)
    limit = COMMON_REGION_SHARE * len(catalogue.items)
    return frozenset(region for region, count in counts.items() if count > limit)


def _shared_terms(catalogue: Catalogue, item: Item, other: Item) -> list[str]:
    """The catalogue's terms both items use, longest first, none inside another."""
    terms, texts = _vocabulary(catalogue), _item_texts(catalogue)
    mine, theirs = texts[item.id], texts[other.id]
    shared = sorted((t for t in terms if t in mine and t in theirs), key=lambda t: -len(t))
    kept: list[str] = []
    for term in shared:
        if not any(term in longer for longer in kept):
            kept.append(term)
    return sorted(kept, key=mine.index)[:5]


@lru_cache(maxsize=4)
def _item_texts(catalogue: Catalogue) -> dict[str, str]:
    return {item.id: normalise(item.title_zh + item.quote) for item in catalogue.items}


@lru_cache(maxsize=4)
def _vocabulary(catalogue: Catalogue) -> frozenset[str]:
    """Chinese terms that can tell items apart, mined from the items themselves.

    Chinese has no spaces, so a term is a run of 2-8 characters used by at least two items
    but by few (not 京津冀 or 发展), that is not just a piece of a longer run always found
    with it (新能 of 新能源), that neither starts nor ends with a particle, and that somewhere
    starts a phrase: after punctuation, a particle or a common verb (支持中关村), which tells a
    word from the tail of two different ones (色产业 of 特色产业 and 绿色产业).
    """
    texts = _item_texts(catalogue).values()
    df: Counter[str] = Counter()
    for text in texts:
        grams = {
            run[i : i + n]
            for run in _CJK_RUN.findall(text)
            for n in range(2, 10)
            for i in range(len(run) - n + 1)
        }
        df.update(grams)
    limit = max(2, COMMON_TERM_SHARE * len(texts))

    def closed(gram: str) -> bool:
        # a longer run with the same spread means this one never occurs on its own
        extensions = (g for g in df if len(g) == len(gram) + 1 and gram in g)
        return all(df[g] < df[gram] for g in extensions)

    candidates = {
        gram
        for gram, count in df.items()
        if 2 <= count <= limit
        and len(gram) <= 8
        and gram[0] not in _FUNCTION_CHARS
        and gram[-1] not in _FUNCTION_CHARS
        and gram not in _GENERIC_TERMS
    }
    return frozenset(gram for gram in candidates if closed(gram) and _starts_a_phrase(gram, texts))


def _starts_a_phrase(term: str, texts: Iterable[str]) -> bool:
    for text in texts:
        start = text.find(term)
        while start >= 0:
            before = text[:start]
            if (
                not before
                or not _CJK_RUN.match(before[-1] + "一")
                or before[-1] in _FUNCTION_CHARS
                or before[-2:] in _GENERIC_TERMS
            ):
                return True
            start = text.find(term, start + 1)
    return False


# --- compare -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeComparison:
    theme: str
    items: dict[str, tuple[Item, ...]]  # expert id -> their items on the theme
    links: tuple[tuple[str, str, str], ...]  # (item, other item, relation) across experts

    @property
    def speakers(self) -> tuple[str, ...]:
        return tuple(expert for expert, items in self.items.items() if items)

    @property
    def status(self) -> str:
        """'converge' (several experts, linked), 'shared' (several), 'only' (one), 'none'."""
        if len(self.speakers) > 1:
            return "converge" if self.links else "shared"
        return "only" if self.speakers else "none"


def compare(
    catalogue: Catalogue, experts: Iterable[str], selection: Selection
) -> list[ThemeComparison]:
    """For each theme, what each of the experts says on it, and the links between them."""
    experts = tuple(experts)
    comparisons = []
    for theme in facet_values(catalogue, Facet.theme, selection):
        on_theme = with_facet(with_facet(selection, Facet.theme, {theme.id}), Facet.expert, experts)
        items = select_items(catalogue, on_theme)
        by_expert = {e: tuple(i for i in items if i.expert == e) for e in experts}
        ids = {item.id for item in items}
        links = tuple(
            (item.id, link.id, link.relation)
            for item in items
            for link in item.related
            if link.id in ids and item.seq < catalogue.by_id[link.id].seq
        )
        comparisons.append(ThemeComparison(theme.id, by_expert, links))
    return comparisons


# --- search --------------------------------------------------------------------------------

# Which field matched decides the rank: a hit in a title says more than one in a quote.
FIELD_WEIGHTS = {
    "title": 4, "title_zh": 4, "summary": 3, "summary_zh": 3, "quote": 2, "names": 1,
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


# --- source context ------------------------------------------------------------------------

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


# --- graph ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    id: str
    kind: str  # "expert", "theme" or "region"
    label: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    weight: int  # items the two share


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def graph(catalogue: Catalogue, selection: Selection) -> Graph:
    """Experts, themes and regions as nodes; an edge for every pair that items connect."""
    items = select_items(catalogue, selection)
    counts: Counter[tuple[str, str]] = Counter()
    for item in items:
        for theme in item.themes:
            counts[(item.expert, theme)] += 1
            for region in item.regions:
                counts[(theme, region)] += 1
        for region in item.regions:
            counts[(item.expert, region)] += 1
    used = {end for pair in counts for end in pair}
    nodes = tuple(
        Node(record.id, kind, f"{record.name} {record.name_zh}")
        for kind, records in (
            ("expert", catalogue.experts), ("theme", catalogue.themes), ("region", catalogue.regions)
        )
        for record in records
        if record.id in used
    )
    order = {node.id: index for index, node in enumerate(nodes)}
    edges = tuple(
        Edge(a, b, weight)
        for (a, b), weight in sorted(counts.items(), key=lambda e: (order[e[0][0]], order[e[0][1]]))
    )
    return Graph(nodes, edges)

