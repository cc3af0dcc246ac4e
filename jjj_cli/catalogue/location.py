"""Where the catalogue is, and how to name a path to the user. Kept apart from the loader so
that finding the catalogue costs no more than a few path operations."""

from __future__ import annotations

import os
from pathlib import Path


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
