"""Why the system refused to read or write a file, as a person reads it in the run's language.

The C library's own texts (`strerror`) are English whatever the locale of a Python program:
the common ones are translated here, where they are the texts jjj knows; any other is shown
as the system gives it.
"""

from __future__ import annotations

import errno

from ..language import N_, _

# Each error number and the system's text for it, as the C library of Linux and macOS writes
# it (a system that words it otherwise is shown as it words it).
_KNOWN = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.ENAMETOOLONG: N_("File name too long"),
}


def system_reason(error: OSError) -> str:
    """The system's reason for `error`, translated when it is one of the texts jjj knows."""
    text = error.strerror or str(error)
    return _(text) if _KNOWN.get(error.errno or 0) == text else text
