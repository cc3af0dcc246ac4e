"""Run the installed `jjj` console script as a user would, from an unrelated directory."""

import json
import os
import subprocess
import sys
from pathlib import Path

from . import independent
from .paths import MINI, SHIPPED

SCRIPT = Path(sys.executable).parent / ("jjj.exe" if os.name == "nt" else "jjj")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    # Not a skip: the README's test command installs the project, so a missing script is a bug.
    assert SCRIPT.exists(), f"the jjj console script is not installed next to {sys.executable}"
    env = {key: value for key, value in os.environ.items() if key != "JJJ_CATALOGUE"}
    return subprocess.run(
        [str(SCRIPT), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_list_json_is_the_shipped_proposals(tmp_path):
    # the ids read from the shipped files with tomllib: every proposal, in seq order
    shipped = independent.read(SHIPPED)
    result = run("list", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert [item["id"] for item in items] == independent.items_for(shipped, "proposal")
    assert all(item["kind"] == "proposal" for item in items)


def test_verify_checks_every_shipped_quote(tmp_path):
    shipped = independent.read(SHIPPED)
    (source,) = shipped["sources"]
    quotes = len(shipped["proposals"]) + len(shipped["figures"])
    result = run("verify", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"{quotes} quotes checked against sources/{source['file']}: all found\n"


def test_fixture_catalogue_through_the_script(tmp_path):
    result = run("--catalogue", str(MINI), "experts", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [expert["id"] for expert in json.loads(result.stdout)] == [
        "wang-ming",
        "li-hua",
        "zhang-wei",
    ]


def test_bad_catalogue_exits_1_without_traceback(tmp_path):
    result = run("--catalogue", str(tmp_path / "absent.toml"), "list", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    # shown relative to the working directory, as the user would type it
    assert result.stderr == "absent.toml: catalogue file not found\n"
