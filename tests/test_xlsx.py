"""`jjj export` to an Excel workbook, read back with openpyxl and, for what openpyxl would
smooth over, with the zip and XML modules as Excel reads it."""

import json
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from .fresh import run_fresh
from .invoke import jjj
from .paths import MINI, SHIPPED
from .test_export import expected_cell

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def listed(command: str, *filters: str, catalogue=MINI) -> list[dict]:
    result = jjj(command, "--json", *filters, catalogue=catalogue)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def export_book(tmp_path: Path, *args: str, catalogue=MINI) -> openpyxl.Workbook:
    path = tmp_path / "jjj.xlsx"
    result = jjj("export", "-o", str(path), *args, catalogue=catalogue)
    assert (result.exit_code, result.stdout) == (0, ""), result.output
    return openpyxl.load_workbook(path)


def rows(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def as_cell(value):
    """What a CSV cell holds (the test's own conversion, not the export's), as a workbook cell:
    numbers stay numbers, an empty cell holds nothing."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return expected_cell(value) or None


@pytest.mark.parametrize(
    "filters, catalogue",
    [
        ([], MINI),
        (["--kind", "all"], MINI),
        (["--region", "hebei"], MINI),
        (["--kind", "all"], SHIPPED),
    ],
)
def test_the_items_sheet_is_the_list_one_row_per_item(tmp_path, filters, catalogue):
    book = export_book(tmp_path, *filters, catalogue=catalogue)
    records = listed("list", *filters, catalogue=catalogue)
    sheet = book["items"]
    assert rows(sheet)[0] == list(records[0])
    assert rows(sheet)[1:] == [[as_cell(value) for value in r.values()] for r in records]


def test_every_string_is_a_string_cell_and_seq_a_number(tmp_path):
    sheet = export_book(tmp_path, "--kind", "all")["items"]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for name, cell in zip(header, row):
            if cell.value is None:
                continue
            assert (name, cell.data_type) == (name, "n" if name == "seq" else "s")
            assert isinstance(cell.value, int if name == "seq" else str)


def test_the_header_is_bold_frozen_and_filtered(tmp_path):
    sheet = export_book(tmp_path)["items"]
    assert all(cell.font.bold for cell in sheet[1])
    assert not any(cell.font.bold for cell in sheet[2])
    assert sheet.freeze_panes == "A2"
    assert (
        sheet.auto_filter.ref == f"A1:M{len(listed('list')) + 1}"
    )  # 13 columns: id … related, source


def test_ids_are_never_cut_and_long_text_wraps(tmp_path):
    sheet = export_book(tmp_path, "--kind", "all", catalogue=SHIPPED)["items"]
    letters = {cell.value: cell.column_letter for cell in sheet[1]}
    # ids and lists of ids: never wrapped (a line could only break inside an id), as wide as
    # the widest; `related` runs past a hundred characters in the shipped catalogue
    for name in ("id", "expert", "themes", "regions", "related"):
        column = sheet[letters[name]][1:]
        widest = max(len(cell.value or "") for cell in column)
        assert sheet.column_dimensions[letters[name]].width >= widest, name
        assert not any(cell.alignment.wrap_text for cell in column), name
    assert max(len(cell.value or "") for cell in sheet[letters["related"]][1:]) > 100
    # text: wrapped in a column of a readable width, in rows tall enough for several lines
    for name in ("title", "summary", "summary_zh", "quote"):
        assert 20 <= sheet.column_dimensions[letters[name]].width <= 80, name
        assert all(cell.alignment.wrap_text for cell in sheet[letters[name]][1:]), name
    summaries = sheet[letters["summary"]][1:]
    longest = max(summaries, key=lambda cell: len(cell.value)).row
    assert sheet.row_dimensions[longest].height >= 3 * 15  # more than two lines of 15 points


def test_fields_picks_and_orders_the_columns(tmp_path):
    book = export_book(tmp_path, "--fields", "quote,id,seq")
    records = listed("list", "--fields", "quote,id,seq")
    assert rows(book["items"]) == [["quote", "id", "seq"]] + [
        [r["quote"], r["id"], r["seq"]] for r in records
    ]


@pytest.mark.parametrize("filters", [[], ["--expert", "zhang-wei"]])
def test_the_figures_sheet_holds_the_figures_of_the_experts_selected(tmp_path, filters):
    sheet = export_book(tmp_path, *filters)["figures"]
    # the figures as JSON gives them, but the note (the sheet's columns are the export's)
    figures = [
        {key: value for key, value in figure.items() if key != "note"}
        for figure in listed("figures", *filters)
    ]
    assert figures
    assert rows(sheet) == [list(figures[0])] + [[as_cell(v) for v in f.values()] for f in figures]
    assert all(cell.data_type == "n" for cell in sheet["E"][1:])  # the values, as numbers


# --- hostile text -------------------------------------------------------------------------

# Each would be a formula, an error value or a date to a spreadsheet that guesses (fictional).
HOSTILE = [
    '=HYPERLINK("https://evil.example","x")',
    "=1+1",
    "+1",
    "-2+3",
    "@SUM(A1:A2)",
    "#REF!",
    "#N/A",
    "2024-01-02",
    "1e5",
    "0012",
]
TITLE = 'title = "Put Beijing\'s research results to use in Hebei"'


def hostile_catalogue(catalogue_copy, title: str) -> Path:
    """mini.toml with one item's title replaced and two items given ids that look like
    numbers and dates, everywhere they are named."""
    text = MINI.read_text(encoding="utf-8").replace(TITLE, f"title = {json.dumps(title)}")
    text = text.replace("wang-world-class-clusters", "0012")
    text = text.replace("wang-research-to-hebei", "2024-01-02")
    return catalogue_copy(text)


def sheet_cells(path: Path) -> list[ElementTree.Element]:
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    return root.iter(f"{MAIN}c")


@pytest.mark.parametrize("title", HOSTILE)
def test_catalogue_text_is_stored_as_text_never_a_formula(tmp_path, catalogue_copy, title):
    path = hostile_catalogue(catalogue_copy, title)
    target = tmp_path / "out.xlsx"
    result = jjj(
        "export", "--kind", "all", "--fields", "id,title", "-o", str(target), catalogue=path
    )
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(target)["items"]
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert (cells["2024-01-02"].value, cells["2024-01-02"].data_type) == (title, "s")
    assert cells["0012"].value == "Build world-class clusters, above all in advanced manufacturing"
    ids = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" and isinstance(cell.value, str) for cell in ids)
    # as Excel reads it: no cell is a formula, and every cell but the header's is an inline
    # string holding the exact text
    cells = list(sheet_cells(target))
    assert not any(cell.find(f"{MAIN}f") is not None for cell in cells)
    assert {cell.get("t") for cell in cells} == {"inlineStr"}
    texts = {cell.findtext(f"{MAIN}is/{MAIN}t") for cell in cells}
    assert {title, "0012", "2024-01-02"} <= texts


def excel_text(escaped: str) -> str:
    """A cell's text as Excel reads it: `_xHHHH_` is the character it codes (ECMA-376)."""
    return re.sub("_x([0-9A-Fa-f]{4})_", lambda match: chr(int(match.group(1), 16)), escaped)


@pytest.mark.parametrize(
    "title, shown",
    [
        # what XML cannot hold, made visible as elsewhere in jjj, the rest kept exact
        (
            "bell\x07 esc\x1b[2J nul\x00 vt\x0b ff\x0c end",
            r"bell\x07 esc\x1b[2J nul\x00 vt\x0b ff\x0c end",
        ),
        ("not a character: \uffff\ufffe.", r"not a character: \uffff\ufffe."),
        (
            "tab\tand\nnewline, C1 \x9b31m, bidi \u202e kept",
            "tab\tand\nnewline, C1 \x9b31m, bidi \u202e kept",
        ),
        ("京津冀「协同」——雄安。", "京津冀「协同」——雄安。"),
    ],
)
def test_control_characters_never_break_the_workbook(tmp_path, catalogue_copy, title, shown):
    path = hostile_catalogue(catalogue_copy, title)
    target = tmp_path / "out.xlsx"
    result = jjj("export", "--fields", "id,title", "-o", str(target), catalogue=path)
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(target)["items"]
    titles = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2)}
    assert titles["2024-01-02"] == shown


def test_text_that_looks_like_excels_own_escape_stays_literal(tmp_path, catalogue_copy):
    title = "_x0041_ is not A"
    path = hostile_catalogue(catalogue_copy, title)
    target = tmp_path / "out.xlsx"
    assert jjj("export", "--fields", "title", "-o", str(target), catalogue=path).exit_code == 0
    texts = [cell.findtext(f"{MAIN}is/{MAIN}t") for cell in sheet_cells(target)]
    assert title in [excel_text(text) for text in texts]


# --- the file and the optional dependency --------------------------------------------------


def test_a_workbook_goes_to_a_file_and_replaces_one_only_with_force(tmp_path):
    result = jjj("export", "--format", "xlsx")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "an Excel workbook goes to a file: add -o FILE" in " ".join(result.stderr.split())
    target = tmp_path / "items.xlsx"
    target.write_text("precious", encoding="utf-8")
    assert jjj("export", "-o", str(target)).exit_code == 2
    assert target.read_text(encoding="utf-8") == "precious"
    assert jjj("export", "-o", str(target), "--force").exit_code == 0
    assert openpyxl.load_workbook(target).sheetnames == ["items", "figures"]


def test_without_openpyxl_one_line_names_the_extra_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # what `import openpyxl` then refuses
    for args in (
        ["-o", str(tmp_path / "items.xlsx")],
        ["--format", "xlsx", "-o", str(tmp_path / "x")],
    ):
        result = jjj("export", *args)
        assert (result.exit_code, result.stdout) == (3, ""), result.output
        assert result.stderr == (
            "Error: writing .xlsx needs openpyxl, which is not installed: pip install openpyxl "
            "(or install jjj with its xlsx extra)\n"
        )
    assert list(tmp_path.iterdir()) == []
    assert jjj("export", "-o", str(tmp_path / "items.csv")).exit_code == 0  # the rest still works


@pytest.mark.parametrize("name, loaded", [("items.csv", False), ("items.xlsx", True)])
def test_openpyxl_is_imported_only_for_a_workbook(tmp_path, name, loaded):
    args = ["--catalogue", str(MINI), "export", "-o", str(tmp_path / name)]
    run = run_fresh(*args, among=["openpyxl"])
    assert run.code == 0
    assert run.loaded == ({"openpyxl"} if loaded else set())


# --- column widths, wrapping and row heights, on a sheet of fictional text ------------------


def filled(fields: list[str], values: list[list]) -> openpyxl.worksheet.worksheet.Worksheet:
    """A sheet `xlsx._fill` writes, read back."""
    import io

    from jjj_cli.render.xlsx import _fill

    book = openpyxl.Workbook(write_only=True)
    _fill(book.create_sheet("fiction"), fields, lambda: iter(values))
    file = io.BytesIO()
    book.save(file)
    return openpyxl.load_workbook(file)["fiction"]


SIXTY = " ".join(["fictional"] * 6)  # 6 × 9 + 5 = 59 cells
SIXTY += "."  # 60: MAX_WIDTH exactly
TWO_WORDS = "a" * 40 + " " + "b" * 40  # 81 cells, and it can break, once
LONG = " ".join(["fiction"] * 15)  # 15 × 7 + 14 = 119 cells


def test_columns_as_wide_as_their_text_and_text_wider_than_60_wrapped_in_taller_rows():
    fields = ["id", "exact", "two", "long", "lines"]
    sheet = filled(
        fields,
        [
            [None, SIXTY, TWO_WORDS, "x", "y"],  # a cell left empty: the row still measured
            ["fiction-id", "x", "x", LONG, "y"],
            ["x", "x", "x", "x", "one\ntwo"],
            ["x", "x", "x", "x", "y"],
        ],
    )
    # each column 2 wider than its widest text: id 10 ("fiction-id"), exact 60, lines 5 (its
    # name); a text wider than 60 that can break wraps at 60
    widths = {name: sheet.column_dimensions[letter].width for name, letter in zip(fields, "ABCDE")}
    assert widths == {"id": 12, "exact": 62, "two": 62, "long": 62, "lines": 7}
    wrapped = [sheet.cell(row=2, column=column).alignment.wrap_text for column in range(1, 6)]
    assert wrapped == [None, None, True, True, True]  # 60 is not wider than 60
    # the lines a wrapped text takes, 0.9 of its column's cells to a line (a tenth to spare):
    # 81 / 54 → 2, 119 / 54 → 3; "one" and "two" (3 cells of 4.5) one each; 16 points a
    # line; one line is left to the sheet's default height
    heights = [sheet.row_dimensions[row].height for row in range(2, 6)]
    assert heights == [32, 48, 32, None]
    # a column 2 cells wide has 1.8 to a line: "xx" takes 2 lines, "y" 1
    narrow = filled(["a"], [["xx\ny"]])
    assert (narrow.column_dimensions["A"].width, narrow.row_dimensions[2].height) == (4, 48)


def test_an_empty_field_is_a_cell_that_holds_nothing(tmp_path):
    # a cell with no value, which Excel takes for blank; not one of inline text with no text
    # in it, which COUNTA counts and ISBLANK says is not blank
    target = tmp_path / "out.xlsx"
    args = ("--kind", "all", "--fields", "id,regions", "-o", str(target))
    assert jjj("export", *args).exit_code == 0
    cells = [cell for cell in sheet_cells(target) if cell.get("r")[0] == "B"]
    # of mini.toml's ten items (findings too), by seq, the 4th (li-transport-backbone) and
    # the 8th (zhang-chain-gap) have no region: rows 5 and 9, under the header
    empty = {cell.get("r"): cell.get("t") for cell in cells if not len(cell)}
    assert empty == {"B5": "n", "B9": "n"}
