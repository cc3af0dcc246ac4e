"""The catalogue as a static web site: `site`."""

from pathlib import Path
from typing import Annotated

import typer

from ..files import atomic_directory
from ..language import ngettext
from ..query import Kind, select_items
from ..render.plain import visible
from . import options, output
from .options import ExpertFilter, RegionFilter, SourceFilter, ThemeFilter

# This family's commands; commands.COMMANDS names each, and the root app builds it from here.
commands = typer.Typer()


@commands.command("site")
def site(
    ctx: typer.Context,
    directory: Annotated[
        str,
        typer.Option(
            "-o", "--output", metavar="DIR", help="Write the site into DIR (new or empty)."
        ),
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Replace DIR if an earlier `jjj site` wrote it.")
    ] = False,
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    source: SourceFilter = None,
    kind: Annotated[
        Kind,
        typer.Option("--kind", metavar="KIND", help="proposal, finding or all (the default)."),
    ] = Kind.all,
) -> None:
    """Write a static web site of the catalogue into DIR: no server or network needed."""
    from ..render.site.build import is_site, write_site

    catalogue = options.catalogue_for(ctx)
    selection = options.filters(catalogue, theme, expert, region, kind, source)
    items = select_items(catalogue, selection)
    target = Path(directory)
    with atomic_directory(target, force=force, replaceable=is_site) as temporary:
        pages = write_site(catalogue, selection, items, temporary)
    message = ngettext(
        "Wrote a site of {count} item ({pages} pages) to {directory}.",
        "Wrote a site of {count} items ({pages} pages) to {directory}.",
        len(items),
    )
    output.say(ctx, message.format(count=len(items), pages=pages, directory=visible(str(target))))
