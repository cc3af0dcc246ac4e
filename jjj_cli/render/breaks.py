"""Where a line of text may break, in English and in Chinese: the pieces that stay together.

English breaks between words only: a word, an id (`cong-beijing-edge-untapped`) or a number
(`2.0`) is one piece. Chinese breaks between characters, but never before closing punctuation
(`，` `。` `）` `”` …) and never after opening punctuation (`（` `“` …), the line-breaking rule
of Chinese typesetting; nor between a number and the character after it, its measure word or
unit, with or without a space between (`2019年`, `22 个地区`). `wrap` breaks lines here; a
search snippet is cut here too (`starts_piece`, `ends_piece`).

Free of rich, so that a pipe can cut snippets without loading it.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

# Never at the start of a line: they close what stands before them.
CLOSING = frozenset("，。、；：？！）》」』】〗〉〕］｝”’…—·,.;:!?)]}%")
# Never at the end of a line: they open what follows.
OPENING = frozenset("（《「『【〖〈〔［｛“‘([{")
# A number (digits, with its decimal point or thousands' commas): the Chinese character after
# it, its measure word or unit, stays with it.
DIGITS = frozenset("0123456789")
_IN_NUMBERS = DIGITS | frozenset(".,")


class Unit(NamedTuple):
    start: int
    end: int
    space: bool


def units(line: str) -> list[Unit]:
    """The pieces of one line that stay together: runs of space, single wide (Chinese)
    characters, and runs of anything else (words, ids, numbers); punctuation glued to its
    neighbour as Chinese typesetting wants, and a number to the character after it."""
    units: list[Unit] = []
    position, length = 0, len(line)
    while position < length:
        char = line[position]
        end = position + 1
        if char.isspace():
            while end < length and line[end].isspace():
                end += 1
            if units and _counts(line, units[-1], end):
                units[-1] = Unit(units[-1].start, end + 1, False)  # the measure word too
                end += 1
            else:
                units.append(Unit(position, end, True))
        else:
            if not _wide(char):
                while end < length and not line[end].isspace() and not _wide(line[end]):
                    end += 1
            previous = units[-1] if units else None
            if (  # glued to the unit before
                previous is not None
                and not previous.space
                and (
                    char in CLOSING
                    or line[previous.end - 1] in OPENING
                    or (_counting(char) and _number_before(line, previous.end))
                )
            ):
                units[-1] = Unit(previous.start, end, False)
            else:
                units.append(Unit(position, end, False))
        position = end
    return units


def _counts(line: str, previous: Unit, after: int) -> bool:
    """Whether the space before `after` stands between a number (ending `previous`) and a
    Chinese character that counts it (`22 个地区`): the three stay together."""
    return (
        not previous.space
        and after < len(line)
        and _counting(line[after])
        and _number_before(line, previous.end)
    )


def _counting(char: str) -> bool:
    """Whether a character after a number may count it: a wide one, but no opening mark."""
    return _wide(char) and char not in OPENING


def _number_before(text: str, end: int) -> bool:
    """Whether the run of narrow characters that ends at `end` is a number (`22`, `6.31`,
    `131,716`), not a word or an id that ends in digits (`COVID-19`)."""
    start = end
    while start > 0 and not text[start - 1].isspace() and not _wide(text[start - 1]):
        start -= 1
    run = text[start:end]
    return run[-1:] in DIGITS and all(char in _IN_NUMBERS for char in run)


def words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each piece of `text` that a line never breaks inside: a word, an id or
    a number, or a Chinese character, with the punctuation glued to it. Text cut anywhere
    else (a search snippet) splits none of them."""
    return [(unit.start, unit.end) for unit in units(text) if not unit.space]


def starts_piece(text: str, position: int) -> bool:
    """Whether one of `words(text)`'s pieces starts at `position`, read from the characters
    around it alone: a character that is no space, after a space or at the start (but for a
    measure word after a number and a space), or where a wide character stands on either side
    and neither punctuation nor a number glues the two."""
    if not 0 <= position < len(text) or text[position].isspace():
        return False
    if position == 0:
        return True
    char, before = text[position], text[position - 1]
    if before.isspace():
        run = position - 1  # where the space before it starts
        while run > 0 and text[run - 1].isspace():
            run -= 1
        return not (run > 0 and _counting(char) and _number_before(text, run))
    if _counting(char) and _number_before(text, position):  # a measure word after its number
        return False
    return (_wide(char) or _wide(before)) and char not in CLOSING and before not in OPENING


def ends_piece(text: str, position: int) -> bool:
    """Whether one of `words(text)`'s pieces ends at `position` (just before it)."""
    if position <= 0 or position > len(text) or text[position - 1].isspace():
        return False
    if position == len(text):
        return True
    if text[position].isspace():
        after = position  # where the space after it ends
        while after < len(text) and text[after].isspace():
            after += 1
        return not (after < len(text) and _counting(text[after]) and _number_before(text, position))
    return starts_piece(text, position)


def _wide(char: str) -> bool:
    """Whether the character takes two cells on a terminal (Chinese does), as rich counts it."""
    return unicodedata.east_asian_width(char) in "WF"
