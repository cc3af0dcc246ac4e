"""The benchmark's synthetic catalogues are valid catalogues of the size asked for."""

import importlib.util
import sys
from pathlib import Path

import pytest

from jjj_cli.catalogue import load_catalogue

from .paths import SHIPPED

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
BENCH = BENCHMARKS / "bench.py"


@pytest.fixture(scope="module")
def bench():
    # bench.py imports its neighbour sqlite_answers.py, as a script's directory is on the path
    sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # dataclasses look their module up while it loads
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules["bench"]
        sys.modules.pop("sqlite_answers", None)
        sys.path.remove(str(BENCHMARKS))


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


@pytest.mark.parametrize(("sources", "size"), [(3, 5), (2, 90)])
def test_many_source_catalogue_validates_with_the_counts_asked(bench, tmp_path, sources, size):
    shipped = load_catalogue(SHIPPED)
    entry = bench.generate_sources(sources, size, tmp_path, SHIPPED)
    catalogue = load_catalogue(entry)
    names = [f"s{number:04d}" for number in range(1, sources + 1)]
    # one file per source, after the entry file, which includes them all
    assert entry.name == "proposals.toml"
    assert list(catalogue.files) == [entry, *(tmp_path / "sources" / f"{n}.toml" for n in names)]
    assert [source.id for source in catalogue.sources] == names
    [original] = shipped.sources
    assert [(source.title, source.title_en) for source in catalogue.sources] == [
        (f"{original.title} {name}", f"{original.title_en} {name}") for name in names
    ]
    assert [source.path for source in catalogue.sources] == [
        tmp_path / "sources" / f"{name}.zh.txt" for name in names
    ]
    # each source has `size` items, seq 1 on, copied from the shipped ones as `generate` copies
    # them, with the source's name at the end of every id
    count = len(shipped.items)
    originals = [shipped.items[n % count] for n in range(size)]
    marks = ["" if n < count else f"〔{n // count}〕" for n in range(size)]
    copies = ["" if n < count else f"-{n // count}" for n in range(size)]
    expected_items = [
        (name, original.id + f"-{name}" + copy, n + 1, mark + original.quote, original.expert)
        for name in names
        for n, (original, mark, copy) in enumerate(zip(originals, marks, copies))
    ]
    assert [
        (item.source, item.id, item.seq, item.quote, item.expert) for item in catalogue.items
    ] == expected_items
    # related links never leave their source (a whole copy of the shipped items has some)
    sources_of = {item.id: item.source for item in catalogue.items}
    links = [(item.source, link.id) for item in catalogue.items for link in item.related]
    assert [(source, sources_of[id]) for source, id in links] == [
        (source, source) for source, _ in links
    ]
    assert (len(links) > 0) == (size >= count)
    # each text is the shipped one with its copies' quotes after it
    added = "".join(mark + item.quote + "\n" for item, mark in zip(originals, marks) if mark)
    assert dict(catalogue.texts) == {name: shipped.source_text + added for name in names}
    assert [(figure.source, figure.id) for figure in catalogue.figures] == [
        (name, figure.id + f"-{name}") for name in names for figure in shipped.figures
    ]
    assert [(a.source, a.expert, a.headline) for a in catalogue.appearances] == [
        (name, a.expert, a.headline) for name in names for a in shipped.appearances
    ]
    assert len(catalogue.items) == sources * size
