"""The SQLite export opened in Datasette, through Datasette's own test client: the search box
finds Chinese words and English ones, foreign keys show names, and the metadata `--metadata`
writes is read as Datasette reads it. What each answer should be is read from the
catalogue's TOML files (test_cite.records), not from jjj."""

import asyncio
import html
import json
import re
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from datasette.app import Datasette
from datasette.utils import tilde_encode

from jjj_cli.store import searchable

from .invoke import jjj, usage_error
from .paths import SHIPPED
from .test_cite import records

SHIPPED_TABLES = records(SHIPPED)
ITEMS = SHIPPED_TABLES["proposals"]
# the fields the search box searches
SEARCHED = ("title", "title_zh", "summary", "summary_zh", "quote")


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path]:
    """The shipped catalogue's export, every item, and its metadata."""
    directory = tmp_path_factory.mktemp("datasette")
    database, metadata = directory / "jjj.db", directory / "metadata.json"
    result = jjj(
        "export", "--kind", "all", "-o", str(database), "--metadata", str(metadata),
        catalogue=SHIPPED,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return database, metadata


def get(database: Path, path: str, metadata: dict[str, Any] | None = None) -> Any:
    """What Datasette answers for `path` on the database (with the metadata given, if any)."""

    async def fetch() -> Any:
        datasette = Datasette([str(database)], metadata=metadata)
        response = await datasette.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response

    return asyncio.run(fetch())


def searched(database: Path, query: str) -> set[str]:
    """The ids that Datasette's search box finds for the query on the items' table."""
    rows = get(database, f"/jjj/proposals.json?_search={quote(query)}&_shape=array&_size=max")
    return {row["id"] for row in rows.json()}


def containing(*words: str) -> set[str]:
    """The items each of whose words stands in one of their searched fields, as a substring."""
    return {
        item["id"]
        for item in ITEMS
        if all(any(word in item[field] for field in SEARCHED) for word in words)
    }


def with_word(forms: set[str]) -> set[str]:
    """The items one of whose searched fields has one of these English words, in any case."""
    return {
        item["id"]
        for item in ITEMS
        if any(
            word.lower() in forms
            for field in SEARCHED
            for word in re.findall(r"[A-Za-z]+", item[field])
        )
    }


def test_datasette_detects_the_search_index_for_the_items(exported):
    database, _ = exported
    tables = {table["name"]: table for table in get(database, "/jjj.json").json()["tables"]}
    assert tables["proposals"]["fts_table"] == searchable.SEARCH_INDEX
    # the index and jjj's own are kept out of the list of tables a reader browses
    assert tables[searchable.SEARCH_INDEX]["hidden"]
    assert tables["proposals_fts"]["hidden"]


def test_the_search_index_is_sound_and_left_to_merge_as_fts5_does(exported):
    # written with FTS5's merging held off, it is whole (its integrity-check raises on an index
    # that is not) and leaves the setting at FTS5's default, 4, for whoever writes next
    database, _ = exported
    connection = sqlite3.connect(database)
    try:
        connection.execute(
            "INSERT INTO proposals_search (proposals_search) VALUES ('integrity-check')"
        )
        automerge = "SELECT v FROM proposals_search_config WHERE k = 'automerge'"
        assert connection.execute(automerge).fetchall() == [(4,)]
    finally:
        connection.close()


# Chinese words of 1 to 4 characters, as a reader types them into the search box
@pytest.mark.parametrize("word", ["雄安", "京津冀", "河北", "北京", "协同发展", "产业链", "京"])
def test_the_search_box_finds_every_item_holding_a_chinese_word_and_no_other(exported, word):
    database, _ = exported
    expected = containing(word)
    assert expected, f"no item holds {word}: the case tests nothing"
    assert searched(database, word) == expected


def test_an_export_from_the_catalogue_as_read_has_the_same_search(tmp_path, monkeypatch):
    # without the cache, the export is written from the catalogue the loader returned
    monkeypatch.setenv("JJJ_NO_CACHE", "1")
    database = tmp_path / "jjj.db"
    result = jjj("export", "--kind", "all", "-o", str(database), catalogue=SHIPPED)
    assert result.exit_code == 0, result.output
    for word in ("雄安", "协同发展"):
        assert searched(database, word) == containing(word)


def test_a_longer_chinese_query_split_with_spaces_finds_the_items_holding_each_part(exported):
    database, _ = exported
    expected = containing("京津冀", "协同发展")
    assert expected
    assert searched(database, "京津冀 协同发展") == expected


@pytest.mark.parametrize("word", ["cluster", "clusters", "Clusters"])
def test_an_english_word_finds_its_plural_and_singular(exported, word):
    database, _ = exported
    expected = with_word({"cluster", "clusters", "clustered", "clustering"})
    # the singular alone is in fewer items: the stem is what finds the others
    assert with_word({"cluster"}) < expected
    assert searched(database, word) == expected


@pytest.mark.parametrize(
    "query, found",
    [
        ("2017", True),
        ("年", True),
        ("京津冀", True),
        ("年京津", True),
        ("G20", True),
        ("峰会", True),
        ("冀G", False),  # a Chinese word and a Latin one are two words
        ("津京", False),
        ("京津冀G20峰会", False),  # longer than the pieces the index holds: one word
    ],
)
def test_chinese_next_to_digits_and_latin_letters(tmp_path, query, found):
    database = tmp_path / "jjj.db"
    connection = sqlite3.connect(database)
    try:
        columns = ", ".join(f"{field} TEXT" for field in SEARCHED)
        connection.execute(f"CREATE TABLE proposals (id TEXT PRIMARY KEY, {columns})")
        # fictional text
        connection.execute(
            "INSERT INTO proposals VALUES ('x', ?, '', '', '', '')", ("2017年京津冀G20峰会",)
        )
        searchable.create(connection)
        searchable.fill(connection)
        connection.commit()
    finally:
        connection.close()
    assert searched(database, query) == ({"x"} if found else set())


@pytest.mark.parametrize("with_metadata", [False, True])
def test_foreign_keys_show_the_names_of_experts_themes_regions_and_sources(exported, with_metadata):
    database, metadata_file = exported
    metadata = json.loads(metadata_file.read_text(encoding="utf-8")) if with_metadata else None
    names = {
        table: {row["id"]: row[label] for row in SHIPPED_TABLES[table]}
        for table, label in (
            ("experts", "name"),
            ("themes", "name"),
            ("regions", "name"),
            ("sources", "title"),
        )
    }
    # each link, and the table whose name it should show
    links = [
        ("proposals", "expert", "experts"),
        ("proposals", "source", "sources"),
        ("proposal_themes", "theme_id", "themes"),
        ("proposal_regions", "region_id", "regions"),
    ]
    for table, column, other in links:
        path = f"/jjj/{table}.json?_labels=on&_shape=array&_size=max"
        rows = get(database, path, metadata).json()
        assert rows, table
        for row in rows:
            cell = row[column]
            assert cell == {"value": cell["value"], "label": names[other][cell["value"]]}


def test_the_metadata_gives_every_column_of_every_table_a_description(exported):
    database, metadata_file = exported
    metadata = json.loads(metadata_file.read_text(encoding="utf-8"))
    described = metadata["databases"]["jjj"]["tables"]
    connection = sqlite3.connect(database)
    try:
        # what Datasette shows: every table and view but the full-text indexes' own
        listed = get(database, "/jjj.json").json()
        shown = {table["name"] for table in listed["tables"] if not table["hidden"]}
        shown |= {view["name"] for view in listed["views"]}
        assert set(described) == shown
        for table in shown:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            assert list(described[table]["columns"]) == columns, table
            assert all(described[table]["columns"].values()), table
            assert described[table]["description"], table
    finally:
        connection.close()
    # and Datasette shows them on the table's page, in its list of the columns
    page = get(database, "/jjj/proposals", metadata).text
    listed_there = re.findall(r"<dt>([^<]*)</dt><dd>([^<]*)</dd>", page)
    assert {column: html.unescape(text) for column, text in listed_there} == described["proposals"][
        "columns"
    ]


def test_the_metadata_names_the_sources_and_leaves_the_licence_to_the_user(exported):
    _, metadata_file = exported
    metadata = json.loads(metadata_file.read_text(encoding="utf-8"))
    sources = SHIPPED_TABLES["sources"]
    assert metadata["source"] == "; ".join(f"{s['title']} ({s['title_en']})" for s in sources)
    assert metadata["license"] == metadata["license_url"] == ""
    assert metadata["title"] and metadata["description"]


def test_the_metadata_opens_the_items_faceted_by_expert_and_kind(exported):
    database, metadata_file = exported
    metadata = json.loads(metadata_file.read_text(encoding="utf-8"))
    answer = get(database, "/jjj/proposals.json?_size=0&_labels=on", metadata).json()
    facets = answer["facet_results"]
    assert set(facets) == {"expert", "kind"}
    experts = {row["id"]: row["name"] for row in SHIPPED_TABLES["experts"]}
    by_expert = {
        (result["value"], result["label"], result["count"])
        for result in facets["expert"]["results"]
    }
    assert by_expert == {
        (id, experts[id], sum(item["expert"] == id for item in ITEMS))
        for id in {item["expert"] for item in ITEMS}
    }
    by_kind = {(result["value"], result["count"]) for result in facets["kind"]["results"]}
    assert by_kind == {
        (kind, sum(item["kind"] == kind for item in ITEMS))
        for kind in {item["kind"] for item in ITEMS}
    }
    # themes are a facet of their links, each theme counted with its name
    themes = {row["id"]: row["name"] for row in SHIPPED_TABLES["themes"]}
    answer = get(database, "/jjj/proposal_themes.json?_size=0&_labels=on", metadata).json()
    counted = {
        (r["value"], r["label"], r["count"]) for r in answer["facet_results"]["theme_id"]["results"]
    }
    assert counted == {
        (id, themes[id], sum(id in item["themes"] for item in ITEMS))
        for id in {theme for item in ITEMS for theme in item["themes"]}
    }


def test_the_metadata_is_for_the_database_name_datasette_gives_the_file(tmp_path):
    database, metadata_file = tmp_path / "roundtable.2021.sqlite3", tmp_path / "m.json"
    result = jjj(
        "export", "--kind", "all", "-o", str(database), "--metadata", str(metadata_file),
        catalogue=SHIPPED,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    metadata = json.loads(metadata_file.read_text(encoding="utf-8"))
    assert list(metadata["databases"]) == ["roundtable.2021"]
    # the route of a name with a dot in it, as Datasette writes it
    route = tilde_encode("roundtable.2021")
    answer = get(database, f"/{route}/proposals.json?_size=0", metadata).json()
    assert set(answer["facet_results"]) == {"expert", "kind"}


def test_metadata_is_only_for_sqlite_a_usage_error(tmp_path):
    metadata = tmp_path / "m.json"
    result = jjj("export", "--format", "csv", "-o", str(tmp_path / "a.csv"), "--metadata",
                 str(metadata))  # fmt: skip
    assert result.exit_code == 2
    assert (
        usage_error(result.stderr) == "Invalid value for '--metadata': not for csv, only for sqlite"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_metadata_file_writes_neither_file(tmp_path):
    database = tmp_path / "jjj.db"
    result = jjj("export", "-o", str(database), "--metadata", str(tmp_path / "no" / "m.json"))
    assert result.exit_code == 3
    assert result.stderr.startswith(f"Error: cannot write {tmp_path / 'no' / 'm.json'}: ")
    assert len(result.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_an_existing_metadata_file_is_kept_without_force(tmp_path):
    database, metadata = tmp_path / "jjj.db", tmp_path / "m.json"
    metadata.write_text("mine", encoding="utf-8")
    result = jjj("export", "-o", str(database), "--metadata", str(metadata))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {metadata} already exists; use --force to overwrite it\n"
    assert metadata.read_text(encoding="utf-8") == "mine"
    assert sorted(tmp_path.iterdir()) == [metadata]
    result = jjj("export", "-o", str(database), "--metadata", str(metadata), "--force")
    assert result.exit_code == 0, result.output
    assert list(json.loads(metadata.read_text(encoding="utf-8"))["databases"]) == ["jjj"]


def test_an_existing_database_is_kept_and_no_metadata_written_without_force(tmp_path):
    database, metadata = tmp_path / "jjj.db", tmp_path / "m.json"
    database.write_text("mine", encoding="utf-8")
    result = jjj("export", "-o", str(database), "--metadata", str(metadata))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {database} already exists; use --force to overwrite it\n"
    assert database.read_text(encoding="utf-8") == "mine"
    assert sorted(tmp_path.iterdir()) == [database]


def test_metadata_into_the_database_file_is_a_usage_error(tmp_path):
    database = tmp_path / "jjj.db"
    result = jjj("export", "-o", str(database), "--metadata", str(database))
    assert result.exit_code == 2
    assert (
        usage_error(result.stderr)
        == "Invalid value for '--metadata': names the -o file: give another"
    )
    assert list(tmp_path.iterdir()) == []
