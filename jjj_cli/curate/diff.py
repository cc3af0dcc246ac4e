"""What changed between two catalogues: the records added, removed, and changed field by field.

Records are compared as the model types them (catalogue/model.py), table by table over
RECORD_TABLES, every field by its name: a field added to the model is compared with nothing
changed here. An appearance has no id of its own: what an expert has in each source is their
field `appearances`. What the loader derives is compared as it is loaded, as every command
shows it: an item's `related` holds the reverse of the links other items make to it, so a link
written on one item changes the other's `related` too; and an expert's `appearances` lists each
source they speak in, an appearance record or not (as `show EXPERT --json` does). The
`[coding]` table, which has no id, is one record `coding`, its fields `themes` and `regions`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, NamedTuple

from ..catalogue import RECORD_TABLES, Appearance, Catalogue, Coding


class Entry(NamedTuple):
    """One record as it is compared: its kind (`item`, `expert`, …), id and fields by name."""

    kind: str
    id: str
    values: Mapping[str, Any]


class Change(NamedTuple):
    """A record found in both catalogues with different values: the fields that differ."""

    old: Entry
    new: Entry
    fields: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.new.id


@dataclass(frozen=True)
class Difference:
    """Each list in catalogue order: the source, experts, themes, regions, items (in source
    order), figures, and within each kind the order of the catalogue that has them (the new
    one for `added` and `changed`, the old one for `removed`)."""

    added: tuple[Entry, ...]
    removed: tuple[Entry, ...]
    changed: tuple[Change, ...]

    def __bool__(self) -> bool:
        """Whether anything differs at all."""
        return bool(self.added or self.removed or self.changed)


def compare(old: Catalogue, new: Catalogue) -> Difference:
    """What changed from `old` to `new`. A record is the same record in both when it has the
    same id and kind; an id that moved from one kind to another (a theme that became a region)
    is removed as the one and added as the other."""
    before = {(entry.kind, entry.id): entry for entry in entries(old)}
    after = {(entry.kind, entry.id): entry for entry in entries(new)}
    changed = []
    for key, entry in after.items():
        if key in before:
            fields = differing(before[key].values, entry.values)
            if fields:
                changed.append(Change(before[key], entry, fields))
    return Difference(
        added=tuple(entry for key, entry in after.items() if key not in before),
        removed=tuple(entry for key, entry in before.items() if key not in after),
        changed=tuple(changed),
    )


def entries(catalogue: Catalogue) -> Iterator[Entry]:
    """Every record of the catalogue with an id, in catalogue order, as it is compared."""
    for table in RECORD_TABLES:
        if table.record is Appearance:  # each expert's, below
            continue
        for record in getattr(catalogue, table.attribute):
            values = {
                name: value
                for name, value in record._asdict().items()
                # a path says where the catalogue was read (another directory for a copy of
                # another revision), not what it says: the text's `file` and `sha256` do
                if not isinstance(value, PurePath)
            }
            if table.attribute == "experts":
                values["appearances"] = catalogue.appearing.get(record.id, ())
            yield Entry(type(record).__name__.lower(), record.id, values)
    # the rules for every theme and for regions: one record, `coding`, where there are any
    if catalogue.coding != Coding():
        yield Entry("coding", "coding", catalogue.coding._asdict())


def differing(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[str, ...]:
    """The names of the fields whose values differ, in the order of `new` (then any that only
    `old` has)."""
    names = [*new, *(name for name in old if name not in new)]
    return tuple(name for name in names if not _same(old.get(name), new.get(name)))


def _same(old: Any, new: Any) -> bool:
    # TOML has nan, which equals nothing, itself included: a nan kept is not a change
    both_nan = isinstance(old, float) and isinstance(new, float) and math.isnan(old)
    return bool(old == new) or (both_nan and math.isnan(new))
