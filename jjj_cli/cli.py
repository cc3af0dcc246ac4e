"""The jjj command line: parse options, ask the library, print what a renderer returns."""

import shutil
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, List, Optional

import typer
from typer.core import TyperGroup

from . import __version__, render, streams
from .catalogue import Catalogue, CatalogueError, display_path, load_catalogue, verify_quotes
from .query import (
    Facet,
    Kind,
    Selection,
    QueryError,
    codebook,
    describe,
    resolve,
    select_figures,
    select_items,
)
from .render import Lang, Mode
from .render import problems as render_problems
from .render.plain import visible

# The exploring commands (matrix … graph) import explore and render.explore themselves:
# most runs need neither, and every run pays for what is imported here.


class _Group(TyperGroup):
    """Turns the library's errors into a message on stderr and an exit code, in one place;
    a reader that stops reading (`jjj list | head`) ends the command quietly, with success."""

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
            typer.echo(render_problems.brief(error.problems), err=True)
            raise typer.Exit(1) from None
        except QueryError as error:
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


# Narrower than this, rich squeezes table columns to nothing; plain lines hide no text.
_TABLE_MIN_WIDTH = 60


def _mode(as_json: bool) -> Mode:
    if as_json:
        return Mode.JSON
    if sys.stdout.isatty() and shutil.get_terminal_size().columns >= _TABLE_MIN_WIDTH:
        return Mode.TABLE
    return Mode.PLAIN


def _print(output: render.Output) -> None:
    if isinstance(output, str):
        typer.echo(output)
        return
    from rich.console import Console

    Console(highlight=False, markup=False, emoji=False).print(output)


def _selection(
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
    items = select_items(catalogue, _selection(catalogue, theme, expert, region, kind))
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


def _codebook(ctx: typer.Context, facet: Facet, filters: dict[str, Any], as_json: bool) -> None:
    catalogue = _load(ctx)
    entries = codebook(catalogue, facet, _selection(catalogue, **filters))
    _print(render.codebook(facet, entries, _mode(as_json)))


@app.command()
def experts(
    ctx: typer.Context,
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    kind: KindOption = Kind.proposal,
    as_json: JsonFlag = False,
) -> None:
    """List the experts with how many items each made, within any filters given."""
    filters = dict(theme=theme, expert=expert, region=region, kind=kind)
    _codebook(ctx, Facet.expert, filters, as_json)


@app.command()
def themes(
    ctx: typer.Context,
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    kind: KindOption = Kind.proposal,
    as_json: JsonFlag = False,
) -> None:
    """List the themes, their aliases and how many items carry each, within any filters given."""
    filters = dict(theme=theme, expert=expert, region=region, kind=kind)
    _codebook(ctx, Facet.theme, filters, as_json)


@app.command()
def regions(
    ctx: typer.Context,
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    kind: KindOption = Kind.proposal,
    as_json: JsonFlag = False,
) -> None:
    """List the regions and how many items concern each (places within included), filtered."""
    filters = dict(theme=theme, expert=expert, region=region, kind=kind)
    _codebook(ctx, Facet.region, filters, as_json)


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


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Optional[Path], typer.Argument(help="Catalogue file. Default: the one jjj would use.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Check a catalogue and report every problem with its line; exit 1 if there are any."""
    try:
        catalogue = load_catalogue(path or ctx.obj)
    except CatalogueError as error:
        _print(render_problems.report(error.problems, _mode(as_json)))
        raise typer.Exit(1) from None
    _print(render_problems.valid(catalogue, display_path(catalogue.path), _mode(as_json)))


@app.command()
def matrix(
    ctx: typer.Context,
    rows: Annotated[Facet, typer.Option("--rows", help="What the rows are.")] = Facet.expert,
    cols: Annotated[Facet, typer.Option("--cols", help="What the columns are.")] = Facet.theme,
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    kind: KindOption = Kind.proposal,
    as_json: JsonFlag = False,
) -> None:
    """Count items for every pair of two facets: who speaks on what, and where."""
    from . import explore
    from .render import explore as render_explore

    catalogue = _load(ctx)
    selection = _selection(catalogue, theme, expert, region, kind)
    _print(render_explore.matrix(explore.matrix(catalogue, rows, cols, selection), _mode(as_json)))


@app.command()
def related(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="An item id.")],
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many items at most.")] = 10,
    lang: LangOption = Lang.en,
    as_json: JsonFlag = False,
) -> None:
    """Items by other experts that relate to one: curated links first, then the closest."""
    from . import explore
    from .render import explore as render_explore

    relations = explore.related(_load(ctx), id, limit)
    _print(render_explore.related(relations, _mode(as_json), lang))


@app.command()
def compare(
    ctx: typer.Context,
    experts: Annotated[List[str], typer.Argument(help="Two or more experts (ids or names).")],
    theme: ThemeFilter = None,
    region: RegionFilter = None,
    kind: KindOption = Kind.proposal,
    lang: LangOption = Lang.en,
    as_json: JsonFlag = False,
) -> None:
    """Theme by theme, what each expert says: where they converge and where one speaks alone."""
    from . import explore
    from .render import explore as render_explore

    catalogue = _load(ctx)
    chosen = [resolve(catalogue, Facet.expert, [name]) for name in experts]
    ids = list(dict.fromkeys(id for ids in chosen for id in sorted(ids)))
    if len(ids) < 2:
        raise typer.BadParameter("name at least two different experts", param_hint="EXPERTS")
    selection = _selection(catalogue, theme, None, region, kind)
    comparisons = explore.compare(catalogue, ids, selection)
    _print(render_explore.compare(catalogue, comparisons, ids, _mode(as_json), lang))


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Chinese or English words; every one must match.")],
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    kind: KindOption = Kind.all,
    lang: LangOption = Lang.en,
    as_json: JsonFlag = False,
) -> None:
    """Search titles, summaries, quotes and names in Chinese and English."""
    from . import explore
    from .render import explore as render_explore

    catalogue = _load(ctx)
    hits = explore.search(catalogue, query, _selection(catalogue, theme, expert, region, kind))
    mode = _mode(as_json)
    if not hits and mode is not Mode.JSON:
        typer.echo(f"No items match {visible(query)!r}.", err=True)
        return
    _print(render_explore.search(hits, mode, lang))


@app.command()
def source(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="An item or figure id.")],
    as_json: JsonFlag = False,
) -> None:
    """Show an item's quote where it stands in the source, with the sentences around it."""
    from . import explore
    from .render import explore as render_explore

    catalogue = _load(ctx)
    context = explore.source_context(catalogue, id)
    _print(render_explore.source(context, catalogue.source.file, _mode(as_json)))


class GraphFormat(str, Enum):
    dot = "dot"
    mermaid = "mermaid"


@app.command()
def graph(
    ctx: typer.Context,
    format: Annotated[GraphFormat, typer.Option("--format", help="Graphviz DOT or Mermaid.")] = (
        GraphFormat.dot
    ),
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    kind: KindOption = Kind.proposal,
) -> None:
    """Print the expert–theme–region network, edges weighted by item counts."""
    from . import explore
    from .render import explore as render_explore

    catalogue = _load(ctx)
    network = explore.graph(catalogue, _selection(catalogue, theme, expert, region, kind))
    formats = {GraphFormat.dot: render_explore.graph_dot, GraphFormat.mermaid: render_explore.graph_mermaid}
    typer.echo(formats[format](network))


def main() -> None:
    """Entry point of the `jjj` console script."""
    streams.prepare()
    with streams.closed_pipe_is_success():
        app()
