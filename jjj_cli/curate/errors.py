"""What a curator's change can end in instead of being written: each says why, and that
nothing was written. Apart from curate.edit, so that the process boundary (cli/process.py)
can name them without importing the editing itself (it imports them only once a run has
failed)."""

from __future__ import annotations

from pathlib import Path

from ..catalogue import CatalogueError
from ..catalogue.location import display_path
from ..catalogue.reasons import system_reason
from ..language import _


def nothing_written(reason: str) -> str:
    """Why a change was refused, and that nothing was written, in the run's language."""
    return _("{reason}; nothing written").format(reason=reason)


class EditRefused(Exception):
    """A change jjj will not make, or cannot make as asked; nothing was written. A usage
    problem (exit 2) unless a subclass says otherwise."""


class InstalledCatalogue(EditRefused):
    """The change would write into the catalogue installed with jjj: an upgrade would lose it,
    and it is not the curator's to change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        message = _(
            "{file} is the catalogue installed with jjj, which jjj does not change; nothing "
            "written. `jjj init DIR --from-shipped` copies it to DIR to extend"
        )
        super().__init__(message.format(file=display_path(path)))


class ShippedNotNamed(EditRefused):
    """The change would write into the shipped catalogue of a source checkout (an editable
    install), which no option named: it is changed only on purpose, never by default."""

    def __init__(self, path: Path) -> None:
        self.path = path
        message = _(
            "no catalogue named, and jjj changes the one it ships ({file}) only when it is "
            "named with --catalogue; nothing written. `jjj init DIR` starts a catalogue of your "
            "own (use it with JJJ_CATALOGUE)"
        )
        super().__init__(message.format(file=display_path(path)))


class NotWritable(EditRefused):
    """The system refuses to write a file of the change (exit 3): no permission, a full disk.
    Every file is as it was."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = path
        message = _("cannot write {file}: {reason}; nothing written")
        super().__init__(message.format(file=display_path(path), reason=system_reason(error)))


class ChangedSinceRead(EditRefused):
    """A file changed on disk between jjj reading it and writing the change (exit 1): writing
    would lose the other change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        message = _("{file} changed since jjj read it; nothing written")
        super().__init__(message.format(file=display_path(path)))


class WouldChangeHeld(EditRefused):
    """Written as the command would write it, a file would hold more than the records it adds,
    or less (a table landed inside another record's multi-line string, a layout misread)."""

    def __init__(self, path: Path, what: str, reason: str) -> None:
        self.path = path
        message = _(
            "cannot add {what} to {file} without changing what it holds: {reason}; nothing written"
        )
        super().__init__(message.format(what=what, file=display_path(path), reason=reason))


class WouldNotValidate(CatalogueError):
    """The catalogue, as the change would leave it, has problems (exit 1); nothing was written.
    The problems are the loader's, in the files as they would be."""
