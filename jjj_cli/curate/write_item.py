"""Writing a new item into the catalogue's files: its table after the item it follows, in the
file that holds the source's items, and the seq of the later items moved up where they must be.

The files are edited as text: every byte the change does not mean to touch stays as it was.
Each file changed is parsed again and compared with what it should hold, so that a layout
misread is refused, not written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from ..catalogue import ITEMS_TABLE, Catalogue, Item
from ..catalogue.location import display_path
from ..catalogue.read import TABLE_HEADER
from ..language import _
from .edit import Edit
from .items import ItemRefused, Placement
from .toml_text import (
    append_table,
    attached_comment,
    check_holds,
    in_strings,
    render_table,
    split_lines,
)
from .toml_text import loads as _loads


class LayoutUnknown(ItemRefused):
    """The file's text is laid out in a way this cannot edit safely (its [[proposals]] tables
    not each under a header of their own)."""


def table_values(item: Item) -> dict[str, Any]:
    """The fields of the item's [[proposals]] table, in the model's order: those with no value
    left out (a note; related items, which a curator links by hand)."""
    return {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in item._asdict().items()
        if value is not None and name != "related"
    }


# A table's header line, as the loader's line finder reads it.
_SEQ = re.compile(r"^(\s*seq\s*=\s*)([0-9_]+)(\s*(?:#.*)?)$")


class _File(NamedTuple):
    """One catalogue file as this edits it: its lines (each with its \r, in a file with
    Windows line endings), the line of each table's header, its data as parsed, and where each
    of its [[proposals]] tables starts, with its id."""

    path: Path
    lines: list[str]
    newline: str
    headers: list[int]  # every table header's line index, in order
    items: list[int]  # the header line index of each [[proposals]] table, in order
    data: dict[str, Any]
    ids: list[Any]  # each [[proposals]] table's id as written

    def span(self, index: int) -> tuple[int, int]:
        """The lines of the `index`-th item's table: its header to the next header."""
        start = self.items[index]
        later = [line for line in self.headers if line > start]
        return start, later[0] if later else len(self.lines)


def _read(path: Path, text: str) -> _File:
    data = _loads(text)
    # lines keep a Windows file's "\r", which the writing below puts back where it changes one
    lines = text.split("\n")
    headers, items = [], []
    split, newline = split_lines(text)
    inside = in_strings(split)  # a multi-line string's lines: never a header
    for number, line in enumerate(lines):
        match = None if number in inside else TABLE_HEADER.match(line.rstrip("\r"))
        if match:
            headers.append(number)
            if match.group(1) == "[[" and match.group(2) == ITEMS_TABLE:
                items.append(number)
    entries = data.get(ITEMS_TABLE, [])
    if not isinstance(entries, list) or len(entries) != len(items):
        message = _(
            "{file}: its [[{table}]] tables are not each under a [[{table}]] header line; add "
            "the item by hand, or run `jjj fmt` first"
        )
        raise LayoutUnknown(message.format(file=display_path(path), table=ITEMS_TABLE))
    ids = [entry.get("id") if isinstance(entry, dict) else None for entry in entries]
    return _File(path, lines, newline, headers, items, data, ids)


def _holding(files: Mapping[Path, _File], id: str) -> tuple[_File, int]:
    for file in files.values():
        if id in file.ids:
            return file, file.ids.index(id)
    raise LayoutUnknown(_("item '{id}' is in no catalogue file read").format(id=id))


def _declaring(texts: Mapping[Path, str], source: str) -> Path:
    """The catalogue file that declares a source ([[sources]], or 0.1's [source])."""
    for path, text in texts.items():
        if source not in text:
            continue
        data = _loads(text)
        declared = data.get("sources", [])
        declared = [*(declared if isinstance(declared, list) else []), data.get("source")]
        if any(isinstance(entry, dict) and entry.get("id") == source for entry in declared):
            return path
    raise LayoutUnknown(_("source '{id}' is declared in no catalogue file read").format(id=source))


def written(
    texts: Mapping[Path, str], item: Item, placement: Placement
) -> tuple[dict[Path, str], Path]:
    """The new text of each catalogue file the item changes: its table written after the item
    it follows (else before the one that follows it, else where a person would add a table to
    the file that declares its source), and the seq of every renumbered item one more; and the
    file that holds the item. `texts`: the catalogue's files.

    Each changed file is parsed again and compared with what it should hold: a layout this
    misreads is refused (WouldChangeHeld), not written.
    """
    ids = {item.id for item in (placement.after, placement.before, *placement.renumbered) if item}
    # only the files that name one of these ids are parsed; every item's id is in its file
    files = {
        path: _read(path, text)
        for path, text in texts.items()
        if any(f'"{id}"' in text or f"'{id}'" in text for id in ids)
    }
    new_lines = {path: list(file.lines) for path, file in files.items()}
    expected = {path: _copy_items(file.data) for path, file in files.items()}

    for moved in placement.renumbered:
        file, index = _holding(files, moved.id)
        start, end = file.span(index)
        for number in range(start + 1, end):
            match = _SEQ.match(file.lines[number].rstrip("\r"))
            if match and int(match.group(2).replace("_", "")) == moved.seq:
                carriage = "\r" if file.lines[number].endswith("\r") else ""
                rest = match.group(3)
                new_lines[file.path][number] = f"{match.group(1)}{moved.seq + 1}{rest}{carriage}"
                break
        else:
            message = _("{file}: no `seq = {seq}` line in item '{id}'")
            raise LayoutUnknown(
                message.format(file=display_path(file.path), seq=moved.seq, id=moved.id)
            )
        expected[file.path][ITEMS_TABLE][index]["seq"] = moved.seq + 1

    values = table_values(item)
    table = render_table(ITEMS_TABLE, values).rstrip("\n").split("\n")
    record = _loads("\n".join(table))[ITEMS_TABLE][0]
    if placement.after is not None:
        file, index = _holding(files, placement.after.id)
        start, end = file.span(index)
        # after the last line of its table that is not blank or a comment: what follows it
        # (a blank line, a comment on the next part of the file) stays before the next table
        last = max(
            number
            for number in range(start, end)
            if file.lines[number].strip() and not file.lines[number].lstrip().startswith("#")
        )
        at, block, position = last + 1, ["", *table], index + 1
    elif placement.before is not None:
        file, index = _holding(files, placement.before.id)
        # above the comment written on that item's table, which stays with it
        at = attached_comment(file.lines, file.items[index])
        block, position = [*table, ""], index
    else:
        # the source's first item: where a person would add it to the file declaring the source
        path = _declaring(texts, item.source)
        file = files.get(path) or _read(path, texts[path])
        files[path] = file
        new_lines[path] = append_table(texts[path], ITEMS_TABLE, values).split("\n")
        expected[path] = _copy_items(file.data)
        at, block, position = len(new_lines[path]), [], len(file.ids)
    carriage = "\r" if file.newline == "\r\n" else ""
    new_lines[file.path][at:at] = [line + carriage for line in block]
    expected[file.path].setdefault(ITEMS_TABLE, []).insert(position, record)

    result = {}
    for path, lines in new_lines.items():
        text = "\n".join(lines)
        if text == texts[path]:
            continue
        check_holds(path, text, expected[path], _("item '{id}'").format(id=item.id))
        result[path] = text
    return result, file.path


def _copy_items(data: dict[str, Any]) -> dict[str, Any]:
    """The parsed file, its items copied so that their seq can be changed."""
    copied = dict(data)
    entries = data.get(ITEMS_TABLE)
    if isinstance(entries, list):
        copied[ITEMS_TABLE] = [
            dict(entry) if isinstance(entry, dict) else entry for entry in entries
        ]
    return copied


def add(
    edit: Edit, catalogue: Catalogue, item: Item, placement: Placement
) -> tuple[Catalogue, Path]:
    """Write the item (placed by `place`, its seq from there) into the catalogue `edit` changes
    and return the catalogue as it now is, and the file that holds the item; or raise, nothing
    written (edit.commit's refusals, or LayoutUnknown)."""
    texts = {path: edit.read(path) for path in catalogue.files}
    changes, holder = written(texts, item, placement)
    for path, text in changes.items():
        edit.write(path, text)

    def held(would: Catalogue) -> str | None:
        if item.id in would.by_id:
            return None
        where = display_path(holder)
        message = _("the catalogue would not include {file}, where item '{id}' would go")
        return message.format(file=where, id=item.id)

    return edit.commit(expect=held), holder
