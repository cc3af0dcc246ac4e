"""The benchmark's synthetic catalogues are valid catalogues of the size asked for."""

import importlib.util
import sys
from pathlib import Path

import pytest

from jjj_cli.catalogue import load_catalogue

from .paths import SHIPPED

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    yield module
    del sys.modules["bench"]


@pytest.mark.parametrize("size", [1, 50, 88, 200])
def test_generated_catalogue_validates_with_the_size_asked(bench, tmp_path, size):
    shipped = load_catalogue(SHIPPED)
    catalogue = load_catalogue(bench.generate(size, tmp_path, SHIPPED))
    assert len(catalogue.items) == size
    assert [item.seq for item in catalogue.items] == list(range(1, size + 1))
    assert len({item.id for item in catalogue.items}) == size
    # copies keep the words of the items they copy, marked with their copy's number so that
    # no two items quote the same words
    count = len(shipped.items)
    originals = [shipped.items[n % count] for n in range(size)]
    marks = ["" if n < count else f"〔{n // count}〕" for n in range(size)]
    expected = [mark + item.quote for mark, item in zip(marks, originals)]
    assert [item.quote for item in catalogue.items] == expected
    assert len(set(expected)) == size
    # the source is the shipped one with the copies' quotes after it
    added = "".join(quote + "\n" for quote in expected[count:])
    assert catalogue.source_text == shipped.source_text + added
    assert catalogue.figures == shipped.figures
