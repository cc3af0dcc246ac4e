"""The benchmark asks sqlite3 the questions it asks jjj: the SQL of benchmarks/sqlite_answers.py
finds, in jjj's export, the items jjj's library finds; and the bench's own plumbing (sizes on
its command line, targets, answers compared, work done in a process of its own)."""

import argparse
import json
import resource
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from jjj_cli.catalogue import load_catalogue
from jjj_cli.explore import search
from jjj_cli.query import Kind, Selection, descendants, select_items

from .invoke import jjj
from .paths import SHIPPED
from .test_benchmark_generator import bench  # noqa: F401  (a fixture)

# enough copies of the shipped items that every question has several answers
SIZE = 300


@pytest.fixture(scope="module")
def answers(bench):  # noqa: F811
    return sys.modules["sqlite_answers"]


@pytest.fixture(scope="module")
def generated(bench, tmp_path_factory):  # noqa: F811
    """A generated catalogue, and its export (`export --format sqlite --kind all`)."""
    directory = tmp_path_factory.mktemp("generated")
    path = bench.generate(SIZE, directory, SHIPPED)
    database = directory / "export.sqlite"
    result = jjj(
        "export", "--format", "sqlite", "--kind", "all", "-o", str(database), catalogue=path
    )
    assert result.exit_code == 0, result.output
    return load_catalogue(path), database


def _ids(database: Path, sql: str) -> list[str]:
    connection = sqlite3.connect(database)
    try:
        return [row[0] for row in connection.execute(f"SELECT id FROM ({sql})")]
    finally:
        connection.close()


def _copy(database: Path, directory: Path, name: str) -> Path:
    copy = directory / name
    shutil.copyfile(database, copy)
    return copy


def test_the_theme_question_finds_the_proposals_of_the_theme_in_order(answers, generated):
    catalogue, database = generated
    expected = [item.id for item in select_items(catalogue, Selection(themes={"clusters"}))]
    assert len(expected) > 10
    assert _ids(database, answers.theme_sql()) == expected


def test_the_region_question_finds_every_item_within_hebei_both_ways(answers, generated, tmp_path):
    catalogue, database = generated
    selection = Selection(regions={"hebei"}, kind=Kind.all)
    expected = [item.id for item in select_items(catalogue, selection)]
    # within Hebei only through also_within: Daxing airport's zone lies in Beijing and Langfang
    assert "zhao-three-tier-airports" in expected
    assert {item.kind for item in catalogue.items if item.id in expected} == {"proposal", "finding"}

    # without region_within: a recursive query over the regions' parent and also_within
    recursive = _copy(database, tmp_path, "recursive.sqlite")
    with sqlite3.connect(recursive) as connection:
        connection.execute("DROP TABLE IF EXISTS region_within")
        sql = answers.region_sql(connection)
    connection.close()
    assert "RECURSIVE" in sql
    assert _ids(recursive, sql) == expected

    # with it (made here from the library's descendants, if the export lacks it)
    within = _copy(database, tmp_path, "within.sqlite")
    with sqlite3.connect(within) as connection:
        if not answers.has_table(connection, "region_within"):
            connection.execute("CREATE TABLE region_within (region_id TEXT, within_id TEXT)")
            connection.executemany(
                "INSERT INTO region_within VALUES (?, ?)",
                [
                    (inner, region.id)
                    for region in catalogue.regions
                    for inner in descendants(catalogue, region.id)
                ],
            )
        sql = answers.region_sql(connection)
    connection.close()
    assert "region_within" in sql and "RECURSIVE" not in sql
    assert _ids(within, sql) == expected


def test_the_search_question_finds_the_proposals_jjj_search_finds(answers, generated):
    catalogue, database = generated
    expected = {hit.item.id for hit in search(catalogue, "雄安", Selection())}
    assert len(expected) > 2
    sql = answers.questions_sql(database)["search"]
    found = _ids(database, sql)
    assert sorted(found) == sorted(expected)


def _index(directory: Path, rows: dict[str, str]) -> sqlite3.Connection:
    """A database with a proposals table and a full-text index of it holding, for each id, the
    words given (split at spaces, as both forms of the index are)."""
    connection = sqlite3.connect(directory / "index.sqlite")
    connection.execute("CREATE TABLE proposals (id TEXT, kind TEXT)")
    connection.execute("CREATE VIRTUAL TABLE proposals_fts USING fts5 (text, content = '')")
    for rowid, (id, words) in enumerate(rows.items(), start=1):
        connection.execute(
            "INSERT INTO proposals (rowid, id, kind) VALUES (?, ?, ?)", [rowid, id, "proposal"]
        )
        connection.execute("INSERT INTO proposals_fts (rowid, text) VALUES (?, ?)", [rowid, words])
    connection.commit()
    return connection


def test_an_index_of_every_piece_of_a_chinese_run_is_asked_for_the_word(answers, tmp_path):
    connection = _index(
        tmp_path,
        {
            "new-area": "雄 雄安 雄安新 雄安新区 安 安新 安新区 新 新区 区",  # 雄安新区
            "apart": "英 英雄 雄 安 安全 全",  # 英雄 安全: 雄 and 安, not 雄安
        },
    )
    form = answers.search_form(connection)
    assert form.name == "every piece of a Chinese run"
    found = connection.execute(f"SELECT id FROM ({answers.search_sql(connection)})")
    assert [id for (id,) in found] == ["new-area"]


def test_an_index_of_chinese_characters_is_asked_for_them_side_by_side(answers, tmp_path):
    connection = _index(
        tmp_path,
        {
            "new-area": "雄 安 新 区",  # 雄安新区
            "reversed": "安 雄",  # 安雄
            "apart": "雄 伟 安 全",  # 雄伟 安全
        },
    )
    form = answers.search_form(connection)
    assert form.name == "a Chinese character a token"
    found = connection.execute(f"SELECT id FROM ({answers.search_sql(connection)})")
    assert [id for (id,) in found] == ["new-area"]


def test_an_index_of_another_form_is_named_not_guessed(answers, tmp_path):
    connection = _index(tmp_path, {"new-area": "雄安新 安新区"})  # trigrams
    with pytest.raises(answers.UnknownIndex, match="proposals_fts is of none of the forms"):
        answers.search_form(connection)


def test_the_text_indexed_is_every_searched_field_of_every_item(answers, generated):
    catalogue, database = generated
    themes = {theme.id: theme for theme in catalogue.themes}
    regions = {region.id: region for region in catalogue.regions}
    experts = {expert.id: expert for expert in catalogue.experts}
    expected = 0
    for item in catalogue.items:
        expert = experts[item.expert]
        fields = [item.title, item.title_zh, item.summary, item.summary_zh, item.quote]
        fields.append(" / ".join(f"{themes[t].name} {themes[t].name_zh}" for t in item.themes))
        fields.append(" / ".join(f"{regions[r].name} {regions[r].name_zh}" for r in item.regions))
        fields.append(f"{expert.name} {expert.name_zh}")
        expected += sum(len(field.encode()) for field in fields)
    assert answers.indexed_text_bytes(database) == expected


def test_the_text_searched_is_the_items_own_searched_fields(answers, generated):
    catalogue, database = generated
    expected = sum(
        len(text.encode())
        for item in catalogue.items
        for text in (item.title, item.title_zh, item.summary, item.summary_zh, item.quote)
    )
    assert answers.searched_text_bytes(database) == expected


def test_the_search_index_is_measured_by_its_own_pages(answers, generated):
    _, database = generated
    with sqlite3.connect(database) as connection:
        pages = connection.execute("SELECT name, pgsize FROM dbstat").fetchall()
    connection.close()
    # the index's tables: the virtual table's own entry and its shadow tables
    expected = sum(size for name, size in pages if name.startswith("proposals_search"))
    assert expected > 0
    assert answers.index_bytes(database, True, "proposals_search") == expected


def _schema_bytes(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        [(total,)] = connection.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name = 'sqlite_schema'"
        )
    connection.close()
    return total


def test_the_index_size_from_page_counts_is_the_size_dbstat_gives(answers, generated, tmp_path):
    _, database = generated
    vacuumed = tmp_path / "vacuumed.sqlite"
    with sqlite3.connect(database) as connection:
        connection.execute("VACUUM INTO ?", [str(vacuumed)])
    connection.close()
    by_dbstat = answers.index_bytes(vacuumed)
    assert 0 < by_dbstat < vacuumed.stat().st_size
    # page counts count the index's entries in the schema too
    without = _copy(vacuumed, tmp_path, "without.sqlite")
    with sqlite3.connect(without) as connection:
        connection.execute("DROP TABLE proposals_fts")
    connection.execute("VACUUM")
    connection.close()
    in_schema = _schema_bytes(vacuumed) - _schema_bytes(without)
    assert answers.index_bytes(vacuumed, dbstat=False) == by_dbstat + in_schema


def test_scale_sizes_are_a_comma_list_of_counts(bench):  # noqa: F811
    assert bench._sizes("1000,10000,100000") == [1000, 10000, 100000]
    assert bench._sizes("88") == [88]
    for wrong, said in [
        ("1k", "expected numbers of items"),
        ("1000,,10", "expected numbers of items"),
        ("100,0", "at least 1 item"),
    ]:
        with pytest.raises(argparse.ArgumentTypeError, match=said):
            bench._sizes(wrong)


def _timing(bench, seconds: float, peak: float):  # noqa: F811
    return bench.Timing(seconds, seconds, seconds, peak, seconds)


def test_a_result_says_each_target_and_whether_one_is_missed(bench):  # noqa: F811
    floor = _timing(bench, 0.2, 10)

    def result(seconds, peak):
        return bench.Result("q", 100_000, _timing(bench, seconds, peak), floor, 1.0, 0.6, 80)

    assert result(0.2, 79).targets == "≤ 1.0, < 600 ms, < 80 MiB"
    assert result(0.21, 79).targets == "≤ 1.0, < 600 ms, < 80 MiB (missed)"
    assert result(0.2, 80).targets == "≤ 1.0, < 600 ms, < 80 MiB (missed)"
    fast_floor = bench.Result("q", 1, _timing(bench, 0.6, 1), _timing(bench, 1, 1), 1.0, 0.6)
    assert fast_floor.targets == "≤ 1.0, < 600 ms (missed)"
    # without limits, as the older cases have it
    assert bench.Result("q", 1, floor, floor, 1.5).targets == "≤ 1.5"


def _printing(records) -> list[str]:
    """A command printing these records as a JSON array (extra arguments ignored)."""
    return [sys.executable, "-c", f"print({json.dumps(json.dumps(records))})"]


@pytest.mark.parametrize(
    ("ordered", "ours", "theirs", "expected"),
    [
        (True, ["a", "b"], ["a", "b"], (2, 2, True)),
        (True, ["a", "b"], ["b", "a"], (2, 2, False)),
        (False, ["a", "b"], ["b", "a"], (2, 2, True)),
        (False, ["a", "b"], ["a", "c"], (2, 2, False)),
        (False, ["a"], ["a", "a"], (1, 2, False)),
        (True, [], None, (0, 0, True)),  # sqlite3 -json prints nothing for no rows
    ],
)
def test_answers_are_compared_item_by_item(bench, ordered, ours, theirs, expected):  # noqa: F811
    question = sys.modules["sqlite_answers"].Question("q", (), ordered)
    mine = _printing([{"id": id, "other": 1} for id in ours])
    sqlite = (
        [sys.executable, "-c", "pass"]
        if theirs is None
        else _printing([{"id": id} for id in theirs])
    )
    assert bench.compare_answers(question, mine, {}, sqlite) == expected


def test_jjj_is_asked_for_json_when_its_question_has_no_json(bench, tmp_path):  # noqa: F811
    question = sys.modules["sqlite_answers"].Question("q", (), False)
    arguments = tmp_path / "arguments.json"
    echo = [
        sys.executable,
        "-c",
        f"import json, sys; json.dump(sys.argv[1:], open({str(arguments)!r}, 'w')); print('[]')",
    ]
    bench.compare_answers(question, [*echo, "search", "x"], {}, _printing([]))
    assert json.loads(arguments.read_text()) == ["search", "x", "--json"]
    bench.compare_answers(question, [*echo, "list", "--json"], {}, _printing([]))
    assert json.loads(arguments.read_text()) == ["list", "--json"]


def _hold(megabytes: int) -> int:
    held = b"x" * (megabytes * 1024 * 1024)  # written, so resident
    return len(held) // (1024 * 1024)


def _fail() -> None:
    raise ValueError("fictional failure")


def test_work_done_in_a_child_returns_its_answer_or_its_error(bench):  # noqa: F811
    # what the child holds is not the bench's: the bench's own peak does not grow by it
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert bench.in_child(_hold, 300) == 300
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024
    with pytest.raises(SystemExit, match="_fail: ValueError: fictional failure"):
        bench.in_child(_fail)
