"""The one way a curator's command changes a catalogue: read, change, check, then write.

An `Edit` reads the files a change starts from and remembers their exact bytes. The command
changes their TOML documents (tomlkit keeps every comment, blank line and layout choice of
what it does not touch) or adds files. `commit` writes only if the whole catalogue, as it would
be, validates, and if no file read has changed on disk since: someone else's edit is never
overwritten. Every file is written whole to a temporary file beside it, and the temporary
files are renamed over their targets only once every one of them is ready, so a refusal or a
failure leaves every file as it was.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalogue import Catalogue, CatalogueError, Problem, default_catalogue_path, display_path
from ..catalogue.reasons import system_reason
from ..language import _
from .errors import (
    ChangedSinceRead,
    EditRefused,
    InstalledCatalogue,
    NotWritable,
    ShippedNotNamed,
    WouldChangeHeld,
    WouldNotValidate,
    nothing_written,
)

if TYPE_CHECKING:
    from tomlkit import TOMLDocument

__all__ = [
    "ChangedSinceRead",
    "Edit",
    "EditRefused",
    "InstalledCatalogue",
    "ShippedNotNamed",
    "NotWritable",
    "WouldChangeHeld",
    "WouldNotValidate",
    "nothing_written",
]

# Where the wheel installs the shipped catalogue (an editable install has none: its catalogue is
# the data/ of a source tree, the curator's own to change).
INSTALLED = Path(__file__).resolve().parents[1] / "data"


class Edit:
    """A change to the catalogue whose entry file is `entry` (default: the one jjj uses)."""

    def __init__(self, entry: Path | None = None) -> None:
        self.entry = Path(entry) if entry is not None else default_catalogue_path()
        # the shipped catalogue is changed only when named: not the default a command falls to
        self._unnamed_shipped = entry is None and not os.environ.get("JJJ_CATALOGUE")
        self._read: dict[Path, bytes | None] = {}  # exactly what was read; None: no such file
        self._documents: dict[Path, TOMLDocument] = {}
        self._new: dict[Path, bytes] = {}  # what each file is to hold, in the order given

    def read(self, path: Path) -> str:
        """The text of a file (UTF-8; an editor's byte-order mark left out; "" for a file not
        there yet), its bytes kept to check at commit that nobody has changed it meanwhile."""
        return self._decode(path, self._bytes(path))

    def document(self, path: Path) -> TOMLDocument:
        """A TOML file as a tomlkit document (an empty one for a new file); what the command
        changes in it is written at commit, and nothing else of the file changes."""
        key = _key(path)
        if key not in self._documents:
            import tomlkit
            from tomlkit.exceptions import ParseError

            text = self.read(path)
            try:
                self._documents[key] = tomlkit.parse(text)
            except ParseError as error:
                message = _("TOML syntax error: {reason}").format(reason=error)
                problem = Problem(display_path(path), error.line, None, None, message, error.col)
                raise CatalogueError([problem]) from None
        return self._documents[key]

    def exists(self, path: Path) -> bool:
        """Whether the file will be there after the change (on disk now, or added by it)."""
        key = _key(path)
        return key in self._new or key in self._documents or key.exists()

    def write(self, path: Path, data: str | bytes) -> None:
        """Set what a file is to hold: a file read (its document, if any, is set aside) or a new
        one, which must still be absent when the change is written. A str is written as UTF-8,
        after the byte-order mark the file began with, if any; bytes are written as they are."""
        key = _key(path)
        if key not in self._read:
            self._bytes(key)  # what is there now, or that nothing is: checked again at commit
        self._documents.pop(key, None)
        if isinstance(data, str):
            data = self._bom(key) + data.encode("utf-8")
        self._new[key] = data

    def create(self, path: Path, data: str | bytes) -> None:
        """Add a file that is not there yet (EditRefused if it is)."""
        if self.exists(path):
            message = _("{file} already exists").format(file=display_path(path))
            raise EditRefused(nothing_written(message))
        self.write(path, data)

    def changes(self) -> dict[Path, bytes]:
        """Every file the change writes, with its new bytes: new files first, in the order
        given, then the files changed; a file whose bytes stay the same is left out."""
        wanted = dict(self._new)
        for key, document in self._documents.items():
            wanted[key] = self._bom(key) + document.as_string().encode("utf-8")
        changed = {key: data for key, data in wanted.items() if data != self._read.get(key)}
        return dict(sorted(changed.items(), key=lambda change: self._read[change[0]] is not None))

    def is_new(self, path: Path) -> bool:
        """Whether the change adds the file: it was not there when jjj looked."""
        return self._read.get(_key(path), b"") is None

    def commit(
        self,
        *,
        check_quotes: bool = True,
        expect: Callable[[Catalogue], str | None] | None = None,
    ) -> Catalogue:
        """Write the change and return the catalogue as it now is; or raise, with no file
        touched: InstalledCatalogue, WouldNotValidate, ChangedSinceRead or NotWritable; or
        EditRefused when `expect`, given the validated catalogue as the change would leave it,
        says what is wrong with it (e.g. the record added is not in it)."""
        changes = self.changes()
        for key in changes:
            if key.is_relative_to(INSTALLED.resolve()):
                raise InstalledCatalogue(key)
        if changes and self._unnamed_shipped:
            raise ShippedNotNamed(self.entry)
        catalogue = self._validate(changes, check_quotes)
        if expect is not None and (wrong := expect(catalogue)) is not None:
            raise EditRefused(nothing_written(wrong))
        if not changes:
            return catalogue
        made: list[Path] = []  # directories made for new files: gone again if the change fails
        staged: dict[Path, Path] = {}
        try:
            staged = _stage(changes, made)
            for key, read in self._read.items():
                try:
                    unchanged = _current(key) == read
                except OSError:  # what cannot be read now cannot be known unchanged
                    unchanged = False
                if not unchanged:
                    raise ChangedSinceRead(key)
            _replace_all(staged, {key: self._read[key] for key in changes})
        except BaseException:
            for temporary in staged.values():
                temporary.unlink(missing_ok=True)
            for directory in reversed(made):
                with suppress(OSError):  # not empty: someone else's file is in it now
                    directory.rmdir()
            raise
        return catalogue

    def _validate(self, changes: Mapping[Path, bytes], check_quotes: bool) -> Catalogue:
        """The whole catalogue as the change would leave it (load_catalogue's overlay)."""
        from ..catalogue import load_catalogue

        try:
            return load_catalogue(self.entry, check_quotes=check_quotes, overlay=changes)
        except CatalogueError as error:
            raise WouldNotValidate(error.problems) from None

    def _bytes(self, path: Path) -> bytes | None:
        key = _key(path)
        if key not in self._read:
            try:
                self._read[key] = _current(key)
            except OSError as error:
                message = _("cannot read: {reason}").format(reason=system_reason(error))
                problem = Problem(display_path(key), None, None, None, message)
                raise CatalogueError([problem]) from None
        return self._read[key]

    def _decode(self, path: Path, raw: bytes | None) -> str:
        if raw is None:
            return ""
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            message = _("not UTF-8 text (byte {byte})").format(byte=f"{raw[error.start]:#04x}")
            raise CatalogueError([Problem(display_path(path), None, None, None, message)]) from None

    def _bom(self, key: Path) -> bytes:
        """The byte-order mark the file began with, kept on the file jjj writes back."""
        raw = self._read.get(key) or b""
        return codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""


def _key(path: Path) -> Path:
    """A file's one name, whichever way it was reached (the overlay's keys are these)."""
    return Path(path).resolve()


def _current(key: Path) -> bytes | None:
    """The file's bytes now; None when there is no such file."""
    try:
        return key.read_bytes()
    except FileNotFoundError:
        return None


def _stage(changes: Mapping[Path, bytes], made: list[Path]) -> dict[Path, Path]:
    """Each file's new bytes in a temporary file beside it, on the disk, with its target's
    permissions; the directories it makes are added to `made`. A failure: NotWritable, with
    no temporary file left behind."""
    staged: dict[Path, Path] = {}
    try:
        for key, data in changes.items():
            try:
                for directory in reversed(key.parents):
                    if not directory.exists():
                        directory.mkdir()
                        made.append(directory)
                if key.exists() and not os.access(key, os.W_OK):
                    raise PermissionError(13, "Permission denied")
                temporary = key.with_name(f".{key.name}.{os.urandom(4).hex()}.tmp")
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
                # 0o666 less the umask: the permissions any new file of the user's would get
                descriptor = os.open(temporary, flags, 0o666)
                staged[key] = temporary
                with open(descriptor, "wb") as file:
                    file.write(data)
                    file.flush()
                    os.fsync(file.fileno())
                if key.exists():
                    os.chmod(temporary, key.stat().st_mode & 0o7777)
            except OSError as error:
                raise NotWritable(key, error) from None
    except BaseException:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
        raise
    return staged


def _replace_all(staged: Mapping[Path, Path], before: Mapping[Path, bytes | None]) -> None:
    """Rename each staged file over its target; if one fails, or the run is interrupted
    (Ctrl-C), put back what the others held."""
    done: list[Path] = []
    try:
        for key, temporary in staged.items():
            os.replace(temporary, key)
            done.append(key)
    except BaseException as error:
        failed = next(key for key in staged if key not in done)
        if not staged[failed].exists():  # renamed before the interruption arrived
            done.append(failed)
        for written in reversed(done):
            old = before[written]
            if old is None:
                written.unlink(missing_ok=True)
            else:
                written.write_bytes(old)
        if isinstance(error, OSError):
            raise NotWritable(failed, error) from None
        raise
