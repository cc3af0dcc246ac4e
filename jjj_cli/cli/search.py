"""Searching: `jjj search`, in a module of its own, so that a search imports the matcher and
its renderer and nothing else of the exploring commands (commands.COMMANDS).
"""

from functools import partial
from typing import Annotated

import typer

from ..explore.fulltext import query_terms
from ..language import _
from ..query import Kind
from ..render import search as render_search
from ..render.output import Lang, Mode
from ..render.plain import visible
from . import options, output
from .options import (
    ExpertFilter,
    FieldsOption,
    JsonFlag,
    KindOption,
    LangOption,
    RegionFilter,
    SourceFilter,
    ThemeFilter,
)

# This family's one command; commands.COMMANDS names it, and the root app builds it from here.
commands = typer.Typer()


@commands.command("search")
def search(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY...",
            help='Chinese or English words or "quoted phrases"; every one must match.',
        ),
    ],
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    source: SourceFilter = None,
    kind: KindOption = Kind.proposal,
    lang: LangOption = Lang.en,
    fields: FieldsOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Search titles, summaries, quotes and names in Chinese and English."""
    chosen = options.field_names(fields, hits=True)
    query = " ".join(words)  # `jjj search free trade port` as `jjj search "free trade port"`
    if not query_terms(query):
        raise typer.BadParameter(
            _("give a word or a Chinese string to search for"), param_hint="QUERY"
        )
    compiled = options.compiled_for(ctx)
    selection = options.filters(compiled.head, theme, expert, region, kind, source)
    hits = compiled.search(query, selection)
    env, mode = output.chosen(ctx, as_json)
    if not hits and mode is Mode.TABLE:
        output.say(ctx, _("No items match {query}.").format(query=repr(visible(query))))
    elif mode is Mode.JSON or chosen:  # the items' records
        output.emit(env, render_search.search_records(compiled.hits(hits), mode, chosen))
    else:  # in a pipe, the header alone when nothing matched
        output.emit(env, render_search.search(hits, mode, lang))
    options.note_findings_left_out(ctx, selection, partial(compiled.search_count, query))
