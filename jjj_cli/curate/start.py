"""Starting a catalogue of one's own: the shipped codebooks and nothing else, or a copy of the
whole shipped catalogue to extend. Written through an Edit, so it validates before anything is
written and never writes over a file that is there."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..catalogue import Catalogue, display_path, load_catalogue
from ..language import _
from .edit import Edit, EditRefused, nothing_written
from .toml_text import blocks

# The entry file's name in a new catalogue: the shipped one's, which scripts know.
ENTRY = "proposals.toml"
# Beside the shipped catalogue: the two codings that measure how reliable its coding is.
RELIABILITY = "reliability"
# The codebook tables, which a new catalogue takes from the shipped one.
CODEBOOKS = ("themes", "regions")
# A theme's coding rules, which it does not: each has an example among the shipped items.
RULE_LISTS = ("include", "exclude")

HEADER = """\
# A jjj catalogue. Its codebooks, the themes and regions below, are those of the catalogue
# shipped with jjj: change them to fit your sources. `jjj add source`, `jjj add expert` and
# `jjj add item` add the rest, and `jjj validate` checks the whole.
"""


class Started(NamedTuple):
    entry: Path  # the new catalogue's entry file
    catalogue: Catalogue


def start_catalogue(directory: Path, shipped: Path, *, whole: bool = False) -> Started:
    """A new catalogue in `directory` from the catalogue `shipped`: its codebooks, or with
    `whole` every file it reads, source texts too, and the record of how reliable its coding is
    (`reliability/`, whose coding sheets `jjj agree` reads), byte for byte. EditRefused if the
    directory holds a catalogue already."""
    entry = directory / ENTRY
    if directory.exists() and not directory.is_dir():
        message = _("{directory} is a file, not a directory").format(directory=directory)
        raise EditRefused(nothing_written(message))
    if entry.exists():
        message = _("{directory} holds a catalogue already ({file})")
        raise EditRefused(
            nothing_written(message.format(directory=directory, file=display_path(entry)))
        )
    original = load_catalogue(shipped)
    edit = Edit(entry)
    if whole:
        home = original.path.resolve().parent
        texts = [source.path for source in original.sources]
        record = sorted(path for path in (home / RELIABILITY).rglob("*") if path.is_file())
        for path in [*original.files, *texts, *record]:
            edit.create(directory / path.resolve().relative_to(home), path.read_bytes())
    else:
        tables = [codebooks(path.read_text(encoding="utf-8")) for path in original.files]
        edit.create(entry, "\n".join([HEADER, *filter(None, tables)]))
    return Started(entry, edit.commit())


def codebooks(text: str) -> str:
    """The codebook tables of a catalogue file's text, each with the comment above it (a
    section's introduction stays with its first table), as they are written there, but for
    the themes' coding rules: their examples are the items of the catalogue copied from."""
    lines = text.split("\n")
    kept = [
        _without_rules("\n".join(lines[block.start : block.end]).rstrip("\n") + "\n")
        for block in blocks(lines)
        if block.name in CODEBOOKS
    ]
    return "\n".join(kept)


def _without_rules(table: str) -> str:
    """A table's text without `include` and `exclude`, every other line as it was."""
    if not any(name in table for name in RULE_LISTS):
        return table
    import tomlkit

    document = tomlkit.parse(table)
    for name in CODEBOOKS:
        for record in document.get(name, []):
            for key in RULE_LISTS:
                if key in record:
                    del record[key]
    return tomlkit.dumps(document)
