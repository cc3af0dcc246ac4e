"""jjj run as a user's run starts, in an interpreter of its own: what it printed, its exit code,
and which of the modules asked about it imported (a test's own process has imported them all)."""

import ast
import os
import subprocess
import sys
from collections.abc import Iterable, Mapping
from typing import NamedTuple

# Run through jjj_cli.cli.main (what the console script runs, less its end: the report comes
# after), stdout captured; the report goes to the real stdout, as a Python literal (json would
# be a module the run did not load itself).
_SCRIPT = """
import contextlib, io, os, sys
os.environ.update({env!r})
sys.argv = ["jjj", *{args!r}]
from jjj_cli.cli import main
printed, code = io.StringIO(), 0
with contextlib.redirect_stdout(printed):
    try:
        main()
    except SystemExit as exit:
        code = exit.code or 0
loaded = sorted(name for name in {among!r} if name in sys.modules)
try:  # the catalogue compiled apart (cache.py), so that the next run finds it cached
    os.wait()
except ChildProcessError:
    pass
print(repr({{"code": code, "stdout": printed.getvalue(), "loaded": loaded}}), file=sys.__stdout__)
"""


class Fresh(NamedTuple):
    code: int
    stdout: str
    loaded: set[str]


def run_fresh(
    *args: str, among: Iterable[str], env: Mapping[str, str] | None = None, runs: int = 1
) -> Fresh:
    """Run `jjj ARGS` `runs` times (twice: the second finds the catalogue cached, as most runs
    do) and report on the last. $JJJ_CATALOGUE is left out: the line names the catalogue."""
    code = _SCRIPT.format(args=list(args), among=tuple(among), env=dict(env or {}))
    environment = {key: value for key, value in os.environ.items() if key != "JJJ_CATALOGUE"}
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=60,
            env=environment,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    report = ast.literal_eval(result.stdout)
    return Fresh(report["code"], report["stdout"], set(report["loaded"]))
