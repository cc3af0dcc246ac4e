"""The shipped catalogue leaves nothing of the experts' words out.

Every character of the source must be accounted for: an item's quote, the editors'
framing, an expert's name line, a headline, a moderator's question, or one of the few
connecting phrases listed here with the reason they carry no claim of their own.
"""

from __future__ import annotations

import re

import pytest

from jjj_cli.catalogue import load_catalogue, normalise

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


def test_every_part_of_the_source_is_catalogued(catalogue, source_text):
    covered = [False] * len(source_text)
    # Items first: a headline may repeat words an expert also says in the answer.
    for item in catalogue.items:
        _mark(covered, source_text, normalise(item.quote), item.id)
    _mark(covered, source_text, normalise(catalogue.source.framing_zh), "the framing")
    for expert in catalogue.experts:
        [appearance] = catalogue.appearing[expert.id]
        _mark(covered, source_text, normalise(appearance.headline_zh), f"{expert.id} headline")
        _mark(
            covered,
            source_text,
            "主持人:" + normalise(appearance.question_zh),
            f"{expert.id} question",
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
        _mark(covered, source_text, match.group(0), f"{expert.id} name line")

    assert set(_uncovered_runs(source_text, covered)) == CONNECTIVES


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
