"""The curator's commands: changing a catalogue safely (each change goes through curate.edit,
which writes nothing unless the whole catalogue, as it would be, validates), seeing what
changed (diff), and what accounts for each sentence of a source (coverage)."""

import shlex
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..language import N_, _, ngettext
from ..render.output import Lang, Mode
from . import options, output
from .commands import COMMANDS
from .options import JsonFlag

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..curate.fmt import Reformatted

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
    env = output.environment(ctx)
    return env.stdin_isatty and env.stderr_isatty


def _asked(ctx: typer.Context, given: str | None, option: str, what: str) -> str:
    """A value the catalogue requires: as given, else asked for on a terminal; in a pipe, a
    usage error naming the option (nobody is there to answer)."""
    if given is not None:
        return given
    if not _interactive(ctx):
        message = _("Missing option '{option}': {what}, asked for only on a terminal.")
        ctx.fail(message.format(option=option, what=_(what)))
    try:
        answer: str = typer.prompt(_capitalised(_(what)), err=True)
    except typer.Abort as abort:
        # Click makes Ctrl-C and the end of input at a prompt one Abort, exit 1: Ctrl-C is an
        # interruption (130), as everywhere else; no answer at all is a usage problem (2)
        if isinstance(abort.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        message = _("No answer for '{option}' ({what}): the input ended; nothing written.")
        ctx.fail(message.format(option=option, what=_(what)))
    return answer


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        message = _("'{value}' is not a date YYYY-MM-DD").format(value=value)
        raise typer.BadParameter(message, param_hint="'--date'") from None


def _valid(value: str | None, option: str, check: "Callable[[Any], object]") -> str | None:
    """The option's value, if the catalogue's schema takes it for its field (`check`, one of
    catalogue.schema's); else a usage error naming the option, before anything is built."""
    from ..catalogue.schema import Invalid

    if value is None:
        return None
    try:
        check(value)
    except Invalid as error:
        raise typer.BadParameter(str(error), param_hint=f"'{option}'") from None
    return value


def _valid_text(value: str, option: str) -> str:
    from ..catalogue.schema import text

    _valid(value, option, text)
    return value


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
    from ..catalogue.schema import text, web_address
    from ..curate.edit import Edit
    from ..curate.register import NewSource
    from ..curate.register import add_source as register
    from ..render.added import added

    _valid_text(title, "--title")
    _valid(publisher, "--publisher", text)
    _valid(url, "--url", web_address)
    published = _date(when)
    english = _asked(ctx, title_en, "--title-en", N_("the title in English"))
    edit = Edit(options.catalogue_path(ctx))
    # a catalogue with problems is not added to; it is about to change: not compiled
    current = load_cached(edit.entry, compile=False)
    new = NewSource(
        id=id,
        title=title,
        title_en=_valid_text(english, "--title-en"),
        language=language,
        kind=kind,
        date=published,
        publisher=publisher,
        url=url,
    )
    done = register(edit, current, file, new)
    env, mode = output.chosen(ctx, as_json)
    output.emit(env, added(done.record, done.written, mode, done.catalogue))


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

    _valid_text(name, "--name")
    _valid_text(name_zh, "--name-zh")
    edit = Edit(options.catalogue_path(ctx))
    # a catalogue with problems is not added to; it is about to change: not compiled
    current = load_cached(edit.entry, compile=False)
    english = _asked(ctx, affiliation, "--affiliation", N_("the affiliation in English"))
    chinese = _asked(ctx, affiliation_zh, "--affiliation-zh", N_("the affiliation in Chinese"))
    new = NewExpert(
        id,
        name,
        name_zh,
        _valid_text(english, "--affiliation"),
        _valid_text(chinese, "--affiliation-zh"),
    )
    done = register(edit, current, new)
    env, mode = output.chosen(ctx, as_json)
    output.emit(env, added(done.record, done.written, mode, done.catalogue))


# ----------------------------------------------------------------------------------------------
# jjj add item


class ItemKind(str, Enum):
    proposal = "proposal"
    finding = "finding"


# The texts every item has, by option, with what a terminal is asked for when one is not given.
_ITEM_TEXTS = {
    "--title": N_("the title in English"),
    "--title-zh": N_("the title in Chinese"),
    "--summary": N_("the summary in English"),
    "--summary-zh": N_("the summary in Chinese"),
}


def _text(option: str) -> Any:
    what = _ITEM_TEXTS[option]
    return typer.Option(
        option, metavar="TEXT", help=f"{what[0].upper()}{what[1:]} (asked for on a terminal)."
    )


@add.command("item")
def add_item(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Option(
            "--source",
            metavar="SOURCE",
            help="The source's id.",
            autocompletion=options.completer("source"),
        ),
    ],
    expert: Annotated[
        str,
        typer.Option(
            "--expert",
            metavar="EXPERT",
            help="Id or name of who said it.",
            autocompletion=options.completer("expert"),
        ),
    ],
    quote: Annotated[
        str,
        typer.Option(
            "--quote",
            metavar="TEXT",
            help="Their words as in the source; its line breaks and spaces do not matter.",
        ),
    ],
    kind: Annotated[ItemKind, typer.Option("--kind", metavar="KIND", help="proposal or finding.")],
    theme: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            metavar="THEME",
            help="Id, name or alias; repeat for more.",
            autocompletion=options.completer("theme"),
        ),
    ] = None,
    region: Annotated[
        list[str] | None,
        typer.Option(
            "--region",
            metavar="REGION",
            help="Id, name, alias or GB code; repeat for more.",
            autocompletion=options.completer("region"),
        ),
    ] = None,
    title: Annotated[str | None, _text("--title")] = None,
    title_zh: Annotated[str | None, _text("--title-zh")] = None,
    summary: Annotated[str | None, _text("--summary")] = None,
    summary_zh: Annotated[str | None, _text("--summary-zh")] = None,
    id: Annotated[
        str | None,
        typer.Option("--id", metavar="ID", help="Its id. Default: one made from the title."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add an item: its quote found in its source, written in source order, seq and id set."""
    from ..curate import items, write_item
    from ..curate.edit import Edit
    from ..curate.ids import check_new_id
    from ..query import describe
    from ..render import browse as render_browse
    from ..render.added import item_added

    edit = Edit(options.catalogue_path(ctx))
    catalogue = options.catalogue_for(ctx)  # a catalogue with problems is not added to
    named = items.named(catalogue, source, expert, theme or (), region or ())
    placement = items.place(catalogue, named.source, quote)
    if id is not None:
        check_new_id(catalogue, id)
    texts = _item_texts(ctx, dict(zip(_ITEM_TEXTS, [title, title_zh, summary, summary_zh])))
    item = items.new_item(catalogue, named, placement, kind.value, quote, texts, id)
    catalogue, holder = write_item.add(edit, catalogue, item, placement)
    output.say(ctx, item_added(item, len(placement.renumbered), holder))
    env, mode = output.chosen(ctx, as_json)
    output.emit(env, render_browse.show(describe(catalogue, item.id), mode, Lang.en))


def _item_texts(ctx: typer.Context, given: dict[str, str | None]) -> list[str]:
    """The item's texts, by option: as given, else asked for on a terminal. In a pipe, those
    not given are one usage error naming them all."""
    for option, value in given.items():
        if value is not None and not value.strip():
            raise typer.BadParameter(_("cannot be empty"), param_hint=f"'{option}'")
    missing = [f"'{option}'" for option, value in given.items() if value is None]
    if missing and not _interactive(ctx):
        message = ngettext(
            "Missing option {options}: every item has them, asked for only on a terminal.",
            "Missing options {options}: every item has them, asked for only on a terminal.",
            len(missing),
        )
        ctx.fail(message.format(options=", ".join(missing)))
    return [_asked(ctx, value, option, _ITEM_TEXTS[option]) for option, value in given.items()]


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

    if not changed:
        every = ngettext(
            "The catalogue file is already formatted.",
            "All {files} catalogue files are already formatted.",
            files,
        )
        return [every.format(files=files)]
    migrated = (
        _(
            "{file} would be migrated from the 0.1 form: [source] to [[sources]], each expert's "
            "headline, question and note to an [[appearances]] record; every item and figure "
            "names its source."
        )
        if check
        else _(
            "{file} is migrated from the 0.1 form: [source] to [[sources]], each expert's "
            "headline, question and note to an [[appearances]] record; every item and figure "
            "names its source."
        )
    )
    lines = [
        migrated.format(file=visible(display_path(file.path))) for file in changed if file.migrated
    ]
    if check:
        message = ngettext(
            "{changed} of {files} catalogue file would be reformatted; `jjj fmt` rewrites them.",
            "{changed} of {files} catalogue files would be reformatted; `jjj fmt` rewrites them.",
            files,
        )
    else:
        message = ngettext(
            "Reformatted {changed} of {files} catalogue file.",
            "Reformatted {changed} of {files} catalogue files.",
            files,
        )
    return [*lines, message.format(changed=len(changed), files=files)]
