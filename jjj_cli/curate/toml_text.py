"""Adding to a TOML file's text where a person would: a table after the last of its kind, a
top-level key under the file's opening comment.

tomlkit keeps a document's comments, but gives each to the table before it: a table appended
there lands after the comment that opens the next section, and a new top-level key before the
first table, under that table's comment. Here the file is read as lines, as a person reads it:
the comment above a table (up to the blank lines after whatever precedes it) belongs to that
table. Every line not added stays as it was.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from ..catalogue import ITEMS_TABLE
from ..catalogue.read import TABLE_HEADER
from ..language import _
from .errors import WouldChangeHeld

# A table header, `[name]` or `[[name]]`, as the loader finds them to name lines.

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
    comment, before its first blank line, is the file's own). A line inside a multi-line
    string is the string's text: never a header or a comment."""
    inside = in_strings(lines)
    headers = [
        (index, name)
        for index, line in enumerate(lines)
        if index not in inside and (name := _header(line))
    ]
    floor = _opening(lines)
    starts = [_comment_start(lines, index, floor, inside) for index, _ in headers]
    starts.append(len(lines))
    return [Block(name, start, end) for (_, name), start, end in zip(headers, starts, starts[1:])]


def render_table(name: str, values: Mapping[str, Any]) -> str:
    """`[[name]]` and its fields, in the order given, as TOML text ending in a newline."""
    import tomlkit

    return tomlkit.dumps({name: [dict(values)]})


def append_table(text: str, name: str, values: Mapping[str, Any]) -> str:
    """The text with a `[[name]]` table added after the last one, before whatever comment opens
    what follows it. In a file with none, before the first table that usually follows (ORDER),
    with its comment; else at the end."""
    lines, newline = split_lines(text)
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

    lines, newline = split_lines(text)
    added = tomlkit.dumps({key: value}).rstrip("\n")
    opening = _opening(lines)
    if opening:
        return newline.join([*lines[: opening + 1], added, "", *lines[opening + 1 :]])
    return newline.join([added, "", *lines]) if text.strip() else added + newline


def loads(text: str) -> dict[str, Any]:
    """A TOML text's data, as the loader parses it (ValueError: not TOML)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    return tomllib.loads(text)


def with_added(
    text: str, tables: Mapping[str, list[Any]] | None = None, keys: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """What a TOML text holds once `tables` (each record appended after the last of its kind)
    and top-level `keys` are added to it, and nothing else."""
    data = loads(text)
    for name, records in (tables or {}).items():
        data[name] = [*data.get(name, []), *records]
    data.update(keys or {})
    return data


def check_holds(path: Path, text: str, expected: Mapping[str, Any], what: str) -> None:
    """Refuse (WouldChangeHeld) a file's new text that does not parse to `expected`: what it
    held, with what the command adds (`what`: e.g. "expert 'x'") and nothing else."""
    try:
        found = loads(text)
    except ValueError as error:  # TOMLDecodeError
        reason = _("it would not be TOML ({reason})").format(reason=error)
        raise WouldChangeHeld(path, what, reason) from None
    if found != expected:
        raise WouldChangeHeld(path, what, _difference(expected, found))


def _difference(expected: Mapping[str, Any], found: Mapping[str, Any]) -> str:
    """What the text would hold otherwise than it should: a record that would change, before a
    record that would be missing or more."""
    names = [*expected, *(name for name in found if name not in expected)]
    for name in names:
        want, got = expected.get(name), found.get(name)
        if isinstance(want, list) and isinstance(got, list):
            for index, (one, other) in enumerate(zip(want, got)):
                if one != other:
                    message = _(
                        "its [[{table}]] {record} would change (a table header inside a "
                        "multi-line string, or a layout jjj misread)"
                    )
                    return message.format(table=name, record=_named(one, index))
    for name in names:
        want, got = expected.get(name), found.get(name)
        if want != got and isinstance(want, list) and isinstance(got, list):
            more, fewer = (want, got) if len(want) > len(got) else (got, want)
            record = _named(more[len(fewer)], len(fewer))
            if more is want:
                message = _(
                    "its [[{table}]] {record} would be missing (a table header inside a "
                    "multi-line string, or a layout jjj misread)"
                )
            else:
                message = _(
                    "its [[{table}]] {record} would be there too (a table header inside a "
                    "multi-line string, or a layout jjj misread)"
                )
            return message.format(table=name, record=record)
        if want != got:
            message = _(
                "its `{key}` would change (a table header inside a multi-line string, or a "
                "layout jjj misread)"
            )
            return message.format(key=name)
    return _("its data would change")


def _named(record: Any, index: int) -> str:
    label = record.get("id") if isinstance(record, dict) else None
    return f"'{label}'" if isinstance(label, str) else _("number {number}").format(number=index + 1)


def split_lines(text: str) -> tuple[list[str], str]:
    """The lines of the text (the last "" when it ends in a newline), and its newline."""
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.split(newline), newline


def _header(line: str) -> str | None:
    match = TABLE_HEADER.match(line)
    return match.group(2) if match else None


def _opening(lines: list[str]) -> int:
    """Where the file's opening comment ends, when a blank line follows it; else 0."""
    end = 0
    while end < len(lines) and lines[end].lstrip().startswith("#"):
        end += 1
    return end if end < len(lines) and not lines[end].strip() else 0


def _comment_start(lines: list[str], header: int, floor: int, inside: set[int]) -> int:
    """Where the comment above a header begins: after the blank lines that follow whatever the
    file says before it, and never in the file's opening comment (which ends at `floor`) or a
    multi-line string (its lines: `inside`)."""
    start = header
    while (
        start > floor
        and start - 1 not in inside
        and (not lines[start - 1].strip() or lines[start - 1].lstrip().startswith("#"))
    ):
        start -= 1
    while start < header and not lines[start].strip():
        start += 1
    return start


def attached_comment(lines: list[str], header: int) -> int:
    """Where the comment written right above a header line (no blank line between) begins:
    the header itself when there is none. Never in a multi-line string or the file's opening
    comment."""
    inside = in_strings(lines[:header])
    floor = _opening(lines)
    start = header
    while start > floor and start - 1 not in inside and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    return start


def in_strings(lines: list[str]) -> set[int]:
    """The index of every line that begins inside a multi-line string (its text, not TOML)."""
    inside: set[int] = set()
    delimiter = ""  # the multi-line string open at the end of the line read: '"""', "'''"
    for index, line in enumerate(lines):
        if delimiter:
            inside.add(index)
        delimiter = _open_after(line, delimiter)
    return inside


def _open_after(line: str, delimiter: str) -> str:
    """The multi-line string still open at the end of a line that begins inside `delimiter`
    ("" when none)."""
    at = 0
    while at < len(line):
        if delimiter:
            if delimiter == '"""' and line[at] == "\\":
                at += 2
                continue
            if line.startswith(delimiter, at):
                at += len(delimiter)
                while at < len(line) and line[at] == delimiter[0]:  # quotes ending the text
                    at += 1
                delimiter = ""
                continue
            at += 1
            continue
        char = line[at]
        if char == "#":
            return ""
        if line.startswith(('"""', "'''"), at):
            delimiter = line[at : at + 3]
            at += 3
            continue
        if char in "\"'":  # a one-line string: to its closing quote
            at += 1
            while at < len(line) and line[at] != char:
                at += 2 if char == '"' and line[at] == "\\" else 1
        at += 1
    return delimiter
