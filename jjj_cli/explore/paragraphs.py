"""Paragraphs and sentences of the source: the one numbering every location in it uses.

The shipped source is text extracted from a newspaper page. Read whole, it keeps none of the
usual paragraph marks: a blank line follows every printed line (so blank lines say nothing),
and the two-character indent of a paragraph's first line is gone (only the first line of the
article keeps one space). What is left, and what this module reads:

- A paragraph ends at a printed line that ends a sentence (。！？, perhaps followed by a
  closing quotation mark or bracket). The exception is a line as wide as the one before it
  whose next line is not indented (as wide as the line after it): there the sentence merely
  happened to end at the end of a full printed line, and the paragraph goes on.
- A speaker's turn starts a paragraph: `主持人:`, or a name with a bracketed affiliation and a
  colon (`丛屹（天津财经大学经济学院教授）：`). The displaced headlines, which end in no
  punctuation, stand before a turn and so make a paragraph of their own.

A text whose blank lines stand only between paragraphs (most printed lines followed by a line
of text) is read the ordinary way: a blank line ends a paragraph, and so does a speaker's turn.

Sentences end at 。！？ (with any closing marks after it) and at the end of their paragraph;
a ； ends a clause, not a sentence. Paragraphs and sentences are numbered from 1, sentences
within their paragraph. Offsets count characters of the layout-free text (`normalise`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from ..catalogue import normalise
from ..query import CHINESE

SENTENCE_END = "。！？"
_CLOSING = "”’」』）)》】"
_SENTENCE = re.compile(f"[{SENTENCE_END}][{_CLOSING}]*")
_ENDS_SENTENCE = re.compile(f"[{SENTENCE_END}][{_CLOSING}]*$")
# the moderator, or a name of two to four characters with a bracketed affiliation, then a colon
_SPEAKER = re.compile(
    f"(?:主持人|[{CHINESE}]{{2,4}}" r"(?:（[^（）]{1,80}）|\([^()]{1,80}\)))[:：]"
)
# besides Latin letters and digits, what the page set at half a Chinese character's width
_NARROW = "“”‘’"


class Place(NamedTuple):
    """Where a stretch of the source is: paragraph and sentence of its first and last
    character."""

    paragraph: int
    sentence_start: int
    paragraph_end: int
    sentence_end: int

    def __str__(self) -> str:
        if self.paragraph != self.paragraph_end:
            return (
                f"¶{self.paragraph}, sentence {self.sentence_start} – "
                f"¶{self.paragraph_end}, sentence {self.sentence_end}"
            )
        if self.sentence_start == self.sentence_end:
            return f"¶{self.paragraph}, sentence {self.sentence_start}"
        return f"¶{self.paragraph}, sentences {self.sentence_start}–{self.sentence_end}"


@dataclass(frozen=True)
class Paragraph:
    number: int
    start: int  # offsets in the layout-free text
    end: int
    sentences: tuple[tuple[int, int], ...]  # (start, end) of each, in the layout-free text
    line_start: int  # lines of the stored file
    line_end: int


@dataclass(frozen=True)
class Layout:
    """The source without its page layout, cut into numbered paragraphs and sentences."""

    text: str  # normalise(raw)
    lines: tuple[int, ...]  # the stored file's line of each character of `text`
    paragraphs: tuple[Paragraph, ...]

    @cached_property
    def _starts(self) -> list[int]:
        return [paragraph.start for paragraph in self.paragraphs]

    def paragraphs_starting(self, start: int, end: int) -> tuple[Paragraph, ...]:
        """The paragraphs that start at `start` or after and before `end`."""
        starts = self._starts
        return self.paragraphs[bisect_left(starts, start) : bisect_left(starts, end)]

    def paragraph_at(self, offset: int) -> Paragraph:
        """The paragraph that holds the character at `offset`."""
        return self.paragraphs[bisect_right(self._starts, offset) - 1]

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """Every sentence of the text, paragraph by paragraph: (start, end) offsets."""
        return tuple(span for paragraph in self.paragraphs for span in paragraph.sentences)

    @cached_property
    def _sentence_ends(self) -> list[int]:
        return [end for _, end in self.sentences]

    @cached_property
    def _first_sentence(self) -> list[int]:
        """The number in `sentences` of each paragraph's first sentence."""
        numbers, count = [], 0
        for paragraph in self.paragraphs:
            numbers.append(count)
            count += len(paragraph.sentences)
        return numbers

    def sentence_index(self, offset: int) -> int:
        """The number in `sentences` of the first sentence that ends after `offset`."""
        return bisect_right(self._sentence_ends, offset)

    def sentence_at(self, offset: int) -> tuple[Paragraph, int]:
        """The paragraph and the number of the sentence in it that hold `offset`."""
        at = bisect_right(self._starts, offset) - 1
        ends = self._sentence_ends
        first = self._first_sentence[at]
        last = first + len(self.paragraphs[at].sentences)
        return self.paragraphs[at], bisect_right(ends, offset, first, last) - first + 1

    def place(self, start: int, end: int) -> Place:
        """Where the text from `start` to `end` (exclusive) stands."""
        first, sentence_start = self.sentence_at(start)
        last, sentence_end = self.sentence_at(end - 1)
        return Place(first.number, sentence_start, last.number, sentence_end)


class _Line(NamedTuple):
    number: int  # in the stored file, from 1
    start: int  # offset of its first character in the layout-free text
    text: str  # without spaces
    blank_after: bool  # followed by a blank line


def _printed_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    raw_lines = raw.split("\n")  # the loader counts lines by \n too
    for index, line in enumerate(raw_lines):
        text = normalise(line)
        if not text:
            continue
        following = raw_lines[index + 1] if index + 1 < len(raw_lines) else ""
        lines.append(_Line(index + 1, offset, text, not normalise(following)))
        offset += len(text)
    return lines


def _width(text: str) -> float:
    """How wide a printed line was, in Chinese characters."""
    return sum(0.5 if char.isascii() or char in _NARROW else 1 for char in text)


def _ends_paragraph(lines: list[_Line], index: int, text: str, spaced: bool) -> bool:
    """Whether a paragraph ends after lines[index] (the last line of the text excepted)."""
    line, following = lines[index], lines[index + 1]
    if _SPEAKER.match(text, following.start):
        return True
    if not spaced or not line.blank_after:
        return line.blank_after
    if not _ENDS_SENTENCE.search(line.text):
        return False
    full = index > 0 and _width(line.text) >= _width(lines[index - 1].text)
    if not full:
        return True
    after = lines[index + 2] if index + 2 < len(lines) else None
    return after is None or _width(following.text) < _width(after.text)


@lru_cache(maxsize=4)
def layout(raw: str) -> Layout:
    """The paragraphs and sentences of a source text, as the rules above find them."""
    lines = _printed_lines(raw)
    text = "".join(line.text for line in lines)
    spaced = sum(line.blank_after for line in lines) * 2 > len(lines)
    owner = [line.number for line in lines for _ in line.text]
    groups: list[list[_Line]] = []
    for index, line in enumerate(lines):
        if not groups or _ends_paragraph(lines, index - 1, text, spaced):
            groups.append([])
        groups[-1].append(line)
    paragraphs = []
    for number, group in enumerate(groups, 1):
        start, end = group[0].start, group[-1].start + len(group[-1].text)
        sentences = _sentences(text, start, end)
        lines_spanned = group[0].number, group[-1].number
        paragraphs.append(Paragraph(number, start, end, sentences, *lines_spanned))
    return Layout(text, tuple(owner), tuple(paragraphs))


def _sentences(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    bounds = [match.end() for match in _SENTENCE.finditer(text, start, end)]
    if not bounds or bounds[-1] != end:
        bounds.append(end)
    return tuple(zip([start, *bounds[:-1]], bounds))
