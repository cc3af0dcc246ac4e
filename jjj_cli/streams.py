"""stdout and stderr as people really have them: piped into `head`, in encodings that cannot
hold Chinese, with colour turned off. Set up by cli.process.main before anything is printed."""

from __future__ import annotations

import codecs
import io
import os
import sys
from typing import TextIO

# The name of the codec error handler below, for stream.reconfigure(errors=...).
ESCAPE = "jjj-escape"
# Encodings that can write every character (codecs.lookup names).
_UNICODE = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030")


def _escape(error: UnicodeError) -> tuple[str, int]:
    """Write a character the stream cannot encode as a JSON-style \\uXXXX escape.

    It is harmless in a terminal, like the escapes for control characters, and inside JSON
    (where every non-ASCII character is in a string) it keeps the data exact.
    """
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escapes = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:  # JSON spells these as a surrogate pair
            code -= 0x10000
            escapes.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escapes.append(f"\\u{code:04x}")
    return "".join(escapes), error.end


def prepare() -> None:
    """Make output safe to write whatever the environment: call once, before any output."""
    codecs.register_error(ESCAPE, _escape)
    for stream in (sys.stdout, sys.stderr):
        # None under pythonw; something else when a test harness has replaced it
        if isinstance(stream, io.TextIOWrapper) and not _holds_unicode(stream.encoding):
            stream.reconfigure(errors=ESCAPE)
    if os.environ.get("CLICOLOR") == "0":
        # rich, which draws the tables and the help, knows only NO_COLOR
        os.environ.setdefault("NO_COLOR", "1")


def discard(stream: TextIO) -> None:
    """After the reader of a pipe has gone: send anything still buffered for it to the null
    device, so that Python's flush at exit does not fail a second time."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, stream.fileno())
    os.close(devnull)


def _holds_unicode(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name in _UNICODE
    except LookupError:
        return False
