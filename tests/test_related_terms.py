"""The terms `related` finds two items share: mined in one pass over the texts, as the plain
reading of the rules below finds them (the catalogue's runs of Chinese characters searched
for in every text), on the shipped catalogue, random ones and one of many items."""

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jjj_cli.catalogue import load_catalogue, normalise
from jjj_cli.explore import similar
from jjj_cli.query import CHINESE

from .paths import SHIPPED
from .test_search_index import catalogues

SHIPPED_CATALOGUE = load_catalogue(SHIPPED)
_RUN = re.compile(f"[{CHINESE}]{{2,}}")


def vocabulary_plainly(catalogue) -> frozenset[str]:
    """similar._vocabulary's rules, each applied as it reads: a run of 2 to 8 characters in
    at least two items' texts and at most a tenth of them, no particle at either end, not a
    common verb, never always inside one longer run, and after a phrase's start somewhere."""
    texts = [normalise(item.title_zh + item.quote) for item in catalogue.items]
    spread: Counter[str] = Counter()
    for text in texts:
        spread.update(
            {
                run[i : i + n]
                for run in _RUN.findall(text)
                for n in range(2, 10)
                for i in range(len(run) - n + 1)
            }
        )
    limit = max(2, similar.COMMON_TERM_SHARE * len(texts))

    def alone_somewhere(gram: str) -> bool:
        longer = [g for g in spread if len(g) == len(gram) + 1 and gram in g]
        return all(spread[g] < spread[gram] for g in longer)

    def starts_a_phrase(gram: str) -> bool:
        for text in texts:
            start = text.find(gram)
            while start >= 0:  # every place it stands, overlapping ones too
                before = text[:start]
                if (
                    not before
                    or not re.match(f"[{CHINESE}]", before[-1])
                    or before[-1] in similar._FUNCTION_CHARS
                    or before[-2:] in similar._GENERIC_TERMS
                ):
                    return True
                start = text.find(gram, start + 1)
        return False

    return frozenset(
        gram
        for gram, count in spread.items()
        if 2 <= count <= limit
        and len(gram) <= 8
        and gram[0] not in similar._FUNCTION_CHARS
        and gram[-1] not in similar._FUNCTION_CHARS
        and gram not in similar._GENERIC_TERMS
        and alone_somewhere(gram)
        and starts_a_phrase(gram)
    )


def shared_plainly(catalogue, terms, item, other) -> list[str]:
    """The terms both texts hold, the longest kept where one holds another, in the order the
    first text uses them, five at most."""
    mine = normalise(item.title_zh + item.quote)
    theirs = normalise(other.title_zh + other.quote)
    both = [term for term in terms if term in mine and term in theirs]
    kept = [term for term in both if not any(term != t and term in t for t in both)]
    return sorted(kept, key=mine.index)[:5]


def test_the_shipped_catalogues_vocabulary_is_the_plain_reading():
    terms = vocabulary_plainly(SHIPPED_CATALOGUE)
    assert len(terms) > 50  # the terms that tell the roundtable's items apart
    assert similar._vocabulary(SHIPPED_CATALOGUE) == terms


def test_every_pair_of_shipped_items_shares_the_plain_readings_terms():
    terms = vocabulary_plainly(SHIPPED_CATALOGUE)
    items = SHIPPED_CATALOGUE.items
    kinship = similar._kinship(SHIPPED_CATALOGUE)
    for item in items:
        for other in items:
            expected = shared_plainly(SHIPPED_CATALOGUE, terms, item, other)
            assert similar._shared_terms(kinship, item, other) == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_catalogues_share_the_plain_readings_terms(data):
    catalogue = data.draw(catalogues())
    terms = vocabulary_plainly(catalogue)
    assert similar._vocabulary(catalogue) == terms
    kinship = similar._kinship(catalogue)
    for item in catalogue.items:
        for other in catalogue.items:
            expected = shared_plainly(catalogue, terms, item, other)
            assert similar._shared_terms(kinship, item, other) == expected


def test_a_computed_relation_on_a_terminal_gives_its_reason_without_a_curated_word():
    from jjj_cli import language
    from jjj_cli.render.explore import _reason

    # fictional terms; the item itself is not part of the reason
    item = SHIPPED_CATALOGUE.items[0]
    computed = similar.Relation(item, None, 0.5, (), (), ("虚构", "词语"))
    assert _reason(computed) == "terms 虚构、词语"
    language.use("zh")  # the translation, as the .po gives it; conftest puts English back
    assert _reason(computed) == "共同词语 虚构、词语"
