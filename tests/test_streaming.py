"""Exports and search written as they are read: the same bytes as the whole text written at
once, made a row at a time, and safe when the reader goes or the writing fails half-way.

The expected texts are written here whole, with the csv and json modules and a Markdown
report grouped the plain way (every item held), from the records `list --json` gives.
"""

import csv
import io
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from jjj_cli.catalogue import load_catalogue
from jjj_cli.query import Selection
from jjj_cli.render import export as render_export
from jjj_cli.render import records
from jjj_cli.render import search as render_search
from jjj_cli.render.output import Mode
from jjj_cli.store import compiled, searchable

from .ids import joined
from .invoke import jjj, ok_json, written
from .paths import MINI, SHIPPED
from .test_export import expected_cell
from .test_xlsx import as_cell, rows

SCRIPT = Path(sys.executable).parent / ("jjj.exe" if os.name == "nt" else "jjj")
BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"

# Values a spreadsheet, a CSV reader or a Markdown renderer could take for something else; all
# of it made up for the tests. No control characters: tests/test_export.py has those.
AWKWARD = [
    "Tab\tinside, and a comma (fictional)",
    "Line one\nline two, with \"double\" and 'single' quotes (fictional)",
    "  leading and trailing spaces; semi;colons  ",
    "=SUM(A1:A2) looks like a formula (fictional)",
    "+1 plus, -1 minus (fictional)",
    "-starts with a minus (fictional)",
    "@starts with an at sign (fictional)",
    "虚构：「引号」，逗号；分号、顿号。🚄 emoji 🙂",
    "\"Quoted\" first, then a 'single' at the end'",
    "\tstarts with a tab (fictional)",
    "#N/A (fictional) * _ ` [x](y) | # 1. - ",
]
# the texts that take them; a quote must be the source's own words
TEXT_FIELDS = ("title", "title_zh", "summary", "summary_zh")


@pytest.fixture
def awkward(catalogue_copy) -> Path:
    """mini.toml with every item's titles and summaries replaced by awkward ones, one item
    without a theme (the Markdown report's `No theme`), and two experts' items meeting on
    one theme in the report."""
    text = MINI.read_text(encoding="utf-8")
    head, items = text.split("[[proposals]]", 1)
    count = itertools.count()

    def replaced(match: re.Match[str]) -> str:
        value = AWKWARD[next(count) % len(AWKWARD)]
        return f"{match.group(1)} = {json.dumps(value, ensure_ascii=False)}"

    items = re.sub(rf"(?m)^({'|'.join(TEXT_FIELDS)}) = \".*\"$", replaced, items)
    items = items.replace('themes = ["transport"]', "themes = []", 1)
    # Li Hua's first theme in the report becomes Wang Ming's last: a heading for each expert
    item = '\nid = "li-hebei-capacity"'
    before, after = items.split(item)
    after = after.replace('themes = ["clusters"]', 'themes = ["innovation"]', 1)
    return catalogue_copy(head + "[[proposals]]" + before + item + after)


@pytest.fixture(params=["shipped", "awkward"])
def catalogue(request) -> Path:
    return SHIPPED if request.param == "shipped" else request.getfixturevalue("awkward")


def test_the_awkward_catalogue_holds_what_it_should(awkward):
    items = ok_json("list", "--kind", "all", catalogue=awkward)
    texts = {item[field] for item in items for field in TEXT_FIELDS}
    assert texts == set(AWKWARD)
    assert [] in [item["themes"] for item in items]


# --- each format, byte for byte ---------------------------------------------------------------


def whole_delimited(records: list[dict], delimiter: str, excel: bool) -> bytes:
    """The records as one CSV or TSV, written whole by the csv module."""
    buffer = io.StringIO()
    line_end = "\r\n" if delimiter == "," else "\n"
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
    cells = [[expected_cell(value) for value in record.values()] for record in records]
    if excel:  # a formula's first characters, quoted (the test's own list)
        cells = [["'" + c if c[:1] in ("=", "+", "-", "@", "\t") else c for c in r] for r in cells]
    writer.writerows([list(records[0]), *cells])
    return (("\ufeff" if excel else "") + buffer.getvalue()).encode("utf-8")


@pytest.mark.parametrize("excel", [False, True])
@pytest.mark.parametrize("format, delimiter", [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_are_the_records_written_whole(catalogue, format, delimiter, excel):
    records = ok_json("list", "--kind", "all", catalogue=catalogue)
    flags = ["--excel"] if excel else []
    result = jjj("export", "--format", format, "--kind", "all", *flags, catalogue=catalogue)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == whole_delimited(records, delimiter, excel)
    if not excel:  # and a reader gets the records back
        text = result.stdout_bytes.decode("utf-8")
        read = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
        assert read == [{name: expected_cell(v) for name, v in r.items()} for r in records]


def test_json_and_json_lines_are_the_records_dumped_whole(catalogue):
    records = ok_json("list", "--kind", "all", catalogue=catalogue)
    result = jjj("export", "--format", "json", "--kind", "all", catalogue=catalogue)
    assert result.stdout == json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    result = jjj("export", "--format", "jsonl", "--kind", "all", catalogue=catalogue)
    assert result.stdout == "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    assert [json.loads(line) for line in result.stdout.splitlines()] == records


def test_fields_are_streamed_in_the_order_asked(catalogue):
    records = ok_json("list", "--kind", "all", catalogue=catalogue)
    picked = [{"quote": r["quote"], "id": r["id"], "seq": r["seq"]} for r in records]
    fields = ["--fields", "quote,id,seq", "--kind", "all"]
    result = jjj("export", "--format", "csv", *fields, catalogue=catalogue)
    assert result.stdout_bytes == whole_delimited(picked, ",", excel=False)
    result = jjj("export", "--format", "json", *fields, catalogue=catalogue)
    assert result.stdout == json.dumps(picked, ensure_ascii=False, indent=2) + "\n"


def whole_markdown(path: Path, filters: list[str]) -> str:
    """The Markdown report as it was written whole: every item held, the header counted from
    them, then each expert's items theme by theme. The pieces that do not depend on the
    order (the escaping, an item's lines) are the export's own."""
    catalogue = load_catalogue(path)
    ids = [record["id"] for record in ok_json("list", *filters, catalogue=path)]
    by_id = {item.id: item for item in catalogue.items}
    items = [by_id[id] for id in ids]
    md = render_export.md
    kinds = [item.kind for item in items]
    counts = ", ".join(
        f"{kinds.count(kind)} {kind}" + "s" * (kinds.count(kind) != 1)
        for kind in dict.fromkeys(kinds)
    )
    drawn = {item.source for item in items}
    sources = [s for s in catalogue.sources if s.id in drawn or not drawn]
    if len(sources) == 1:
        lines = [f"# {md(sources[0].title_en)}", "", md(sources[0].title), ""]
    else:
        lines = [f"# {len(sources)} sources", ""]
        lines += [f"- {md(s.title_en)}; {md(s.title)} (`{s.id}`)" for s in sources] + [""]
    total = f"{len(items)} item" + "s" * (len(items) != 1)
    lines += [f"{total} ({counts})." if items else "No items.", ""]
    for expert in catalogue.experts:
        own = [item for item in items if item.expert == expert.id]
        if not own:
            continue
        lines += [f"## {md(expert.name)} {md(expert.name_zh)}", ""]
        lines += [f"{md(expert.affiliation)}; {md(expert.affiliation_zh)}", ""]
        for theme in [*catalogue.themes, None]:
            under = [i for i in own if (i.themes[0] if i.themes else None) == (theme and theme.id)]
            if not under:
                continue
            heading = f"{md(theme.name)} {md(theme.name_zh)}" if theme else "No theme"
            lines += [f"### {heading}", ""]
            for item in under:
                lines += render_export._markdown_item(item, len(catalogue.sources) > 1)
    return "\n".join(lines)


@pytest.mark.parametrize("filters", [["--kind", "all"], [], ["--kind", "finding"]])
def test_markdown_is_the_report_written_whole(catalogue, filters):
    result = jjj("export", "--format", "markdown", *filters, catalogue=catalogue)
    assert result.exit_code == 0, result.output
    assert result.stdout == whole_markdown(catalogue, filters)


def test_the_markdown_of_no_items_is_the_report_written_whole():
    filters = ["--theme", "chains", "--kind", "proposal"]  # mini's one item on chains: a finding
    assert ok_json("list", *filters) == []
    assert jjj("export", "--format", "markdown", *filters).stdout == whole_markdown(MINI, filters)


def test_the_markdown_of_several_sources_is_the_report_written_whole():
    two = Path(__file__).parent / "data" / "two-sources" / "catalogue.toml"
    for filters in (["--kind", "all"], ["--source", ok_json("sources", catalogue=two)[1]["id"]]):
        result = jjj("export", "--format", "markdown", *filters, catalogue=two)
        assert result.exit_code == 0, result.output
        assert result.stdout == whole_markdown(two, filters)


def test_the_workbook_holds_the_awkward_records(tmp_path, awkward):
    path = tmp_path / "out.xlsx"
    result = jjj("export", "--kind", "all", "-o", str(path), catalogue=awkward)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["items", "figures"]
    records = ok_json("list", "--kind", "all", catalogue=awkward)
    sheet = book["items"]
    assert rows(sheet) == [list(records[0])] + [[as_cell(v) for v in r.values()] for r in records]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):  # `=SUM(…)` and `#N/A` too: text, never run
                assert (cell.data_type, cell.number_format) == ("s", "@"), cell.value
            assert cell.alignment.vertical == "top"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:M{len(records) + 1}"
    # a cell with a line break wraps, in a row tall enough for its lines
    letters = {cell.value: cell.column_letter for cell in sheet[1]}
    broken = [cell for cell in sheet[letters["title"]][1:] if "\n" in cell.value]
    assert broken and all(cell.alignment.wrap_text for cell in broken)
    assert all(sheet.row_dimensions[cell.row].height >= 2 * 16 for cell in broken)
    figures = ok_json("figures", catalogue=awkward)  # the sheet's columns, and each note
    assert rows(book["figures"])[1:] == [
        [as_cell(v) for k, v in f.items() if k != "note"] for f in figures
    ]


# --- written as they are read ------------------------------------------------------------------


class Reading:
    """Items handed out one at a time, counting how many have been taken; each pass anew."""

    def __init__(self, items) -> None:
        self.items = list(items)
        self.taken = 0

    def __iter__(self):
        self.taken = 0
        for item in self.items:
            self.taken += 1
            yield item


def taken_at_each_chunk(chunks, reading: Reading) -> list[int]:
    return [reading.taken for _ in chunks]


@pytest.mark.parametrize("format", ["csv", "tsv", "json", "jsonl"])
def test_a_text_export_writes_each_item_before_reading_the_next(mini, format):
    reading = Reading(mini.items)
    chunks = render_export.export(mini, reading, mini.figures, format)
    taken = taken_at_each_chunk(chunks, reading)
    # a header (CSV, TSV) before any item; then a chunk per item, as soon as it is read
    first = 1 if format in ("csv", "tsv") else 0
    assert taken[first : first + len(mini.items)] == list(range(1, len(mini.items) + 1))


def test_the_markdown_report_reads_each_item_by_id_as_it_writes_it(mini):
    fetched = []

    def by_id(id):
        fetched.append(id)
        return next(item for item in mini.items if item.id == id)

    chunks = render_export.export(mini, mini.items, mini.figures, "markdown", by_id=by_id)
    # the header first, from one pass over the items; then each item fetched as it is written
    assert [len(fetched) for _ in chunks] == [0, *range(1, len(mini.items) + 1)]
    assert sorted(fetched) == sorted(item.id for item in mini.items)


def test_the_markdown_plan_counts_and_orders_by_expert_then_first_theme(mini):
    counted, ids = render_export.report_plan(mini, iter(mini.items))  # one pass will do
    kinds = [item.kind for item in mini.items]
    assert counted.total == len(mini.items)
    assert list(counted.kinds.items()) == [(k, kinds.count(k)) for k in dict.fromkeys(kinds)]
    assert counted.sources == {"mini-forum"}
    by_id = {item.id: item for item in mini.items}
    experts = [expert.id for expert in mini.experts]
    themes = [theme.id for theme in mini.themes]
    keys = [(experts.index(by_id[id].expert), themes.index(by_id[id].themes[0])) for id in ids]
    assert sorted(ids) == sorted(by_id) and keys == sorted(keys)
    for key in set(keys):  # within a group, the catalogue's order
        group = [id for id, k in zip(ids, keys) if k == key]
        assert group == [item.id for item in mini.items if item.id in group]


@pytest.mark.parametrize(
    "mode, fields", [(Mode.JSON, ()), (Mode.PLAIN, ()), (Mode.JSON, ("id",)), (Mode.PLAIN, ("id",))]
)
def test_search_writes_each_hit_before_reading_the_next(mini, mode, fields):
    from jjj_cli.store.loaded import Loaded

    store = Loaded(mini)
    found = store.search("雄安", Selection())
    assert len(found) > 1
    if mode is Mode.PLAIN and not fields:  # the hits in brief
        reading = Reading(found)
        chunks = render_search.search(reading, mode)
    else:  # the items' records
        reading = Reading(store.hits(found))
        chunks = render_search.search_records(reading, mode, fields)
    hits = found
    taken = taken_at_each_chunk(chunks, reading)
    first = 0 if mode is Mode.JSON else 1  # TSV: its header first
    assert taken[first : first + len(hits)] == list(range(1, len(hits) + 1))
    assert len(taken) == len(hits) + 1


def test_search_json_is_the_hits_dumped_whole():
    for args in (["雄安"], ["产业", "--kind", "all"], ["cluster", "--fields", "quote,id,score"]):
        result = jjj("search", *args, "--json", catalogue=SHIPPED)
        assert result.exit_code == 0, result.output
        hits = json.loads(result.stdout)
        assert len(hits) > 1
        assert result.stdout == json.dumps(hits, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("format", ["xlsx", "markdown", "sqlite", "csv"])
def test_export_counts_the_items_once_however_often_it_reads_them(tmp_path, mini, format):
    # a workbook reads the items twice (sizes, then rows), the report too (counts, then order)
    target = tmp_path / "out"
    result = jjj("export", "--format", format, "--kind", "all", "-o", str(target))
    assert result.stderr == f"Wrote {len(mini.items)} items ({format}) to {target}.\n"


# --- a reader that goes, a write that fails ---------------------------------------------------


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Path:
    """A generated catalogue whose exports are many times a pipe's buffer."""
    import importlib.util

    # bench.py imports its neighbour sqlite_answers.py, as a script's directory is on the path
    sys.path.insert(0, str(BENCH.parent))
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # dataclasses look their module up while it loads
    try:
        spec.loader.exec_module(module)
        return module.generate(1500, tmp_path_factory.mktemp("large"), SHIPPED)
    finally:
        del sys.modules["bench"]
        sys.modules.pop("sqlite_answers", None)
        sys.path.remove(str(BENCH.parent))


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "csv", "--kind", "all"],
        ["export", "--format", "tsv", "--kind", "all"],
        ["export", "--format", "json", "--kind", "all"],
        ["export", "--format", "jsonl", "--kind", "all"],
        ["export", "--format", "markdown", "--kind", "all"],
        ["search", "产业", "--kind", "all", "--json"],
        ["search", "产业", "--kind", "all"],
    ],
    ids=joined,
)
def test_a_reader_that_goes_after_the_first_line_leaves_a_quiet_success(large, args):
    assert SCRIPT.exists(), f"the jjj console script is not installed next to {sys.executable}"
    # stdout buffered, as a person's shell leaves it (tests/test_closed_pipe.py says why)
    drop = ("JJJ_CATALOGUE", "PYTHONUNBUFFERED")
    env = {key: value for key, value in os.environ.items() if key not in drop}
    process = subprocess.Popen(
        [str(SCRIPT), "--catalogue", str(large), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout.readline()
    process.stdout.close()  # the reader has what it wanted, as `| head -1`
    stderr = process.stderr.read()
    assert (process.wait(timeout=120), stderr) == (0, b"")


def test_the_large_exports_are_larger_than_a_pipe_holds(large):
    # else the test above would not meet the closed pipe mid-stream
    result = jjj("export", "--format", "csv", "--kind", "all", catalogue=large)
    assert len(result.stdout_bytes) > 16 * 65536


def fail_at_the_third_item(monkeypatch, module, name: str, error: BaseException) -> list:
    """Make module.name, called once per item written, raise `error` at the third item; the
    list of the items it was called with. The catalogue is compiled first, which calls some
    of them too."""
    assert jjj("list").exit_code == 0
    original = getattr(module, name)
    calls = []

    def failing(item, *args):
        calls.append(item)
        if len(calls) == 3:
            raise error
        return original(item, *args)

    monkeypatch.setattr(module, name, failing)
    return calls


@pytest.mark.parametrize("format", ["csv", "json", "markdown", "xlsx", "sqlite"])
@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_an_error_half_way_through_leaves_no_file(tmp_path, monkeypatch, format, error):
    # the Markdown report writes an item's lines itself; SQLite, after copying the tables,
    # indexes each field of each item for Datasette's search; the others write each record
    module, name = {
        "markdown": (render_export, "_markdown_item"),
        "sqlite": (searchable, "indexed"),
    }.get(format, (records, "item"))
    calls = fail_at_the_third_item(monkeypatch, module, name, error)
    result = jjj("export", "--format", format, "--kind", "all", "-o", str(tmp_path / "out"))
    assert len(calls) == 3
    assert result.exit_code == (3 if isinstance(error, OSError) else 130), result.output
    assert list(tmp_path.iterdir()) == []


def test_an_error_half_way_through_a_filtered_sqlite_export_leaves_no_file(tmp_path, monkeypatch):
    # a filtered export (here the proposals, 6 of mini's 10 items) indexes its items for jjj's
    # search itself, reading each item
    calls = fail_at_the_third_item(monkeypatch, compiled, "_item", OSError(28, "No space"))
    result = jjj("export", "--format", "sqlite", "-o", str(tmp_path / "out"))
    assert len(calls) == 3
    assert result.exit_code == 3, result.output
    assert list(tmp_path.iterdir()) == []


def test_an_error_half_way_through_keeps_the_file_it_was_to_replace(tmp_path, monkeypatch):
    target = tmp_path / "items.csv"
    target.write_text("precious", encoding="utf-8")
    error = OSError(28, "No space left on device")
    fail_at_the_third_item(monkeypatch, records, "item", error)
    result = jjj("export", "--kind", "all", "-o", str(target), "--force")
    assert result.exit_code == 3
    assert result.stderr == f"Error: cannot write {target}: No space left on device\n"
    assert [path.name for path in tmp_path.iterdir()] == ["items.csv"]
    assert target.read_text(encoding="utf-8") == "precious"


def test_on_a_terminal_the_streamed_export_shows_control_characters_escaped(catalogue_copy):
    title = 'title = "Put Beijing'
    controls = r"\u001b[2J\u009b31m\u202e "  # TOML escapes: a screen clear, a C1 CSI, bidi
    text = MINI.read_text(encoding="utf-8").replace(title, title.replace('"', '"' + controls))
    path = catalogue_copy(text)
    args = ["--catalogue", str(path), "export", "--fields", "id,title"]
    exact = written(*args, terminal=False).stdout
    assert "\x1b[2J\x9b31m\u202e Put Beijing" in exact  # a pipe gets the data exact
    shown = written(*args, terminal=True)
    assert shown.exit_code == 0, shown.output
    expected = exact.replace("\x1b", "\\x1b").replace("\x9b", "\\x9b").replace("\u202e", "\\u202e")
    assert shown.stdout == expected
    assert shown.stdout.count("\r\n") == len(exact.splitlines())  # the CSV's line ends kept
