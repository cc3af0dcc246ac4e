"""Adding to a TOML file's text where a person would: a table after the last of its kind, a
top-level key under the file's opening comment.

tomlkit keeps a document's comments, but gives each to the table before it: a table appended
there lands after the comment that opens the next section, and a new top-level key before the
first table, under that table's comment. Here the file is read as lines, as a person reads it:
the comment above a table (up to the blank lines after whatever precedes it) belongs to that
table. Every line not added stays as it was.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from ..catalogue import ITEMS_TABLE

# A table header, `[name]` or `[[name]]`, as the loader finds them to name lines.
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_-]+)\s*\]\]?\s*(#.*)?$")
# The tables in the order a catalogue file usually has them.
ORDER = ("sources", "experts", "appearances", "themes", "regions", ITEMS_TABLE, "figures")


class Block(NamedTuple):
    """A table as a person reads it: its name, the line its comment starts on, and the line
    after its last (blank lines at its end included)."""

    name: str
    start: int
    end: int


def blocks(lines: list[str]) -> list[Block]:
    """Every table of a file's lines, each with the comment above it (the file's opening
    comment, before its first blank line, is the file's own)."""
    headers = [(index, name) for index, line in enumerate(lines) if (name := _header(line))]
    floor = _opening(lines)
    starts = [_comment_start(lines, index, floor) for index, _ in headers] + [len(lines)]
    return [Block(name, start, end) for (_, name), start, end in zip(headers, starts, starts[1:])]


def render_table(name: str, values: Mapping[str, Any]) -> str:
    """`[[name]]` and its fields, in the order given, as TOML text ending in a newline."""
    import tomlkit

    return tomlkit.dumps({name: [dict(values)]})


def append_table(text: str, name: str, values: Mapping[str, Any]) -> str:
    """The text with a `[[name]]` table added after the last one, before whatever comment opens
    what follows it. In a file with none, before the first table that usually follows (ORDER),
    with its comment; else at the end."""
    lines, newline = _lines(text)
    added = render_table(name, values).rstrip("\n").split("\n")
    found = blocks(lines)
    own = [block for block in found if block.name == name]
    later = ORDER[ORDER.index(name) + 1 :] if name in ORDER else ()
    if own:
        at = own[-1].end
        while not lines[at - 1].strip():
            at -= 1
        after = lines[at:] if lines[at:] and not lines[at].strip() else ["", *lines[at:]]
        return newline.join([*lines[:at], "", *added, *after])
    following = next((block for block in found if block.name in later), None)
    if following is not None:
        before = lines[: following.start]
        space = [""] if before and before[-1].strip() else []
        return newline.join([*before, *space, *added, "", *lines[following.start :]])
    body = lines[:-1] if lines[-1:] == [""] else lines  # all but the final newline
    space = [""] if body and body[-1].strip() else []
    return newline.join([*body, *space, *added, ""])


def add_key(text: str, key: str, value: Any) -> str:
    """The text with a top-level `key = value` under the file's opening comment (the comment
    lines before the first blank line), or at the top when it has none."""
    import tomlkit

    lines, newline = _lines(text)
    added = tomlkit.dumps({key: value}).rstrip("\n")
    opening = _opening(lines)
    if opening:
        return newline.join([*lines[: opening + 1], added, "", *lines[opening + 1 :]])
    return newline.join([added, "", *lines]) if text.strip() else added + newline


def _lines(text: str) -> tuple[list[str], str]:
    """The lines of the text (the last "" when it ends in a newline), and its newline."""
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.split(newline), newline


def _header(line: str) -> str | None:
    match = _HEADER.match(line)
    return match.group(1) if match else None


def _opening(lines: list[str]) -> int:
    """Where the file's opening comment ends, when a blank line follows it; else 0."""
    end = 0
    while end < len(lines) and lines[end].lstrip().startswith("#"):
        end += 1
    return end if end < len(lines) and not lines[end].strip() else 0


def _comment_start(lines: list[str], header: int, floor: int) -> int:
    """Where the comment above a header begins: after the blank lines that follow whatever the
    file says before it, and never in the file's opening comment (which ends at `floor`)."""
    start = header
    while start > floor and (
        not lines[start - 1].strip() or lines[start - 1].lstrip().startswith("#")
    ):
        start -= 1
    while start < header and not lines[start].strip():
        start += 1
    return start
