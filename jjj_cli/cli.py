"""The jjj command line: parse options, ask the library, print what a renderer returns."""

import shutil
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Callable, List, Optional

import typer
from typer.core import TyperGroup

from . import __version__, render, streams
from .cache import load_cached
from .catalogue import Catalogue, CatalogueError, display_path, verify_quotes
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
from .render.plain import controls_escaped, visible

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
            from .render import problems as render_problems

            typer.echo(render_problems.brief(error.problems), err=True)
            raise typer.Exit(1) from None
        except QueryError as error:
            typer.echo(f"Error: {visible(str(error))}", err=True)
            raise typer.Exit(2) from None
        except FileExistsError as error:  # files.OutputExists: -o FILE is there, no --force
            typer.echo(f"Error: {visible(str(error))}", err=True)
            raise typer.Exit(2) from None


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


def _complete(what: str) -> Callable[[typer.Context, str], List[str]]:
    """Shell completion of ids of `what` (completion.TABLES), from the catalogue that the
    command line names so far (--catalogue), else the one jjj would use."""

    def complete(ctx: typer.Context, incomplete: str) -> List[str]:
        from .completion import candidates

        return candidates(ctx.find_root().params.get("catalogue"), what, incomplete)

    return complete


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
    typer.Option(
        "--theme", metavar="THEME", help="Id, alias or name; repeat or comma-list.",
        autocompletion=_complete("theme"),
    ),
]
ExpertFilter = Annotated[
    Optional[List[str]],
    typer.Option(
        "--expert", metavar="EXPERT", help="Id or name; repeat or comma-list.",
        autocompletion=_complete("expert"),
    ),
]
RegionFilter = Annotated[
    Optional[List[str]],
    typer.Option(
        "--region",
        metavar="REGION",
        help="Id, name or GB code, including places within it; repeat or comma-list for any.",
        autocompletion=_complete("region"),
    ),
]
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
    ctx.obj = catalogue


def _load(ctx: typer.Context, *, check_quotes: bool = True) -> Catalogue:
    if not check_quotes:  # verify checks for itself, so it reads the files afresh
        from .catalogue import load_catalogue

        return load_catalogue(ctx.obj, check_quotes=False)
    return load_cached(ctx.obj)


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


def _fields(given: Optional[str], *, hits: bool = False) -> List[str]:
    """The --fields names, checked against the item record (and a search hit's additions)."""
    if given is None:
        return []
    from .render.records import HIT_FIELDS, ITEM_FIELDS

    valid = HIT_FIELDS if hits else ITEM_FIELDS
    names = [name.strip() for name in given.split(",") if name.strip()]
    unknown = [name for name in names if name not in valid]
    if unknown or not names:
        what = f"unknown field {', '.join(map(repr, unknown))}" if unknown else "no field named"
        message = f"{visible(what)}; valid fields: {', '.join(valid)}"
        raise typer.BadParameter(message, param_hint="'--fields'")
    return list(dict.fromkeys(names))


@app.command("list")
def list_items(
    ctx: typer.Context,
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    kind: KindOption = Kind.proposal,
    lang: LangOption = Lang.en,
    fields: FieldsOption = None,
    as_json: JsonFlag = False,
) -> None:
    """List items in source order; filters of one kind mean any of them, different kinds all."""
    chosen = _fields(fields)
    catalogue = _load(ctx)
    items = select_items(catalogue, _selection(catalogue, theme, expert, region, kind))
    mode = _mode(as_json)
    if not items and mode is Mode.TABLE:
        typer.echo("No items match these filters.", err=True)
        return
    _print(render.item_list(items, mode, lang, chosen))


@app.command()
def show(
    ctx: typer.Context,
    id: Annotated[
        str,
        typer.Argument(
            help="An id, or the name of an expert, theme or region.",
            autocompletion=_complete("any"),
        ),
    ],
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
    from .catalogue import load_catalogue
    from .render import problems as render_problems

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
    id: Annotated[str, typer.Argument(help="An item id.", autocompletion=_complete("item"))],
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
    experts: Annotated[
        List[str],
        typer.Argument(
            help="Two or more experts (ids or names).", autocompletion=_complete("expert")
        ),
    ],
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
    fields: FieldsOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Search titles, summaries, quotes and names in Chinese and English."""
    chosen = _fields(fields, hits=True)
    from . import explore
    from .render import explore as render_explore

    catalogue = _load(ctx)
    hits = explore.search(catalogue, query, _selection(catalogue, theme, expert, region, kind))
    mode = _mode(as_json)
    if not hits and mode is not Mode.JSON:
        typer.echo(f"No items match {visible(query)!r}.", err=True)
        return
    _print(render_explore.search(hits, mode, lang, chosen))


@app.command()
def source(
    ctx: typer.Context,
    id: Annotated[
        str, typer.Argument(help="An item or figure id.", autocompletion=_complete("quoted"))
    ],
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


class ExportFormat(str, Enum):
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    sqlite = "sqlite"


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[
        Optional[ExportFormat],
        typer.Option("--format", help="Default: from the -o file's suffix, else csv."),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option("-o", "--output", metavar="FILE", help="Write FILE instead of stdout."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    excel: Annotated[
        bool,
        typer.Option("--excel", help="CSV/TSV for Excel: a byte-order mark; formulas defused."),
    ] = False,
    fields: FieldsOption = None,
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    kind: KindOption = Kind.proposal,
) -> None:
    """Export items for other tools: CSV, TSV, JSON, JSON Lines, Markdown or SQLite."""
    from .render.export import export as render_export

    chosen = _export_format(format, output, fields, excel)
    catalogue = _load(ctx)
    if output is not None:
        _refuse_catalogue_files(catalogue, output)
    selection = _selection(catalogue, theme, expert, region, kind)
    items = select_items(catalogue, selection)
    figures = select_figures(catalogue, selection.experts)
    data = render_export(catalogue, items, figures, chosen, _fields(fields), excel)
    if output is None:
        _write_stdout(data)
        return
    from .files import atomic_write

    atomic_write(output, data, force=force)


def _export_format(
    format: Optional[ExportFormat], output: Optional[Path], fields: Optional[str], excel: bool
) -> str:
    """The format asked for (or said by -o's suffix), checked against the other options."""
    from .render.export import EXCEL_FORMATS, FIELD_FORMATS, SUFFIXES

    suffix = output.suffix.lower() if output else ""
    chosen = format.value if format else SUFFIXES.get(suffix, "csv")
    if chosen == "sqlite" and output is None:
        message = "an SQLite database goes to a file: add -o FILE"
        raise typer.BadParameter(message, param_hint="'--format'")
    if fields is not None and chosen not in FIELD_FORMATS:
        message = f"not for {chosen}, only for {', '.join(FIELD_FORMATS)}"
        raise typer.BadParameter(message, param_hint="'--fields'")
    if excel and chosen not in EXCEL_FORMATS:
        raise typer.BadParameter(f"not for {chosen}, only for csv and tsv", param_hint="'--excel'")
    return chosen


def _write_stdout(data: str | bytes) -> None:
    """The export as UTF-8 whatever the locale, with control characters escaped on a terminal."""
    if isinstance(data, str):
        data = (controls_escaped(data) if sys.stdout.isatty() else data).encode("utf-8")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)


def _refuse_catalogue_files(catalogue: Catalogue, output: Path) -> None:
    """Even with --force, -o never replaces the catalogue or its source text."""
    for own in (catalogue.path, catalogue.source.path):
        same = output.exists() and own.exists() and output.samefile(own)
        if same or output.resolve() == own.resolve():
            message = f"{visible(str(output))} is the catalogue's own file"
            raise typer.BadParameter(message, param_hint="'-o'")


@app.command()
def schema() -> None:
    """Print the JSON Schema of a catalogue file, for editors (schema/catalogue.schema.json)."""
    from .catalogue.json_schema import json_schema

    typer.echo(render.to_json(json_schema()))


def main() -> None:
    """Entry point of the `jjj` console script."""
    streams.prepare()
    with streams.closed_pipe_is_success():
        app()
