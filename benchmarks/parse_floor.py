"""The floor a catalogue's cold load is measured against: import typer, parse its TOML files.

    python benchmarks/parse_floor.py CATALOGUE.toml

Parses the entry file and every file its `include` patterns reach (relative to the file that
names them, each file once), with tomllib and nothing else: no validation, no source texts.
A jjj command that loads the catalogue cannot do less than start Python, import typer and
parse the same files.
"""

import sys
from pathlib import Path

import tomllib
import typer  # noqa: F401  (the cost of importing it is part of the floor)


def parse_all(entry: Path) -> int:
    """Parse the entry and the files it includes, depth-first; return how many were parsed."""
    seen: set[Path] = set()
    pending = [entry]
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        with path.open("rb") as file:
            data = tomllib.load(file)
        patterns = data.get("include", [])
        for pattern in reversed([patterns] if isinstance(patterns, str) else patterns):
            pending.extend(sorted(path.parent.glob(pattern), reverse=True))
    return len(seen)


if __name__ == "__main__":
    parse_all(Path(sys.argv[1]))
