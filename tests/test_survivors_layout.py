"""render/layout on fictional records, line by line and style by style, at the widths where a
column shrinks, a row takes two lines or a note wraps: what mutation testing found unpinned.
Every expected line is worked out by hand from the rules in layout's docstring."""

from jjj_cli.render.layout import Column, Fields, Kind, Lines, Plan, RecordTable

from .terminal import marked

LONG_ID = "fictional-" + "0123456789" * 4  # 50 cells


def test_a_table_title_is_italic_and_the_note_of_what_is_left_out_dim_inside_the_margin():
    # 56 cells: the id (50) leaves 4 for the rest, too few for `remark` (6) two cells apart;
    # the note wraps at 54 cells, its first line exactly that long
    table = RecordTable(
        [{"id": LONG_ID, "remark": "fictional"}],
        [Column("id"), Column("remark", 1)],
        title="fictional table",
    )
    assert marked(table, 56) == [
        "[italic]fictional table[/]",
        " [bold]id[/]",
        " " + "─" * 50,
        f" [cyan]{LONG_ID}[/]",
        " [dim]left out for width: remark (--json or a wider terminal[/]",
        " [dim]shows them)[/]",
    ]


def test_rows_that_mostly_take_two_lines_have_a_blank_line_between_them():
    # 28 cells: 24 for the columns, the id 4, the note its floor of 20 (PROSE_MIN), exactly
    records = [  # fictional
        {"id": "fa-1", "note": "abcd efgh ijkl mnop qrst uvwx"},
        {"id": "fb-2", "note": "lmno pqrs tuvw xyza bcde fghi"},
    ]
    assert marked(RecordTable(records, ["id", "note"]), 28) == [
        " [bold]id[/]    [bold]note[/]",
        " " + "─" * 26,
        " [cyan]fa-1[/]  abcd efgh ijkl mnop",
        "       qrst uvwx",
        "",
        " [cyan]fb-2[/]  lmno pqrs tuvw xyza",
        "       bcde fghi",
    ]


def test_a_label_column_shrinks_and_wraps_between_words():
    # 24 cells: 20 for the columns, the id 4, the relation (a label) 16 of its 32
    records = [{"id": "fc-1", "relation": "fictional close kinship of ideas"}]
    assert marked(RecordTable(records, ["id", "relation"]), 24) == [
        " [bold]id[/]    [bold]relation[/]",
        " " + "─" * 22,
        " [cyan]fc-1[/]  fictional close",
        "       kinship of ideas",
    ]


def test_the_cell_a_whole_number_cap_leaves_over_goes_to_the_first_column_held_back():
    # 91 cells leave 85 for three prose columns of 24, 44 and 44: capped at 30 they take 84,
    # the first at its own 24; the cell left over goes to the second, not to the first
    records = [
        {"a": " ".join(["abcd"] * 5), "b": " ".join(["efgh"] * 9), "c": " ".join(["ijkl"] * 9)}
    ]
    assert RecordTable(records, ["a", "b", "c"]).plan(91) == Plan([0, 1, 2], [24, 31, 30], [])


def test_a_record_as_fields_title_italic_names_bold_ids_cyan_prose_wrapped_as_a_title():
    # 20 cells leave 12 for a value; the note wrapped to 12 would leave `kl` alone
    record = {"id": "fd-1", "note": "abcd efgh ij kl", "empty": "", "none": None}
    assert marked(Fields(record, title="fictional record"), 20) == [
        "[italic]fictional record[/]",
        " [bold]id[/]    [cyan]fd-1[/]",
        " [bold]note[/]  abcd efgh",
        "       ij kl",
    ]


def test_report_lines_fill_the_width_less_the_margins():
    # 14 cells: 12 for a line, which `alphabet xyz` fills exactly
    assert marked(Lines(["alphabet xyz gamma"]), 14) == [" alphabet xyz", "   gamma"]


def test_a_header_wraps_between_words_as_a_label_not_balanced_as_a_title():
    # 28 cells: the id 4, the note its floor 20; as a title the header would end `mnop qr st`
    records = [{"id": "fe-1", "note": "x"}]  # fictional
    columns = [Column("id"), Column("note", header="abcd efgh ijkl mnop qr st")]
    assert marked(RecordTable(records, columns), 28) == [
        " [bold]id[/]    [bold]abcd efgh ijkl mnop[/]",
        "       [bold]qr st[/]",
        " " + "─" * 26,
        " [cyan]fe-1[/]  x",
    ]


def test_a_label_cell_wraps_between_words_with_full_lines_not_balanced_as_prose():
    # 28 cells: a margin, the id 4, two between, 20 for the label, a margin; prose would be
    # balanced (`abcd efgh ijkl` / `mnop qr st`), a label fills its first line
    records = [{"id": "fe-1", "note": "abcd efgh ijkl mnop qr st"}]  # fictional
    columns = [Column("id"), Column("note", kind=Kind.LABEL)]
    assert marked(RecordTable(records, columns), 28) == [
        " [bold]id[/]    [bold]note[/]",
        " " + "─" * 26,
        " [cyan]fe-1[/]  abcd efgh ijkl mnop",
        "       qr st",
    ]


def test_a_line_break_in_a_cell_is_kept_a_tab_a_space_and_a_control_spelt_out():
    # catalogue text as data: the summary's line break starts a line of the cell, its tab is a
    # space, and the ESC of a terminal's command is written out, never sent
    records = [{"id": "fe-1", "summary": "one\ttwo\nthree \x1b[2J"}]  # fictional
    assert marked(RecordTable(records, [Column("id"), Column("summary")]), 60) == [
        " [bold]id[/]    [bold]summary[/]",
        " " + "─" * 19,
        " [cyan]fe-1[/]  one two",
        "       three \\x1b[2J",
    ]


def test_fields_on_a_terminal_too_narrow_for_a_value_fold_it_to_one_cell_inside_the_margins():
    # 7 cells: a margin, `id`, two cells, then 1 for the value, and the margin on the right
    assert marked(Fields({"id": "fd-1"}), 7) == [
        " [bold]id[/]  [cyan]f[/]",
        "     [cyan]d[/]",
        "     [cyan]-[/]",
        "     [cyan]1[/]",
    ]
