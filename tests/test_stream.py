"""Streamed JSON is the same text as JSON printed whole."""

import json

from hypothesis import given
from hypothesis import strategies as st

from jjj_cli.render.output import to_json
from jjj_cli.render.stream import json_array, json_element

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
