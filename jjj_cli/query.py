"""Questions asked of a loaded catalogue: resolving names users type, filtering, counting."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import NamedTuple, TypeVar

from .catalogue import (
    KINDS,
    Appearance,
    Catalogue,
    Expert,
    Figure,
    Item,
    Region,
    Related,
    Source,
    Theme,
    name_key,
    other_names,
    reachable,
)
from .language import N_, _, listed, sentences

Record = Source | Expert | Theme | Region | Item | Figure
RecordT = TypeVar("RecordT", bound=Record)

# Chinese characters, the one definition every module uses: 〇 (the zero of 二〇二二年), the CJK
# unified ideographs (Extension A, the basic block, Extensions B onwards in planes 2 and 3) and
# the compatibility ideographs; not radicals, strokes, the hexagram symbols after Extension A,
# nor punctuation. The full-text index (store/fulltext.py) takes each of them as a word of its
# own, so `jjj search` and the index cut words at the same places.
CHINESE_RANGES = (
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3FFFF),
)
# the same, as the inside of a regular expression's [character class]
CHINESE = "".join(f"{chr(first)}-{chr(last)}" for first, last in CHINESE_RANGES)
# Whitespace between two Chinese characters is layout, not a break between words: 产 业 链 is
# 产业链. A pattern, compiled by `re` at its first use: compiling it costs milliseconds, more
# than a run that never needs it should pay.
_LAYOUT_SPACE = f"(?<=[{CHINESE}])\\s+(?=[{CHINESE}])"


def is_chinese(char: str) -> bool:
    """Whether a character is a Chinese character (see CHINESE)."""
    code = ord(char)
    return any(first <= code <= last for first, last in CHINESE_RANGES)


def has_chinese(text: str) -> bool:
    """Whether the text holds a Chinese character."""
    return any(map(is_chinese, text))


def without_layout_spaces(text: str) -> str:
    """The text without the whitespace between its Chinese characters."""
    if not any(map(str.isspace, text)):
        return text  # most queries and names: spared compiling the pattern (2 ms)
    return re.sub(_LAYOUT_SPACE, "", text)


class Kind(str, Enum):
    proposal = "proposal"
    finding = "finding"
    all = "all"


class Facet(str, Enum):
    expert = "expert"
    theme = "theme"
    region = "region"
    source = "source"


# How a message names what a name was looked up as: a facet, or an id of any record.
FACET_NOUNS = {
    "expert": N_("expert"),
    "theme": N_("theme"),
    "region": N_("region"),
    "source": N_("source"),
    "id": N_("id"),
}


class QueryError(Exception):
    """A question the catalogue cannot answer as asked: a usage problem, not bad data."""


class UnknownName(QueryError):
    """A name on the command line matches nothing in the catalogue: a usage error, not bad data.

    The message offers the ids whose names come close, else `otherwise` (what is valid)."""

    def __init__(
        self,
        what: str,
        value: str,
        suggestions: Iterable[str],
        otherwise: str = "",
        also: str = "",
        among: tuple[type, ...] = (),
    ) -> None:
        self.what, self.value, self.suggestions = what, value, list(suggestions)
        self.among = among  # the kinds of record that were wanted (an id of any, if none)
        if self.suggestions:
            hint = _("Did you mean: {ids}?").format(ids=listed(self.suggestions))
        else:
            hint = otherwise
        said = sentences(hint, also)
        message = _("unknown {what} '{value}'.").format(
            what=_(FACET_NOUNS.get(what, what)), value=value
        )
        super().__init__(sentences(message, said))


class EmptyName(QueryError):
    """A filter given as an empty string: a usage error, not 'no filter'."""

    def __init__(self, facet: Facet) -> None:
        message = _("an empty {what} name: give an id or a name")
        super().__init__(message.format(what=_(FACET_NOUNS[facet.value])))


class NotAnItem(QueryError):
    """The id names an expert, theme or region where an item (or figure) is needed."""

    def __init__(self, ref: str, found: Record, wanted: str = N_("an item")) -> None:
        what = KIND_NAMES.get(type(found), N_("a record"))
        super().__init__(
            _("'{ref}' is {what}, not {wanted}").format(ref=ref, what=_(what), wanted=_(wanted))
        )


# How a message names each kind of record (the curator's messages too).
KIND_NAMES: dict[type, str] = {
    Source: N_("a source"),
    Expert: N_("an expert"),
    Theme: N_("a theme"),
    Region: N_("a region"),
    Item: N_("an item"),
    Figure: N_("a figure"),
}


class Selection(NamedTuple):
    """Resolved filter ids. Within a facet any id matches (OR); facets combine with AND."""

    experts: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    kind: Kind = Kind.proposal
    sources: frozenset[str] = frozenset()  # last, so that 0.1's positional calls still work


# What `show` gets for each kind of record. NamedTuples, not dataclasses: as immutable, and
# several times cheaper to define, which every run pays for at import.


class ExpertView(NamedTuple):
    expert: Expert
    items: tuple[Item, ...]
    figures: tuple[Figure, ...]
    appearances: tuple[Appearance, ...] = ()  # what they have in each source, source order


class ItemView(NamedTuple):
    item: Item
    related: tuple[tuple[Related, Item], ...]


class ThemeView(NamedTuple):
    theme: Theme
    items: tuple[Item, ...]


class RegionView(NamedTuple):
    region: Region
    children: tuple[Region, ...]
    items: tuple[Item, ...]  # tagged with the region or any of its descendants


class SourceView(NamedTuple):
    source: Source
    experts: tuple[Expert, ...]  # who speaks in it
    counts: Mapping[str, int]  # its items by kind
    file: str = ""  # its text's file as a reader finds it (Catalogue.shown_file)


View = SourceView | ExpertView | ItemView | ThemeView | RegionView | Figure


def record_by_id(catalogue: Catalogue, id: str, kind: type[RecordT]) -> RecordT:
    """The record with this id, of the kind the reference to it names (an item's `expert` is
    an expert's id): a loaded catalogue holds no other, and the type says which it is."""
    found = catalogue.by_id[id]
    if not isinstance(found, kind):
        raise NotAnItem(id, found, KIND_NAMES.get(kind, kind.__name__))
    return found


FacetRecord = Expert | Theme | Region | Source


def _records(catalogue: Catalogue, facet: Facet) -> tuple[FacetRecord, ...]:
    tables: dict[Facet, tuple[FacetRecord, ...]] = {
        Facet.expert: catalogue.experts,
        Facet.theme: catalogue.themes,
        Facet.region: catalogue.regions,
        Facet.source: catalogue.sources,
    }
    return tables[facet]


def _other_names(record: FacetRecord) -> list[str]:
    # a source is named by its titles, as the others by their names and aliases
    if isinstance(record, Source):
        return [record.title, record.title_en]
    return [value for _, value in other_names(record)]


def names(catalogue: Catalogue, facet: Facet) -> dict[str, str]:
    """Every name a user may type for a facet value (as name_key compares it) -> its id."""
    records = _records(catalogue, facet)
    # ids go in first so that an id always wins over another record's name or alias
    lookup = {name_key(record.id): record.id for record in records}
    for record in records:
        for value in _other_names(record):
            lookup.setdefault(name_key(value), record.id)
    return lookup


# What separates the names of a list: a comma, or the full-width and enumeration commas of
# Chinese (北京，天津 or 北京、天津), each made a comma to split at. (Not a regular expression:
# one of these characters took a quarter of a millisecond of every run to compile.)
_COMMAS = str.maketrans({"，": ",", "、": ","})


def resolve(catalogue: Catalogue, facet: Facet, values: Iterable[str]) -> frozenset[str]:
    """Ids for names given on the command line; repeated flags and comma lists both mean OR."""
    values = list(values)
    if not values:
        return frozenset()
    lookup = names(catalogue, facet)
    resolved: set[str] = set()
    for given in values:
        # a name may hold a comma itself ("Strengthening, supplementing and extending chains")
        whole = name_key(given)
        parts = [given] if whole in lookup else given.translate(_COMMAS).split(",")
        named = [part.strip() for part in parts if part.strip()]
        if not named:  # "", " , ": a filter that names nothing is a mistake, not no filter
            raise EmptyName(facet)
        resolved.update(_resolve_one(catalogue, facet, lookup, value) for value in named)
    return frozenset(resolved)


def _resolve_one(catalogue: Catalogue, facet: Facet, lookup: Mapping[str, str], value: str) -> str:
    key = name_key(value)
    if key in lookup:
        return lookup[key]
    also = ""
    for other in Facet:  # 产业链 given as a region: say what it is
        elsewhere = names(catalogue, other) if other is not facet else {}
        if key in elsewhere:
            also = _("It names the {what} '{id}': filter by {facet}.").format(
                what=_(FACET_NOUNS[other.value]), id=elsewhere[key], facet=other.value
            )
    suggested = _suggest(key, lookup)
    known = listed([record.id for record in _records(catalogue, facet)])
    if also:
        valid = ""
    elif known:
        valid = _("Valid values: {ids}.").format(ids=known)
    else:
        valid = _("The catalogue has none yet.")
    raise UnknownName(facet.value, value, suggested, valid, also)


# At most this many ids are suggested for a name that matches nothing.
SUGGESTIONS = 5


def _suggest(key: str, lookup: Mapping[str, str]) -> list[str]:
    """The ids whose names come closest to a name_key that matches none: first those whose
    names contain it or are contained in it (雄安市 and 雄安, 链 and 产业链: Chinese words are
    typed longer or shorter, rarely misspelt), then those a few edits away (ye-tangln)."""

    def telling(part: str) -> bool:
        # one Chinese character says something (链); one or two Latin letters are in every name
        return len(part) >= 3 or has_chinese(part)

    # a one-character name (京, 津, 冀) is inside, or an edit away from, too many others:
    # 南京 is not Beijing; but two letters that are a whole part of an id (ye) say which
    containing = [
        name
        for name in lookup
        if (key in name and telling(key))
        or (name in key and len(name) > 1 and telling(name))
        or (key in name.split() and name == name_key(lookup[name]))
    ]
    containing.sort(key=lambda name: -difflib.SequenceMatcher(None, key, name).ratio())
    close = difflib.get_close_matches(
        key, [name for name in lookup if len(name) > 1], n=SUGGESTIONS
    )
    return list(dict.fromkeys(lookup[name] for name in containing + close))[:SUGGESTIONS]


def descendants(catalogue: Catalogue, region_id: str) -> frozenset[str]:
    """The region and every region inside it, through parent and also_within links."""
    return frozenset({region_id, *reachable(region_id, catalogue.children)})


def containing(catalogue: Catalogue, region_id: str) -> frozenset[str]:
    """The region and every region it lies in, through parent and also_within links: those
    whose descendants hold it, and so whose filter selects an item naming it."""
    return frozenset({region_id, *reachable(region_id, catalogue.parents)})


def select_items(catalogue: Catalogue, selection: Selection) -> list[Item]:
    """Items matching the selection, in source order."""
    regions = frozenset().union(*(descendants(catalogue, r) for r in selection.regions))
    return [
        item
        for item in catalogue.items
        if selection.kind in (Kind.all, item.kind)
        and (not selection.experts or item.expert in selection.experts)
        and (not selection.themes or selection.themes.intersection(item.themes))
        and (not selection.regions or regions.intersection(item.regions))
        and (not selection.sources or item.source in selection.sources)
    ]


def only(facet: Facet, id: str, kind: Kind = Kind.all) -> Selection:
    """The selection `list --<facet> id --kind kind` makes."""
    return with_facet(Selection(kind=kind), facet, {id})


def with_facet(selection: Selection, facet: Facet, ids: Iterable[str]) -> Selection:
    """The selection with one facet's filter replaced, the other filters kept."""
    chosen = frozenset(ids)
    if facet is Facet.expert:
        return selection._replace(experts=chosen)
    if facet is Facet.theme:
        return selection._replace(themes=chosen)
    if facet is Facet.source:
        return selection._replace(sources=chosen)
    return selection._replace(regions=chosen)


def facet_values(
    catalogue: Catalogue, facet: Facet, selection: Selection
) -> tuple[FacetRecord, ...]:
    """A facet's values in catalogue order: those the selection names, or all of them."""
    chosen = getattr(selection, f"{facet.value}s")
    return tuple(r for r in _records(catalogue, facet) if not chosen or r.id in chosen)


def codebook(
    catalogue: Catalogue, facet: Facet, selection: Selection = Selection()
) -> list[tuple[Record, int]]:
    """Each value of a facet with the number of items `list` shows for it with the other filters.

    Faceted search: a value's count is the items matching the selection with this facet's own
    filter replaced by that value; the facet's own filter only picks which values are listed.
    """
    return [
        (record, len(select_items(catalogue, with_facet(selection, facet, {record.id}))))
        for record in facet_values(catalogue, facet, selection)
    ]


def select_figures(
    catalogue: Catalogue,
    experts: frozenset[str] = frozenset(),
    sources: frozenset[str] = frozenset(),
) -> list[Figure]:
    """Figures in catalogue order, optionally only those of some experts, of some sources."""
    return [
        f
        for f in catalogue.figures
        if (not experts or f.expert in experts) and (not sources or f.source in sources)
    ]


def find(catalogue: Catalogue, ref: str, among: tuple[type, ...] = ()) -> Record:
    """The record with this id; failing that, the expert, theme or region with this name, or
    the record whose id this is in another case. When none is, the suggestions are of the
    kinds of record `among` names (all kinds if none): `jjj source` wants an item."""
    if ref in catalogue.by_id:
        return catalogue.by_id[ref]
    if not ref.strip():
        raise QueryError(_("an empty id: give an id or a name"))
    key = name_key(ref)
    # every id and every name, an id winning over another record's name
    everything = every_name(catalogue)
    everything.update((name_key(id), id) for id in catalogue.by_id)
    if key in everything:
        return catalogue.by_id[everything[key]]
    raise unknown_id(ref, everything, lambda id: type(catalogue.by_id[id]), among)


def every_name(catalogue: Catalogue) -> dict[str, str]:
    """The names of every facet's values (as name_key compares them) -> their ids, the
    expert's first where two facets share a name: what `find` knows besides the ids."""
    lookups = [names(catalogue, facet) for facet in Facet]
    return {name: id for lookup in reversed(lookups) for name, id in lookup.items()}


def unknown_id(
    ref: str, everything: Mapping[str, str], kind_of: Callable[[str], type], among: tuple[type, ...]
) -> UnknownName:
    """What `find` raises for a ref that is no id or name of `everything` (name_key -> id):
    the ids close to it, of the kinds `among` names (`kind_of`: an id's kind of record)."""
    wanted = {
        name: id for name, id in everything.items() if not among or issubclass(kind_of(id), among)
    }
    suggested = _suggest(name_key(ref), wanted)
    return UnknownName("id", ref, suggested, _("No id or name is close."), among=among)


def describe(catalogue: Catalogue, ref: str, kind: Kind = Kind.all) -> View:
    """Everything `show` displays for a record: the record with its items (of `kind`, for an
    expert, a theme or a region), figures or links."""
    record = find(catalogue, ref)
    if isinstance(record, Expert):
        items = select_items(catalogue, only(Facet.expert, record.id, kind))
        figures = select_figures(catalogue, frozenset({record.id}))
        appearances = catalogue.appearing.get(record.id, ())
        return ExpertView(record, tuple(items), tuple(figures), appearances)
    if isinstance(record, Theme):
        return ThemeView(record, tuple(select_items(catalogue, only(Facet.theme, record.id, kind))))
    if isinstance(record, Region):
        inside = catalogue.children.get(record.id, ())
        children = tuple(region for region in catalogue.regions if region.id in inside)
        items = select_items(catalogue, only(Facet.region, record.id, kind))
        return RegionView(record, children, tuple(items))
    if isinstance(record, Item):
        related = tuple((link, record_by_id(catalogue, link.id, Item)) for link in record.related)
        return ItemView(record, related)
    if isinstance(record, Source):
        own = [item for item in catalogue.items if item.source == record.id]
        counts = {kind: sum(item.kind == kind for item in own) for kind in KINDS}
        speaking = {
            expert
            for expert, appearances in catalogue.appearing.items()
            if any(appearance.source == record.id for appearance in appearances)
        }
        experts = tuple(expert for expert in catalogue.experts if expert.id in speaking)
        return SourceView(record, experts, counts, catalogue.shown_file(record))
    return record
