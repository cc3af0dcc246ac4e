"""Lines of terminal text wrapped to a width, and text measured for it.

A line breaks only between the pieces `breaks.units` finds: English between words (a word,
an id or a number folded only when it is wider than the whole line), Chinese between
characters, never before closing punctuation nor after opening punctuation. Widths are
terminal cells: a Chinese character takes two.

Every table of jjj's wraps its cells with `wrap`, and measures them with `min_width`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len
from rich.text import Text

from .breaks import units, words


@lru_cache(maxsize=4096)
def _pieces(line: str) -> tuple[tuple[int, int, int, int], ...]:
    """(start, end, width, width of the space before it) of each piece of one line that stays
    together: the same at every width, so measured once for all the widths a title is tried at."""
    pieces: list[tuple[int, int, int, int]] = []
    previous = -1
    for unit in units(line):
        if not unit.space:
            gap = cell_len(line[previous : unit.start]) if previous >= 0 else 0
            pieces.append((unit.start, unit.end, cell_len(line[unit.start : unit.end]), gap))
            previous = unit.end
    return tuple(pieces)


@lru_cache(maxsize=4096)
def line_spans(text: str, width: int) -> tuple[tuple[int, int], ...]:
    """(start, end) of each line of `text` wrapped to `width` cells; explicit line breaks are
    kept, spaces at a break are dropped."""
    width = max(width, 1)
    spans: list[tuple[int, int]] = []
    offset = 0
    for hard_line in text.split("\n"):
        start = end = -1
        used = 0
        for piece_start, piece_end, size, gap in _pieces(hard_line):
            if start >= 0 and used + gap + size <= width:
                end, used = piece_end, used + gap + size
                continue
            if start >= 0:
                spans.append((offset + start, offset + end))
            start, end, used = piece_start, piece_end, size
            while used > width:  # wider than a whole line: fold it, character by character
                cut, cells = start, 0
                while cells + cell_len(hard_line[cut]) <= width:
                    cells += cell_len(hard_line[cut])
                    cut += 1
                cut = max(cut, start + 1)
                spans.append((offset + start, offset + cut))
                start, used = cut, cell_len(hard_line[cut:end])
        spans.append((offset + max(start, 0), offset + max(end, 0)))
        offset += len(hard_line) + 1
    return tuple(spans)


def wrap(text: Text | str, width: int) -> list[Text]:
    """The text's lines at `width` cells, styles kept."""
    if isinstance(text, str):
        text = Text(text)
    return [text[start:end] for start, end in line_spans(text.plain, width)]


# How a list is written in a cell (layout.cell_text): its elements joined by this.
LIST_SEPARATOR = ", "


def _elements(plain: str) -> list[tuple[int, int]]:
    """(start, end) of each element of a list written in a cell, its comma included."""
    spans, start = [], 0
    for part in plain.split(LIST_SEPARATOR):
        end = start + len(part)
        spans.append((start, end if end == len(plain) else end + 1))
        start = end + len(LIST_SEPARATOR)
    return spans


def wrap_list(text: Text | str, width: int) -> list[Text]:
    """A list's lines at `width` cells, broken only between its elements: an id or an alias
    (集群, 自贸试验区) stays whole on a line; one wider than the line wraps as text does."""
    if isinstance(text, str):
        text = Text(text)
    lines: list[Text] = []
    start = end = -1
    for element_start, element_end in _elements(text.plain):
        element = text[element_start:element_end]
        if start >= 0 and cell_len(text.plain[start:element_end]) <= width:
            end = element_end
            continue
        if start >= 0:
            lines.append(text[start:end])
        start, end = element_start, element_end
        if element.cell_len > width:  # only wrapping shows it: as text, then a line of its own
            lines += wrap(element, width)
            start = end = -1
    if start >= 0:
        lines.append(text[start:end])
    return lines


# A name among names (`产业集群、交通互联 · 北京、天津`): its mark after it (、 or a comma), and
# the ` ·` that ends the themes before the regions.
_NAME = re.compile(r"(?:[^ 、]+、?|、)(?: ·(?= |$))?")


def wrap_names(text: Text | str, width: int) -> list[Text]:
    """A line of names at `width` cells, broken only between names (after `、`, or at a
    space), so that no name is split between lines (北京, 中关村国家自主创新示范区); a name
    wider than the line wraps as text does."""
    if isinstance(text, str):
        text = Text(text)
    plain = text.plain
    lines: list[Text] = []
    start = end = -1
    for name in _NAME.finditer(plain):
        if start >= 0 and cell_len(plain[start : name.end()]) <= width:
            end = name.end()
            continue
        if start >= 0:
            lines.append(text[start:end])
        start, end = name.span()
        if cell_len(name.group()) > width:  # only wrapping shows it
            lines += wrap(text[start:end], width)
            start = end = -1
    if start >= 0:
        lines.append(text[start:end])
    return lines


def list_min_width(text: Text | str) -> int:
    """The narrowest width a list wraps into with every element whole, but for an element of
    several words (Beijing Daxing International Airport), which may break between them."""
    plain = text.plain if isinstance(text, Text) else text
    return max(
        (
            min_width(element) if " " in element.strip() else cell_len(element)
            for element in (plain[start:end] for start, end in _elements(plain))
        ),
        default=0,
    )


def min_width(text: Text | str) -> int:
    """The narrowest width the text wraps into without folding a word, id or number."""
    plain = text.plain if isinstance(text, Text) else text
    return max((cell_len(plain[start:end]) for start, end in words(plain)), default=0)


def natural_width(text: Text | str) -> int:
    """The width of the text's longest line, unwrapped."""
    plain = text.plain if isinstance(text, Text) else text
    return max((cell_len(line) for line in plain.split("\n")), default=0)


def width_for(text: Text | str, lines: int) -> int:
    """The narrowest width that wraps the text into at most `lines` lines without folding a
    word, id or number (its unwrapped width when even that takes more)."""
    plain = text.plain if isinstance(text, Text) else text
    low, high = max(min_width(plain), 1), max(natural_width(plain), 1)
    while low < high:
        middle = (low + high) // 2
        if len(line_spans(plain, middle)) <= lines:
            high = middle
        else:
            low = middle + 1
    return high


def balanced_width(text: Text | str, width: int) -> int:
    """The narrowest width that wraps the text into no more lines than `width` does: lines
    of even length, rather than full lines and a last word (or character) alone."""
    plain = text.plain if isinstance(text, Text) else text
    return min(width_for(plain, len(line_spans(plain, width))), width)


# How many narrower widths wrap_title tries before it wraps a title as evenly as it can.
TITLE_TRIES = 12


def wrap_title(text: Text | str, width: int) -> list[Text]:
    """A title's lines at `width` cells: full lines, unless the last would hold a word or a
    few words or characters (less than half the width); then as many lines, of even length."""
    lines = wrap(text, width)
    if len(lines) < 2 or lines[-1].cell_len >= width // 2:
        return lines
    # the widest that fills the last line enough in as many lines: lines stay nearly full,
    # where wrapping as evenly as possible would leave some ragged (a short line mid-title);
    # a few tries, then the most even wrapping (each try is a wrap of the whole title); never
    # narrower than the longest word, which would fold it
    stop = max(width // 2, width - TITLE_TRIES, min_width(text) - 1)
    for narrower in range(width - 1, stop, -1):
        candidate = wrap(text, narrower)
        if len(candidate) > len(lines):
            break
        if candidate[-1].cell_len >= narrower // 2:
            return candidate
    return wrap(text, balanced_width(text, width))
