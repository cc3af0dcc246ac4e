"""What is wrong with a catalogue: every problem for `validate`, the first few for the rest."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import Any

from ..catalogue import Catalogue, Problem
from ..language import _, listed, ngettext
from .output import Mode, Output, report_lines, to_json
from .plain import visible

# How many problems a command other than `validate` shows before pointing to it.
BRIEF = 5


def record(problem: Problem) -> dict[str, Any]:
    """A problem in JSON. `item` names the table entry, e.g. "proposals[3] 'zhao-foo'"."""
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "item": problem.item,
        "field": problem.field,
        "message": problem.message,
    }


def line(problem: Problem) -> str:
    """`file:line[:column]: item field 'name': message`, always on one line."""
    return visible(str(problem))


def report(problems: Sequence[Problem], mode: Mode, entry: str | None = None) -> Output:
    """Every problem, in file order, and how many there are in the catalogue whose entry file
    is `entry` (by default the file of the first: a catalogue of one file)."""
    if mode is Mode.JSON:
        return to_json([record(problem) for problem in problems])
    where = visible(entry or problems[0].file)
    count = ngettext("{count} problem in {file}", "{count} problems in {file}", len(problems))
    return report_lines([*map(line, problems), count.format(count=len(problems), file=where)], mode)


def brief(problems: Sequence[Problem], entry: str | None = None, *, on_disk: bool = True) -> str:
    """The first few problems, and where to see the rest: a catalogue can have hundreds.
    `on_disk`: the problems are the files' as they are, which `jjj validate` shows again (not
    those of a change that was refused)."""
    lines = [line(problem) for problem in problems[:BRIEF]]
    if len(problems) > BRIEF:
        more = _("… and {count} more").format(count=len(problems) - BRIEF)
        if on_disk:
            command = visible(f"jjj validate {shlex.quote(entry or problems[0].file)}")
            more = _("… and {count} more; run `{command}` for all").format(
                count=len(problems) - BRIEF, command=command
            )
        lines.append(more)
    return "\n".join(lines)


def valid(catalogue: Catalogue, shown: str, mode: Mode) -> Output:
    """The one line `validate` prints for a catalogue with nothing wrong."""
    if mode is Mode.JSON:
        return to_json([])
    quotes = len(catalogue.items) + len(catalogue.figures)
    sources = catalogue.sources
    where = (
        visible(catalogue.shown_file(sources[0]))
        if len(sources) == 1
        else _("their {count} sources").format(count=len(sources))
    )
    found = (
        ngettext(
            "{quotes} quote found in {where}", "all {quotes} quotes found in {where}", quotes
        ).format(quotes=quotes, where=where)
        if sources
        else _("no sources yet")
    )
    items, figures = len(catalogue.items), len(catalogue.figures)
    themes, regions = len(catalogue.themes), len(catalogue.regions)
    counts = [
        ngettext("{count} item", "{count} items", items).format(count=items),
        ngettext("{count} figure", "{count} figures", figures).format(count=figures),
        ngettext("{count} theme", "{count} themes", themes).format(count=themes),
        ngettext("{count} region", "{count} regions", regions).format(count=regions),
    ]
    summary = _("{file}: no problems: {counts}; {found}").format(
        file=visible(shown), counts=listed(counts), found=found
    )
    return report_lines([summary], mode)
