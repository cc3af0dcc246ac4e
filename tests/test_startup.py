"""What a plain run loads: startup time is mostly imports, so the expensive ones stay out.

Times themselves are measured by benchmarks/bench.py, not here; this checks the causes.
"""

import json
import subprocess
import sys

from jjj_cli import load_catalogue

from .fresh import run_fresh

# What a run should not load unless it needs it.
HEAVY = (
    "pydantic",
    "rich",
    "tomllib",
    "tomli",
    "tomlkit",
    "importlib.resources",
    "jjj_cli.explore",
    "jjj_cli.explore.comparison",
    "jjj_cli.explore.context",
    "jjj_cli.explore.fulltext",
    "jjj_cli.explore.network",
    "jjj_cli.explore.similar",
    "jjj_cli.explore.tabulate",
    "jjj_cli.render.explore",
    "jjj_cli.render.search",
    "jjj_cli.cli.browse",
    "jjj_cli.cli.explore",
    "jjj_cli.cli.exports",
    "jjj_cli.cli.search",
)


def loaded_by(*args: str) -> set[str]:
    """What a run loads as users mostly meet it: the second, with the catalogue cached."""
    run = run_fresh(*args, among=HEAVY, runs=2)
    assert run.code == 0, run.stdout
    return run.loaded


def test_listing_as_json_loads_only_its_own_commands():
    assert loaded_by("list", "--json") == {"jjj_cli.cli.browse"}


def test_showing_an_item_in_a_pipe_loads_only_its_own_commands():
    assert loaded_by("show", "zhao-free-trade-port") == {"jjj_cli.cli.browse"}


def test_a_search_loads_the_matcher_alone_and_still_no_rich_in_a_pipe():
    assert loaded_by("search", "雄安") == {
        "jjj_cli.cli.search",
        "jjj_cli.explore",
        "jjj_cli.explore.fulltext",
        "jjj_cli.render.search",
    }


def test_an_exploring_command_loads_what_it_needs_and_still_no_rich_in_a_pipe():
    assert loaded_by("compare", "ye-tanglin", "zhao-hong") == {
        "jjj_cli.cli.explore",
        "jjj_cli.explore",
        "jjj_cli.explore.comparison",
        "jjj_cli.render.explore",
    }


def test_the_version_loads_no_command_at_all():
    assert loaded_by("--version") == set()


def test_a_run_that_opens_no_catalogue_loads_no_sqlite():
    for args in (["--version"], ["--help"]):
        run = run_fresh(*args, among=["sqlite3", "jjj_cli.store.compiled"])
        assert (run.code, run.loaded) == (0, set())


def test_help_lists_every_command_from_the_table_and_loads_none():
    assert loaded_by("--help") == {"rich"}


def test_the_command_ends_without_the_final_collection_and_still_prints_everything():
    # an exit handler registered before main() runs after main()'s own: it sees what the
    # interpreter's final collection will find, and the output is complete before it
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, file=sys.stderr))\n"
        "sys.argv = ['jjj', 'list', '--kind', 'proposal', '--json']\n"
        "from jjj_cli.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "frozen True\n"
    proposals = [item.id for item in load_catalogue().items if item.kind == "proposal"]
    assert [item["id"] for item in json.loads(result.stdout)] == proposals
