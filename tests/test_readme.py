"""The README tells the truth: its commands run, its test command is CI's, its numbers hold."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jjj_cli.catalogue import load_catalogue
from jjj_cli.cli import app

from .paths import SHIPPED

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

runner = CliRunner()


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_ci_runs_exactly_the_readme_test_command():
    test_command = code_blocks("sh")[1].strip()
    assert "pytest" in test_command
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def example_commands() -> list[str]:
    lines = [line.strip() for block in code_blocks("sh") for line in block.splitlines()]
    lines += [
        line.strip().removeprefix("$ ")
        for block in code_blocks("console")
        for line in block.splitlines()
        if line.strip().startswith("$ ")
    ]
    # drop comments and anything after a pipe: what runs is jjj's part of the line
    return [line.split("#")[0].split("|")[0].strip() for line in lines if line.startswith("jjj ")]


@pytest.mark.parametrize("command", example_commands())
def test_every_example_runs(command, monkeypatch, tmp_path):
    monkeypatch.delenv("JJJ_CATALOGUE", raising=False)
    monkeypatch.chdir(tmp_path)  # what an example writes (`-o jjj.db`) lands here
    args = shlex.split(command)[1:]
    result = runner.invoke(app, ["--catalogue", str(SHIPPED), *args])
    # the README's deliberate mistakes
    expected = 2 if "ye-tangln" in command or "雄安市" in command else 0
    assert result.exit_code == expected, result.output


def test_the_counts_the_readme_gives():
    catalogue = load_catalogue(SHIPPED)
    kinds = [item.kind for item in catalogue.items]
    stated = {
        "items": len(kinds),
        "proposal": kinds.count("proposal"),
        "finding": kinds.count("finding"),
        "figures": len(catalogue.figures),
        "themes": len(catalogue.themes),
        "regions": len(catalogue.regions),
    }
    assert re.search(rf"\*\*{stated['items']} items\*\*", README)
    assert f"{stated['proposal']} `proposal`s" in README
    assert f"{stated['finding']} `finding`s" in README
    assert f"**{stated['figures']} figures**" in README
    assert f"**{stated['themes']} themes**" in README
    assert f"**{stated['regions']} regions**" in README
    linked = sum(1 for item in catalogue.items if item.related)
    assert f"{linked} of them are linked to related items" in README


def console_examples() -> list[tuple[str, list[str]]]:
    """Each `$ command` in the README's console and text blocks, with the lines shown after it."""
    examples: list[tuple[str, list[str]]] = []
    for block in code_blocks("console") + code_blocks("text"):
        for line in block.splitlines():
            line = line.strip() if line.strip().startswith("$ ") else line.removeprefix("  ")
            if line.startswith("$ "):
                examples.append((line[2:], []))
            elif examples:
                examples[-1][1].append(line)
    # an indented block ends in an indented, empty line
    return [(command, shown[: len(shown) - (shown[-1:] == [""])]) for command, shown in examples]


@pytest.mark.parametrize("command, shown", console_examples(), ids=lambda x: str(x)[:40])
def test_console_examples_print_what_the_readme_shows(command, shown):
    """Run as a reader would, through the shell and the installed jjj, from the repository."""
    bin_dir = Path(sys.executable).parent
    env = {key: value for key, value in os.environ.items() if key != "JJJ_CATALOGUE"}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run(
        ["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert (result.stdout + result.stderr).splitlines() == shown
