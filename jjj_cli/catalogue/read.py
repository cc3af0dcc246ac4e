"""From a path to TOML data: bounded reads, decoding, parsing, and where a parse failed."""

from __future__ import annotations

import codecs
import re
import sys
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..language import N_, _
from .model import CatalogueError, Problem
from .reasons import system_reason

# The shipped catalogue is about 100 KiB and one of 100,000 items about 90 MiB; anything
# larger than this is a mistake (or /dev/zero), and is refused before it is read into memory.
MAX_BYTES = 256 * 1024 * 1024
# tomllib's memory grows with the square of the parts of a dotted key (`a.b.c… = 1`):
# a few KiB of dots would exhaust memory before the parser reports anything.
MAX_KEY_PARTS = 32
_DEEP_KEY = re.compile(
    r"""^[ \t]*(?:(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')[ \t]*\.[ \t]*)"""
    rf"{{{MAX_KEY_PARTS},}}",
    re.MULTILINE,
)
# A line opening a table, `[name]` or `[[name]]`, with a comment after it or none: group 1 the
# brackets, group 2 the name. The loader finds lines by it, and the curator's commands where
# to add a table; a header inside a multi-line string is the reader's to tell apart.
TABLE_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_-]+)\s*\]\]?\s*(#.*)?$")
# Python refuses to convert integers this long (sys.get_int_max_str_digits)
_LONG_NUMBER = re.compile(r"[0-9A-Fa-f_]{4300,}")


def read_bounded(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a file, or ValueError if it holds more than `limit` (read no further)."""
    with path.open("rb") as file:
        raw = file.read(limit + 1)
    if len(raw) > limit:
        raise ValueError(_("larger than {size} MiB").format(size=limit // (1024 * 1024)))
    return raw


def read_toml(
    path: Path,
    shown: str,
    overlay: Mapping[Path, bytes] | None = None,
    stamps: dict[Path, tuple[int, int]] | None = None,
) -> tuple[dict[str, Any], str]:
    """The parsed TOML and its text, or one CatalogueError that says why not. `overlay`: the
    bytes some files would have (by resolved path), read instead of the disk's. `stamps`: gets
    the size and CRC-32 of the bytes read (see stamp)."""

    def fail(message: str) -> CatalogueError:
        return CatalogueError([Problem(shown, None, None, None, message)])

    try:
        raw = read_bytes(path, overlay)
    except FileNotFoundError:
        raise fail(_("catalogue file not found")) from None
    except IsADirectoryError:
        raise fail(_("is a directory, not a catalogue file")) from None
    except OSError as error:
        raise fail(_("cannot read: {reason}").format(reason=system_reason(error))) from None
    except ValueError as error:
        raise fail(_("too large for a catalogue: {reason}").format(reason=error)) from None
    if stamps is not None:
        stamps[path] = stamp(raw)
    return parse_toml(raw, shown)


def stamp(raw: bytes) -> tuple[int, int]:
    """What identifies a file's content: its size and CRC-32. The cache compares it with the
    file's when it is next run: the content the catalogue was built from, not what a later
    read (after someone saved the file meanwhile) would find."""
    return len(raw), zlib.crc32(raw)


def read_bytes(path: Path, overlay: Mapping[Path, bytes] | None = None) -> bytes:
    """read_bounded, or the overlay's bytes for this file when it has them."""
    if overlay:
        resolved = path.resolve()
        if resolved in overlay:
            return overlay[resolved]
    return read_bounded(path)


def parse_toml(raw: bytes, shown: str) -> tuple[dict[str, Any], str]:
    """The parsed TOML of a file's bytes, and its text; or one CatalogueError saying why not."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    def fail(message: str, line: int | None = None, column: int | None = None) -> CatalogueError:
        return CatalogueError([Problem(shown, line, None, None, message, column)])

    try:
        # an editor's byte-order mark is not part of the text
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise fail(_("UTF-16 text: save the file as UTF-8")) from None
        line, column = _position(raw, error.start)
        message = _("not UTF-8 text (byte {byte})").format(byte=f"{raw[error.start]:#04x}")
        raise fail(message, line, column) from None
    deep = _DEEP_KEY.search(text)
    if deep:
        message = _("a dotted key of more than {count} parts").format(count=MAX_KEY_PARTS)
        raise fail(message, *_position(text, deep.start())) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        if str(error).endswith("(at end of document)"):
            message = _(
                "TOML syntax error: {reason} at the end of the file (is a ], }} or quote not "
                "closed?)"
            )
        else:
            message = _("TOML syntax error: {reason}")
        message = message.format(reason=_reason(error))
        raise fail(message, *_error_position(error, text)) from None
    except RecursionError:
        raise fail(_("arrays or tables nested too deeply to read")) from None
    except ValueError:
        long = _LONG_NUMBER.search(text)
        position = _position(text, long.start()) if long else (None, None)
        raise fail(_("a number has too many digits to read"), *position) from None


def _position(text: str | bytes, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of an index into text or UTF-8 bytes."""
    if isinstance(text, bytes):
        line_start = text.rfind(b"\n", 0, index) + 1
        column = len(text[line_start:index].decode("utf-8", errors="replace")) + 1
        return text.count(b"\n", 0, index) + 1, column
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _reason(error: Exception) -> str:
    # the position is also in the message; it has a place of its own in a Problem
    reason = re.sub(r" \((at line \d+, column \d+|at end of document)\)$", "", str(error))
    return _translated(reason)


# The TOML parser's reasons (tomllib's and tomli's, English only), each as jjj's catalogue
# translates it; the more particular before the more general. A reason not here (another
# version's wording) is shown as the parser gives it.
_TOML_REASONS = (
    N_("Invalid statement"),
    N_("Invalid value"),
    N_("Invalid date or datetime"),
    N_("Invalid hex value"),
    N_("Invalid initial character for a key part"),
    N_("Unclosed array"),
    N_("Unclosed inline table"),
    N_("Unterminated string"),
    N_("Unescaped '\\' in a string"),
    N_("Escaped character is not a Unicode scalar value"),
    N_("Cannot overwrite a value"),
    N_("Cannot declare {key} twice"),
    N_("Cannot redefine namespace {key}"),
    N_("Cannot mutate immutable namespace {key}"),
    N_("Duplicate inline table key {key}"),
    N_("Illegal character {character}"),
    N_("Found invalid character {character}"),
    N_("Expected newline or end of document after a statement"),
    N_("Expected ']' at the end of a table declaration"),
    N_("Expected ']]' at the end of an array declaration"),
    N_("Expected '=' after a key in a key/value pair"),
    N_("Expected {expected}"),
)


def _translated(reason: str) -> str:
    """The parser's reason in the language of the run, when it is one jjj knows."""
    for template in _TOML_REASONS:
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+)", re.escape(template))
        match = re.fullmatch(pattern, reason, flags=re.DOTALL)
        if match:
            return _(template).format(**match.groupdict())
    return reason


def _error_position(error: Exception, text: str) -> tuple[int | None, int | None]:
    if str(error).endswith("(at end of document)"):
        # point just after the last thing written: that is where something is missing (the
        # parser's own position, where it has one, is after the blank lines that follow)
        return _position(text, len(text.rstrip()))
    if getattr(error, "lineno", None):  # tomli 2.1 and Python 3.14 give it
        return error.lineno, error.colno  # type: ignore[attr-defined]
    at = re.search(r"\(at line (\d+), column (\d+)\)$", str(error))
    if at:
        return int(at.group(1)), int(at.group(2))
    return None, None
