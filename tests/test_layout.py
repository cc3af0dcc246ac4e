"""The terminal table layout on fictional records: natural widths when they fit, prose shrunk
to its minimum, then columns left out by priority, then one block per record."""

import io

from rich.console import Console

from jjj_cli.render.layout import Column, Fields, Kind, Lines, RecordTable

RECORDS = [  # fictional
    {
        "id": "alpha-one",
        "name": "Fictional river basin authority",
        "count": 7,
        "tags": ["north-bank", "south-bank"],
    },
    {"id": "beta-two", "name": "Test zone", "count": 12345, "tags": []},
]
COLUMNS = [Column("id"), Column("name"), Column("count"), Column("tags", 1, Kind.IDS)]


def shown(renderable, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system=None)
    console.print(renderable)
    return console.file.getvalue().splitlines()


def row(*cells: str, widths: list[int], right: tuple[int, ...] = ()) -> str:
    """One line of a table, built by hand: a space, then the cells two spaces apart."""
    padded = [
        cell.rjust(width) if n in right else cell.ljust(width)
        for n, (cell, width) in enumerate(zip(cells, widths))
    ]
    return (" " + "  ".join(padded)).rstrip()


def test_natural_widths_when_they_fit():
    widths = [9, 31, 5, 22]
    assert shown(RecordTable(RECORDS, COLUMNS), 75) == [
        row("id", "name", "count", "tags", widths=widths, right=(2,)),
        " " + "─" * 73,
        row(
            "alpha-one",
            "Fictional river basin authority",
            "7",
            "north-bank, south-bank",
            widths=widths,
            right=(2,),
        ),
        row("beta-two", "Test zone", "12345", "", widths=widths, right=(2,)),
    ]


def test_prose_and_lists_shrink_between_words_and_at_commas():
    # 52 cells for the columns: id and count keep their 14, name and tags share the rest
    widths = [9, 20, 5, 18]
    assert shown(RecordTable(RECORDS, COLUMNS), 60) == [
        row("id", "name", "count", "tags", widths=widths, right=(2,)),
        " " + "─" * 58,
        row("alpha-one", "Fictional river", "7", "north-bank,", widths=widths, right=(2,)),
        row("", "basin authority", "", "south-bank", widths=widths, right=(2,)),
        row("beta-two", "Test zone", "12345", "", widths=widths, right=(2,)),
    ]


def test_the_lowest_priority_is_left_out_and_named():
    widths = [9, 30, 5]
    lines = shown(RecordTable(RECORDS, COLUMNS), 50)
    assert lines[:5] == [
        row("id", "name", "count", widths=widths, right=(2,)),
        " " + "─" * 48,
        # not 'authority' alone on the last line
        row("alpha-one", "Fictional river", "7", widths=widths, right=(2,)),
        row("", "basin authority", "", widths=widths, right=(2,)),
        row("beta-two", "Test zone", "12345", widths=widths, right=(2,)),
    ]
    assert " ".join(" ".join(lines[5:]).split()) == (
        "left out for width: tags (--json or a wider terminal shows them)"
    )


def test_one_block_per_record_when_the_essential_columns_cannot_fit():
    assert shown(RecordTable(RECORDS, COLUMNS), 30) == [
        " alpha-one",
        "   name   Fictional river",
        "          basin authority",
        "   count  7",
        "   tags   north-bank,",
        "          south-bank",
        "",
        " beta-two",
        "   name   Test zone",
        "   count  12345",
    ]


def test_of_equal_priorities_the_rightmost_goes_first():
    columns = [Column("id"), Column("name", 2), Column("tags", 2, Kind.IDS), Column("count")]
    lines = shown(RecordTable(RECORDS, columns), 50)
    assert lines[0].split() == ["id", "name", "count"]


def test_a_table_title_stands_above_it():
    lines = shown(RecordTable(RECORDS[1:], ["id"], title="fictional"), 40)
    assert lines == ["fictional", " id", " " + "─" * 8, " beta-two"]


def test_fields_wrap_beside_their_names_and_skip_what_is_empty():
    record = {"id": "x-1", "note": "one two three", "empty": None, "none": []}
    assert shown(Fields(record), 20) == [" id    x-1", " note  one two", "       three"]


def test_report_lines_wrap_with_their_continuation_indented():
    assert shown(Lines(["alpha beta gamma delta"]), 14) == [" alpha beta", "   gamma", "   delta"]


def test_headers_are_bold_ids_cyan_and_the_padding_plain():
    console = Console(file=io.StringIO(), width=75, force_terminal=True, color_system="standard")
    console.print(RecordTable(RECORDS, COLUMNS))
    header, _, first, _ = console.file.getvalue().splitlines()
    assert header.startswith(" \x1b[1mid\x1b[0m       ")  # bold, not the column's cyan
    assert first.startswith(" \x1b[36malpha-one\x1b[0m  Fictional")


def test_a_header_breaks_between_its_words_only():
    records = [{"id": "gamma-three", "remark": "short note"}]  # fictional
    columns = [Column("id"), Column("remark", header="remarkably long heading")]
    # 33 cells for the columns: id takes 11, the header 23 is one too many for the rest
    assert shown(RecordTable(records, columns), 37) == [
        " id           remarkably long",
        "              heading",
        " " + "─" * 35,
        " gamma-three  short note",
    ]


def test_a_column_is_never_narrower_than_its_headers_longest_word():
    records = [{"id": "gamma-three", "class": "a"}]  # fictional
    columns = [Column("id"), Column("class", kind=Kind.LABEL, header="classification")]
    assert shown(RecordTable(records, columns), 29)[0] == " id           classification"
    # one cell less, and the two cannot stand side by side: a block instead of a folded header
    assert shown(RecordTable(records, columns), 28) == [" gamma-three", "   classification  a"]


def test_an_empty_table_with_a_list_column_shows_its_header():
    lines = shown(RecordTable([], [Column("id"), Column("aliases")]), 40)
    assert lines[0].split() == ["id", "aliases"]
