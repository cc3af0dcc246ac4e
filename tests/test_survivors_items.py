"""render/items.ItemRows on fictional items, line by line and style by style, at the widths
where its layout changes: what mutation testing found unpinned. Every expected line is worked
out by hand from the rules in ItemRows' docstring (columns two cells apart after a margin of
one, the number to the right, the title beside when 28 cells are left for it)."""

import io

import pytest
from rich.console import Console

from jjj_cli.render.items import ItemRows

from .terminal import marked


def record(seq, id, kind, source, title, themes=(), regions=()):
    return {  # fictional
        "seq": seq,
        "id": id,
        "expert": "fexp",
        "kind": kind,
        "source": source,
        "themes": list(themes),
        "regions": list(regions),
        "title": title,
    }


# widths: # 2, id 8, expert 6, kind 8, source 8: the title starts at 1 + 4 + 10 + 8 + 10 + 10
RECORDS = [
    record(
        9, "fx-alpha", "proposal", "fsrc-one", "A fictional proposal title", ["ft-one"], ["fr-one"]
    ),
    record(10, "fx-b", "finding", "fsrc-two", "Fictional finding"),
]
HEADER = "  [bold]#[/]  [bold]id[/]        [bold]expert[/]  [bold]kind[/]      [bold]source[/]"
ROW_A = "  [dim]9[/]  [cyan]fx-alpha[/]  fexp    proposal  fsrc-one"
ROW_B = " [dim]10[/]  [cyan]fx-b[/]      fexp    finding   fsrc-two"


def plain(renderable, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system=None)
    console.print(renderable)
    return console.file.getvalue().splitlines()


def test_items_with_their_title_beside_when_28_cells_are_left_for_it():
    # 72 cells: 43 for the left columns, the margin on the right, 28 for the title
    assert marked(ItemRows(RECORDS, "title", title="fictional items"), 72) == [
        "[italic]fictional items[/]",
        HEADER + "    [bold]title[/]",
        " " + "─" * 70,
        ROW_A + "  A fictional proposal title",
        " " * 43 + "[dim]ft-one · fr-one[/]",
        ROW_B + "  Fictional finding",
    ]


@pytest.mark.parametrize("width", [71, 42])
def test_items_with_their_title_beneath_when_fewer_than_28_cells_are_left(width):
    # 71 cells leave the title 27 beside; 42 still hold every left column on one line (41
    # and the margin on the right); beneath, a title starts under the id
    assert marked(ItemRows(RECORDS, "title"), width) == [
        HEADER,
        " " + "─" * (width - 2),
        ROW_A,
        "     A fictional proposal title",
        "     [dim]ft-one · fr-one[/]",
        ROW_B,
        "     Fictional finding",
    ]


def test_of_the_left_columns_that_do_not_all_fit_source_then_kind_then_expert_stay():
    # with the number and the id (13 cells), the source (10 more) fits, then the kind (10)
    # or the expert (8): in 33 cells the kind; in 31 the expert and not the kind
    assert plain(ItemRows(RECORDS, "title"), 34)[0].split() == ["#", "id", "kind", "source"]
    assert plain(ItemRows(RECORDS, "title"), 32)[0].split() == ["#", "id", "expert", "source"]


def test_ids_wider_than_the_terminal_break_and_the_note_of_what_is_left_out_wraps_dim():
    # 10 cells: the number and the id (12 with their margin and gap) break between them; the
    # expert is left out; the title beneath starts under the id, after the number's 1 cell
    item = record(7, "fx-alpha", "proposal", "fsrc-one", "ab cd", ["t1"])
    assert marked(ItemRows([item], "title"), 10) == [
        " [bold]#[/]  [bold]id[/]",
        " " + "─" * 8,
        " [dim]7[/]",
        " [cyan]fx-alpha[/]",
        "    ab cd",
        "    [dim]t1[/]",
        *(
            f" [dim]{line}[/]"
            for line in [
                "left out",
                "for",
                "width:",
                "expert",
                "(--json",
                "or a",
                "wider",
                "terminal",
                "shows",
                "them)",
            ]
        ),
    ]


def test_the_number_and_the_id_that_just_fill_the_terminal_stay_on_one_line():
    # 12 cells: a margin, the number (1), two cells, the id (8), up to the right edge
    item = record(7, "fx-alpha", "proposal", "fsrc-one", "ab")
    assert plain(ItemRows([item], "title"), 12)[2] == " 7  fx-alpha"


def test_on_a_terminal_five_cells_wide_a_title_folds_to_the_one_cell_left_for_it():
    # beneath, the title starts after the margin, the number (1) and two cells: at 4, which
    # leaves 1 cell before the margin on the right; the header and the row break as ids do
    item = record(7, "fxa", "proposal", "fsrc-one", "ab")
    lines = plain(ItemRows([item], "title"), 5)
    assert lines[:7] == [" #", " id", " ───", " 7", " fxa", "    a", "    b"]


def test_names_stand_for_the_expert_alone_not_for_a_kind_spelt_as_an_id():
    # a kind is no id: a theme may have the id `finding`, its name not for the kind column
    names = {"fexp": "Fictional expert", "finding": "a theme's name (fictional)"}
    lines = plain(ItemRows(RECORDS, "title", names=names), 120)
    assert lines[4].split()[:5] == ["10", "fx-b", "Fictional", "expert", "finding"]
