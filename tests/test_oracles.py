"""Answers checked against oracles written apart from jjj: the catalogue read with tomllib
(tests/independent.py), quotes found by removing layout and searching, the characters a
terminal must never be sent listed by hand, the committed schema tried on documents written
here. Each backs a test elsewhere whose expected value came from jjj's own code."""

import json
import re
import sqlite3
import sys

import jsonschema
import pytest

from jjj_cli.catalogue import load_catalogue, verify_quotes
from jjj_cli.query import Facet, Kind, Selection, select_items, with_facet

from .ids import joined
from .independent import items_for, read, source_texts, within, without_layout
from .invoke import jjj, ok_json, unstyled, written
from .paths import MINI, SHIPPED

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CATALOGUES = {"mini": MINI, "shipped": SHIPPED}
KINDS = ("proposal", "finding", "all")


# --- quotes: verbatim, as a reader would check by hand ----------------------------------------


def _quotes(path):
    tables = read(path)
    return [(row["id"], row["quote"], row["source"]) for row in tables["proposals"]] + [
        (row["id"], row["quote"], row["source"]) for row in tables["figures"]
    ]


def _absent(path):
    """The ids whose quote, its layout removed, is nowhere in its source's text so treated."""
    texts = {id: without_layout(text) for id, text in source_texts(path).items()}
    return [id for id, quote, source in _quotes(path) if without_layout(quote) not in texts[source]]


def test_every_shipped_quote_is_in_its_source_once_layout_is_removed():
    quotes = _quotes(SHIPPED)
    assert len(quotes) == len(read(SHIPPED)["proposals"]) + len(read(SHIPPED)["figures"]) > 0
    assert _absent(SHIPPED) == []


def _misquoted(catalogue_copy):
    """mini.toml with two items' quotes changed by one character, and one figure's: quotes a
    plain search does not find, beside the rest that it does."""
    text = MINI.read_text(encoding="utf-8")
    changes = {
        "北京的科技成果应当在河北转化落地。": "北京的科技成果应当在天津转化落地。",
        "交通是产业协同的骨架。": "交通是产业协同的血脉。",
    }
    for old, new in changes.items():
        assert f'quote = "{old}"' in text
        text = text.replace(f'quote = "{old}"', f'quote = "{new}"')
    figure = re.search(r'\[\[figures\]\][^\[]*?quote = "([^"]*)"', text)
    assert figure
    text = text.replace(f'quote = "{figure.group(1)}"', f'quote = "{figure.group(1)}（虚构）"', 1)
    return catalogue_copy(text)


def test_verify_misses_exactly_the_quotes_a_plain_search_misses(catalogue_copy):
    path = _misquoted(catalogue_copy)
    absent = _absent(path)
    assert len(absent) == 3  # the three changed: the oracle sees them
    checks = verify_quotes(load_catalogue(path, check_quotes=False))
    assert sorted(check.id for check in checks if not check.found) == sorted(absent)
    assert {check.id for check in checks} == {id for id, _, _ in _quotes(path)}
    result = jjj("verify", "--json", catalogue=path)
    assert result.exit_code == 1, result.output
    missing = json.loads(result.stdout)["missing"]
    assert sorted(entry["id"] for entry in missing) == sorted(absent)


def test_verify_finds_every_shipped_quote_a_plain_search_finds():
    checks = verify_quotes(load_catalogue(SHIPPED, check_quotes=False))
    assert {check.id for check in checks} == {id for id, _, _ in _quotes(SHIPPED)}
    assert all(check.found for check in checks)
    assert ok_json("verify", catalogue=SHIPPED)["missing"] == []


# --- facet counts: a loop over the TOML ------------------------------------------------------


@pytest.mark.parametrize("name", CATALOGUES)
@pytest.mark.parametrize("facet", ["expert", "theme", "region"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_codebook_counts_what_a_loop_over_the_toml_counts(name, facet, kind):
    tables = read(CATALOGUES[name])
    rows = ok_json(f"{facet}s", "--kind", kind, catalogue=CATALOGUES[name])
    # every record of the codebook, in the order the file declares them
    assert [row["id"] for row in rows] == [row["id"] for row in tables[f"{facet}s"]]
    for row in rows:
        expected = items_for(tables, kind, **{facet: row["id"]})
        assert row["count"] == len(expected), (facet, row["id"], kind)


@pytest.mark.parametrize("name", CATALOGUES)
@pytest.mark.parametrize("facet", ["expert", "theme", "region", "source"])
def test_list_by_one_facet_lists_what_a_loop_over_the_toml_lists(name, facet):
    tables = read(CATALOGUES[name])
    for record in tables[f"{facet}s"]:
        for kind in KINDS:
            listed = ok_json(
                "list", f"--{facet}", record["id"], "--kind", kind, catalogue=CATALOGUES[name]
            )
            expected = items_for(tables, kind, **{facet: record["id"]})
            assert [item["id"] for item in listed] == expected, (facet, record["id"], kind)


@pytest.mark.parametrize("name", CATALOGUES)
@pytest.mark.parametrize("facet", ["expert", "theme", "region", "source"])
def test_the_library_selects_what_a_loop_over_the_toml_selects(name, facet):
    # the command line answers from its compiled store; the library's select_items is asked
    # here, as a caller of the library asks it
    tables = read(CATALOGUES[name])
    catalogue = load_catalogue(CATALOGUES[name])
    for record in tables[f"{facet}s"]:
        for kind in KINDS:
            selection = with_facet(Selection(kind=Kind(kind)), Facet(facet), {record["id"]})
            selected = [item.id for item in select_items(catalogue, selection)]
            expected = items_for(tables, kind, **{facet: record["id"]})
            assert selected == expected, (facet, record["id"], kind)


def test_a_region_takes_in_the_regions_below_it():
    # the oracle's own tree on the fixture, worked by hand: Hebei holds Xiong'an, and the
    # airport zone lies within Beijing and Hebei both
    tables = read(MINI)
    assert {"hebei", "xiongan"} <= within(tables, "hebei")
    assert "beijing" not in within(tables, "hebei")
    assert within(tables, "jingjinji") == {row["id"] for row in tables["regions"]} - {
        row["id"] for row in tables["regions"] if row.get("comparison")
    }


def test_a_region_counts_the_items_tagged_only_below_it():
    # wang-xiongan-innovation is tagged xiongan alone, li-intercity-rail the airport zone alone:
    # Hebei's count takes them in, so a count of direct tags alone would differ
    tables = read(MINI)
    differs = [
        row["id"]
        for row in tables["regions"]
        if len(items_for(tables, "all", region=row["id"]))
        != sum(row["id"] in item.get("regions", []) for item in tables["proposals"])
    ]
    assert "hebei" in differs
    counts = {row["id"]: row["count"] for row in ok_json("regions", "--kind", "all")}
    for region in differs:
        assert counts[region] == len(items_for(tables, "all", region=region)), region


PAIRS = [("expert", "theme"), ("theme", "region"), ("region", "expert"), ("source", "region")]


@pytest.mark.parametrize("name", CATALOGUES)
@pytest.mark.parametrize("rows, cols", PAIRS)
def test_matrix_cells_are_what_a_loop_over_the_toml_puts_there(name, rows, cols):
    tables = read(CATALOGUES[name])
    cells = ok_json(
        "matrix", "--rows", rows, "--cols", cols, "--kind", "all", catalogue=CATALOGUES[name]
    )
    expected = {
        (row["id"], col["id"]): items_for(tables, "all", **{rows: row["id"], cols: col["id"]})
        for row in tables[f"{rows}s"]
        for col in tables[f"{cols}s"]
    }
    got = {(cell["row"], cell["col"]): cell["ids"] for cell in cells}
    # the cells a loop finds items in are all there, with the same items; any other is empty
    assert {key: ids for key, ids in expected.items() if ids} == {
        key: ids for key, ids in got.items() if ids
    }
    assert all(cell["count"] == len(cell["ids"]) for cell in cells)


# --- the SQLite export, read with sqlite3 against the TOML ---------------------------------


@pytest.mark.parametrize("name", CATALOGUES)
@pytest.mark.parametrize(
    "filters",
    [{"kind": "proposal"}, {"kind": "all"}, {"kind": "all", "region": "hebei"}],
    ids=["proposals", "all", "hebei"],
)
def test_the_sqlite_export_holds_the_tomls_items(tmp_path, name, filters):
    tables = read(CATALOGUES[name])
    path = tmp_path / "out.db"
    args = [f"--{key}={value}" for key, value in filters.items()]
    result = jjj("export", "--format", "sqlite", *args, "-o", str(path), catalogue=CATALOGUES[name])
    assert result.exit_code == 0, result.output
    kind = filters["kind"]
    wanted = items_for(tables, kind, **{k: v for k, v in filters.items() if k != "kind"})
    assert wanted  # the test can fail
    by_id = {item["id"]: item for item in tables["proposals"]}
    db = sqlite3.connect(path)
    try:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM proposals ORDER BY rowid").fetchall()
        assert [row["id"] for row in rows] == wanted
        for row in rows:
            item = by_id[row["id"]]
            for field in ("kind", "expert", "seq", "title", "title_zh", "summary", "summary_zh"):
                assert row[field] == item[field], (row["id"], field)
            assert row["quote"] == item["quote"]
            assert row["source"] == item["source"]
        themes = sorted(map(tuple, db.execute("SELECT proposal_id, theme_id FROM proposal_themes")))
        regions = sorted(
            map(tuple, db.execute("SELECT proposal_id, region_id FROM proposal_regions"))
        )
    finally:
        db.close()
    assert themes == sorted((id, theme) for id in wanted for theme in by_id[id].get("themes", []))
    assert regions == sorted(
        (id, region) for id in wanted for region in by_id[id].get("regions", [])
    )


# --- the committed schema, on documents written here ---------------------------------------

COMMITTED = SHIPPED.parent.parent / "schema" / "catalogue.schema.json"

A_GOOD_ITEM = """
[[proposals]]
id = "fiction-one"
kind = "proposal"
expert = "fiction-expert"
seq = 1
title = "A fictional proposal"
title_zh = "虚构的建议"
summary = "Fictional text for a test."
summary_zh = "测试用的虚构文字。"
themes = ["clusters"]
regions = ["hebei"]
quote = "虚构的原话。"
source = "fiction-forum"
"""


def schema_errors(document: str) -> list:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return list(validator.iter_errors(tomllib.loads(document)))


def test_the_committed_schema_is_a_draft_2020_12_schema():
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    "document",
    [
        "",
        'include = ["sources/*.toml"]',
        A_GOOD_ITEM,
        A_GOOD_ITEM.replace('kind = "proposal"', 'kind = "finding"'),
        A_GOOD_ITEM.replace('regions = ["hebei"]', "regions = []"),
        '[[experts]]\nid = "fiction-expert"\nname = "Fiction"\nname_zh = "虚构"\n'
        'affiliation = "None"\naffiliation_zh = "无"',
        '[[themes]]\nid = "fiction"\nname = "Fiction"\nname_zh = "虚构"\n'
        'definition = "Made up for a test."',
        '[[regions]]\nid = "fiction-town"\nname = "Fiction Town"\nname_zh = "虚构镇"\n'
        'level = "county"\nparent = "hebei"\ncode = "130999"',
    ],
    ids=["empty", "include", "item", "finding", "no-regions", "expert", "theme", "region"],
)
def test_the_committed_schema_takes_good_documents(document):
    assert schema_errors(document) == []


@pytest.mark.parametrize(
    "change",
    [
        ('kind = "proposal"', 'kind = "idea"'),  # not a kind
        ("seq = 1", "seq = 0"),  # seq counts from 1
        ("seq = 1", 'seq = "1"'),  # a number, not text
        ('id = "fiction-one"', 'id = "Fiction One"'),  # an id is lower case, no spaces
        ('title = "A fictional proposal"', 'title = "   "'),  # blank
        ('title = "A fictional proposal"', ""),  # a required field gone
        ('themes = ["clusters"]', 'themes = "clusters"'),  # a list, not a string
        ('source = "fiction-forum"', 'source = "fiction-forum"\ncolour = "red"'),  # unknown
    ],
    ids=["kind", "seq-zero", "seq-text", "id", "blank", "missing", "list", "unknown-field"],
)
def test_the_committed_schema_refuses_bad_items(change):
    old, new = change
    assert old in A_GOOD_ITEM
    assert schema_errors(A_GOOD_ITEM.replace(old, new)) != []


def test_the_committed_schema_refuses_an_unknown_table():
    assert schema_errors('[[speeches]]\nid = "fiction"') != []


@pytest.mark.parametrize("path", [MINI, SHIPPED], ids=["mini", "shipped"])
def test_the_committed_schema_takes_the_catalogues_files(path):
    files = [path]
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    files += [file for pattern in data.get("include", []) for file in path.parent.glob(pattern)]
    for file in files:
        assert schema_errors(file.read_text(encoding="utf-8")) == [], file


# --- escaping: every character a terminal must not be sent, listed here ----------------------

# C0 controls (ESC among them, which starts every terminal escape sequence), DEL, the C1
# controls (U+009B is a one-byte CSI, U+009D an OSC), and the bidirectional embeddings,
# overrides and isolates that reorder what a terminal shows (U+202A-U+202E, U+2066-U+2069).
# Tab and line feed are layout, turned into spaces on a line of their own (below).
FORBIDDEN = (
    [chr(code) for code in range(0x00, 0x20) if chr(code) not in "\t\n"]
    + ["\x7f"]
    + [chr(code) for code in range(0x80, 0xA0)]
    + [chr(code) for code in range(0x202A, 0x202F)]
    + [chr(code) for code in range(0x2066, 0x206A)]
)


def spelled(character: str) -> str:
    """The escape a reader sees instead, as the README shows ESC: \\x1b, \\u202e."""
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@pytest.fixture
def every_control(catalogue_copy):
    """mini.toml with wang-research-to-hebei's English title holding each forbidden character
    between two letters (so none of them can be lost as the edge of a word), in TOML escapes."""
    text = MINI.read_text(encoding="utf-8")
    old = 'title = "Put Beijing\'s research results to use in Hebei"'
    assert old in text
    escaped = "".join(f"x\\u{ord(character):04x}" for character in FORBIDDEN) + "x"
    return catalogue_copy(text.replace(old, f'title = "{escaped}"'))


@pytest.mark.parametrize(
    "args",
    [["list"], ["show", "wang-research-to-hebei"], ["search", "production"]],
    ids=joined,
)
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "pipe"])
def test_no_forbidden_character_reaches_the_output_and_each_is_spelled_out(
    every_control, args, terminal
):
    result = written("--catalogue", str(every_control), *args, terminal=terminal, width=3000)
    assert result.exit_code == 0, result.output
    stdout = unstyled(result.stdout)
    raw = sorted({character for character in stdout + result.stderr if character in FORBIDDEN})
    assert raw == []
    squeezed = "".join(stdout.split())
    assert "x".join(spelled(character) for character in FORBIDDEN) in squeezed


def test_tab_and_line_feed_in_a_title_become_spaces_in_a_pipe(catalogue_copy):
    text = MINI.read_text(encoding="utf-8")
    old = 'title = "Put Beijing\'s research results to use in Hebei"'
    new = 'title = "Put Beijing\'s\\tresearch results\\nto use in Hebei"'
    result = jjj("list", catalogue=catalogue_copy(text.replace(old, new)))
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len({len(row) for row in rows}) == 1  # no cell split, no line broken
    assert "Put Beijing's research results to use in Hebei" in {
        cell for row in rows for cell in row
    }


def test_the_forbidden_list_is_what_the_readme_promises():
    # a sanity check of the list itself, by hand: ESC, BEL, NUL, DEL, CSI, RLO are in it;
    # the letters and the CJK punctuation of a quote are not
    for character in "\x1b\x07\x00\x7f\x9b\u202e\u2067\r":
        assert character in FORBIDDEN
    for character in "a。，“”—·\t\n ":
        assert character not in FORBIDDEN
