"""How far two codings of the same items agree: `agree`."""

from pathlib import Path
from typing import Annotated

import typer

from ..catalogue import display_path
from ..explore.agreement import DEFAULT_FACETS, AgreementFacet
from ..language import _, listed, ngettext
from ..query import QueryError
from . import options, output
from .options import JsonFlag

# This family's commands; commands.COMMANDS names each, and the root app builds it from here.
commands = typer.Typer()


class KindMissing(QueryError):
    """--facet kind on a coding sheet some of whose codings give no kind (it is optional in a
    sheet): nothing to compare them on (exit 2)."""


class NothingInCommon(QueryError):
    """The two catalogues share no item (the same id and quote): they are not two codings of
    the same items, and there is nothing to measure (exit 2)."""


@commands.command("agree")
def agree(
    ctx: typer.Context,
    a: Annotated[
        Path,
        typer.Argument(
            metavar="A", help="A catalogue's entry TOML file, or a coding sheet: one coding."
        ),
    ],
    b: Annotated[
        Path | None,
        typer.Argument(
            metavar="B",
            help="Another catalogue or sheet: a second coding. Default: the current catalogue.",
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
    from functools import partial

    from ..cache import load_cached
    from ..catalogue import default_catalogue_path
    from ..catalogue.sheet import Sheet, read_coding
    from ..explore.agreement import agreement, without_kind
    from ..render.agreement import report

    # a file named to measure, not to ask again, is not compiled into the cache (as diff's);
    # neither is a sheet's codebook
    load = partial(load_cached, compile=False)
    first = read_coding(a, load)
    second = options.catalogue_for(ctx) if b is None else read_coding(b, load)
    b = b or options.catalogue_path(ctx) or default_catalogue_path()
    shown_a, shown_b = display_path(a), display_path(b)
    for coding, shown in ((first, shown_a), (second, shown_b)):
        if isinstance(coding, Sheet) and coding.uncoded:
            output.say(ctx, _not_coded_yet(shown, coding.uncoded))
    if facet is AgreementFacet.kind:  # optional in a sheet, needed here
        for coding, shown in ((first, shown_a), (second, shown_b)):
            missing = without_kind(coding)
            if missing:
                raise KindMissing(_kind_missing(shown, missing))
    result = agreement(first, second, DEFAULT_FACETS if facet is None else (facet,))
    if not result.compared:
        message = _(
            "{a} and {b} have no item in common (the same id and quote): nothing to compare"
        )
        raise NothingInCommon(message.format(a=shown_a, b=shown_b))
    env, mode = output.chosen(ctx, as_json)
    output.emit(env, report(result, shown_a, shown_b, mode))


def _not_coded_yet(shown: str, ids: tuple[str, ...]) -> str:
    """That the sheet `shown` has codings not made yet (neither themes nor regions), left out."""
    message = ngettext(
        "{file}: {count} coding is not coded yet (no themes, no regions) and is left out",
        "{file}: {count} codings are not coded yet (no themes, no regions) and are left out",
        len(ids),
    )
    return message.format(file=shown, count=len(ids))


def _kind_missing(shown: str, ids: tuple[str, ...]) -> str:
    """That --facet kind needs a kind on every coding of the sheet `shown`, and which have none
    (the first few)."""
    named = listed([*ids[:3], "…"] if len(ids) > 3 else ids)
    message = ngettext(
        "{file}: {count} coding gives no kind ({ids}); --facet kind needs one on every coding",
        "{file}: {count} codings give no kind ({ids}); --facet kind needs one on every coding",
        len(ids),
    )
    return message.format(file=shown, count=len(ids), ids=named)
