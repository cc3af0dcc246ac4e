"""The full-text index finds what `jjj search` finds: its candidates hold every hit of the
Python matcher, which then checks and ranks only them, to the very answer of a search over the
whole catalogue (same hits, order, fields, spans and scores).

Random catalogues: the small fixture's experts, themes and regions, under random names, with
random items. Their texts are fictional strings of Chinese characters, English words, digits
and punctuation, drawn to make the cases where the index and `re` could part: words joined by
- + & ', spaces between Chinese characters, full-width punctuation, letters that casefold
apart from how `re` compares them.
"""

import dataclasses
import re
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jjj_cli.catalogue import load_catalogue
from jjj_cli.explore.fulltext import (
    Brief,
    Found,
    Hit,
    query_terms,
    rank,
    search,
    search_fields,
)
from jjj_cli.query import CHINESE, Kind, Selection, select_items
from jjj_cli.store import fulltext
from jjj_cli.store.build import compile_catalogue
from jjj_cli.store.compiled import Compiled
from jjj_cli.store.loaded import Loaded

from .paths import MINI, SHIPPED
from .test_properties import selections

FIXTURE = load_catalogue(MINI)

# --- random texts --------------------------------------------------------------------------

# Words that make the cases: Chinese strings overlapping one another, English words that start
# others, words of parts (R&D, free-trade, 2+4+N), casings, and letters `re` takes for ASCII
# ones when it ignores case (İ ı ſ and the Kelvin sign K) or casefold() turns into two (ß).
WORDS = [
    "雄安", "新区", "雄安新区", "产业链", "产业", "京", "京津冀", "津", "创新", "链", "〇",
    "free", "Free", "FREE", "trade", "trades", "free-trade", "port", "cluster", "clusters",
    "CLUSTER", "Clusterʼs", "R&D", "r", "d", "2+4+N", "2017", "2017年", "n", "x2", "a",
    "İstanbul", "ıx", "ſtrasse", "Kelvin", "Straße", "café", "naïve", "ix", "strasse",
]  # fmt: skip
# Between words: nothing, spaces (one between Chinese characters is layout), punctuation,
# full-width punctuation, an underscore, a combining mark that `re` matches to a Greek letter.
SEPARATORS = [
    "", " ", " ", "  ", "-", "+", "&", "'", ",", ".", " / ", "_", "，", "。", "、", "（", "）",
    "“", "”", "：", "\u3000", "\n", "\u0345", "·",
]  # fmt: skip
CHARACTERS = "雄安新区产业链京津冀创abcfrtAFK0279-+&' ，。_"


def texts() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(SEPARATORS),
        st.text(alphabet=CHARACTERS, max_size=4),
    )
    return st.lists(piece, max_size=8).map("".join)


@st.composite
def catalogues(draw: st.DrawFn):
    """The fixture's people, themes and regions, some under random names, and 1 to 6 random
    items."""
    # two themes, two regions and an expert renamed: a name is one more field
    themes = tuple(
        theme._replace(name=draw(texts()), name_zh=draw(texts())) if index < 2 else theme
        for index, theme in enumerate(FIXTURE.themes)
    )
    regions = tuple(
        region._replace(name=draw(texts())) if index < 2 else region
        for index, region in enumerate(FIXTURE.regions)
    )
    experts = (FIXTURE.experts[0]._replace(name_zh=draw(texts())), *FIXTURE.experts[1:])

    def some(records) -> tuple[str, ...]:
        ids = [record.id for record in records]
        return tuple(draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)))

    items = tuple(
        FIXTURE.items[0]._replace(
            id=f"item-{number}",
            kind=draw(st.sampled_from(["proposal", "finding"])),
            expert=draw(st.sampled_from(experts)).id,
            seq=number,
            title=draw(texts()),
            title_zh=draw(texts()),
            summary=draw(texts()),
            summary_zh=draw(texts()),
            quote=draw(texts()),
            themes=some(themes),
            regions=some(regions),
            related=(),
        )
        for number in range(1, draw(st.integers(1, 6)) + 1)
    )
    return dataclasses.replace(
        FIXTURE, themes=themes, regions=regions, experts=experts, items=items
    )


def field_texts(catalogue) -> list[str]:
    return [text for item in catalogue.items for text in search_fields(catalogue, item).values()]


@st.composite
def queries(draw: st.DrawFn, catalogue) -> str:
    """What a user might look for in this catalogue: a piece of one of its texts, a word,
    the start of one, a quoted phrase, one or two Chinese characters, or two of these."""

    def one() -> str:
        text = draw(st.sampled_from(field_texts(catalogue)))
        start = draw(st.integers(0, len(text)))
        piece = text[start : start + draw(st.integers(1, 12))]
        chinese = re.findall(f"[{CHINESE}]", text) or ["京"]
        word = draw(st.sampled_from(WORDS))
        return draw(
            st.sampled_from(
                [
                    piece,
                    f'"{piece}"',
                    f'"{piece}',  # an unclosed quote runs to the end
                    word,
                    word[: draw(st.integers(1, len(word)))],
                    draw(st.sampled_from(chinese)),
                    "".join(draw(st.lists(st.sampled_from(chinese), min_size=2, max_size=2))),
                ]
            )
        )

    return one() if draw(st.booleans()) else f"{one()} {one()}"


# --- the index, as the compiled catalogue and the export hold it ---------------------------


def indexed_database(catalogue) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    fulltext.create(connection)
    fulltext.fill(connection, catalogue, enumerate(catalogue.items, 1))
    return connection


def candidate_rowids(connection: sqlite3.Connection, query: str) -> set[int] | None:
    found = fulltext.candidates(connection, query)
    if found is None:
        return None
    return {rowid for (rowid,) in connection.execute(found.sql, found.parameters)}


def through_the_index(connection, catalogue, query: str, selection: Selection):
    """`jjj search` as it reads the compiled catalogue: the selected items among the
    candidates, in source order (rowid order), checked and ranked by the matcher."""
    rowids = candidate_rowids(connection, query)
    among = [
        item
        for item in select_items(catalogue, selection)
        if rowids is None or catalogue.items.index(item) + 1 in rowids
    ]
    return rank(catalogue, query, among)


EVERYTHING = Selection(kind=Kind.all)


# a query of these characters only, casefolded (Chinese, ASCII letters and digits, anything
# not a letter or digit), the index can serve: others may make the caller read every item
SERVED = re.compile(f"[\\W_a-zA-Z0-9{CHINESE}]*")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_candidates_hold_every_hit_and_the_ranked_candidates_are_the_search(data):
    catalogue = data.draw(catalogues())
    query = data.draw(queries(catalogue))
    connection = indexed_database(catalogue)
    hits = search(catalogue, query, EVERYTHING)
    rowids = candidate_rowids(connection, query)
    if SERVED.fullmatch(query.casefold()) and query_terms(query):
        assert rowids is not None, query
    if rowids is not None:
        assert {catalogue.items.index(hit.item) + 1 for hit in hits} <= rowids
    assert through_the_index(connection, catalogue, query, EVERYTHING) == hits
    selection = data.draw(selections(catalogue))
    assert through_the_index(connection, catalogue, query, selection) == search(
        catalogue, query, selection
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_jjj_search_through_the_compiled_catalogue_is_the_search_over_every_item(data):
    # as cli/explore.py's `search` asks the compiled catalogue
    catalogue = data.draw(catalogues())
    query = data.draw(queries(catalogue))
    selection = data.draw(selections(catalogue))
    connection = sqlite3.connect(":memory:")
    compile_catalogue(connection, catalogue, {})
    compiled = Compiled(connection, catalogue.path)
    hits = search(catalogue, query, selection)
    found = compiled.search(query, selection)
    # each hit in brief, and how it stood there, from the export's columns, not the items
    assert found == [(brief_of(hit.item), found_of(hit)) for hit in hits]
    assert list(compiled.hits(found)) == hits
    loaded = Loaded(catalogue)
    assert loaded.search(query, selection) == found
    assert list(loaded.hits(found)) == hits
    # what a search leaves out is counted, not ranked
    assert compiled.search_count(query, selection) == loaded.search_count(query, selection)
    assert compiled.search_count(query, selection) == len(hits)


def brief_of(item) -> Brief:
    return Brief(item.id, item.kind, item.expert, item.title, item.title_zh)


def found_of(hit) -> Found:
    return Found(hit.field, hit.text, hit.spans, hit.score)


def ranked_plainly(catalogue, query: str, items) -> list[Hit]:
    """The ranking as `search`'s docstring gives it, written out plainly, with none of the
    matcher's shortcuts: every term's pattern run over every field, each field's standing
    worked out, the best field taken, the hits sorted by score, ties in the order given."""
    from jjj_cli.explore.fulltext import FIELD_WEIGHTS, PART, PHRASE, WHOLE, _pattern

    terms = query_terms(query)
    patterns = [_pattern(term) for term in terms]
    together = _pattern(tuple(word for term in terms for word in term))
    hits = []
    for item in items:
        fields = search_fields(catalogue, item)
        spans = {
            name: [[match.span() for match in pattern.finditer(text)] for pattern in patterns]
            for name, text in fields.items()
        }
        if not terms or not all(
            any(field[i] for field in spans.values()) for i in range(len(terms))
        ):
            continue
        standings = []
        for order, (name, text) in enumerate(fields.items()):
            matched = [each for each in spans[name] if each]
            if not matched:
                continue
            phrase = [match.span() for match in together.finditer(text)]
            standing = PHRASE if phrase else WHOLE if len(matched) == len(terms) else PART
            where = phrase or sorted({span for each in matched for span in each})
            standings.append(((standing, len(matched), FIELD_WEIGHTS[name], -order), name, where))
        (standing, _, weight, _), name, where = max(standings)
        score = 100 * standing + 10 * weight + len(standings)
        hits.append(Hit(item, name, fields[name], tuple(where), score))
    return sorted(hits, key=lambda hit: -hit.score)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_matcher_ranks_as_the_plain_reading_of_its_rules(data):
    catalogue = data.draw(catalogues())
    query = data.draw(queries(catalogue))
    selection = data.draw(selections(catalogue))
    plainly = ranked_plainly(catalogue, query, select_items(catalogue, selection))
    assert search(catalogue, query, selection) == plainly


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_one_kinds_hits_are_those_of_both_kinds_ranked_together(data):
    # `jjj search` ranks proposals and findings in one pass, and counts the findings from it
    catalogue = data.draw(catalogues())
    query = data.draw(queries(catalogue))
    selection = data.draw(selections(catalogue))
    both = search(catalogue, query, selection._replace(kind=Kind.all))
    for kind in (Kind.proposal, Kind.finding):
        alone = search(catalogue, query, selection._replace(kind=kind))
        assert [hit for hit in both if hit.item.kind == kind] == alone


# --- how the index holds text and reads queries ---------------------------------------------


@pytest.mark.parametrize(
    "text, words",
    [
        ("雄安 新区", "雄 安 新 区"),  # every Chinese character a word, spaces or none
        ("Free-trade R&D, 2+4+N", "free trade r d 2 4 n"),
        ("2017年的“雄安”：clusters_", "2017 年 的 雄 安 clusters"),
        ("İstanbul ıx ſtrasse K", "istanbul ix strasse k"),  # as `re` compares them to i, s, k
        ("Straße Café", "strasse café"),
    ],
)
def test_the_index_holds_the_matchers_words_casefolded_each_chinese_character_apart(text, words):
    assert fulltext.indexed(text) == words


@pytest.mark.parametrize(
    "query, expression",
    [
        ("雄安", '"雄" + "安"'),
        ("京", '"京"'),
        ("cluster", '"cluster"*'),
        ("Cluster port", '"cluster"* AND "port"*'),
        ('"free trade"', '"free"* + "trade"*'),
        ("free-trade", '"free" + "trade"*'),  # free whole: a separator follows it
        ('"京津冀, cluster"', '"京" + "津" + "冀" + "cluster"*'),
        ("雄安，新区", '"雄" + "安" + "新" + "区"'),  # the text's punctuation is no word
        ("2017年", '"年"'),  # 2017 may end any word: only 年 is sure
        ("雄安new区", '"雄" + "安" AND "区"'),
        ("京\u0345津", '"京" AND "津"'),  # re matches this mark to a Greek letter, a word
        ("café", None),  # é: re and casefold() need not agree on other letters
        ('"', None),  # nothing to look up
    ],
)
def test_a_query_in_the_index_syntax(query, expression):
    assert fulltext.match_expression(query) == expression


@pytest.mark.parametrize(
    "text, query",
    [
        ("雄安n e w区", "雄安new区"),  # a Chinese term's letters, spaced out in the text
        ("雄安，新区", "雄安，新区"),  # punctuation, which the index skips
        ("freedom-trades", '"free trade"'),
        ("İSTANBUL", "istanbul"),
    ],
)
def test_what_the_matcher_finds_the_index_finds(text, query):
    item = FIXTURE.items[0]._replace(quote=f"虚构：{text}")  # fictional text
    catalogue = dataclasses.replace(FIXTURE, items=(item,))
    connection = indexed_database(catalogue)
    assert [hit.item for hit in search(catalogue, query, EVERYTHING)] == [item]
    assert candidate_rowids(connection, query) == {1}


ALL_CHARACTERS = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)


def test_every_character_re_takes_for_an_ascii_letter_or_digit_is_that_one_in_the_index():
    # a query of ASCII words is looked up as it is: the text's words must hold its letters
    for char in set(re.findall("[a-z0-9]", ALL_CHARACTERS, flags=re.IGNORECASE)):
        [ascii] = [a for a in "abcdefghijklmnopqrstuvwxyz0123456789" if re.match(a, char, re.I)]
        assert fulltext.indexed(char) == ascii, hex(ord(char))


def test_a_chinese_character_matches_only_itself_and_is_its_own_word_in_the_index():
    chinese = re.findall(f"[{CHINESE}]", ALL_CHARACTERS, flags=re.IGNORECASE)
    assert chinese == re.findall(f"[{CHINESE}]", ALL_CHARACTERS)
    words = [char for char in chinese if re.fullmatch(r"[^\W_]", char)]
    assert fulltext.indexed(" ".join(words)) == " ".join(words)


def test_the_characters_a_chinese_query_skips_are_matched_only_to_characters_of_no_word():
    skipped = [ord(char) for char in ALL_CHARACTERS if fulltext._is_plain_separator(char)]
    runs = []  # the skipped characters as ranges, for a character class `re` compiles quickly
    for code in skipped:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    ranges = "".join(f"{re.escape(chr(first))}-{re.escape(chr(last))}" for first, last in runs)
    matched = set(re.findall(f"[{ranges}]", ALL_CHARACTERS, flags=re.IGNORECASE))
    assert len(skipped) > 900_000 and matched >= set(map(chr, skipped))
    assert not [char for char in matched if re.fullmatch(r"[^\W_]", char)]


def test_no_word_of_the_index_holds_what_the_ascii_tokenizer_splits_at():
    words = "".join(char for char in ALL_CHARACTERS if re.fullmatch(r"[^\W_]", char))
    folded = fulltext.indexed(words).replace(" ", "")
    assert not re.search("[\x00-\x7f]", re.sub("[a-z0-9]", "", folded))


# --- the shipped catalogue -----------------------------------------------------------------

SHIPPED_CATALOGUE = load_catalogue(SHIPPED)
REALISTIC = [
    "雄安", "雄安新区", "产业链", "京", "津", "京津冀", "自由贸易港", "协同发展", "cluster",
    "clusters", "free trade", '"free trade"', '"free trade port"', "Xiong'an", "xiong",
    "technology transfer", "innovation chain", "R&D", "京津冀 clusters", "叶堂林", "2035",
    "Beijing Tianjin", "Beijing–Tianjin–Hebei", "hebei 产业", "产 业 链", '"产业 链"', "transport",
]  # fmt: skip


@pytest.fixture(scope="module")
def shipped_index():
    connection = indexed_database(SHIPPED_CATALOGUE)
    yield connection
    connection.close()


@pytest.mark.parametrize("query", REALISTIC)
def test_the_shipped_catalogue_searched_through_the_index(shipped_index, query):
    hits = search(SHIPPED_CATALOGUE, query, EVERYTHING)
    assert fulltext.candidates(shipped_index, query) is not None
    assert through_the_index(shipped_index, SHIPPED_CATALOGUE, query, EVERYTHING) == hits
    proposals = Selection()
    assert through_the_index(shipped_index, SHIPPED_CATALOGUE, query, proposals) == search(
        SHIPPED_CATALOGUE, query, proposals
    )


@pytest.mark.parametrize("query", REALISTIC)
def test_the_shipped_catalogue_is_ranked_as_the_plain_reading_of_the_rules(query):
    plainly = ranked_plainly(SHIPPED_CATALOGUE, query, SHIPPED_CATALOGUE.items)
    assert search(SHIPPED_CATALOGUE, query, EVERYTHING) == plainly


@pytest.fixture(scope="module")
def shipped_compiled():
    connection = sqlite3.connect(":memory:")
    compile_catalogue(connection, SHIPPED_CATALOGUE, {})
    yield Compiled(connection, SHIPPED_CATALOGUE.path)
    connection.close()


@pytest.mark.parametrize("query", [*REALISTIC, "雄安 zzzz", "cluster 雄安", "产业 xyzzy"])
def test_a_search_counts_what_it_would_find_without_ranking_it(shipped_compiled, query):
    # the findings a search of proposals leaves out are counted this way
    for selection in (EVERYTHING, Selection(), Selection(kind=Kind.finding)):
        expected = len(search(SHIPPED_CATALOGUE, query, selection))
        assert shipped_compiled.search_count(query, selection) == expected, selection


def test_a_search_counts_nothing_where_one_word_is_nowhere(shipped_compiled):
    assert len(search(SHIPPED_CATALOGUE, "雄安", EVERYTHING)) > 0
    assert shipped_compiled.search_count("雄安 zzzz", EVERYTHING) == 0
    assert Loaded(SHIPPED_CATALOGUE).search_count("雄安 zzzz", EVERYTHING) == 0


def test_the_index_has_a_fraction_of_the_items_for_a_rare_word(shipped_index):
    # what the index is for: a rare word's candidates are its hits, not every item
    candidates = candidate_rowids(shipped_index, "自由贸易港")
    hits = search(SHIPPED_CATALOGUE, "自由贸易港", EVERYTHING)
    assert candidates == {SHIPPED_CATALOGUE.items.index(hit.item) + 1 for hit in hits}
    assert 0 < len(candidates) < len(SHIPPED_CATALOGUE.items) / 10


def test_an_attached_database_can_hold_the_index():
    connection = sqlite3.connect(":memory:")
    connection.execute("ATTACH ':memory:' AS other")
    fulltext.create(connection, schema="other")
    fulltext.fill(connection, FIXTURE, enumerate(FIXTURE.items, 1), schema="other")
    found = fulltext.candidates(connection, "产业", schema="other")
    assert found is not None
    rowids = {rowid for (rowid,) in connection.execute(found.sql, found.parameters)}
    hits = search(FIXTURE, "产业", EVERYTHING)
    assert rowids >= {FIXTURE.items.index(hit.item) + 1 for hit in hits} and hits
    tables = connection.execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == []  # nothing in main
    assert fulltext.candidates(connection, "产业") is None  # nor an index to ask there


def test_without_an_index_every_item_is_a_candidate():
    # a compiled catalogue made by an SQLite without FTS5 has none: the caller reads them all
    assert fulltext.candidates(sqlite3.connect(":memory:"), "雄安") is None


# --- the matcher's shortcut ------------------------------------------------------------------

# Chinese characters, letters that `re` ignoring case pairs with others (K and the Kelvin sign,
# s and ſ, i and İ and ı), digits, spaces and punctuation
_MATCHED_ALPHABET = "雄安新区京津冀产业链kKKsSſiIİı19 -，。“”"


@settings(max_examples=300)
@given(
    st.text(_MATCHED_ALPHABET, min_size=1, max_size=8),
    st.text(_MATCHED_ALPHABET, max_size=40),
)
def test_a_field_passed_over_for_a_missing_character_is_one_the_pattern_never_matches(query, text):
    # a term with a Chinese character is looked for only in fields that hold that character
    from jjj_cli.explore.fulltext import _Pattern, _pattern

    for term in query_terms(query):
        every_match = [match.span() for match in _pattern(term).finditer(text)]
        assert _Pattern(term).spans(text) == every_match, (term, text)
