"""Writing output files so that nothing is lost: never half a file, never an unasked overwrite."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .language import N_, _


class OutputExists(FileExistsError):
    """The output file is already there and overwriting it was not asked for (--force)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(_("{path} already exists; use --force to overwrite it").format(path=path))


class NotAFile(ValueError):
    """The output names a directory, where a file was wanted."""

    def __init__(self, written: str) -> None:
        self.written = written
        example = Path(written) / "items.csv"
        message = _("{path} names a directory: name a file in it, such as {example}")
        super().__init__(message.format(path=written, example=example))


def output_path(written: str) -> Path:
    """The output file a user typed, as a path: NotAFile for a directory, whether it is there
    or its name ends in a separator (which a Path forgets: `out/` would write a file `out`)."""
    if written.endswith(tuple(filter(None, (os.sep, os.altsep)))) or Path(written).is_dir():
        raise NotAFile(written)
    return Path(written)


class OutputUnwritable(OSError):
    """The system refused to write the output file: no such directory, no permission, a full
    disk. Whatever was there before is still there."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = path
        reason = error.strerror or str(error)
        super().__init__(_("cannot write {path}: {reason}").format(path=path, reason=reason))


def atomic_write(
    path: Path, data: str | bytes, *, force: bool = False, durable: bool = True
) -> None:
    """Write `data` (str as UTF-8) to `path` all at once, as `atomic_writer` does."""
    with atomic_writer(path, force=force, durable=durable) as file:
        file.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def atomic_writer(path: Path, *, force: bool = False, durable: bool = True) -> Iterator[BinaryIO]:
    """A file to write `path` through, piece by piece, that takes its place only when the
    `with` block ends without an error (atomic_target)."""
    with atomic_target(path, force=force, durable=durable) as temporary:
        with open(temporary, "wb") as file:
            yield file


@contextmanager
def atomic_target(path: Path, *, force: bool = False, durable: bool = True) -> Iterator[Path]:
    """A new, empty file to write in the `with` block, by any means (SQLite opens it by its
    name), that takes the place of `path` only when the block ends without an error.

    Readers, and a crash or a full disk, see the old file or the complete new one: the data
    goes to a temporary file in the same directory, reaches the disk, and is then renamed over
    the target. An error or Ctrl-C in the block removes the temporary file and leaves the
    target as it was. Without `force`, an existing file is left alone: OutputExists; a
    directory, always: NotAFile.
    A write the system refuses raises OutputUnwritable.
    `durable=False` skips waiting for the disk, for files that check themselves when read (a
    crash may then leave a damaged one, never a half-written one under the old name).
    """
    path = Path(path)
    if path.is_dir():  # not even with force: a file cannot replace it
        raise NotAFile(str(path))
    if not force and (path.exists() or path.is_symlink()):
        raise OutputExists(path)
    # os.urandom is what the secrets module would use, without the import (a few ms)
    temporary = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    # 0o666 less the umask: the permissions any new file of the user's would get
    try:
        os.close(os.open(temporary, flags, 0o666))
    except OSError as error:
        raise OutputUnwritable(path, error) from error
    try:
        yield temporary
        if durable:
            descriptor = os.open(temporary, os.O_RDWR | getattr(os, "O_BINARY", 0))
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        os.replace(temporary, path)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        # another output's refusal (a file written alongside this one) names its own file
        if isinstance(error, OSError) and not isinstance(error, (OutputExists, OutputUnwritable)):
            raise OutputUnwritable(path, error) from error
        raise


class DirectoryNotEmpty(OutputExists):
    """The output directory holds files and replacing them was not asked for (--force) or may
    not be done, or a file stands where the directory should be."""

    def __init__(self, path: Path, why: str) -> None:
        self.path = path
        FileExistsError.__init__(self, f"{path} {_(why)}")  # why: marked N_ where it is said


@contextmanager
def atomic_directory(
    path: Path, *, force: bool = False, replaceable: Callable[[Path], bool] = lambda _: True
) -> Iterator[Path]:
    """A new, empty directory to fill in the `with` block, that takes the place of `path`
    only when the block ends without an error: an error or Ctrl-C removes it and leaves
    `path` as it was. An empty or missing `path` is taken; a non-empty one only with `force`
    and when `replaceable(path)` says its files may go (a directory of the user's, or their
    home, is never emptied by a mistyped -o). A file at `path`: NotAFile."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise DirectoryNotEmpty(path, N_("is a file: name a directory"))
    if path.is_dir() and any(path.iterdir()):
        if not force:
            why = N_("is not empty; use --force to replace what is in it")
            raise DirectoryNotEmpty(path, why)
        if not replaceable(path):
            why = N_(
                "is not empty and holds files jjj did not write: name a new or empty directory"
            )
            raise DirectoryNotEmpty(path, why)
    name = path.resolve().name or "site"
    temporary = path.resolve().parent / f".{name}.{os.urandom(4).hex()}.tmp"
    try:
        temporary.mkdir()
    except OSError as error:
        raise OutputUnwritable(path, error) from error
    try:
        yield temporary
        if path.is_dir():  # moved aside, then removed once the new one is in its place
            old = temporary.with_name(f".{name}.{os.urandom(4).hex()}.old")
            os.replace(path, old)
            os.replace(temporary, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(temporary, path)
    except BaseException as error:
        shutil.rmtree(temporary, ignore_errors=True)
        if isinstance(error, OSError):
            raise OutputUnwritable(path, error) from error
        raise
