"""The library API: what `from jjj_cli import ...` offers scripts."""

import dataclasses
import enum
import gc
import importlib.metadata
import inspect
import re
import subprocess
import sys

import pytest

import jjj_cli
from jjj_cli import CatalogueError, Kind, Selection, load_catalogue, resolve, select_items
from jjj_cli.catalogue import load as load_module
from jjj_cli.query import Facet

from .paths import DATA, MINI

# What each public name is, written by hand: the records are immutable (NamedTuples, the
# catalogue a frozen dataclass), the choices enums, the errors exceptions, the rest functions.
PUBLIC = {
    "Catalogue": "frozen dataclass",
    "CatalogueError": "exception",
    "Coding": "named tuple",
    "Expert": "named tuple",
    "Facet": "enum",
    "Figure": "named tuple",
    "Item": "named tuple",
    "Kind": "enum",
    "Problem": "named tuple",
    "QueryError": "exception",
    "Region": "named tuple",
    "Related": "named tuple",
    "Rule": "named tuple",
    "Selection": "named tuple",
    "Source": "named tuple",
    "Theme": "named tuple",
    "UnknownName": "exception",
    "__version__": "version",
    **dict.fromkeys(
        [
            "codebook",
            "compare",
            "default_catalogue_path",
            "descendants",
            "describe",
            "find",
            "graph",
            "load_catalogue",
            "matrix",
            "normalise",
            "related",
            "resolve",
            "search",
            "select_figures",
            "select_items",
            "source_context",
            "verify_quotes",
        ],
        "function",
    ),
}


def kind_of(value) -> str:
    if isinstance(value, str):
        return "version" if re.fullmatch(r"\d+\.\d+\.\d+", value) else "str"
    if inspect.isfunction(value):
        return "function"
    if not isinstance(value, type):
        return type(value).__name__
    if issubclass(value, enum.Enum):
        return "enum"
    if issubclass(value, Exception):
        return "exception"
    if dataclasses.is_dataclass(value) and value.__dataclass_params__.frozen:
        return "frozen dataclass"
    if issubclass(value, tuple) and hasattr(value, "_fields"):
        return "named tuple"
    return "class"


def test_every_public_name_resolves_to_what_it_is_documented_to_be():
    assert sorted(jjj_cli.__all__) == sorted(PUBLIC)
    kinds = {name: kind_of(getattr(jjj_cli, name)) for name in jjj_cli.__all__}
    assert kinds == PUBLIC
    assert jjj_cli.__version__ == importlib.metadata.version("jjj-cli")


def test_unknown_names_are_attribute_errors():
    assert not hasattr(jjj_cli, "no_such_name")


def test_scripts_filter_the_way_the_command_does():
    catalogue = load_catalogue(MINI)
    hebei = resolve(catalogue, Facet.region, ["河北"])
    items = select_items(catalogue, Selection(regions=hebei, kind=Kind.all))
    assert [item.id for item in items] == [
        "wang-research-to-hebei",
        "wang-xiongan-innovation",
        "li-intercity-rail",
        "li-hebei-capacity",
        "zhang-leading-firms-xiongan",
    ]


def test_importing_the_package_does_not_load_the_command_line_or_rich():
    code = (
        "import sys, jjj_cli\n"
        "print(sorted(m for m in ('typer', 'rich', 'jjj_cli.cli') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"


def type_checking_imports(package) -> dict[str, str]:
    """The names a package imports under TYPE_CHECKING, each with the module it names."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(package.__file__).read_text(encoding="utf-8"))
    (block,) = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
    ]
    return {
        alias.name: f"{package.__name__}.{statement.module}"
        for statement in block.body
        for alias in statement.names
    }


def test_type_checkers_see_the_public_names_where_they_are_defined():
    """__all__ is what runs; the imports under TYPE_CHECKING are what type checkers read. The
    two lists must name the same things, each from the module that gives it at run time."""
    import importlib

    imported = type_checking_imports(jjj_cli)
    assert sorted(imported) == sorted(name for name in jjj_cli.__all__ if name != "__version__")
    for name, module in imported.items():
        assert getattr(jjj_cli, name) is getattr(importlib.import_module(module), name), name


def test_the_exploring_library_gives_each_name_from_the_module_that_defines_it():
    # explore imports a module on the first use of one of its names: its table of modules,
    # __all__ and what type checkers read must agree
    import importlib

    from jjj_cli import explore

    imported = type_checking_imports(explore)
    assert sorted(imported) == sorted(explore.__all__) == sorted(explore._DEFINED_IN)
    for name, module in imported.items():
        assert module == f"jjj_cli.explore.{explore._DEFINED_IN[name]}", name
        assert getattr(explore, name) is getattr(importlib.import_module(module), name), name
    assert not hasattr(explore, "no_such_name")


def test_a_search_imports_the_matcher_and_none_of_the_rest_of_the_exploring_library():
    code = (
        "import sys\n"
        "from jjj_cli.explore import search\n"
        "print(sorted(m for m in sys.modules if m.startswith('jjj_cli.explore.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "['jjj_cli.explore.fulltext']"


class Interrupted(BaseException):
    """What a caller may see come out of a load: not an error of the catalogue's."""


def interrupted(*args):
    raise Interrupted


@pytest.fixture
def collector():
    """The garbage collector as a test leaves it, restored afterwards whatever the test did."""
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


def test_a_gc_trick_back_in_load_catalogue_leaves_the_callers_collector_as_it_was(
    collector, monkeypatch
):
    """load_catalogue once turned the garbage collector off while it built the model, and it
    no longer touches the collector (the benchmark showed the trick no longer paid). This guards
    against its coming back without the care issue #11 asks for: whatever a load does, the
    caller's collector is as they left it, after a load, one that fails and one interrupted."""
    gc.enable()
    load_catalogue(MINI)
    assert gc.isenabled()
    with pytest.raises(CatalogueError):
        load_catalogue(DATA / "broken" / "region-cycle.toml")
    assert gc.isenabled()
    monkeypatch.setattr(load_module, "read_toml", interrupted)
    with pytest.raises(Interrupted):
        load_catalogue(MINI)
    assert gc.isenabled()
    gc.disable()  # a caller that turned it off keeps it off
    monkeypatch.undo()
    load_catalogue(MINI)
    assert not gc.isenabled()
