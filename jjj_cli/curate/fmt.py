"""One canonical layout for a catalogue file, and the 0.1 → 0.2 migration: a file's text in,
its canonical text out (`format_file`, which reads and writes no file); `reformat` puts every
file of a catalogue through it, in an Edit, which writes nothing until it commits.

The layout: the file's header comment (an editor's `#:schema` line stays the first line), its
top-level keys (`include`), then its tables in the order of model.RECORD_TABLES (tables the
model does not know after them, as written); in each table the keys in the order the model
declares its fields (keys it does not know after them, as written); the items
(`[[proposals]]`) by source, then seq; every other table's records as written. Strings are
basic strings ("…") on one line, escaped only where TOML needs it (a line break is written
\\n); numbers, dates and booleans stay as written. An array stays on its key's line when that
fits in WIDTH columns, else it takes one element per line, each with a trailing comma. One
blank line between tables, none inside one, no trailing spaces, a final newline. Every comment
is kept: a comment above a table or a key moves with it, one at the end of a line stays on
that line.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import tomlkit
from tomlkit.container import Container
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import (
    AoT,
    Array,
    Comment,
    InlineTable,
    Item,
    Key,
    Null,
    String,
    StringType,
    Table,
    Whitespace,
    _ArrayItemGroup,
)

from ..catalogue import Catalogue, CatalogueError, Problem, display_path
from ..catalogue.load import CODING_TABLE
from ..catalogue.model import ITEMS_TABLE, RECORD_TABLES
from ..catalogue.schema import CODING, GIVES, RULE_FIELDS, SPECS, coding_rules, theme_rules
from ..language import _, listed
from .edit import Edit
from .toml_text import loads

WIDTH = 100  # columns, a CJK character counting two: the widest line an array is kept on
INDENT = "  "  # of an array's elements, one per line

# Each table's keys in the model's order, and the tables in the order a catalogue is written.
FIELDS: Mapping[str, tuple[str, ...]] = {
    table.name: tuple(SPECS[table.record]) for table in RECORD_TABLES
}
# The keys that hold lists of coding rules, as (table, key): a rule's keys go in the model's
# order (keys it does not know after them, as written), like a table's.
RULE_LISTS = {
    *(
        (table.name, name)
        for table in RECORD_TABLES
        for name, spec in SPECS[table.record].items()
        if spec.convert is theme_rules
    ),
    *((CODING_TABLE, name) for name, spec in CODING.items() if spec.convert is coding_rules),
}
RULE_KEYS = (*RULE_FIELDS, GIVES)

# The 0.1 form: one `[source]` table, each expert with what belongs to the source.
OLD_SOURCE_TABLE = "source"
SOURCES_TABLE = "sources"
EXPERTS_TABLE = "experts"
APPEARANCES_TABLE = "appearances"
# What an expert's table held in 0.1 and an appearance holds in 0.2: the appearance's own fields
MOVED_TO_APPEARANCE = tuple(
    name for name in FIELDS[APPEARANCES_TABLE] if name not in ("expert", "source")
)
WITH_SOURCE = (ITEMS_TABLE, "figures")  # the tables whose records name their source in 0.2

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# What a basic string escapes: the quotation mark, the backslash, every control character
# (a tab or a line break written out would be invisible, or end the string).
_BASIC = (
    {ord('"'): '\\"', ord("\\"): "\\\\"}
    | {code: f"\\u{code:04X}" for code in [*range(0x20), 0x7F]}
    | {ord(char): escape for char, escape in zip("\b\t\n\f\r", ("\\b", "\\t", "\\n", "\\f", "\\r"))}
)


class FormatError(Exception):
    """A file fmt cannot put in the canonical layout; the message says why."""


class Formatted(NamedTuple):
    text: str
    migrated: bool  # the file was in the 0.1 form and is now in 0.2's


class Reformatted(NamedTuple):
    path: Path
    migrated: bool


@dataclass
class _Entry:
    """A key and its value, with the comments on the lines above it and at the end of its line."""

    name: str
    value: Item
    above: list[str] = field(default_factory=list)
    comment: str = ""


@dataclass
class _Block:
    """A table as written: `[name]` or one record of `[[name]]`."""

    name: str
    array: bool
    entries: list[_Entry]
    leading: list[str] = field(default_factory=list)  # comment lines above it, "" for a blank
    comment: str = ""  # at the end of its header's line
    trailing: list[str] = field(default_factory=list)  # after its last key, as read

    def get(self, name: str) -> object:
        return next((entry.value for entry in self.entries if entry.name == name), None)


def format_file(text: str, *, sources: Sequence[str] = ()) -> Formatted:
    """`text`, a catalogue file, in the canonical layout (migrated to 0.2 if it is in 0.1's
    form). `sources`: the catalogue's source ids in order, which orders the items; a source
    not among them comes after those that are, in the order the file first names it."""
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as error:
        raise FormatError(_("not TOML: {reason}").format(reason=error)) from error
    header, top, blocks, footer = _read(text, document)
    migrated = _migrate(blocks)
    lines = _lines(header, top, _ordered(blocks, sources), footer)
    formatted = "".join(line + "\n" for line in lines)
    if not migrated:
        _same_data(text, formatted)
    return Formatted(formatted, migrated)


def _same_data(before: str, after: str) -> None:
    """FormatError unless `after` holds what `before` does, as the loader reads them: a layout
    changes no value. Records may move within their table (items go in source order)."""

    def held(text: str) -> dict[str, Any]:
        data = loads(text)
        return {
            name: sorted(json.dumps(each, sort_keys=True, default=str) for each in value)
            if isinstance(value, list) and all(isinstance(each, dict) for each in value)
            else value
            for name, value in data.items()
        }

    old, new = held(before), held(after)
    changed = sorted(name for name in {*old, *new} if old.get(name) != new.get(name))
    if changed:
        message = _("its layout would change what {tables} hold")
        raise FormatError(message.format(tables=listed(changed)))


def reformat(edit: Edit, catalogue: Catalogue) -> list[Reformatted]:
    """Give each file of `catalogue` (read as `edit` reads it) its canonical text in `edit`;
    the files that change, in the catalogue's order. A file fmt cannot format is a
    CatalogueError naming it."""
    sources = [source.id for source in catalogue.sources]
    changed = []
    for path in catalogue.files:
        text = edit.read(path)
        try:
            formatted = format_file(text, sources=sources)
        except FormatError as error:
            message = _("cannot format: {reason}").format(reason=error)
            problem = Problem(display_path(path), None, None, None, message)
            raise CatalogueError([problem]) from None
        if formatted.text != text:
            edit.write(path, formatted.text)
            changed.append(Reformatted(path, formatted.migrated))
    return changed


def _read(
    text: str, document: Container
) -> tuple[list[str], list[_Entry], list[_Block], list[str]]:
    """The file's header comment, its top-level keys, its tables in the order they are
    written, and its closing comments."""
    pending: list[str] = []  # comment lines and blanks not yet given to what follows them
    header: list[str] = []
    top: list[_Entry] = []
    placed: list[tuple[int, _Block]] = []  # each table, with where its text starts
    tables: dict[str, _Block] = {}  # each [table] by name: `[a.b]` and `[a]` are one table
    found: dict[str, int] = {}  # each name -> where the last of its tables found starts
    for key, item in document.body:
        if _trivia(item, pending) or key is None:
            continue
        if not top and not placed and pending and pending[0]:
            # the comment that opens the file, set apart by a blank line, is the file's header;
            # an editor's `#:schema` line is, in any case: it must stay the first line
            schema = pending[0].startswith("#:schema")
            cut = pending.index("") if "" in pending else int(schema)
            header, pending = pending[:cut], pending[cut:]
        if not isinstance(item, (Table, AoT)) or key.is_dotted():
            top.append(_Entry(key.key, item, _without_blanks(pending), _comment(item)))
            pending = []
            continue
        for table in item.body if isinstance(item, AoT) else [item]:
            entries, trailing = _entries(table.value)
            if isinstance(item, Table) and key.key in tables:
                tables[key.key].entries += entries
                tables[key.key].trailing += trailing
                continue
            block = _Block(key.key, isinstance(item, AoT), entries, [], _comment(table), trailing)
            tables.setdefault(key.key, block)
            start = _start(text, key, table, found.get(key.key, -1) + 1)
            if start is None:  # a super table, never written itself: where the one before is
                start = placed[-1][0] if placed else 0
            else:
                found[key.key] = start
            placed.append((start, block))
    placed.sort(key=lambda place: place[0])
    blocks = [block for _, block in placed]
    for block in blocks:
        # the comments after a table's last key are over the next table
        block.leading, pending = pending, block.trailing
    return header, top, blocks, pending


def _start(text: str, key: Key, table: Table, after: int) -> int | None:
    """Where in `text` a table is written: the first header of its name, from `after` on,
    that its body follows (tomlkit gathers the records of a `[[name]]` written in several
    places under the first, so the text is read again); None if it is not written."""
    brackets = (r"\[\[", r"\]\]") if table.is_aot_element() else (r"\[", r"\]")
    name = re.escape(key.as_string().strip())
    header = re.compile(rf"^[ \t]*{brackets[0]}[ \t]*{name}[ \t]*{brackets[1]}.*\n?", re.MULTILINE)
    body = table.as_string()
    for match in header.finditer(text, after):
        if text.startswith(body, match.end()):
            return match.start()
    return None


def _entries(body: Container) -> tuple[list[_Entry], list[str]]:
    """A table's keys, and the comments after its last key (they go with the next table)."""
    entries: list[_Entry] = []
    pending: list[str] = []
    for key, item in body.body:
        if _trivia(item, pending) or key is None:
            continue
        entries.append(_Entry(key.key, item, _without_blanks(pending), _comment(item)))
        pending = []
    return entries, pending


def _trivia(item: Item, pending: list[str]) -> bool:
    """Add a comment line or blank lines to `pending`; False if `item` is neither."""
    if isinstance(item, Comment):
        pending.append(item.trivia.comment.rstrip())
    elif isinstance(item, Whitespace):
        pending.extend([""] * item.as_string().count("\n"))
    else:
        return False
    return True


def _comment(item: Item) -> str:
    return item.trivia.comment.rstrip()


def _without_blanks(lines: list[str]) -> list[str]:
    return [line for line in lines if line]


def _migrate(blocks: list[_Block]) -> bool:
    """The 0.1 form made 0.2's, in place: `[source]` becomes `[[sources]]`; what each expert
    said in it (headline, question, the note on them) an `[[appearances]]` record; every item
    and figure names the source. False if the file is not in the 0.1 form."""
    old = [block for block in blocks if block.name == OLD_SOURCE_TABLE and not block.array]
    if not old or any(block.name == SOURCES_TABLE for block in blocks):
        return False
    (source,) = old  # TOML allows one table of a name
    source_id = source.get("id")
    if not isinstance(source_id, str):
        raise FormatError(_("the [source] table has no id: give it one before migrating"))
    source.name, source.array = SOURCES_TABLE, True
    for block in list(blocks):
        if block.name == EXPERTS_TABLE:
            moved = [entry for entry in block.entries if entry.name in MOVED_TO_APPEARANCE]
            if moved:
                expert_id = block.get("id")
                if not isinstance(expert_id, str):
                    raise FormatError(_("an expert without an id has a headline or question"))
                block.entries = [entry for entry in block.entries if entry not in moved]
                keys = [_Entry("expert", tomlkit.string(expert_id)), _source(source_id)]
                blocks.append(_Block(APPEARANCES_TABLE, True, keys + moved))
        elif block.name in WITH_SOURCE and block.get("source") is None:
            block.entries.append(_source(source_id))
    return True


def _source(source_id: str) -> _Entry:
    return _Entry("source", tomlkit.string(source_id))


def _ordered(blocks: list[_Block], sources: Sequence[str]) -> list[_Block]:
    """The tables in the model's order, then the others; the items by source, then seq."""
    tables = list(FIELDS)
    by_table: dict[str, list[_Block]] = {}
    for block in blocks:
        by_table.setdefault(block.name, []).append(block)
    order = sorted(by_table, key=lambda name: tables.index(name) if name in tables else len(tables))
    items = by_table.get(ITEMS_TABLE, [])
    ranks = {source: rank for rank, source in enumerate(sources)}
    for item in items:
        named = item.get("source")
        if isinstance(named, str):
            ranks.setdefault(named, len(ranks))

    def item_order(item: _Block) -> tuple[int, float]:
        named, seq = item.get("source"), item.get("seq")
        rank = ranks.get(named, len(ranks)) if isinstance(named, str) else len(ranks)
        return rank, seq if isinstance(seq, int) and not isinstance(seq, bool) else float("inf")

    by_table[ITEMS_TABLE] = sorted(items, key=item_order)
    for block in blocks:
        known = FIELDS.get(block.name, ())
        position = {name: index for index, name in enumerate(known)}
        block.entries.sort(key=lambda entry: position.get(entry.name, len(known)))
    return [block for name in order for block in by_table[name]]


def _lines(
    header: list[str], top: list[_Entry], blocks: list[_Block], footer: list[str]
) -> Iterator[str]:
    """The file, line by line: its parts with one blank line between two."""
    parts = [
        _paragraphs(header),
        [line for entry in top for line in _entry(entry)],
        *(_table(block) for block in blocks),
        _paragraphs(footer),
    ]
    for number, part in enumerate(part for part in parts if part):
        yield from [""] * (number > 0)
        yield from part


def _table(block: _Block) -> list[str]:
    brackets = ("[[", "]]") if block.array else ("[", "]")
    header = _with_comment(f"{brackets[0]}{_key(block.name)}{brackets[1]}", block.comment)
    return [
        *_paragraphs(block.leading, blank_after=True),
        header,
        *(
            line
            for entry in block.entries
            for line in _entry(entry, RULE_KEYS if (block.name, entry.name) in RULE_LISTS else ())
        ),
    ]


def _paragraphs(lines: list[str], *, blank_after: bool = False) -> list[str]:
    """Comment lines as written, with no blank line before them, at most one in a row, and one
    after them only if `blank_after` and one was there."""
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return kept if blank_after or kept[-1:] != [""] else kept[:-1]


def _entry(entry: _Entry, order: Sequence[str] = ()) -> Iterator[str]:
    """A key and its value; `order`: the keys of the tables inside the value, in order."""
    yield from entry.above
    start = f"{_key(entry.name)} = "
    yield _with_comment(start + _value(entry.value, _width(start), order), entry.comment)


def _with_comment(line: str, comment: str) -> str:
    return f"{line}  {comment}" if comment else line


def _value(item: Item, indent: int, order: Sequence[str] = ()) -> str:
    """A key's value: on the key's line, or a long array over several."""
    if not isinstance(item, Array):
        return _inline(item, order)
    # tomlkit keeps an array's comments only in its private groups
    groups = [
        group for group in item._value if group.comment is not None or _element(group) is not None
    ]
    if all(group.comment is None for group in groups):
        inline = _inline(item, order)
        if indent + _width(inline) <= WIDTH:
            return inline
    lines = ["["]
    for group in groups:
        comment = _comment(group.comment) if group.comment is not None else ""
        element = _element(group)
        if element is None:
            lines.append(INDENT + comment)  # a comment on a line of its own
        else:
            lines.append(_with_comment(f"{INDENT}{_inline(element, order)},", comment))
    lines.append("]")
    return "\n".join(lines)


def _element(group: _ArrayItemGroup) -> Item | None:
    """The value in an array's group, None in a group holding only a comment."""
    return None if isinstance(group.value, Null) else group.value


def _inline(item: Item, order: Sequence[str] = ()) -> str:
    """A value on one line: an array or a table inside another value too, unless it holds a
    comment, which a line could not keep. `order`: the keys of a table in it, in order (those
    not in it after them, as written)."""
    if isinstance(item, (Array, AoT, Table)) and (comments := _comments(item)):
        message = _("cannot keep the comment '{comment}' inside a nested value")
        raise FormatError(message.format(comment=comments[0]))
    if isinstance(item, String):
        value = str(item)
        if item.type in (StringType.MLB, StringType.MLL):
            # a line break in a multi-line string is one "\n" as the loader reads it, whatever
            # the file's line endings: tomlkit keeps a Windows file's "\r\n"
            value = value.replace("\r\n", "\n")
        return f'"{value.translate(_BASIC)}"'
    if isinstance(item, Array):
        return "[" + ", ".join(_inline(value, order) for value in item) + "]"
    if isinstance(item, AoT):
        return "[" + ", ".join(_inline(table, order) for table in item.body) + "]"
    if isinstance(item, (InlineTable, Table)):
        written = [
            (key.key, value)
            for key, value in item.value.body
            if key is not None and not isinstance(value, (Comment, Whitespace))
        ]
        known = {name: index for index, name in enumerate(order)}
        ordered = sorted(written, key=lambda pair: known.get(pair[0], len(known)))
        pairs = [f"{_key(name)} = {_inline(value)}" for name, value in ordered]
        return "{ " + ", ".join(pairs) + " }" if pairs else "{}"
    return item.as_string().strip()


def _key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else f'"{name.translate(_BASIC)}"'


def _width(text: str) -> int:
    """Columns `text` takes on a terminal: a wide (CJK) character takes two."""
    return len(text) + sum(unicodedata.east_asian_width(char) in "WF" for char in text)


def _comments(item: Item | None) -> list[str]:
    """Every comment in a value, a table or an array of tables."""
    if item is None or isinstance(item, (Whitespace, Null)):
        return []
    if isinstance(item, Comment) or not isinstance(item, (Table, AoT, Array)):
        return [item.trivia.comment] if item.trivia.comment.strip() else []
    found = [item.trivia.comment] if isinstance(item, Table) and item.trivia.comment else []
    if isinstance(item, Table):
        found += [comment for _, value in item.value.body for comment in _comments(value)]
    elif isinstance(item, AoT):
        found += [comment for table in item.body for comment in _comments(table)]
    else:
        for group in item._value:
            found += _comments(group.value) + _comments(group.comment)
    return found
