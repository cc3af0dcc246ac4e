"""Values the cache keeps for jjj alone (a compiled catalogue's head and what it was compiled
from, the files a later run found settled): in marshal, the format of Python's own compiled
modules, each behind a CRC-32 of its bytes.

A cached run reads them before it answers anything. marshal costs it no import (Python has
loaded it to import anything at all), where JSON's module costs about a millisecond of a run
of seven beyond `import typer` (benchmarks/bench.py --scale), and reads several times faster.
Its format is promised only within one version of Python, so the cache names each entry for
the Python that wrote it (cache._entry), as __pycache__ names compiled modules; and it is not
meant for bytes it did not write: a value whose bytes fail their checksum (a damaged file) is
refused before marshal reads it. The checksum guards against damage, not against a hostile
writer: the cache directory is the user's own, as __pycache__ is.
"""

import marshal
import sys
import zlib
from typing import Any

_CHECKSUM = 4  # bytes


def seal(value: Any) -> bytes:
    """The value's bytes in marshal, after their CRC-32."""
    data = marshal.dumps(value)
    return zlib.crc32(data).to_bytes(_CHECKSUM, "big") + data


def unseal(sealed: bytes) -> Any:
    """The value `seal` wrote; ValueError if the bytes are not what it wrote."""
    if not isinstance(sealed, bytes) or len(sealed) < _CHECKSUM:
        raise ValueError("not a sealed value")
    data = memoryview(sealed)[_CHECKSUM:]
    if zlib.crc32(data) != int.from_bytes(sealed[:_CHECKSUM], "big"):
        raise ValueError("a sealed value does not match its checksum")
    try:
        return _load(data)
    except (EOFError, TypeError, ValueError) as error:  # marshal's, for bytes it cannot read
        raise ValueError(f"a sealed value that marshal cannot read: {error}") from None


def _load(data: memoryview) -> Any:
    if sys.version_info >= (3, 13):  # nothing jjj seals is code: never read any
        return marshal.loads(data, allow_code=False)
    return marshal.loads(data)
