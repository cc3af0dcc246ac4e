"""jjj's Chinese messages as a translator's tools read them: the .po file, parsed by Babel
(not by the standard library's gettext, which jjj itself loads the compiled .mo with)."""

import re
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

PO = Path(__file__).resolve().parent.parent / "jjj_cli" / "locale" / "zh" / "LC_MESSAGES" / "jjj.po"


@cache
def catalogue():
    with PO.open("rb") as file:
        return read_po(file)


@cache
def translations() -> dict[str, str]:
    """Each singular message id -> its Chinese."""
    found = {}
    for message in catalogue():
        if message.id and isinstance(message.id, str):
            found[message.id] = message.string
    return found


def zh(message: str) -> str:
    return translations()[message]


@cache
def _fields() -> dict[str, str]:
    """Each field's Chinese heading -> the field (the messages render/headings.py marks); of
    two fields with one heading (source and sources), the shorter name."""
    found: dict[str, str] = {}
    for message in catalogue():
        if any(path == "jjj_cli/render/headings.py" for path, _ in message.locations):
            if len(message.id) < len(found.get(message.string, message.id + " ")):
                found[message.string] = message.id
    return found


def field_of(heading: str) -> str:
    """The field a heading names: itself in English, the field it translates in Chinese."""
    return _fields().get(heading, heading)


# the note under a table that leaves columns out, in English and in Chinese (as the translator
# wrote it, read from the .po)
_NOTE = "left out for width: {} (--json or a wider terminal shows them)"
LEFT_OUT = re.compile(re.escape(_NOTE).replace(re.escape("{}"), "(.*?)"))
_ZH_NOTE = re.compile(re.escape(zh(_NOTE).replace(" ", "")).replace(re.escape("{}"), "(.*?)"))


def left_out_in(flat: str) -> set[str]:
    """The fields a table's note says it left out (`flat`: the output, its whitespace made
    single spaces): in English, their names; in Chinese, their headings, as fields."""
    names = [name for found in LEFT_OUT.findall(flat) for name in found.split(", ")]
    # a Chinese note wraps between any two characters: read without the spaces
    names += [
        field_of(name)
        for found in _ZH_NOTE.findall(flat.replace(" ", ""))
        for name in found.split("、")
    ]
    return set(names)
