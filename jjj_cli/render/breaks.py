"""Where a line of text may break, in English and in Chinese: the pieces that stay together.

English breaks between words only: a word, an id (`cong-beijing-edge-untapped`) or a number
(`2.0`) is one piece. Chinese breaks between characters, but never before closing punctuation
(`，` `。` `）` `”` …) and never after opening punctuation (`（` `“` …), the line-breaking rule
of Chinese typesetting. `wrap` breaks lines here; a search snippet is cut here too
(`starts_piece`, `ends_piece`).

Free of rich, so that a pipe can cut snippets without loading it.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

# Never at the start of a line: they close what stands before them.
CLOSING = frozenset("，。、；：？！）》」』】〗〉〕］｝”’…—·,.;:!?)]}%")
# Never at the end of a line: they open what follows.
OPENING = frozenset("（《「『【〖〈〔［｛“‘([{")


class Unit(NamedTuple):
    start: int
    end: int
    space: bool


def units(line: str) -> list[Unit]:
    """The pieces of one line that stay together: runs of space, single wide (Chinese)
    characters, and runs of anything else (words, ids, numbers); punctuation glued to its
    neighbour as Chinese typesetting wants."""
    units: list[Unit] = []
    position, length = 0, len(line)
    while position < length:
        char = line[position]
        end = position + 1
        if char.isspace():
            while end < length and line[end].isspace():
                end += 1
            units.append(Unit(position, end, True))
        else:
            if not _wide(char):
                while end < length and not line[end].isspace() and not _wide(line[end]):
                    end += 1
            previous = units[-1] if units else None
            if (  # glued to the unit before
                previous is not None
                and not previous.space
                and (char in CLOSING or line[previous.end - 1] in OPENING)
            ):
                units[-1] = Unit(previous.start, end, False)
            else:
                units.append(Unit(position, end, False))
        position = end
    return units


def words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each piece of `text` that a line never breaks inside: a word, an id or
    a number, or a Chinese character, with the punctuation glued to it. Text cut anywhere
    else (a search snippet) splits none of them."""
    return [(unit.start, unit.end) for unit in units(text) if not unit.space]


def starts_piece(text: str, position: int) -> bool:
    """Whether one of `words(text)`'s pieces starts at `position`, read from the characters
    either side of it alone: a character that is no space, after a space or at the start, or
    where a wide character stands on either side and neither punctuation glues the two."""
    if not 0 <= position < len(text) or text[position].isspace():
        return False
    if position == 0 or text[position - 1].isspace():
        return True
    char, before = text[position], text[position - 1]
    return (_wide(char) or _wide(before)) and char not in CLOSING and before not in OPENING


def ends_piece(text: str, position: int) -> bool:
    """Whether one of `words(text)`'s pieces ends at `position` (just before it)."""
    if position <= 0 or position > len(text) or text[position - 1].isspace():
        return False
    return position == len(text) or text[position].isspace() or starts_piece(text, position)


def _wide(char: str) -> bool:
    """Whether the character takes two cells on a terminal (Chinese does), as rich counts it."""
    return unicodedata.east_asian_width(char) in "WF"
