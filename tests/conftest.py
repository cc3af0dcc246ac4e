import os
from pathlib import Path

import pytest
from hypothesis import settings

from jjj_cli.catalogue import Catalogue, load_catalogue

from .ids import printable
from .paths import DATA, MINI

# No per-example deadline: a busy machine is not a bug. In CI, the same examples every run,
# so that a submission passes or fails on its own merits, not on the draw.
settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(autouse=True)
def no_catalogue_from_environment(monkeypatch):
    """The catalogue a test names, never one the environment running the tests names."""
    monkeypatch.delenv("JJJ_CATALOGUE", raising=False)


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch):
    """jjj in English, whatever the locale of the machine running the tests: a test of the
    Chinese interface asks for it (--lang zh, or an environment of its own)."""
    monkeypatch.setenv("JJJ_LANG", "en")
    yield
    from jjj_cli import language

    language.use("en")  # a run in Chinese leaves the library's language as it found it


@pytest.fixture(scope="session")
def mini() -> Catalogue:
    return load_catalogue(MINI)


@pytest.fixture
def catalogue_copy(tmp_path: Path):
    """Write a variant of mini.toml next to a copy of its source text; return its path."""

    def write(text: str) -> Path:
        (tmp_path / "sources").mkdir(exist_ok=True)
        source = DATA / "sources" / "mini.zh.txt"
        (tmp_path / "sources" / "mini.zh.txt").write_bytes(source.read_bytes())
        path = tmp_path / "variant.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Every test, and every jjj it starts, caches in a directory of the test run's own."""
    patch = pytest.MonkeyPatch()
    patch.setenv("JJJ_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield
    patch.undo()


def pytest_make_parametrize_id(config, val, argname):
    """A text's id in printable ASCII (tests/ids.py), where pytest would escape it; bytes as
    the characters of their values (b"\\x03" as U+0003)."""
    text = val.decode("latin-1") if isinstance(val, bytes) else val
    return printable(text) if isinstance(text, str) and printable(text) != text else None


def pytest_collection_modifyitems(config, items):
    """Every test's id in printable ASCII: pytest writes 京 as \\u4eac and a newline as \\n, and
    an id written so cannot be given back on the command line (`pytest 'tests/test_x.py::
    test_y[...]'`), as mutmut gives each mutant its tests (docs/mutation.md). An `ids=`
    function that lets such a character through is named here, before anything runs."""
    escaped = [item.nodeid for item in items if printable(item.nodeid) != item.nodeid]
    if escaped:
        raise pytest.UsageError(
            "test ids outside printable ASCII (give them ids through tests/ids.py):\n  "
            + "\n  ".join(escaped[:10])
        )
