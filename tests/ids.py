"""Test ids in printable ASCII, for every parameter (see conftest.py for why)."""

from collections.abc import Iterable


def printable(text: str) -> str:
    """The text with each character outside printable ASCII, and the backslash, written as its
    code point: 京津冀 as U+4EACU+6D25U+5180, a newline as U+000A."""
    return "".join(
        char if " " <= char <= "~" and char != "\\" else f"U+{ord(char):04X}" for char in text
    )


def joined(args: Iterable[str]) -> str:
    """A command line's arguments as a test's id: `search U+96C4U+5B89 --json`."""
    return printable(" ".join(args))
