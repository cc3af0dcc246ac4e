"""Exploring: matrix, related, compare, source and graph (search is in cli/search.py).

Only a run of one of these commands imports this module, and with it the exploring library and
its renderers (commands.COMMANDS).
"""

from enum import Enum
from typing import Annotated

import typer

from .. import explore
from ..catalogue import Source
from ..files import output_path
from ..language import _
from ..query import Facet, Kind, record_by_id
from ..render import explore as render_explore
from ..render.output import Lang
from . import options, output
from .options import (
    ExpertFilter,
    JsonFlag,
    KindOption,
    LangOption,
    RegionFilter,
    SourceFilter,
    ThemeFilter,
)
from .written import ForceFlag, OutputOption, emit_or_write, format_for

# This family's commands; commands.COMMANDS names each, and the root app builds it from here.
commands = typer.Typer()


class MatrixFormat(str, Enum):
    text = "text"  # as every command prints: a table, TSV or JSON
    svg = "svg"


@commands.command("matrix")
def matrix(
    ctx: typer.Context,
    rows: Annotated[
        Facet,
        typer.Option("--rows", metavar="FACET", help="expert, theme, region or source: the rows."),
    ] = Facet.expert,
    cols: Annotated[
        Facet,
        typer.Option(
            "--cols", metavar="FACET", help="expert, theme, region or source: the columns."
        ),
    ] = Facet.theme,
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    source: SourceFilter = None,
    kind: KindOption = Kind.proposal,
    lang: LangOption = Lang.en,
    as_json: JsonFlag = False,
    format: Annotated[
        MatrixFormat | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="text (a table on a terminal, TSV in a pipe, JSON with --json) or svg (the heat "
            "map drawn). Default: svg for -o FILE.svg, else text.",
        ),
    ] = None,
    written: OutputOption = None,
    force: ForceFlag = False,
) -> None:
    """Count items for every pair of two facets: who speaks on what, and where."""
    target = None if written is None else output_path(written)  # before any work is done
    given = None if format is None else format.value
    if given is None and target is not None and target.suffix.lower() != ".svg":
        given = MatrixFormat.text.value  # -o m.json: the table, which goes to stdout (below)
    chosen = format_for(given, target, {".svg": "svg"}, ["svg"], MatrixFormat.text.value)
    if chosen != MatrixFormat.svg.value and target is not None:
        message = _("only --format svg goes to a file; the table goes to stdout (`> FILE`)")
        raise typer.BadParameter(message, param_hint="'-o'")
    if chosen == MatrixFormat.svg.value and as_json:
        raise typer.BadParameter(_("not with an SVG picture (--format svg)"), param_hint="'--json'")
    compiled = options.compiled_for(ctx)
    catalogue = compiled.head
    selection = options.filters(catalogue, theme, expert, region, kind, source)
    result = explore.matrix(catalogue, rows, cols, selection, compiled.item_ids)
    if chosen == MatrixFormat.svg.value:
        from ..render.pictures import heatmap

        picture = heatmap(catalogue, result, selection, lang)
        emit_or_write(ctx, catalogue, target, picture, force, _("the matrix (svg)"))
        return
    env, mode = output.chosen(ctx, as_json)
    output.emit(env, render_explore.matrix(catalogue, result, mode, lang))


@commands.command("related")
def related(
    ctx: typer.Context,
    id: Annotated[
        str,
        typer.Argument(metavar="ID", help="An item id.", autocompletion=options.completer("item")),
    ],
    limit: Annotated[
        int, typer.Option("--limit", metavar="N", min=1, help="How many items at most.")
    ] = 10,
    lang: LangOption = Lang.en,
    as_json: JsonFlag = False,
) -> None:
    """Items by other experts that relate to one: curated links first, then the closest."""
    catalogue = options.catalogue_for(ctx)
    relations = explore.related(catalogue, id, limit)
    env, mode = output.chosen(ctx, as_json)
    names = options.chinese_names(catalogue, lang, mode)
    output.emit(env, render_explore.related(relations, mode, lang, names))


@commands.command("compare")
def compare(
    ctx: typer.Context,
    experts: Annotated[
        list[str],
        typer.Argument(
            metavar="EXPERTS...",
            help="Two or more experts (ids or names).",
            autocompletion=options.completer("expert"),
        ),
    ],
    theme: ThemeFilter = None,
    region: RegionFilter = None,
    source: SourceFilter = None,
    kind: KindOption = Kind.proposal,
    lang: LangOption = Lang.en,
    as_json: JsonFlag = False,
) -> None:
    """Theme by theme, what each expert says: where they converge and where one speaks alone."""
    compiled = options.compiled_for(ctx)
    catalogue = compiled.head
    try:
        ids = explore.experts_compared(catalogue, experts)
    except explore.TooFewExperts as error:
        raise typer.BadParameter(str(error), param_hint="EXPERTS") from None
    selection = options.filters(catalogue, theme, None, region, kind, source)
    comparisons = explore.compare(catalogue, ids, selection, compiled.select)
    env, mode = output.chosen(ctx, as_json)
    output.emit(env, render_explore.compare(catalogue, comparisons, ids, mode, lang))


@commands.command("source")
def source(
    ctx: typer.Context,
    id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="An item or figure id (optional with --full); a source's id shows it all.",
            autocompletion=options.completer("quoted"),
            show_default=False,
        ),
    ] = None,
    context: Annotated[
        int | None,
        typer.Option(
            "--context", metavar="N", min=0, help="Sentences either side of the quote (default 1)."
        ),
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="The whole source, every quote marked, ID's highlighted.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Show an item's quote where it stands in its source, or a whole source with --full."""
    if full and context is not None:
        raise typer.BadParameter(
            _("not with --full, which shows the whole source"), param_hint="'--context'"
        )
    if id is None and not full:
        raise typer.BadParameter(_("give an item or figure id, or --full"), param_hint="ID")
    catalogue = options.compiled_for(ctx).of_source(id)  # the one source it shows, if it can
    env, mode = output.chosen(ctx, as_json)
    whole = None if id is None else explore.source_named(catalogue, id)
    if whole is not None:  # all of that source
        if context is not None:
            raise typer.BadParameter(
                _("not with a source's id, which shows the whole source"),
                param_hint="'--context'",
            )
        full, id = True, None
    elif id is None and len(catalogue.sources) != 1:
        raise typer.BadParameter(explore.which_source(catalogue), param_hint="ID")
    if full:
        text = explore.full_source(catalogue, id, whole.id if whole else None)
        shown = record_by_id(catalogue, text.source, Source)
        output.emit(env, render_explore.full_source(text, shown, catalogue.shown_file(shown), mode))
        return
    assert id is not None  # checked above: without an id, --full
    quote = explore.source_context(catalogue, id, 1 if context is None else context)
    shown = record_by_id(catalogue, quote.source, Source)
    output.emit(env, render_explore.source(quote, catalogue.shown_file(shown), mode))


class GraphFormat(str, Enum):
    dot = "dot"
    mermaid = "mermaid"
    svg = "svg"


# What an -o file's suffix says about the format wanted.
_GRAPH_SUFFIXES = {".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".svg": "svg"}


@commands.command("graph")
def graph(
    ctx: typer.Context,
    format: Annotated[
        GraphFormat | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="dot (Graphviz), mermaid or svg (a picture). "
            "Default: from the -o file's suffix; dot on stdout.",
        ),
    ] = None,
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    source: SourceFilter = None,
    kind: KindOption = Kind.proposal,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            help="en or zh: the language of the node labels. Default: both.",
        ),
    ] = None,
    written: OutputOption = None,
    force: ForceFlag = False,
) -> None:
    """Print the expert–theme–region network, edges weighted by item counts."""
    target = None if written is None else output_path(written)  # before any work is done
    formats = [chosen.value for chosen in GraphFormat]
    given = None if format is None else format.value
    chosen = GraphFormat(format_for(given, target, _GRAPH_SUFFIXES, formats, "dot"))
    compiled = options.compiled_for(ctx)
    catalogue = compiled.head
    selection = options.filters(catalogue, theme, expert, region, kind, source)
    network = explore.graph(catalogue, selection, compiled.select)
    if chosen is GraphFormat.svg:
        from ..render.pictures import network as picture

        drawn = picture(catalogue, network, selection, lang)
    elif chosen is GraphFormat.mermaid:
        drawn = render_explore.graph_mermaid(network, lang)
    else:
        drawn = render_explore.graph_dot(network, lang)
    emit_or_write(
        ctx, catalogue, target, drawn, force, _("the graph ({format})").format(format=chosen.value)
    )
