"""A cache of validated catalogues, compiled: a run need not parse and check the TOML again,
nor read more of the catalogue than its question needs.

Parsing the TOML is most of what a command does after Python has started, and the catalogue
rarely changes between two runs. After a full, successful load the catalogue is compiled into
an SQLite database (store/) in the user's cache directory; the next run opens it if every file
it was built from (the entry file, each file it includes, each source text) still has the very
same content (path, size and checksum), and each `include` glob still matches the same files. A
file that had not changed for a few seconds when the entry was compiled (or when a later run
read it) is not read again while its status (size, times, inode) stays as it was then: a run
over a large catalogue need not sum its 100 MB to learn that nothing changed.
Anything unexpected (no cache directory, a file changed, an older entry) simply means a full
load. `JJJ_NO_CACHE=1` turns the cache off; `JJJ_CACHE_DIR` moves it.

A run that has just loaded the catalogue answers from it as loaded (store/loaded.py: query.py,
the reference the compiled answers are held to), and compiling is left out of its time: the
`jjj` command compiles in a process of its own, detached, that outlives it by as long as
compiling takes and writes nothing but the entry (the library, which has no end of run to
leave it to, compiles before it returns). Without a cache, nothing is compiled.

An entry is written to a temporary file and renamed, and is checked on opening: an SQLite file
of the length its header gives, the number of items it should hold, a checksum of what a run
reads first. One that fails (a write cut short, a damaged file) is removed and never trusted.
The cache stays small: one entry per catalogue path and Python (its name comes from both), and
after each write the least recently used entries go until at most MAX_ENTRIES remain, in at
most MAX_BYTES. The entry just written always stays, so a catalogue whose entry alone is larger is
cached alone.

Nothing here is ever written next to the catalogue: the cache lives apart from the user's
files, and deleting it loses nothing. Two runs at once may remove an entry the other still
wanted; that costs a full load, never an error.
"""

from __future__ import annotations

import os
import sys
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .catalogue import Catalogue, default_catalogue_path
from .catalogue.model import collector_paused
from .store.sealed import seal, unseal

if TYPE_CHECKING:
    from .store.compiled import Compiled
    from .store.loaded import Loaded

# Bump when the layout of an entry changes (store/schema.py); entries of another format are
# compiled afresh.
FORMAT = 10
# At most this many entries, and this many bytes in all (the shipped catalogue's entry is
# about 1 MB, one of 1,000 items about 10 MB): least recently used go first.
MAX_ENTRIES = 5
MAX_BYTES = 256 * 1024 * 1024
# A file whose status (cache._status) has not changed for this long is settled: its status
# stands for its content. Longer than the coarsest clock of a file system (FAT's 2 s).
SETTLED_SECONDS = 3
# A temporary file left by a run that was killed while writing its entry goes after this long.
STALE_TEMPORARY_SECONDS = 3600
_SUFFIX = ".sqlite"
# How much of a file _stamp reads at a time.
_PIECE = 1024 * 1024
# the entries of earlier formats: pruned as entries, never read
_OLD_SUFFIXES = (".json",)
# The entries this process has opened: a page found damaged while one is read (which the checks
# on opening cannot see) has it removed (discard_opened).
OPENED: list[Path] = []
# Whether a new entry is compiled in a detached process (the `jjj` command, cli.process.main,
# sets it), rather than before open_compiled returns.
COMPILE_APART = False


def cache_directory() -> Path | None:
    """Where entries go: $JJJ_CACHE_DIR, else $XDG_CACHE_HOME/jjj or ~/.cache/jjj; None if off."""
    if os.environ.get("JJJ_NO_CACHE"):
        return None
    if os.environ.get("JJJ_CACHE_DIR"):
        return Path(os.environ["JJJ_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "jjj"


def load_cached(path: Path | None = None, *, compile: bool = True) -> Catalogue:
    """The catalogue at `path`, fully validated: from the cache when it is current, else
    loaded (raising CatalogueError as load_catalogue does) and then cached, unless not to
    `compile` (a catalogue about to change, or a revision's passing copy)."""
    return open_compiled(path, compile=compile).catalogue()


def open_compiled(path: Path | None = None, *, compile: bool = True) -> Compiled | Loaded:
    """The catalogue at `path`, ready for questions: the cache's entry when it is current;
    else loaded (raising CatalogueError as load_catalogue does) and, if `compile`, compiled
    into a new entry, apart (COMPILE_APART) or now, and answering as loaded meanwhile."""
    path = Path(path) if path is not None else default_catalogue_path()
    entry = _entry(path)
    if entry is not None:
        with collector_paused():  # the head's values and records, as the loader's (which see)
            cached = _open(entry, path)
        if cached is not None:
            return cached
    from .store.loaded import Loaded  # here: a run the cache serves never needs it

    stamp = _stamp(path)
    catalogue = _load(path)
    if not compile or entry is None or stamp is None or _stamp(path) != stamp:
        return Loaded(catalogue)  # no cache, or changed while it was read: nothing to keep
    if COMPILE_APART and _compile_apart(entry, stamp, catalogue):
        return Loaded(catalogue)
    with collector_paused():
        return _write(entry, stamp, catalogue) or Loaded(catalogue)


def _entry(path: Path) -> Path | None:
    """The cache's entry for the catalogue at `path` (named by its absolute path, and by the
    Python that writes it, as __pycache__ names compiled modules: store/sealed.py says why);
    None with no cache."""
    directory = cache_directory()
    python = sys.implementation.cache_tag  # cpython-311; None where Python keeps no bytecode
    if directory is None or python is None:
        return None
    try:
        absolute = os.path.abspath(path)
    except ValueError:
        return None  # a path no file can have (a NUL in it): nothing to keep
    return directory / f"catalogue-{zlib.crc32(absolute.encode()):08x}.{python}{_SUFFIX}"


def _compiling(entry: Path) -> int | None:
    """A lock on compiling `entry` (an open file, locked), or None when another run holds it:
    one process compiles a catalogue at a time, however many runs follow an edit."""
    import fcntl

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        lock = os.open(entry.with_name(f".{entry.name}.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None  # no cache to write to: nothing to compile into
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(lock)
        return None
    return lock


def _compile_apart(entry: Path, stamp: list[Any], catalogue: Catalogue) -> bool:
    """Write the entry in a detached child process; whether one was started (not where the
    system has no fork). The child has no terminal, stdin, stdout or stderr of the run's: a
    pipe's reader sees the end of jjj's output when the run ends, and Ctrl-C reaches the run
    alone."""
    fork = getattr(os, "fork", None)
    if fork is None:
        return False
    lock = _compiling(entry)
    if lock is None:
        return True  # another run is compiling it: this one answers, and leaves it to that
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()  # or the child would hold a copy of what is not yet written
        except (OSError, ValueError):
            pass
    try:
        child = fork()
    except OSError:
        os.close(lock)
        return False
    if child:
        os.close(lock)  # the child's copy holds the lock until it ends
        return True
    try:  # the child: nothing it does may reach the run's streams or outlive this block
        os.setsid()
        nowhere = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(nowhere, stream)
        with collector_paused():
            _write(entry, stamp, catalogue)
    finally:
        os._exit(0)


def discard_opened() -> bool:
    """Remove the entries this process opened, after SQLite found one of them damaged; whether
    there were any (else the damaged database was not the cache's)."""
    opened = bool(OPENED)
    while OPENED:
        _remove(OPENED.pop())
    return opened


def _load(path: Path) -> Catalogue:
    from .catalogue import load_catalogue  # imported here: a cache hit never needs the loader

    return load_catalogue(path)


def _stamp(path: Path) -> list[Any] | None:
    """What identifies this exact content: the absolute path, the size and a CRC-32.

    Reading and summing is cheap next to parsing (well under a millisecond for the shipped
    catalogue), but not next to a query of a large one (40 ms for 100 MB): an entry also keeps
    the status of the files that had settled when it was compiled (_settled), and a run that
    finds a file's status unchanged does not read it.
    """
    # read a piece at a time: a large catalogue is not held in memory to be summed
    buffer = bytearray(_PIECE)
    piece = memoryview(buffer)
    size = checksum = 0
    try:
        absolute = os.path.abspath(path)
        with open(absolute, "rb", buffering=0) as file:
            while read := file.readinto(buffer):
                size, checksum = size + read, zlib.crc32(piece[:read], checksum)
    except (OSError, ValueError):
        return None
    return [absolute, size, checksum]


def _status(path: str) -> list[int] | None:
    """What the system says of a file that any change of its content changes too: its size,
    the times of its last modification and of its last change of status (which no program
    sets back on a POSIX system), and the inode and device (a file renamed over it is another).

    The file is opened to ask, not named: a network file system (NFS) checks with its server
    when a file is opened, and may answer a bare stat from what it last heard, up to a minute
    old."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except (OSError, ValueError):
        return None
    try:
        status = os.fstat(descriptor)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return [
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
        status.st_ino,
        status.st_dev,
    ]


def _settled(stamps: list[list[Any]]) -> dict[str, list[int]]:
    """The status of each file (by absolute path) that has not changed for SETTLED_SECONDS
    and still has the content of its stamp: a later run that finds the same status knows the
    content is the same without reading it.

    The status is taken before the file is read again to check it, so a change after that
    shows in the status, and one before it in the checksum. A file changed just now is left
    out: a second change within the same tick of the file system's clock, to the same size,
    would leave its status as it was (git calls such an entry racily clean). None on Windows,
    where st_ctime is when a file was made, and a program that writes a file and sets its
    modification time back leaves its status as it was: every file is read there, as before.

    The times are the file system's, compared with this machine's clock: a network file
    system whose server's clock is seconds behind could take a file changed just now for
    settled."""
    settled: dict[str, list[int]] = {}
    for stamp in stamps:
        status = _status(stamp[0])
        if status is not None and _has_settled(status) and _stamp(Path(stamp[0])) == stamp:
            settled[stamp[0]] = status
    return settled


def _has_settled(status: list[int] | None) -> bool:
    """Whether a file's status (_status) has not changed for SETTLED_SECONDS (never on
    Windows: see _settled)."""
    if status is None or os.name == "nt":
        return False
    return max(status[1:3]) <= time.time_ns() - SETTLED_SECONDS * 10**9


class _Checks:
    """Whether each file still has the content of its stamp: the same status as when the
    entry was compiled, if the file had settled then (meta's `settled`), or as a later run
    found it settled (the entry's `.settled` file beside it); else the same size and checksum,
    read. A file read and found the same that has settled since is written down for the runs
    after (`learn`): a file saved just before the catalogue was compiled, as after most edits,
    is read once more, not on every run.

    Beside the entry rather than in it, since an entry is never changed in place; each status
    is kept with the stamp it was checked against, and counts only for an entry of that same
    stamp."""

    def __init__(self, entry: Path, settled: dict[str, list[int]]) -> None:
        self.later = entry.with_name(f".{entry.name}.settled")
        self.settled = settled
        try:
            found = unseal(self.later.read_bytes())
        except (OSError, ValueError):
            found = None
        self.found: dict[str, list[Any]] = found if isinstance(found, dict) else {}
        self.new: dict[str, list[Any]] = {}

    def unchanged(self, file: Path, stamp: list[Any]) -> bool:
        try:
            absolute = os.path.abspath(file)
        except ValueError:
            return False
        if absolute != stamp[0]:
            return False
        status = _status(absolute)  # before reading the file: see _settled
        if status is not None:
            if status == self.settled.get(absolute):
                return True
            known = self.found.get(absolute)
            if isinstance(known, list) and known == [stamp, status]:
                return True
        if _stamp(file) != stamp:
            return False
        if _has_settled(status):
            self.new[absolute] = [stamp, status]
        return True

    def learn(self) -> None:
        """Write down the files found settled since the entry was compiled, if any."""
        if not self.new:
            return
        temporary = self.later.with_name(f"{self.later.name}.{os.urandom(4).hex()}.tmp")
        try:
            temporary.write_bytes(seal({**self.found, **self.new}))
            os.replace(temporary, self.later)
        except OSError:
            _remove(temporary)  # a read-only cache: the next run reads the file again


def _open(entry: Path, path: Path) -> Compiled | None:
    """The entry, if it is whole and was compiled from these very files; a damaged one goes."""
    import sqlite3  # here: a run that opens no catalogue (--help, --version) never needs it

    from .store.compiled import Compiled, Damaged, sqlite_uri

    try:
        with open(entry, "rb") as file:
            header = file.read(100)
            size = os.fstat(file.fileno()).st_size
    except OSError:
        return None  # no entry yet
    connection = None
    try:
        if size != _length(header):
            raise Damaged("cut short, or not an SQLite file")
        # immutable: an entry is never changed in place (a new one is renamed over it)
        connection = sqlite3.connect(sqlite_uri(entry, "ro") + "&immutable=1", uri=True)
        compiled = Compiled(connection, path)
        meta = compiled.meta
        if [meta["format"], meta["version"]] != [FORMAT, __version__]:
            connection.close()
            return None  # from another version: compiled afresh
    except (sqlite3.DatabaseError, ValueError, KeyError, TypeError, IndexError):
        # not trusted, and not kept: a full load follows, and writes a sound entry if it can
        if connection is not None:
            connection.close()
        _remove(entry)
        return None
    if not _current(meta, path, entry):
        connection.close()
        return None
    try:
        os.utime(entry)  # used now: the last to be removed
    except OSError:
        pass
    OPENED.append(entry)
    return compiled


def _length(header: bytes) -> int:
    """The length of the SQLite file this is the header of (-1 if it is not one): its page
    size times its number of pages, as the last write left them."""
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        return -1
    if header[24:28] != header[92:96]:  # the page count is stale: SQLite would count pages
        return -1
    page_size = int.from_bytes(header[16:18], "big")
    return (65536 if page_size == 1 else page_size) * int.from_bytes(header[28:32], "big")


def _current(meta: dict[str, Any], path: Path, entry: Path) -> bool:
    """Whether every file and glob is as the entry was compiled from."""
    try:
        checks = _Checks(entry, meta["settled"])
        if not checks.unchanged(path, meta["catalogue"]):
            return False
        # the other files as the loader names them: relative to the entry as the user named it
        for relative, file_stamp in meta["files"]:
            if not checks.unchanged(path.parent / relative, file_stamp):
                return False
        for _, directory, pattern, matched in meta["includes"]:
            if matched is not None and _globbed(path.parent / directory, pattern) != sorted(
                matched
            ):
                return False  # a file added or removed where a glob looks
    except (OSError, ValueError, KeyError, TypeError):
        return False
    checks.learn()
    return True


def _globbed(directory: Path, pattern: str) -> list[str]:
    """The files a glob matches, as the entry records them (none for one the loader refused)."""
    from .catalogue.location import globbed

    try:
        return [str(found.relative_to(directory)) for found in globbed(directory, pattern)]
    except ValueError:
        return []


def _meta(stamp: list[Any], catalogue: Catalogue) -> dict[str, Any] | None:
    """What an entry is checked against when opened; None if a file changed as it was read."""
    base = catalogue.path.parent

    def relative(path: Path) -> str:
        return os.path.relpath(path, base)

    # each file as the loader read it: one saved meanwhile (by an editor, another jjj) no
    # longer matches, and the next run loads afresh rather than trust what it was not built from
    if list(catalogue.stamps.get(catalogue.path, ())) != stamp[1:]:
        return None
    files: list[tuple[str, list[Any]]] = []
    for other in (*catalogue.files[1:], *(source.path for source in catalogue.sources)):
        if other not in catalogue.stamps:
            return None
        files.append((relative(other), [os.path.abspath(other), *catalogue.stamps[other]]))
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
    return {
        "format": FORMAT,
        "version": __version__,
        "catalogue": stamp,
        "files": files,
        "settled": _settled([stamp, *(file_stamp for _, file_stamp in files)]),
        "includes": includes,
    }


def _write(entry: Path, stamp: list[Any], catalogue: Catalogue) -> Compiled | None:
    """Compile the catalogue into a new entry and open it; None if it could not be written."""
    import sqlite3

    from .store.build import compile_catalogue
    from .store.compiled import Compiled, sqlite_uri

    meta = _meta(stamp, catalogue)
    if meta is None:
        return None
    # os.urandom is what the secrets module would use, without the import (a few ms)
    temporary = entry.with_name(f".{entry.name}.{os.urandom(4).hex()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(temporary)
        try:
            # no journal, no waiting for the disk: a damaged entry fails its checks on
            # opening, and costs one full load
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            compile_catalogue(connection, catalogue, meta)
        finally:
            connection.close()
        # on the disk before it takes the entry's name: pages a crash left unwritten would
        # pass the checks on opening, which read the file's length and first pages only
        descriptor = os.open(temporary, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, entry)
        _remove(entry.with_name(f".{entry.name}.settled"))  # the entry it replaced found those
        opened = sqlite3.connect(sqlite_uri(entry, "ro") + "&immutable=1", uri=True)
        compiled = Compiled(opened, catalogue.path, loaded=catalogue)
    except (OSError, sqlite3.Error):
        _remove(temporary)
        return None  # a read-only or full disk costs the next run a full load, nothing more
    _prune(entry)
    return compiled


def _prune(kept: Path) -> None:
    """Remove the least recently used entries beyond MAX_ENTRIES or MAX_BYTES; keep `kept`."""
    entries, now = [], time.time()
    try:
        with os.scandir(kept.parent) as listing:
            for found in listing:
                entry = found.name.startswith("catalogue-") and found.name.endswith(
                    (_SUFFIX, *_OLD_SUFFIXES)
                )
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
    """Remove an entry (and what a later run found settled for it), or a temporary file."""
    for path in (entry, entry.with_name(f".{entry.name}.settled")):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass  # a directory, or no permission: left alone
