"""Output written as it is made: a renderer returns an iterator of text chunks (`Chunks`), and
the command prints each as it comes, so that memory stays flat however much is printed.

The chunks join to exactly the text the whole-string renderers make: `json_array` of the
elements `json_element` makes is `to_json(list_of_records)` (see tests/test_stream.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .output import to_json

Chunks = Iterator[str]


def json_element(record: Any) -> str:
    """A record as one element of the JSON array `to_json` prints: indented two spaces more.

    A JSON string never holds a raw line break, so indenting every line is exact."""
    return "  " + to_json(record).replace("\n", "\n  ")


def json_array(elements: Iterable[str]) -> Chunks:
    """The array of these elements (json_element's texts), as to_json prints it, then a line
    end; `[]` when there are none."""
    opened = False
    for element in elements:
        yield (",\n" if opened else "[\n") + element
        opened = True
    yield "\n]\n" if opened else "[]\n"
