"""Where a line of text may break, in English and in Chinese: the pieces that stay together.

English breaks between words only: a word, an id (`cong-beijing-edge-untapped`) or a number
(`2.0`) is one piece. Chinese breaks between characters, but never before closing punctuation
(`，` `。` `）` `”` …) and never after opening punctuation (`（` `“` …), the line-breaking rule
of Chinese typesetting. `wrap` breaks lines here; a search snippet is cut here too.

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


def words_around(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`words(text)`, but only those from the nearest place before `start` to the nearest after
    `end` where a piece begins whatever stands before it (a space; a Chinese character that
    neither closes nor follows an opening mark): every piece that reaches into start…end, each
    as `words` cuts it, without reading the rest of a long text (a search snippet's field)."""
    left = max(0, min(start, len(text)))
    while left > 0 and not _starts_afresh(text, left):
        left -= 1
    right = max(left, min(end, len(text)))
    while right < len(text) and not _starts_afresh(text, right):
        right += 1
    return [(left + a, left + b) for a, b in words(text[left:right])]


def _starts_afresh(text: str, position: int) -> bool:
    """Whether `units` cuts at `position` whatever text stands before it."""
    if position in (0, len(text)) or text[position].isspace():
        return True  # no piece runs across a space, nor beyond the text
    char = text[position]
    return _wide(char) and char not in CLOSING and text[position - 1] not in OPENING


def _wide(char: str) -> bool:
    """Whether the character takes two cells on a terminal (Chinese does), as rich counts it."""
    return unicodedata.east_asian_width(char) in "WF"
