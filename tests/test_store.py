"""The compiled catalogue answers as query.py does on the whole catalogue: the same items in the
same order, the same counts, the same records found and errors raised; and its export holds
what the export of the catalogue itself holds.

The catalogues are drawn as model objects (fictional names, random region trees with parents
and also_within, themes with aliases, items with random kinds, tags and sources), and the
shipped catalogue is asked every single-valued question.
"""

import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jjj_cli.catalogue import (
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
    load_catalogue,
    name_key,
)
from jjj_cli.query import (
    Facet,
    Kind,
    QueryError,
    Selection,
    codebook,
    describe,
    find,
    names,
    only,
    select_figures,
    select_items,
)
from jjj_cli.render import records
from jjj_cli.render.stream import json_element
from jjj_cli.store import build, fulltext
from jjj_cli.store.build import compile_catalogue
from jjj_cli.store.compiled import Compiled
from jjj_cli.store.loaded import Loaded

from .paths import DATA, SHIPPED

TWO_SOURCES = DATA / "two-sources" / "catalogue.toml"

# Names are drawn from few letters, so that names, aliases and ids of different records meet.
NAMES = st.text("abAB -", min_size=1, max_size=4).filter(lambda name: name.strip())
PLACE = Path("fictional") / "catalogue.toml"


def compiled(catalogue: Catalogue) -> Compiled:
    """The catalogue compiled into memory, with nothing of it kept but the database."""
    connection = sqlite3.connect(":memory:")
    compile_catalogue(connection, catalogue, {})
    return Compiled(connection, catalogue.path)


def subset(ids: list[str], max_size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    """Distinct ids in a random order (a record's tags are in the order the curator wrote)."""
    if not ids:
        return st.just(())
    return st.lists(st.sampled_from(ids), unique=True, max_size=max_size).map(tuple)


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    source_ids = [f"source-{n}" for n in range(draw(st.integers(1, 3)))]
    sources = tuple(
        Source(
            id,
            draw(NAMES),
            draw(NAMES),
            f"sources/{id}.txt",
            "0" * 64,
            "zh",
            draw(st.sampled_from([None, "roundtable", "article"])),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            PLACE.parent / "sources" / f"{id}.txt",
        )
        for id in source_ids
    )
    expert_ids = [f"expert-{n}" for n in range(draw(st.integers(1, 3)))]
    experts = tuple(
        Expert(id, draw(NAMES), draw(NAMES), "A fictional institute", "虚构研究所", None)
        for id in expert_ids
    )
    theme_ids = [f"theme-{n}" for n in range(draw(st.integers(1, 4)))]
    themes = tuple(
        Theme(id, draw(NAMES), draw(NAMES), "A fictional theme.", draw(subset(["ab", "b a", "x"])))
        for id in theme_ids
    )
    # a region lies in regions drawn before it: a tree with extra links, never a cycle
    region_ids = [f"region-{n}" for n in range(draw(st.integers(1, 6)))]
    regions = []
    for index, id in enumerate(region_ids):
        earlier = region_ids[:index]
        parent = draw(st.none() | st.sampled_from(earlier)) if earlier else None
        others = [region for region in earlier if region != parent]
        also = draw(subset(others, 2))
        aliases = draw(subset(["ab", "a", "B b"], 2))
        regions.append(
            Region(id, draw(NAMES), draw(NAMES), aliases, "city", parent, also, None, False, None)
        )
    count = draw(st.integers(0, 12))
    item_ids = [f"item-{n}" for n in range(count)]
    items = tuple(
        Item(
            id,
            draw(st.sampled_from(KINDS)),
            draw(st.sampled_from(expert_ids)),
            n + 1,
            f"Fictional item {n}",
            f"虚构条目{n}",
            "A fictional summary.",
            "虚构摘要。",
            draw(subset(theme_ids)),
            draw(subset(region_ids)),
            f"虚构引文{n}",
            tuple(
                Related(other, draw(st.sampled_from(["echoes", "extends"])))
                for other in draw(subset([other for other in item_ids if other != id], 2))
            ),
            draw(st.sampled_from(source_ids)),
            draw(st.none() | st.just("A fictional note.")),
        )
        for n, id in enumerate(item_ids)
    )
    figures = tuple(
        Figure(
            f"figure-{n}",
            draw(st.sampled_from(expert_ids)),
            "Fictional indicator",
            "虚构指标",
            draw(st.integers(0, 100) | st.floats(0, 100, allow_nan=False)),
            "%",
            2020,
            draw(st.sampled_from(region_ids)),
            None,
            draw(st.none() | st.floats(0, 10, allow_nan=False)),
            "虚构数字",
            draw(st.sampled_from(source_ids)),
            None,
        )
        for n in range(draw(st.integers(0, 3)))
    )
    appearances = tuple(
        Appearance(expert, source, "A fictional headline", None, None, None, None)
        for expert, source in draw(
            st.lists(
                st.tuples(st.sampled_from(expert_ids), st.sampled_from(source_ids)),
                unique=True,
                max_size=3,
            )
        )
    )
    return Catalogue(
        path=PLACE,
        sources=sources,
        texts={id: f"虚构文本 {id}" for id in source_ids},
        experts=experts,
        appearances=appearances,
        themes=themes,
        regions=tuple(regions),
        items=items,
        figures=figures,
        files=(PLACE,),
    )


def selections(catalogue: Catalogue) -> st.SearchStrategy[Selection]:
    """Any filters of the catalogue's ids, and now and then an id it does not have."""

    def ids(records: tuple[Source | Expert | Theme | Region, ...]) -> st.SearchStrategy:
        known = [record.id for record in records]
        return st.frozensets(st.sampled_from([*known, "not-there"]), max_size=3)

    return st.builds(
        Selection,
        experts=ids(catalogue.experts),
        themes=ids(catalogue.themes),
        regions=ids(catalogue.regions),
        kind=st.sampled_from(list(Kind)),
        sources=ids(catalogue.sources),
    )


@st.composite
def questions(draw: st.DrawFn) -> tuple[Catalogue, Compiled, Selection]:
    catalogue = draw(catalogues())
    return catalogue, compiled(catalogue), draw(selections(catalogue))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(questions())
def test_the_items_selected_and_counted_are_the_references(question):
    catalogue, store, selection = question
    expected = select_items(catalogue, selection)
    assert list(store.select(selection)) == expected
    assert store.count(selection) == len(expected)
    assert list(store.listed(selection)) == [json_element(records.item(item)) for item in expected]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(questions(), st.sampled_from(list(Facet)))
def test_a_codebook_counts_as_the_reference(question, facet):
    catalogue, store, selection = question
    assert store.codebook(facet, selection) == codebook(catalogue, facet, selection)


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(questions())
def test_figures_and_the_whole_catalogue_come_back_as_they_went_in(question):
    catalogue, store, selection = question
    assert store.catalogue() == catalogue
    assert dict(store.head.texts) == dict(catalogue.texts)
    assert store.head.appearing == catalogue.appearing
    assert store.figures(selection.experts, selection.sources) == select_figures(
        catalogue, selection.experts, selection.sources
    )


def answer(ask, *args):
    """What a question gives: its answer, or its error's type, message and suggestions."""
    try:
        return ask(*args)
    except QueryError as error:
        return type(error), str(error), getattr(error, "suggestions", None)


def refs(catalogue: Catalogue, misspelt: int = 1) -> list[str]:
    """What a user may type for a record: every id and name, each also in upper case and with
    spaces for dashes; every `misspelt`th one a letter short or long; and nothing at all."""
    typed = [*catalogue.by_id, *(name for facet in Facet for name in names(catalogue, facet))]
    typed += [record.name for record in (*catalogue.experts, *catalogue.themes)]
    variants = [variant for ref in typed for variant in (ref.upper(), ref.replace("-", " "))]
    variants += [variant for ref in typed[::misspelt] for variant in (ref[1:], ref[:-1], ref + "x")]
    return list(dict.fromkeys([*typed, *variants, "", " ", "nothing-like-it"]))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues(), st.sampled_from(list(Kind)), st.sampled_from([(), (Item,), (Expert, Theme)]))
def test_records_are_found_and_described_as_the_reference_does(catalogue, kind, among):
    store = compiled(catalogue)
    for ref in refs(catalogue):
        assert answer(store.find, ref, among) == answer(find, catalogue, ref, among), ref
        assert answer(store.describe, ref, kind) == answer(describe, catalogue, ref, kind), ref


def tables(connection: sqlite3.Connection) -> dict[str, object]:
    """Every table's and view's definition and rows in rowid order (the full-text indexes'
    own tables aside: what they find is for the search's tests, and the export's alone has
    the one for Datasette)."""
    schema = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'proposals_fts%' "
        "AND name NOT LIKE 'proposals_search%' ORDER BY name"
    ).fetchall()
    rows = {
        name: connection.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall()
        for kind, name, _ in schema
        if kind == "table"
    }
    return {"schema": schema, **rows}


def index_words(connection: sqlite3.Connection, schema: str = "main") -> list[tuple[object, ...]]:
    """Every word the full-text index holds, with the row, column and place it holds it at,
    read through FTS5's own vocabulary table: two indexes that answer alike hold the same. The
    index is checked whole first (FTS5's integrity-check raises on a broken one)."""
    connection.execute(
        f"INSERT INTO {schema}.proposals_fts (proposals_fts) VALUES ('integrity-check')"
    )
    connection.execute(
        f"CREATE VIRTUAL TABLE temp.words USING fts5vocab({schema}, proposals_fts, instance)"
    )
    try:
        return connection.execute("SELECT * FROM temp.words ORDER BY 1, 2, 3, 4").fetchall()
    finally:
        connection.execute("DROP TABLE temp.words")


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(questions())
def test_the_export_copied_by_sql_holds_what_the_builder_writes(question):
    catalogue, store, selection = question
    items = select_items(catalogue, selection)
    figures = select_figures(catalogue, selection.experts, selection.sources)
    with tempfile.TemporaryDirectory() as directory:
        built, copied = Path(directory) / "built.db", Path(directory) / "copied.db"
        written = sqlite3.connect(built)  # the builder's own tables, filled directly
        assert build.create(written, internal=False)
        build.fill(written, catalogue, items, figures)
        written.commit()
        written.close()
        store.export_sqlite(copied, selection)
        first, second = sqlite3.connect(built), sqlite3.connect(copied)
        try:
            assert tables(second) == tables(first)
            names = {name for (name,) in second.execute("SELECT name FROM sqlite_master")}
            assert not any(name.startswith("jjj_") for name in names)
            assert "proposals_fts" in names
            assert index_words(second) == index_words(first)
        finally:
            first.close()
            second.close()


@pytest.mark.parametrize("path", [SHIPPED, TWO_SOURCES])
def test_an_export_of_every_item_copies_the_index_the_builder_would_write(path, monkeypatch):
    # every item under its own rowid: the index is copied, never filled (a fill would fail)
    catalogue = load_catalogue(path)
    store = compiled(catalogue)
    whole = Selection(kind=Kind.all)
    with tempfile.TemporaryDirectory() as directory:
        built, copied = Path(directory) / "built.db", Path(directory) / "copied.db"
        Loaded(catalogue).export_sqlite(built, whole)

        def fill(*args):
            raise AssertionError("the index of an export of every item is copied")

        monkeypatch.setattr(fulltext, "fill", fill)
        store.export_sqlite(copied, whole)
        first, second = sqlite3.connect(built), sqlite3.connect(copied)
        try:
            words = index_words(first)
            # the shipped words: 雄 of 雄安 is one, under an item's rowid
            assert len(words) > len(catalogue.items)
            assert index_words(second) == words
            ask = "SELECT rowid FROM proposals_fts WHERE proposals_fts MATCH ? ORDER BY rank"
            for query in ('"雄" + "安"', '"cluster"*', '"京" + "津" + "冀" AND "hebei"'):
                assert second.execute(ask, (query,)).fetchall() == (
                    first.execute(ask, (query,)).fetchall()
                ), query
        finally:
            first.close()
            second.close()


def test_an_index_that_cannot_be_copied_is_left_as_it_was():
    connection = sqlite3.connect(":memory:")
    connection.execute("ATTACH DATABASE ':memory:' AS other")
    connection.execute("ATTACH DATABASE ':memory:' AS unlike")
    for schema in ("main", "other"):
        fulltext.create(connection, schema)
    connection.execute("INSERT INTO main.proposals_fts (rowid, title) VALUES (1, 'fictional')")
    connection.execute("INSERT INTO other.proposals_fts (rowid, title) VALUES (7, 'untouched')")
    # an index declared otherwise (here, one column): its tables would read the copy wrongly
    connection.execute(
        "CREATE VIRTUAL TABLE unlike.proposals_fts USING fts5 (fictional, content = '')"
    )
    assert fulltext.copy(connection, "main", "unlike") is False
    # tables that refuse to be written, as SQLite's defensive mode makes them, after the
    # first of them was emptied: the copy is undone whole
    connection.execute(
        "CREATE TRIGGER other.refuse BEFORE INSERT ON proposals_fts_idx "
        "BEGIN SELECT RAISE(ABORT, 'refused (fictional)'); END"
    )
    before = index_words(connection, "other")
    assert before == [("untouched", 7, "title", 0)]
    assert fulltext.copy(connection, "main", "other") is False
    assert index_words(connection, "other") == before
    connection.execute("DROP TRIGGER other.refuse")
    assert fulltext.copy(connection, "main", "other") is True
    assert index_words(connection, "other") == index_words(connection, "main")
    assert index_words(connection, "main") == [("fictional", 1, "title", 0)]


def test_region_within_is_each_region_with_every_region_it_lies_in():
    # a tree written by hand: c in b (parent) and in a (also_within); b in a; d alone
    def region(id, parent=None, also=()):
        return Region(id, id, id, (), "city", parent, also, None, False, None)

    catalogue = Catalogue(
        path=PLACE,
        sources=(),
        texts={},
        experts=(),
        appearances=(),
        themes=(),
        regions=(region("a"), region("b", "a"), region("c", "b", ("d",)), region("d")),
        items=(),
        figures=(),
    )
    connection = sqlite3.connect(":memory:")
    compile_catalogue(connection, catalogue, {})
    pairs = set(connection.execute("SELECT region_id, within_id FROM region_within"))
    assert pairs == {
        ("a", "a"),
        ("b", "b"),
        ("b", "a"),
        ("c", "c"),
        ("c", "b"),
        ("c", "a"),
        ("c", "d"),
        ("d", "d"),
    }


# --- the shipped catalogue ---------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> tuple[Catalogue, Compiled]:
    catalogue = load_catalogue(SHIPPED)
    return catalogue, compiled(catalogue)


def single_filters(catalogue: Catalogue) -> list[Selection]:
    """Each value of each facet alone, under each kind; and no filter at all."""
    chosen = [Selection(kind=kind) for kind in Kind]
    for facet in Facet:
        for record in {
            Facet.expert: catalogue.experts,
            Facet.theme: catalogue.themes,
            Facet.region: catalogue.regions,
            Facet.source: catalogue.sources,
        }[facet]:
            chosen += [only(facet, record.id, kind) for kind in Kind]
    return chosen


def test_every_single_filter_of_the_shipped_catalogue(shipped):
    catalogue, store = shipped
    selections = single_filters(catalogue)
    assert len(selections) > 100
    for selection in selections:
        expected = select_items(catalogue, selection)
        assert [item.id for item in store.select(selection)] == [item.id for item in expected]
        assert store.count(selection) == len(expected), selection
        for facet in Facet:
            assert store.codebook(facet, selection) == codebook(catalogue, facet, selection)


def test_a_region_lists_the_items_of_the_places_in_it(shipped):
    # a fact of the shipped catalogue, read from its TOML by hand: items tagged xiongan are
    # among those of hebei, which Xiong'an lies in
    catalogue, store = shipped
    tagged = {item.id for item in catalogue.items if "xiongan" in item.regions}
    listed = {item.id for item in store.select(only(Facet.region, "hebei", Kind.all))}
    assert tagged and tagged <= listed


def test_every_id_and_name_of_the_shipped_catalogue_is_found_as_the_reference_finds_it(shipped):
    catalogue, store = shipped
    for ref in refs(catalogue, misspelt=10):
        assert answer(store.find, ref) == answer(find, catalogue, ref), ref
        assert answer(store.find, ref, (Item,)) == answer(find, catalogue, ref, (Item,)), ref


@pytest.mark.parametrize("kind", list(Kind))
def test_every_record_of_the_shipped_catalogue_is_described_as_the_reference_does(shipped, kind):
    catalogue, store = shipped
    for ref in catalogue.by_id:
        assert store.describe(ref, kind) == describe(catalogue, ref, kind), ref
    assert store.catalogue() == catalogue


def test_a_misspelt_id_gets_the_reference_suggestions(shipped):
    catalogue, store = shipped
    for ref in ("ye-tangln", "雄安市", "clusterz", "hebie", "zhao-free-trade"):
        assert answer(store.find, ref) == answer(find, catalogue, ref)
        assert isinstance(answer(store.find, ref), tuple)  # an error, with its suggestions


def test_names_are_compared_as_typed(shipped):
    # independent of the code: an id typed in upper case with spaces for its dashes
    catalogue, store = shipped
    item = catalogue.items[0]
    assert store.find(item.id.upper().replace("-", " ")) == item
    assert name_key(item.id.upper().replace("-", " ")) == item.id.replace("-", " ")


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(questions())
def test_a_loaded_catalogue_answers_as_the_compiled_one(question):
    # a run that has just loaded the catalogue answers from it while it is compiled apart
    catalogue, store, selection = question
    loaded = Loaded(catalogue)
    assert list(loaded.select(selection)) == list(store.select(selection))
    assert list(loaded.item_ids(selection)) == list(store.item_ids(selection))
    assert list(store.item_ids(selection)) == [
        item.id for item in select_items(catalogue, selection)
    ]
    assert loaded.count(selection) == store.count(selection)
    assert list(loaded.listed(selection)) == list(store.listed(selection))
    for facet in Facet:
        assert loaded.codebook(facet, selection) == store.codebook(facet, selection)
    assert loaded.figures(selection.experts) == store.figures(selection.experts)
    for table in ("items", "figures"):
        ids = [record.id for record in getattr(catalogue, table)]
        # the empty start, whole ids, their first letters, and pieces from within them
        starts = {"", "%", *ids, *(id[:1] for id in ids), *(id[1:3] for id in ids)}
        for start in starts:
            assert loaded.ids(table, start) == store.ids(table, start)
            assert loaded.ids(table, start) == [id for id in ids if id[: len(start)] == start]
    for item in catalogue.items:
        assert loaded.item(item.id) == store.item(item.id) == item
    assert loaded.item(catalogue.experts[0].id) is store.item(catalogue.experts[0].id) is None
    for ref in refs(catalogue, misspelt=3):
        assert answer(loaded.find, ref) == answer(store.find, ref), ref
        assert answer(loaded.describe, ref) == answer(store.describe, ref), ref
    assert loaded.catalogue() == store.catalogue()
    with tempfile.TemporaryDirectory() as directory:
        written, copied = Path(directory) / "loaded.db", Path(directory) / "compiled.db"
        loaded.export_sqlite(written, selection)
        store.export_sqlite(copied, selection)
        first, second = sqlite3.connect(written), sqlite3.connect(copied)
        try:
            assert tables(first) == tables(second)
            assert index_words(first) == index_words(second)
        finally:
            first.close()
            second.close()


def source_answers(catalogue: Catalogue, ref: str | None) -> object:
    """What `jjj source` shows for REF (an item's context, a whole source), or its error."""
    from jjj_cli.explore import full_source, source_context

    if ref is None:
        return answer(full_source, catalogue)
    return answer(source_context, catalogue, ref, 2), answer(full_source, catalogue, ref)


@pytest.mark.parametrize("path", [SHIPPED, TWO_SOURCES])
def test_a_source_is_shown_from_its_own_items_as_from_the_whole(path):
    whole = load_catalogue(path)
    store = compiled(whole)
    typed = [*whole.by_id, *(source.title for source in whole.sources), "ZHAO-HONG", "nowhere"]
    for ref in [None, *typed, *(id.upper() for id in whole.by_id)]:
        part = store.of_source(ref)
        assert source_answers(part, ref) == source_answers(whole, ref), ref
        if ref in whole.by_id and isinstance(whole.by_id[ref], (Item, Source)):
            assert len(part.items) < len(whole.items) or len(whole.sources) == 1, ref


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(questions(), st.sampled_from(list(Facet)), st.sampled_from(list(Facet)))
def test_the_matrix_graph_and_comparison_asked_of_the_store_are_the_references(question, a, b):
    from jjj_cli.explore import SameFacet, compare, graph, matrix

    catalogue, store, selection = question
    assert graph(store.head, selection, store.select) == graph(catalogue, selection)
    if a is not b:
        own = matrix(store.head, a, b, selection, store.item_ids)
        assert own == matrix(catalogue, a, b, selection)
    else:
        with pytest.raises(SameFacet):
            matrix(store.head, a, b, selection, store.item_ids)
    experts = [expert.id for expert in catalogue.experts]
    if len(experts) >= 2:
        expected = compare(catalogue, experts, selection)
        assert compare(store.head, experts, selection, store.select) == expected
