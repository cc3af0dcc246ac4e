"""Output to a file, `-o FILE`, as every command that takes it has it: the option and --force,
the format a file's name says, and the catalogue's own files, which are never replaced.

The writing itself is files.atomic_writer's: never half a file, never an unasked overwrite.
"""

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated

import typer

from ..catalogue import Catalogue
from ..files import atomic_write
from ..language import _, listed
from ..render.plain import visible
from .output import emit, environment, say

OutputOption = Annotated[
    # a string, not a Path, which would drop the final / of a directory's name (`-o out/`)
    str | None,
    typer.Option("-o", "--output", metavar="FILE", help="Write FILE instead of stdout."),
]
ForceFlag = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]


def format_for(
    given: str | None,
    output: Path | None,
    suffixes: Mapping[str, str],
    formats: Sequence[str],
    default: str,
) -> str:
    """--format (`given`), or what -o's suffix says; the two must agree where both speak. A
    suffix jjj does not know is fine with --format, and an error without (no CSV in
    `notes.txt`). Without -o: `given`, else `default`."""
    if output is None:
        return given or default
    suffix = output.suffix.lower()
    said = suffixes.get(suffix)
    name = visible(output.name)
    if given is None and said is None:
        known = listed(list(suffixes))
        message = _(
            "cannot tell the format from the name '{name}'; name the file with one of "
            "{known}, or add --format ({formats})"
        ).format(name=name, known=known, formats=listed(formats))
        raise typer.BadParameter(message, param_hint="'-o'")
    if given is not None and said is not None and said != given:
        message = _("{given} contradicts -o {name} (a {suffix} file is {said}); change one of them")
        message = message.format(given=given, name=name, suffix=suffix, said=said)
        raise typer.BadParameter(message, param_hint="'--format'")
    return given or str(said)


def refuse_catalogue_files(catalogue: Catalogue, output: Path) -> None:
    """Even with --force, -o never replaces a file of the catalogue or a source's text."""
    for own in (catalogue.path, *catalogue.files, *(source.path for source in catalogue.sources)):
        same = output.exists() and own.exists() and output.samefile(own)
        if same or output.resolve() == own.resolve():
            message = _("{file} is the catalogue's own file").format(file=visible(str(output)))
            raise typer.BadParameter(message, param_hint="'-o'")


def emit_or_write(
    ctx: typer.Context,
    catalogue: Catalogue,
    target: Path | None,
    content: str,
    force: bool,
    what: str,
) -> None:
    """Text on stdout as it is or, with -o, into `target` as stdout would have had it (a line
    end after it), whole or not at all, then a note on stderr saying `what` went where."""
    if target is None:
        emit(environment(ctx), content)
        return
    refuse_catalogue_files(catalogue, target)
    atomic_write(target, content + "\n", force=force)
    say(ctx, _("Wrote {what} to {file}.").format(what=what, file=visible(str(target))))
