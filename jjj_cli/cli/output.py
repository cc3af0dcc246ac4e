"""Printing: which output a run gets (tables, plain lines or JSON), and printing it, once, to
the run's Environment."""

from collections.abc import Iterator

import typer

from ..render.output import Mode, Output
from .environment import Environment
from .process import ExitCode


def environment(ctx: typer.Context) -> Environment:
    """What the run writes to: the context's object, which the root app sets when it starts
    (or the process's own, for a family's command run without the root)."""
    found = ctx.find_object(Environment)
    return found if found is not None else Environment.of_process()


# Narrower than this a table has no room for an id beside its text; plain lines hide nothing.
_TABLE_MIN_WIDTH = 60


def chosen(ctx: typer.Context, as_json: bool) -> tuple[Environment, Mode]:
    """What a command writes to, and in which mode: JSON if asked; tables on a terminal wide
    enough for them; plain lines otherwise."""
    env = environment(ctx)
    if as_json:
        return env, Mode.JSON
    if env.stdout_isatty and env.stdout_width >= _TABLE_MIN_WIDTH:
        return env, Mode.TABLE
    return env, Mode.PLAIN


def emit(environment: Environment, output: Output) -> None:
    """Print what a renderer returned, once: text as it is, chunks as they come (their own
    line ends included), a rich renderable through rich, told what the Environment knows
    (rich would otherwise ask the process: its terminal, COLUMNS, NO_COLOR)."""
    if isinstance(output, str):
        environment.stdout.write(output + "\n")
        environment.stdout.flush()
        return
    if isinstance(output, Iterator):  # chunks (render/stream.py), written as they are made
        for chunk in output:
            environment.stdout.write(chunk)
        environment.stdout.flush()
        return
    from rich.console import Console

    Console(
        file=environment.stdout,
        width=environment.stdout_width,
        force_terminal=environment.stdout_isatty,
        force_interactive=False,  # nothing here moves or asks: no live display, no prompt
        no_color=not environment.colour,
        highlight=False,
        markup=False,
        emoji=False,
    ).print(output)


def emit_verdict(environment: Environment, output: Output, passed: bool) -> None:
    """Print a check's report, then exit 1 if the check failed: the verdict stands even when
    the reader stops before the end of the report (`jjj validate | head -1`)."""
    try:
        emit(environment, output)
    except BrokenPipeError:
        if passed:
            raise  # process.run takes a reader gone for success
    if not passed:
        raise typer.Exit(ExitCode.CATALOGUE)


def say(ctx: typer.Context, message: str) -> None:
    """A note for the person at the terminal, on stderr: stdout stays data."""
    typer.echo(message, file=environment(ctx).stderr)
