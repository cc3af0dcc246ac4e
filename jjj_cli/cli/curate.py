"""The curator's commands: changing a catalogue safely (each change goes through curate.edit,
which writes nothing unless the whole catalogue, as it would be, validates), seeing what
changed (diff), and what accounts for each sentence of a source (coverage)."""

import shlex
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ..render.output import Mode
from . import options, output
from .commands import COMMANDS
from .options import JsonFlag

# This family's commands; commands.COMMANDS names each, and the root app builds it from here.
commands = typer.Typer()

# `jjj add KIND`: one group, built as one command of COMMANDS; a kind is one more command here.
add = typer.Typer(help=COMMANDS["add"].summary, no_args_is_help=True)
commands.add_typer(add, name="add")


# ----------------------------------------------------------------------------------------------
# jjj init


@commands.command("init")
def init(
    ctx: typer.Context,
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Where to start it (made if need be).")
    ],
    from_shipped: Annotated[
        bool,
        typer.Option(
            "--from-shipped", help="Copy the whole shipped catalogue, its source text too."
        ),
    ] = False,
) -> None:
    """Start a catalogue in DIR: the shipped codebooks, or all of it with --from-shipped."""
    from ..catalogue.location import shipped_catalogue_path
    from ..curate.start import start_catalogue
    from ..render.added import started

    made = start_catalogue(directory, shipped_catalogue_path(), whole=from_shipped)
    output.say(ctx, started(directory, made.entry, made.catalogue, from_shipped))
    entry = shlex.quote(str(made.entry.resolve()))
    output.emit(output.environment(ctx), f"export JJJ_CATALOGUE={entry}")


# ----------------------------------------------------------------------------------------------
# jjj add source, jjj add expert


def _interactive(ctx: typer.Context) -> bool:
    """Whether a person is there to ask: input and the prompt's stream are terminals."""
    return sys.stdin.isatty() and output.environment(ctx).stderr_isatty


def _asked(ctx: typer.Context, given: str | None, option: str, what: str) -> str:
    """A value the catalogue requires: as given, else asked for on a terminal; in a pipe, a
    usage error naming the option (nobody is there to answer)."""
    if given is not None:
        return given
    if not _interactive(ctx):
        ctx.fail(f"Missing option '{option}': {what}, asked for only on a terminal.")
    answer: str = typer.prompt(what[0].upper() + what[1:], err=True)
    return answer


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        message = f"'{value}' is not a date YYYY-MM-DD"
        raise typer.BadParameter(message, param_hint="'--date'") from None


@add.command("source")
def add_source(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The source's text, in UTF-8: stored as it is.")
    ],
    id: Annotated[
        str, typer.Option("--id", metavar="ID", help="The new source's id, e.g. harbour-forum.")
    ],
    title: Annotated[
        str, typer.Option("--title", metavar="TEXT", help="Its title, as the text gives it.")
    ],
    title_en: Annotated[
        str | None,
        typer.Option(
            "--title-en", metavar="TEXT", help="The title in English (asked for on a terminal)."
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", metavar="KIND", help="roundtable, interview, article, plan, …"),
    ] = None,
    when: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="When it was published.")
    ] = None,
    publisher: Annotated[
        str | None, typer.Option("--publisher", metavar="NAME", help="Who published it.")
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", metavar="URL", help="Where it was published.")
    ] = None,
    language: Annotated[
        str, typer.Option("--language", metavar="LANG", help="The text's language.")
    ] = "zh",
    as_json: JsonFlag = False,
) -> None:
    """Store a text under the catalogue's sources/ and register it as a new source."""
    from ..cache import load_cached
    from ..curate.edit import Edit
    from ..curate.register import NewSource
    from ..curate.register import add_source as register
    from ..render.added import added

    edit = Edit(options.catalogue_path(ctx))
    current = load_cached(edit.entry)  # a catalogue with problems is not added to
    new = NewSource(
        id=id,
        title=title,
        title_en=_asked(ctx, title_en, "--title-en", "the title in English"),
        language=language,
        kind=kind,
        date=_date(when),
        publisher=publisher,
        url=url,
    )
    done = register(edit, current, file, new)
    env, mode = output.chosen(ctx, as_json)
    output.emit(env, added(done.record, done.written, mode))


@add.command("expert")
def add_expert(
    ctx: typer.Context,
    id: Annotated[
        str, typer.Option("--id", metavar="ID", help="The new expert's id, e.g. jiang-wangshu.")
    ],
    name: Annotated[
        str, typer.Option("--name", metavar="NAME", help="The name in English (pinyin).")
    ],
    name_zh: Annotated[str, typer.Option("--name-zh", metavar="NAME", help="The name in Chinese.")],
    affiliation: Annotated[
        str | None,
        typer.Option(
            "--affiliation",
            metavar="TEXT",
            help="Their affiliation in English (asked for on a terminal).",
        ),
    ] = None,
    affiliation_zh: Annotated[
        str | None,
        typer.Option(
            "--affiliation-zh",
            metavar="TEXT",
            help="Their affiliation in Chinese (asked for on a terminal).",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add an expert (a person, whatever sources they speak in) to the catalogue."""
    from ..cache import load_cached
    from ..curate.edit import Edit
    from ..curate.register import NewExpert
    from ..curate.register import add_expert as register
    from ..render.added import added

    edit = Edit(options.catalogue_path(ctx))
    current = load_cached(edit.entry)  # a catalogue with problems is not added to
    new = NewExpert(
        id,
        name,
        name_zh,
        _asked(ctx, affiliation, "--affiliation", "the affiliation in English"),
        _asked(ctx, affiliation_zh, "--affiliation-zh", "the affiliation in Chinese"),
    )
    done = register(edit, current, new)
    env, mode = output.chosen(ctx, as_json)
    output.emit(env, added(done.record, done.written, mode))


# ----------------------------------------------------------------------------------------------
# jjj diff


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
