"""The checks CI runs, one nox session each: `nox --list` names them, `nox -s NAME` runs one.

tests     the test suite on every Python the package declares (its classifiers) that is here
lint      ruff's rules and formatting
typecheck mypy --strict on the package, as each Python it declares, and on its library examples
mutation  mutmut over render/, streams, files and query: on demand only (docs/mutation.md)

A Python that is declared but missing is skipped, unless CI=true: then it fails the run.
"""

import os

import nox

PYPROJECT = nox.project.load_toml("pyproject.toml")
PYTHONS = nox.project.python_versions(PYPROJECT)

nox.needs_version = ">=2025.5.1"
nox.options.sessions = ["tests", "lint", "typecheck"]
# a venv is made once and its packages refreshed on each run: what changes between runs is
# our code, installed in place
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = os.environ.get("CI") == "true"
# the Pythons to test are the ones this machine has: a missing one is reported, not fetched
nox.options.download_python = "never"


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The test suite, as the README runs it."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", *session.posargs)


# lint and typecheck run on the Python that runs nox: never skipped for a missing one
@nox.session
def lint(session: nox.Session) -> None:
    """ruff's rules, and code formatted as `ruff format` would (pinned: its rules change)."""
    session.install("ruff==0.17.6")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the package as each declared Python (the code has branches on
    `sys.version_info`; pyproject.toml's own setting is the lowest), and on the documented
    library examples as a caller would run it (mypy is pinned in the test extra, which that test
    needs too)."""
    session.install("-e", ".[test]")
    for version in PYTHONS:
        session.run("mypy", "--strict", "--python-version", version, "jjj_cli")
    session.run("python", "-m", "pytest", "-q", "tests/test_library_types.py")


# Not among the default sessions: hours on two cores. `nox -s mutation` runs every mutant;
# `nox -s mutation -- "jjj_cli.streams*"` those of one module (mutmut's own name patterns).
# What to mutate and which tests to run are pyproject.toml's [tool.mutmut].
@nox.session(default=False)
def mutation(session: nox.Session) -> None:
    """mutmut's mutants of the code the pipes and tables run through, each against the tests
    that reach it; the survivors listed at the end (pinned: its mutations change)."""
    session.install("-e", ".[test]", "mutmut==3.8.1")
    session.run("mutmut", "run", *session.posargs)
    session.run("mutmut", "results")
