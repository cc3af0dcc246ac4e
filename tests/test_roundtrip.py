"""Every export of a catalogue of awkward text, read back by a reader of its own.

tests/data/awkward/catalogue.toml (fictional, as its source text is) holds what a CSV, TSV,
Markdown or spreadsheet reader could take for something else: tabs, line ends (LF, CR, CRLF),
both kinds of quote, commas, semicolons, backslashes, leading and trailing spaces, values that
start with = + - @, a tab or a carriage return, Chinese punctuation, emoji, a zero-width space
and a combining accent. Each export is read with the reader its format names (docs/export.md):
the csv module in the dialect promised, json, sqlite3, openpyxl, tomllib, and the Markdown
report against its text written out here. What each reader gets is compared with the
catalogue as tomllib reads it, never with another output of jjj; where a format changes a
value on purpose (lists joined by `;`, Markdown's escapes, `--excel`'s quote), the value it
should hold is written here by hand.
"""

import csv
import io
import json
import shutil
import sqlite3
import sys

import openpyxl
import pytest

from .ids import printable
from .invoke import jjj
from .paths import DATA

if sys.version_info >= (3, 11):
    import tomllib
else:  # tomli, as the catalogue's reader does
    import tomli as tomllib

AWKWARD = DATA / "awkward" / "catalogue.toml"
SOURCE_TEXT = DATA / "awkward" / "awkward.zh.txt"
BOM = "\ufeff"
# The columns of the CSV, TSV, SQLite, workbook and data package exports, and the keys of an
# item's JSON record, as docs/export.md and the README name them.
COLUMNS = (
    "id",
    "kind",
    "expert",
    "seq",
    "title",
    "title_zh",
    "summary",
    "summary_zh",
    "themes",
    "regions",
    "quote",
    "related",
    "source",
)
TEXTS = ("title", "title_zh", "summary", "summary_zh", "quote")
LISTS = ("themes", "regions", "related")
# What starts a formula in a spreadsheet: OWASP's list (CSV Injection: = + - @, a tab, a
# carriage return), and NUL, which OWASP's verification standard adds (ASVS 5.0, 1.2.10).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def catalogue_items() -> list[dict]:
    """The items as tomllib reads them; the file has them in their seq order."""
    with AWKWARD.open("rb") as file:
        items = tomllib.load(file)["proposals"]
    assert [item["seq"] for item in items] == sorted(item["seq"] for item in items)
    return items


ITEMS = catalogue_items()
with AWKWARD.open("rb") as file:
    FIGURES = tomllib.load(file)["figures"]
# A figure's columns (the SQLite table, the workbook's sheet, the package's CSV) and JSON keys.
FIGURE_COLUMNS = (
    "id",
    "expert",
    "indicator",
    "indicator_zh",
    "value",
    "unit",
    "year",
    "region",
    "compared_with",
    "ratio",
    "quote",
    "source",
)


def figure_values(figure: dict) -> list:
    """A figure's values in its columns' order, None for what the TOML does not give."""
    return [figure.get(column) for column in FIGURE_COLUMNS]


def record(item: dict) -> dict:
    """An item as JSON has it: every column, an empty list where the TOML gives none."""
    return {column: item.get(column, []) for column in COLUMNS}


def cell(item: dict, column: str) -> str:
    """An item's value as a CSV cell: lists joined by `;`, related items as `id:relation`."""
    value = item.get(column, [])
    if column == "related":
        return ";".join(f"{link['id']}:{link['relation']}" for link in value)
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def cells() -> list[list[str]]:
    return [[cell(item, column) for column in COLUMNS] for item in ITEMS]


def exported(tmp_path, format: str, *options: str, to_file: bool = False) -> bytes:
    """`export --format FORMAT --kind all` of the awkward catalogue, from stdout or a file."""
    args = ["export", "--format", format, "--kind", "all", *options]
    if not to_file:
        result = jjj(*args, catalogue=AWKWARD)
        assert result.exit_code == 0, result.output
        return result.stdout_bytes
    target = tmp_path / f"export.{format}"
    result = jjj(*args, "-o", str(target), catalogue=AWKWARD)
    assert result.exit_code == 0, result.output
    return target.read_bytes()


def test_the_fixture_holds_every_awkward_character():
    # else the round trips below would prove less than they say
    values = [item[field] for item in ITEMS for field in TEXTS]
    joined = "".join(values)
    for char in ["\t", "\n", "\r\n", '"', "'", ",", ";", "\\", "|", "#", "*"]:
        assert char in joined, repr(char)
    for char in ["，", "。", "「", "」", "“", "”", "‘", "’", "；", "🚄", "\u200b", "\u0301"]:
        assert char in joined, repr(char)
    for start in FORMULA_STARTS[:-1]:  # NUL: test_excel_defuses_each_formula_start
        assert any(value.startswith(start) for value in values), repr(start)
    assert any(value.startswith(" ") and value.endswith(" ") for value in values)
    assert any(value.startswith("\r") and "\r\n" not in value for value in values)
    assert all(item.get(name) for item in ITEMS[:1] for name in LISTS)  # each list, joined


def test_the_fixture_validates_and_every_quote_is_in_its_text():
    result = jjj("validate", catalogue=AWKWARD)
    assert result.exit_code == 0, result.output
    # verbatim but for layout: the quote's and the text's whitespace dropped, then a search
    text = "".join(SOURCE_TEXT.read_text(encoding="utf-8").split())
    for item in ITEMS:
        assert "".join(item["quote"].split()) in text, item["id"]


# --- CSV and TSV ------------------------------------------------------------------------------


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_csv_reads_back_exact_in_rfc_4180(tmp_path, to_file):
    text = exported(tmp_path, "csv", to_file=to_file).decode("utf-8")
    assert not text.startswith(BOM)
    # the excel dialect is RFC 4180's: `,` between cells, `"` around and doubled inside
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect="excel", strict=True))
    assert rows == [list(COLUMNS), *cells()]
    # every row ends in CRLF: the text is exactly what the csv module writes with them
    buffer = io.StringIO(newline="")
    csv.writer(buffer, dialect="excel", lineterminator="\r\n").writerows([COLUMNS, *cells()])
    assert text == buffer.getvalue()


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_tsv_reads_back_exact(tmp_path, to_file):
    text = exported(tmp_path, "tsv", to_file=to_file).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect="excel-tab", strict=True))
    assert rows == [list(COLUMNS), *cells()]
    # rows end in LF; a cell holding a tab, a line end (a lone CR too) or a quote is quoted
    assert text.startswith("\t".join(COLUMNS) + "\n")
    assert text.endswith("\tawkward-forum\n") and not text.endswith("\r\n")
    assert '\t"\r以回车开头（虚构）"\t' in text
    assert '\t"换行\r\n之后（虚构）"\t' in text
    assert '\t"Tab\there, a comma, and a semicolon; (fictional)"\t' in text
    assert '\t"Semi;colons;everywhere, and ""quoted, comma"" (fictional)"\t' in text
    # and nothing else is: a cell with spaces, commas or a backslash is written as it is
    assert "\t  前后有空格（虚构）  \t" in text
    assert "\tBack\\slash C:\\new\\table and \\\\ two (fictional)\t" in text


@pytest.mark.parametrize("format, dialect", [("csv", "excel"), ("tsv", "excel-tab")])
def test_excel_defuses_every_cell_that_starts_a_formula_and_only_those(tmp_path, format, dialect):
    data = exported(tmp_path, format, "--excel")
    assert data.startswith(BOM.encode("utf-8"))
    text = data.decode("utf-8")[1:]
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect=dialect, strict=True))
    # by hand, each cell of the fixture that starts a formula, with its quote
    starts = {
        ("ke-formula-starts", "title"),
        ("ke-formula-starts", "title_zh"),
        ("ke-formula-starts", "summary"),
        ("ke-formula-starts", "summary_zh"),
        ("ke-formula-starts", "quote"),
        ("mo-control-starts", "title"),
        ("mo-control-starts", "title_zh"),
        ("mo-control-starts", "quote"),
        ("mo-spaces-and-crlf", "quote"),
    }
    expected = [
        [
            "'" + value if (item["id"], column) in starts else value
            for column, value in zip(COLUMNS, row)
        ]
        for item, row in zip(ITEMS, cells())
    ]
    assert rows == [list(COLUMNS), *expected]  # the header starts nothing


def variant_catalogue(tmp_path, title_toml: str):
    """The awkward catalogue with its first item's title replaced (`title_toml`: TOML's
    text of the string, escapes and all), beside a copy of its source text."""
    text = AWKWARD.read_text(encoding="utf-8")
    old = 'title = "Tab\\there, a comma, and a semicolon; (fictional)"'
    assert old in text
    shutil.copy(SOURCE_TEXT, tmp_path / SOURCE_TEXT.name)
    path = tmp_path / "variant.toml"
    path.write_text(text.replace(old, f'title = "{title_toml}"'), encoding="utf-8")
    return path


# Each formula start as a TOML string escape writes it.
TOML_ESCAPED = {"\t": "\\t", "\r": "\\r", "\0": "\\u0000"}


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=lambda start: printable(repr(start)))
@pytest.mark.parametrize("format, dialect", [("csv", "excel"), ("tsv", "excel-tab")])
def test_excel_defuses_each_formula_start(tmp_path, start, format, dialect):
    rest = "1+2 (fictional)"
    path = variant_catalogue(tmp_path, TOML_ESCAPED.get(start, start) + rest)

    def titles(*options: str) -> str:
        args = ("export", "--format", format, "--fields", "id,title", "--expert", "ke-xu")
        result = jjj(*args, *options, catalogue=path)
        assert result.exit_code == 0, result.output
        text = result.stdout_bytes.decode("utf-8").removeprefix(BOM)
        # Python 3.10's reader refuses NUL ("line contains NUL"): a stand-in, put back after
        text = text.replace("\0", "\ue000")
        reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect, strict=True)
        title = {row["id"]: row["title"] for row in reader}["ke-tabs-and-lines"]
        return title.replace("\ue000", "\0")

    assert titles() == start + rest  # exact without --excel
    assert titles("--excel") == "'" + start + rest


@pytest.mark.parametrize("format, line_end", [("csv", "\r\n"), ("tsv", "\n")])
def test_a_row_whose_one_cell_holds_nul_and_the_controls_after_it_is_written_as_it_is(
    tmp_path, format, line_end
):
    # Python 3.10's writer refuses NUL: the row is written with a stand-in for it, a character
    # the row does not hold, whichever cells hold NUL (here the only one); that stand-in must
    # be nothing the writer quotes (a tab in TSV, were it taken from the controls)
    controls = "".join(chr(code) for code in range(0, 9))
    path = variant_catalogue(
        tmp_path, "".join(f"\\u{ord(c):04x}" for c in controls) + " (fictional)"
    )
    args = ("export", "--format", format, "--fields", "title", "--expert", "ke-xu")
    result = jjj(*args, catalogue=path)
    assert result.exit_code == 0, result.output
    lines = result.stdout_bytes.decode("utf-8").split(line_end)
    assert lines[0] == "title"
    assert controls + " (fictional)" in lines  # unquoted: nothing in it asks for quotes


@pytest.mark.parametrize("format, dialect", [("csv", "excel"), ("tsv", "excel-tab")])
def test_nul_beside_every_private_use_character_reads_back_exact(tmp_path, format, dialect):
    # Python 3.10's writer refuses NUL; it is given each NUL as two private-use characters,
    # and the row's own of those marked in turn: a title holding NUL next to them and all
    # 6,400 of the Basic Multilingual Plane's besides must come back as it was (the marks are
    # taken on 3.10 alone, which the task runner's 3.10 session runs; later Pythons write NUL)
    private = "".join(map(chr, range(0xE000, 0xF900)))
    title = "\0\ue000\0\ue001\ue000\ue000\0 (fictional) " + private + "\ue000\0"
    path = variant_catalogue(tmp_path, title.replace("\0", "\\u0000"))
    args = ("export", "--format", format, "--fields", "id,title", "--expert", "ke-xu")
    result = jjj(*args, catalogue=path)
    assert result.exit_code == 0, result.output
    # Python 3.10's reader refuses NUL too: a character the title does not hold stands in
    text = result.stdout_bytes.decode("utf-8").replace("\0", "\U0010fffd")
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect, strict=True)
    titles = {row["id"]: row["title"].replace("\U0010fffd", "\0") for row in reader}
    assert titles["ke-tabs-and-lines"] == title


# --- JSON -------------------------------------------------------------------------------------


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_json_reads_back_exact(tmp_path, to_file):
    data = exported(tmp_path, "json", to_file=to_file)
    assert json.loads(data.decode("utf-8")) == [record(item) for item in ITEMS]


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_json_lines_read_back_exact_one_line_per_item(tmp_path, to_file):
    text = exported(tmp_path, "jsonl", to_file=to_file).decode("utf-8")
    # line ends inside the values are escaped: one line per item, split at LF alone
    lines = text.split("\n")
    assert lines[-1] == ""
    assert [json.loads(line) for line in lines[:-1]] == [record(item) for item in ITEMS]


def test_list_json_reads_back_exact():
    result = jjj("list", "--kind", "all", "--json", catalogue=AWKWARD)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [record(item) for item in ITEMS]


# --- SQLite, the workbook, the data package, the coding sheet ----------------------------------


def test_sqlite_reads_back_exact(tmp_path):
    target = tmp_path / "awkward.db"
    result = jjj("export", "--kind", "all", "-o", str(target), catalogue=AWKWARD)
    assert result.exit_code == 0, result.output
    database = sqlite3.connect(target)
    try:
        columns = [row[1] for row in database.execute("PRAGMA table_info(proposals)")]
        rows = database.execute("SELECT * FROM proposals ORDER BY rowid").fetchall()
        themes = database.execute("SELECT * FROM proposal_themes ORDER BY rowid").fetchall()
        related = database.execute("SELECT * FROM proposal_related ORDER BY rowid").fetchall()
    finally:
        database.close()
    assert columns == list(COLUMNS)
    # seq is a number; every other column the CSV's text
    expected = [
        tuple(item["seq"] if column == "seq" else cell(item, column) for column in COLUMNS)
        for item in ITEMS
    ]
    assert rows == expected
    assert themes == [(item["id"], theme) for item in ITEMS for theme in item["themes"]]
    assert related == [
        (item["id"], link["id"], link["relation"])
        for item in ITEMS
        for link in item.get("related", [])
    ]


def test_the_workbook_reads_back_exact_and_holds_no_formula(tmp_path):
    target = tmp_path / "awkward.xlsx"
    result = jjj("export", "--kind", "all", "-o", str(target), catalogue=AWKWARD)
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(target)["items"]
    rows = [[each.value for each in row] for row in sheet.iter_rows()]
    # seq a number, an empty cell for an empty list, every other value the CSV's text; tabs,
    # line ends and the rest are characters a workbook holds as they are
    expected = [
        [item["seq"] if column == "seq" else (cell(item, column) or None) for column in COLUMNS]
        for item in ITEMS
    ]
    assert rows == [list(COLUMNS), *expected]
    # `=HYPERLINK(…)` is text, not a formula (data type "f"): --excel is not needed
    types = {each.data_type for row in sheet.iter_rows(min_row=2) for each in row if each.value}
    assert types == {"s", "n"}


def test_the_data_package_reads_back_exact(tmp_path):
    target = tmp_path / "package"
    result = jjj(
        "export", "--format", "datapackage", "--kind", "all", "-o", str(target), catalogue=AWKWARD
    )
    assert result.exit_code == 0, result.output
    text = (target / "proposals.csv").read_bytes().decode("utf-8")
    assert not text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect="excel", strict=True))
    assert rows == [list(COLUMNS), *cells()]
    assert text.endswith(",awkward-forum\r\n")
    package = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [each for each in package["resources"] if each["name"] == "proposals"]
    assert [field["name"] for field in resource["schema"]["fields"]] == list(COLUMNS)


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_the_coding_sheet_reads_back_exact(tmp_path, to_file):
    sheet = tomllib.loads(exported(tmp_path, "sheet", to_file=to_file).decode("utf-8"))
    assert sheet["sheet"]["coder"] == ""
    # each not coded yet: its themes and regions are lines for the coder to fill in
    assert sheet["codings"] == [{"id": item["id"], "quote": item["quote"]} for item in ITEMS]


# --- Markdown ---------------------------------------------------------------------------------

# The report, written by hand from the catalogue and docs/export.md's rules: catalogue text on
# one line (a tab, LF or CRLF a space), other control characters made visible (CR as `\x0d`),
# Markdown's markup characters escaped with a backslash (a backslash too), and what would
# start a list or a heading at a line's start escaped (`\=`, `\+`, `\-`), a leading space as
# `&#32;`. Items by expert, then by first theme (no theme last).
MARKDOWN = "\n".join(
    [
        "# A fictional forum on the docks of a bay",
        "",
        "海湾码头座谈会（虚构）",
        "",
        "4 items (3 proposals, 1 finding).",
        "",
        "## Ke Xu 柯虚",
        "",
        "Fellow, a fictional bay institute; 某虚构海湾研究所研究员",
        "",
        "### Docks 码头",
        "",
        "#### Tab here, a comma, and a semicolon; (fictional)",
        "",
        "虚构：「引号」，逗号；句号。“双引号”‘单引号’",
        "",
        "Line one line two with \"double\" and 'single' quotes (fictional)",
        "",
        "&#32;&#32;前后有空格（虚构）  ",
        "",
        "> 虚构的话：码头 要扩建， “先扩” 两字。",
        "",
        "`ke-tabs-and-lines` · proposal · themes: docks, rails · regions: north-bay, south-bay"
        " · related: mo-spaces-and-crlf (echoes)",
        "",
        '#### \\=HYPERLINK("https://example.invalid","x") (fictional)',
        "",
        "\\+1 加一（虚构）",
        "",
        "\\-1 minus, a negative start (fictional)",
        "",
        "@某人 提及（虚构）",
        "",
        "> \\=一加一，等于二（虚构）。",
        "",
        "`ke-formula-starts` · proposal · themes: docks · regions: bay-area"
        " · related: mo-spaces-and-crlf (complements)",
        "",
        "## Mo Ni 莫拟",
        "",
        "Planner, a fictional planning office; 某虚构规划办公室规划师",
        "",
        "### Rail links 铁路",
        "",
        "#### &#32;leading and trailing spaces ",
        "",
        "换行 之后（虚构）",
        "",
        'Semi;colons;everywhere, and "quoted, comma" (fictional)',
        "",
        "\\# 井号开头，\\| 竖线 \\| 与 \\*星号\\*（虚构）",
        "",
        "> @某处的话；\\\\x0d有分号，有逗号（虚构）。",
        "",
        "`mo-spaces-and-crlf` · proposal · themes: rails · regions: south-bay"
        " · related: ke-tabs-and-lines (echoes), ke-formula-starts (complements)",
        "",
        "### No theme",
        "",
        "#### &#32;starts with a tab (fictional)",
        "",
        "\\\\x0d以回车开头（虚构）",
        "",
        "Back\\\\slash C:\\\\new\\\\table and \\\\\\\\ two (fictional)",
        "",
        "表情🚄🙂与零宽\u200b空格（虚构）",
        "",
        "> \\-减号开头的话，e\u0301 与组合符（虚构）。",
        "",
        "`mo-control-starts` · finding",
        "",
    ]
)


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_the_markdown_report_is_the_text_written_by_hand(tmp_path, to_file):
    assert exported(tmp_path, "markdown", to_file=to_file).decode("utf-8") == MARKDOWN


# --- list in a pipe ---------------------------------------------------------------------------

# `list` in a pipe, written by hand: for cut and awk, one line per item and a tab between cells,
# nothing quoted; so in a cell a tab, an LF or a CRLF is a space, and another control
# character is made visible (a CR as the four characters `\x0d`). Everything else is as written.
LISTED = [
    ["id", "title", "title_zh", "summary", "summary_zh", "quote"],
    [
        "ke-tabs-and-lines",
        "Tab here, a comma, and a semicolon; (fictional)",
        "虚构：「引号」，逗号；句号。“双引号”‘单引号’",
        "Line one line two with \"double\" and 'single' quotes (fictional)",
        "  前后有空格（虚构）  ",
        "虚构的话：码头 要扩建， “先扩” 两字。",
    ],
    [
        "ke-formula-starts",
        '=HYPERLINK("https://example.invalid","x") (fictional)',
        "+1 加一（虚构）",
        "-1 minus, a negative start (fictional)",
        "@某人 提及（虚构）",
        "=一加一，等于二（虚构）。",
    ],
    [
        "mo-control-starts",
        " starts with a tab (fictional)",
        "\\x0d以回车开头（虚构）",
        "Back\\slash C:\\new\\table and \\\\ two (fictional)",
        "表情🚄🙂与零宽\u200b空格（虚构）",
        "-减号开头的话，e\u0301 与组合符（虚构）。",
    ],
    [
        "mo-spaces-and-crlf",
        " leading and trailing spaces ",
        "换行 之后（虚构）",
        'Semi;colons;everywhere, and "quoted, comma" (fictional)',
        "# 井号开头，| 竖线 | 与 *星号*（虚构）",
        "@某处的话；\\x0d有分号，有逗号（虚构）。",
    ],
]


def test_list_in_a_pipe_is_one_line_per_item_split_at_tabs():
    fields = ",".join(LISTED[0])
    result = jjj("list", "--kind", "all", "--fields", fields, catalogue=AWKWARD)
    assert result.exit_code == 0, result.output
    lines = result.stdout_bytes.decode("utf-8").split("\n")
    assert lines[-1] == ""
    assert [line.split("\t") for line in lines[:-1]] == LISTED


# --- figures ----------------------------------------------------------------------------------


def test_figures_read_back_exact_from_json_sqlite_the_workbook_and_the_package(tmp_path):
    assert FIGURES and any("\t" in figure["indicator"] for figure in FIGURES)
    result = jjj("figures", "--json", catalogue=AWKWARD)
    assert result.exit_code == 0, result.output
    # JSON has each figure's note too; the exports' columns leave it out
    assert json.loads(result.stdout) == [
        {**dict(zip(FIGURE_COLUMNS, figure_values(figure))), "note": figure.get("note")}
        for figure in FIGURES
    ]
    for name in ("awkward.db", "awkward.xlsx"):
        result = jjj("export", "--kind", "all", "-o", str(tmp_path / name), catalogue=AWKWARD)
        assert result.exit_code == 0, result.output
    database = sqlite3.connect(tmp_path / "awkward.db")
    try:
        rows = database.execute("SELECT * FROM figures ORDER BY rowid").fetchall()
    finally:
        database.close()
    # numbers as numbers, nothing as NULL, in SQLite and the workbook alike
    expected = [tuple(figure_values(figure)) for figure in FIGURES]
    assert rows == expected
    sheet = openpyxl.load_workbook(tmp_path / "awkward.xlsx")["figures"]
    assert list(sheet.iter_rows(values_only=True)) == [FIGURE_COLUMNS, *expected]
    # in the package's CSV, numbers as their digits, nothing as an empty cell
    target = tmp_path / "package"
    args = ("export", "--format", "datapackage", "--kind", "all", "-o", str(target))
    assert jjj(*args, catalogue=AWKWARD).exit_code == 0
    text = (target / "figures.csv").read_bytes().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect="excel", strict=True))
    cells = [["" if value is None else str(value) for value in row] for row in expected]
    assert rows == [list(FIGURE_COLUMNS), *cells]
