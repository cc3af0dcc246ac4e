import hashlib
from pathlib import Path

import pytest

from jjj_cli.catalogue import CatalogueError, Related, load_catalogue, normalise, verify_quotes

from .paths import DATA, MINI


def problems(path: Path) -> list[tuple[int, str, str, str]]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    return [(p.line, p.item, p.field, p.message) for p in raised.value.problems]


def test_mini_loads_every_table(mini):
    assert [expert.id for expert in mini.experts] == ["wang-ming", "li-hua", "zhang-wei"]
    assert mini.by_id["clusters"].aliases == ("industrial-clusters", "集群")
    assert mini.by_id["airport-zone"].also_within == ("hebei",)
    assert mini.by_id["yrd"].comparison is True
    assert mini.by_id["beijing"].comparison is False
    assert [figure.id for figure in mini.figures] == ["wang-rd-intensity", "zhang-gdp"]
    assert mini.by_id["wang-rd-intensity"].value == 6.8


def test_items_are_in_seq_order_not_file_order(mini):
    assert [item.seq for item in mini.items] == list(range(1, 11))
    assert [item.id for item in mini.items[3:5]] == ["li-transport-backbone", "li-intercity-rail"]


def test_reverse_links_are_added_with_the_reverse_relation(mini):
    assert mini.by_id["li-hebei-capacity"].related == (
        Related("wang-research-to-hebei", "addressed-by"),
    )
    assert mini.by_id["wang-xiongan-innovation"].related == (
        Related("zhang-leading-firms-xiongan", "echoes"),
    )


def test_no_reverse_link_when_the_other_item_already_links_back(mini):
    assert mini.by_id["wang-world-class-clusters"].related == (
        Related("zhang-chain-gap", "complements"),
    )
    assert mini.by_id["zhang-chain-gap"].related == (
        Related("wang-world-class-clusters", "extends"),
    )


def test_normalise_removes_all_whitespace_including_ideographic_space():
    assert normalise(" 产 业\n链\u3000和\t创新链 ") == "产业链和创新链"


def test_source_checksum_in_fixture_is_the_real_one(mini):
    raw = (DATA / "sources" / "mini.zh.txt").read_bytes()
    assert mini.source.sha256 == hashlib.sha256(raw).hexdigest()


def test_quotes_match_across_layout_spaces(mini):
    checks = {check.id: check.found for check in verify_quotes(mini)}
    # this quote is spread out with spaces and a line break in the source text
    assert checks["zhang-chain-gap"] is True
    assert all(checks.values())
    assert len(checks) == 12


def test_every_problem_is_reported_with_its_line():
    assert problems(DATA / "broken-refs.toml") == [
        (
            33,
            "regions[0] 'hebei'",
            "parent",
            "region is its own ancestor (the parent links form a cycle)",
        ),
        (
            40,
            "regions[1] 'xiongan'",
            "parent",
            "region is its own ancestor (the parent links form a cycle)",
        ),
        (
            51,
            "proposals[0] 'wang-clusters'",
            "themes",
            "unknown theme 'cluster' (did you mean 'clusters'?)",
        ),
        (54, "proposals[0] 'wang-clusters'", "related", "an item cannot be related to itself"),
        (56, "proposals[1] 'wang-clusters'", "title", "missing"),
        (
            57,
            "proposals[1] 'wang-clusters'",
            "id",
            "duplicate id, already used by proposals[0] 'wang-clusters'",
        ),
        (
            58,
            "proposals[1] 'wang-clusters'",
            "kind",
            "unknown kind 'idea', expected one of proposal, finding",
        ),
        (60, "proposals[1] 'wang-clusters'", "seq", "expected a positive integer, got '2'"),
        (61, "proposals[1] 'wang-clusters'", "titel", "unknown field (did you mean 'title'?)"),
        (
            65,
            "proposals[1] 'wang-clusters'",
            "themes",
            "expected a list of strings, got 'clusters'",
        ),
        (
            72,
            "proposals[2] 'wang-research'",
            "expert",
            "unknown expert 'wang-mign' (did you mean 'wang-ming'?)",
        ),
        (
            73,
            "proposals[2] 'wang-research'",
            "seq",
            "seq 1 already used by 'wang-clusters' in source 'mini-forum'",
        ),
        (
            78,
            "proposals[2] 'wang-research'",
            "themes",
            "unknown theme 'industrial-clusters' (did you mean 'clusters'?)",
        ),
        (
            80,
            "proposals[2] 'wang-research'",
            "quote",
            "not found in sources/mini.zh.txt: '这句话也不在原文里。'",
        ),
    ]


def test_problem_text_has_file_line_item_and_field():
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(DATA / "broken-refs.toml")
    first = str(raised.value.problems[0])
    assert first.split(": ", 2)[1:] == [
        "regions[0] 'hebei' field 'parent'",
        "region is its own ancestor (the parent links form a cycle)",
    ]
    assert first.startswith(str(DATA / "broken-refs.toml").replace(str(Path.cwd()) + "/", ""))


def test_syntax_error_carries_the_toml_line():
    assert problems(DATA / "broken-syntax.toml") == [
        (3, None, None, "TOML syntax error: Illegal character '\\n'")
    ]


@pytest.mark.parametrize(
    "target, message",
    [("missing.toml", "catalogue file not found"), (".", "is a directory, not a catalogue file")],
)
def test_unreadable_paths_are_problems_not_tracebacks(target, message):
    assert problems(DATA / target) == [(None, None, None, message)]


def test_non_utf8_file_reports_the_line(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'[source]\nid = "x"\ntitle = "caf\xe9"\n')
    assert problems(path) == [(3, None, None, "not UTF-8 text (byte 0xe9)")]


def test_checksum_mismatch(catalogue_copy):
    text = MINI.read_text(encoding="utf-8").replace("162400db", "000000db")
    [(line, item, field, message)] = problems(catalogue_copy(text))
    assert (line, item, field) == (8, "sources[0] 'mini-forum'", "sha256")
    assert message.startswith("sources/mini.zh.txt has sha256 162400db")


def test_missing_source_text(catalogue_copy):
    text = MINI.read_text(encoding="utf-8").replace("sources/mini.zh.txt", "sources/gone.txt")
    path = catalogue_copy(text)
    [(line, item, field, message)] = problems(path)
    assert (line, item, field) == (7, "sources[0] 'mini-forum'", "file")
    # the path tried, outside the working directory here, and what it was relative to
    tried = path.parent / "sources" / "gone.txt"
    relative = "('file' is relative to the catalogue file)"
    assert message == f"cannot read {tried}: No such file or directory {relative}"


def test_check_quotes_false_skips_only_the_quotes():
    catalogue = load_catalogue(DATA / "broken-quote.toml", check_quotes=False)
    missing = [check.id for check in verify_quotes(catalogue) if not check.found]
    assert missing == ["wang-xiongan-innovation"]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            'related = [{ id = "zhang-chain-gap", relation = "complements" }]',
            'related = [{ id = "wang-research-to-hebei", relation = "echoes" }]',
            (
                "related",
                "'wang-research-to-hebei' is by the same expert; "
                "related items link different experts",
            ),
        ),
        (
            'relation = "complements"',
            'relation = "compliments"',
            ("related", "unknown relation 'compliments' (did you mean 'complements'?)"),
        ),
        (
            'aliases = ["tech"]',
            'aliases = ["clusters"]',
            ("aliases", "alias 'clusters' is already used by theme 'clusters'"),
        ),
        (
            'id = "zhang-gdp"',
            'id = "Zhang GDP"',
            ("id", "'Zhang GDP' is not an id (lowercase letters, digits and '-')"),
        ),
        (
            'code = "110000"',
            "code = 110000",
            ("code", "expected a 6-digit code as a string, got the number 110000"),
        ),
        (
            'compared_with = "hebei"',
            'compared_with = "hubei"',
            ("compared_with", "unknown region 'hubei' (did you mean 'hebei'?)"),
        ),
        ("value = 9.6", "value = nan", ("value", "expected a finite number, got the number nan")),
        (
            "comparison = true",
            'comparison = "yes"',
            ("comparison", "expected true or false, got 'yes'"),
        ),
        (
            'id = "zhang-gdp"',
            'id = "mini-forum"',
            ("id", "duplicate id, already used by sources[0] 'mini-forum'"),
        ),
    ],
)
def test_single_mistakes(catalogue_copy, old, new, expected):
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    found = problems(catalogue_copy(text.replace(old, new, 1)))
    assert [(field, message) for _, _, field, message in found] == [expected]


def test_unknown_top_level_table(catalogue_copy):
    text = MINI.read_text(encoding="utf-8").replace("[[figures]]", "[[figure]]")
    found = problems(catalogue_copy(text))
    assert found == [(290, None, None, "unknown table 'figure' (did you mean 'figures'?)")]


def test_a_byte_order_mark_is_not_an_error(catalogue_copy):
    path = catalogue_copy(MINI.read_text(encoding="utf-8"))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(load_catalogue(path).items) == 10


def test_line_separators_inside_strings_do_not_shift_line_numbers(catalogue_copy):
    # U+2028 and U+0085 may stand in a TOML string; only \n ends a TOML line
    text = MINI.read_text(encoding="utf-8").replace(
        'title = "Build world-class clusters', 'title = "Build\u2028world\u0085class clusters'
    )
    text = text.replace('regions = ["jingjinji", "yrd"]', 'regions = ["jingjinji", "ryd"]')
    [(line, item, field, message)] = problems(catalogue_copy(text))
    assert (line, field) == (286, "regions")
    assert MINI.read_text(encoding="utf-8").split("\n")[line - 1].startswith("regions = ")


def test_a_syntax_error_at_the_end_of_the_document_points_after_the_last_text(catalogue_copy):
    unclosed = '\n[[figures]]\nid = "x"\naliases = [\n\n'
    path = catalogue_copy(MINI.read_text(encoding="utf-8") + unclosed)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    [problem] = raised.value.problems
    last = MINI.read_text(encoding="utf-8").count("\n") + 4
    assert (problem.line, problem.column, problem.message) == (
        last,
        12,
        "TOML syntax error: Invalid value at the end of the file (is a ], } or quote not closed?)",
    )


def test_suggestions_for_unknown_references_stop_at_a_budget(catalogue_copy, monkeypatch):
    # thousands of bad references among thousands of ids: suggest for the first few only,
    # rather than compare every one with every id
    monkeypatch.setattr("jjj_cli.catalogue.load.SUGGESTION_BUDGET", 100)
    items = "".join(
        f'\n[[proposals]]\nid = "extra-{n}"\nkind = "proposal"\nexpert = "li-hua"\nseq = {20 + n}\n'
        f'title = "t"\ntitle_zh = "t"\nsummary = "s"\nsummary_zh = "s"\nthemes = []\n'
        f'regions = []\nquote = "交通是产业协同的骨架。"\nsource = "mini-forum"\n'
        f'related = [{{ id = "wang-world-class-cluster", relation = "echoes" }}]\n'
        for n in range(20)
    )
    found = problems(catalogue_copy(MINI.read_text(encoding="utf-8") + items))
    messages = [message for _, _, field, message in found if field == "related"]
    assert len(messages) == 20
    # 30 known items: three suggestions fit in a budget of 100 comparisons
    hint = " (did you mean 'wang-world-class-clusters'?)"
    assert (
        messages
        == ["unknown item 'wang-world-class-cluster'" + hint] * 3
        + ["unknown item 'wang-world-class-cluster'"] * 17
    )


def _requote(text: str, quotes: dict[str, str]) -> str:
    """mini.toml with the quotes of some items replaced."""
    for id, quote in quotes.items():
        start = text.index(f'\nid = "{id}"')
        line = text.index("\nquote = ", start) + 1
        end = text.index("\n", line)
        text = text[:line] + f'quote = "{quote}"' + text[end:]
    return text


def test_a_phrase_said_twice_is_placed_in_reading_order(catalogue_copy):
    # 雄安新区 is in the source twice: inside wang-xiongan-innovation's quote, and again
    # after zhang-leading-firms-xiongan's words, where the item that follows it finds it
    text = _requote(
        MINI.read_text(encoding="utf-8"),
        {
            "zhang-leading-firms-xiongan": "应当鼓励龙头企业带动中小企业在",
            "zhang-market-integration": "雄安新区",
        },
    )
    catalogue = load_catalogue(catalogue_copy(text))
    spans = {check.id: check.span for check in verify_quotes(catalogue)}
    source = normalise(catalogue.source_text)
    first, second = source.find("雄安新区"), source.rfind("雄安新区")
    assert first < second
    assert spans["zhang-market-integration"] == (second, second + 4)


def test_a_phrase_said_twice_overlaps_when_both_places_are_quoted(catalogue_copy):
    text = _requote(MINI.read_text(encoding="utf-8"), {"zhang-market-integration": "雄安新区"})
    assert problems(catalogue_copy(text)) == [
        (
            287,
            "proposals[9] 'zhang-market-integration'",
            "quote",
            "inside the quote of proposals[2] 'wang-xiongan-innovation' (line 185)",
        )
    ]


def test_figures_may_quote_the_words_of_an_item(catalogue_copy):
    text = _requote(
        MINI.read_text(encoding="utf-8"),
        {"wang-xiongan-innovation": "雄安新区要建设成为创新高地。2022年北京研发投入强度为6.8%"},
    )
    catalogue = load_catalogue(catalogue_copy(text))
    assert catalogue.by_id["wang-rd-intensity"].quote.startswith("2022年北京研发投入强度为6.8%")


def test_overlapping_quotes_are_reported_whether_or_not_quotes_are_checked():
    for check_quotes in (True, False):
        with pytest.raises(CatalogueError) as raised:
            load_catalogue(DATA / "broken" / "quote-overlap.toml", check_quotes=check_quotes)
        assert [problem.item for problem in raised.value.problems] == [
            "proposals[1] 'wang-manufacturing'",
            "proposals[2] 'wang-clusters-again'",
            "proposals[4] 'wang-xiongan'",
            "proposals[6] 'li-capacity-weak'",
        ]
