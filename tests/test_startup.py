"""What a plain run loads: startup time is mostly imports, so the expensive ones stay out.

Times themselves are measured by benchmarks/bench.py, not here; this checks the causes.
"""

import json
import os
import subprocess
import sys

from jjj_cli import load_catalogue

from .fresh import run_fresh
from .paths import DATA

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
    # the cache's own values are not JSON (store/sealed.py), nor is a listing's array made here
    "json",
    # what only a failed or refused run, or a catalogue not yet compiled, needs
    "jjj_cli.curate.errors",
    "jjj_cli.files",
    "jjj_cli.store.loaded",
)


def loaded_by(*args: str) -> set[str]:
    """What a run loads as users mostly meet it: the second, with the catalogue cached."""
    run = run_fresh(*args, among=HEAVY, runs=2)
    assert run.code == 0, run.stdout
    return run.loaded


def test_listing_as_json_loads_only_its_own_commands():
    assert loaded_by("list", "--json") == {"jjj_cli.cli.browse"}


def test_showing_an_item_in_a_pipe_loads_only_its_own_commands():
    # and json, for the item's record (store/compiled.py)
    assert loaded_by("show", "zhao-free-trade-port") == {"jjj_cli.cli.browse", "json"}


def test_a_search_loads_the_matcher_alone_and_still_no_rich_in_a_pipe():
    assert loaded_by("search", "雄安") == {
        "jjj_cli.cli.search",
        "jjj_cli.explore",
        "jjj_cli.explore.fulltext",
        "jjj_cli.render.search",
    }


def test_an_exploring_command_loads_what_it_needs_and_still_no_rich_in_a_pipe():
    # the items' records are JSON; the family's -o FILE (graph, matrix) needs files.py
    assert loaded_by("compare", "ye-tanglin", "zhao-hong") == {
        "jjj_cli.cli.explore",
        "jjj_cli.explore",
        "jjj_cli.explore.comparison",
        "jjj_cli.files",
        "jjj_cli.render.explore",
        "json",
    }


def test_the_version_loads_no_command_at_all():
    assert loaded_by("--version") == set()


def test_a_run_that_opens_no_catalogue_loads_no_sqlite():
    for args in (["--version"], ["--help"]):
        run = run_fresh(*args, among=["sqlite3", "jjj_cli.store.compiled"])
        assert (run.code, run.loaded) == (0, set())


def test_help_lists_every_command_from_the_table_and_loads_none():
    assert loaded_by("--help") == {"rich"}


PROPOSALS = [item.id for item in load_catalogue().items if item.kind == "proposal"]


def script_run(
    *args: str, before: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`jjj ARGS` through the console script's own entry point (jjj_cli.cli.script), in an
    interpreter of its own, with `before` run first, and os._exit marked: it writes `at once`
    to stderr (past every buffer) before it ends the process."""
    code = (
        "import os, sys\n"
        "_exit = os._exit\n"
        "def marked(code):\n"
        "    os.write(2, b'at once\\n')\n"
        "    _exit(code)\n"
        "os._exit = marked\n"
        f"{before}"
        f"sys.argv = ['jjj', *{list(args)!r}]\n"
        "from jjj_cli.cli import script\n"
        "script()\n"
    )
    environment = {key: value for key, value in os.environ.items() if key != "JJJ_CATALOGUE"}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**environment, **(env or {})},
        timeout=60,
    )


def test_a_run_that_ends_as_planned_ends_at_once_with_everything_printed():
    # what was printed before the run, still in sys.stdout's buffer of a pipe, is flushed too
    before = "print('before the run')\n"
    result = script_run("list", "--kind", "proposal", "--json", before=before)
    assert (result.returncode, result.stderr) == (0, "at once\n")
    printed, listed = result.stdout.split("\n", 1)
    assert printed == "before the run"
    assert [item["id"] for item in json.loads(listed)] == PROPOSALS


def test_ending_at_once_keeps_the_exit_code_and_the_message():
    result = script_run("show", "nosuch")
    assert result.returncode == 2
    assert result.stderr.startswith("Error: unknown id 'nosuch'.")
    assert result.stderr.endswith("\nat once\n")
    broken = script_run("list", "--catalogue", str(DATA / "broken-refs.toml"))
    assert broken.returncode == 1
    assert "broken-refs.toml:33: regions[0] 'hebei' field 'parent'" in broken.stderr
    assert broken.stderr.endswith(" for all\nat once\n")


def test_a_reader_gone_is_still_success_when_ending_at_once():
    code = (
        "import subprocess, sys\n"
        "jjj = subprocess.Popen([sys.executable, '-c', "
        '\'from jjj_cli.cli import script; import sys; sys.argv = ["jjj", "list", '
        '"--kind", "all"]; script()\'], stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n'
        "jjj.stdout.readline()\n"
        "jjj.stdout.close()\n"
        "print(jjj.wait(), repr(jjj.stderr.read().decode()))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout == "0 ''\n", result.stderr


def test_an_exit_handler_of_a_wrapping_tool_still_runs_after_the_output():
    # a handler registered before the run (coverage's, say) needs Python's own ending; it
    # runs once the output is complete, and what the run made is frozen for the collector
    # (gc.freeze), which Python's final collection then leaves alone
    handler = (
        "import atexit, gc\n"
        "atexit.register(lambda: print('left', len(gc.get_objects()) < 1000, file=sys.stderr))\n"
    )
    result = script_run("list", "--kind", "proposal", "--json", before=handler)
    assert (result.returncode, result.stderr) == (0, "left True\n")
    assert [item["id"] for item in json.loads(result.stdout)] == PROPOSALS


def test_another_thread_alive_leaves_the_ending_to_python():
    thread = (
        "import threading, time\n"
        "threading.Thread(target=time.sleep, args=(600,), daemon=True).start()\n"
    )
    result = script_run("show", "nosuch", before=thread)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: unknown id") and "at once" not in result.stderr


def test_the_collector_is_held_off_for_the_start_and_left_as_it_was():
    # typer is first imported within main: whether the collector runs then, and after main
    code = (
        "import gc, sys\n"
        "seen = []\n"
        "class Spy:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'typer':\n"
        "            seen.append(gc.isenabled())\n"
        "sys.meta_path.insert(0, Spy())\n"
        "sys.argv = ['jjj', '--version']\n"
        "from jjj_cli.cli import main\n"
        "{switch}"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(seen, gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)\n"
    )
    for switch, expected in (("", "[False] True True"), ("gc.disable()\n", "[False] False True")):
        result = subprocess.run(
            [sys.executable, "-c", code.format(switch=switch)], capture_output=True, text=True
        )
        assert result.stderr == expected + "\n"
