"""`matrix` on a terminal, line by line and style by style, on fictional matrices written out by
hand: the shades of the counts, what is bold and dim, the layout chosen at the widths where it
changes, and the layout taken when none fits."""

from __future__ import annotations

import io
import re

from rich.console import Console

from jjj_cli import load_catalogue
from jjj_cli.cli import app
from jjj_cli.explore import matrix
from jjj_cli.explore.tabulate import Cell, Matrix
from jjj_cli.query import Facet, Kind, Selection
from jjj_cli.render import explore as render_explore
from jjj_cli.render import heatmap
from jjj_cli.render.heatmap import Heatmap
from jjj_cli.render.output import Lang, Mode

from . import independent
from .invoke import runner

# The SGR codes rich sends to a 256-colour terminal, named as the xterm palette names them.
_CODES = {"1": "bold", "2": "dim", "37": "white"}
_PALETTE = {
    "240": "grey35",
    "25": "deep_sky_blue4",
    "26": "dodger_blue3",
    "27": "dodger_blue2",
    "33": "dodger_blue1",
}


def _named(match: re.Match[str]) -> str:
    codes, names = match[1].split(";"), []
    while codes:
        code = codes.pop(0)
        if code == "48":  # a background from the palette: 48;5;N
            names.append("on " + _PALETTE[codes[1]])
            del codes[:2]
        else:
            names.append(_CODES[code])
    return f"[{' '.join(names)}]{match[2]}[/]"


def styled(renderable, width: int) -> list[str]:
    """The lines a 256-colour terminal `width` cells wide receives, each run of one style
    written `[style]text[/]`."""
    console = Console(
        file=io.StringIO(), width=width, force_terminal=True, color_system="256", no_color=False
    )
    console.print(renderable)
    output = console.file.getvalue()
    while True:  # one run of a style, however many pieces rich was given it in
        joined = re.sub(r"\x1b\[([0-9;]+)m([^\x1b]*)\x1b\[0m\x1b\[\1m", "\x1b[\\1m\\2", output)
        if joined == output:
            break
        output = joined
    return re.sub(r"\x1b\[([0-9;]+)m(.*?)\x1b\[0m", _named, output).split("\n")[:-1]


def plain(renderable, width: int) -> list[str]:
    return [re.sub(r"\[[^\]]*\]", "", line) for line in styled(renderable, width)]


def fictional(
    rows: dict[str, list[int]], col_totals: dict[str, int], row_totals: list[int], total: int
) -> Matrix:
    """A matrix of made-up items: each row's counts, in the order of `col_totals`."""
    cols = tuple(col_totals)
    cells = tuple(
        Cell(row, col, tuple(f"fictional-{row}-{col}-{n}" for n in range(count)))
        for row, counts in rows.items()
        for col, count in zip(cols, counts)
    )
    return Matrix(
        Facet.expert,
        Facet.theme,
        tuple(rows),
        cols,
        cells,
        dict(zip(rows, row_totals)),
        dict(col_totals),
        total,
    )


# Two fictional experts by four fictional themes. The largest count is 9: a count's shade is
# the fifth of 10 it reaches (5 × count // 10), 1 → grey35, 2 → deep_sky_blue4,
# 4 → dodger_blue3, 6 and 7 → dodger_blue2, 8 and 9 → dodger_blue1.
SMALL = fictional(
    {"ann": [9, 0, 2, 7], "bo": [1, 4, 6, 8]},
    {"alpha": 10, "beta": 4, "gamma": 7, "delta": 12},
    [15, 19],
    30,
)


def small() -> Heatmap:
    labels = {id: id for id in ("ann", "bo", "alpha", "beta", "gamma", "delta")}
    return Heatmap(SMALL, labels, ["expert", "theme"], "total")


def test_the_heat_map_exactly_its_counts_shaded_its_labels_and_totals_bold():
    # at 60 cells the table as asked: the row labels as wide as the corner (14), each column
    # as its header, 2 cells between them; 1 + 14 + 2 + (5 + 4 + 5 + 5 + 3 × 2) + 2 + 5 = 49
    # cells, the rules 48 after the margin
    shade = "bold white on "
    assert styled(small(), 60) == [
        " [bold]expert \\ theme[/]  [bold]alpha[/]  [bold]beta[/]  [bold]gamma[/]"
        "  [bold]delta[/]  [bold]total[/]",
        " " + "─" * 48,
        " [bold]ann[/]" + " " * 13 + f"[{shade}dodger_blue1]    9[/]     [dim]·[/]"
        f"  [{shade}deep_sky_blue4]    2[/]  [{shade}dodger_blue2]    7[/]     [bold]15[/]",
        " [bold]bo[/]" + " " * 14 + f"[{shade}grey35]    1[/]  [{shade}dodger_blue3]   4[/]"
        f"  [{shade}dodger_blue2]    6[/]  [{shade}dodger_blue1]    8[/]     [bold]19[/]",
        "[dim] " + "─" * 48 + "[/]",
        " [bold]total[/]" + " " * 14 + "[bold]10[/]     [bold]4[/]      [bold]7[/]"
        "     [bold]12[/]     [bold]30[/]",
    ]


def test_the_heat_map_at_the_widths_where_its_layout_changes():
    # as asked, 2 cells between columns, the row labels at their narrowest (6: the corner's
    # widest word) is 1 + 6 + 2 + 25 + 2 + 5 = 41 cells: it fits 41 exactly, the corner
    # wrapped to 6 and the headers on its last line
    assert plain(small(), 41) == [
        " expert",
        " \\",
        " theme   alpha  beta  gamma  delta  total",
        " " + "─" * 40,
        " ann         9     ·      2      7     15",
        " bo          1     4      6      8     19",
        " " + "─" * 40,
        " total      10     4      7     12     30",
    ]
    # at 40, 1 cell between columns (38 at its narrowest), which leaves 8 for the labels
    assert plain(small(), 40) == [
        " expert \\",
        " theme     alpha beta gamma delta  total",
        " " + "─" * 39,
        " ann           9    ·     2     7     15",
        " bo            1    4     6     8     19",
        " " + "─" * 39,
        " total        10    4     7    12     30",
    ]
    # at 37 neither fits (38): transposed, the themes down the side, the experts across
    assert plain(small(), 37)[:4] == [
        " theme \\ expert  ann  bo  total",
        " " + "─" * 30,
        " alpha             9   1     10",
        " beta              ·   4      4",
    ]


def test_a_heat_map_that_fits_no_layout_takes_the_narrowest_its_long_labels_on_a_line():
    # at 19 nothing fits (the narrowest, transposed under keys, 1 cell between columns, needs
    # 21): that one is shown, its labels 19 - 15 = 4 cells wide; the corner is folded into
    # them, and a label wider stands whole (and bold, margin and all) above its counts
    shade = "bold white on "
    assert styled(small(), 19) == [
        " [bold]them[/]",
        " [bold]e \\[/]",
        " [bold]expe[/]",
        " [bold]rt[/]     [bold]A[/]  [bold]B[/]  [bold]total[/]",
        " " + "─" * 18,
        "[bold] alpha[/]",
        f"       [{shade}dodger_blue1] 9[/] [{shade}grey35] 1[/]     [bold]10[/]",
        f" [bold]beta[/]   [dim]·[/] [{shade}dodger_blue3] 4[/]      [bold]4[/]",
        "[bold] gamma[/]",
        f"       [{shade}deep_sky_blue4] 2[/] [{shade}dodger_blue2] 6[/]      [bold]7[/]",
        "[bold] delta[/]",
        f"       [{shade}dodger_blue2] 7[/] [{shade}dodger_blue1] 8[/]     [bold]12[/]",
        "[dim] " + "─" * 18 + "[/]",
        "[bold] total[/]",
        "       [bold]15[/] [bold]19[/]     [bold]30[/]",
        "",
        " [bold]A[/] ann  [bold]B[/] bo",
    ]
    # at 16 the labels have 1 cell, no less
    assert plain(small(), 16)[13:15] == [" alpha", "     9  1     10"]


def test_the_heat_map_in_chinese_with_a_total_wider_than_its_word():
    # fictional names; the headers fit on one line, and the total column is as wide as the
    # grand total (5 digits), not as 合计 (4 cells)
    result = fictional(
        {"a": [5000, 0], "b": [0, 5000]}, {"port": 5000, "rail": 5000}, [5000, 5000], 10000
    )
    labels = {"a": "甲", "b": "乙", "port": "港口合作", "rail": "铁路网"}
    assert plain(Heatmap(result, labels, ["专家", "主题"], "合计"), 60) == [
        " 专家 \\ 主题  港口合作  铁路网   合计",
        " " + "─" * 36,
        " 甲" + " " * 15 + "5000       ·   5000",
        " 乙" + " " * 18 + "·    5000   5000",
        " " + "─" * 36,
        " 合计" + " " * 13 + "5000    5000  10000",
    ]


def test_keys_name_columns_as_spreadsheets_do():
    keys = {0: "A", 1: "B", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ"}
    assert {index: heatmap._key(index) for index in keys} == keys
    assert heatmap._key(702) == "AAA"


def test_the_matrix_of_a_catalogue_just_started_has_its_themes_and_no_column(tmp_path):
    # `jjj init`: the shipped themes and no expert. Too wide as asked (13 themes across), the
    # themes go down the side with nothing across: labels as wide as the corner (14), the
    # total 5 cells after two gaps, 1 + 14 + 2 + 2 + 5 = 24 cells
    assert runner.invoke(app, ["init", str(tmp_path / "mine")]).exit_code == 0
    catalogue = load_catalogue(tmp_path / "mine" / "proposals.toml")
    result = matrix(catalogue, Facet.expert, Facet.theme, Selection(kind=Kind.proposal))
    themes = [row["id"] for row in independent.read(tmp_path / "mine" / "proposals.toml")["themes"]]
    assert len(themes) == 13
    lines = plain(render_explore.matrix(catalogue, result, Mode.TABLE, Lang.en), 80)
    assert lines == [
        " theme \\ expert    total",
        " " + "─" * 23,
        *(f" {theme:<14}        0" for theme in themes),
        " " + "─" * 23,
        " total                 0",
    ]
