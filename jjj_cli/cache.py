"""A cache of validated catalogues, so that a run need not parse and check the TOML again.

Parsing the TOML is most of what a command does after Python has started, and the catalogue
rarely changes between two runs. After a full, successful load the typed catalogue is written
as JSON to the user's cache directory; the next run reads it back if the catalogue file and
its source text still have the very same content (path, size and checksum).
Anything unexpected (no cache directory, a file changed, a damaged or older entry) simply
means a full load. `JJJ_NO_CACHE=1` turns the cache off; `JJJ_CACHE_DIR` moves it.

Nothing here is ever written next to the catalogue: the cache lives apart from the user's
files, and deleting it loses nothing.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any, Optional

from . import __version__
from .catalogue import (
    Catalogue,
    Expert,
    Figure,
    Item,
    Region,
    Related,
    Source,
    Theme,
    default_catalogue_path,
)

# Bump when the layout below changes; entries of another format are ignored.
FORMAT = 2
_TABLES = (
    ("experts", Expert),
    ("themes", Theme),
    ("regions", Region),
    ("items", Item),
    ("figures", Figure),
)


def cache_directory() -> Optional[Path]:
    """Where entries go: $JJJ_CACHE_DIR, else $XDG_CACHE_HOME/jjj or ~/.cache/jjj; None if off."""
    if os.environ.get("JJJ_NO_CACHE"):
        return None
    if os.environ.get("JJJ_CACHE_DIR"):
        return Path(os.environ["JJJ_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "jjj"


def load_cached(path: Optional[Path] = None) -> Catalogue:
    """The catalogue at `path`, fully validated: from the cache when it is current, else
    loaded (raising CatalogueError as load_catalogue does) and then cached."""
    path = Path(path) if path is not None else default_catalogue_path()
    directory = cache_directory()
    stamp = _stamp(path)
    if directory is None or stamp is None:
        return _load(path)
    entry = directory / f"catalogue-{zlib.crc32(stamp[0].encode()):08x}.json"
    cached = _read(entry, stamp, path)
    if cached is not None:
        return cached
    catalogue = _load(path)
    if _stamp(path) == stamp:  # unchanged while it was being read
        _write(entry, stamp, catalogue)
    return catalogue


def _load(path: Path) -> Catalogue:
    from .catalogue import load_catalogue  # imported here: a cache hit never needs the loader

    return load_catalogue(path)


def _stamp(path: Path) -> Optional[list[Any]]:
    """What identifies this exact content: the absolute path, the size and a CRC-32.

    Not the modification time: it ticks only every few milliseconds, so a file rewritten at
    once with the same size would look unchanged. Reading and summing is cheap by comparison
    (well under a millisecond for the shipped catalogue, a fraction of parsing for any).
    """
    try:
        absolute = os.path.abspath(path)
        with open(absolute, "rb") as file:
            content = file.read()
    except (OSError, ValueError):
        return None
    return [absolute, len(content), zlib.crc32(content)]


def _read(entry: Path, stamp: list[Any], path: Path) -> Optional[Catalogue]:
    try:
        data = json.loads(entry.read_bytes())
        if [data["format"], data["version"], data["catalogue"]] != [FORMAT, __version__, stamp]:
            return None
        # as the loader makes it: relative to the catalogue as the user named it
        source_path = path.parent / data["source"]["file"]
        if _stamp(source_path) != data["source_stamp"]:
            return None
        return _decode(data, path, source_path)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None  # no entry, or one from another version or damaged: load afresh


def _write(entry: Path, stamp: list[Any], catalogue: Catalogue) -> None:
    from .files import atomic_write

    source_stamp = _stamp(catalogue.source.path)
    if source_stamp is None:
        return
    data = {
        "format": FORMAT,
        "version": __version__,
        "catalogue": stamp,
        "source_stamp": source_stamp,
        "source": _encode(catalogue.source),
        "source_text": catalogue.source_text,
        **{
            table: [_encode(record) for record in getattr(catalogue, table)] for table, _ in _TABLES
        },
    }
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        # not durable: a damaged entry fails its checks on reading, and costs one full load
        atomic_write(entry, json.dumps(data, ensure_ascii=False), force=True, durable=False)
    except OSError:
        pass  # a read-only or full disk costs the next run a full load, nothing more


def _encode(record: Any) -> dict[str, Any]:
    values = {}
    for name, value in record._asdict().items():
        if name == "related":
            value = [[link.id, link.relation] for link in value]
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, Path):
            continue
        values[name] = value
    return values


def _decode(data: dict[str, Any], path: Path, source_path: Path) -> Catalogue:
    def build(record_type: type, values: dict[str, Any]) -> Any:
        # _encode writes the model's tuples, and nothing else, as JSON lists
        for name, value in values.items():
            if name == "related":
                values[name] = tuple(Related(*link) for link in value)
            elif isinstance(value, list):
                values[name] = tuple(value)
        return record_type(**values)

    source = dict(data["source"], path=source_path)
    tables = {name: tuple(build(kind, values) for values in data[name]) for name, kind in _TABLES}
    return Catalogue(path=path, source=Source(**source), source_text=data["source_text"], **tables)
