"""The compiled catalogue, open: questions answered with SQL, reading only what the answer needs.

Every answer is the one query.py gives on the whole catalogue (query.select_items, codebook,
find and describe stay the reference, and the library's API): tests/test_store.py compares
them on random catalogues and on the shipped one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..catalogue import (
    ITEMS_TABLE,
    KINDS,
    Appearance,
    Catalogue,
    Coding,
    Expert,
    Figure,
    Item,
    Region,
    Related,
    Rule,
    Source,
    Theme,
    name_key,
)
from ..catalogue.model import Include
from ..language import _
from ..query import (
    ExpertView,
    Facet,
    FacetRecord,
    ItemView,
    Kind,
    NotAnItem,
    QueryError,
    Record,
    RegionView,
    Selection,
    SourceView,
    ThemeView,
    View,
    every_name,
    facet_values,
    only,
    unknown_id,
)
from .schema import ITEM_COLUMN, REGION_LINKS, REGION_WITHIN, RELATED_LINKS, THEME_LINKS
from .sealed import unseal

if TYPE_CHECKING:  # a search imports them; a listing need not
    from ..explore.fulltext import Brief, Found, Hit


class Damaged(ValueError):
    """The database is not the compiled catalogue it says it is (a count or checksum is off)."""


def where(selection: Selection, without: Facet | None = None) -> tuple[str, list[str]]:
    """The selection as SQL: the condition on `p` (jjj_facets, or `proposals`, whose rowids
    and columns kind, expert and source are the same) and its parameters. Any id of a facet
    matches (OR), the facets all (AND), a region through the regions inside it; the facet
    `without` is left out (a codebook counts by it)."""
    clauses, parameters = [], []
    if selection.kind is not Kind.all:
        clauses.append("p.kind = ?")
        parameters.append(Kind(selection.kind).value)

    def any_of(ids: frozenset[str], clause: str) -> None:
        if ids:
            clauses.append(clause.format(", ".join("?" * len(ids))))
            parameters.extend(sorted(ids))

    if without is not Facet.expert:
        any_of(selection.experts, "p.expert IN ({})")
    if without is not Facet.source:
        any_of(selection.sources, "p.source IN ({})")
    if without is not Facet.theme:
        any_of(
            selection.themes,
            "p.rowid IN (SELECT item FROM jjj_item_themes WHERE theme_id IN ({}))",
        )
    if without is not Facet.region:
        any_of(
            selection.regions,
            f"p.rowid IN (SELECT l.item FROM {REGION_WITHIN} AS w JOIN jjj_item_regions AS l "
            "ON l.region_id = w.region_id WHERE w.within_id IN ({}))",
        )
    return " AND ".join(clauses) or "1", parameters


# How a codebook counts the items by each value of a facet (given the condition on `p`).
_COUNTS = {
    Facet.expert: "SELECT p.expert, count(*) FROM jjj_facets AS p WHERE {} GROUP BY 1",
    Facet.source: "SELECT p.source, count(*) FROM jjj_facets AS p WHERE {} GROUP BY 1",
    Facet.theme: (
        "SELECT l.theme_id, count(*) FROM jjj_facets AS p "
        "JOIN jjj_item_themes AS l ON l.item = p.rowid WHERE {} GROUP BY 1"
    ),
    Facet.region: (
        "SELECT w.within_id, count(DISTINCT p.rowid) FROM jjj_facets AS p "
        "JOIN jjj_item_regions AS l ON l.item = p.rowid "
        f"JOIN {REGION_WITHIN} AS w ON w.region_id = l.region_id WHERE {{}} GROUP BY 1"
    ),
}
# What a search reads of the items it may find (the selection's condition on `p` given): the
# brief, then the searched fields of the export's columns, in FIELD_WEIGHTS' order.
_SEARCHED = (
    "SELECT p.id, p.kind, p.expert, p.title, p.title_zh, p.summary, p.summary_zh, p.quote, "
    f"p.themes, p.regions FROM {ITEMS_TABLE} AS p WHERE {{condition}} ORDER BY p.rowid"
)
# Ids in one `IN (...)`: within SQLite's oldest limit of parameters to a statement (999).
_BATCH = 500
# The items of a selection, in the catalogue's order: the column of jjj_items or jjj_listed.
_SELECTED = (
    "SELECT i.{column} FROM jjj_facets AS p JOIN {table} AS i ON i.rowid = p.rowid "
    "WHERE {condition} ORDER BY p.rowid"
)


class Compiled:
    """A handle on an open compiled catalogue (cache.open_compiled gives one).

    `head` is the catalogue but its items and figures (which stay in the database): what a
    run needs to resolve the names on its command line. Opening checks what it reads: a
    database that is not whole raises sqlite3.DatabaseError, or Damaged or another ValueError
    (a sealed value that fails its checksum).
    """

    def __init__(
        self, connection: sqlite3.Connection, path: Path, loaded: Catalogue | None = None
    ) -> None:
        self.connection = connection
        self.path = Path(path)  # the catalogue's entry file
        self._loaded = loaded  # the catalogue itself, when this run has just loaded it
        (meta,) = connection.execute("SELECT meta FROM jjj_meta").fetchone()
        self.meta: dict[str, Any] = unseal(meta)
        (last,) = connection.execute("SELECT max(rowid) FROM jjj_items").fetchone()
        if (last or 0) != self.meta["items"]:
            raise Damaged("the compiled catalogue is not whole")
        (head,) = connection.execute("SELECT head FROM jjj_head").fetchone()
        self.head = _decode_head(unseal(head), self.path, _Texts(connection))

    # --- items ---------------------------------------------------------------------------

    def select(self, selection: Selection) -> Iterator[Item]:
        """The items matching the selection, in source order (query.select_items)."""
        condition, parameters = where(selection)
        query = _SELECTED.format(column="record", table="jjj_items", condition=condition)
        return (_item(record) for (record,) in self.connection.execute(query, parameters))

    def item_ids(self, selection: Selection) -> Iterator[str]:
        """The ids of the items matching the selection, in source order, and nothing else of
        them (the matrix counts them)."""
        condition, parameters = where(selection)
        query = _SELECTED.format(column="id", table="jjj_items", condition=condition)
        return (id for (id,) in self.connection.execute(query, parameters))

    def search(self, query: str, selection: Selection) -> list[tuple[Brief, Found]]:
        """The selected items a search for `query` finds, ranked (explore.fulltext.search),
        each in brief: only the candidates the full-text index names (store.fulltext), or
        every selected item where it cannot say, are read and checked by the matcher, and of
        each only what the search reads, from the export's columns. `hits` gives the items."""
        from ..explore.fulltext import rank_documents

        return rank_documents(query, self._searched(query, selection))

    def search_count(self, query: str, selection: Selection) -> int:
        """How many items the same search finds, read as it reads them, not ranked."""
        from ..explore.fulltext import count_found

        return count_found(query, (fields for _, fields in self._searched(query, selection)))

    def _searched(self, query: str, selection: Selection) -> Iterator[tuple[Brief, dict[str, str]]]:
        """Each item a search may find, in source order: in brief, and the text of each of
        its searched fields (explore.fulltext.search_fields)."""
        from ..explore.fulltext import Brief, names
        from ..render.records import LIST_SEPARATOR
        from . import fulltext

        condition, parameters = where(selection)
        among = fulltext.candidates(self.connection, query)
        if among is not None:
            condition += f" AND p.rowid IN ({among.sql})"
            parameters += among.parameters
        rows = self.connection.execute(_SEARCHED.format(condition=condition), parameters)

        @cache
        def named(ids: str, kind: type[Theme] | type[Region] | type[Expert]) -> str:
            # an item's list as the export's column holds it (render.export.csv_cell)
            return names(self.head, filter(None, ids.split(LIST_SEPARATOR)), kind)

        for id, kind, expert, title, title_zh, summary, summary_zh, quote, *lists in rows:
            themes, regions = lists
            fields = {
                "title": title,
                "title_zh": title_zh,
                "summary": summary,
                "summary_zh": summary_zh,
                "quote": quote,
                "theme": named(themes, Theme),
                "region": named(regions, Region),
                "expert": named(expert, Expert),
            }
            yield Brief(id, kind, expert, title, title_zh), fields

    def hits(self, found: Iterable[tuple[Brief, Found]]) -> Iterator[Hit]:
        """Each of a search's hits with its item, in the order given."""
        from ..explore.fulltext import Hit

        found = iter(found)
        while chunk := list(islice(found, _BATCH)):
            query = f"SELECT id, record FROM jjj_items WHERE id IN ({', '.join('?' * len(chunk))})"
            records = dict(self.connection.execute(query, [brief.id for brief, _ in chunk]))
            yield from (Hit(_item(records[brief.id]), *hit) for brief, hit in chunk)

    def listed(self, selection: Selection) -> Iterator[str]:
        """The same items, each as an element of `list --json`'s array (render.stream)."""
        condition, parameters = where(selection)
        query = _SELECTED.format(column="listed", table="jjj_listed", condition=condition)
        return (listed for (listed,) in self.connection.execute(query, parameters))

    def count(self, selection: Selection) -> int:
        """How many items match the selection."""
        condition, parameters = where(selection)
        query = f"SELECT count(*) FROM jjj_facets AS p WHERE {condition}"
        (found,) = self.connection.execute(query, parameters).fetchone()
        return int(found)

    def item(self, id: str) -> Item | None:
        """The item with this id, if there is one."""
        found = self.connection.execute("SELECT record FROM jjj_items WHERE id = ?", (id,))
        row = found.fetchone()
        return _item(row[0]) if row else None

    def figures(
        self, experts: frozenset[str] = frozenset(), sources: frozenset[str] = frozenset()
    ) -> list[Figure]:
        """Figures in catalogue order, only those of some experts, of some sources if given
        (query.select_figures)."""
        condition, parameters = _figure_where(experts, sources)
        query = (
            "SELECT j.record FROM figures AS f JOIN jjj_figures AS j ON j.rowid = f.rowid "
            f"WHERE {condition} ORDER BY f.rowid"
        )
        return [_figure(record) for (record,) in self.connection.execute(query, parameters)]

    def codebook(
        self, facet: Facet, selection: Selection = Selection()
    ) -> list[tuple[FacetRecord, int]]:
        """Each value of a facet with the number of items `list` shows for it with the other
        filters (query.codebook)."""
        condition, parameters = where(selection, without=facet)
        counts = dict(self.connection.execute(_COUNTS[facet].format(condition), parameters))
        return [
            (record, counts.get(record.id, 0))
            for record in facet_values(self.head, facet, selection)
        ]

    def ids(self, table: str, start: str = "") -> list[str]:
        """The ids of the items (`table` "items") or figures ("figures") that begin with
        `start`, in catalogue order: what shell completion offers, without reading the rows."""
        found = self.connection.execute(
            f"SELECT id FROM jjj_{table} WHERE substr(id, 1, length(:start)) = :start "
            "ORDER BY rowid",
            {"start": start},
        )
        return [id for (id,) in found]

    # --- records by id or name -----------------------------------------------------------

    def find(self, ref: str, among: tuple[type, ...] = ()) -> Record:
        """The record with this id or name, as query.find finds it, or its error."""
        found = self._by_id(ref)
        if found is not None:
            return found
        if not ref.strip():
            raise QueryError(_("an empty id: give an id or a name"))
        key = name_key(ref)
        # an id wins over a name; of two ids alike but for case, the later table's (by_id)
        for table in ("jjj_figures", "jjj_items"):
            row = self.connection.execute(
                f"SELECT id FROM {table} WHERE key = ? ORDER BY rowid DESC LIMIT 1", (key,)
            ).fetchone()
            if row:
                return self._by_id(row[0]) or _missing(row[0])
        head_ids = {name_key(id): record for id, record in self.head.by_id.items()}
        if key in head_ids:
            return head_ids[key]
        names = every_name(self.head)
        if key in names:
            return self.head.by_id[names[key]]
        # an error: the suggestions come from every id, in the catalogue's order
        kinds: dict[str, type] = {id: type(record) for id, record in self.head.by_id.items()}
        for table, kind in (("jjj_items", Item), ("jjj_figures", Figure)):
            kinds.update(
                (id, kind)
                for (id,) in self.connection.execute(f"SELECT id FROM {table} ORDER BY rowid")
            )
        names.update((name_key(id), id) for id in kinds)
        raise unknown_id(ref, names, kinds.__getitem__, among)

    def describe(self, ref: str, kind: Kind = Kind.all) -> View:
        """Everything `show` displays for a record (query.describe)."""
        record = self.find(ref)
        if isinstance(record, Expert):
            items = tuple(self.select(only(Facet.expert, record.id, kind)))
            figures = tuple(self.figures(frozenset({record.id})))
            return ExpertView(record, items, figures, self.head.appearing.get(record.id, ()))
        if isinstance(record, Theme):
            return ThemeView(record, tuple(self.select(only(Facet.theme, record.id, kind))))
        if isinstance(record, Region):
            inside = self.head.children.get(record.id, ())
            children = tuple(region for region in self.head.regions if region.id in inside)
            items = tuple(self.select(only(Facet.region, record.id, kind)))
            return RegionView(record, children, items)
        if isinstance(record, Item):
            related = []
            for link in record.related:
                other = self.item(link.id)
                if other is None:
                    raise NotAnItem(link.id, self.find(link.id))
                related.append((link, other))
            return ItemView(record, tuple(related))
        if isinstance(record, Source):
            query = "SELECT kind, count(*) FROM jjj_facets WHERE source = ? GROUP BY kind"
            found = dict(self.connection.execute(query, (record.id,)))
            counts = {kind: found.get(kind, 0) for kind in KINDS}
            speaking = {
                expert
                for expert, appearances in self.head.appearing.items()
                if any(appearance.source == record.id for appearance in appearances)
            }
            experts = tuple(expert for expert in self.head.experts if expert.id in speaking)
            return SourceView(record, experts, counts, self.head.shown_file(record))
        return record

    def _by_id(self, id: str) -> Record | None:
        if id in self.head.by_id:
            return self.head.by_id[id]
        found = self.item(id)
        if found is not None:
            return found
        row = self.connection.execute(
            "SELECT record FROM jjj_figures WHERE id = ?", (id,)
        ).fetchone()
        return _figure(row[0]) if row else None

    def of_source(self, ref: str | None) -> Catalogue:
        """As much of the catalogue as `jjj source REF` reads: the head with the items and
        figures of the one source REF names (a source's id or title, an item's or a figure's
        id; with no REF, the catalogue's only source). A quote is placed among those of its
        own source alone, so it stands where it stands in the whole. The whole catalogue when
        REF names nothing so plainly: its answer, or its error, is then the whole's."""
        from ..explore import source_named

        record = None if ref is None else self._by_id(ref)
        if isinstance(record, (Item, Figure)):
            source: str | None = record.source
        elif isinstance(record, Source):
            source = record.id
        elif ref is not None:  # a source's title, or its id in another case, as `source` reads
            named = source_named(self.head, ref)
            source = named.id if named is not None else None
        elif len(self.head.sources) == 1:
            source = self.head.sources[0].id
        else:
            source = None
        if source is None:
            return self.catalogue()
        head = self.head
        return Catalogue(
            path=head.path,
            sources=head.sources,
            texts=head.texts,
            experts=head.experts,
            appearances=head.appearances,
            themes=head.themes,
            regions=head.regions,
            items=tuple(self.select(only(Facet.source, source))),
            figures=tuple(self.figures(sources=frozenset({source}))),
            files=head.files,
            includes=head.includes,
            coding=head.coding,
        )

    # --- everything ----------------------------------------------------------------------

    def catalogue(self) -> Catalogue:
        """The whole catalogue, items, figures and texts included: for the commands that read
        all of it, and the library."""
        if self._loaded is None:
            items = self.connection.execute("SELECT record FROM jjj_items ORDER BY rowid")
            figures = self.connection.execute("SELECT record FROM jjj_figures ORDER BY rowid")
            head = self.head
            self._loaded = Catalogue(
                path=head.path,
                sources=head.sources,
                texts=dict(head.texts),
                experts=head.experts,
                appearances=head.appearances,
                themes=head.themes,
                regions=head.regions,
                items=tuple(_item(record) for (record,) in items),
                figures=tuple(_figure(record) for (record,) in figures),
                files=head.files,
                includes=head.includes,
                coding=head.coding,
            )
        return self._loaded

    def export_sqlite(self, target: Path, selection: Selection) -> None:
        """Write the export of `export --format sqlite` into `target`, a new file: the
        codebooks and sources whole, the items of the selection and the figures of its experts
        and sources. Raises build.Unsupported when this SQLite has no FTS5."""
        from . import build, fulltext

        with build.export_database(target) as database:
            if not self._copy_into(target, selection):
                numbered = enumerate(self.select(selection), 1)  # the export's rowids
                fulltext.fill(database, self.head, numbered)

    def _copy_into(self, target: Path, selection: Selection) -> bool:
        """The rows of the export's tables, copied by SQL into the database at `target`; and
        its full-text index, where the export holds every item under its own rowid, as the
        index has it. Whether the index was copied: if not, the caller fills it."""
        from . import fulltext

        condition, parameters = where(selection)
        figure_condition, figure_parameters = _figure_where(selection.experts, selection.sources)
        chosen = f"SELECT id FROM export.{ITEMS_TABLE}"
        connection = self.connection
        connection.execute("ATTACH DATABASE ? AS export", (sqlite_uri(target, "rw"),))
        try:
            for table in ("sources", "experts", "appearances", "themes", "regions"):
                connection.execute(f"INSERT INTO export.{table} SELECT * FROM main.{table}")
            connection.execute(
                f"INSERT INTO export.{ITEMS_TABLE} SELECT p.* FROM main.{ITEMS_TABLE} AS p "
                f"WHERE {condition} ORDER BY p.rowid",
                parameters,
            )
            indexed = self._same_rowids("export") and fulltext.copy(connection, "main", "export")
            for table in (THEME_LINKS, REGION_LINKS, RELATED_LINKS):
                connection.execute(
                    f"INSERT INTO export.{table} SELECT * FROM main.{table} "
                    f"WHERE {ITEM_COLUMN} IN ({chosen}) ORDER BY rowid"
                )
            connection.execute(
                f"INSERT INTO export.{REGION_WITHIN} SELECT * FROM main.{REGION_WITHIN}"
            )
            connection.execute(
                "INSERT INTO export.figures SELECT f.* FROM main.figures AS f "
                f"WHERE {figure_condition} ORDER BY f.rowid",
                figure_parameters,
            )
            connection.commit()
        finally:
            connection.rollback()
            connection.execute("DETACH DATABASE export")
        return indexed

    def _same_rowids(self, schema: str) -> bool:
        """Whether the items of `proposals` in the database `schema` are this catalogue's
        every item, each under the rowid it has here."""
        (count,) = self.connection.execute(f"SELECT count(*) FROM main.{ITEMS_TABLE}").fetchone()
        (same,) = self.connection.execute(
            f"SELECT count(*) FROM {schema}.{ITEMS_TABLE} AS e JOIN main.{ITEMS_TABLE} AS m "
            "ON e.rowid = m.rowid AND e.id = m.id"
        ).fetchone()
        (copied,) = self.connection.execute(
            f"SELECT count(*) FROM {schema}.{ITEMS_TABLE}"
        ).fetchone()
        return bool(count == same == copied)


def _figure_where(experts: frozenset[str], sources: frozenset[str]) -> tuple[str, list[str]]:
    clauses, parameters = [], []
    for column, ids in (("expert", experts), ("source", sources)):
        if ids:
            clauses.append(f"f.{column} IN ({', '.join('?' * len(ids))})")
            parameters.extend(sorted(ids))
    return " AND ".join(clauses) or "1", parameters


def sqlite_uri(path: Path, mode: str) -> str:
    """An SQLite URI of a file: the characters a URI gives a meaning to, escaped."""
    escaped = str(Path(path).absolute())
    for char, code in (("%", "%25"), ("?", "%3f"), ("#", "%23")):
        escaped = escaped.replace(char, code)
    return f"file:{escaped}?mode={mode}"


def _missing(id: str) -> Record:
    raise Damaged(f"the compiled catalogue has no record {id!r}")


# Where an item's lists stand among its values (build._compact writes them in the model's order)
_THEMES, _REGIONS, _RELATED = map(Item._fields.index, ("themes", "regions", "related"))


def _decoded(record: str) -> Any:
    """An item's or a figure's record, as build._COMPACT wrote it: JSON, its module imported
    on first use, since a search or a listing as JSON reads no record (store/sealed.py says
    what that import costs a run)."""
    from json import loads

    return loads(record)


def _item(record: str) -> Item:
    values = _decoded(record)
    values[_THEMES], values[_REGIONS] = tuple(values[_THEMES]), tuple(values[_REGIONS])
    values[_RELATED] = tuple(Related(*link) for link in values[_RELATED])
    return Item(*values)


def _rules(rules: list[list[Any]]) -> tuple[Rule, ...]:
    """Coding rules as build.encode_head writes them: each a list of a Rule's values."""
    return tuple(
        Rule(rule, rule_zh, example, words, None if gives is None else tuple(gives))
        for rule, rule_zh, example, words, gives in rules
    )


def _figure(record: str) -> Figure:
    return Figure(*_decoded(record))


class _Texts(Mapping[str, str]):
    """The sources' texts, each read from the database when it is asked for."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def __getitem__(self, source: str) -> str:
        found = self._connection.execute("SELECT text FROM jjj_texts WHERE source = ?", (source,))
        row = found.fetchone()
        if row is None:
            raise KeyError(source)
        return str(row[0])

    def __iter__(self) -> Iterator[str]:
        return (
            source
            for (source,) in self._connection.execute("SELECT source FROM jjj_texts ORDER BY rowid")
        )

    def __len__(self) -> int:
        (count,) = self._connection.execute("SELECT count(*) FROM jjj_texts").fetchone()
        return int(count)


def _decode_head(data: dict[str, Any], path: Path, texts: Mapping[str, str]) -> Catalogue:
    """The catalogue but its items and figures, as build.encode_head wrote it."""
    base = path.parent

    def build(record_type: type, values: dict[str, Any]) -> Any:
        # encode_head writes the model's tuples, and nothing else, as lists
        return record_type(
            **{
                name: tuple(value) if isinstance(value, list) else value
                for name, value in values.items()
            }
        )

    sources = []
    for source in data["sources"]:
        source["path"] = base / source["path"]
        if source["date"] is not None:
            source["date"] = date.fromisoformat(source["date"])
        sources.append(Source(**source))
    head = Catalogue(
        path=path,
        sources=tuple(sources),
        texts=texts,
        experts=tuple(build(Expert, values) for values in data["experts"]),
        appearances=tuple(build(Appearance, values) for values in data["appearances"]),
        themes=tuple(
            build(
                Theme, {**values, **{name: _rules(values[name]) for name in ("include", "exclude")}}
            )
            for values in data["themes"]
        ),
        regions=tuple(build(Region, values) for values in data["regions"]),
        items=(),
        figures=(),
        files=tuple(base / file for file in data["files"]),
        includes=tuple(
            Include(base / file, pattern, tuple(base / each for each in matched))
            for file, matched, pattern in data["includes"]
        ),
        coding=Coding(**{facet: _rules(rules) for facet, rules in data["coding"].items()}),
    )
    # Catalogue.appearing counts the items and figures, which the head leaves out: it is the
    # whole catalogue's, as it was compiled (a cached_property keeps its value in __dict__)
    head.__dict__["appearing"] = {
        expert: tuple(Appearance(**values) for values in appearances)
        for expert, appearances in data["appearing"].items()
    }
    return head
