"""The shipped catalogue leaves nothing of the experts' words out.

Every character of the source must be accounted for: an item's quote, the editors'
framing, an expert's name line, a headline, a moderator's question, or one of the few
connecting phrases listed here with the reason they carry no claim of their own.

The marking here is the test's own reading of the source, and the oracle for `jjj coverage`:
the command's report on the shipped catalogue must say, sentence by sentence, what it says.
The connecting phrases stay uncovered there: the catalogue records no claim for them, and
`jjj coverage --strict` on the shipped catalogue exits 1 for exactly these two.
"""

from __future__ import annotations

import functools
import json
import re

import pytest

from jjj_cli.catalogue import load_catalogue, normalise

from .invoke import jjj
from .paths import SHIPPED

# Phrases between claims that announce what follows and say nothing themselves.
CONNECTIVES = {
    # Zhao Hong, introducing his four numbered points.
    "加快打造京津冀高端产业集群应着力做好以下工作。",
    # Zhao Hong, introducing the Beijing / Tianjin-Hebei contrast on green industry.
    "从京津冀区域来看，",
}


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def source_text(catalogue) -> str:
    return normalise(catalogue.source_text)


def _mark(covered: list[bool], text: str, part: str, what: str) -> None:
    """Mark the first occurrence of `part` that nothing else has claimed yet."""
    start = text.find(part)
    while start >= 0 and any(covered[start : start + len(part)]):
        start = text.find(part, start + 1)
    assert start >= 0, (
        f"{what} is not in the source, or only inside text already claimed: {part[:40]}"
    )
    for i in range(start, start + len(part)):
        covered[i] = True


def _uncovered_runs(text: str, covered: list[bool]) -> list[str]:
    runs, current = [], []
    for char, seen in zip(text, covered):
        if seen:
            if current:
                runs.append("".join(current))
                current = []
        else:
            current.append(char)
    if current:
        runs.append("".join(current))
    return runs


class Reading:
    """The test's own account of the source: who or what claims each character."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.covered = [False] * len(text)
        self.kinds: list[str] = ["uncovered"] * len(text)
        self.items: list[str | None] = [None] * len(text)

    def claim(self, part: str, what: str, kind: str, item: str | None = None) -> None:
        before = self.covered.copy()
        _mark(self.covered, self.text, part, what)
        for index, (was, now) in enumerate(zip(before, self.covered)):
            if now and not was:
                self.kinds[index], self.items[index] = kind, item


@pytest.fixture(scope="module")
def reading(catalogue, source_text) -> Reading:
    read = Reading(source_text)
    # Items first: a headline may repeat words an expert also says in the answer.
    for item in catalogue.items:
        read.claim(normalise(item.quote), item.id, "covered", item.id)
    read.claim(normalise(catalogue.source.framing_zh), "the framing", "framing")
    for expert in catalogue.experts:
        [appearance] = catalogue.appearing[expert.id]
        read.claim(normalise(appearance.headline_zh), f"{expert.id} headline", "headline")
        read.claim(
            "主持人:" + normalise(appearance.question_zh), f"{expert.id} question", "question"
        )
        # The name line, with either kind of bracket the page used.
        pattern = (
            re.escape(expert.name_zh)
            + r"[（(]"
            + re.escape(normalise(expert.affiliation_zh))
            + r"[）)]："
        )
        match = re.search(pattern, source_text)
        assert match, f"{expert.id}: name and affiliation not found as printed"
        read.claim(match.group(0), f"{expert.id} name line", "name")
    return read


def test_every_part_of_the_source_is_catalogued(reading):
    assert set(_uncovered_runs(reading.text, reading.covered)) == CONNECTIVES


def test_jjj_coverage_reports_each_sentence_as_the_reading_above_finds_it(reading):
    result = jjj("coverage", "--json", catalogue=SHIPPED)
    assert result.exit_code == 0, result.output
    sentences = json.loads(result.stdout)
    # the sentences are the whole text, in order, each ending where a sentence ends
    assert "".join(sentence["text"] for sentence in sentences) == reading.text
    for sentence, following in zip(sentences, sentences[1:]):
        if sentence["paragraph"] == following["paragraph"]:
            assert re.search("[。！？][”’」』）)》】]*$", sentence["text"]), sentence
    start = 0
    for sentence in sentences:
        end = start + len(sentence["text"])
        kinds = reading.kinds[start:end]
        others = [kind for kind in kinds if kind != "covered"]
        expected = (
            "uncovered" if "uncovered" in kinds else others[0] if others else "covered"
        )  # the kind of the part no item covers, as `jjj coverage` documents it
        assert sentence["status"] == expected, sentence
        assert sentence["items"] == list(dict.fromkeys(filter(None, reading.items[start:end])))
        assert sentence["line"] == _line_of(reading.text, start), sentence
        start = end
    uncovered = [sentence["text"] for sentence in sentences if sentence["status"] == "uncovered"]
    assert [
        next(phrase for phrase in CONNECTIVES if phrase in text) for text in uncovered
    ] == sorted(CONNECTIVES, key=reading.text.find)
    assert jjj("coverage", "--strict", catalogue=SHIPPED).exit_code == 1


def _line_of(text: str, offset: int) -> int:
    """The line of the stored source file that holds the character at `offset` of `text`
    (the source without its whitespace), counted afresh from the file."""
    return _lines_of_characters()[offset]


@functools.cache
def _lines_of_characters() -> list[int]:
    raw = (SHIPPED.parent / "sources" / "jjj-roundtable.zh.txt").read_text(encoding="utf-8")
    return [number for number, line in enumerate(raw.split("\n"), 1) for _ in normalise(line)]


def test_quotes_do_not_overlap(catalogue, source_text):
    """One claim, one item: no two items quote the same words."""
    spans = []
    for item in catalogue.items:
        start = source_text.find(normalise(item.quote))
        spans.append((start, start + len(normalise(item.quote)), item.id))
    spans.sort()
    for (_, end, first), (start, _, second) in zip(spans, spans[1:]):
        assert start >= end, f"{first} and {second} quote overlapping text"


def test_each_question_and_headline_sits_next_to_its_experts_answer(catalogue, source_text):
    """The page prints each headline-question pair right after the answer it belongs to."""
    experts = catalogue.experts
    for expert, following in zip(experts, list(experts[1:]) + [None]):
        last_quote_end = max(
            source_text.find(normalise(i.quote)) + len(normalise(i.quote))
            for i in catalogue.items
            if i.expert == expert.id
        )
        [appearance] = catalogue.appearing[expert.id]
        headline = source_text.rfind(normalise(appearance.headline_zh))
        question = source_text.find("主持人:" + normalise(appearance.question_zh))
        next_answer = (
            source_text.find(following.name_zh) if following is not None else len(source_text)
        )
        assert last_quote_end <= headline < next_answer, expert.id
        assert last_quote_end <= question < next_answer, expert.id
