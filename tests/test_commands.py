"""The table of commands (cli/commands.py) against the modules that define them: the root app
builds a command, and `jjj --help` lists it, from the table alone."""

import importlib
import re

import pytest
import typer

from jjj_cli.cli import app, browse
from jjj_cli.cli.commands import COMMANDS

from .invoke import runner

FAMILIES = ("browse", "explore", "search", "cite", "exports", "site", "curate", "agree")


def eager(family: str) -> dict[str, typer.core.TyperCommand]:
    """Every command of a family module, as Typer builds them all at once."""
    module = importlib.import_module(f"jjj_cli.cli.{family}")
    built = typer.main.get_command(module.commands)
    # Typer makes an app of one command that command itself, not a group holding it
    return built.commands if isinstance(built, typer.core.TyperGroup) else {built.name: built}


def test_the_command_table_names_every_command_where_it_is_defined():
    # the root app builds commands from COMMANDS without importing their modules first,
    # so the table and the modules must agree: nothing missing, nothing misplaced
    defined = {name: family for family in FAMILIES for name in eager(family)}
    assert defined == {name: entry.module for name, entry in COMMANDS.items()}


@pytest.mark.parametrize("family", FAMILIES)
def test_each_summary_is_the_first_line_of_the_commands_own_help(family):
    for name, command in eager(family).items():
        assert COMMANDS[name].summary == command.help.strip().splitlines()[0], name


def test_help_lists_the_commands_in_the_table_order_with_their_summaries():
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    listed = re.findall(r"^│ (\w+) +(.+?) *│$", result.stdout, flags=re.MULTILINE)
    assert [name for name, _ in listed] == list(COMMANDS)
    for name, summary in listed:
        assert summary == eager(COMMANDS[name].module)[name].help.strip()


def test_a_command_is_built_as_typer_builds_it_with_all_the_others():
    # the lazily built `list` is the command Typer makes from the whole family app
    def described(command):
        keys = ("name", "opts", "secondary_opts", "required", "default", "multiple", "help")
        params = [{key: getattr(param, key, None) for key in keys} for param in command.params]
        return command.name, command.help, params

    eager = typer.main.get_command(browse.commands).commands["list"]
    lazy = typer.main.get_command(app).commands["list"]
    name, help, params = described(lazy)
    assert (name, help, params[:-1]) == described(eager)
    # and the root's --catalogue, which every command takes as well
    assert (params[-1]["name"], params[-1]["opts"]) == ("catalogue", ["--catalogue"])
    assert {"--theme", "--json"} <= {opt for param in lazy.params for opt in param.opts}


def test_a_command_registered_on_the_root_app_is_refused_not_lost():
    stray = typer.Typer(cls=type(typer.main.get_command(app)))
    stray.callback()(lambda: None)
    stray.command("stray")(lambda: None)
    with pytest.raises(TypeError, match=r"register \['stray'\] in a family module and COMMANDS"):
        typer.main.get_command(stray)
