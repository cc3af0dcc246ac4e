"""The options the commands share, and the steps of reading their input: the catalogue the
command line names, the filters resolved to ids, the --fields checked.

Printing is output's; the commands live beside this module, one module for each family
(commands.COMMANDS says which), each with a Typer app of its own (`commands`).
"""

from collections.abc import Callable, Sized
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .. import __version__, language
from ..cache import open_compiled
from ..catalogue import Catalogue
from ..language import _, listed, ngettext
from ..query import Facet, Kind, Selection, resolve
from ..render.output import Lang, Mode
from ..render.plain import visible
from .output import environment, say

if TYPE_CHECKING:
    from ..store.compiled import Compiled
    from ..store.loaded import Loaded

# Every run pays for what is imported here; a command imports what only it needs itself.


def _show_version(ctx: typer.Context, value: bool) -> None:
    if value:
        typer.echo(f"jjj {__version__}", file=environment(ctx).stdout)
        raise typer.Exit()


def completer(what: str) -> Callable[[typer.Context, str], list[str]]:
    """Shell completion of ids of `what` (completion.TABLES), from the catalogue that the
    command line names so far (--catalogue), else the one jjj would use."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from ..completion import candidates

        return candidates(catalogue_path(ctx), what, incomplete)

    return complete


# Where --catalogue leaves its value: ctx.meta is one dict for a run's root context and its
# command's, so the option given before or after the command name lands in the same place.
_CATALOGUE = "jjj.catalogue"


def _remember_catalogue(
    ctx: typer.Context, param: typer.CallbackParam, value: Path | None
) -> Path | None:
    # the later of the two wins; an option not given (None) leaves an earlier one alone
    if value is not None:
        ctx.meta[_CATALOGUE] = value
    return value


def catalogue_path(ctx: typer.Context) -> Path | None:
    """The catalogue the command line names (--catalogue before or after the command); None
    for the one jjj uses otherwise ($JJJ_CATALOGUE, else the shipped one)."""
    return ctx.meta.get(_CATALOGUE)


CatalogueOption = Annotated[
    Path | None,
    typer.Option(
        "--catalogue",
        metavar="PATH",
        callback=_remember_catalogue,
        help="The catalogue's entry TOML file. Default: $JJJ_CATALOGUE, else the shipped one.",
    ),
]
VersionFlag = Annotated[
    bool,
    typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version."),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print only JSON on stdout.")]
RulesFlag = Annotated[
    bool,
    typer.Option("--rules", help="Show the coding rules: when a tag is given, with examples."),
]


def _language_of_the_run(ctx: typer.Context, param: typer.CallbackParam, value: Lang) -> str:
    """--lang as given. Not given: on a terminal, the language the run speaks ($JJJ_LANG, else
    the locale, which translate.speak chose from the same command line); in a pipe, English,
    so that a script reads the same columns whatever the locale of the machine that runs it.
    (Returned as its value, "en" or "zh": Typer makes the function's Lang of it.)"""
    if given(ctx, "lang"):
        return value.value
    return language.current() if environment(ctx).stdout_isatty else Lang.en.value


# Choices are named in the help rather than in a metavar, which a narrow terminal cuts mid-word.
_LANG_HELP = (
    "en or zh: the language of titles, names and jjj's messages. "
    "Default: $JJJ_LANG, else the locale; in a pipe, English titles."
)
LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        metavar="LANG",
        callback=_language_of_the_run,
        show_default=False,  # the run's language, which the help names
        help=_LANG_HELP,
    ),
]
# The root's, which each command without a --lang of its own takes a copy of (commands.py):
# the run's language is chosen from the command line before Click reads it (translate.speak)
RootLangOption = Annotated[Lang | None, typer.Option("--lang", metavar="LANG", help=_LANG_HELP)]
KindOption = Annotated[
    Kind,
    typer.Option("--kind", metavar="KIND", help="proposal, finding or all: which items."),
]


def _filter(facet: str, names: str) -> Any:
    """A repeatable --<facet> filter that completes the facet's ids."""
    return Annotated[
        list[str] | None,
        typer.Option(
            f"--{facet}",
            metavar=facet.upper(),
            help=f"{names}; repeat or comma-list for any of them.",
            autocompletion=completer(facet),
        ),
    ]


ThemeFilter = _filter("theme", "Id, name or alias (Chinese keywords too)")
ExpertFilter = _filter("expert", "Id or name")
RegionFilter = _filter("region", "Id, name, alias or GB code, places within it included")
SourceFilter = _filter("source", "Id or title of a source")
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields", metavar="A,B", help="Only these fields, in this order (JSON keys, columns)."
    ),
]


# Where a run keeps the compiled catalogue it opened (ctx.meta: one dict for the whole run).
_COMPILED = "jjj.compiled"


def compiled_for(ctx: typer.Context) -> "Compiled | Loaded":
    """The catalogue the command line names (--catalogue, $JJJ_CATALOGUE or the shipped one),
    validated, quotes included, compiled: from the cache when it is current. Opened once a run."""
    if _COMPILED not in ctx.meta:
        ctx.meta[_COMPILED] = open_compiled(catalogue_path(ctx))
    compiled: Compiled | Loaded = ctx.meta[_COMPILED]
    return compiled


def catalogue_for(ctx: typer.Context) -> Catalogue:
    """The same catalogue whole, items and figures included: for the commands that read all
    of it."""
    return compiled_for(ctx).catalogue()


def catalogue_unchecked_quotes(ctx: typer.Context) -> Catalogue:
    """The same catalogue with its quotes left unchecked, read afresh, never from the cache:
    for `verify`, which reports on the quotes itself, from the files as they are now."""
    from ..catalogue import load_catalogue

    return load_catalogue(catalogue_path(ctx), check_quotes=False)


def chinese_names(catalogue: Catalogue, lang: Lang, mode: Mode) -> dict[str, str] | None:
    """In a table in Chinese, what each expert, theme and region is called instead of its id
    (render.browse.chinese_names); None elsewhere: a pipe, JSON and English keep the ids."""
    if lang is Lang.zh and mode is Mode.TABLE:
        from ..render.browse import chinese_names as names

        return names(catalogue)
    return None


def filters(
    catalogue: Catalogue,
    theme: list[str] | None,
    expert: list[str] | None,
    region: list[str] | None,
    kind: Kind,
    source: list[str] | None = None,
) -> Selection:
    """The filters as typed, resolved to ids: the one way every command filters."""
    return Selection(
        experts=resolve(catalogue, Facet.expert, expert or ()),
        themes=resolve(catalogue, Facet.theme, theme or ()),
        regions=resolve(catalogue, Facet.region, region or ()),
        kind=kind,
        sources=resolve(catalogue, Facet.source, source or ()),
    )


def given(ctx: typer.Context, name: str) -> bool:
    """Whether an option was given (on the command line or by its environment variable), not
    left at its default."""
    source = ctx.get_parameter_source(name)  # where Click took the value from
    return source is not None and source.name != "DEFAULT"


def note_findings_left_out(
    ctx: typer.Context, selection: Selection, matching: Callable[[Selection], Sized | int]
) -> None:
    """Under the default --kind (proposal), say on stderr how many findings match as well:
    every command that lists items lists proposals unless asked, and says what that left out.
    `matching`: what a selection matches, or how many. Nothing when --kind was given; stdout
    stays as it was, for JSON and TSV."""
    if given(ctx, "kind"):
        return
    found = matching(selection._replace(kind=Kind.finding))
    count = found if isinstance(found, int) else len(found)
    if count:
        message = ngettext(
            "{count} finding also matches; --kind all includes it.",
            "{count} findings also match; --kind all includes them.",
            count,
        )
        say(ctx, message.format(count=count))


def field_names(given: str | None, *, hits: bool = False) -> list[str]:
    """The --fields names, checked against the item record (and a search hit's additions)."""
    if given is None:
        return []
    from ..render.records import HIT_FIELDS, ITEM_FIELDS

    valid = HIT_FIELDS if hits else ITEM_FIELDS
    names = [name.strip() for name in given.split(",") if name.strip()]
    unknown = [name for name in names if name not in valid]
    if unknown or not names:
        if unknown:
            what = _("unknown field {fields}").format(fields=listed(list(map(repr, unknown))))
        else:
            what = _("no field named")
        message = _("{problem}; valid fields: {fields}").format(
            problem=visible(what), fields=listed(valid)
        )
        raise typer.BadParameter(message, param_hint="'--fields'")
    return list(dict.fromkeys(names))
