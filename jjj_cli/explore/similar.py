"""Related items: curated links first, then other experts' items ranked by what they share."""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..catalogue import Catalogue, Item, normalise
from ..query import CHINESE, NotAnItem, containing, descendants, find

# Weights of what two items share. Themes are a curator's judgement, so they weigh most. Each
# is a multiple of a half (a place within or around a region weighs half a region), which
# Neighbours counts in, and so that a score adds up exactly in any order.
THEME_WEIGHT, REGION_WEIGHT, TERM_WEIGHT = 2.0, 1.0, 0.5
_THEME_HALVES, _REGION_HALVES, _TERM_HALVES = (
    round(w * 2) for w in (THEME_WEIGHT, REGION_WEIGHT, TERM_WEIGHT)
)
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
    what they share, equal scores in catalogue order."""
    return Neighbours(catalogue).related(item_id, limit)


class Neighbours:
    """`related` for any item of one catalogue, for many items at once (a site's every page).

    What the catalogue says about kinship is worked out once, and so are the items' profiles:
    one expert's items alike in their themes, their regions that are not common and their
    terms score the same against any item, so each profile is scored once. For an item, every
    profile's part of the score from themes and regions, and how many of the item's terms it
    uses, are counted at once from inverted lists (`_Profiles.bounds`): that part and the terms
    shared, five at most, bound its score. The profiles are then scored whole, highest bound
    first, until no profile left could score above the last item kept. Scoring a pair is the
    costly step, and only the profiles that could rank are scored.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.kinship = _kinship(catalogue)
        self._profiles = _Profiles(catalogue, self.kinship)
        self._position = {item.id: n for n, item in enumerate(catalogue.items)}

    def related(self, item_id: str, limit: int = 10) -> list[Relation]:
        """What `related` answers for the item: at most `limit` items by other experts, the
        curated links first, then the rest best first, equal scores in catalogue order."""
        catalogue = self.catalogue
        item = find(catalogue, item_id, among=(Item,))
        if not isinstance(item, Item):
            raise NotAnItem(item_id, item)
        curated = {link.id: link.relation for link in item.related}
        linked = (  # each link once, as scoring every item found them
            catalogue.items[self._position[id]] for id in curated if id in self._position
        )
        links = [
            _relation(self.kinship, item, other, curated[other.id])
            for other in linked
            if other.expert != item.expert
        ]
        # a negative limit counts from the end of the whole list, as a slice does
        wanted = len(catalogue.items) if limit < 0 else max(0, limit - len(links))
        computed = [
            _relation(self.kinship, item, catalogue.items[position], None)
            for position in self._best(item, set(curated), wanted)
        ]
        return (links + computed)[:limit]

    def _best(self, item: Item, curated: set[str], wanted: int) -> list[int]:
        """The positions of the `wanted` best-scored items by other experts that are not
        curated links: best first, equal scores in catalogue order."""
        if wanted == 0:
            return []
        items, profiles = self.catalogue.items, self._profiles
        mine = self.kinship.terms[item.id]
        kept: list[tuple[float, int]] = []  # (score, -position), a heap: the worst kept first

        def could_rank(number: int, part: float) -> bool:
            """Whether the profile is another expert's and its score could rank."""
            if profiles.expert[number] == item.expert:
                return False
            if len(kept) < wanted:
                return True
            return part + profiles.terms_at_most(mine, number) >= kept[0][0]

        def keep(number: int, part: float) -> None:
            """Score the profile and keep its items that rank among the best so far."""
            positions = profiles.members[number]
            other = items[positions[0]]
            score = part + TERM_WEIGHT * len(_shared_terms(self.kinship, item, other))
            if score <= 0:
                return
            for position in positions:  # in catalogue order: each ranks lower
                if items[position].id in curated:
                    continue
                if len(kept) < wanted:
                    heapq.heappush(kept, (score, -position))
                elif (score, -position) > kept[0]:
                    heapq.heapreplace(kept, (score, -position))
                else:
                    break

        # a profile's part from themes and regions, and a half (TERM_WEIGHT) for each of the
        # item's terms it uses: at least its score, as the terms shared are five at most and
        # leave out those inside others
        parts = profiles.parts(item)
        bounds = parts.copy()
        for term in mine:
            for _ in range(_TERM_HALVES):
                bounds.update(profiles.with_term[term])
        for number, halves in bounds.most_common():  # the highest bound first
            if len(kept) == wanted and halves / 2 < kept[0][0]:
                break  # no profile left could score above the last kept
            part = parts[number] / 2
            if could_rank(number, part):
                keep(number, part)
        return [-position for _, position in sorted(kept, reverse=True)]


class _Profiles:
    """The items grouped by their expert (related items are other experts') and what their
    score against any item depends on: their themes, their regions that are not common, and
    their terms. For each profile its items, in catalogue order; for each theme, region and
    term the profiles with it."""

    def __init__(self, catalogue: Catalogue, kinship: _Kinship) -> None:
        self.kinship = kinship
        common = kinship.common_regions
        number: dict[tuple[str, frozenset[str], frozenset[str], frozenset[str]], int] = {}
        self.members: list[list[int]] = []  # each profile's items, in catalogue order
        self.profile_of: list[int] = []  # each item's profile, by its position
        self.terms: list[frozenset[str]] = []  # each profile's terms
        self.expert: list[str] = []  # and expert
        for position, item in enumerate(catalogue.items):
            profile = (
                item.expert,
                frozenset(item.themes),
                frozenset(item.regions) - common,
                kinship.terms[item.id],
            )
            if profile not in number:
                number[profile] = len(self.members)
                self.members.append([])
                self.terms.append(profile[3])
                self.expert.append(item.expert)
            self.members[number[profile]].append(position)
            self.profile_of.append(number[profile])
        self.with_theme: dict[str, list[int]] = {}  # the profiles with each theme
        self.with_region: dict[str, list[int]] = {}  # each region
        self.with_term: dict[str, list[int]] = {}  # each term
        for (_, themes, regions, terms), n in number.items():
            for key, values in (
                (self.with_theme, themes),
                (self.with_region, regions),
                (self.with_term, terms),
            ):
                for value in values:
                    key.setdefault(value, []).append(n)
        self._near: dict[str, list[int]] = {}

    def parts(self, item: Item) -> Counter[int]:
        """Every profile that shares a theme or region with the item, and the part of its
        score they give, in halves (as _relation scores them): counted for all the profiles
        at once, each weight in halves by adding a profile that many times."""
        halves: Counter[int] = Counter()
        for theme in item.themes:
            for _ in range(_THEME_HALVES):
                halves.update(self.with_theme.get(theme, ()))
        for mine in item.regions:
            if mine not in self.kinship.common_regions:
                for _ in range(_REGION_HALVES):
                    halves.update(self.with_region.get(mine, ()))
                for _ in range(_REGION_HALVES // 2):
                    halves.update(self.near_only(mine))
        return halves

    def terms_at_most(self, terms: frozenset[str], number: int) -> float:
        """The most that terms can add to the score of an item with these terms against the
        profile: the terms both use bound the terms shared, which are five at most and leave
        out those inside others."""
        return TERM_WEIGHT * min(5, len(terms & self.terms[number]))

    def near_only(self, region: str) -> list[int]:
        """The profiles with a region within or around the region (not common), and not the
        region itself: each gives a half where an item names the region."""
        if region not in self._near:
            kinship = self.kinship
            near = kinship.within[region] | kinship.around[region]
            near -= {region} | kinship.common_regions
            exact = set(self.with_region.get(region, ()))
            self._near[region] = sorted(
                {n for each in near for n in self.with_region.get(each, ())} - exact
            )
        return self._near[region]


class _Kinship(NamedTuple):
    """What the catalogue as a whole says about kinship, worked out once for all its items
    (the catalogue, a frozen dataclass, is hashed whole at every look-up of a cache)."""

    common_regions: frozenset[str]  # regions on too many items to tell them apart
    terms: dict[str, frozenset[str]]  # each item's terms of the vocabulary (_terms_used)
    texts: dict[str, str]  # each item's text, as terms are found in it (_item_texts)
    within: dict[str, frozenset[str]]  # each region and the regions inside it (descendants)
    around: dict[str, frozenset[str]]  # and the regions it lies in (containing)


def _kinship(catalogue: Catalogue) -> _Kinship:
    return _Kinship(
        _common_regions(catalogue),
        _terms_used(catalogue),
        _item_texts(catalogue),
        {region.id: descendants(catalogue, region.id) for region in catalogue.regions},
        {region.id: containing(catalogue, region.id) for region in catalogue.regions},
    )


def _relation(kinship: _Kinship, item: Item, other: Item, relation: str | None) -> Relation:
    themes = tuple(theme for theme in item.themes if theme in other.themes)
    regions = tuple(_shared_regions(kinship, item, other))
    terms = tuple(_shared_terms(kinship, item, other))
    score = (
        THEME_WEIGHT * len(themes)
        + REGION_WEIGHT * sum(weight for _, weight in regions)
        + TERM_WEIGHT * len(terms)
    )
    return Relation(
        other, relation, round(score, 2), themes, tuple(name for name, _ in regions), terms
    )


def _shared_regions(kinship: _Kinship, item: Item, other: Item) -> Iterable[tuple[str, float]]:
    """Each of the item's regions the other concerns too: itself (1), or a place within or
    around it (a half). Regions on a large share of items (`common`) are passed over."""
    common, within = kinship.common_regions, kinship.within
    for mine in item.regions:
        if mine in common:
            continue
        theirs = [region for region in other.regions if region not in common]
        if mine in theirs:
            yield mine, 1.0
        elif inside := [r for r in theirs if r in within[mine]]:
            yield f"{mine}⊃{inside[0]}", 0.5
        elif around := [r for r in theirs if mine in within[r]]:
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
    # the runs one character longer that hold a run: those it starts or ends; only those in
    # two texts or more, as no run in fewer is a term or hides one
    longer: dict[str, list[str]] = {}
    for gram in (gram for gram, count in df.items() if count > 1):
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
    heads = {candidate[:2] for candidate in candidates}  # what a candidate starts with
    for text in texts:
        for start in range(len(text) - 1):
            if text[start : start + 2] not in heads:
                continue
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
