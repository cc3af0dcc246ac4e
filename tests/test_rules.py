"""Coding rules in the catalogue: a theme's `include` and `exclude`, and the `[coding]` table's
rules for every theme and for regions; what the loader reads and what it refuses.

tests/data/rules.toml is mini.toml with rules; its rules are fictional, made up for the tests.
Each expected line is found here by looking for the changed text in the file, not by the
loader's own locator."""

import sys

import pytest

from jjj_cli.catalogue import CatalogueError, Coding, Rule, load_catalogue

from .paths import DATA, MINI

RULES = DATA / "rules.toml"


def line_of(text: str, words: str) -> int:
    """The 1-based line of the only line of `text` holding `words`."""
    lines = [number for number, line in enumerate(text.split("\n"), 1) if words in line]
    assert len(lines) == 1, (words, lines)
    return lines[0]


def problems(path) -> list[tuple[int | None, str | None, str | None, str]]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    return [(p.line, p.item, p.field, p.message) for p in raised.value.problems]


def test_a_themes_rules_are_read_in_order():
    catalogue = load_catalogue(RULES)
    clusters = next(theme for theme in catalogue.themes if theme.id == "clusters")
    assert clusters.include == (
        Rule(
            "A cluster of industry is to be built or grown, whatever its size or place "
            "(a fictional rule).",
            "要建设或壮大产业集群，不论其规模与地点（虚构的规则）。",
            "wang-world-class-clusters",
            "打造世界级产业集群",
        ),
        Rule(
            "Firms are to gather in one place (a fictional rule).",
            None,  # no Chinese written
            "zhang-leading-firms-xiongan",
            "在雄安新区集聚",
        ),
    )
    assert clusters.exclude == (
        Rule(
            "Research results put to use elsewhere, with no cluster named (a fictional rule).",
            None,
            "wang-research-to-hebei",
            "在河北转化落地",
        ),
    )
    transport = next(theme for theme in catalogue.themes if theme.id == "transport")
    assert (transport.include, transport.exclude) == ((), ())


def test_the_coding_table_is_read_with_what_each_example_gives():
    coding = load_catalogue(RULES).coding
    assert [rule.example for rule in coding.themes] == ["zhang-chain-gap"]
    assert coding.themes[0].gives == ("chains", "innovation")
    assert [(rule.example, rule.gives) for rule in coding.regions] == [
        ("wang-research-to-hebei", ("beijing", "hebei")),
        ("wang-world-class-clusters", ("jingjinji",)),
        ("li-transport-backbone", None),  # not said: not checked
    ]
    assert [rule.rule_zh for rule in coding.regions] == [
        "引文点名某地，即标注该地（虚构的规则）。",
        None,
        "未点名任何地方，则不标注地区（虚构的规则）。",
    ]


def test_a_catalogue_without_rules_has_none(mini):
    assert all(theme.include == theme.exclude == () for theme in mini.themes)
    assert mini.coding == Coding((), ())


def test_gives_may_be_empty_when_the_example_carries_no_tag(catalogue_copy):
    text = RULES.read_text(encoding="utf-8")
    old = 'words = "交通是产业协同的骨架" }'
    catalogue = load_catalogue(catalogue_copy(text.replace(old, old[:-2] + ", gives = [] }")))
    assert catalogue.coding.regions[2].gives == ()


# (the text replaced, what replaces it, the record, the field, the message); the problem's line
# is that of the replacing text, or of MARKERS' words where that is not one line of its own.
MISTAKES = [
    (
        'example = "zhang-leading-firms-xiongan"',
        'example = "zhang-leading-firms-xiongann"',
        "themes[0] 'clusters'",
        "include[1].example",
        "unknown item 'zhang-leading-firms-xiongann' (did you mean 'zhang-leading-firms-xiongan'?)",
    ),
    (
        'words = "在雄安新区集聚"',
        'words = "在雄安 新区集聚"',
        "themes[0] 'clusters'",
        "include[1].words",
        "not in the quote of 'zhang-leading-firms-xiongan': '在雄安 新区集聚'",
    ),
    (
        'example = "zhang-chain-gap", words = "创新链" }',
        'example = "wang-research-to-hebei", words = "北京的科技成果" }',
        "themes[1] 'innovation'",
        None,
        None,  # wang-research-to-hebei carries innovation: a good include rule
    ),
    (
        'example = "zhang-leading-firms-xiongan", words = "在雄安新区集聚"',
        'example = "wang-xiongan-innovation", words = "雄安新区"',
        "themes[0] 'clusters'",
        "include[1].example",
        "'wang-xiongan-innovation' does not carry the theme, as an include rule's example must",
    ),
    (
        'example = "wang-research-to-hebei", words = "在河北转化落地"',
        'example = "li-hebei-capacity", words = "河北承接产业"',
        "themes[0] 'clusters'",
        "exclude[0].example",
        "'li-hebei-capacity' carries the theme, which an exclude rule's example must not",
    ),
    (
        '{ rule = "The innovation chain is named (a fictional rule).",',
        '{ gives = ["innovation"], rule = "The innovation chain is named (a fictional rule).",',
        "themes[1] 'innovation'",
        "include[0].gives",
        "not in a theme's rules: the tags an example gives are the theme",
    ),
    (
        '{ rule = "Firms are to gather',
        '{ rules = "Firms are to gather',
        "themes[0] 'clusters'",
        "include[1].rules",
        "unknown field (did you mean 'rule'?)",
    ),
    (
        ', words = "在河北转化落地" }',
        " }",
        "themes[0] 'clusters'",
        "exclude[0].words",
        "missing",
    ),
    (
        'words = "创新链" }',
        'words = "" }',
        "themes[1] 'innovation'",
        "include[0].words",
        "expected a non-empty string, got an empty string",
    ),
    (
        'gives = ["chains", "innovation"]',
        'gives = ["chains", "inovation"]',
        "coding",
        "themes[0].gives",
        "unknown theme 'inovation' (did you mean 'innovation'?)",
    ),
    (
        'gives = ["chains", "innovation"]',
        'gives = ["innovation", "clusters"]',
        "coding",
        "themes[0].gives",
        "not the theme tags of 'zhang-chain-gap' (chains, innovation): missing chains; "
        "extra clusters",
    ),
    (
        'gives = ["beijing", "hebei"]',
        'gives = ["beijing"]',
        "coding",
        "regions[0].gives",
        "not the region tags of 'wang-research-to-hebei' (beijing, hebei): missing hebei",
    ),
    (
        'words = "交通是产业协同的骨架" }',
        'words = "交通是产业协同的骨架", gives = ["jingjinji"] }',
        "coding",
        "regions[2].gives",
        "not the region tags of 'li-transport-backbone' (none): extra jingjinji",
    ),
    (
        'example = "wang-world-class-clusters", words = "京津冀要"',
        'example = "wang-world-class-clusters", words = "天津"',
        "coding",
        "regions[1].words",
        "not in the quote of 'wang-world-class-clusters': '天津'",
    ),
    (
        'example = "li-transport-backbone"',
        'example = "li-transport"',
        "coding",
        "regions[2].example",
        "unknown item 'li-transport' (did you mean 'li-transport-backbone'?)",
    ),
    (
        'rule_zh = "引文点名某地，即标注该地（虚构的规则）。"',
        "rule_zh = 3",
        "coding",
        "regions[0].rule_zh",
        "expected a non-empty string, got the number 3",
    ),
    (
        'rule_zh = "要建设或壮大产业集群，不论其规模与地点（虚构的规则）。"',
        'rule_zh = ""',
        "themes[0] 'clusters'",
        "include[0].rule_zh",
        "expected a non-empty string, got an empty string",
    ),
    (
        'rule_zh = "未点名任何地方，则不标注地区（虚构的规则）。"',
        'rule_zh = ["未点名任何地方"]',
        "coding",
        "regions[2].rule_zh",
        "expected a non-empty string, got a list",
    ),
    (
        'rule_zh = "要建设或壮大产业集群，不论其规模与地点（虚构的规则）。"',
        'rule_zn = "要建设或壮大产业集群，不论其规模与地点（虚构的规则）。"',
        "themes[0] 'clusters'",
        "include[0].rule_zn",
        "unknown field (did you mean 'rule_zh'?)",
    ),
    (
        "regions = [\n  { rule",
        "region = [\n  { rule",
        "coding",
        "region",
        "unknown field (did you mean 'regions'?)",
    ),
    (
        '{ rule = "An item carries every theme its own words meet, and no other (a fictional '
        'rule).", rule_zh = "一个条目带有其自身原话所涉及的每一个主题，且只带这些主题，'
        '不因上下文或同一位专家的其他发言而添加别的主题（虚构的规则）。", '
        'example = "zhang-chain-gap", words = "产业链和创新链的融合", gives = '
        '["chains", "innovation"] }',
        '"An item carries every theme its own words meet"',
        "coding",
        "themes[0]",
        "expected { rule = ..., example = ..., words = ... }, got 'An item carries every "
        "theme its own word'…",
    ),
]


MARKERS = {
    " }": ("Research results put to use elsewhere", 0),  # the rule whose words were taken out
    "region = [\n  { rule": ("region = [", 0),  # the key
    '"An item carries every theme its own words meet"': (
        '"An item carries',
        -1,
    ),  # an element that is no table: the key
}


@pytest.mark.parametrize("old, new, record, field, message", MISTAKES)
def test_each_mistake_is_reported_on_its_rules_line(
    catalogue_copy, old, new, record, field, message
):
    text = RULES.read_text(encoding="utf-8")
    assert text.count(old) == 1
    changed = text.replace(old, new)
    path = catalogue_copy(changed)
    if message is None:
        load_catalogue(path)
        return
    words, offset = MARKERS.get(new, (new, 0))
    line = line_of(changed, words) + offset
    assert problems(path) == [(line, record, field, message)]


def test_a_problem_names_file_line_record_and_field(catalogue_copy):
    text = RULES.read_text(encoding="utf-8").replace(
        'example = "zhang-chain-gap", words = "创新链"', 'example = "zhang-chain", words = "创新链"'
    )
    path = catalogue_copy(text)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    line = line_of(text, 'example = "zhang-chain"')
    assert [str(problem) for problem in raised.value.problems] == [
        f"{path}:{line}: themes[1] 'innovation' field 'include[0].example': unknown item "
        "'zhang-chain' (did you mean 'zhang-chain-gap'?)"
    ]


def test_a_rule_in_chinese_that_is_empty_is_refused_with_file_and_line(catalogue_copy):
    zh = 'rule_zh = "要建设或壮大产业集群，不论其规模与地点（虚构的规则）。"'
    text = RULES.read_text(encoding="utf-8").replace(zh, 'rule_zh = " "')
    path = catalogue_copy(text)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    line = line_of(text, 'rule_zh = " "')
    assert [str(problem) for problem in raised.value.problems] == [
        f"{path}:{line}: themes[0] 'clusters' field 'include[0].rule_zh': expected a non-empty "
        "string, got an empty string"  # a blank is nothing written, as for every text
    ]


def test_rules_not_a_list(catalogue_copy):
    text = MINI.read_text(encoding="utf-8").replace(
        'aliases = ["tech"]', 'aliases = ["tech"]\ninclude = "zhang-chain-gap"'
    )
    found = problems(catalogue_copy(text))
    assert found == [
        (
            line_of(text, "include = "),
            "themes[1] 'innovation'",
            "include",
            "expected a list of { rule, example, words } tables, got 'zhang-chain-gap'",
        )
    ]


def test_a_misspelt_coding_table_is_named(catalogue_copy):
    text = RULES.read_text(encoding="utf-8").replace("[coding]", "[codng]")
    found = problems(catalogue_copy(text))
    assert found == [
        (line_of(text, "[codng]"), None, None, "unknown table 'codng' (did you mean 'coding'?)")
    ]


def test_a_second_coding_table_is_the_second_files_problem(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "mini.zh.txt").write_bytes(
        (DATA / "sources" / "mini.zh.txt").read_bytes()
    )
    entry = tmp_path / "entry.toml"
    entry.write_text(
        'include = ["more.toml"]\n' + RULES.read_text(encoding="utf-8"), encoding="utf-8"
    )
    more = tmp_path / "more.toml"
    more.write_text("# more rules\n\n[coding]\nthemes = []\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(entry)
    assert [(p.file, p.line, p.message) for p in raised.value.problems] == [
        (
            str(more),
            3,
            f"a second [coding] table: the catalogue's rules are in {entry}",
        )
    ]


def test_a_cached_run_has_the_rules(tmp_path, monkeypatch):
    from jjj_cli.cache import open_compiled
    from jjj_cli.store.compiled import Compiled

    monkeypatch.setenv("JJJ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("JJJ_NO_CACHE", raising=False)
    fresh = load_catalogue(RULES)
    open_compiled(RULES)  # the first run writes the entry
    compiled = open_compiled(RULES)
    assert isinstance(compiled, Compiled)
    assert compiled.head.themes == fresh.themes
    assert compiled.head.coding == fresh.coding
    assert compiled.head.coding.regions[2].gives is None  # not [] : the rule does not say
    assert compiled.head.coding.regions[1].rule_zh is None
    assert (
        compiled.head.themes[0].include[0].rule_zh
        == "要建设或壮大产业集群，不论其规模与地点（虚构的规则）。"
    )
    assert compiled.catalogue().coding == fresh.coding


def test_the_json_schema_accepts_rules_and_refuses_what_the_loader_refuses():
    import jsonschema

    from jjj_cli.catalogue.json_schema import json_schema

    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    def errors(text: str) -> list[str]:
        validator = jsonschema.Draft202012Validator(json_schema())
        return [error.message for error in validator.iter_errors(tomllib.loads(text))]

    text = RULES.read_text(encoding="utf-8")
    assert errors(text) == []
    given = text.replace(
        '{ rule = "The innovation chain', '{ gives = [], rule = "The innovation chain'
    )
    assert errors(given) == ["Additional properties are not allowed ('gives' was unexpected)"]
    assert errors(text.replace("regions = [\n  { rule", "region = [\n  { rule")) == [
        "Additional properties are not allowed ('region' was unexpected)"
    ]
    assert errors(text.replace(', words = "创新链" }', " }")) == ["'words' is a required property"]
    zh = 'rule_zh = "引文点名某地，即标注该地（虚构的规则）。"'
    assert errors(text.replace(zh, 'rule_zh = ""')) == ["'' does not match '\\\\S'"]
    assert errors(text.replace(zh, "rule_zh = 3")) == ["3 is not of type 'string'"]


def test_fmt_keeps_each_rule_an_inline_table_on_a_line_of_its_own():
    from jjj_cli.curate.fmt import format_file

    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    text = RULES.read_text(encoding="utf-8")
    formatted = format_file(text).text
    assert tomllib.loads(formatted)["coding"] == tomllib.loads(text)["coding"]
    lines = formatted.split("\n")
    # the rules after the model's other fields of a theme, one to a line, the list closed
    start = lines.index('aliases = ["industrial-clusters", "集群"]')
    assert lines[start + 1] == "include = ["
    assert lines[start + 2].startswith('  { rule = "A cluster of industry is to be built')
    assert lines[start + 2].endswith(
        'example = "wang-world-class-clusters", words = "打造世界级产业集群" },'
    )
    assert lines[start + 4 : start + 6] == ["]", "exclude = ["]
    # [coding], a table that is no table of records, after the tables of records
    assert formatted.endswith(
        text[text.index("[coding]") : text.index("[[regions]]")].rstrip() + "\n"
    )
    assert format_file(formatted).text == formatted  # formatted once for all


def test_fmt_puts_a_rules_keys_in_the_models_order():
    from jjj_cli.curate.fmt import format_file

    # a catalogue file of nothing but rules, their keys written out of order (fictional rules)
    text = (
        "[[themes]]\n"
        'id = "alpha"\n'
        "include = [\n"
        '  { words = "甲", example = "x-one", rule_zh = "甲规则（虚构）。", rule = "Alpha." },\n'
        "]\n"
        "\n"
        "[coding]\n"
        'regions = [{ gives = [], note = "kept", rule = "Beta.", example = "x-two", words = "乙", '
        'rule_zh = "乙规则（虚构）。" }]\n'
    )
    assert format_file(text).text == (
        "[[themes]]\n"
        'id = "alpha"\n'
        'include = [{ rule = "Alpha.", rule_zh = "甲规则（虚构）。", example = "x-one", '
        'words = "甲" }]\n'
        "\n"
        "[coding]\n"
        "regions = [\n"
        '  { rule = "Beta.", rule_zh = "乙规则（虚构）。", example = "x-two", words = "乙", '
        'gives = [], note = "kept" },\n'
        "]\n"
    )
