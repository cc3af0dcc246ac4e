"""How the modules hang together: what render's package file holds and who imports from it, and
where the names kept for compatibility are written."""

import ast
import re
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
        for path in [RENDER / "search.py", PACKAGE / "cli" / "browse.py"]
    }
    assert found == {
        "render/search.py": {"plain", "records", "stream"},
        "cli/browse.py": {"browse", "problems", "rules"},
    }


# The names that say "proposal" where the code says item, kept so that what users wrote still
# works: the catalogue's table (`[[proposals]]`, also the SQLite export's), and the SQLite
# export's link tables, their column naming the item, and its full-text index.
COMPATIBILITY_NAMES = (
    "proposals",
    "proposal_themes",
    "proposal_regions",
    "proposal_related",
    "proposal_id",
    "proposals_fts",
)
# as a word; the catalogue's file name, data/proposals.toml, is another matter
WRITTEN = re.compile(rf"\b({'|'.join(COMPATIBILITY_NAMES)})\b(?!\.toml)")


def places_written(path: Path) -> list[tuple[str, int]]:
    """Each compatibility name in the strings of a module, docstrings (which tell of them) aside,
    with the line of its string."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        (match[1], node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
        for match in WRITTEN.finditer(node.value)
    ]


def test_each_name_kept_for_compatibility_is_written_once():
    # once, where it is defined, and used by that constant's name everywhere else
    written: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for name, line in places_written(path):
            written.setdefault(name, []).append(f"{path.relative_to(PACKAGE.parent)}:{line}")
    assert {name: places for name, places in written.items() if len(places) > 1} == {}
    assert sorted(written) == sorted(COMPATIBILITY_NAMES)


def test_a_name_is_found_in_code_and_sql_but_not_in_docstrings(tmp_path):
    # the reader above is what the test before relies on
    module = tmp_path / "module.py"
    module.write_text(
        '''"""The items' table, proposals."""\n'''
        'TABLE = "proposals"\n'
        'SQL = """CREATE TABLE proposal_themes (proposal_id TEXT);"""\n'
        'PATH = "data/proposals.toml"\n'
        'def f():\n    """Reads proposals."""\n    return "proposals_fts"\n',
        encoding="utf-8",
    )
    assert places_written(module) == [
        ("proposals", 2),
        ("proposal_themes", 3),
        ("proposal_id", 3),
        ("proposals_fts", 7),
    ]
