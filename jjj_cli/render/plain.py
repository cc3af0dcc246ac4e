"""Plain text for pipes: tab-separated lines with a header row, safe to print anywhere."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

# DEL, the C1 controls (U+009B is a one-byte CSI) and the bidi overrides that reorder what a
# terminal displays; with the C0 controls, everything catalogue text must not send raw.
BEYOND_C0 = "\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f{BEYOND_C0}]")
_UNSAFE_BUT_TAB = re.compile(f"[\x00-\x08\x0a-\x1f{BEYOND_C0}]")


def visible(text: str, *, single_line: bool = True) -> str:
    """Text with control characters made visible (ESC -> \\x1b); tabs (and newlines) -> space."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char == "\t" or (char == "\n" and single_line):
            return " "
        return char if char == "\n" else escape_char(char)

    return _UNSAFE.sub(escape, text.replace("\r\n", "\n"))


def controls_escaped(text: str) -> str:
    """Text with control characters made visible but tabs and line ends kept: a whole CSV or
    TSV file shown on a terminal."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return char if char in "\t\n\r" else escape_char(char)

    return _UNSAFE.sub(escape, text)


def escape_char(char: str) -> str:
    """A character as its escape: \\x07, \\u202e."""
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def value_text(value: Any) -> str:
    """One value as it appears in a TSV column or a table cell: a list's elements joined by
    ',', each record in it by its id; a mapping as `key: value` pairs."""
    if isinstance(value, list):
        return ",".join(_reference(element) for element in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {value_text(count)}" for key, count in value.items())
    return scalar_text(value)


def scalar_text(value: Any) -> str:
    """A value that is neither a list nor a record, as a cell of text shows it: nothing as an
    empty cell, true and false as JSON writes them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _reference(value: Any) -> str:
    # nested records (an expert's items, an item's related links) are shown by id; an
    # expert's appearances, which have none, by their source
    if isinstance(value, dict):
        if "id" not in value:
            return str(value["source"])
        relation = value.get("relation")
        return f"{value['id']} ({relation})" if relation else str(value["id"])
    return str(value)


def tsv(
    records: Iterable[dict[str, Any]], columns: Sequence[str], header: Sequence[str] = ()
) -> str:
    """One line per record, the header first (the column names unless given)."""
    lines = [tsv_line(header or columns)]
    lines += [tsv_line(value_text(record[column]) for column in columns) for record in records]
    return "\n".join(lines)


def tsv_line(cells: Iterable[str]) -> str:
    """One TSV line, without its line end: each cell on one line, control characters made
    visible."""
    cells = list(cells)
    line = "\t".join(cells)
    if line.count("\t") == len(cells) - 1 and not _UNSAFE_BUT_TAB.search(line):
        return line  # nothing to escape, as most lines: each cell as it is (a tenth the time)
    return "\t".join(visible(cell) for cell in cells)


def fields(record: dict[str, Any]) -> str:
    """One record as `field<TAB>value` lines; a list of coding rules a line a rule, each
    under the list's name (rule_text)."""
    lines = ["field\tvalue"]
    for name, value in record.items():
        if isinstance(value, list) and value and all(_is_rule(each) for each in value):
            lines += [f"{name}\t{visible(rule_text(rule))}" for rule in value]
        else:
            lines.append(f"{name}\t{visible(value_text(value))}")
    return "\n".join(lines)


def rule_text(rule: dict[str, Any]) -> str:
    """A coding rule on one line: its text, then its example's id and words."""
    return f"{rule['rule']} ({rule['example']} “{rule['words']}”)"


def _is_rule(value: Any) -> bool:
    return isinstance(value, dict) and "rule" in value and "example" in value
