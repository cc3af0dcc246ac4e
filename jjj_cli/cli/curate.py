"""The curator's commands: changing a catalogue safely, and seeing what it accounts for.

Only a run of one of these commands imports this module (commands.COMMANDS).
"""

from typing import Annotated

import typer

from ..render.output import Mode
from . import options, output
from .options import JsonFlag

# This family's commands; commands.COMMANDS names each, and the root app builds it from here.
commands = typer.Typer()


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
