"""Streamed JSON and TSV are the same text as JSON and TSV printed whole."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jjj_cli.render import plain
from jjj_cli.render.output import to_json
from jjj_cli.render.stream import Counted, json_array, json_element, tsv_lines

# Values as records hold them; text with line breaks, controls, CJK and bidi overrides.
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@given(st.lists(st.dictionaries(st.text(), values, max_size=4), max_size=4))
def test_a_streamed_array_is_the_array_printed_whole(records):
    streamed = "".join(json_array(json_element(record) for record in records))
    assert streamed == to_json(records) + "\n"
    assert json.loads(streamed) == records


def test_an_empty_array_and_one_element_written_out_by_hand():
    assert "".join(json_array([])) == "[]\n"
    assert "".join(json_array([json_element({"id": "a", "themes": ["x"]})])) == (
        '[\n  {\n    "id": "a",\n    "themes": [\n      "x"\n    ]\n  }\n]\n'
    )


# Values a TSV cell shows: text with tabs, line breaks and controls; lists of ids.
cells = st.none() | st.booleans() | st.integers() | st.text() | st.lists(st.text(), max_size=3)


@given(st.lists(st.fixed_dictionaries({"a": cells, "b": cells, "c": cells}), max_size=4))
def test_streamed_tsv_lines_are_the_tsv_printed_whole(records):
    streamed = "".join(tsv_lines(records, ["c", "a"]))
    assert streamed == plain.tsv(records, ["c", "a"]) + "\n"
    assert streamed.count("\n") == len(records) + 1  # one line each: breaks in values shown


def test_tsv_lines_written_out_by_hand():
    rows = [{"id": "a", "themes": ["x", "y"]}, {"id": "b\tc", "themes": []}]
    assert list(tsv_lines(rows, ["id", "themes"], header=["ID", "T"])) == [
        "ID\tT\n",
        "a\tx,y\n",
        "b c\t\n",
    ]


def test_counted_records_are_read_afresh_and_counted_on_each_pass():
    starts = []

    def start():
        starts.append(True)
        return iter(["x", "y", "z"])

    counted = Counted(start)
    assert counted.count == 0
    assert list(counted) == ["x", "y", "z"]
    assert (counted.count, len(starts)) == (3, 1)
    assert next(iter(counted)) == "x"  # a second pass starts again, and counts again
    assert (counted.count, len(starts)) == (1, 2)
    assert list(counted) == ["x", "y", "z"]
    assert (counted.count, len(starts)) == (3, 3)


# What must never reach a terminal raw, as the standards for terminal text list it (ECMA-48's
# C0 and C1 controls and DEL, and Unicode's bidirectional overrides and isolates), written
# out here rather than taken from the code: a TSV line holds none but its separating tabs.
MUST_NOT_PASS = (
    [chr(code) for code in range(0x00, 0x20)]
    + [chr(code) for code in range(0x7F, 0xA0)]
    + ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
cells = st.lists(
    st.text(st.sampled_from([*MUST_NOT_PASS, "a", "雄", "，", " ", "\\", "x"]), max_size=6)
    | st.text(max_size=6),
    max_size=5,
)


@given(cells)
def test_a_tsv_line_holds_no_control_but_its_separators(cells):
    line = plain.tsv_line(cells)
    assert line.count("\t") == max(len(cells) - 1, 0)
    assert not set(line.replace("\t", "")) & set(MUST_NOT_PASS)


@given(cells)
def test_a_tsv_line_is_each_cell_made_visible_whether_or_not_any_needs_it(cells):
    # the line of cells that need nothing is taken whole: the same line as cell by cell
    assert plain.tsv_line(cells) == "\t".join(plain.visible(cell) for cell in cells)


@pytest.mark.parametrize("char", MUST_NOT_PASS, ids=lambda char: f"U+{ord(char):04X}")
def test_no_control_reaches_a_tsv_line_raw(char):
    for cells in ([f"a{char}b"], [f"a{char}b", "c"], ["c", char]):
        line = plain.tsv_line(cells)
        assert char not in line.replace("\t", ""), (cells, line)
        assert line.count("\t") == len(cells) - 1


def test_a_tsv_line_written_out_by_hand():
    assert plain.tsv_line(["a", "b\tc", "d\x1b[31m", "e\u202ef"]) == "a\tb c\td\\x1b[31m\te\\u202ef"
    assert plain.tsv_line(["雄安", "", "x"]) == "雄安\t\tx"
