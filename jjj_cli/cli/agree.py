"""How far two codings of the same items agree: `agree`."""

from pathlib import Path
from typing import Annotated

import typer

from ..catalogue import display_path
from ..explore.agreement import DEFAULT_FACETS, AgreementFacet
from ..language import _
from ..query import QueryError
from . import options, output
from .options import JsonFlag

# This family's commands; commands.COMMANDS names each, and the root app builds it from here.
commands = typer.Typer()


class NothingInCommon(QueryError):
    """The two catalogues share no item (the same id and quote): they are not two codings of
    the same items, and there is nothing to measure (exit 2)."""


@commands.command("agree")
def agree(
    ctx: typer.Context,
    a: Annotated[
        Path, typer.Argument(metavar="A", help="A catalogue's entry TOML file: one coding.")
    ],
    b: Annotated[
        Path | None,
        typer.Argument(
            metavar="B",
            help="Another catalogue's: a second coding of them. Default: the current catalogue.",
        ),
    ] = None,
    facet: Annotated[
        AgreementFacet | None,
        typer.Option(
            "--facet", metavar="FACET", help="theme, region or kind. Default: theme and region."
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Agreement of two codings of the same items: percent, Cohen's kappa, Krippendorff's alpha."""
    from ..cache import load_cached
    from ..catalogue import default_catalogue_path
    from ..explore.agreement import agreement
    from ..render.agreement import report

    # a file named to measure, not to ask again, is not compiled into the cache (as diff's)
    first = load_cached(a, compile=False)
    if b is None:
        second = options.catalogue_for(ctx)
        b = options.catalogue_path(ctx) or default_catalogue_path()
    else:
        second = load_cached(b, compile=False)
    result = agreement(first, second, DEFAULT_FACETS if facet is None else (facet,))
    shown_a, shown_b = display_path(a), display_path(b)
    if not result.compared:
        message = _(
            "{a} and {b} have no item in common (the same id and quote): nothing to compare"
        )
        raise NothingInCommon(message.format(a=shown_a, b=shown_b))
    env, mode = output.chosen(ctx, as_json)
    output.emit(env, report(result, shown_a, shown_b, mode))
