"""What jjj writes to, as one value: stdout and stderr (each with its encoding), whether each is
a terminal, and how wide.

The run reads it from the process once (`Environment.of_process`); mode selection and printing
ask it instead of `sys`, and a test hands in one of its own (`CliRunner.invoke(..., obj=...)`).
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from typing import Literal, TextIO

import typer


@dataclass(frozen=True)
class Environment:
    stdout: TextIO
    stderr: TextIO
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    stdout_width: int = 80  # columns; a pipe's is what a terminal would default to
    stderr_width: int = 80

    @classmethod
    def of_process(cls) -> Environment:
        """The process's own streams, as they are now, as Click writes text to them: in UTF-8
        where their encoding is ASCII (the C locale)."""
        stdout, stderr = _text_stream("stdout"), _text_stream("stderr")
        return cls(
            stdout=stdout,
            stderr=stderr,
            stdout_isatty=stdout.isatty(),
            stderr_isatty=stderr.isatty(),
            stdout_width=shutil.get_terminal_size().columns,
            stderr_width=_width(stderr),
        )


def _text_stream(name: Literal["stdout", "stderr"]) -> TextIO:
    if getattr(sys, name) is None:  # under pythonw, or closed by the shell (`jjj list >&-`)
        return open(os.devnull, "w", encoding="utf-8")
    return typer.get_text_stream(name, errors=None)


def _width(stream: TextIO) -> int:
    """A stream's own terminal width (stdout may be a pipe while stderr is a terminal)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError):  # not a terminal, or no descriptor at all
        return shutil.get_terminal_size().columns
