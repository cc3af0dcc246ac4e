"""The project's declarations agree with each other: the Pythons it promises (requires-python),
the ones it names in its classifiers (which nox tests on, one by one), and the lowest one the
linter writes for and the type checker checks as."""

from __future__ import annotations

import re
import sys

from tests.paths import SHIPPED

ROOT = SHIPPED.parent.parent

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def declared_versions() -> list[tuple[int, int]]:
    """The Python 3.x versions the classifiers name, in their order."""
    pattern = re.compile(r"Programming Language :: Python :: (\d+)\.(\d+)")
    found = [pattern.fullmatch(text) for text in PYPROJECT["project"]["classifiers"]]
    return [(int(match[1]), int(match[2])) for match in found if match]


def test_the_classifiers_name_every_python_from_the_lowest_required_on():
    lowest = re.fullmatch(r">=(\d+)\.(\d+)", PYPROJECT["project"]["requires-python"])
    assert lowest, "requires-python is a lower bound, >=3.N"
    versions = declared_versions()
    assert versions[0] == (int(lowest[1]), int(lowest[2]))
    # one after the other, none skipped: nox tests each one the classifiers name
    assert versions == [(3, minor) for minor in range(versions[0][1], versions[-1][1] + 1)]


def test_ruff_writes_for_the_lowest_python_required():
    major, minor = declared_versions()[0]
    assert PYPROJECT["tool"]["ruff"]["target-version"] == f"py{major}{minor}"


def test_mypy_checks_as_the_lowest_python_required():
    # noxfile.py checks as each of the others too; `mypy jjj_cli` alone checks as this one, whose
    # branches (`sys.version_info < (3, 11)`) the newer Pythons do not see
    major, minor = declared_versions()[0]
    assert PYPROJECT["tool"]["mypy"]["python_version"] == f"{major}.{minor}"
