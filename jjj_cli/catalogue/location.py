"""Where the catalogue is, and how to name a path to the user. Kept apart from the loader so
that finding the catalogue costs no more than a few path operations."""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from pathlib import Path, PurePath, PurePosixPath

from ..language import _


def default_catalogue_path() -> Path:
    """$JJJ_CATALOGUE, else the shipped catalogue."""
    if os.environ.get("JJJ_CATALOGUE"):
        return Path(os.environ["JJJ_CATALOGUE"])
    return shipped_catalogue_path()


def shipped_catalogue_path() -> Path:
    """The copy shipped in the wheel, else data/ of a source checkout."""
    # The wheel puts the catalogue in jjj_cli/data (pip installs it as files, so a path is
    # enough and spares importing importlib.resources on every run). An editable install has
    # no jjj_cli/data: the wheel's force-include is not applied to it, and data/ is beside it.
    # The file keeps its name, proposals.toml, though it holds findings too: the paths people
    # and scripts already use stay valid.
    package = Path(__file__).resolve().parents[1]
    packaged = package / "data" / "proposals.toml"
    return packaged if packaged.is_file() else package.parent / "data" / "proposals.toml"


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


def glob_matches(path: PurePosixPath, pattern: str) -> bool:
    """Whether an `include` glob (relative: `*`, `?`, `[…]` within one name, `**` any number of
    directories) names a relative path. The loader reads the files a change would add with it,
    and the curator's commands ask whether an `include` reaches a new file: one reading."""
    globs = PurePosixPath(pattern).parts

    def match(names: tuple[str, ...], globs: tuple[str, ...]) -> bool:
        if not globs:
            return not names
        if globs[0] == "**":
            return any(match(names[skip:], globs[1:]) for skip in range(len(names) + 1))
        return bool(names) and fnmatchcase(names[0], globs[0]) and match(names[1:], globs[1:])

    return match(path.parts, globs)


def globbed(directory: Path, pattern: str) -> list[Path]:
    """The files an `include` glob matches under `directory`, sorted; ValueError saying why
    when it is not a pattern jjj reads (an absolute one, `**` inside a name)."""
    if PurePath(pattern).is_absolute():
        raise ValueError(_("a pattern is relative to the file that names it"))
    try:
        return sorted(path for path in directory.glob(pattern) if path.is_file())
    except (ValueError, NotImplementedError) as error:
        raise ValueError(str(error)) from None
