"""What every command shares: the Typer app, its error handling, the common options, and the
steps each command takes: read the catalogue, resolve the filters, pick the output, print.

The commands themselves live beside this module, one module for each family, each with a Typer
app of its own (`commands`). The root app builds a command only when it is run, so a run
imports one family and builds one command, not all of them.
"""

import atexit
import gc
import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence, Sized
from copy import copy
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any, Callable, List, Optional

import typer
from typer.core import TyperGroup

from .. import __version__, streams
from ..cache import load_cached
from ..catalogue import Catalogue, CatalogueError, Expert, Figure, Item, Region, Theme
from ..query import Facet, Kind, QueryError, Selection, UnknownName, resolve
from ..render.output import Lang, Mode, Output
from ..render.plain import visible

# Every run pays for what is imported here; a command imports what only it needs itself.

# Each command, in the order `jjj --help` lists them, and the module beside this one that
# defines it (in its `commands` app, under this name).
COMMANDS = {
    "list": "browse",
    "show": "browse",
    "experts": "browse",
    "themes": "browse",
    "regions": "browse",
    "figures": "browse",
    "verify": "browse",
    "validate": "browse",
    "matrix": "explore",
    "related": "explore",
    "compare": "explore",
    "search": "explore",
    "source": "explore",
    "graph": "explore",
    "export": "elsewhere",
    "schema": "elsewhere",
}


class _Commands(Mapping[str, Any]):
    """Every command by name, in the order of COMMANDS, each built when first looked up.

    Typer builds all the commands of an app at once, a few milliseconds for jjj's; this builds
    the one a run needs, with Typer's own `get_command` on an app of that command alone.
    Every command also takes the root's `common` options, so that they may be given after the
    command name as well as before it.
    """

    def __init__(self, common: Sequence[Any]) -> None:
        self.common = common
        self.built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in COMMANDS:
            raise KeyError(name)
        if name not in self.built:
            command = _build(name)
            command.params.extend(self.common)
            self.built[name] = command
        return self.built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


def _build(name: str) -> Any:
    family = import_module(f".{COMMANDS[name]}", __package__).commands
    (info,) = [info for info in family.registered_commands if info.name == name]
    single = typer.Typer(add_completion=False)
    single.registered_commands.append(info)
    return typer.main.get_command(single)


class _Group(TyperGroup):
    """Holds the commands (built as they are asked for); turns the library's errors into a
    message on stderr and an exit code, in one place; and ends quietly, with success, when a
    reader stops reading (`jjj list | head`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if self.commands:  # Typer hands over what was registered on the root app itself
            raise TypeError(f"register {sorted(self.commands)} in a family module and COMMANDS")
        # --catalogue is declared once, on the root; each command takes a copy of it that keeps
        # its value to the callback (the command's function has no parameter for it), so
        # `jjj list --catalogue X` is `jjj --catalogue X list`, and every --help shows it
        common = [copy(param) for param in self.params if param.name == "catalogue"]
        for param in common:
            param.expose_value = False
        self.commands = _Commands(common)  # type: ignore[assignment]  # read-only: nothing adds

    def make_context(self, *args: Any, **kwargs: Any) -> typer.Context:
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:  # --version into a closed pipe
            streams.discard_stdout()
            raise typer.Exit(0) from None

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a reader that has gone shows up here, not at exit
            return result
        except BrokenPipeError:
            # `jjj list | head`: the reader has what it wanted, so this is success
            streams.discard_stdout()
            raise typer.Exit(0) from None
        except CatalogueError as error:
            from ..render import problems as render_problems

            typer.echo(render_problems.brief(error.problems), err=True)
            raise typer.Exit(1) from None
        except QueryError as error:
            _error(str(error) + _where_the_ids_are(error))
            raise typer.Exit(2) from None
        except FileExistsError as error:  # files.OutputExists: -o FILE is there, no --force
            _error(str(error))
            raise typer.Exit(2) from None


# The command that lists each kind of record's ids: a usage error points to them.
_LISTED_BY: dict[type, str] = {
    Item: "jjj list --kind all",
    Figure: "jjj figures",
    Expert: "jjj experts",
    Theme: "jjj themes",
    Region: "jjj regions",
}


def _where_the_ids_are(error: QueryError) -> str:
    """For an unknown id that nothing came close to: which commands list the ids wanted."""
    if not isinstance(error, UnknownName) or error.what != "id" or error.suggestions:
        return ""
    wanted = set(error.among) or set(_LISTED_BY)
    commands = [f"`{command}`" for kind, command in _LISTED_BY.items() if kind in wanted]
    listed = " and ".join([", ".join(commands[:-1]), commands[-1]] if commands[1:] else commands)
    return f" {listed} {'list' if commands[1:] else 'lists'} the ids."


def _error(message: str) -> None:
    """A usage error on stderr; on a terminal, broken between words so that the terminal does
    not cut an id of the message (a list of valid values is long)."""
    text = f"Error: {visible(message)}"
    if sys.stderr.isatty():
        from ..render.wrap import line_spans

        try:  # stderr's own width: stdout may be a pipe
            width = os.get_terminal_size(sys.stderr.fileno()).columns
        except OSError:
            width = shutil.get_terminal_size().columns
        text = "\n".join(text[start:end] for start, end in line_spans(text, width))
    typer.echo(text, err=True)


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    epilog="Exit codes: 0 success (an empty result too), 1 a problem with the catalogue, "
    "2 a usage problem or an unknown id.",
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"jjj {__version__}")
        raise typer.Exit()


def completer(what: str) -> Callable[[typer.Context, str], List[str]]:
    """Shell completion of ids of `what` (completion.TABLES), from the catalogue that the
    command line names so far (--catalogue), else the one jjj would use."""

    def complete(ctx: typer.Context, incomplete: str) -> List[str]:
        from ..completion import candidates

        return candidates(catalogue_path(ctx), what, incomplete)

    return complete


# Where --catalogue leaves its value: ctx.meta is one dict for a run's root context and its
# command's, so the option given before or after the command name lands in the same place.
_CATALOGUE = "jjj.catalogue"


def _remember_catalogue(
    ctx: typer.Context, param: typer.CallbackParam, value: Optional[Path]
) -> Optional[Path]:
    # the later of the two wins; an option not given (None) leaves an earlier one alone
    if value is not None:
        ctx.meta[_CATALOGUE] = value
    return value


def catalogue_path(ctx: typer.Context) -> Optional[Path]:
    """The catalogue the command line names (--catalogue before or after the command); None
    for the one jjj uses otherwise ($JJJ_CATALOGUE, else the shipped one)."""
    return ctx.meta.get(_CATALOGUE)


CatalogueOption = Annotated[
    Optional[Path],
    typer.Option(
        "--catalogue",
        metavar="PATH",
        callback=_remember_catalogue,
        help="Catalogue TOML file. Default: $JJJ_CATALOGUE, else the shipped catalogue.",
    ),
]
VersionFlag = Annotated[
    bool,
    typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version."),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print only JSON on stdout.")]
# Choices are named in the help rather than in a metavar, which a narrow terminal cuts mid-word.
LangOption = Annotated[
    Lang,
    typer.Option("--lang", metavar="LANG", help="en or zh: the language of titles and names."),
]
KindOption = Annotated[
    Kind,
    typer.Option("--kind", metavar="KIND", help="proposal, finding or all: which items."),
]


def _filter(facet: str, names: str) -> Any:
    """A repeatable --<facet> filter that completes the facet's ids."""
    return Annotated[
        Optional[List[str]],
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
FieldsOption = Annotated[
    Optional[str],
    typer.Option(
        "--fields", metavar="A,B", help="Only these fields, in this order (JSON keys, columns)."
    ),
]


@app.callback()
def root(
    ctx: typer.Context, catalogue: CatalogueOption = None, version: VersionFlag = False
) -> None:
    """Browse what experts proposed at a roundtable on Beijing–Tianjin–Hebei (京津冀) coordination."""
    # --catalogue reaches the command through its callback: catalogue_path(ctx)


def catalogue_for(ctx: typer.Context, *, check_quotes: bool = True) -> Catalogue:
    """The catalogue the command line names (--catalogue, $JJJ_CATALOGUE or the shipped one)."""
    if not check_quotes:  # verify reports the quotes itself, from the files as they are now
        from ..catalogue import load_catalogue

        return load_catalogue(catalogue_path(ctx), check_quotes=False)
    return load_cached(catalogue_path(ctx))


# Narrower than this a table has no room for an id beside its text; plain lines hide nothing.
_TABLE_MIN_WIDTH = 60


def output_mode(as_json: bool) -> Mode:
    """JSON if asked; tables on a terminal wide enough for them; plain lines otherwise."""
    if as_json:
        return Mode.JSON
    if sys.stdout.isatty() and shutil.get_terminal_size().columns >= _TABLE_MIN_WIDTH:
        return Mode.TABLE
    return Mode.PLAIN


def emit(output: Output) -> None:
    """Print what a renderer returned, once: text as it is, a rich renderable through rich."""
    if isinstance(output, str):
        typer.echo(output)
        return
    from rich.console import Console

    Console(highlight=False, markup=False, emoji=False).print(output)


def emit_verdict(output: Output, passed: bool) -> None:
    """Print a check's report, then exit 1 if the check failed: the verdict stands even when
    the reader stops before the end of the report (`jjj validate | head -1`)."""
    try:
        emit(output)
        sys.stdout.flush()
    except BrokenPipeError:
        streams.discard_stdout()
    if not passed:
        raise typer.Exit(1)


def filters(
    catalogue: Catalogue,
    theme: Optional[List[str]],
    expert: Optional[List[str]],
    region: Optional[List[str]],
    kind: Kind,
) -> Selection:
    """The filters as typed, resolved to ids: the one way every command filters."""
    return Selection(
        experts=resolve(catalogue, Facet.expert, expert or ()),
        themes=resolve(catalogue, Facet.theme, theme or ()),
        regions=resolve(catalogue, Facet.region, region or ()),
        kind=kind,
    )


def note_findings_left_out(
    ctx: typer.Context, selection: Selection, matching: Callable[[Selection], Sized]
) -> None:
    """Under the default --kind (proposal), say on stderr how many findings match as well:
    every command that lists items lists proposals unless asked, and says what that left out.
    Nothing when --kind was given; stdout stays as it was, for JSON and TSV."""
    source = ctx.get_parameter_source("kind")  # where Click took the value from
    if source is None or source.name != "DEFAULT":
        return
    count = len(matching(selection._replace(kind=Kind.finding)))
    if count == 1:
        typer.echo("1 finding also matches; --kind all includes it.", err=True)
    elif count:
        typer.echo(f"{count} findings also match; --kind all includes them.", err=True)


def field_names(given: Optional[str], *, hits: bool = False) -> List[str]:
    """The --fields names, checked against the item record (and a search hit's additions)."""
    if given is None:
        return []
    from ..render.records import HIT_FIELDS, ITEM_FIELDS

    valid = HIT_FIELDS if hits else ITEM_FIELDS
    names = [name.strip() for name in given.split(",") if name.strip()]
    unknown = [name for name in names if name not in valid]
    if unknown or not names:
        what = f"unknown field {', '.join(map(repr, unknown))}" if unknown else "no field named"
        message = f"{visible(what)}; valid fields: {', '.join(valid)}"
        raise typer.BadParameter(message, param_hint="'--fields'")
    return list(dict.fromkeys(names))


def main() -> None:
    """Entry point of the `jjj` console script."""
    # The process ends when the command does: spare it the interpreter's final collection of
    # every object imported, several milliseconds of each run. Registered first, this runs
    # after any other exit handler; output is still flushed, and Python never promised
    # finalizers at exit. (gc.freeze: what the collector is to leave alone from now on.)
    atexit.register(gc.freeze)
    streams.prepare()
    with streams.closed_pipe_is_success():
        app()
