"""What the curator's commands say they did: the record added, and each file written."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..catalogue import Catalogue, Expert, Item, Source, display_path
from ..language import _, ngettext
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
        what = _("Added source '{id}': {title}").format(id=added.id, title=added.title)
    else:
        what = _("Added expert '{id}': {name} ({name_zh})").format(
            id=added.id, name=added.name, name_zh=added.name_zh
        )
    lines = [visible(what)]
    lines += [
        (_("new: {file}") if new else _("changed: {file}")).format(file=visible(display_path(path)))
        for path, new in files
    ]
    return report_lines(lines, mode)


def started(directory: Path, entry: Path, catalogue: Catalogue, whole: bool) -> str:
    """What `init` made, for stderr: the catalogue it started and how to use it."""
    where = visible(display_path(directory))
    if whole:
        made = ngettext(
            "a copy of the shipped catalogue: {sources} source, {experts} experts, {items} "
            "items, {figures} figures, {themes} themes and {regions} regions",
            "a copy of the shipped catalogue: {sources} sources, {experts} experts, {items} "
            "items, {figures} figures, {themes} themes and {regions} regions",
            len(catalogue.sources),
        )
    else:
        made = _("the shipped catalogue's {themes} themes and {regions} regions, and nothing else")
    made = made.format(
        sources=len(catalogue.sources),
        experts=len(catalogue.experts),
        items=len(catalogue.items),
        figures=len(catalogue.figures),
        themes=len(catalogue.themes),
        regions=len(catalogue.regions),
    )
    shown = visible(display_path(entry))
    started = _("Started a catalogue in {directory}: {made}.").format(directory=where, made=made)
    use = _(
        "Use it with the line below (`eval` it), or name it on each command: "
        "jjj --catalogue {entry} …"
    ).format(entry=shown)
    return f"{started}\n{use}"


def item_added(item: Item, renumbered: int, file: Path) -> str:
    """What `add item` did, for stderr (its stdout is the item): `Added item 'ID', seq N of
    SOURCE: TITLE`, how many later items were renumbered, and the file written."""
    lines = [
        _("Added item '{id}', seq {seq} of {source}: {title}").format(
            id=item.id, seq=item.seq, source=item.source, title=item.title
        )
    ]
    if renumbered:
        message = ngettext(
            "renumbered: {count} later item of {source}, each seq one more",
            "renumbered: {count} later items of {source}, each seq one more",
            renumbered,
        )
        lines.append(message.format(count=renumbered, source=item.source))
    lines.append(_("changed: {file}").format(file=display_path(file)))
    return "\n".join(visible(line) for line in lines)
