"""Streamed JSON and TSV are the same text as JSON and TSV printed whole."""

import json

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
