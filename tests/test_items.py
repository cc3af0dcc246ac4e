"""The item rows a terminal shows for `list` (and under `show EXPERT`): every item whole, in
order, within the terminal's width, whatever the width and the language."""

import io

import pytest
from rich.cells import cell_len
from rich.console import Console

from jjj_cli import load_catalogue
from jjj_cli.query import Kind, Selection, select_items
from jjj_cli.render.browse import item_list
from jjj_cli.render.output import Lang, Mode, title_field

from .paths import SHIPPED

CATALOGUE = load_catalogue(SHIPPED)


def shown(kind: Kind, lang: Lang, width: int) -> str:
    items = select_items(CATALOGUE, Selection(kind=kind))
    console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system=None)
    console.print(item_list(items, Mode.TABLE, lang))
    return console.file.getvalue()


def squeezed(text: str) -> str:
    return "".join(text.split())


def title_beside(items, both_kinds: bool, width: int) -> bool:
    """Whether the titles have a column of their own: the rule the layout states (at least 28
    cells left beside the ids), worked from the widest cell of each column before it. The
    number column is its widest number after a margin of one; each column is followed by a
    gap of two."""
    widest = [
        max(len(item.id) for item in items),
        max(len(item.expert) for item in items),
        *([max(len(item.kind) for item in items)] if both_kinds else []),
    ]
    numbers = 1 + len(str(max(item.seq for item in items)))
    title_starts = numbers + 2 + sum(cells + 2 for cells in widest)
    return width - title_starts >= 28


@pytest.mark.parametrize("width", [60, 72, 80, 100, 160])
@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("kind", [Kind.proposal, Kind.all])
def test_every_item_is_there_whole_and_in_order_within_the_width(kind, lang, width):
    output = shown(kind, lang, width)
    lines = output.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    # Wrapping only moves words to the next line, so with the white space taken out the
    # output is exactly the header, the rule and each item's cells in order.
    items = select_items(CATALOGUE, Selection(kind=kind))
    both_kinds = kind is Kind.all
    header = ["#", "id", "expert", *(["kind"] if both_kinds else [])]
    expected = "".join(header) + ("title" if title_beside(items, both_kinds, width) else "")
    expected += "─" * (width - 2)
    for item in items:
        tags = " · ".join(p for p in (", ".join(item.themes), ", ".join(item.regions)) if p)
        cells = [str(item.seq), item.id, item.expert, *([item.kind] if both_kinds else [])]
        expected += "".join(cells) + getattr(item, title_field(lang)) + tags
    assert squeezed(output) == squeezed(expected)


def test_titles_stand_beside_the_ids_when_there_is_room_and_beneath_when_not():
    wide = shown(Kind.proposal, Lang.en, 120).splitlines()
    assert wide[0].split() == ["#", "id", "expert", "title"]
    assert wide[2].split()[:3] == ["2", "cong-world-class-clusters", "cong-yi"]
    assert wide[2].endswith("Make a major effort to build world-class industrial clusters")
    assert wide[3].strip() == "clusters · jingjinji"
    # 60 columns leave the title less than 28 beside the ids: it goes beneath, under the id
    narrow = shown(Kind.proposal, Lang.en, 60).splitlines()
    assert narrow[0].split() == ["#", "id", "expert"]
    assert narrow[2].split() == ["2", "cong-world-class-clusters", "cong-yi"]
    # two even lines rather than a full one and 'clusters' alone
    assert narrow[3:5] == [
        "     Make a major effort to build",
        "     world-class industrial clusters",
    ]
    assert narrow[2].index("cong-world") == narrow[3].index("Make")


def test_the_kind_column_appears_only_when_both_kinds_are_listed():
    assert "kind" not in shown(Kind.finding, Lang.en, 120).splitlines()[0].split()
    assert "kind" in shown(Kind.all, Lang.en, 120).splitlines()[0].split()


def test_colour_marks_ids_and_numbers_not_the_padding():
    items = select_items(CATALOGUE, Selection())[:1]
    console = Console(file=io.StringIO(), width=120, force_terminal=True, color_system="standard")
    console.print(item_list(items, Mode.TABLE))
    row = console.file.getvalue().splitlines()[2]
    assert "\x1b[36mcong-world-class-clusters\x1b[0m " in row  # cyan id, then plain spaces
    assert "\x1b[2m2\x1b[0m" in row  # the number dimmed
