"""What the curator's commands say they did: the record added, and each file written."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..catalogue import Catalogue, Expert, Item, Source, display_path
from .output import Mode, Output, report_lines, to_json
from .plain import visible
from .records import SOURCE_FIELDS, Record, fields_of


def record(added: Source | Expert, file: str = "") -> Record:
    """A new source or expert in JSON: its fields as the catalogue has them, a date as
    YYYY-MM-DD, and no path of this machine; a source's `file` as `show SOURCE` gives it (from
    the entry file's folder: `file`), when given."""
    names = SOURCE_FIELDS if isinstance(added, Source) else Expert._fields
    fields = fields_of(added, names)
    if isinstance(added, Source) and file:
        fields["file"] = file
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in fields.items()
    }


def added(
    added: Source | Expert,
    files: Iterable[tuple[Path, bool]],
    mode: Mode,
    catalogue: Catalogue | None = None,
) -> Output:
    """`Added source 'ID': TITLE`, then a line for each file written: `new: PATH` or
    `changed: PATH`. In JSON, the record (a source's file as `catalogue` shows it)."""
    if mode is Mode.JSON:
        shown = catalogue.shown_file(added) if catalogue and isinstance(added, Source) else ""
        return to_json(record(added, shown))
    if isinstance(added, Source):
        what = f"source '{added.id}': {added.title}"
    else:
        what = f"expert '{added.id}': {added.name} ({added.name_zh})"
    lines = [f"Added {visible(what)}"]
    lines += [
        f"{'new' if new else 'changed'}: {visible(display_path(path))}" for path, new in files
    ]
    return report_lines(lines, mode)


def started(directory: Path, entry: Path, catalogue: Catalogue, whole: bool) -> str:
    """What `init` made, for stderr: the catalogue it started and how to use it."""
    where = visible(display_path(directory))
    if whole:
        counts = (
            f"{len(catalogue.sources)} source{'s' if len(catalogue.sources) != 1 else ''}, "
            f"{len(catalogue.experts)} experts, {len(catalogue.items)} items, "
            f"{len(catalogue.figures)} figures, {len(catalogue.themes)} themes and "
            f"{len(catalogue.regions)} regions"
        )
        made = f"a copy of the shipped catalogue: {counts}"
    else:
        made = (
            f"the shipped catalogue's {len(catalogue.themes)} themes and "
            f"{len(catalogue.regions)} regions, and nothing else"
        )
    shown = visible(display_path(entry))
    return (
        f"Started a catalogue in {where}: {made}.\n"
        f"Use it with the line below (`eval` it), or name it on each command: "
        f"jjj --catalogue {shown} …"
    )


def item_added(item: Item, renumbered: int, file: Path) -> str:
    """What `add item` did, for stderr (its stdout is the item): `Added item 'ID', seq N of
    SOURCE: TITLE`, how many later items were renumbered, and the file written."""
    lines = [f"Added item '{item.id}', seq {item.seq} of {item.source}: {item.title}"]
    if renumbered:
        items = f"{renumbered} later items" if renumbered > 1 else "1 later item"
        lines.append(f"renumbered: {items} of {item.source}, each seq one more")
    lines.append(f"changed: {display_path(file)}")
    return "\n".join(visible(line) for line in lines)
