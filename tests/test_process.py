"""The process boundary (cli/process.py, the root's main): every way a run ends is an exit code
named in ExitCode, and everything a run prints goes to the Environment it was handed."""

import io
import re
from pathlib import Path

import pytest
from typer.main import get_command

from jjj_cli.cli import app, output, process
from jjj_cli.cli.environment import Environment
from jjj_cli.cli.process import ExitCode

from .invoke import jjj, ok_json, runner, usage_error, written
from .paths import DATA, MINI

BROKEN = DATA / "broken" / "empty.toml"  # `validate` reports a problem: its verdict is 1


def streams() -> Environment:
    return Environment(stdout=io.StringIO(), stderr=io.StringIO())


def test_a_crash_while_printing_a_verdict_is_not_taken_for_the_verdict(monkeypatch):
    def crash(environment, what):
        raise RuntimeError("a bug in printing")

    monkeypatch.setattr(output, "emit", crash)
    result = runner.invoke(app, ["validate", str(BROKEN)], obj=streams())
    assert isinstance(result.exception, RuntimeError), result.exception


def test_ctrl_c_while_printing_a_verdict_exits_130(monkeypatch):
    def interrupted(environment, what):
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "emit", interrupted)
    result = runner.invoke(app, ["validate", str(BROKEN)], obj=streams())
    assert result.exit_code == 130


def test_ctrl_c_outside_a_command_exits_130_quietly():
    # shell completion, say, which runs before Click's own handling of Ctrl-C
    def start():
        raise KeyboardInterrupt

    environment = streams()
    try:
        code = process.run(start, environment)
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C escaped process.run")
    assert code == 130
    assert environment.stderr.getvalue() == ""


def test_help_and_usage_errors_go_to_the_environments_streams():
    environment = streams()
    result = runner.invoke(app, ["--help"], obj=environment)
    assert (result.exit_code, result.output) == (0, "")
    assert environment.stdout.getvalue().lstrip().startswith("Usage: ")
    assert environment.stderr.getvalue() == ""

    environment = streams()
    result = runner.invoke(app, ["list", "--no-such-option"], obj=environment)
    assert (result.exit_code, result.output) == (2, "")
    assert environment.stdout.getvalue() == ""
    assert usage_error(environment.stderr.getvalue()) == "No such option: --no-such-option"


def test_completion_goes_to_the_environments_stdout():
    environment = streams()
    words = f"jjj --catalogue {MINI} show wang-"
    env = {"_JJJ_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "4"}
    result = runner.invoke(app, [], obj=environment, env=env, prog_name="jjj")
    assert (result.exit_code, result.output) == (0, ""), result.output
    offered = environment.stdout.getvalue().split()
    assert "wang-ming" in offered
    assert all(word.startswith("wang-") for word in offered), offered


def test_export_to_a_stream_of_text():
    result = written("--catalogue", str(MINI), "export", "--format", "tsv", terminal=False)
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split("\t")[0] == "id"
    assert [row.split("\t")[0] for row in rows] == [item["id"] for item in ok_json("list")]
    # what the process's own stdout gets, as bytes: the same text
    assert result.stdout == jjj("export", "--format", "tsv").stdout


def test_a_caller_that_is_not_standalone_gets_the_code():
    environment = streams()
    root = get_command(app)
    args = ["--catalogue", str(MINI), "show", "no-such-id"]
    assert root.main(args, "jjj", standalone_mode=False, obj=environment) == ExitCode.USAGE
    assert environment.stderr.getvalue().startswith("Error: ")


def test_the_readme_names_every_exit_code():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Exit codes", 1)[1].split("\n\n")[1]
    documented = [int(code) for code in re.findall(r"^\| (\d+) \|", table, flags=re.MULTILINE)]
    assert documented == [0, 1, 2, 3, 130]
    assert documented == [code.value for code in ExitCode]
