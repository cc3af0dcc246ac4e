"""The library API: what `from jjj_cli import ...` offers scripts."""

import subprocess
import sys

import jjj_cli
from jjj_cli import Kind, Selection, load_catalogue, resolve, select_items
from jjj_cli.query import Facet

from .paths import MINI


def test_every_public_name_resolves():
    for name in jjj_cli.__all__:
        assert getattr(jjj_cli, name) is not None, name


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
    code = "import sys, jjj_cli; print(sorted(m for m in ('typer', 'rich', 'jjj_cli.cli') if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"
