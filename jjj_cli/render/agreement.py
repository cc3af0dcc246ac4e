"""Output for `jjj agree`: how far two codings agree, as JSON, TSV for a pipe, or a report for a
terminal (per facet a summary line, a table of labels with their kappa, the items that
differ; then the items not compared).

The TSV is long: one line per measure, with the columns `COLUMNS`:
`facet measure subject a b value`, where measure is `items`, `agreeing`, `percent`, `alpha`
(subject, a and b empty), `kappa` (subject the label, a and b how many items each coding gives
it, value its kappa), `differs` (subject the item's id, a and b its labels in each coding) or,
under the facet `-`, `only_a`, `only_b`, `quote` (subject the id of an item not compared). An
undefined measure is an empty cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..explore.agreement import Agreement, FacetAgreement
from ..language import _, ngettext
from . import plain
from .headings import heading
from .output import Mode, Output, to_json

if TYPE_CHECKING:
    from rich.console import RenderableType

COLUMNS = ("facet", "measure", "subject", "a", "b", "value")
# How an undefined measure (kappa of a label without variation, ...) shows on a terminal.
UNDEFINED = "—"


def report(result: Agreement, a: str, b: str, mode: Mode) -> Output:
    """How far the coding of `b` agrees with that of `a` (each as it was named)."""
    if mode is Mode.JSON:
        return to_json(record(result, a, b))
    if mode is Mode.PLAIN:
        return "\n".join(plain.tsv_line(map(plain.value_text, row)) for row in rows(result))
    return _view(result, a, b)


def record(result: Agreement, a: str, b: str) -> dict[str, Any]:
    """The agreement as JSON (docs/json.md describes each field)."""
    return {
        "a": a,
        "b": b,
        "compared": len(result.compared),
        "unmatched": [each._asdict() for each in result.unmatched],
        "facets": [
            {
                "facet": facet.facet.value,
                "items": facet.items,
                "agreeing": facet.agreeing,
                "percent": facet.percent,
                "alpha": facet.alpha,
                "labels": [label._asdict() for label in facet.labels],
                "differences": [
                    {"id": each.id, "a": list(each.a), "b": list(each.b)}
                    for each in facet.differences
                ],
            }
            for facet in result.facets
        ],
    }


def rows(result: Agreement) -> list[list[Any]]:
    """The TSV's lines, its header first (see the module's docstring)."""
    lines: list[list[Any]] = [list(COLUMNS)]
    for facet in result.facets:
        name = facet.facet.value
        for measure in ("items", "agreeing", "percent", "alpha"):
            lines.append([name, measure, "", "", "", getattr(facet, measure)])
        lines += [
            [name, "kappa", label.label, label.a, label.b, label.kappa] for label in facet.labels
        ]
        lines += [[name, "differs", d.id, list(d.a), list(d.b), ""] for d in facet.differences]
    lines += [["-", each.reason, each.id, "", "", ""] for each in result.unmatched]
    return lines


def number(value: float | None, digits: int = 3) -> str:
    """A measure as a person reads it: rounded, or a dash where it is undefined."""
    return UNDEFINED if value is None else f"{value:.{digits}f}"


def summary(facet: FacetAgreement) -> str:
    """One facet's agreement in a sentence."""
    if not facet.items:
        return _("{facet}: no item compared.").format(facet=heading(facet.facet.value))
    agree = ngettext(
        "{facet}: {agreeing} of {items} item coded alike ({percent}%); "
        "Krippendorff's alpha {alpha}.",
        "{facet}: {agreeing} of {items} items coded alike ({percent}%); "
        "Krippendorff's alpha {alpha}.",
        facet.items,
    )
    return agree.format(
        facet=heading(facet.facet.value),
        agreeing=facet.agreeing,
        items=facet.items,
        percent=number(facet.percent, 1),
        alpha=number(facet.alpha),
    )


def unmatched_lines(result: Agreement) -> list[str]:
    """What was not compared, a sentence for each reason."""
    lines = []
    for reason in ("only_a", "only_b", "quote"):
        ids = [each.id for each in result.unmatched if each.reason == reason]
        if ids:
            message = _not_compared(reason, len(ids))
            lines.append(message.format(count=len(ids), ids=", ".join(ids)))
    return lines


def _not_compared(reason: str, count: int) -> str:
    """What a line of items not compared says, for the reason they were not."""
    if reason == "only_a":
        return ngettext("{count} item only in A: {ids}", "{count} items only in A: {ids}", count)
    if reason == "only_b":
        return ngettext("{count} item only in B: {ids}", "{count} items only in B: {ids}", count)
    return ngettext(
        "{count} item whose quote differs: {ids}", "{count} items whose quotes differ: {ids}", count
    )


def _view(result: Agreement, a: str, b: str) -> Output:
    from rich.console import Group
    from rich.text import Text

    from .layout import Column, Kind, Lines, RecordTable

    count = len(result.compared)
    compared = ngettext(
        "{count} item compared (the same id and quote in both).",
        "{count} items compared (the same id and quote in both).",
        count,
    ).format(count=count)
    shown: list[RenderableType] = [Lines([f"A: {a}", f"B: {b}", compared])]
    for facet in result.facets:
        shown += [Text(""), Lines([summary(facet)])]
        used = [label._asdict() for label in facet.labels if label.a or label.b]
        for each in used:
            each["kappa"] = number(each["kappa"])
        if used:
            shown.append(
                RecordTable(
                    used,
                    [
                        Column("label", kind=Kind.ID),
                        *(Column(key, kind=Kind.NUMBER) for key in ("a", "b", "both", "kappa")),
                    ],
                )
            )
        unused = len(facet.labels) - len(used)
        if unused:
            left = ngettext(
                "{count} more label neither coding gives (kappa undefined).",
                "{count} more labels neither coding gives (kappa undefined).",
                unused,
            )
            shown.append(Lines([left.format(count=unused)]))
        if facet.differences:
            shown += [Text(""), Lines([_("Where the two differ:")])]
            differences = [each._asdict() for each in facet.differences]
            ids = [Column("id"), Column("a", kind=Kind.IDS), Column("b", kind=Kind.IDS)]
            shown.append(RecordTable(_lists(differences), ids))
    left_out = unmatched_lines(result)
    if left_out:
        shown += [Text(""), Lines([_("Not compared:"), *left_out])]
    return Group(*shown)


def _lists(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records whose tuples are lists, as a table's cells take them; an empty list as a dash."""
    return [
        {
            key: (list(value) or [UNDEFINED]) if isinstance(value, tuple) else value
            for key, value in each.items()
        }
        for each in records
    ]
