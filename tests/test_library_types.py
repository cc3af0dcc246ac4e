"""The library is typed for its callers: the documented examples pass a caller's mypy --strict.

The package ships py.typed. A caller who runs `mypy --strict` on their own code sees the
types the public API declares; these tests run that check on the Python examples of the
README and docs/, against the installed package, as such a caller would.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# a fenced block of Python, and a line of it that imports the library
_PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", flags=re.DOTALL | re.MULTILINE)
_IMPORTS_JJJ = re.compile(r"^\s*(from|import)\s+jjj_cli\b", flags=re.MULTILINE)


def library_examples() -> list[tuple[str, str]]:
    """(where, code) of each Python block in the documentation that uses the library."""
    found = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        for block in _PYTHON_BLOCK.finditer(text):
            if _IMPORTS_JJJ.search(block.group(1)):
                line = text.count("\n", 0, block.start()) + 1
                found.append((f"{document.relative_to(ROOT)}:{line}", block.group(1)))
    return found


def caller_mypy(code: dict[str, str], directory: Path, cache: Path) -> subprocess.CompletedProcess:
    """mypy --strict, with no other settings, on modules of a caller's own, run where the
    installed jjj_cli is the one imported (not the source tree beside the caller)."""
    files = [f"{name}.py" for name in code]
    for file, text in zip(files, code.values()):
        (directory / file).write_text(text, encoding="utf-8")
    (directory / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")  # the caller's: empty
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *files],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def mypy_cache(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pytest's cache keeps mypy's between runs; without it (-p no:cacheprovider), a fresh one."""
    cache = getattr(request.config, "cache", None)
    if cache is None:
        return tmp_path_factory.mktemp("caller-mypy")
    return Path(cache.mkdir("caller-mypy"))


def test_the_library_examples_are_found():
    """The rule finds the documented example (the one that prints each item of Hebei), and no
    block that does not use the library (the pandas and sqlite3 ones)."""
    examples = library_examples()
    assert any("select_items(" in code and "resolve(" in code for _, code in examples)
    assert all("jjj_cli" in code for _, code in examples)
    assert not any("import pandas" in code or "import sqlite3" in code for _, code in examples)


def test_the_library_examples_pass_a_callers_mypy_strict(tmp_path, mypy_cache):
    examples = library_examples()
    code = {f"example_{number}": text for number, (_, text) in enumerate(examples)}
    result = caller_mypy(code, tmp_path, mypy_cache)
    where = {f"example_{number}.py": place for number, (place, _) in enumerate(examples)}
    report = "\n".join(
        f"{where.get(line.split(':')[0], '?')} -> {line}" for line in result.stdout.splitlines()
    )
    assert result.returncode == 0, report + result.stderr
    assert f"no issues found in {len(examples)} source file" in result.stdout


def test_a_caller_mistyping_the_library_is_told(tmp_path, mypy_cache):
    """The check can fail: a caller that takes an item's title for a number hears of it."""
    wrong = "from jjj_cli import load_catalogue\n\nnumber: int = load_catalogue().items[0].title\n"
    result = caller_mypy({"wrong": wrong}, tmp_path, mypy_cache)
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Incompatible types in assignment (expression has type "str"' in result.stdout
