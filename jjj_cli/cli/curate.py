"""The curator's commands: changing the catalogue's files, each change checked before it is
written (curate/edit.py)."""

from enum import Enum
from typing import Annotated, Any

import typer

from ..render.output import Lang
from . import options, output
from .commands import COMMANDS
from .options import JsonFlag

# This family's commands; commands.COMMANDS names each, and the root app builds it from here.
commands = typer.Typer()

add = typer.Typer(help=COMMANDS["add"].summary, no_args_is_help=True)
commands.add_typer(add, name="add")


class ItemKind(str, Enum):
    proposal = "proposal"
    finding = "finding"


def _text(flag: str, what: str) -> Any:
    return typer.Option(flag, metavar="TEXT", help=f"{what}; asked for on a terminal if not given.")


@add.command("item")
def add_item(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Option(
            "--source",
            metavar="SOURCE",
            help="The source's id.",
            autocompletion=options.completer("source"),
        ),
    ],
    expert: Annotated[
        str,
        typer.Option(
            "--expert",
            metavar="EXPERT",
            help="Id or name of who said it.",
            autocompletion=options.completer("expert"),
        ),
    ],
    quote: Annotated[
        str,
        typer.Option(
            "--quote",
            metavar="TEXT",
            help="Their words as in the source; line breaks and spaces there do not matter.",
        ),
    ],
    kind: Annotated[
        ItemKind,
        typer.Option("--kind", metavar="KIND", help="proposal or finding."),
    ],
    theme: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            metavar="THEME",
            help="Id, name or alias; repeat for more.",
            autocompletion=options.completer("theme"),
        ),
    ] = None,
    region: Annotated[
        list[str] | None,
        typer.Option(
            "--region",
            metavar="REGION",
            help="Id, name, alias or GB code; repeat for more.",
            autocompletion=options.completer("region"),
        ),
    ] = None,
    title: Annotated[str | None, _text("--title", "English title")] = None,
    title_zh: Annotated[str | None, _text("--title-zh", "Chinese title")] = None,
    summary: Annotated[str | None, _text("--summary", "English summary")] = None,
    summary_zh: Annotated[str | None, _text("--summary-zh", "Chinese summary")] = None,
    id: Annotated[
        str | None,
        typer.Option("--id", metavar="ID", help="Its id. Default: one made from the title."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add an item: its quote found in its source, written in source order, seq and id set."""
    from ..catalogue import Item
    from ..curate import items
    from ..curate.edit import Edit
    from ..query import describe
    from ..render import browse as render_browse

    catalogue = options.catalogue_for(ctx)
    named = items.named(catalogue, source, expert, theme or (), region or ())
    placement = items.place(catalogue, named.source, quote)
    if id is not None:
        items.check_id(catalogue, id)
    given = {"title": title, "title_zh": title_zh, "summary": summary, "summary_zh": summary_zh}
    texts = _asked(ctx, given)
    id = id or items.propose_id(catalogue, named.expert.id, texts["title"])
    item = Item(
        id=id,
        kind=kind.value,
        expert=named.expert.id,
        seq=placement.seq,
        title=texts["title"],
        title_zh=texts["title_zh"],
        summary=texts["summary"],
        summary_zh=texts["summary_zh"],
        themes=named.themes,
        regions=named.regions,
        quote=items.as_written(quote),
        related=(),
        source=named.source.id,
        note=None,
    )
    catalogue, holder = items.add(Edit(catalogue.path), catalogue, item, placement)
    output.say(ctx, items.added(item, placement, holder))
    env, mode = output.chosen(ctx, as_json)
    output.emit(env, render_browse.show(describe(catalogue, id), mode, Lang.en))


def _asked(ctx: typer.Context, given: dict[str, str | None]) -> dict[str, str]:
    """The texts given, and those not given asked for at a terminal; in a pipe, or where one
    is given empty, a usage error naming them."""
    from ..curate.edit import NOTHING_WRITTEN
    from ..curate.items import ItemRefused

    def flags(names: list[str]) -> str:
        return ", ".join(f"--{name.replace('_', '-')}" for name in names)

    blank = [name for name, value in given.items() if value is not None and not value.strip()]
    if blank:
        raise ItemRefused(f"{flags(blank)} cannot be empty; {NOTHING_WRITTEN}")
    missing = [name for name, value in given.items() if value is None]
    env = output.environment(ctx)
    if missing and not (env.stdin_isatty and env.stderr_isatty):
        raise ItemRefused(
            f"missing {flags(missing)}: every item has them, and only a terminal is asked for "
            f"them; {NOTHING_WRITTEN}"
        )
    texts = {name: value for name, value in given.items() if value is not None}
    for name in missing:
        texts[name] = _prompt(_LABELS[name])
    return texts


# What a terminal is asked for each text not given.
_LABELS = {
    "title": "Title (English)",
    "title_zh": "Title (Chinese)",
    "summary": "Summary (English)",
    "summary_zh": "Summary (Chinese)",
}


def _prompt(label: str) -> str:
    while True:
        answer: str = typer.prompt(label, err=True)
        if answer.strip():
            return answer
