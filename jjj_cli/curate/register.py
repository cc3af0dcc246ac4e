"""Adding a source or an expert to a catalogue, through an Edit: nothing is written unless the
whole catalogue, as it would be, validates.

A source's text is stored byte for byte under the catalogue's `sources/` directory, beside a
file of its own that registers it (`sources/ID.toml`, where its items can go too); the entry
file's `include` is made to reach that file. An expert is appended after the last expert, in
the file that holds them.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from datetime import date as Date
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from ..catalogue import (
    SOURCE_KINDS,
    Catalogue,
    Expert,
    Source,
    display_path,
    name_key,
    other_names,
)
from ..catalogue.location import glob_matches
from ..catalogue.reasons import system_reason
from ..language import _, listed
from .edit import Edit, EditRefused, nothing_written
from .ids import check_new_id
from .toml_text import add_key, append_table, check_holds, render_table, with_added

# Where a catalogue keeps its source texts and their files, beside its entry file.
SOURCES_DIRECTORY = "sources"
# What an entry file includes when it includes nothing that reaches a new source's file.
SOURCES_PATTERN = f"{SOURCES_DIRECTORY}/*.toml"
# A language tag as BCP 47 writes one (zh, en, zh-Hant): it becomes part of a file's name.
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
# A file name's suffix kept on the stored text (.txt, .md), when it is a plain one.
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}")


class NewSource(NamedTuple):
    """What the curator says about a source; the optional fields are written only if given."""

    id: str
    title: str
    title_en: str
    language: str = "zh"
    kind: str | None = None
    date: Date | None = None
    publisher: str | None = None
    url: str | None = None


class NewExpert(NamedTuple):
    id: str
    name: str
    name_zh: str
    affiliation: str
    affiliation_zh: str


class Added(NamedTuple):
    """A record added, as the catalogue now has it, and the files written (new ones first)."""

    record: Source | Expert
    written: tuple[tuple[Path, bool], ...]  # each file written, and whether it is new
    catalogue: Catalogue


def add_source(edit: Edit, current: Catalogue, text_file: Path, new: NewSource) -> Added:
    """Store `text_file` as the text of a new source and register it; commit the edit."""
    check_new_id(current, new.id)
    if not _LANGUAGE.fullmatch(new.language):
        message = _("'{value}' is not a language tag such as zh or en")
        raise EditRefused(message.format(value=new.language))
    if new.kind is not None and new.kind not in SOURCE_KINDS:
        message = _("unknown kind of source '{value}': {kinds}")
        raise EditRefused(message.format(value=new.kind, kinds=listed(SOURCE_KINDS)))
    raw = _text_bytes(text_file)
    digest = hashlib.sha256(raw).hexdigest()
    for source in current.sources:
        if source.sha256.lower() == digest:
            where = display_path(source.path)
            message = _("{file} is already stored, as the text of source '{id}' ({where})")
            raise EditRefused(
                nothing_written(message.format(file=text_file, id=source.id, where=where))
            )
    directory = edit.entry.parent / SOURCES_DIRECTORY
    suffix = text_file.suffix if _SUFFIX.fullmatch(text_file.suffix) else ".txt"
    if suffix.lower() == ".toml":  # beside the source's file, `include` would read it as one
        suffix = ".txt"
    stored = directory / f"{new.id}.{new.language}{suffix}"
    registry = directory / f"{new.id}.toml"
    fields: dict[str, Any] = {
        "id": new.id,
        "title": new.title,
        "title_en": new.title_en,
        "file": stored.name,  # relative to the file that declares the source
        "sha256": digest,
        "language": new.language,
    }
    optional = {"kind": new.kind, "date": new.date, "publisher": new.publisher, "url": new.url}
    fields.update({name: value for name, value in optional.items() if value is not None})
    if not (stored.exists() and stored.samefile(text_file)):  # else stored there already
        edit.create(stored, raw)
    edit.create(registry, render_table("sources", fields))
    include = _include(edit, registry)
    unreached = _(
        "the catalogue would not include {file}: the include of {entry} ({include}) does not "
        "reach it"
    ).format(file=display_path(registry), entry=display_path(edit.entry), include=_shown(include))
    return _committed(edit, new.id, unreached)


def add_expert(edit: Edit, current: Catalogue, new: NewExpert) -> Added:
    """Append a new expert after the last one (in the entry file if there is none); commit."""
    check_new_id(current, new.id)
    # what a user may type for an expert, as the loader checks it: the id, the names
    owners = {name_key(expert.id): expert.id for expert in current.experts}
    owners |= {
        name_key(name): expert.id for expert in current.experts for _, name in other_names(expert)
    }
    for field, value in (("name", new.name), ("name_zh", new.name_zh)):
        if name_key(value) in owners:
            owner = owners[name_key(value)]
            message = _("{field} '{value}' is already used by expert '{owner}'")
            raise EditRefused(
                nothing_written(message.format(field=field, value=value, owner=owner))
            )
    values = new._asdict()
    target = _file_with(edit, current, "experts")
    text = edit.read(target)
    changed = append_table(text, "experts", values)
    what = _("expert '{id}'").format(id=new.id)
    check_holds(target, changed, with_added(text, {"experts": [values]}), what)
    edit.write(target, changed)
    unreached = _("the catalogue would not include {file}, where expert '{id}' would go").format(
        file=display_path(target), id=new.id
    )
    return _committed(edit, new.id, unreached)


def _committed(edit: Edit, id: str, unreached: str) -> Added:
    """Write the change that adds the record `id`, refused with `unreached` (nothing written)
    when the catalogue as it would be does not hold it."""
    written = tuple((path, edit.is_new(path)) for path in edit.changes())
    catalogue = edit.commit(expect=lambda would: None if id in would.by_id else unreached)
    record = catalogue.by_id[id]
    assert isinstance(record, (Source, Expert))
    return Added(record, written, catalogue)


def _shown(include: object) -> str:
    """An include as TOML writes it, for a message: a string, a list."""
    import tomlkit

    return tomlkit.dumps({"include": include}).strip().removeprefix("include = ")


def _text_bytes(text_file: Path) -> bytes:
    """The bytes of a source text, which must be UTF-8 (EditRefused: why not)."""
    try:
        raw = text_file.read_bytes()
    except OSError as error:
        message = _("cannot read {file}: {reason}")
        raise EditRefused(message.format(file=text_file, reason=system_reason(error))) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        message = _("{file} is UTF-16 text: save it as UTF-8 and add it again")
        raise EditRefused(message.format(file=text_file))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = _(
            "{file} is not UTF-8 text (byte {byte} on line {line}): save it as UTF-8 and add it "
            "again"
        )
        byte = f"{raw[error.start]:#04x}"
        raise EditRefused(message.format(file=text_file, byte=byte, line=line)) from None
    if not text.strip():
        raise EditRefused(_("{file} holds no text").format(file=text_file))
    return raw


def _include(edit: Edit, registry: Path) -> object:
    """Make the entry file's `include` reach `registry` (a path beside or below it); the
    include as it will be. An `include` that is not a list is left for the loader to report."""
    entry = edit.entry
    # as the loader matches it: the names as written below the entry's directory (resolving
    # them, a symlinked sources/ or entry file would lead elsewhere)
    relative = PurePosixPath(registry.relative_to(entry.parent).as_posix())
    document = edit.document(entry)
    patterns = document.get("include")
    if patterns is None:
        text = edit.read(entry)
        changed = add_key(text, "include", [SOURCES_PATTERN])
        expected = with_added(text, keys={"include": [SOURCES_PATTERN]})
        what = _("the include of {pattern}").format(pattern=SOURCES_PATTERN)
        check_holds(entry, changed, expected, what)
        edit.write(entry, changed)
        return [SOURCES_PATTERN]
    if isinstance(patterns, list):
        if not any(isinstance(p, str) and glob_matches(relative, p) for p in patterns):
            patterns.append(SOURCES_PATTERN)
    return patterns.unwrap() if hasattr(patterns, "unwrap") else patterns


def _file_with(edit: Edit, current: Catalogue, table: str) -> Path:
    """The last catalogue file that has a `[[table]]`, else the entry file."""
    header = re.compile(rf"^\s*\[\[\s*{table}\s*\]\]", flags=re.MULTILINE)
    found = (path for path in reversed(current.files) if header.search(edit.read(path)))
    return next(found, edit.entry)
