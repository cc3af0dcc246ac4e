"""What jjj writes to, as one value: stdout and stderr (each with its encoding), whether each is
a terminal, how wide, and whether colour is wanted.

The run reads it from the process once (`Environment.of_process`); mode selection and printing
ask it instead of `sys`, and a test hands in one of its own (`CliRunner.invoke(..., obj=...)`).
Everything a run prints goes to its streams: what Click and Typer print themselves (`--help`,
usage errors, shell completion) as well, since the root points sys.stdout and sys.stderr at
them while it runs (commands._Group.main). Typer lays out the help and its usage errors at a
width of its own choosing, though: the terminal's, or COLUMNS.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import Literal, NamedTuple, TextIO

import typer

from ..streams import ESCAPE


class Environment(NamedTuple):  # not a dataclass: a third of the time to define, every run
    stdout: TextIO
    stderr: TextIO
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    stdout_width: int = 80  # columns; a pipe's is what a terminal would default to
    stderr_width: int = 80
    colour: bool = False  # a terminal's output may be coloured: NO_COLOR (or CLICOLOR=0) not set
    stdin_isatty: bool = False  # someone at a terminal can be asked (`add item`'s missing fields)

    @classmethod
    def of_process(cls) -> Environment:
        """The process's own streams, as they are now."""
        stdout, stderr = _text_stream("stdout"), _text_stream("stderr")
        return cls(
            stdout=stdout,
            stderr=stderr,
            stdout_isatty=stdout.isatty(),
            stderr_isatty=stderr.isatty(),
            stdout_width=shutil.get_terminal_size().columns,
            stderr_width=_width(stderr),
            colour=not os.environ.get("NO_COLOR"),  # streams.prepare sets it for CLICOLOR=0
            stdin_isatty=sys.stdin is not None and sys.stdin.isatty(),
        )


def _text_stream(name: Literal["stdout", "stderr"]) -> TextIO:
    """A stream as Click writes text to it, in UTF-8 where its encoding is ASCII (the C locale):
    most pipes' readers take UTF-8. Not a terminal, though, which may truly show nothing but
    ASCII: there the stream itself, whose characters beyond ASCII streams.prepare makes
    \\uXXXX escapes (and rich draws its boxes with ASCII rules)."""
    stream: TextIO | None = getattr(sys, name)
    if stream is None:  # under pythonw, or closed by the shell (`jjj list >&-`)
        return open(os.devnull, "w", encoding="utf-8")
    # ESCAPE: the stream cannot hold every character (main's streams.prepare has seen to it)
    if stream.isatty() and getattr(stream, "errors", None) == ESCAPE:
        return stream
    return typer.get_text_stream(name, errors=None)


def _width(stream: TextIO) -> int:
    """A stream's own terminal width (stdout may be a pipe while stderr is a terminal)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError):  # not a terminal, or no descriptor at all
        return shutil.get_terminal_size().columns
