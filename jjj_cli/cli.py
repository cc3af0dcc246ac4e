"""The jjj command line: parse options, ask the library, print what a renderer returns."""

import sys
from pathlib import Path
from typing import Annotated, Any, List, Optional

import typer
from typer.core import TyperGroup

from . import __version__, render
from .catalogue import Catalogue, CatalogueError, load_catalogue, verify_quotes
from .query import (
    Facet,
    Kind,
    Selection,
    UnknownName,
    codebook,
    describe,
    resolve,
    select_figures,
    select_items,
)
from .render import Lang, Mode
from .render.plain import visible


class _Group(TyperGroup):
    """Turns the library's errors into a message on stderr and an exit code, in one place."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CatalogueError as error:
            typer.echo(visible(str(error), single_line=False), err=True)
            raise typer.Exit(1) from None
        except UnknownName as error:
            typer.echo(f"Error: {visible(str(error))}", err=True)
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    epilog="Exit codes: 0 success (an empty result too), 1 a problem with the catalogue, "
    "2 a usage problem or an unknown id.",
    add_completion=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"jjj {__version__}")
        raise typer.Exit()


CatalogueOption = Annotated[
    Optional[Path],
    typer.Option(
        "--catalogue",
        metavar="PATH",
        help="Catalogue TOML file. Default: $JJJ_CATALOGUE, else the shipped catalogue.",
    ),
]
VersionFlag = Annotated[
    bool,
    typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version."),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print only JSON on stdout.")]
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of titles in tables.")]
KindOption = Annotated[Kind, typer.Option("--kind", help="Which items to include.")]
ThemeFilter = Annotated[
    Optional[List[str]],
    typer.Option("--theme", metavar="THEME", help="Id, alias or name; repeat or comma-list."),
]
ExpertFilter = Annotated[
    Optional[List[str]],
    typer.Option("--expert", metavar="EXPERT", help="Id or name; repeat or comma-list."),
]
RegionFilter = Annotated[
    Optional[List[str]],
    typer.Option(
        "--region",
        metavar="REGION",
        help="Id, name or GB code, including places within it; repeat or comma-list for any.",
    ),
]


@app.callback()
def root(
    ctx: typer.Context, catalogue: CatalogueOption = None, version: VersionFlag = False
) -> None:
    """Browse what experts proposed at a roundtable on Beijing–Tianjin–Hebei (京津冀) coordination."""
    ctx.obj = catalogue


def _load(ctx: typer.Context, *, check_quotes: bool = True) -> Catalogue:
    return load_catalogue(ctx.obj, check_quotes=check_quotes)


def _mode(as_json: bool) -> Mode:
    if as_json:
        return Mode.JSON
    return Mode.TABLE if sys.stdout.isatty() else Mode.PLAIN


def _print(output: render.Output) -> None:
    if isinstance(output, str):
        typer.echo(output)
        return
    from rich.console import Console

    Console(highlight=False, markup=False, emoji=False).print(output)


@app.command("list")
def list_items(
    ctx: typer.Context,
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    kind: KindOption = Kind.proposal,
    lang: LangOption = Lang.en,
    as_json: JsonFlag = False,
) -> None:
    """List items in source order; filters of one kind mean any of them, different kinds all."""
    catalogue = _load(ctx)
    selection = Selection(
        experts=resolve(catalogue, Facet.expert, expert or ()),
        themes=resolve(catalogue, Facet.theme, theme or ()),
        regions=resolve(catalogue, Facet.region, region or ()),
        kind=kind,
    )
    items = select_items(catalogue, selection)
    mode = _mode(as_json)
    if not items and mode is Mode.TABLE:
        typer.echo("No items match these filters.", err=True)
        return
    _print(render.item_list(items, mode, lang))


@app.command()
def show(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="An id, or the name of an expert, theme or region.")],
    lang: LangOption = Lang.en,
    as_json: JsonFlag = False,
) -> None:
    """Show one expert, item, theme, region or figure in full."""
    _print(render.show(describe(_load(ctx), id), _mode(as_json), lang))


def _codebook(ctx: typer.Context, facet: Facet, kind: Kind, as_json: bool) -> None:
    entries = codebook(_load(ctx), facet, kind)
    _print(render.codebook(facet, entries, _mode(as_json)))


@app.command()
def experts(
    ctx: typer.Context, kind: KindOption = Kind.proposal, as_json: JsonFlag = False
) -> None:
    """List the experts with how many items each made."""
    _codebook(ctx, Facet.expert, kind, as_json)


@app.command()
def themes(
    ctx: typer.Context, kind: KindOption = Kind.proposal, as_json: JsonFlag = False
) -> None:
    """List the themes, their aliases and how many items carry each."""
    _codebook(ctx, Facet.theme, kind, as_json)


@app.command()
def regions(
    ctx: typer.Context, kind: KindOption = Kind.proposal, as_json: JsonFlag = False
) -> None:
    """List the regions and how many items concern each (places within it included)."""
    _codebook(ctx, Facet.region, kind, as_json)


@app.command()
def figures(
    ctx: typer.Context,
    expert: ExpertFilter = None,
    lang: LangOption = Lang.en,
    as_json: JsonFlag = False,
) -> None:
    """List the figures the experts cited."""
    catalogue = _load(ctx)
    selected = select_figures(catalogue, resolve(catalogue, Facet.expert, expert or ()))
    _print(render.figure_list(selected, _mode(as_json), lang))


@app.command()
def verify(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Check that every quote appears in the source text; exit 1 if any does not."""
    catalogue = _load(ctx, check_quotes=False)
    checks = verify_quotes(catalogue)
    _print(render.verification(catalogue.source.file, checks, _mode(as_json)))
    if not all(check.found for check in checks):
        raise typer.Exit(1)


def main() -> None:
    """Entry point of the `jjj` console script."""
    app()
