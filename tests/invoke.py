"""Running jjj in-process, as the command-line tests do: on a catalogue named on the line."""

import io
import json
import re
from typing import Any, NamedTuple

from typer.testing import CliRunner

from jjj_cli.cli import app
from jjj_cli.cli.environment import Environment

from .paths import MINI

runner = CliRunner()


def jjj(*args: str, catalogue=MINI):
    return runner.invoke(app, ["--catalogue", str(catalogue), *args])


def ok_json(*args: str, catalogue=MINI) -> Any:
    result = jjj(*args, "--json", catalogue=catalogue)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# rich's own styling of a terminal's output (bold, colour): SGR sequences, which a catalogue's
# text can never produce (render.plain.visible escapes its ESC)
_STYLING = re.compile(r"\x1b\[[0-9;]*m")


def unstyled(text: str) -> str:
    return _STYLING.sub("", text)


def usage_error(stderr: str) -> str:
    """The message of a usage error as Click shows it, in its box: the box's lines joined."""
    lines = stderr.splitlines()
    top = next(index for index, line in enumerate(lines) if line.startswith("╭─ Error"))
    inside = [line.strip("│ ") for line in lines[top + 1 :] if line.startswith("│")]
    return " ".join(inside)


class Written(NamedTuple):
    exit_code: int
    stdout: str
    stderr: str
    output: str  # everything written, for an assertion's message


def written(
    *args: str, terminal: bool = True, width: int = 3000, env: dict[str, str] | None = None
) -> Written:
    """Run jjj (args in full, --catalogue too) writing to streams of the test's own: stdout a
    terminal `width` columns wide, or a pipe; what each stream got, read from there."""
    environment = Environment(
        stdout=io.StringIO(), stderr=io.StringIO(), stdout_isatty=terminal, stdout_width=width
    )
    result = runner.invoke(app, list(args), obj=environment, env=env)
    stdout, stderr = environment.stdout.getvalue(), environment.stderr.getvalue()
    return Written(result.exit_code, stdout, stderr, result.output + stdout + stderr)
