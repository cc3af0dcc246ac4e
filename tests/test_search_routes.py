"""`jjj search` and the SQLite export's full-text index find the same items.

The index is read with sqlite3 alone, as a user of the export reads it, in the syntax
docs/export.md gives: a Chinese string as the phrase of its characters ("雄 安"), an English word
by its start with * ("cluster"*). Where the two differ by design, what docs/export.md promises
instead is checked.
"""

import json
import re
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jjj_cli.catalogue import load_catalogue
from jjj_cli.cli import app
from jjj_cli.explore import search
from jjj_cli.explore.fulltext import search_fields
from jjj_cli.query import Kind, Selection
from jjj_cli.store import fulltext

from .invoke import runner
from .paths import SHIPPED

ROOT = SHIPPED.parent.parent
SHIPPED_CATALOGUE = load_catalogue(SHIPPED)
MATCHING = """
SELECT p.id FROM proposals_fts JOIN proposals AS p ON p.rowid = proposals_fts.rowid
WHERE proposals_fts MATCH ?
"""
# What `jjj search` is asked, and the same question in the index's syntax, as docs/export.md
# says to write it: its examples, and a few more of the same kinds
QUERIES = {
    "free trade port": '"free"* "trade"* "port"*',
    '"free trade port"': '"free"* + "trade"* + "port"*',
    "雄安": '"雄 安"',
    "雄安新区": '"雄 安 新 区"',
    "自由贸易港": '"自 由 贸 易 港"',
    "京": '"京"',
    "technology transfer": "technology* transfer*",
    "cluster": "cluster*",
    "xiong": "Xiong*",
    "industrial transfer": "industrial* transfer*",
    '"industrial transfer"': '"industrial"* + "transfer"*',
    '"innovation chains"': '"innovation"* + "chains"*',
    "京津冀 clusters": '"京 津 冀" clusters*',
    "叶堂林": '"叶 堂 林"',
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "jjj.db"
    result = runner.invoke(
        app,
        ["--catalogue", str(SHIPPED), "export", "--format", "sqlite", "--kind", "all", "-o", path],
    )
    assert result.exit_code == 0, result.output
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def in_index(db: sqlite3.Connection, query: str) -> set[str]:
    return {row[0] for row in db.execute(MATCHING, (query,))}


def searched(query: str) -> set[str]:
    result = runner.invoke(
        app, ["--catalogue", str(SHIPPED), "search", query, "--kind", "all", "--json"]
    )
    assert result.exit_code == 0, result.output
    return {hit["id"] for hit in json.loads(result.stdout)}


def found(query: str) -> set[str]:
    return {hit.item.id for hit in search(SHIPPED_CATALOGUE, query, Selection(kind=Kind.all))}


@pytest.mark.parametrize("query, written", QUERIES.items())
def test_the_example_queries_find_the_same_items_both_ways(db, query, written):
    assert searched(query) == in_index(db, written)
    assert in_index(db, written)
    # what `jjj search` itself looks up finds the same: here, no item that does not match
    assert in_index(db, fulltext.match_expression(query)) == in_index(db, written)


def test_the_example_of_docs_export_runs_as_it_is(db):
    page = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    examples = re.findall(r"```sql\n(.*?)```", page, flags=re.DOTALL)
    [example] = [sql for sql in examples if "proposals_fts" in sql]
    rows = db.execute(example).fetchall()
    assert {row[0] for row in rows} == searched("雄安")
    ranks = [row[-1] for row in rows]
    assert ranks == sorted(ranks)  # best first: bm25 is lower for a better match


def test_the_index_query_syntax_reads_as_the_docs_say(db):
    # a column filter: the items whose quote holds the words
    quoted = {row[0] for row in db.execute("SELECT id FROM proposals WHERE quote LIKE '%雄安%'")}
    assert in_index(db, 'quote: "雄 安"') == quoted and quoted
    # OR: the items either query finds
    either = in_index(db, '"自 由 贸 易 港" OR cluster*')
    assert either == searched("自由贸易港") | searched("cluster")
    # the index holds words casefolded and the Chinese characters one by one: a run of them
    # written together is one word the index does not hold
    assert in_index(db, "CLUSTER*") == searched("cluster") and not in_index(db, "雄安")


def test_rank_weighs_the_items_own_text_above_the_names(db):
    ranked = [row[0] for row in db.execute(MATCHING + " ORDER BY rank", ("clusters",))]
    own = in_index(db, "{title title_zh summary summary_zh quote}: clusters")
    assert own and set(ranked) - own  # 'Industrial clusters' is also a theme's name
    assert set(ranked[: len(own)]) == own


def test_english_words_match_whole_in_the_index_and_by_their_start_in_search(db):
    assert in_index(db, "cluster") < searched("cluster") == in_index(db, "cluster*")


# Every English word and Chinese string of the text the index holds, as a user could query it
TEXTS = [
    text
    for item in SHIPPED_CATALOGUE.items
    for text in (item.title, item.title_zh, item.summary, item.summary_zh, item.quote)
] + [
    f"{entry.name} {entry.name_zh}"
    for entry in (*SHIPPED_CATALOGUE.themes, *SHIPPED_CATALOGUE.regions, *SHIPPED_CATALOGUE.experts)
]
ENGLISH_RUNS = sorted(
    {run for text in TEXTS for run in re.findall(r"[A-Za-z0-9]+(?:\W+[A-Za-z0-9]+)*", text)}
)
CHINESE_RUNS = sorted({run for text in TEXTS for run in re.findall(r"[\u4e00-\u9fff]+", text)})


@settings(max_examples=100, deadline=None)
@given(run=st.sampled_from(ENGLISH_RUNS), data=st.data())
def test_any_english_word_or_phrase_finds_the_same_items_with_a_star(db, run, data):
    words = re.findall(r"[A-Za-z0-9]+", run)
    start = data.draw(st.integers(0, len(words) - 1))
    phrase = words[start : start + data.draw(st.integers(1, 3))]
    # the index's own syntax: each word a prefix (*), joined as a phrase (+)
    prefixes = " + ".join(f'"{word}"*' for word in phrase)
    assert found(f'"{" ".join(phrase)}"') == in_index(db, prefixes)


@settings(max_examples=100, deadline=None)
@given(run=st.sampled_from(CHINESE_RUNS), data=st.data())
def test_any_chinese_string_is_found_by_the_phrase_of_its_characters(db, run, data):
    start = data.draw(st.integers(0, len(run) - 1))
    piece = run[start : start + data.draw(st.integers(1, 6))]
    hits, indexed = found(piece), in_index(db, '"' + " ".join(piece) + '"')
    assert hits <= indexed
    # the others hold it with punctuation inside, which the index skips (docs/export.md)
    across_punctuation = re.compile(r"[\W_]*".join(piece))
    for item in SHIPPED_CATALOGUE.items:
        if item.id in indexed - hits:
            texts = search_fields(SHIPPED_CATALOGUE, item).values()
            assert any(across_punctuation.search(text) for text in texts), item.id


def test_a_chinese_phrase_in_the_index_matches_across_punctuation(db):
    # the shipped summary_zh of zhao-transport-park-chains: 现代化都市圈，结合京雄、…
    assert "zhao-transport-park-chains" in in_index(db, '"都 市 圈 结 合"')
    assert "zhao-transport-park-chains" not in searched("都市圈结合")
    assert "zhao-transport-park-chains" in searched("都市圈，结合")


@pytest.mark.parametrize(
    "text, query",
    [
        ("在二〇二二年的规划中", "二〇二二"),  # made-up text; 〇 is the zero of a Chinese year
        ("刘䶮（虚构人物）说", "刘䶮"),  # 䶮 is in CJK Extension A
        ("虚构的𠀀字", "𠀀字"),  # Extension B
        ("虚构的豈字", "豈字"),  # a compatibility ideograph
    ],
)
def test_chinese_beyond_the_basic_block_is_a_word_of_the_index(text, query):
    # each of these characters must be a word of its own, as 雄 is
    connection = sqlite3.connect(":memory:")
    fulltext.create(connection)
    connection.execute(
        "INSERT INTO proposals_fts (rowid, quote) VALUES (1, ?)", (fulltext.indexed(text),)
    )
    written = '"' + " ".join(query) + '"'
    assert connection.execute(
        "SELECT rowid FROM proposals_fts WHERE proposals_fts MATCH ?", (written,)
    ).fetchall() == [(1,)]
