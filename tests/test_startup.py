"""What a plain run loads: startup time is mostly imports, so the expensive ones stay out.

Times themselves are measured by benchmarks/bench.py, not here; this checks the causes.
"""

import subprocess
import sys

RUN = """
import contextlib, io, sys
from jjj_cli.cli import app
with contextlib.redirect_stdout(io.StringIO()):
    try:
        app({args!r})
    except SystemExit as exit:
        assert exit.code in (0, None), exit.code
heavy = ("pydantic", "rich", "jjj_cli.explore", "jjj_cli.render.explore", "importlib.resources")
print(" ".join(sorted(name for name in heavy if name in sys.modules)))
"""


def loaded_by(*args: str) -> set[str]:
    code = RUN.format(args=list(args))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_listing_as_json_loads_nothing_heavy():
    assert loaded_by("list", "--json") == set()


def test_showing_an_item_in_a_pipe_loads_nothing_heavy():
    assert loaded_by("show", "zhao-free-trade-port") == set()


def test_an_exploring_command_loads_what_it_needs_and_still_no_rich_in_a_pipe():
    assert loaded_by("search", "雄安") == {"jjj_cli.explore", "jjj_cli.render.explore"}
