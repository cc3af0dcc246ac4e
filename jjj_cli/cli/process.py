"""The process boundary: how a run of jjj ends, and with which exit code.

Every way out passes through `run`, once: the library's errors become a message on stderr and
their code, and a reader that stops reading (`jjj list | head`) is success.
"""

import atexit
import gc
import os
import sys
from collections.abc import Callable
from enum import IntEnum
from typing import Any, NoReturn

import typer

from .. import cache, streams
from ..catalogue import CatalogueError, Expert, Figure, Item, Region, Source, Theme
from ..language import N_, UnknownLanguage, _, listed, sentences
from ..query import QueryError, UnknownName
from ..render.output import Unavailable
from ..render.plain import visible
from .environment import Environment


class ExitCode(IntEnum):
    SUCCESS = 0
    CATALOGUE = 1
    USAGE = 2
    ENVIRONMENT = 3
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as a shell reports a command it interrupted


# What each code means, for `jjj --help` (the README's table says the same, checked by a test).
MEANINGS = {
    ExitCode.SUCCESS: N_("success (an empty result too)"),
    ExitCode.CATALOGUE: N_("a problem with the catalogue"),
    ExitCode.USAGE: N_("a usage problem or an unknown id"),
    ExitCode.ENVIRONMENT: N_(
        "what this machine lacks or refuses "
        "(an SQLite without FTS5, openpyxl for .xlsx, a file it cannot write)"
    ),
    ExitCode.INTERRUPTED: N_("interrupted (Ctrl-C)"),
}


def exit_codes() -> str:
    """The exit codes in a sentence, for the help's epilog, in the run's language."""
    codes = _(", ").join(f"{code} {_(MEANINGS[code])}" for code in ExitCode)
    return _("Exit codes: {codes}.").format(codes=codes)


def run(start: Callable[[], Any], environment: Environment) -> int:
    """Run the command line (`start`: Click's main, which exits) and return its exit code.

    Click shows its own usage errors; the library's errors are shown here. A closed pipe ends
    the run with success, whatever else was going on: the reader has what it wanted. A code
    chosen before the pipe closed stands, though: a failed check's (`jjj validate | head -1`
    exits 1), and an error's whose message found no reader (`jjj show nosuch 2>&1 | true`).
    """
    code: int = ExitCode.SUCCESS  # what a start that returns instead of exiting has done
    message = None
    try:
        try:
            start()
        except SystemExit as exit:
            # Click (around a command's own output, or --version) and rich (around the help
            # and usage errors) answer a closed pipe by exiting 1 while handling the
            # BrokenPipeError
            if isinstance(exit.__context__, BrokenPipeError):
                code = _unheard(exit.__context__, ExitCode.SUCCESS)
            else:
                code = ExitCode.SUCCESS if exit.code is None else int(exit.code)
        except KeyboardInterrupt:  # Typer makes it 130 inside a command; this is outside
            code = ExitCode.INTERRUPTED
        except CatalogueError as error:
            from ..curate.errors import WouldNotValidate
            from ..render import problems as render_problems

            refused = isinstance(error, WouldNotValidate)
            if error.validated:
                message = render_problems.brief(error.problems, error.entry, on_disk=not refused)
            else:
                message = "\n".join(map(render_problems.line, error.problems))
            code = ExitCode.CATALOGUE
            if refused:  # a curator's change, refused
                message += "\n" + _(
                    "nothing written: the catalogue would not validate with this change"
                )
        except (QueryError, UnknownLanguage) as error:
            where = _where_the_ids_are(error) if isinstance(error, QueryError) else ""
            code, message = ExitCode.USAGE, _error(environment, sentences(str(error), where))
        except Unavailable as error:
            code, message = ExitCode.ENVIRONMENT, _error(environment, str(error))
        except Exception as error:
            ended = _refused(error)
            if ended is not None:
                code, message = ended[0], _error(environment, ended[1])
            elif _damaged_cache(error):
                damaged = _(
                    "the compiled catalogue in the cache was damaged, and is removed: run again"
                )
                code, message = ExitCode.ENVIRONMENT, _error(environment, damaged)
            else:
                raise  # a closed pipe (below), or a bug: its traceback
        if message is not None:
            typer.echo(message, file=environment.stderr)
    except BrokenPipeError as gone:
        # outside Click's own handling of a closed pipe: in shell completion, in the message
        # above, or while Click showed a usage error itself
        code = _unheard(gone, code)
    # a reader that has gone shows up here, not at exit: what is still buffered goes to the
    # null device, so that Python's flush at exit does not fail a second time
    for stream in (environment.stdout, environment.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            streams.discard(stream)
    return code


def _refused(error: Exception) -> tuple[ExitCode, str] | None:
    """The exit code and message of a change refused or an output not written, if the error
    is one; else None. Their modules are imported here, once something has gone wrong: a run
    that succeeds never needs them."""
    from ..curate.errors import ChangedSinceRead, EditRefused, NotWritable
    from ..files import NotAFile, OutputExists, OutputUnwritable

    if isinstance(error, ChangedSinceRead):  # someone else's change, which writing would lose
        return ExitCode.CATALOGUE, str(error)
    if isinstance(error, (NotWritable, OutputUnwritable)):
        return ExitCode.ENVIRONMENT, str(error)
    # an id in use, the installed catalogue; -o FILE is there and no --force; -o DIR
    if isinstance(error, (EditRefused, OutputExists, NotAFile)):
        return ExitCode.USAGE, str(error)
    return None


def _damaged_cache(error: Exception) -> bool:
    """Whether SQLite found an entry of the cache damaged while it was read (a crash while it
    was written, a failing disk); if so, the entry is removed, and the next run loads afresh."""
    sqlite3 = sys.modules.get("sqlite3")  # not imported here: a run without it has no cache
    return (
        sqlite3 is not None and isinstance(error, sqlite3.DatabaseError) and cache.discard_opened()
    )


def _unheard(gone: BrokenPipeError, code: int) -> int:
    """The exit code of a run whose reader went away: a usage error's, if Click was showing
    one when it did; else `code`, the one chosen so far (success, or an error's whose message
    found no reader)."""
    told = gone.__context__  # what was being handled when the pipe broke
    return int(getattr(told, "exit_code", code))  # Click's exceptions carry their exit code


# The command that lists each kind of record's ids: a usage error points to them.
_LISTED_BY: dict[type, str] = {
    Item: "jjj list --kind all",
    Figure: "jjj figures",
    Expert: "jjj experts",
    Theme: "jjj themes",
    Region: "jjj regions",
    Source: "jjj sources",
}


def _where_the_ids_are(error: QueryError) -> str:
    """For an unknown id that nothing came close to: which commands list the ids wanted."""
    if not isinstance(error, UnknownName) or error.what != "id" or error.suggestions:
        return ""
    wanted = set(error.among) or set(_LISTED_BY)
    commands = [f"`{command}`" for kind, command in _LISTED_BY.items() if kind in wanted]
    if not commands[1:]:
        return _("{command} lists the ids.").format(command=commands[0])
    either = _("{some} and {last}").format(some=listed(commands[:-1]), last=commands[-1])
    return _("{commands} list the ids.").format(commands=either)


def _error(environment: Environment, message: str) -> str:
    """A usage error for stderr; on a terminal, broken between words so that the terminal does
    not cut an id of the message (a list of valid values is long)."""
    text = _("Error: {message}").format(message=visible(message))
    if environment.stderr_isatty:
        from ..render.wrap import line_spans

        width = environment.stderr_width  # stderr's own: stdout may be a pipe
        text = "\n".join(text[start:end] for start, end in line_spans(text, width))
    return text


def main() -> None:
    """Run the command line, and exit with its code (SystemExit): jjj_cli.cli.main."""
    streams.prepare()
    # a catalogue changed since the last run is compiled by a process of its own, which the
    # run does not wait for (cache.py says how); a library caller's compiles before it returns
    cache.COMPILE_APART = True
    from .commands import app

    app()


def end(code: int) -> NoReturn:
    """End the process with `code` at once, when nothing is left for Python's own ending to do.

    That ending frees every object the run made or imported, one by one: 1 to 1.5 ms of a
    cached query (benchmarks.md, "The start of a cached run"), for memory the system takes
    back whole. `run` has flushed both streams (or sent what a reader that has gone left
    unread to the null device), nothing jjj runs writes after it, and every file jjj writes is
    closed before its command returns. Where something still watches the run (`_watched`) or
    a standard stream cannot write what it holds (`_flushed`), it ends as Python ends it
    instead, without the final collection of every object (gc.freeze: what the collector is
    to leave alone), which would cost as much again; Python never promised finalizers at exit.
    """
    if _watched() or not _flushed():
        gc.freeze()
        raise SystemExit(code)
    os._exit(code)


def _watched() -> bool:
    """Whether something around the run still has work at Python's ending: an exit handler (a
    tool that wraps the run, such as coverage), another thread, or a tracer or profiler
    (a debugger, cProfile), which writes what it saw once the run is over. True also where
    Python cannot tell."""
    handlers = getattr(atexit, "_ncallbacks", None)  # CPython's, there since 3.0
    threading = sys.modules.get("threading")
    if handlers is None or handlers() or (threading is not None and threading.active_count() > 1):
        return True
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return True
    monitoring = getattr(sys, "monitoring", None)  # 3.12's tools: 0 to 5 are named
    return monitoring is not None and any(
        monitoring.get_tool(tool) is not None for tool in range(6)
    )


def _flushed() -> bool:
    """Whether every standard stream, the ones Python started with too, has written what it
    held: one that cannot (closed, or its file gone) is left to Python's ending, which reports
    a stream that fails to flush (and passes over a closed one)."""
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            return False
    return True
