"""The root app and its table of commands: which module defines each, and its one-line summary.

A run imports only the module of the command it runs, and builds only that command; `jjj --help`
lists every command from the summaries here, importing none (pip's commands/__init__.py does
the same). tests/test_commands.py checks the table against the modules.
"""

import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import redirect_stderr, redirect_stdout
from copy import copy
from importlib import import_module
from typing import Any, NamedTuple

import typer
from typer.core import TyperCommand, TyperGroup

from ..language import _
from . import process, translate
from .environment import Environment
from .options import CatalogueOption, RootLangOption, VersionFlag


class Entry(NamedTuple):
    module: str  # beside this one; it defines the command in its `commands` app
    summary: str  # the first line of the command's help, for `jjj --help`


# Each command, in the order `jjj --help` lists them.
COMMANDS = {
    "list": Entry(
        "browse",
        "List items in source order; filters of one kind mean any of them, different kinds all.",
    ),
    "show": Entry(
        "browse",
        "Show one source, expert, item, theme, region or figure in full (--kind: which items).",
    ),
    "experts": Entry(
        "browse", "List the experts with how many items each made, within any filters."
    ),
    "themes": Entry(
        "browse", "List the themes, their aliases and how many items carry each, filtered."
    ),
    "regions": Entry(
        "browse", "List the regions and how many items concern each (places within too)."
    ),
    "sources": Entry(
        "browse", "List the sources with how many items each holds, within any filters."
    ),
    "figures": Entry("browse", "List the figures the experts cited."),
    "verify": Entry(
        "browse", "Check that every quote appears in its source's text; exit 1 if any does not."
    ),
    "validate": Entry(
        "browse",
        "Check a catalogue and report every problem with its line; exit 1 if there are any.",
    ),
    "matrix": Entry(
        "explore", "Count items for every pair of two facets: who speaks on what, and where."
    ),
    "related": Entry(
        "explore",
        "Items by other experts that relate to one: curated links first, then the closest.",
    ),
    "compare": Entry(
        "explore",
        "Theme by theme, what each expert says: where they converge and where one speaks alone.",
    ),
    "search": Entry("search", "Search titles, summaries, quotes and names in Chinese and English."),
    "source": Entry(
        "explore",
        "Show an item's quote where it stands in its source, or a whole source with --full.",
    ),
    "cite": Entry(
        "cite",
        "Cite items, figures, experts or sources: who said it, where, the quote and its lines.",
    ),
    "graph": Entry(
        "explore", "Print the expert–theme–region network, edges weighted by item counts."
    ),
    "export": Entry(
        "exports",
        "Export items: CSV, TSV, JSON(L), Markdown, SQLite, Excel, a data package, a coding sheet.",
    ),
    "site": Entry(
        "site", "Write a static web site of the catalogue into DIR: no server or network needed."
    ),
    "schema": Entry(
        "exports",
        "Print the JSON Schema of a catalogue file, for editors (schema/catalogue.schema.json).",
    ),
    "init": Entry(
        "curate",
        "Start a catalogue in DIR: the shipped codebooks, or all of it with --from-shipped.",
    ),
    "add": Entry(
        "curate", "Add a record to the catalogue; nothing is written unless the result validates."
    ),
    "diff": Entry(
        "curate",
        "Show what changed between two catalogues: records added, removed, changed field by field.",
    ),
    "agree": Entry(
        "agree",
        "Agreement of two codings of the same items: percent, Cohen's kappa, Krippendorff's alpha.",
    ),
    "coverage": Entry(
        "curate",
        "Each sentence of a source marked with what accounts for it, uncovered if nothing does.",
    ),
    "fmt": Entry(
        "curate",
        "Put the catalogue's files in one canonical layout; --check lists what would change.",
    ),
}


def build(name: str) -> Any:
    """The command `name` as Typer builds it, from an app of that command alone (or of that
    group of commands, such as `add`, alone)."""
    family = import_module(f".{COMMANDS[name].module}", __package__).commands
    single = typer.Typer(add_completion=False)
    groups = [info for info in family.registered_groups if info.name == name]
    if groups:
        single.registered_groups.extend(groups)
        root = typer.main.get_command(single)
        assert isinstance(root, TyperGroup)  # an app of a group is a group of that group
        return root.commands[name]
    (info,) = [info for info in family.registered_commands if info.name == name]
    single.registered_commands.append(info)
    return typer.main.get_command(single)


class _Commands(Mapping[str, Any]):
    """Every command by name, in the order of COMMANDS, each built when first looked up.

    Building them all (three modules imported, sixteen commands made by Typer) costs a run
    about 25 ms, a third of `import typer` (benchmarks/bench.py); this builds the one it needs.
    Every command also takes the root's `common` options, so that they may be given after the
    command name as well.
    """

    def __init__(self, common: Sequence[Any]) -> None:
        self.common = common
        self.built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in COMMANDS:
            raise KeyError(name)
        if name not in self.built:
            command = build(name)
            # a group's commands take them too: `jjj add source … --catalogue X`
            for each in [command, *getattr(command, "commands", {}).values()]:
                own = {param.name for param in each.params}  # a command's own --lang stays
                each.params.extend(param for param in self.common if param.name not in own)
                translate.translate_command(each)
            self.built[name] = command
        return self.built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class _Summaries(Mapping[str, TyperCommand]):
    """Every command as `jjj --help` lists it: its name and summary, without importing it."""

    def __getitem__(self, name: str) -> TyperCommand:
        return TyperCommand(name, help=_(COMMANDS[name].summary))

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class _Group(TyperGroup):
    """The root: holds the commands (built as they are asked for) and runs the command line
    through process.run, which turns every way a run can end into an exit code."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if self.commands:  # Typer hands over what was registered on the root app itself
            raise TypeError(f"register {sorted(self.commands)} in a family module and COMMANDS")
        # --catalogue is declared once, on the root; each command takes a copy of it that keeps
        # its value to the callback (the command's function has no parameter for it), so
        # `jjj list --catalogue X` is `jjj --catalogue X list`, and every --help shows it
        common = [copy(param) for param in self.params if param.name in ("catalogue", "lang")]
        for param in common:
            param.expose_value = False
        # Click types `commands` as a MutableMapping; nothing here adds a command after this
        self.commands = _Commands(common)  # type: ignore[assignment]

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with translate.usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        with translate.usage_errors():  # a command's own options and arguments
            return super().invoke(ctx)

    # Click declares `ctx` as its own Context, which Typer keeps private (typer._click)
    def format_help(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        listing = copy(self)  # the same root, listing the summaries instead of the commands
        listing.commands = _Summaries()  # type: ignore[assignment]  # read-only too, as above
        super(_Group, listing).format_help(ctx, formatter)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line and exit with its code; with standalone_mode=False, return the
        code instead. Unlike Click's, a run that is not standalone still shows its errors and
        turns them into a code (process.run is the one place for that), and returns that code,
        not what the command's function returned (nothing, for every command here)."""
        # a test hands in its own Environment as the context's obj
        environment = extra.pop("obj", None) or Environment.of_process()

        def start() -> Any:
            # what Click and Typer print themselves (--help, usage errors, completion) goes
            # to sys.stdout and sys.stderr: for the run, those are the Environment's streams
            with redirect_stdout(environment.stdout), redirect_stderr(environment.stderr):
                translate.speak(sys.argv[1:] if args is None else args, environment)
                self.epilog = process.exit_codes()
                translate.translate_command(self)
                return super(_Group, self).main(
                    args,
                    prog_name,
                    complete_var,
                    standalone_mode=True,
                    windows_expand_args=windows_expand_args,
                    obj=environment,
                    **extra,
                )

        code = process.run(start, environment)
        if standalone_mode:
            raise SystemExit(code)
        return code


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    epilog=process.exit_codes(),
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    catalogue: CatalogueOption = None,
    lang: RootLangOption = None,
    version: VersionFlag = False,
) -> None:
    """Browse and curate what experts proposed on Beijing–Tianjin–Hebei (京津冀) coordination."""
    # --catalogue reaches the command through its callback: options.catalogue_path(ctx)
