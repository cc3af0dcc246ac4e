"""The curator's commands: changing a catalogue safely, and seeing what changed (diff)."""

from typing import Annotated

import typer

from . import options, output
from .options import JsonFlag

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
