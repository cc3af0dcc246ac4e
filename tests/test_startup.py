"""What a plain run loads: startup time is mostly imports, so the expensive ones stay out.

Times themselves are measured by benchmarks/bench.py, not here; this checks the causes.
"""

import json
import os
import subprocess
import sys

import pytest

from jjj_cli import load_catalogue

from .fresh import run_fresh
from .paths import DATA
from .test_streaming import large  # noqa: F401 (a fixture: 1,500 items made from the shipped)

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


def _marked(args: list[str], before: str = "", module: bool = False) -> str:
    """A program that runs `jjj ARGS` through the console script's own entry point
    (jjj_cli.cli.script), or with `module` as `python -m jjj_cli` does, with `before` run first,
    and os._exit marked: it writes `at once` to stderr (past every buffer) before it ends the
    process."""
    start = (
        "import runpy\nrunpy.run_module('jjj_cli', run_name='__main__', alter_sys=True)\n"
        if module
        else "from jjj_cli.cli import script\nscript()\n"
    )
    return (
        "import os, sys\n"
        "_exit = os._exit\n"
        "def marked(code):\n"
        "    os.write(2, b'at once\\n')\n"
        "    _exit(code)\n"
        "os._exit = marked\n"
        f"{before}"
        f"sys.argv = ['jjj', *{args!r}]\n"
        f"{start}"
    )


def _environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """This process's environment but the catalogue it names, and with Python's streams
    buffered, as most users' are (PYTHONUNBUFFERED would write what the tests check is
    flushed before it could be lost)."""
    leave = ("JJJ_CATALOGUE", "PYTHONUNBUFFERED")
    environment = {key: value for key, value in os.environ.items() if key not in leave}
    return {**environment, **(env or {})}


def script_run(
    *args: str, before: str = "", env: dict[str, str] | None = None, module: bool = False
) -> subprocess.CompletedProcess[str]:
    """`jjj ARGS` run by `_marked`'s program, in an interpreter of its own."""
    return subprocess.run(
        [sys.executable, "-c", _marked(list(args), before, module)],
        capture_output=True,
        text=True,
        env=_environment(env),
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


def test_a_reader_gone_is_still_success_when_ending_at_once(large):
    # 1,500 items, many times a pipe's buffer: jjj is still writing when the reader goes
    program = _marked(["list", "--kind", "all", "--catalogue", str(large)])
    code = (
        "import subprocess, sys\n"
        f"jjj = subprocess.Popen([sys.executable, '-c', {program!r}], "
        "stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
        "jjj.stdout.readline()\n"
        "jjj.stdout.close()\n"
        "print(jjj.wait(), repr(jjj.stderr.read().decode()))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_environment()
    )
    assert result.stdout == "0 'at once\\n'\n", result.stderr


def test_an_export_ending_at_once_writes_every_byte():
    # what the run writes last is still buffered when it ends: compared with the same export
    # from main(), which ends as Python ends it
    args = ["export", "--format", "csv", "--kind", "all"]
    at_once = subprocess.run(
        [sys.executable, "-c", _marked(args)], capture_output=True, env=_environment()
    )
    assert (at_once.returncode, at_once.stderr) == (0, b"at once\n")
    by_python = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; sys.argv = ['jjj', *{args!r}]\nfrom jjj_cli.cli import main\nmain()\n",
        ],
        capture_output=True,
        env=_environment(),
    )
    assert by_python.returncode == 0
    assert at_once.stdout == by_python.stdout
    assert at_once.stdout.count(b"\r\n") == 1 + len(load_catalogue().items)  # a header, a row each


def test_python_m_ends_at_once_as_the_command_does():
    result = script_run("show", "nosuch", module=True)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: unknown id 'nosuch'.")
    assert result.stderr.endswith("\nat once\n")


def test_the_console_script_is_the_entry_point_that_ends_at_once():
    from importlib.metadata import entry_points

    (jjj,) = entry_points(group="console_scripts", name="jjj")
    assert jjj.value == "jjj_cli.cli:script"


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


WATCHERS = {
    "a profiler": "sys.setprofile(lambda *args: None)\n",
    "a tracer": "sys.settrace(lambda *args: None)\n",
}
if sys.version_info >= (3, 12):  # sys.monitoring's tools: cProfile's and coverage's since 3.12
    WATCHERS["a monitoring tool"] = "sys.monitoring.use_tool_id(2, 'fictional profiler')\n"


@pytest.mark.parametrize("watcher", WATCHERS)
def test_a_debugger_or_profiler_watching_leaves_the_ending_to_python(watcher):
    result = script_run("list", "--kind", "proposal", "--json", before=WATCHERS[watcher])
    assert (result.returncode, result.stderr) == (0, "")
    assert [item["id"] for item in json.loads(result.stdout)] == PROPOSALS


def test_cprofile_still_writes_its_report_after_the_run():
    result = subprocess.run(
        [sys.executable, "-m", "cProfile", "-m", "jjj_cli", "show", "nosuch"],
        capture_output=True,
        text=True,
        env=_environment(),
        timeout=60,
    )
    # cProfile takes the run's SystemExit and ends with 0 itself, once it has reported
    assert result.stderr.startswith("Error: unknown id 'nosuch'.")
    assert " function calls " in result.stdout and "Ordered by: " in result.stdout


def test_what_the_stream_python_started_with_holds_is_written_before_the_end():
    # a wrapping tool has put a stream of its own in sys.stdout, and left text in the buffer
    # of the one Python started with: jjj writes to the first, and ends at once after both
    held = (
        "sys.stdout.write('fictional: held by the stream Python started with\\n')\n"
        "sys.stdout = open(os.dup(1), 'w', encoding='utf-8')\n"
    )
    result = script_run("show", "ye-tanglin", "--json", before=held)
    assert result.returncode == 0 and result.stderr.endswith(" includes them.\nat once\n")
    shown, held_text = result.stdout.rsplit("}\n", 1)
    assert json.loads(shown + "}")["id"] == "ye-tanglin"
    assert held_text == "fictional: held by the stream Python started with\n"


def test_a_standard_stream_that_cannot_flush_leaves_the_ending_to_python():
    # the stream Python started with, replaced by a wrapping tool and left holding what it
    # cannot write
    stuck = (
        "import io\n"
        "class Stuck(io.StringIO):\n"
        "    def flush(self):\n"
        "        raise OSError('fictional: the disk is full')\n"
        "sys.__stdout__ = Stuck()\n"
    )
    result = script_run("show", "nosuch", before=stuck)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: unknown id") and "at once" not in result.stderr


def test_the_collector_is_held_off_for_the_start_and_left_as_it_was():
    # typer is first imported within main: whether the collector runs then, and after main;
    # main freezes nothing (the objects are its caller's too)
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
        "frozen = gc.get_freeze_count()\n"  # not 0 at start on every Python (3.12.1: 375)
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(seen, gc.isenabled(), gc.get_freeze_count() - frozen, file=sys.stderr)\n"
    )
    for switch, expected in (("", "[False] True 0"), ("gc.disable()\n", "[False] False 0")):
        result = subprocess.run(
            [sys.executable, "-c", code.format(switch=switch)], capture_output=True, text=True
        )
        assert result.stderr == expected + "\n"


@pytest.mark.parametrize("module", [False, True], ids=["console script", "python -m"])
def test_the_command_freezes_what_its_start_made_once_it_is_imported(module):
    freeze = (
        "import gc\n"
        "_freeze = gc.freeze\n"
        "def freeze():\n"
        "    imported = 'jjj_cli.cli.commands' in sys.modules\n"
        "    os.write(2, b'frozen, typer imported: %d\\n' % imported)\n"
        "    _freeze()\n"
        "gc.freeze = freeze\n"
    )
    result = script_run("--version", before=freeze, module=module)
    assert result.returncode == 0 and result.stdout.startswith("jjj ")
    assert result.stderr == "frozen, typer imported: 1\nat once\n"
