"""The typed catalogue: what the loader returns and every other module reads.

The records are NamedTuples: immutable and typed like frozen dataclasses, and several times
cheaper to define, which every run of `jjj` pays for at import. The Catalogue that holds them
is a dataclass, for its cached index of ids. Annotations here are evaluated as they are read
(no `from __future__ import annotations`): typing compiles each field's annotation given as a
string, half a millisecond of every run for these records.
"""

import gc
import os
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from ..language import _

Number = int | float

KINDS = ("proposal", "finding")
# What kind of text a source is. "other" for anything these do not name.
SOURCE_KINDS = ("roundtable", "interview", "article", "plan", "speech", "report", "other")

# Each relation word and the word the loader writes on the other item. Symmetric relations
# map to themselves; directed ones get a passive form so the reverse link reads correctly.
REVERSE_RELATION = {
    "echoes": "echoes",
    "complements": "complements",
    "contrasts": "contrasts",
    "extends": "extended-by",
    "addresses": "addressed-by",
    "supports": "supported-by",
}


class Source(NamedTuple):
    id: str
    title: str
    title_en: str
    file: str  # relative to the catalogue file that declares the source
    sha256: str
    language: str
    kind: str | None
    # Only what the text itself gives: never a guessed publisher or date.
    publisher: str | None
    date: date | None
    url: str | None
    period: str | None
    period_zh: str | None
    framing: str | None
    framing_zh: str | None
    note: str | None
    path: Path


class Expert(NamedTuple):
    """A person, whatever sources they speak in."""

    id: str
    name: str
    name_zh: str
    affiliation: str
    affiliation_zh: str
    note: str | None


class Appearance(NamedTuple):
    """What belongs to an expert in one source: the headline over their section, the question
    put to them, and a note on the attribution. At most one per expert and source."""

    expert: str
    source: str
    headline: str | None
    headline_zh: str | None
    question: str | None
    question_zh: str | None
    note: str | None


class Rule(NamedTuple):
    """A coding rule: what it says (in English, and in Chinese where it is written: None when
    not), one example of the source it is about (an item's id, and words of its quote), and,
    for a rule of every theme or of regions, the tags the example carries in that facet (None
    when the rule does not say)."""

    rule: str
    rule_zh: str | None
    example: str
    words: str
    gives: tuple[str, ...] | None = None


class Theme(NamedTuple):
    id: str
    name: str
    name_zh: str
    definition: str
    aliases: tuple[str, ...]
    # when the theme is tagged, and when not, each with its example
    include: tuple[Rule, ...] = ()
    exclude: tuple[Rule, ...] = ()


class Coding(NamedTuple):
    """The catalogue's `[coding]` rules: those for every theme, and when a region is tagged."""

    themes: tuple[Rule, ...] = ()
    regions: tuple[Rule, ...] = ()


class Region(NamedTuple):
    id: str
    name: str
    name_zh: str
    aliases: tuple[str, ...]
    level: str
    parent: str | None
    also_within: tuple[str, ...]
    code: str | None
    comparison: bool
    note: str | None


class Related(NamedTuple):
    id: str
    relation: str


class Item(NamedTuple):
    id: str
    kind: str
    expert: str
    seq: int
    title: str
    title_zh: str
    summary: str
    summary_zh: str
    themes: tuple[str, ...]
    regions: tuple[str, ...]
    quote: str
    related: tuple[Related, ...]
    source: str
    note: str | None


class Figure(NamedTuple):
    id: str
    expert: str
    indicator: str
    indicator_zh: str
    value: Number
    unit: str
    year: int
    region: str
    compared_with: str | None
    ratio: Number | None
    quote: str
    source: str
    note: str | None


class Table(NamedTuple):
    """One table of records: its name in the TOML file, and the Catalogue field holding it."""

    name: str
    attribute: str
    record: type


# The items' table is `[[proposals]]` though it holds findings too: the name stays so that the
# catalogues already written still load (and the SQLite export's table, the queries written
# against earlier exports).
ITEMS_TABLE = "proposals"

# The tables of records, in the order a catalogue is usually written.
RECORD_TABLES = (
    Table("sources", "sources", Source),
    Table("experts", "experts", Expert),
    Table("appearances", "appearances", Appearance),
    Table("themes", "themes", Theme),
    Table("regions", "regions", Region),
    Table(ITEMS_TABLE, "items", Item),
    Table("figures", "figures", Figure),
)


class Include(NamedTuple):
    """One `include` pattern: the file that names it, the pattern, and the files it matched."""

    file: Path
    pattern: str
    matched: tuple[Path, ...]


class QuoteCheck(NamedTuple):
    id: str
    table: str  # ITEMS_TABLE or "figures"
    quote: str
    found: bool
    span: tuple[int, int] | None  # where it lies in normalise(texts[source]); None if nowhere
    source: str = ""  # the id of the source it quotes


@dataclass(frozen=True)
class Catalogue:
    path: Path  # the entry file
    sources: tuple[Source, ...]
    texts: Mapping[str, str] = field(repr=False, hash=False)  # source id -> its text
    experts: tuple[Expert, ...]
    appearances: tuple[Appearance, ...]  # in source order, then the experts' order
    themes: tuple[Theme, ...]
    regions: tuple[Region, ...]
    items: tuple[Item, ...]  # by source (in the sources' order), then seq
    figures: tuple[Figure, ...]
    # every catalogue file read, the entry first, and the includes that reached them
    files: tuple[Path, ...] = ()
    includes: tuple[Include, ...] = ()
    coding: Coding = Coding()
    # each file as the loader read it (catalogue files and texts): its size and CRC-32, which
    # the cache keys its entry on; empty for a catalogue read from the cache
    stamps: Mapping[Path, tuple[int, int]] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )

    @property
    def source(self) -> Source:
        """The first source: what 0.1's one `source` was. Prefer `sources`."""
        return self.sources[0]

    @property
    def source_text(self) -> str:
        """The first source's text. Prefer `texts[source_id]`."""
        return self.texts[self.sources[0].id]

    def shown_file(self, source: Source) -> str:
        """A source's text file as a reader finds it: relative to the entry file's folder
        (`sources/jjj-roundtable.zh.txt`), whichever catalogue file declares the source."""
        try:
            return source.path.relative_to(self.path.parent).as_posix()
        except ValueError:
            return os.path.relpath(source.path, self.path.parent).replace(os.sep, "/")

    @cached_property
    def by_id(self) -> Mapping[str, Source | Expert | Theme | Region | Item | Figure]:
        """Every record with an id by its id: ids are unique across all the tables."""
        tables = (self.sources, self.experts, self.themes, self.regions, self.items, self.figures)
        return {record.id: record for table in tables for record in table}

    @cached_property
    def appearing(self) -> Mapping[str, tuple[Appearance, ...]]:
        """Each expert's id -> what they have in each source they appear in, in source order:
        their appearance record where there is one, else an empty one (items or figures only)."""
        order = {source.id: index for index, source in enumerate(self.sources)}
        found: dict[str, dict[str, Appearance]] = {}
        for appearance in self.appearances:
            found.setdefault(appearance.expert, {})[appearance.source] = appearance
        records: tuple[Item | Figure, ...] = (*self.items, *self.figures)
        for record in records:
            found.setdefault(record.expert, {}).setdefault(
                record.source, Appearance(record.expert, record.source, *[None] * 5)
            )
        return {
            expert: tuple(sorted(by_source.values(), key=lambda each: order[each.source]))
            for expert, by_source in found.items()
        }

    @cached_property
    def parents(self) -> Mapping[str, tuple[str, ...]]:
        """Each region's id -> the ids of the regions it lies directly inside (`within`)."""
        return {region.id: within(region) for region in self.regions}

    @cached_property
    def children(self) -> Mapping[str, tuple[str, ...]]:
        """Each region's id -> the ids of the regions directly inside it, in catalogue order."""
        inside: dict[str, dict[str, None]] = {}
        for region in self.regions:
            for outer in within(region):
                inside.setdefault(outer, {})[region.id] = None
        return {id: tuple(ids) for id, ids in inside.items()}

    @cached_property
    def quotes(self) -> Mapping[str, QuoteCheck]:
        """Every item's and then every figure's quote by id, with its place in the source.

        The one placement of the quotes: the loader's checks, `verify` and everything that
        shows a quote in its source read it here, so they always point at the same words.
        """
        return {check.id: check for check in _placed(self)}


class Problem(NamedTuple):
    file: str
    line: int | None
    item: str | None  # where in the file, e.g. "proposals[17] 'cong-foo'"
    field: str | None
    message: str
    column: int | None = None  # only the TOML parser gives one

    def __str__(self) -> str:
        place = self.file
        if self.line:
            place += f":{self.line}:{self.column}" if self.column else f":{self.line}"
        field = self.field and _("field '{field}'").format(field=self.field)
        subject = " ".join(part for part in (self.item, field) if part)
        return f"{place}: {subject}: {self.message}" if subject else f"{place}: {self.message}"


class CatalogueError(Exception):
    """Everything wrong with a catalogue, found in one pass so a curator can fix it all at once."""

    # whether `jjj validate` lists these problems: a command then shows the first few and
    # points there; else (a coding sheet's) it shows them all
    validated = True

    def __init__(self, problems: Sequence[Problem], entry: str | None = None) -> None:
        self.problems = tuple(problems)
        # the catalogue's entry file as shown, when the problems are a whole catalogue's: they
        # may lie in several files, and it is the one to name to see them all again
        self.entry = entry
        super().__init__("\n".join(str(problem) for problem in self.problems))


def quote_start(quote: str, length: int = 24, *, quoted: bool = False) -> str:
    """The start of a quote (or of any value's text), to name it in a message: its first
    `length` characters, then `…` if more follow. `quoted`: as Python writes a string, the `…`
    after the closing quotation mark ('abc'…)."""
    start = repr(quote[:length]) if quoted else quote[:length]
    return start if len(quote) <= length else start + "…"


# Dashes count as spaces and apostrophes are one: "Beijing Tianjin Hebei" and
# "Beijing-Tianjin-Hebei" name the region the catalogue writes "Beijing–Tianjin–Hebei",
# "free trade zone" the theme alias "free-trade zone", "Xiong’an" the place written "Xiong'an".
_TYPED = str.maketrans({"-": " ", "–": " ", "—": " ", "‐": " ", "‑": " ", "’": "'", "‘": "'"})


def name_key(name: str) -> str:
    """A name as it is compared with what a user types: case, spacing, dashes (as spaces), the
    kind of apostrophe, and the full-width forms a Chinese input method gives (２＋４＋Ｎ) aside."""
    return " ".join(unicodedata.normalize("NFKC", name.translate(_TYPED)).casefold().split())


def other_names(record: Expert | Theme | Region) -> list[tuple[str, str]]:
    """Each (field, value) a user may type for an expert, theme or region besides its id."""
    names = [("name", record.name), ("name_zh", record.name_zh)]
    if not isinstance(record, Expert):
        names += [("aliases", alias) for alias in record.aliases]
    if isinstance(record, Region) and record.code:
        names.append(("code", record.code))
    return names


def within(region: Region) -> tuple[str, ...]:
    """The ids of the regions a region lies directly inside: its parent, then also_within."""
    return (region.parent, *region.also_within) if region.parent else region.also_within


def reachable(start: str, links: Mapping[str, Iterable[str]]) -> set[str]:
    """The walk of the region tree: every id reached from `start` by following `links` (each
    region's parents, to go up; its children, to go down). `start` is among them only when
    the links lead back to it, which the loader reports as a cycle."""
    found: set[str] = set()
    pending = [start]
    while pending:
        for linked in links.get(pending.pop(), ()):
            if linked not in found:
                found.add(linked)
                pending.append(linked)
    return found


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a catalogue is built, then resumed.

    A load makes millions of objects (parsed tables, records) and keeps nearly all of them:
    the collections their allocation sets off scan what was kept, again and again, and find
    nothing to free (a catalogue's data has no cycles). Without them, `jjj validate` of
    100,000 items in 1,000 files takes about 15% less CPU time (12.9 s, not 15.3), and a
    listing from the cache a sixth less (2.9 s, not 3.5): benchmarks/bench.py --sources.
    """
    if not gc.isenabled():
        yield  # already off (nested, or by the caller's choice): left as it is
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def normalise(text: str) -> str:
    """Drop all whitespace: in the newspaper source every space and line break is layout."""
    return "".join(text.split())


def verify_quotes(catalogue: Catalogue) -> list[QuoteCheck]:
    """Check every item and figure quote against the source text, ignoring layout."""
    return list(catalogue.quotes.values())


def _placed(catalogue: Catalogue) -> list[QuoteCheck]:
    """Each quote with its place in its source's normalised text: items, then figures.

    Items are read in seq order, which is the order of their source: a phrase that occurs
    twice is placed where a reader going down the items would find it. A figure quotes numbers
    an expert said, usually inside the words an item quotes: it is placed inside the quote of
    the first item of its expert (in seq order) in its source that holds its words; failing
    that, it is read in the figures' order as the items are. Each source is read apart.
    """
    texts = {id: normalise(text) for id, text in catalogue.texts.items()}
    items = _by_source(texts, ITEMS_TABLE, catalogue.items, {})
    # (expert, source) -> their items' spans, seq order
    spoken: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for item, check in zip(catalogue.items, items):
        if check.span is not None:
            spoken.setdefault((item.expert, item.source), []).append(check.span)
    figures = _by_source(texts, "figures", catalogue.figures, spoken)
    return items + figures


def _by_source(
    texts: Mapping[str, str],
    table: str,
    records: Sequence[Item | Figure],
    spoken: Mapping[tuple[str, str], Sequence[tuple[int, int]]],
) -> list[QuoteCheck]:
    """_located for each source's records, the result in the records' order."""
    groups: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        groups.setdefault(record.source, []).append(index)
    checks: list[QuoteCheck | None] = [None] * len(records)
    for source, indexes in groups.items():
        placed = _located(
            texts.get(source, ""), table, [records[index] for index in indexes], spoken, source
        )
        for index, check in zip(indexes, placed):
            checks[index] = check
    return [check for check in checks if check is not None]


def _located(
    source: str,
    table: str,
    records: Sequence[Item | Figure],
    spoken: Mapping[tuple[str, str], Sequence[tuple[int, int]]],
    source_id: str,
) -> list[QuoteCheck]:
    """Each record's quote with its place in the source, read in the records' order.

    A quote is placed at its first occurrence in the first of its expert's `spoken` spans
    that holds it; else at its first occurrence after the end of the previous record's quote;
    else, when none follows, at its first occurrence in the source. A catalogue in source
    order is so searched in one pass, not once from the start per quote (which grows with
    the square of a large one).
    """
    checks = []
    cursor = 0
    for record in records:
        quote = normalise(record.quote)
        start = next(
            (
                found
                for span_start, span_end in spoken.get((record.expert, source_id), ())
                for found in [source.find(quote, span_start, span_end)]
                if found >= 0
            ),
            -1,
        )
        if start < 0:
            start = source.find(quote, cursor)
        if start < 0:
            start = source.find(quote)
        if start < 0:
            checks.append(QuoteCheck(record.id, table, record.quote, False, None, source_id))
            continue
        cursor = start + len(quote)
        span = (start, cursor)
        checks.append(QuoteCheck(record.id, table, record.quote, True, span, source_id))
    return checks
