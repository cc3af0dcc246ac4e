"""`jjj export`: every format read back with the tool a user would read it with."""

import csv
import io
import json
import os
import re
import sqlite3

import pytest

from jjj_cli.render.export import _fetched, csv_cell, md
from jjj_cli.render.records import HIT_FIELDS, ITEM_FIELDS
from jjj_cli.store import fulltext
from jjj_cli.store.fulltext import indexed

from .invoke import jjj
from .paths import MINI, SHIPPED

BOM = "\ufeff".encode("utf-8")


def listed(*filters: str, catalogue=MINI) -> list[dict]:
    result = jjj("list", "--json", *filters, catalogue=catalogue)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def expected_cell(value) -> str:
    """A JSON value as a CSV cell should hold it, converted here by hand rather than by the code
    that writes the CSV (render/export.csv_cell), so that a slip there shows: text as it is,
    null an empty cell, true and false as JSON writes them, a number as Python prints it (3,
    2.5), a list joined by ';' (an empty one an empty cell), a related link as 'id:relation'."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return ";".join(expected_cell(element) for element in value)
    assert isinstance(value, dict) and set(value) == {"id", "relation"}, value
    return value["id"] + ":" + value["relation"]


def as_cells(record: dict) -> dict:
    return {name: expected_cell(value) for name, value in record.items()}


# Each kind of value a record holds, and its cell, written out by hand.
CELLS = [
    (None, ""),
    (True, "true"),
    (False, "false"),
    (3, "3"),
    (2.5, "2.5"),
    ("北京 Beijing", "北京 Beijing"),
    ("", ""),
    ([], ""),
    (["beijing"], "beijing"),
    (["beijing", "hebei"], "beijing;hebei"),
    ([{"id": "li-hebei-capacity", "relation": "addresses"}], "li-hebei-capacity:addresses"),
    (
        [{"id": "a-one", "relation": "supports"}, {"id": "b-two", "relation": "addresses"}],
        "a-one:supports;b-two:addresses",
    ),
]


@pytest.mark.parametrize("value, cell", CELLS)
def test_a_value_as_a_csv_cell(value, cell):
    # the export's conversion and this test's own (which the tests of whole rows use) agree
    # with the cells written out by hand
    assert (csv_cell(value), expected_cell(value)) == (cell, cell)


@pytest.mark.parametrize("filters", [[], ["--kind", "all"], ["--region", "hebei", "--kind", "all"]])
def test_csv_read_back_is_the_list_one_row_per_item(filters):
    result = jjj("export", "--format", "csv", *filters)
    assert result.exit_code == 0, result.output
    assert not result.stdout_bytes.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))
    assert rows == [as_cells(record) for record in listed(*filters)]


def test_csv_joins_lists_with_semicolons_and_related_as_id_relation():
    result = jjj("export", "--kind", "all", "--fields", "id,regions,related")
    row = next(
        row
        for row in csv.DictReader(io.StringIO(result.stdout, newline=""))
        if row["id"] == "wang-research-to-hebei"
    )
    assert row == {
        "id": "wang-research-to-hebei",
        "regions": "beijing;hebei",
        "related": "li-hebei-capacity:addresses",
    }


def test_tsv_read_back_by_the_csv_module():
    result = jjj("export", "--format", "tsv", "--kind", "all")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline=""), delimiter="\t"))
    assert rows == [as_cells(record) for record in listed("--kind", "all")]


def test_the_byte_order_mark_only_for_excel():
    plain = jjj("export", "--format", "csv").stdout_bytes
    excel = jjj("export", "--format", "csv", "--excel").stdout_bytes
    assert not plain.startswith(BOM)
    assert excel == BOM + plain  # nothing in mini.toml looks like a formula


def test_excel_mode_defuses_formulas_and_only_excel_mode(catalogue_copy):
    formula = '=HYPERLINK("https://evil.example","x")'
    text = MINI.read_text(encoding="utf-8").replace(
        'title = "Put Beijing\'s research results to use in Hebei"', f"title = '{formula}'"
    )
    path = catalogue_copy(text)
    exact = jjj("export", "--fields", "id,title", "--expert", "wang-ming", catalogue=path)
    excel = jjj(
        "export", "--fields", "id,title", "--expert", "wang-ming", "--excel", catalogue=path
    )
    titles = {
        row["id"]: row["title"] for row in csv.DictReader(io.StringIO(exact.stdout, newline=""))
    }
    assert titles["wang-research-to-hebei"] == formula
    excel_text = excel.stdout_bytes.decode("utf-8-sig")
    titles = {
        row["id"]: row["title"] for row in csv.DictReader(io.StringIO(excel_text, newline=""))
    }
    assert titles["wang-research-to-hebei"] == "'" + formula


def test_json_and_json_lines_are_the_list_records():
    records = listed("--kind", "all")
    result = jjj("export", "--format", "json", "--kind", "all")
    assert json.loads(result.stdout) == records
    result = jjj("export", "--format", "jsonl", "--kind", "all")
    assert [json.loads(line) for line in result.stdout.splitlines()] == records


@pytest.mark.parametrize("command", [["list", "--json"], ["export", "--format", "json"]])
def test_fields_picks_and_orders_the_json_keys(command):
    result = jjj(*command, "--fields", "title,id")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert records and all(list(record) == ["title", "id"] for record in records)


def test_fields_picks_the_tsv_columns_of_list_and_search():
    assert jjj("list", "--fields", "id,seq").stdout.splitlines()[:2] == [
        "id\tseq",
        "wang-world-class-clusters\t1",
    ]
    result = jjj("search", "集群", "--fields", "id,field,score")
    assert result.stdout.splitlines()[0] == "id\tfield\tscore"
    hits = json.loads(jjj("search", "集群", "--json", "--fields", "score,id").stdout)
    assert hits and all(list(hit) == ["score", "id"] for hit in hits)


@pytest.mark.parametrize(
    "command, valid",
    [(["list"], ITEM_FIELDS), (["search", "集群"], HIT_FIELDS), (["export"], ITEM_FIELDS)],
)
def test_an_unknown_field_is_a_usage_error_listing_the_valid_ones(command, valid):
    result = jjj(*command, "--fields", "id,titel")
    assert result.exit_code == 2
    message = " ".join(result.stderr.replace("│", " ").split())
    assert "unknown field 'titel'" in message
    assert ", ".join(valid) in message


def test_fields_and_excel_only_where_they_mean_something(tmp_path):
    assert jjj("export", "--format", "markdown", "--fields", "id").exit_code == 2
    assert jjj("export", "--format", "json", "--excel").exit_code == 2
    assert jjj("export", "--format", "sqlite").exit_code == 2  # a database needs -o FILE
    assert jjj("export", "--format", "xlsx").exit_code == 2  # and so does a workbook
    assert (
        jjj("export", "--format", "xlsx", "--excel", "-o", str(tmp_path / "x.xlsx")).exit_code == 2
    )


# --- SQLite ------------------------------------------------------------------------------


def export_db(tmp_path, *args: str, catalogue=MINI) -> sqlite3.Connection:
    path = tmp_path / "jjj.db"
    result = jjj("export", "--format", "sqlite", "-o", str(path), *args, catalogue=catalogue)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    return sqlite3.connect(path)


@pytest.mark.parametrize(
    "filters",
    [[], ["--kind", "all"], ["--theme", "clusters"], ["--region", "hebei", "--kind", "all"]],
)
def test_sqlite_holds_what_list_lists(tmp_path, filters):
    db = export_db(tmp_path, *filters)
    records = listed(*filters)
    ids = [row[0] for row in db.execute("SELECT id FROM proposals ORDER BY seq")]
    assert ids == [record["id"] for record in records]
    links = sorted(db.execute("SELECT proposal_id, theme_id FROM proposal_themes"))
    assert links == sorted((r["id"], theme) for r in records for theme in r["themes"])
    links = sorted(db.execute("SELECT proposal_id, region_id FROM proposal_regions"))
    assert links == sorted((r["id"], region) for r in records for region in r["regions"])
    row = db.execute("SELECT * FROM proposals ORDER BY seq").fetchone()
    names = [column[0] for column in db.execute("SELECT * FROM proposals").description]
    if records:
        assert dict(zip(names, row)) == {**as_cells(records[0]), "seq": records[0]["seq"]}


def test_sqlite_tables_and_foreign_keys(tmp_path):
    db = export_db(tmp_path, "--kind", "all")
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "sources",
        "experts",
        "appearances",
        "themes",
        "regions",
        "figures",
        "proposals",
        "proposal_themes",
        "proposal_regions",
        "proposal_related",
        "proposals_fts",
    } <= tables
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    # 0.1's one-row table `source` is a view of the sources now: its queries still run
    views = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert views == {"source"}
    assert db.execute("SELECT id, file FROM source").fetchall() == [
        ("mini-forum", "sources/mini.zh.txt")
    ]
    assert db.execute("SELECT expert, source, headline FROM appearances").fetchall() == [
        ("wang-ming", "mini-forum", "Build world-class clusters"),
        ("li-hua", "mini-forum", "Transport is the backbone"),
        ("zhang-wei", "mini-forum", "Integrate the chains"),
    ]
    for table, command in (("experts", "experts"), ("themes", "themes"), ("regions", "regions")):
        count = len(json.loads(jjj(command, "--json").stdout))
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone() == (count,)
    # aliases joined by ';', as in CSV
    assert db.execute("SELECT id, aliases FROM regions WHERE aliases != ''").fetchall() == [
        ("hebei", "河北省;Hebei Province"),
        ("xiongan", "雄安;Xiong'an"),
    ]
    figures = json.loads(jjj("figures", "--json").stdout)
    assert db.execute("SELECT id, value FROM figures").fetchall() == [
        (figure["id"], figure["value"]) for figure in figures
    ]


# The tables of records as the export makes them, written out by hand: each column with its
# type, "!" where it is NOT NULL, "*" for the primary key, "> table" for a reference.
RECORD_COLUMNS = {
    "sources": "id TEXT*, title TEXT!, title_en TEXT!, file TEXT!, sha256 TEXT!, language TEXT!, "
    "kind TEXT, publisher TEXT, date TEXT, url TEXT, "
    "period TEXT, period_zh TEXT, framing TEXT, framing_zh TEXT, note TEXT",
    "experts": "id TEXT*, name TEXT!, name_zh TEXT!, affiliation TEXT!, affiliation_zh TEXT!, "
    "note TEXT",
    "appearances": "expert TEXT! > experts, source TEXT! > sources, headline TEXT, "
    "headline_zh TEXT, question TEXT, question_zh TEXT, note TEXT",
    "themes": "id TEXT*, name TEXT!, name_zh TEXT!, definition TEXT!, aliases TEXT!",
    "regions": "id TEXT*, name TEXT!, name_zh TEXT!, aliases TEXT!, level TEXT!, "
    "parent TEXT > regions, also_within TEXT!, code TEXT, comparison INTEGER!, note TEXT",
    "proposals": "id TEXT*, kind TEXT!, expert TEXT! > experts, seq INTEGER!, title TEXT!, "
    "title_zh TEXT!, summary TEXT!, summary_zh TEXT!, themes TEXT!, regions TEXT!, "
    "quote TEXT!, related TEXT!, source TEXT! > sources",
    "figures": "id TEXT*, expert TEXT! > experts, indicator TEXT!, indicator_zh TEXT!, "
    "value NUMERIC!, unit TEXT!, year INTEGER!, region TEXT! > regions, "
    "compared_with TEXT > regions, ratio NUMERIC, quote TEXT!, source TEXT! > sources",
}


@pytest.mark.parametrize("table", RECORD_COLUMNS)
def test_sqlite_record_tables_have_their_columns_types_and_keys(tmp_path, table):
    db = export_db(tmp_path, "--kind", "all")
    references = {row[3]: row[2] for row in db.execute(f"PRAGMA foreign_key_list({table})")}
    columns = []
    for _, name, kind, not_null, _, primary in db.execute(f"PRAGMA table_info({table})"):
        mark = "*" if primary else "!" if not_null else ""
        reference = f" > {references[name]}" if name in references else ""
        columns.append(f"{name} {kind}{mark}{reference}")
    assert ", ".join(columns) == RECORD_COLUMNS[table]


FTS = """
SELECT p.id FROM proposals_fts JOIN proposals AS p ON p.rowid = proposals_fts.rowid
WHERE proposals_fts MATCH ? ORDER BY p.seq
"""


@pytest.mark.parametrize(
    "query, ids",
    [
        ('"雄 安"', ["wang-xiongan-innovation", "zhang-leading-firms-xiongan"]),
        ('"雄 安 新 区"', ["wang-xiongan-innovation", "zhang-leading-firms-xiongan"]),
        ('"创 新 高 地"', ["wang-xiongan-innovation"]),
        ('quote: "集 聚"', ["zhang-leading-firms-xiongan"]),
        ("Xiong*", ["wang-xiongan-innovation", "zhang-leading-firms-xiongan"]),
        ('"雄"', ["wang-xiongan-innovation", "zhang-leading-firms-xiongan"]),
    ],
)
def test_full_text_search_finds_chinese_words_of_any_length(tmp_path, query, ids):
    db = export_db(tmp_path, "--kind", "all")
    assert [row[0] for row in db.execute(FTS, (query,))] == ids


def test_full_text_search_of_the_shipped_catalogue_finds_xiongan(tmp_path):
    db = export_db(tmp_path, "--kind", "all", catalogue=SHIPPED)
    found = {row[0] for row in db.execute(FTS, ('"雄 安"',))}
    named = {  # the regions, themes and experts whose Chinese name holds it
        entry["id"]
        for command in ("regions", "themes", "experts")
        for entry in json.loads(jjj(command, "--json", catalogue=SHIPPED).stdout)
        if "雄安" in entry["name_zh"]
    }
    containing = {
        record["id"]
        for record in listed("--kind", "all", catalogue=SHIPPED)
        if any("雄安" in record[field] for field in ("title_zh", "summary_zh", "quote"))
        or named & {record["expert"], *record["themes"], *record["regions"]}
    }
    assert named == {"xiongan"}
    assert found == containing and "zhao-transport-park-chains" in found  # by its region alone


def test_the_index_takes_spaces_between_chinese_characters_as_layout():
    # as `jjj search` does: 雄安 新区 is the run 雄安新区, each character a word of the index
    assert indexed("雄安 新区") == indexed("雄安新区") == "雄 安 新 区"
    assert indexed("雄安 New Area (x)") == "雄 安 new area x"


# --- files --------------------------------------------------------------------------------


def test_output_file_is_never_overwritten_without_force(tmp_path):
    target = tmp_path / "items.csv"
    target.write_text("precious", encoding="utf-8")
    result = jjj("export", "-o", str(target))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {target} already exists; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "precious"
    assert jjj("export", "-o", str(target), "--force").exit_code == 0
    # the file now holds exactly what the export writes to stdout
    assert target.read_bytes() == jjj("export").stdout_bytes


@pytest.mark.parametrize("given", ["out/", "kept", "kept/"])
def test_a_directory_is_not_an_output_file(tmp_path, monkeypatch, given):
    # `-o out/` once wrote a file named `out`; `-o kept` for a directory advised --force
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "mine.txt").write_text("precious", encoding="utf-8")
    result = jjj("export", "-o", given)
    assert (result.exit_code, result.stdout) == (2, "")
    example = f"{given.rstrip('/')}/items.csv"
    assert result.stderr == (
        f"Error: {given} names a directory: name a file in it, such as {example}\n"
    )
    assert sorted(path.name for path in tmp_path.rglob("*")) == ["kept", "mine.txt"]
    assert (tmp_path / "kept" / "mine.txt").read_text(encoding="utf-8") == "precious"


@pytest.mark.parametrize(
    "suffix, start",
    [
        (".json", b"[\n"),
        (".md", b"# "),
        (".db", b"SQLite"),
        (".CSV", b"id,kind,"),
        (".xlsx", b"PK\x03\x04"),  # a zip archive, as every workbook is
    ],
)
def test_the_format_follows_the_file_suffix(tmp_path, suffix, start):
    target = tmp_path / f"items{suffix}"
    assert jjj("export", "-o", str(target)).exit_code == 0
    assert target.read_bytes().startswith(start)


def test_writing_a_file_says_what_was_written(tmp_path):
    target = tmp_path / "chains.tsv"
    result = jjj("export", "--theme", "chains", "--kind", "all", "-o", str(target))
    assert result.exit_code == 0, result.output
    # mini has one item on chains, zhang-chain-gap (a finding); nothing on stdout
    assert (result.stdout, result.stderr) == ("", f"Wrote 1 item (tsv) to {target}.\n")
    assert target.read_text(encoding="utf-8").splitlines()[1].startswith("zhang-chain-gap\t")
    result = jjj("export", "--kind", "all", "-o", str(tmp_path / "all.json"))
    assert result.stderr == f"Wrote 10 items (json) to {tmp_path / 'all.json'}.\n"


def one_line(stderr: str) -> str:
    """A usage error's message, out of its box and rewrapping."""
    return " ".join(stderr.replace("│", " ").split())


@pytest.mark.parametrize(
    "format, name",
    [
        ("csv", "x.json"),
        ("json", "x.jsonl"),
        ("tsv", "x.csv"),
        ("xlsx", "x.csv"),
        ("csv", "x.xlsx"),
    ],
)
def test_a_suffix_that_contradicts_the_format_is_a_usage_error(tmp_path, format, name):
    result = jjj("export", "--format", format, "-o", str(tmp_path / name))
    assert (result.exit_code, result.stdout) == (2, "")
    message = one_line(result.stderr)
    suffix = name[name.index(".") :]
    assert f"'--format': {format} contradicts -o {name}" in message
    assert f"a {suffix} file is" in message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["notes.txt", "items", "items.xls", "雄安.docx"])
def test_a_suffix_jjj_does_not_know_needs_a_format(tmp_path, name):
    result = jjj("export", "-o", str(tmp_path / name))
    assert (result.exit_code, result.stdout) == (2, "")
    message = one_line(result.stderr)
    assert f"cannot tell the format from the name '{name}'" in message
    for suffix in (".csv", ".tsv", ".json", ".jsonl", ".md", ".db", ".sqlite", ".xlsx"):
        assert f" {suffix}," in message
    assert "add --format" in message
    assert list(tmp_path.iterdir()) == []


def test_with_a_format_any_file_name_will_do(tmp_path):
    target = tmp_path / "notes.txt"
    assert jjj("export", "--format", "tsv", "-o", str(target)).exit_code == 0
    assert target.read_bytes() == jjj("export", "--format", "tsv").stdout_bytes


def test_the_catalogue_and_its_source_are_never_export_targets(catalogue_copy):
    path = catalogue_copy(MINI.read_text(encoding="utf-8"))
    source = path.parent / "sources" / "mini.zh.txt"
    before = {file: file.read_bytes() for file in (path, source)}
    for target in before:
        # --format: a .toml or .txt name alone already says no format
        result = jjj("export", "--format", "csv", "-o", str(target), "--force", catalogue=path)
        assert result.exit_code == 2, result.output
        assert "catalogue's own file" in result.stderr
    assert {file: file.read_bytes() for file in before} == before


def test_a_file_the_system_will_not_write_is_a_one_line_error_exit_3(tmp_path):
    target = tmp_path / "no-such-directory" / "items.csv"
    result = jjj("export", "-o", str(target))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"Error: cannot write {target}: No such file or directory\n"
    assert list(tmp_path.iterdir()) == []


def test_an_sqlite_without_fts5_is_a_one_line_error_exit_3(tmp_path, monkeypatch):
    # this Python's SQLite has FTS5: ask for a module it has not, as one without FTS5 would
    monkeypatch.setattr(fulltext, "FULL_TEXT", fulltext.FULL_TEXT.replace("fts5", "fts5_absent"))
    result = jjj("export", "-o", str(tmp_path / "items.db"))
    assert (result.exit_code, result.stdout) == (3, "")
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: the SQLite in this Python (") and "has no FTS5" in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("format", ["csv", "sqlite", "xlsx"])
def test_a_failed_export_leaves_nothing(tmp_path, monkeypatch, format):
    def disk_full(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    result = jjj("export", "--format", format, "-o", str(tmp_path / "out"))
    assert result.exit_code != 0
    assert list(tmp_path.iterdir()) == []


# --- Markdown -----------------------------------------------------------------------------


def test_markdown_groups_by_expert_then_theme_with_quotes():
    result = jjj("export", "--format", "markdown", "--kind", "all")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    experts = [line for line in lines if line.startswith("## ")]
    assert experts == ["## Wang Ming 王明", "## Li Hua 李华", "## Zhang Wei 张伟"]
    assert "> 雄安新区要建设成为创新高地。" in lines


@pytest.mark.parametrize(
    "text, shown",
    [
        ("*b* _i_ `c` [a](b) <b> # | ~ &amp;", r"\*b\* \_i\_ \`c\` \[a\](b) \<b\> \# \| \~ \&amp;"),
        ("- not a list", r"\- not a list"),
        ("1. not a list", r"1\. not a list"),
        ("+ x", r"\+ x"),
        ("    not code", "&#32;&#32;&#32;&#32;not code"),
        # made visible as the four characters \x07, whose backslash Markdown must show too
        ("bell\x07 and\nnewline", r"bell\\x07 and newline"),
    ],
)
def test_markdown_shows_catalogue_text_literally(text, shown):
    assert md(text) == shown


def test_no_raw_control_character_reaches_a_markdown_or_json_export(catalogue_copy):
    title = 'title = "Put Beijing'
    controls = (
        r"\u001b[2J\u009b31m\u202e "  # TOML escapes: a screen clear, a C1 CSI, a bidi override
    )
    text = MINI.read_text(encoding="utf-8").replace(title, title.replace('"', '"' + controls))
    path = catalogue_copy(text)
    for format in ("markdown", "json", "jsonl"):
        result = jjj("export", "--format", format, catalogue=path)
        assert result.exit_code == 0, result.output
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", result.stdout), format
    exact = jjj("export", "--format", "csv", "--fields", "title", catalogue=path).stdout
    assert "\x1b[2J\x9b31m\u202e Put Beijing" in exact  # CSV keeps the data exact


def test_the_field_names_are_the_item_record(mini):
    from jjj_cli.render import records

    assert tuple(records.item(mini.items[0])) == ITEM_FIELDS


def test_markdown_of_a_catalogue_just_started_says_it_has_no_sources(tmp_path):
    # `jjj init` gives the shipped themes and regions, and no source, expert or item
    assert jjj("init", str(tmp_path / "mine")).exit_code == 0
    result = jjj("export", "--format", "markdown", catalogue=tmp_path / "mine" / "proposals.toml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "# No sources\n\nNo items.\n"


def test_an_item_gone_while_the_report_is_written_is_named():
    # the compiled catalogue replaced under a run: the id read a moment ago finds nothing
    with pytest.raises(LookupError) as gone:
        list(_fetched(["fiction-gone"], {}.get))
    assert str(gone.value) == "item 'fiction-gone' is no longer in the catalogue"


@pytest.mark.parametrize(
    "format, message",
    [
        ("sqlite", "the SQLite export is written by store.compiled.Compiled.export_sqlite"),
        ("datapackage", "the data package is written by store.datapackage.write_package"),
    ],
    ids=["sqlite", "datapackage"],
)
def test_the_exports_written_elsewhere_are_refused_naming_what_writes_them(format, message):
    from jjj_cli.catalogue import load_catalogue
    from jjj_cli.render.export import export

    mini = load_catalogue(MINI)
    with pytest.raises(ValueError) as refused:
        export(mini, mini.items, mini.figures, format)
    assert str(refused.value) == message
