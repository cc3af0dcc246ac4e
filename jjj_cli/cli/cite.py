"""Citing: `jjj cite`, a reference for items, figures, experts' contributions or sources."""

from enum import Enum
from functools import partial
from typing import Annotated

import typer

from ..explore.citations import citations, selected_citations
from ..language import _
from ..query import Kind, Selection, select_items
from ..render import citations as render_citations
from ..render.output import Lang
from . import options, output
from .options import (
    ExpertFilter,
    KindOption,
    LangOption,
    RegionFilter,
    SourceFilter,
    ThemeFilter,
)

# This family's commands; commands.COMMANDS names each, and the root app builds it from here.
commands = typer.Typer()


class CiteFormat(str, Enum):
    text = "text"
    bibtex = "bibtex"
    ris = "ris"
    csl_json = "csl-json"


@commands.command("cite")
def cite(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...",
            help="Items, figures, experts (their contribution to each source) or sources; "
            "without any, the items the filters select.",
            autocompletion=options.completer("any"),
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        CiteFormat,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="text (for people), bibtex, ris or csl-json (for reference managers).",
        ),
    ] = CiteFormat.text,
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    source: SourceFilter = None,
    kind: KindOption = Kind.proposal,
    lang: LangOption = Lang.en,
) -> None:
    """Cite items, figures, experts or sources: who said it, where, the quote and its lines."""
    filtered = any((theme, expert, region, source)) or options.given(ctx, "kind")
    if ids and filtered:
        message = _("give ids or filters, not both")
        raise typer.BadParameter(message, param_hint="ID")
    if not ids and not filtered:
        message = _("give an id, or filters (--theme, --expert, --region, --source, --kind)")
        raise typer.BadParameter(message, param_hint="ID")
    catalogue = options.catalogue_for(ctx)
    if ids:
        cited = citations(catalogue, ids)
    else:
        selection: Selection = options.filters(catalogue, theme, expert, region, kind, source)
        cited = selected_citations(catalogue, selection)
    env, mode = output.chosen(ctx, False)
    if not cited:
        output.say(ctx, _("No items match these filters."))
    elif format is CiteFormat.text:
        output.emit(env, render_citations.citation_text(cited, lang, mode))
    elif format is CiteFormat.bibtex:
        output.emit(env, render_citations.bibtex(cited, lang))
    elif format is CiteFormat.ris:
        output.emit(env, render_citations.ris(cited, lang))
    else:
        output.emit(env, render_citations.csl_json(cited, lang))
    if not ids:
        options.note_findings_left_out(ctx, selection, partial(select_items, catalogue))
