"""How the modules hang together: what render's package file holds and who imports from it."""

import ast
from pathlib import Path

import jjj_cli

PACKAGE = Path(jjj_cli.__file__).parent
RENDER = PACKAGE / "render"
TESTS = Path(__file__).parent


def package_of(path: Path) -> list[str]:
    """The dotted parts of the package a module is in (what `from .` means in it)."""
    parts, folder = [], path.parent
    while (folder / "__init__.py").exists():
        parts, folder = [folder.name, *parts], folder.parent
    return parts


def imported_from_render(path: Path) -> list[str]:
    """The names `path` imports from the package `jjj_cli.render` itself, absolute or relative."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        module = node.module or ""
        if node.level:
            package = package_of(path)
            module = ".".join([*package[: len(package) - node.level + 1], *filter(None, [module])])
        if module == "jjj_cli.render":
            names += [alias.name for alias in node.names]
    return names


def test_the_render_package_file_holds_only_its_docstring():
    body = ast.parse((RENDER / "__init__.py").read_text(encoding="utf-8")).body
    assert len(body) == 1
    assert isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
    assert isinstance(body[0].value.value, str)


def test_what_is_imported_from_render_is_one_of_its_modules():
    submodules = {path.stem for path in RENDER.glob("*.py")} - {"__init__"}
    sources = [*PACKAGE.rglob("*.py"), *TESTS.glob("*.py")]
    wrong = {
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in sources
        for name in imported_from_render(path)
        if name not in submodules
    }
    assert wrong == set()


def test_relative_imports_are_read_as_python_reads_them():
    # the reader above is what the second test relies on: it must find both spellings
    found = {
        path.relative_to(PACKAGE).as_posix(): set(imported_from_render(path))
        for path in [RENDER / "explore.py", PACKAGE / "cli" / "browse.py"]
    }
    assert found == {
        "render/explore.py": {"plain", "records"},
        "cli/browse.py": {"browse", "problems"},
    }
