"""The curator's commands: changing a catalogue safely, seeing what changed (diff), and what
accounts for each sentence of a source (coverage)."""

from typing import TYPE_CHECKING, Annotated

import typer

from ..render.output import Mode
from . import options, output
from .options import JsonFlag

if TYPE_CHECKING:
    from ..curate.fmt import Reformatted

# This family's commands; commands.COMMANDS names each, and the root app builds it from here.
commands = typer.Typer()


@commands.command("diff")
def diff(
    ctx: typer.Context,
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help="A catalogue file, or a git revision (HEAD~1, main) of the repository holding "
            "the current catalogue.",
        ),
    ],
    new: Annotated[
        str | None,
        typer.Argument(metavar="NEW", help="The same. Default: the current catalogue."),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 if they differ, as `git diff --exit-code`."),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Show what changed between two catalogues: records added, removed, changed field by field."""
    from ..catalogue import default_catalogue_path, display_path
    from ..curate.diff import compare
    from ..curate.revision import catalogue_at
    from ..render import diff as render_diff

    current = options.catalogue_path(ctx) or default_catalogue_path()
    before = catalogue_at(old, current)
    after = catalogue_at(new, current) if new is not None else options.catalogue_for(ctx)
    difference = compare(before, after)
    env, mode = output.chosen(ctx, as_json)
    report = render_diff.report(difference, old, new or display_path(current), mode)
    if exit_code:
        output.emit_verdict(env, report, passed=not difference)
    else:
        output.emit(env, report)


# --- coverage ------------------------------------------------------------------------------


@commands.command("coverage")
def coverage(
    ctx: typer.Context,
    source: Annotated[
        str | None,
        typer.Argument(
            metavar="SOURCE",
            help="A source's id or title. Default: every source, one after another.",
            autocompletion=options.completer("source"),
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 while any sentence is uncovered.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Each sentence of a source marked with what accounts for it, uncovered if nothing does."""
    from ..explore.coverage import coverage as source_coverage
    from ..render import coverage as render_coverage

    coverages = source_coverage(options.catalogue_for(ctx), source)
    env, mode = output.chosen(ctx, as_json)
    if mode is Mode.PLAIN:  # the summary for the person watching the pipe; stdout stays TSV
        for each in coverages:
            output.say(ctx, render_coverage.summary(each))
    complete = all(each.complete for each in coverages)
    output.emit_verdict(env, render_coverage.coverage(coverages, mode), complete or not strict)


@commands.command("fmt")
def fmt(
    ctx: typer.Context,
    check: Annotated[
        bool,
        typer.Option("--check", help="Change nothing: list the files that would change, exit 1."),
    ] = False,
) -> None:
    """Put the catalogue's files in one canonical layout; --check lists what would change."""
    from ..catalogue import display_path, load_catalogue
    from ..curate.edit import Edit
    from ..curate.fmt import reformat
    from ..render.plain import visible

    path = options.catalogue_path(ctx)
    catalogue = load_catalogue(path)  # one with problems is reported as it is, and left alone
    edit = Edit(path)
    changed = reformat(edit, catalogue)
    if not check:
        edit.commit()
    listed = "\n".join(visible(display_path(file.path)) for file in changed)
    try:
        if changed:  # the files, for a script; --check fails while there are any
            output.emit_verdict(output.environment(ctx), listed, passed=not check)
    finally:  # then what was done, under the list, however the list ended
        for line in _summary(changed, len(catalogue.files), check):
            output.say(ctx, line)


def _summary(changed: list["Reformatted"], files: int, check: bool) -> list[str]:
    """What fmt did, or would do, for the person at the terminal."""
    from ..catalogue import display_path
    from ..render.plain import visible

    of = f"{files} catalogue file" + ("s" if files > 1 else "")
    if not changed:
        every = f"All {of} are" if files > 1 else "The catalogue file is"
        return [f"{every} already formatted."]
    lines = [
        f"{visible(display_path(file.path))} {'would be' if check else 'is'} migrated from the "
        "0.1 form: [source] to [[sources]], each expert's headline, question and note to an "
        "[[appearances]] record; every item and figure names its source."
        for file in changed
        if file.migrated
    ]
    if check:
        return [*lines, f"{len(changed)} of {of} would be reformatted; `jjj fmt` rewrites them."]
    return [*lines, f"Reformatted {len(changed)} of {of}."]
