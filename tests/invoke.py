"""Running jjj in-process, as the command-line tests do: on a catalogue named on the line."""

import json
from typing import Any

from typer.testing import CliRunner

from jjj_cli.cli import app

from .paths import MINI

runner = CliRunner()


def jjj(*args: str, catalogue=MINI):
    return runner.invoke(app, ["--catalogue", str(catalogue), *args])


def ok_json(*args: str, catalogue=MINI) -> Any:
    result = jjj(*args, "--json", catalogue=catalogue)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
