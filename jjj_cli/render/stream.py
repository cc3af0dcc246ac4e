"""Output written as it is made: a renderer returns an iterator of text chunks (`Chunks`), and
the command prints each as it comes, so that memory stays flat however much is printed.

The chunks join to exactly the text the whole-string renderers make: `json_array` of the
elements `json_element` makes is `to_json(list_of_records)`, `tsv_lines` is `plain.tsv` with
its line end (see tests/test_stream.py). The exports' own writers are in render/export.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar

from . import plain
from .output import to_json

Chunks = Iterator[str]
T = TypeVar("T")


class Counted(Generic[T]):
    """Records that can be read more than once, each pass asking `start` for them afresh (a
    query run again, not a list kept), and counted as they are read: `count` is how many the
    last pass gave. A writer that reads them twice (a workbook sizes its columns first) and
    the command that says how many it wrote share one source."""

    def __init__(self, start: Callable[[], Iterable[T]]) -> None:
        self._start = start
        self.count = 0

    def __iter__(self) -> Iterator[T]:
        self.count = 0
        for record in self._start():
            self.count += 1
            yield record


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


def tsv_lines(
    records: Iterable[dict[str, Any]], columns: Sequence[str], header: Sequence[str] = ()
) -> Chunks:
    """`plain.tsv`'s lines, each with its line end: the header, then one line per record."""
    yield plain.tsv_line(header or columns) + "\n"
    for record in records:
        yield plain.tsv_line(plain.value_text(record[column]) for column in columns) + "\n"
