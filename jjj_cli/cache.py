"""A cache of validated catalogues, so that a run need not parse and check the TOML again.

Parsing the TOML is most of what a command does after Python has started, and the catalogue
rarely changes between two runs. After a full, successful load the typed catalogue is written
as JSON to the user's cache directory; the next run reads it back if every file it was built
from (the entry file, each file it includes, each source text) still has the very same content
(path, size and checksum), and each `include` glob still matches the same files.
Anything unexpected (no cache directory, a file changed, a damaged or older entry) simply
means a full load. `JJJ_NO_CACHE=1` turns the cache off; `JJJ_CACHE_DIR` moves it.

Each entry begins with a line giving the CRC-32 and length of the JSON after it: an entry that
does not match (a flipped bit, a write cut short) is removed and never trusted. The cache stays
small: one entry per catalogue path (its name comes from the path), and after each write the
least recently used entries go until at most MAX_ENTRIES remain, in at most MAX_BYTES. The
entry just written always stays, so a catalogue whose entry alone is larger is cached alone.

Nothing here is ever written next to the catalogue: the cache lives apart from the user's
files, and deleting it loses nothing. Two runs at once may remove an entry the other still
wanted; that costs a full load, never an error.
"""

from __future__ import annotations

import json
import os
import time
import zlib
from datetime import date
from pathlib import Path
from typing import Any

from . import __version__
from .catalogue import RECORD_TABLES, Catalogue, Related, default_catalogue_path
from .catalogue.model import Include

# Bump when the layout below changes; entries of another format are ignored.
FORMAT = 4
# At most this many entries, and this many bytes in all (the shipped catalogue's entry is
# about 120 KB, one of 1,000 items about 1.2 MB): least recently used go first.
MAX_ENTRIES = 5
MAX_BYTES = 8 * 1024 * 1024
# A temporary file left by a run that was killed while writing its entry goes after this long.
STALE_TEMPORARY_SECONDS = 3600


def cache_directory() -> Path | None:
    """Where entries go: $JJJ_CACHE_DIR, else $XDG_CACHE_HOME/jjj or ~/.cache/jjj; None if off."""
    if os.environ.get("JJJ_NO_CACHE"):
        return None
    if os.environ.get("JJJ_CACHE_DIR"):
        return Path(os.environ["JJJ_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "jjj"


def load_cached(path: Path | None = None) -> Catalogue:
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


def _stamp(path: Path) -> list[Any] | None:
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


def _read(entry: Path, stamp: list[Any], path: Path) -> Catalogue | None:
    try:
        header, _, payload = entry.read_bytes().partition(b"\n")
    except OSError:
        return None  # no entry yet
    try:
        if header != _header(payload):
            raise ValueError("damaged")
        data = json.loads(payload)
    except ValueError:
        # not trusted, and not kept: a full load follows, and writes a sound entry if it can
        _remove(entry)
        return None
    try:
        if [data["format"], data["version"], data["catalogue"]] != [FORMAT, __version__, stamp]:
            return None
        # the other files as the loader names them: relative to the entry as the user named it
        for relative, file_stamp in data["files"]:
            if _stamp(path.parent / relative) != file_stamp:
                return None
        for _, directory, pattern, matched in data["includes"]:
            if matched is not None and _globbed(path.parent / directory, pattern) != sorted(
                matched
            ):
                return None  # a file added or removed where a glob looks
        catalogue = _decode(data, path)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None  # an entry from another version: load afresh
    try:
        os.utime(entry)  # used now: the last to be removed
    except OSError:
        pass
    return catalogue


def _header(payload: bytes) -> bytes:
    return b"%08x %d" % (zlib.crc32(payload), len(payload))


def _globbed(directory: Path, pattern: str) -> list[str]:
    """The files a glob matches, as the entry records them (none for one the loader refused)."""
    from .catalogue.location import globbed

    try:
        return [str(found.relative_to(directory)) for found in globbed(directory, pattern)]
    except ValueError:
        return []


def _write(entry: Path, stamp: list[Any], catalogue: Catalogue) -> None:
    from .files import atomic_write

    base = catalogue.path.parent

    def relative(path: Path) -> str:
        return os.path.relpath(path, base)

    # each file as the loader read it: one saved meanwhile (by an editor, another jjj) no
    # longer matches, and the next run loads afresh rather than trust what it was not built from
    if list(catalogue.stamps.get(catalogue.path, ())) != stamp[1:]:
        return
    files = []
    for other in (*catalogue.files[1:], *(source.path for source in catalogue.sources)):
        if other not in catalogue.stamps:
            return
        files.append([relative(other), [os.path.abspath(other), *catalogue.stamps[other]]])
    includes = []
    for include in catalogue.includes:
        directory = include.file.parent
        globbed = any(char in include.pattern for char in "*?[")
        matched = [str(path.relative_to(directory)) for path in include.matched]
        includes.append(
            [
                relative(include.file),
                relative(directory),
                include.pattern,
                matched if globbed else None,
            ]
        )
    data = {
        "format": FORMAT,
        "version": __version__,
        "catalogue": stamp,
        "files": files,
        "includes": includes,
        "catalogue_files": [relative(file) for file in catalogue.files],
        "texts": dict(catalogue.texts),
        **{
            table.attribute: [_encode(record) for record in getattr(catalogue, table.attribute)]
            for table in RECORD_TABLES
        },
        # where each source's text is, which the loader worked out from the file declaring it
        "sources": [
            {**_encode(source), "path": relative(source.path)} for source in catalogue.sources
        ],
    }
    payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        # not durable: a damaged entry fails its checksum on reading, and costs one full load
        atomic_write(entry, _header(payload) + b"\n" + payload, force=True, durable=False)
    except OSError:
        return  # a read-only or full disk costs the next run a full load, nothing more
    _prune(entry)


def _prune(kept: Path) -> None:
    """Remove the least recently used entries beyond MAX_ENTRIES or MAX_BYTES; keep `kept`."""
    entries, now = [], time.time()
    try:
        with os.scandir(kept.parent) as listing:
            for found in listing:
                entry = found.name.startswith("catalogue-") and found.name.endswith(".json")
                temporary = found.name.startswith(".catalogue-") and found.name.endswith(".tmp")
                if not (entry or temporary) or found.name == kept.name:
                    continue
                try:
                    status = found.stat()
                except OSError:
                    continue  # removed meanwhile, by another run
                if entry:
                    entries.append((status.st_mtime_ns, status.st_size, found.path))
                elif now - status.st_mtime > STALE_TEMPORARY_SECONDS:
                    _remove(Path(found.path))
            total = kept.stat().st_size
    except OSError:
        return
    count, full = 1, False
    for _, size, name in sorted(entries, reverse=True):  # most recently used first
        count, total = count + 1, total + size
        full = full or count > MAX_ENTRIES or total > MAX_BYTES
        if full:  # this one and every older one
            _remove(Path(name))


def _remove(entry: Path) -> None:
    try:
        entry.unlink(missing_ok=True)
    except OSError:
        pass  # a directory, or no permission: left alone


def _encode(record: Any) -> dict[str, Any]:
    values = {}
    for name, value in record._asdict().items():
        if name == "related":
            value = [[link.id, link.relation] for link in value]
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, Path):
            continue
        elif isinstance(value, date):
            value = value.isoformat()
        values[name] = value
    return values


def _decode(data: dict[str, Any], path: Path) -> Catalogue:
    def build(record_type: type, values: dict[str, Any]) -> Any:
        # _encode writes the model's tuples, and nothing else, as JSON lists
        for name, value in values.items():
            if name == "related":
                values[name] = tuple(Related(*link) for link in value)
            elif isinstance(value, list):
                values[name] = tuple(value)
        return record_type(**values)

    base = path.parent
    for source in data["sources"]:
        source["path"] = base / source["path"]
        if source["date"] is not None:
            source["date"] = date.fromisoformat(source["date"])
    tables: dict[str, Any] = {
        table.attribute: tuple(build(table.record, values) for values in data[table.attribute])
        for table in RECORD_TABLES
    }
    includes = tuple(
        Include(base / file, pattern, tuple(base / directory / each for each in matched or ()))
        for file, directory, pattern, matched in data["includes"]
    )
    return Catalogue(
        path=path,
        texts=data["texts"],
        files=tuple(base / file for file in data["catalogue_files"]),
        includes=includes,
        **tables,
    )
