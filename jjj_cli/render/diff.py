"""Output for `jjj diff`: what changed between two catalogues, as JSON, plain lines for a pipe,
or a report for a terminal that shows the old and new value of every changed field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..catalogue import Appearance
from ..curate.diff import Change, Difference, Entry
from ..language import N_, _, listed
from .headings import heading
from .output import Mode, Output, to_json
from .plain import visible

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.text import Text

# The columns of the plain lines: `added` and `removed` leave `fields` empty.
COLUMNS = ("change", "id", "fields")
# The field a record is best known by, after its id: shown under an added or removed one.
_LABELS = ("title", "name", "indicator")
# Each kind of record as the report names it (Entry.kind).
_KINDS = {
    "source": N_("source"),
    "expert": N_("expert"),
    "theme": N_("theme"),
    "region": N_("region"),
    "item": N_("item"),
    "figure": N_("figure"),
    "coding": N_("coding rules"),
}


def report(difference: Difference, old: str, new: str, mode: Mode) -> Output:
    """The difference from `old` to `new` (how each was named, for the terminal's report)."""
    if mode is Mode.JSON:
        return to_json(
            {
                "added": [entry.id for entry in difference.added],
                "removed": [entry.id for entry in difference.removed],
                "changed": [
                    {"id": change.id, "fields": list(change.fields)}
                    for change in difference.changed
                ],
            }
        )
    if mode is Mode.PLAIN:
        rows = [
            *(("added", entry.id, "") for entry in difference.added),
            *(("removed", entry.id, "") for entry in difference.removed),
            *(("changed", change.id, ",".join(change.fields)) for change in difference.changed),
        ]
        return "\n".join("\t".join(map(visible, row)) for row in [COLUMNS, *rows])
    return Report(difference, old, new)


def summary(difference: Difference) -> str:
    """How many records were added, removed and changed, in a sentence."""
    if not difference:
        return _("No differences.")
    counts = zip(
        (len(difference.added), len(difference.removed), len(difference.changed)),
        (N_("{count} added"), N_("{count} removed"), N_("{count} changed")),
    )
    said = _(", ").join(_(what).format(count=count) for count, what in counts if count)
    return _("{counts}.").format(counts=said)


def shown(value: Any) -> str:
    """A field's value as the report shows it: a list by its elements, a related link as
    `id (relation)`, an expert's appearance as its source and what it gives, nothing as
    `(none)`."""
    if value is None or value == ():
        return _("(none)")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Appearance):
        given = value._asdict().items()
        said = [f"{name}: {text}" for name, text in given if name not in ("expert", "source")]
        return "; ".join([value.source, *(part for part in said if not part.endswith(": None"))])
    if _is_record(value):
        fields = value._asdict()
        if set(fields) == {"id", "relation"}:
            return f"{fields['id']} ({fields['relation']})"
        parts = (f"{name}: {shown(item)}" for name, item in fields.items() if item is not None)
        return "; ".join(parts)
    if isinstance(value, (tuple, list)):
        return ", ".join(shown(element) for element in value)
    if isinstance(value, Mapping):
        return "; ".join(shown(element) for element in value.values())
    return str(value)


def _is_record(value: Any) -> bool:
    return isinstance(value, tuple) and hasattr(value, "_asdict")


def _values(old: Any, new: Any) -> list[tuple[str, str, Any]]:
    """What a changed field shows, each value with its mark and style: the old value, then
    the new; of a list of records (related links, appearances), the records only the old has,
    then those only the new has, one a line."""
    records = [isinstance(value, tuple) and all(map(_is_record, value)) for value in (old, new)]
    if all(records) and (old or new):
        return [("−", "red", gone) for gone in old if gone not in new] + [
            ("+", "green", come) for come in new if come not in old
        ]
    return [("−", "red", old), ("+", "green", new)]


class Report:
    """The difference on a terminal: each record added (+), removed (−) or changed (~) with
    its kind and id, and under a changed one each field that differs, its old value and its
    new, wrapped to the terminal; then how many of each."""

    def __init__(self, difference: Difference, old: str, new: str) -> None:
        self.difference = difference
        self.old, self.new = old, new

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        from .cells import GAP, MARGIN, hanging, rendered

        width = options.max_width - 2 * MARGIN

        def lines(text: Text, indent: int, hang: int = GAP) -> Iterable[Any]:
            for line in hanging(text, max(width - indent, 1), hang):
                yield from rendered(console, line, MARGIN + indent)

        yield from lines(_plain(f"{self.old} → {self.new}", "dim"), 0)
        yield from rendered(console, Text())
        for mark, style, entry in [
            *(("+", "green", entry) for entry in self.difference.added),
            *(("−", "red", entry) for entry in self.difference.removed),
        ]:
            yield from lines(_heading(mark, style, entry), 0)
            label = next((entry.values[name] for name in _LABELS if entry.values.get(name)), "")
            if label:
                yield from lines(_plain(shown(label)), 2 * GAP)
        for change in self.difference.changed:
            yield from lines(_heading("~", "yellow", change.new, change), 0)
            for name in change.fields:
                yield from lines(_plain(heading(name), "bold"), 2 * GAP)
                old, new = change.old.values.get(name), change.new.values.get(name)
                for mark, style, value in _values(old, new):
                    # dim: no value at all, not a text that reads "(none)"
                    text = _plain(shown(value), "dim" if value in (None, ()) else "")
                    yield from lines(Text.assemble((f"{mark} ", style), text), 3 * GAP, GAP)
        if self.difference:
            yield from rendered(console, Text())
        yield from lines(_plain(summary(self.difference)), 0)


def _plain(text: str, style: str = "") -> Text:
    """Catalogue text as data, on one line, in a style (a span, as cells.rendered needs)."""
    from rich.text import Text

    line = Text(visible(text))
    line.stylize(style)
    return line


def _heading(mark: str, style: str, entry: Entry, change: Change | None = None) -> Text:
    """`+ item ID`, `− figure ID`, `~ expert ID: field, field`."""
    from rich.text import Text

    kind = _(_KINDS.get(entry.kind, entry.kind))
    line = Text.assemble((f"{mark} ", style), f"{kind} ", _plain(entry.id, "bold"))
    if change is not None:
        # `kind id: fields`, its colon the one after `file:line`: a heading, not a sentence
        fields = listed([heading(name) for name in change.fields])
        line.append_text(_plain(f": {fields}"))
    return line
