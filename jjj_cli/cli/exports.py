"""The catalogue for other tools: `export` (CSV, JSON, SQLite, Excel …) and `schema`, the JSON
Schema of a catalogue file for editors."""

from collections.abc import Iterator
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..files import atomic_directory, atomic_target, atomic_writer, output_path
from ..language import _, listed, ngettext
from ..query import Kind, Selection
from ..render.export import FORMATS, ExportFormat
from ..render.output import to_json
from ..render.plain import controls_escaped, visible
from . import options, output
from .environment import Environment
from .options import (
    ExpertFilter,
    FieldsOption,
    KindOption,
    RegionFilter,
    SourceFilter,
    ThemeFilter,
)
from .written import ForceFlag, OutputOption, format_for, refuse_catalogue_files

if TYPE_CHECKING:
    from ..catalogue import Item
    from ..render.export import FileWriter
    from ..render.stream import Chunks, Counted
    from ..store.compiled import Compiled
    from ..store.loaded import Loaded

# This family's commands; commands.COMMANDS names each, and the root app builds it from here.
commands = typer.Typer()


@commands.command("export")
def export(
    ctx: typer.Context,
    format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            metavar="FORMAT",  # the choices are named in the help: a terminal cuts the list
            help=f"{', '.join(FORMATS[:-1])} or {FORMATS[-1]}. "
            "Default: from the -o file's suffix; csv on stdout.",
        ),
    ] = None,
    written: OutputOption = None,
    force: ForceFlag = False,
    excel: Annotated[
        bool,
        typer.Option("--excel", help="CSV/TSV for Excel: a byte-order mark; formulas defused."),
    ] = False,
    fields: FieldsOption = None,
    described: Annotated[
        str | None,
        typer.Option(
            "--metadata",
            metavar="FILE",
            help="With sqlite: also write Datasette's metadata.json to FILE.",
        ),
    ] = None,
    theme: ThemeFilter = None,
    expert: ExpertFilter = None,
    region: RegionFilter = None,
    source: SourceFilter = None,
    kind: KindOption = Kind.proposal,
) -> None:
    """Export items: CSV, TSV, JSON(L), Markdown, SQLite, Excel, a data package, a coding sheet."""
    directory = format is ExportFormat.datapackage  # -o names a directory
    # before any work is done
    target = None if written is None else Path(written) if directory else output_path(written)
    chosen = _export_format(format, target, fields, excel)
    metadata = _metadata_path(described, chosen, target)
    if chosen == "xlsx":
        from ..render.xlsx import require_openpyxl

        require_openpyxl()  # before the catalogue is read: without it the run cannot succeed
    compiled = options.compiled_for(ctx)
    for written_path in (target, metadata):
        if written_path is not None:
            refuse_catalogue_files(compiled.head, written_path)
    selection = options.filters(compiled.head, theme, expert, region, kind, source)
    names = options.field_names(fields)
    codebook = _codebook(compiled.head.path, target) if chosen == "sheet" else ""
    if target is None:
        data = _rendered(compiled, selection, chosen, names, excel, codebook)[1]  # `_`: gettext
        # a binary export (SQLite, Excel) never comes here: _export_format sends it to a file
        assert isinstance(data, Iterator), "a binary export goes to a file"
        _write_stdout(output.environment(ctx), data)
    else:
        count = _write_file(
            compiled, selection, chosen, names, excel, target, force, metadata, codebook
        )
        message = ngettext(
            "Wrote {count} item ({format}) to {file}.",
            "Wrote {count} items ({format}) to {file}.",
            count,
        )
        output.say(ctx, message.format(count=count, format=chosen, file=visible(str(target))))
        if metadata is not None:
            written_to = _("Wrote Datasette's metadata to {file}.")
            output.say(ctx, written_to.format(file=visible(str(metadata))))
    options.note_findings_left_out(ctx, selection, compiled.count)


def _rendered(
    compiled: "Compiled | Loaded",
    selection: Selection,
    format: str,
    fields: list[str],
    excel: bool,
    codebook: str = "",
) -> tuple["Counted[Item]", "Chunks | FileWriter"]:
    """The export of the items selected, made as they are read from the compiled catalogue
    (each pass selects them afresh), and the items, which count themselves as they are read."""
    from ..render.export import export as render_export
    from ..render.stream import Counted

    items = Counted(partial(compiled.select, selection))
    figures = compiled.figures(selection.experts, selection.sources)
    data = render_export(
        compiled.head, items, figures, format, fields, excel, compiled.item, codebook
    )
    return items, data


def _write_file(
    compiled: "Compiled | Loaded",
    selection: Selection,
    format: str,
    fields: list[str],
    excel: bool,
    target: Path,
    force: bool,
    metadata: Path | None = None,
    codebook: str = "",
) -> int:
    """Write the export into `target` as it is made, never half of it; how many items it has.
    With `metadata`, an SQLite export's Datasette metadata too: both files or neither.
    `codebook`: a coding sheet's path to the catalogue."""
    if format == "sqlite":  # copied by SQL from the compiled catalogue, database to database
        with ExitStack() as files:
            # the metadata's file first: one that is there without --force stops the run early
            metadata_file = (
                None
                if metadata is None
                else files.enter_context(atomic_writer(metadata, force=force))
            )
            with atomic_target(target, force=force) as temporary:
                compiled.export_sqlite(temporary, selection)
                if metadata_file is not None:
                    from ..store import datasette_metadata

                    name = datasette_metadata.database_name(target)
                    written = datasette_metadata.metadata(compiled.head, name)
                    metadata_file.write((to_json(written) + "\n").encode("utf-8"))
        return compiled.count(selection)
    if format == "datapackage":
        return _write_package(compiled, selection, target, force)
    items, data = _rendered(compiled, selection, format, fields, excel, codebook)
    with atomic_writer(target, force=force) as file:
        if isinstance(data, Iterator):
            for chunk in data:
                file.write(chunk.encode("utf-8"))
        else:
            data(file)
    return items.count


def _write_package(
    compiled: "Compiled | Loaded", selection: Selection, target: Path, force: bool
) -> int:
    """Write the data package into the directory `target`, made beside it and put in its
    place whole; replaced only with --force and when it holds an earlier one; how many items
    it has."""
    from ..render.stream import Counted
    from ..store.datapackage import is_data_package, write_package

    items = Counted(partial(compiled.select, selection))  # read afresh for each table
    figures = compiled.figures(selection.experts, selection.sources)
    with atomic_directory(target, force=force, replaceable=is_data_package) as temporary:
        write_package(compiled.head, items, figures, temporary)
    return items.count


def _export_format(
    format: ExportFormat | None, output: Path | None, fields: str | None, excel: bool
) -> str:
    """The format asked for (or said by -o's suffix), checked against the other options."""
    from ..render.export import (
        DIRECTORY_FORMATS,
        EXCEL_FORMATS,
        FIELD_FORMATS,
        FILE_FORMATS,
        SUFFIXES,
    )

    # --format, or what -o's suffix says
    chosen = format_for(format.value if format else None, output, SUFFIXES, FORMATS, "csv")
    if chosen in FILE_FORMATS and output is None:
        if chosen == "sqlite":
            message = _("an SQLite database goes to a file: add -o FILE")
        else:
            message = _("an Excel workbook goes to a file: add -o FILE")
        raise typer.BadParameter(message, param_hint="'--format'")
    if chosen in DIRECTORY_FORMATS and output is None:
        message = _("a data package goes to a directory: add -o DIR")
        raise typer.BadParameter(message, param_hint="'--format'")
    if fields is not None and chosen not in FIELD_FORMATS:
        message = _("not for {format}, only for {formats}").format(
            format=chosen, formats=listed(FIELD_FORMATS)
        )
        raise typer.BadParameter(message, param_hint="'--fields'")
    if excel and chosen not in EXCEL_FORMATS:
        message = _("not for {format}, only for {formats}").format(
            format=chosen, formats=listed(EXCEL_FORMATS)
        )
        raise typer.BadParameter(message, param_hint="'--excel'")
    return chosen


def _codebook(catalogue: Path, target: Path | None) -> str:
    """The catalogue's entry file as a coding sheet written to `target` names it: relative to
    the sheet's folder (to the working directory on stdout), with / between names; absolute
    only where no relative path leads there (another drive)."""
    import os

    folder = Path.cwd() if target is None else target.absolute().parent
    try:
        return Path(os.path.relpath(catalogue.resolve(), folder.resolve())).as_posix()
    except ValueError:
        return catalogue.resolve().as_posix()


def _metadata_path(described: str | None, format: str, target: Path | None) -> Path | None:
    """The file --metadata names, for an SQLite export only, and not the export's own."""
    if described is None:
        return None
    if format != "sqlite":
        message = _("not for {format}, only for {formats}").format(format=format, formats="sqlite")
        raise typer.BadParameter(message, param_hint="'--metadata'")
    path = output_path(described)
    if target is not None and path.resolve() == target.resolve():
        message = _("names the -o file: give another")
        raise typer.BadParameter(message, param_hint="'--metadata'")
    return path


def _write_stdout(env: Environment, chunks: Iterator[str]) -> None:
    """The export as UTF-8 whatever the locale, with control characters escaped on a terminal,
    written as it is made."""
    texts = map(controls_escaped, chunks) if env.stdout_isatty else chunks
    binary = getattr(env.stdout, "buffer", None)
    if binary is None:  # a stream of text alone (a test's StringIO): no encoding to choose
        for text in texts:
            env.stdout.write(text)
        return
    env.stdout.flush()
    for text in texts:
        binary.write(text.encode("utf-8"))


@commands.command("schema")
def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of a catalogue file, for editors (schema/catalogue.schema.json)."""
    from ..catalogue.json_schema import json_schema

    output.emit(output.environment(ctx), to_json(json_schema()))
