"""A reader that goes mid-stream, as `jjj … | head -1` does, met by every command that can print
more than a pipe holds: the run ends in quiet success (exit 0, nothing on stderr). And the check
that jjj's handling of a closed pipe is what makes it so: the same runs with it taken out fail.

Each runs as a person runs jjj: a process of its own, its stdout a real pipe, read one line and
then closed. Python buffers stdout in a pipe; PYTHONUNBUFFERED, where the environment has it,
is left out, as a person's shell does not set it: with it, every write reaches the pipe at
once, nothing is left to write when the run ends, and part of the handling is never reached.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .ids import joined
from .invoke import jjj
from .test_streaming import large  # noqa: F401 (a fixture: 1,500 items made from the shipped)

SCRIPT = Path(sys.executable).parent / ("jjj.exe" if os.name == "nt" else "jjj")

# Every command that can print more than a pipe holds (test_each_prints_more_than_a_pipe_holds):
# the items' lists, search, a whole source, citations, an expert in full, the experts compared,
# and every export that goes to stdout. At 1,500 items the others print less than a pipe holds
# (matrix, graph, related, figures, the codebooks) or not twice as much (compare in TSV).
LONG = [
    ["list", "--kind", "all"],
    ["list", "--kind", "all", "--json"],
    ["search", "产业", "--kind", "all"],
    ["search", "产业", "--kind", "all", "--json"],
    ["source", "--full"],
    ["show", "ye-tanglin", "--kind", "all", "--json"],
    ["cite", "--kind", "all"],
    ["cite", "--kind", "all", "--format", "csl-json"],
    ["compare", "cong-yi", "zhao-hong", "ye-tanglin", "--kind", "all", "--json"],
]
EXPORTS = [
    ["export", "--format", format, "--kind", "all"]
    for format in ("csv", "tsv", "json", "jsonl", "markdown", "sheet")
]


def environment() -> dict[str, str]:
    drop = ("JJJ_CATALOGUE", "PYTHONUNBUFFERED")
    return {key: value for key, value in os.environ.items() if key not in drop}


def read_one_line(command: list[str]) -> tuple[int, bytes]:
    """Run `command`, read the first line of its stdout, close the pipe; its exit code and
    what it wrote on stderr."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment()
    )
    assert process.stdout.readline()
    process.stdout.close()  # the reader has what it wanted, as `| head -1`
    stderr = process.stderr.read()
    process.stderr.close()
    return process.wait(timeout=300), stderr


def pipe_capacity() -> int:
    """What a pipe holds before a writer waits: the system's own figure where it gives one."""
    reader, writer = os.pipe()
    try:
        import fcntl

        return fcntl.fcntl(writer, fcntl.F_GETPIPE_SZ)  # Linux
    except (ImportError, AttributeError, OSError):
        return 65536  # Linux's default, and more than macOS gives
    finally:
        os.close(reader)
        os.close(writer)


@pytest.mark.parametrize("args", LONG + EXPORTS, ids=joined)
def test_each_prints_more_than_a_pipe_holds(large, args):
    # else the reader below would not go mid-stream: jjj could write it all and be done;
    # twice what it holds, and Python's buffer besides
    result = jjj(*args, catalogue=large)
    assert result.exit_code == 0, result.output
    assert len(result.stdout_bytes) > 2 * pipe_capacity() + 8192


@pytest.mark.parametrize("args", LONG + EXPORTS, ids=joined)
def test_a_reader_that_goes_mid_stream_leaves_a_quiet_success(large, args):
    assert SCRIPT.exists(), f"the jjj console script is not installed next to {sys.executable}"
    assert read_one_line([str(SCRIPT), "--catalogue", str(large), *args]) == (0, b"")


# jjj run as its console script runs it, with part of process.run's handling taken out first.
WITHOUT = {
    # nothing: the same way of running jjj, which must then succeed
    "nothing": "",
    # the null device put under stdout when its last flush fails (streams.discard)
    "discard": "import jjj_cli.streams\njjj_cli.streams.discard = lambda stream: None\n",
    # every `except BrokenPipeError` and `isinstance(…, BrokenPipeError)` of process.run: the
    # name looked up there made one that is never raised
    "handling": (
        "import jjj_cli.cli.process\n"
        "jjj_cli.cli.process.BrokenPipeError = type('NeverRaised', (Exception,), {})\n"
    ),
}


def without(taken_out: str, large: Path, args: list[str]) -> tuple[int, bytes]:
    code = WITHOUT[taken_out] + "from jjj_cli.cli import main\nmain()\n"
    return read_one_line([sys.executable, "-c", code, "--catalogue", str(large), *args])


@pytest.mark.parametrize("args", LONG + EXPORTS, ids=joined)
def test_without_the_handling_of_a_closed_pipe_each_fails(large, args):
    assert without("nothing", large, args) == (0, b"")
    # Click answers the broken pipe by exiting 1, which process.run makes success; an export
    # fails again at Python's flush at exit (below)
    assert without("handling", large, args) != (0, b"")


@pytest.mark.parametrize("args", EXPORTS, ids=joined)
def test_without_discarding_what_is_left_an_export_fails(large, args):
    # An export writes its bytes to stdout's buffer without a last flush of its own: what is
    # left in it when the pipe has gone fails again at Python's flush at exit (exit 120, a
    # message on stderr) unless streams.discard has sent it to the null device. (The other
    # commands flush as they go, and leave nothing there.)
    code, stderr = without("discard", large, args)
    assert code == 120
    assert stderr.decode().endswith("BrokenPipeError: [Errno 32] Broken pipe\n")
