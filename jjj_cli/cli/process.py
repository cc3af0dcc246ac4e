"""The process boundary: how a run of jjj ends, and with which exit code.

Every way out passes through `run`, once: the library's errors become a message on stderr and
their code, and a reader that stops reading (`jjj list | head`) is success.
"""

import atexit
import gc
from collections.abc import Callable
from enum import IntEnum
from typing import Any

import typer

from .. import streams
from ..catalogue import CatalogueError, Expert, Figure, Item, Region, Theme
from ..files import OutputExists, OutputUnwritable
from ..query import QueryError, UnknownName
from ..render.output import Unavailable
from ..render.plain import visible
from .environment import Environment


class ExitCode(IntEnum):
    SUCCESS = 0  # an empty result too
    CATALOGUE = 1  # a problem with the catalogue, or a check that failed
    USAGE = 2  # a usage problem or an unknown id
    ENVIRONMENT = 3  # what this machine lacks or refuses: FTS5, openpyxl, a writable file


def run(start: Callable[[], Any], environment: Environment) -> int:
    """Run the command line (`start`: Click's main, which exits) and return its exit code.

    Click shows its own usage errors; the library's errors are shown here. A closed pipe ends
    the run with success, whatever else was going on: the reader has what it wanted. A failed
    check keeps its verdict even so (`jjj validate | head -1` exits 1).
    """
    reader_gone = False
    code: int = ExitCode.SUCCESS  # what a start that returns instead of exiting has done
    try:
        start()
    except SystemExit as exit:
        # Click (around a command's own output, or --version) and rich (around the help)
        # answer a closed pipe by exiting 1 while handling the BrokenPipeError
        reader_gone = isinstance(exit.__context__, BrokenPipeError)
        code = ExitCode.SUCCESS if reader_gone or exit.code is None else int(exit.code)
    except CatalogueError as error:
        from ..render import problems as render_problems

        typer.echo(render_problems.brief(error.problems), file=environment.stderr)
        code = ExitCode.CATALOGUE
    except QueryError as error:
        _error(environment, str(error) + _where_the_ids_are(error))
        code = ExitCode.USAGE
    except OutputExists as error:  # -o FILE is there, and no --force
        _error(environment, str(error))
        code = ExitCode.USAGE
    except (OutputUnwritable, Unavailable) as error:
        _error(environment, str(error))
        code = ExitCode.ENVIRONMENT
    try:
        environment.stdout.flush()  # a reader that has gone shows up here, not at exit
    except BrokenPipeError:
        reader_gone = True
    if reader_gone:
        # what is still buffered goes to the null device, so that Python's flush at exit
        # does not fail a second time; a failed check keeps its code
        streams.discard_stdout()
    return code


# The command that lists each kind of record's ids: a usage error points to them.
_LISTED_BY: dict[type, str] = {
    Item: "jjj list --kind all",
    Figure: "jjj figures",
    Expert: "jjj experts",
    Theme: "jjj themes",
    Region: "jjj regions",
}


def _where_the_ids_are(error: QueryError) -> str:
    """For an unknown id that nothing came close to: which commands list the ids wanted."""
    if not isinstance(error, UnknownName) or error.what != "id" or error.suggestions:
        return ""
    wanted = set(error.among) or set(_LISTED_BY)
    commands = [f"`{command}`" for kind, command in _LISTED_BY.items() if kind in wanted]
    listed = " and ".join([", ".join(commands[:-1]), commands[-1]] if commands[1:] else commands)
    return f" {listed} {'list' if commands[1:] else 'lists'} the ids."


def _error(environment: Environment, message: str) -> None:
    """A usage error on stderr; on a terminal, broken between words so that the terminal does
    not cut an id of the message (a list of valid values is long)."""
    text = f"Error: {visible(message)}"
    if environment.stderr_isatty:
        from ..render.wrap import line_spans

        width = environment.stderr_width  # stderr's own: stdout may be a pipe
        text = "\n".join(text[start:end] for start, end in line_spans(text, width))
    typer.echo(text, file=environment.stderr)


def main() -> None:
    """Entry point of the `jjj` console script."""
    # The process ends when the command does: spare it the interpreter's final collection of
    # every object imported, about 12 ms of each run (benchmarks/bench.py: without it,
    # `list --json` is over 1.3 times `import typer`). Registered first, this runs
    # after any other exit handler; output is still flushed, and Python never promised
    # finalizers at exit. (gc.freeze: what the collector is to leave alone from now on.)
    atexit.register(gc.freeze)
    streams.prepare()
    from .commands import app

    app()
