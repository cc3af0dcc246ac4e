"""Browsing the catalogue: list, show, the codebooks, figures, and checking a catalogue."""

from pathlib import Path
from typing import Annotated

import typer

from .. import language
from ..catalogue import CatalogueError, Coding, display_path, verify_quotes
from ..language import _
from ..query import (
    ExpertView,
    Facet,
    Kind,
    RegionView,
    Selection,
    ThemeView,
    only,
    resolve,
)
from ..render import browse as render_browse
from ..render.output import Lang, Mode
from ..render.stream import json_array
from . import options, output
from .commands import COMMANDS
from .options import (
    ExpertFilter,
    FieldsOption,
    JsonFlag,
    KindOption,
    LangOption,
    RegionFilter,
    RulesFlag,
    SourceFilter,
    ThemeFilter,
)

# This family's commands; commands.COMMANDS names each, and the root app builds it from here.
commands = typer.Typer()


@commands.command("list")
def list_items(
    ctx: typer.Context,
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    source: SourceFilter = None,
    kind: KindOption = Kind.proposal,
    lang: LangOption = Lang.en,
    fields: FieldsOption = None,
    as_json: JsonFlag = False,
) -> None:
    """List items in source order; filters of one kind mean any of them, different kinds all."""
    chosen = options.field_names(fields)
    compiled = options.compiled_for(ctx)
    selection = options.filters(compiled.head, theme, expert, region, kind, source)
    env, mode = output.chosen(ctx, as_json)
    if mode is Mode.JSON and not chosen:  # each item's JSON as the catalogue was compiled
        output.emit(env, json_array(compiled.listed(selection)))
    elif mode is Mode.TABLE and not compiled.count(selection):
        output.say(ctx, _("No items match these filters."))
    else:
        items = compiled.select(selection)
        names = options.chinese_names(compiled.head, lang, mode)
        output.emit(env, render_browse.item_list(items, mode, lang, chosen, names))
    options.note_findings_left_out(ctx, selection, compiled.count)


@commands.command("show")
def show(
    ctx: typer.Context,
    id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="An id, or the name of an expert, theme or region.",
            autocompletion=options.completer("any"),
        ),
    ],
    kind: KindOption = Kind.proposal,
    lang: LangOption = Lang.en,
    as_json: JsonFlag = False,
) -> None:
    """Show one source, expert, item, theme, region or figure in full (--kind: which items)."""
    compiled = options.compiled_for(ctx)
    view = compiled.describe(id, kind)
    env, mode = output.chosen(ctx, as_json)
    names = options.chinese_names(compiled.head, lang, mode)
    output.emit(env, render_browse.show(view, mode, lang, names))
    _point_at_rules(ctx, compiled.head.coding, view, mode)
    if isinstance(view, ExpertView):
        listing = (Facet.expert, view.expert.id)
    elif isinstance(view, ThemeView):
        listing = (Facet.theme, view.theme.id)
    elif isinstance(view, RegionView):
        listing = (Facet.region, view.region.id)
    else:
        return
    facet, listed = listing  # the record's items, of the kind the note counts

    def count(selection: Selection) -> int:
        return compiled.count(only(facet, listed, selection.kind))

    options.note_findings_left_out(ctx, Selection(kind=kind), count)


def _point_at_rules(ctx: typer.Context, coding: Coding, view: object, mode: Mode) -> None:
    """Under a theme or a region on a terminal, where the rules that are no one theme's or
    region's are read, when the catalogue has some."""
    if mode is not Mode.TABLE:
        return
    if isinstance(view, ThemeView) and coding.themes:
        output.say(ctx, _("The rules for every theme: jjj themes --rules"))
    elif isinstance(view, RegionView) and coding.regions:
        output.say(ctx, _("When a place is tagged: jjj regions --rules"))


def _codebook_command(facet: Facet, name: str) -> None:
    """Register `jjj <name>`: the values of a facet with their counts, within the filters."""

    def command(
        ctx: typer.Context,
        theme: ThemeFilter = None,
        expert: ExpertFilter = None,
        region: RegionFilter = None,
        source: SourceFilter = None,
        kind: KindOption = Kind.proposal,
        lang: LangOption = Lang.en,
        as_json: JsonFlag = False,
    ) -> None:
        _codebook(ctx, facet, theme, expert, region, source, kind, lang, as_json)

    command.__doc__ = COMMANDS[name].summary
    commands.command(name)(command)


def _coded_codebook_command(facet: Facet, name: str) -> None:
    """Register `jjj <name>` for a facet with coding rules: the codebook, or with --rules the
    rules that say when its tags are given."""

    def command(
        ctx: typer.Context,
        theme: ThemeFilter = None,
        expert: ExpertFilter = None,
        region: RegionFilter = None,
        source: SourceFilter = None,
        kind: KindOption = Kind.proposal,
        lang: LangOption = Lang.en,
        as_json: JsonFlag = False,
        rules: RulesFlag = False,
    ) -> None:
        if not rules:
            _codebook(ctx, facet, theme, expert, region, source, kind, lang, as_json)
            return
        for option in ("theme", "expert", "region", "source", "kind"):
            if options.given(ctx, option):
                message = _("--rules shows the codebook's rules, which no filter narrows")
                raise typer.BadParameter(message, param_hint=f"'--{option}'")
        from ..render import rules as render_rules

        head = options.compiled_for(ctx).head
        env, mode = output.chosen(ctx, as_json)
        if facet is Facet.theme:
            output.emit(env, render_rules.theme_rules(head.themes, head.coding, mode, lang))
        else:
            output.emit(env, render_rules.region_rules(head.coding.regions, mode, lang))

    command.__doc__ = COMMANDS[name].summary
    commands.command(name)(command)


def _codebook(
    ctx: typer.Context,
    facet: Facet,
    theme: list[str] | None,
    expert: list[str] | None,
    region: list[str] | None,
    source: list[str] | None,
    kind: Kind,
    lang: Lang,
    as_json: bool,
) -> None:
    compiled = options.compiled_for(ctx)
    selection = options.filters(compiled.head, theme, expert, region, kind, source)
    entries = compiled.codebook(facet, selection)
    env, mode = output.chosen(ctx, as_json)
    output.emit(env, render_browse.codebook(facet, entries, mode, lang))


_codebook_command(Facet.expert, "experts")
_coded_codebook_command(Facet.theme, "themes")
_coded_codebook_command(Facet.region, "regions")
_codebook_command(Facet.source, "sources")


@commands.command("figures")
def figures(
    ctx: typer.Context,
    expert: ExpertFilter = None,
    source: SourceFilter = None,
    lang: LangOption = Lang.en,
    as_json: JsonFlag = False,
) -> None:
    """List the figures the experts cited."""
    compiled = options.compiled_for(ctx)
    experts = resolve(compiled.head, Facet.expert, expert or ())
    selected = compiled.figures(experts, resolve(compiled.head, Facet.source, source or ()))
    env, mode = output.chosen(ctx, as_json)
    if not selected and mode is Mode.TABLE:
        output.say(ctx, _("No figures match these filters."))
        return
    names = options.chinese_names(compiled.head, lang, mode)
    output.emit(env, render_browse.figure_list(selected, mode, lang, names))


@commands.command("verify")
def verify(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Check that every quote appears in its source's text; exit 1 if any does not."""
    catalogue = options.catalogue_unchecked_quotes(ctx)
    checks = verify_quotes(catalogue)
    env, mode = output.chosen(ctx, as_json)
    files = {source.id: catalogue.shown_file(source) for source in catalogue.sources}
    report = render_browse.verification(files, checks, mode)
    output.emit_verdict(env, report, passed=all(check.found for check in checks))


@commands.command("validate")
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(metavar="PATH", help="Catalogue file. Default: the one jjj would use."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Check a catalogue and report every problem with its line; exit 1 if there are any."""
    from ..catalogue import load_catalogue
    from ..render import problems as render_problems

    env, mode = output.chosen(ctx, as_json)
    # JSON is the same in every language, its values too: the problems are said in English
    spoken = language.current()
    if mode is Mode.JSON:
        language.use("en")
    try:
        catalogue = load_catalogue(path or options.catalogue_path(ctx))
    except CatalogueError as error:
        report, passed = render_problems.report(error.problems, mode, error.entry), False
    else:
        report, passed = render_problems.valid(catalogue, display_path(catalogue.path), mode), True
    finally:
        if spoken != language.current():
            language.use(spoken)
    output.emit_verdict(env, report, passed)
