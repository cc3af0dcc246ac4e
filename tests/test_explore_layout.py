"""`matrix` and `compare` on a terminal, at every width from 60 to 160 columns and in both
languages: read back from the screen, the table says what `--json` says, every name, id and
count whole, nothing wider than the terminal.

The screen is parsed as a reader would: column edges from where the counts end, headers and
rows by position, a legend by key. Expected values come from `--json` and the catalogue's
own records, never from the renderer.
"""

from __future__ import annotations

import io
import json
import re
from functools import cache

import pytest
from rich.cells import cell_len
from rich.console import Console

from jjj_cli import load_catalogue
from jjj_cli.cli import app
from jjj_cli.explore import compare, matrix
from jjj_cli.query import Facet, Kind, Selection, facet_values
from jjj_cli.render import explore as render_explore
from jjj_cli.render import heatmap
from jjj_cli.render.comparison import ComparedItem, ComparedTheme, Comparison
from jjj_cli.render.output import Lang, Mode

from .invoke import runner
from .paths import SHIPPED
from .terminal import marked

CATALOGUE = load_catalogue(SHIPPED)
WIDTHS = [60, 80, 100, 120, 160]

# Chinese typesetting: never at the start of a line, never at its end.
CLOSING = set("，。、；：？！）》」』】”’")
OPENING = set("（《「『【“‘")


def screen(renderable, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system=None)
    console.print(renderable)
    lines = console.file.getvalue().splitlines()
    assert max(cell_len(line) for line in lines) <= width
    return lines


def json_of(*args: str):
    result = runner.invoke(app, ["--catalogue", str(SHIPPED), *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def runs(line: str) -> list[tuple[int, int, str]]:
    """Each run of non-space characters: its first and past-the-end cell, and its text."""
    found, position = [], 0
    for match in re.finditer(r"\S+|\s+", line):
        width = cell_len(match.group())
        if not match.group().isspace():
            found.append((position, position + width, match.group()))
        position += width
    return found


def cells(line: str, start: int, end: int) -> str:
    """The characters of the line that start in cells [start, end)."""
    text, position = "", 0
    for char in line:
        if start <= position < end:
            text += char
        position += cell_len(char)
    return text


@cache
def listed(id: str) -> int:
    """How many proposals `jjj list` gives for one expert, theme or region."""
    facet = next(f for f in Facet if id in {r.id for r in facet_values(CATALOGUE, f, Selection())})
    return len(json_of("list", f"--{facet.value}", id))


def label(id: str, lang: Lang) -> str:
    return CATALOGUE.by_id[id].name_zh if lang is Lang.zh else id


# --- matrix --------------------------------------------------------------------------------

FACET_PAIRS = [
    ("expert", "theme"),
    ("theme", "expert"),
    ("region", "expert"),
    ("expert", "region"),
    ("theme", "region"),
    ("region", "theme"),
]
COUNT = re.compile(r"\d+|·")


def read_matrix(lines: list[str], lang: Lang):
    """The heat map read back: (column headers, {row label: counts}, totals row, legend)."""
    rules = [n for n, line in enumerate(lines) if set(line.strip()) == {"─"}]
    assert len(rules) == 2, lines
    header, body = lines[: rules[0]], lines[rules[0] + 1 : rules[1]]
    totals_line, rest = lines[rules[1] + 1], lines[rules[1] + 2 :]
    # the counts stand at the end of a row's first line, right-aligned: their ends are the
    # columns' right edges
    first = runs(body[0])
    width = 0
    while width < len(first) and COUNT.fullmatch(first[-1 - width][2]):
        width += 1
    edges = [end for _, end, _ in first[-width:]]

    def counts_of(line: str) -> list[str] | None:
        found = runs(line)
        if len(found) <= width or [end for _, end, _ in found[-width:]] != edges:
            return None
        return [text for _, _, text in found[-width:]]

    joiner = "" if lang is Lang.zh else " "
    rows: list[list] = []  # [label, counts, lines it takes]
    for line in body:
        counts = counts_of(line)
        if counts is None:  # a long label goes on below the first line
            assert rows and all(end <= edges[0] for _, end, _ in runs(line))
            rows[-1][0] += joiner + line.strip()
            rows[-1][2] += 1
        else:
            rows.append([cells(line, 0, runs(line)[-width][0]).strip(), counts, 1])
    assert max(taken for _, _, taken in rows) <= 3, rows  # a name is never stood on end
    totals = counts_of(totals_line)
    assert totals is not None

    # each header line's pieces end at a column's edge; the corner stands left of them all
    headers = [[] for _ in edges]
    for line in header:
        for _start, end, text in runs(line):
            if end in edges:
                headers[edges.index(end)].append(text)
            else:
                assert end <= runs(body[0])[-width][0], (line, text)
    assert all(1 <= len(pieces) <= 2 for pieces in headers), headers
    heads = [joiner.join(pieces) for pieces in headers]

    legend = {}
    for line in rest:
        tokens = line.split()
        assert len(tokens) % 2 == 0, line
        legend.update(zip(tokens[::2], tokens[1::2]))
    return heads, {name: counts for name, counts, _ in rows}, totals, legend


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize(
    "rows, cols", FACET_PAIRS, ids=lambda pair: "×".join(pair) if isinstance(pair, tuple) else pair
)
def test_the_heat_map_read_back_is_the_json(rows, cols, lang, width):
    cells_json = json_of("matrix", "--rows", rows, "--cols", cols)
    result = matrix(CATALOGUE, Facet(rows), Facet(cols), Selection(kind=Kind.proposal))
    lines = screen(render_explore.matrix(CATALOGUE, result, Mode.TABLE, lang), width)
    heads, shown_rows, totals, legend = read_matrix(lines, lang)

    row_ids = list(dict.fromkeys(cell["row"] for cell in cells_json))
    col_ids = list(dict.fromkeys(cell["col"] for cell in cells_json))
    items = {(cell["row"], cell["col"]): set(cell["ids"]) for cell in cells_json}
    count = {key: len(ids) for key, ids in items.items()}
    total_word = "合计" if lang is Lang.zh else "total"
    assert heads[-1] == total_word
    # rows as asked or transposed, whichever the renderer chose: the labels say which
    labels_down = [name for name in shown_rows]
    if labels_down == [label(id, lang) for id in row_ids]:
        down, across = row_ids, col_ids
    else:
        assert labels_down == [label(id, lang) for id in col_ids]
        down, across = col_ids, row_ids
        count = {(col, row): n for (row, col), n in count.items()}
        items = {(col, row): ids for (row, col), ids in items.items()}
    # headers: the labels themselves, or keys that the legend gives in full, every one
    if legend:
        assert set(legend) == set(heads[:-1])
        heads = [legend[key] for key in heads[:-1]] + [heads[-1]]
    assert heads == [label(id, lang) for id in across] + [total_word]

    def number(text: str) -> int:
        return 0 if text == "·" else int(text)

    # a total counts the distinct items in its row's or column's cells, not their sum
    for row_id, shown in zip(down, shown_rows.values()):
        assert [number(text) for text in shown[:-1]] == [count[row_id, col] for col in across]
        assert number(shown[-1]) == len(set().union(*(items[row_id, col] for col in across)))
    for col, shown in zip(across, totals):
        assert number(shown) == len(set().union(*(items[row_id, col] for row_id in down)))
    assert number(totals[-1]) == len(set().union(*items.values()))


def test_the_heat_map_changes_layout_rather_than_squeezing():
    result = matrix(CATALOGUE, Facet.expert, Facet.theme, Selection(kind=Kind.proposal))

    def first_column(width: int) -> list[str]:
        lines = screen(render_explore.matrix(CATALOGUE, result, Mode.TABLE, Lang.en), width)
        rule = next(n for n, line in enumerate(lines) if set(line.strip()) == {"─"})
        return [line.split()[0] for line in lines[rule + 1 : rule + 4]]

    # 13 themes side by side need 160 columns; at 80 they go down the side instead
    assert first_column(160) == ["cong-yi", "zhao-hong", "ye-tanglin"]
    assert first_column(80) == ["clusters", "platforms", "free-trade"]
    # 22 regions by 13 themes fit 60 columns only under keys, with the legend
    result = matrix(CATALOGUE, Facet.region, Facet.theme, Selection(kind=Kind.proposal))
    lines = screen(render_explore.matrix(CATALOGUE, result, Mode.TABLE, Lang.en), 60)
    keys = list("ABCDEFGHIJKLM")
    assert lines[0].split() == ["region", "\\", "theme", *keys, "total"]
    # beneath the totals, the legend: every key once, beside its theme's whole id
    themes = list(
        dict.fromkeys(
            cell["col"] for cell in json_of("matrix", "--rows", "region", "--cols", "theme")
        )
    )
    legend = lines[len(lines) - lines[::-1].index("") :]
    pairs = [pair for line in legend for pair in zip(line.split()[::2], line.split()[1::2])]
    assert sorted(key for key, _ in pairs) == keys
    assert dict(pairs) == dict(zip(keys, themes))
    assert all(len(line.split()) % 2 == 0 for line in legend)


def legend(entries: list[tuple[str, str]], width: int) -> tuple[list[str], list[str]]:
    """The legend's lines as a 16-colour terminal shows them, and what it shows in bold."""
    console = Console(
        file=io.StringIO(), width=80, force_terminal=True, color_system="standard", no_color=False
    )
    for line in heatmap._legend(entries, width):
        console.print(line)
    output = console.file.getvalue()
    bold = [run.strip() for run in re.findall(r"\x1b\[1m(.*?)\x1b\[0m", output)]
    return re.sub(r"\x1b\[[0-9;]*m", "", output).split("\n")[:-1], bold


def test_the_legend_goes_down_then_across_in_as_many_columns_as_fit():
    # fictional labels; keys right-aligned to the widest (2), each entry 2 + 1 + 5 = 8 cells
    # wide, 2 between columns, after a margin of 1: three columns need 1 + 3*8 + 2*2 = 29
    entries = [("A", "alpha"), ("B", "beta"), ("AA", "gamma")]
    assert legend(entries, 29) == (["  A alpha   B beta   AA gamma"], ["A", "B", "AA"])
    assert legend(entries, 28) == (["  A alpha  AA gamma", "  B beta"], ["A", "AA", "B"])


def test_a_legend_too_wide_for_two_columns_has_one_a_line_its_labels_aligned():
    # a 21-cell label does not leave room for two columns in 16: one a line, the keys
    # right-aligned so that every label starts at the same column, a long one wrapped
    # under itself, within the 15 cells after the margin ("B fictional abc" would be 16)
    entries = [("Z", "alpha"), ("B", "fictional abc"), ("AA", "fictional gamma delta")]
    lines = ["  Z alpha", "  B fictional", "    abc", " AA fictional", "    gamma delta"]
    assert legend(entries, 16) == (lines, ["Z", "B", "AA"])


# --- compare -------------------------------------------------------------------------------

EXPERT_SETS = [["zhao-hong", "ye-tanglin"], ["zhao-hong", "ye-tanglin", "cong-yi"]]


def rejoined(parts: list[str], original: str) -> str:
    """The wrapped lines put back together, if every break was allowed: at a space (dropped),
    or beside a Chinese character (between characters). Else the lines joined with `|`."""
    text = parts[0]
    for part in parts[1:]:
        if original.startswith(text + " " + part):
            text += " " + part
        elif original.startswith(text + part) and max(cell_len(text[-1]), cell_len(part[0])) == 2:
            text += part
        else:
            return "|".join(parts)
    return text


def item_blocks(lines: list[str], expected: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(title, id) of each bulleted item in a column's lines: the bullet with the title's
    first line, the title's other lines, its id on the last line."""
    blocks: list[list[str]] = []
    for line in lines:
        if not line.strip():
            continue
        if line.lstrip().startswith("•"):
            assert re.match(r"\s*• \S", line), line  # never a bullet alone
            blocks.append([line.strip()[2:]])
        else:
            assert blocks, line
            blocks[-1].append(line.strip())
    for block in blocks:
        for part in block:
            assert part[0] not in CLOSING and part[-1] not in OPENING, block
    titles = [title for title, _ in expected] + [""] * len(blocks)
    return [(rejoined(block[:-1], title), block[-1]) for block, title in zip(blocks, titles)]


def links_in(lines: list[str]) -> list[tuple[str, str, str]]:
    """Each `⇄ from relation to` line (its wrapped rest on the lines below joined to it)."""
    found: list[list[str]] = []
    for line in lines:
        tokens = line.split()
        if "⇄" in tokens and tokens[tokens.index("⇄") + 1 :] != ["converge"]:
            found.append(tokens[tokens.index("⇄") + 1 :])
        elif found and len(found[-1]) < 3:
            found[-1] += tokens
    assert all(len(link) == 3 for link in found), found
    return [tuple(link) for link in found]


def expected_items(row: dict, expert: str, lang: Lang) -> list[tuple[str, str]]:
    field = "title_zh" if lang is Lang.zh else "title"
    return [(getattr(CATALOGUE.by_id[id], field), id) for id in row["experts"][expert]]


def read_side_by_side(lines: list[str], experts: list[str], lang: Lang):
    """Per theme block: the theme column's text, each expert column's lines, the links."""
    names = [
        CATALOGUE.by_id[e].name_zh if lang is Lang.zh else CATALOGUE.by_id[e].name for e in experts
    ]
    starts = [cell_len(lines[0][: lines[0].index(name)]) for name in names]
    edges = [*starts, 10**6]
    blocks, current = [], None
    for line in lines[2:]:
        if set(line.strip()) == {"─"}:
            current = None
            continue
        if current is None:
            current = {"theme": [], "columns": [[] for _ in experts], "links": []}
            blocks.append(current)
        if current["links"] or cells(line, starts[0], starts[0] + 2) == "⇄ ":
            current["links"].append(line)
            continue
        current["theme"].append(cells(line, 0, starts[0]).strip())
        for n in range(len(experts)):
            current["columns"][n].append(cells(line, edges[n], edges[n + 1]))
    return blocks


def read_stacked(lines: list[str], experts: list[str], lang: Lang):
    names = [
        CATALOGUE.by_id[e].name_zh if lang is Lang.zh else CATALOGUE.by_id[e].name for e in experts
    ]
    blocks, current, column = [], None, None
    for line in lines:
        if not line.strip():
            current = None
            continue
        if current is None:
            current = {"theme": [line.strip()], "columns": [[] for _ in experts], "links": []}
            blocks.append(current)
            column = None
            continue
        if current["links"] or line.strip() == "links":
            current["links"].append(line)
        elif line.startswith("   ") and line[3] != " " and line.strip() in names:
            column = current["columns"][names.index(line.strip())]
        elif column is None:
            current["theme"].append(line.strip())  # the theme's other name
        else:
            assert line.startswith("     "), line  # items stand under their expert
            column.append(line)
    return blocks


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("experts", EXPERT_SETS, ids=",".join)
def test_compare_read_back_is_the_json(experts, lang, width):
    rows = [row for row in json_of("compare", *experts) if row["status"] != "none"]
    comparisons = compare(CATALOGUE, experts, Selection(kind=Kind.proposal))
    lines = screen(render_explore.compare(CATALOGUE, comparisons, experts, Mode.TABLE, lang), width)
    beside = lines[0].split()[0] == ("主题" if lang is Lang.zh else "theme")
    reader = read_side_by_side if beside else read_stacked
    blocks = reader(lines, experts, lang)
    assert len(blocks) == len(rows)
    marks = {"converge": "⇄ converge", "shared": "= shared", "only": "○ only"}
    for row, block in zip(rows, blocks):
        theme = " ".join(block["theme"])
        name = label(row["theme"], lang)
        if lang is Lang.zh:  # the name may wrap in the theme column, between characters
            assert name in "".join(theme.split()), theme
        else:
            assert theme.split()[0] == row["theme"]
        assert marks[row["status"]] in theme
        if not beside:  # a heading with the status, then the other name of the theme
            other = row["theme"] if lang is Lang.zh else row["name"]
            assert rejoined(block["theme"][1:], other) == other
        for n, expert in enumerate(experts):
            expected = expected_items(row, expert, lang)
            assert item_blocks(block["columns"][n], expected) == expected
        expected = [(link["from"], link["relation"], link["to"]) for link in row["links"]]
        assert links_in(block["links"]) == expected


@pytest.mark.parametrize("lang", list(Lang))
def test_compare_stacks_the_experts_when_their_columns_get_narrow(lang):
    experts = ["zhao-hong", "ye-tanglin", "cong-yi"]
    comparisons = compare(CATALOGUE, experts, Selection(kind=Kind.proposal))
    header = "主题" if lang is Lang.zh else "theme"

    def first_word(width: int) -> str:
        rendered = render_explore.compare(CATALOGUE, comparisons, experts, Mode.TABLE, lang)
        return screen(rendered, width)[0].split()[0]

    # 3 experts in 120 columns have 33 each; in 100, 26: under the widest id and its bullet
    assert first_word(120) == header
    assert first_word(100) == label("clusters", lang)


def test_compare_tsv_lists_the_links_last():
    result = runner.invoke(
        app, ["--catalogue", str(SHIPPED), "compare", "cong-yi", "zhao-hong", "ye-tanglin"]
    )
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert lines[0] == ["theme", "status", "cong-yi", "zhao-hong", "ye-tanglin", "links"]
    links = {line[0]: line[5] for line in lines[1:]}
    # read from data/proposals.toml: each pair is linked in the `related` of the earlier
    # item, and both items carry the theme
    assert links["coordination"] == "zhao-industrial-foundation>ye-forge-industrial-core:echoes"
    assert links["institutions"].split(",") == [
        "cong-remove-barriers>zhao-ftz-breakthroughs:complements",
        "cong-break-silos>zhao-regional-approvals:complements",
        "cong-deepen-fang-guan-fu>zhao-regional-approvals:complements",
        "cong-administrative-reform>zhao-regional-approvals:echoes",
    ]
    assert links["relocation"] == ""  # one expert alone links nothing


# The styles compare shows, and its layout at the edges of each width, on fictional themes:
# each expected screen worked by hand from the module's docstring and its constants (a
# margin of 1, 2 between columns, a bullet of 2 cells, experts stacked under 24 cells each)


def test_compare_side_by_side_exactly():
    themes = [
        ComparedTheme("fictional-a", "Fictional A", "converge",
                      ((ComparedItem("fa-1", "Alpha plan"),), (ComparedItem("fb-1", "Beta plan"),)),
                      (("fa-1", "fb-1", "echoes"),)),
        ComparedTheme("fictional-b", "Fictional B", "only",
                      ((ComparedItem("fa-2", "Gamma"),), ()), ()),
        ComparedTheme("fictional-c", "Fictional C", "none", ((), ()), ()),  # nobody: left out
    ]  # fmt: skip
    # the theme column 11 wide (its widest label), each expert's (64 - 1 - 11 - 2*2) / 2 = 24
    assert marked(Comparison(themes, ["Ann Fict", "Bo Fict"], "theme"), 64) == [
        " [bold]theme[/]        [bold]Ann Fict[/]                  [bold]Bo Fict[/]",
        " " + "─" * 63,
        " [bold cyan]fictional-a[/]  • Alpha plan              • Beta plan",
        " [bold green]⇄ converge[/]     [dim]fa-1[/]                      [dim]fb-1[/]",
        " [bold dim]links[/]        [green]⇄ [/]fa-1 [italic]echoes[/] fb-1",
        "[dim] " + "─" * 63 + "[/]",
        " [bold cyan]fictional-b[/]  • Gamma",
        " [yellow]○ only[/]         [dim]fa-2[/]",
    ]


def test_compare_stacked_exactly_each_part_wrapped_to_what_its_indent_leaves():
    name = "Fen Ictional of the Fictional Institute"  # 39 cells: wider than 40 - 3
    label = "虚构主题" * 5  # 40 cells: its heading wraps within 39, between characters
    other = "Fictional theme whose English name spans"  # 40 cells
    title = "Build a fictional bridge of glass"  # 33 cells: 40 - 3 - 2, less its bullet
    # the link "⇄ fict-alpha-plan-01 echoes fb-0001": 35 cells, all that its indent leaves
    themes = [
        ComparedTheme(label, other, "converge",
                      ((ComparedItem("fict-alpha-plan-01", title),),
                       (ComparedItem("fb-0001", "Beta plan"),)),
                      (("fict-alpha-plan-01", "fb-0001", "echoes"),)),
        ComparedTheme("fictional-b", "Fictional B", "only",
                      ((ComparedItem("fa-2", "Gamma"),), ()), ()),
    ]  # fmt: skip
    assert marked(Comparison(themes, [name, "Bo Fict"], "theme"), 40) == [
        f" [bold cyan]{label[:19]}[/]",
        # the two spaces before the mark are the heading's: in its (invisible) style
        f" [bold cyan]{label[19:]}  [/][bold green]⇄ converge[/]",
        " [dim]Fictional theme whose English name[/]",
        " [dim]spans[/]",
        "   [bold]Fen Ictional of the Fictional[/]",
        "   [bold]Institute[/]",
        f"     • {title}",
        "       [dim]fict-alpha-plan-01[/]",
        "   [bold]Bo Fict[/]",
        "     • Beta plan",
        "       [dim]fb-0001[/]",
        "   [bold dim]links[/]",
        "     [green]⇄ [/]fict-alpha-plan-01 [italic]echoes[/] fb-0001",
        "",
        # within the heading, the mark is bold as the heading is
        " [bold cyan]fictional-b  [/][bold yellow]○ only[/]",
        " [dim]Fictional B[/]",
        "   [bold]Fen Ictional of the Fictional[/]",
        "   [bold]Institute[/]",
        "     • Gamma",
        "       [dim]fa-2[/]",
    ]


def test_compare_keeps_its_theme_column_as_wide_as_its_widest_mark():
    # labels shorter than "⇄ converge" (10 cells): the column is the mark's width
    themes = [
        ComparedTheme("ab", "Ab", "converge",
                      ((ComparedItem("fa-1", "Alpha"),), (ComparedItem("fb-1", "Beta"),)), ()),
    ]  # fmt: skip
    header = " [bold]theme[/]" + " " * 7 + "[bold]Ann[/]" + " " * 23 + "[bold]Bo[/]"
    assert marked(Comparison(themes, ["Ann", "Bo"], "theme"), 64) == [
        header,
        " " + "─" * 63,
        " [bold cyan]ab[/]" + " " * 10 + "• Alpha" + " " * 19 + "• Beta",
        " [bold green]⇄ converge[/]" + " " * 4 + "[dim]fa-1[/]" + " " * 22 + "[dim]fb-1[/]",
    ]
    # and with no theme at all (nobody has anything on any), the header and its rule
    assert marked(Comparison([], ["Ann", "Bo"], "theme"), 64) == [header, " " + "─" * 63]
