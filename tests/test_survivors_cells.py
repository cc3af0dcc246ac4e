"""render/cells' padded cells, hanging lines and finished lines, and the lists of items and
links `compare` builds with them, on fictional text: what mutation testing found unpinned.
Every expected line is worked out by hand."""

import io

from rich.console import Console, Group
from rich.text import Text

from jjj_cli.render.cells import finished, hanging, right
from jjj_cli.render.comparison import ComparedItem, _items, _links

from .terminal import marked


def test_a_number_right_aligned_has_its_padding_in_its_background_and_no_other_style():
    assert marked(right(Text("7"), 3, "bold on yellow"), 10) == ["[bold on yellow]  7[/]"]
    assert marked(right(Text("7"), 3, "bold"), 10) == ["  [bold]7[/]"]


def test_a_hanging_line_wraps_again_to_what_its_indent_leaves_down_to_one_cell():
    lines = hanging(Text("ab cd"), 3, 2)
    assert [line.plain for line in lines] == ["ab", "  c", "  d"]


def test_a_finished_line_is_printed_as_it_is_even_wider_than_the_terminal():
    # as a renderer yields it (console.print would copy a Text handed to it alone), laid
    # out to 4 cells on a console wide enough not to crop what comes out
    console = Console(file=io.StringIO(), width=40, force_terminal=True, color_system=None)
    console.print(Group(finished(Text("ab cdef"))), width=4)
    assert console.file.getvalue() == "ab cdef\n"


def test_compared_items_wrap_their_title_and_id_to_what_the_bullet_leaves():
    # 8 cells: the bullet takes 2, an id of 10 breaks after 6
    lines = _items([ComparedItem("abcdefghij", "Ab cd")], 8)
    assert [line.plain for line in lines] == ["• Ab cd", "  abcdef", "  ghij"]
    # 3 cells leave 1 for the title and the id
    lines = _items([ComparedItem("ab", "cd")], 3)
    assert [line.plain for line in lines] == ["• c", "  d", "  a", "  b"]


def test_a_link_wraps_under_its_mark_two_cells_in():
    # `⇄ fa-1 complements fb-2` at 13 cells: the mark and the first id, then the rest after
    # two cells, wrapped to the 11 they leave
    lines = list(_links([("fa-1", "fb-2", "complements")], 1, 13))
    assert [line.plain for line in lines] == [" ⇄ fa-1", "   complements", "   fb-2"]
