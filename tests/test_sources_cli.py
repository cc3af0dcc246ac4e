"""The read-only commands on a catalogue of two sources (tests/data/two-sources: fictional texts
and speakers; Lin Xiao speaks in both). Every expected value is read off the fixture by hand."""

import csv
import io
import json
import re
import shutil
import sqlite3

import pytest
from hypothesis import given
from rich.cells import cell_len

from jjj_cli.catalogue import load_catalogue
from jjj_cli.completion import candidates
from jjj_cli.query import Kind, Selection, select_figures, select_items

from .chinese import field_of, left_out_in
from .ids import joined
from .invoke import jjj, ok_json, unstyled, usage_error, written
from .paths import DATA
from .test_properties import selections as any_selection
from .test_properties import subsets
from .test_widths import as_shown, han, tokens

TWO = DATA / "two-sources" / "catalogue.toml"

FORUM = [
    "lin-parks-first",
    "lin-park-fund",
    "lin-research-to-hebei",
    "zhou-transport-backbone",  # the forum's finding
    "zhou-commuter-rail",
]
INTERVIEW = [
    "lin-xiongan-innovation",
    "lin-xiongan-park",
    "sun-chains-apart",  # the interview's finding
    "sun-chains-merge",
    "sun-tianjin-manufacturing",
]
FINDINGS = {"zhou-transport-backbone", "sun-chains-apart"}


def two(*args: str):
    return jjj(*args, catalogue=TWO)


def two_json(*args: str):
    return ok_json(*args, catalogue=TWO)


def ids(records) -> list[str]:
    return [record["id"] for record in records]


def proposals(listed: list[str]) -> list[str]:
    return [id for id in listed if id not in FINDINGS]


# --- the filter --------------------------------------------------------------------------


def test_items_come_in_source_order_then_seq():
    assert ids(two_json("list", "--kind", "all")) == FORUM + INTERVIEW


@pytest.mark.parametrize(
    "given",
    [
        ["--source", "test-interview"],
        ["--source", "TEST-INTERVIEW"],  # an id in any case
        ["--source", "雄安创新访谈（虚构）"],  # the title
        ["--source", "a fictional interview on innovation in xiong'an"],  # the English title
    ],
)
def test_source_is_named_as_the_other_filters_are(given):
    assert ids(two_json("list", "--kind", "all", *given)) == INTERVIEW


@pytest.mark.parametrize(
    "given",
    [
        ["--source", "test-forum,test-interview"],
        ["--source", "test-forum", "--source", "test-interview"],
        ["--source", "test-forum、test-interview"],  # a Chinese enumeration comma
    ],
)
def test_several_sources_mean_any_of_them(given):
    assert ids(two_json("list", "--kind", "all", *given)) == FORUM + INTERVIEW


@pytest.mark.parametrize(
    "given, expected",
    [
        (["--expert", "lin-xiao"], ["lin-xiongan-innovation", "lin-xiongan-park"]),
        (["--theme", "parks"], ["lin-xiongan-park", "sun-tianjin-manufacturing"]),
        # Beijing, and not the forum's items on it
        (["--region", "beijing"], ["lin-xiongan-park", "sun-tianjin-manufacturing"]),
        (["--region", "jingjinji", "--expert", "sun-ke"], ["sun-tianjin-manufacturing"]),
        (["--expert", "zhou-yuan"], []),  # he speaks only at the forum
    ],
)
def test_source_and_other_filters_must_all_hold(given, expected):
    assert ids(two_json("list", "--kind", "all", "--source", "test-interview", *given)) == expected


def test_the_default_kind_applies_and_the_findings_left_out_are_counted():
    result = two("list", "--source", "test-forum")
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[0] for line in result.stdout.splitlines()[1:]] == proposals(FORUM)
    assert result.stderr == "1 finding also matches; --kind all includes it.\n"


def test_an_unknown_source_is_a_usage_error_with_suggestions():
    result = two("list", "--source", "test-forun")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: unknown source 'test-forun'. Did you mean: test-forum?\n"


def test_an_expert_given_as_a_source_is_named_for_what_it_is():
    result = two("list", "--source", "lin-xiao")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: unknown source 'lin-xiao'. It names the expert 'lin-xiao': filter by expert.\n"
    )


def test_the_library_filters_by_source():
    catalogue = load_catalogue(TWO)
    chosen = Selection(kind=Kind.all, sources=frozenset({"test-forum"}))
    assert [item.id for item in select_items(catalogue, chosen)] == FORUM
    figures = select_figures(catalogue, sources=frozenset({"test-interview"}))
    assert [figure.id for figure in figures] == ["sun-firms-moved"]


@pytest.mark.parametrize(
    "args, expected",
    [
        (["search", "园区", "--source", "test-forum"], ["lin-parks-first", "lin-park-fund"]),
        # in its words, or in the name of its theme (共建园区)
        (
            ["search", "园区", "--source", "test-interview"],
            ["lin-xiongan-park", "sun-tianjin-manufacturing"],
        ),
        (["figures", "--source", "test-forum"], ["zhou-park-output"]),
        (["figures", "--source", "test-interview", "--expert", "lin-xiao"], []),
        (["figures"], ["zhou-park-output", "sun-firms-moved"]),
    ],
)
def test_search_and_figures_take_the_source_filter(args, expected):
    assert sorted(ids(two_json(*args))) == sorted(expected)


def test_graph_and_compare_take_the_source_filter():
    graph = two("graph", "--format", "mermaid", "--source", "test-forum", "--kind", "all")
    assert graph.exit_code == 0, graph.output
    assert "Zhou Yuan" in graph.stdout and "Sun Ke" not in graph.stdout
    compared = two_json("compare", "lin-xiao", "sun-ke", "--source", "test-interview")
    assert {row["theme"]: row["experts"] for row in compared} == {
        "parks": {"lin-xiao": ["lin-xiongan-park"], "sun-ke": ["sun-tianjin-manufacturing"]},
        "innovation": {
            "lin-xiao": ["lin-xiongan-innovation", "lin-xiongan-park"],
            "sun-ke": ["sun-chains-merge"],
        },
        "transport": {"lin-xiao": [], "sun-ke": []},
    }


def test_related_crosses_sources():
    # the interview's item links to the forum's, and the forum's reads the link back
    first = two_json("related", "sun-tianjin-manufacturing")[0]
    assert (first["id"], first["relation"]) == ("lin-research-to-hebei", "complements")
    related = two_json("show", "lin-research-to-hebei")["related"]
    assert [(link["id"], link["relation"]) for link in related] == [
        ("sun-chains-apart", "addresses"),
        ("sun-tianjin-manufacturing", "complements"),
    ]


def test_related_items_of_equal_score_come_in_catalogue_order():
    # each shares only Beijing with the commuter rail (1 point): the forum's first, though
    # the interview's Xiong'an park has the lower seq
    shown = two_json("related", "zhou-commuter-rail")
    assert [(row["id"], row["score"]) for row in shown if row["score"] == 1.0] == [
        ("lin-research-to-hebei", 1.0),
        ("lin-xiongan-park", 1.0),
        ("sun-tianjin-manufacturing", 1.0),
    ]


def test_compare_links_items_of_two_sources_from_the_earlier_in_the_catalogue():
    # the forum's item (seq 3) comes before the interview's (seq 3 too): the link is kept,
    # written from the forum's
    compared = two_json("compare", "lin-xiao", "sun-ke", "--theme", "innovation", "--kind", "all")
    assert compared[0]["links"] == [
        {"from": "lin-research-to-hebei", "to": "sun-chains-apart", "relation": "addresses"}
    ]


def test_equal_scores_are_in_catalogue_order_across_sources():
    # both match 创新 only by their theme's name, so score alike: the forum's item first,
    # though the interview's has the lower seq
    hits = two_json("search", "创新", "--kind", "all")
    tied = [hit["id"] for hit in hits if hit["score"] == 311]
    assert tied == ["lin-research-to-hebei", "lin-xiongan-park", "sun-chains-apart"]


# --- the codebook of sources -------------------------------------------------------------

FORUM_ENTRY = {
    "id": "test-forum",
    "title": "三地产业协作座谈会（虚构）",
    "title_en": "A fictional forum on industrial cooperation",
    "kind": "roundtable",
    "date": None,
}
INTERVIEW_ENTRY = {
    "id": "test-interview",
    "title": "雄安创新访谈（虚构）",
    "title_en": "A fictional interview on innovation in Xiong'an",
    "kind": "interview",
    "date": "2024-03-15",
}


@pytest.mark.parametrize(
    "args, counts",
    [
        ([], (4, 4)),  # proposals, as every codebook counts unless told
        (["--kind", "all"], (5, 5)),
        (["--kind", "finding"], (1, 1)),
        (["--kind", "all", "--expert", "sun-ke"], (0, 3)),
        (["--kind", "all", "--expert", "lin-xiao"], (3, 2)),
        (["--kind", "all", "--theme", "transport"], (2, 0)),
        (["--kind", "all", "--region", "hebei"], (1, 2)),  # Xiong'an is in Hebei
    ],
)
def test_the_sources_codebook_counts_items_within_the_filters(args, counts):
    assert two_json("sources", *args) == [
        {**FORUM_ENTRY, "count": counts[0]},
        {**INTERVIEW_ENTRY, "count": counts[1]},
    ]


def test_the_sources_codebook_lists_the_sources_its_own_filter_names():
    assert two_json("sources", "--source", "test-interview", "--kind", "all") == [
        {**INTERVIEW_ENTRY, "count": 5}
    ]


def test_the_sources_codebook_in_a_pipe():
    result = two("sources", "--kind", "all")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "id\ttitle\ttitle_en\tkind\tdate\tcount",
        "test-forum\t三地产业协作座谈会（虚构）\tA fictional forum on industrial cooperation"
        "\troundtable\t\t5",
        "test-interview\t雄安创新访谈（虚构）\tA fictional interview on innovation in Xiong'an"
        "\tinterview\t2024-03-15\t5",
    ]


@pytest.mark.parametrize(
    "command, counts",
    [
        ("experts", {"lin-xiao": 2, "zhou-yuan": 0, "sun-ke": 3}),
        ("themes", {"parks": 2, "innovation": 4, "transport": 0}),
        # a region counts the items on the places inside it
        ("regions", {"jingjinji": 3, "beijing": 2, "tianjin": 1, "hebei": 2, "xiongan": 2}),
    ],
)
def test_the_other_codebooks_count_within_a_source(command, counts):
    entries = two_json(command, "--source", "test-interview", "--kind", "all")
    assert {entry["id"]: entry["count"] for entry in entries} == counts


# --- show --------------------------------------------------------------------------------

SOURCE_DEFAULTS = {
    "publisher": None,
    "date": None,
    "url": None,
    "period": None,
    "period_zh": None,
    "framing": None,
    "framing_zh": None,
    "note": None,
}


def test_show_each_source_with_its_own_speakers_and_counts():
    assert two_json("show", "test-forum") == {
        "id": "test-forum",
        "title": "三地产业协作座谈会（虚构）",
        "title_en": "A fictional forum on industrial cooperation",
        "file": "sources/forum.zh.txt",  # as found from the entry file
        "sha256": "1156e589a1dd5cd187c63008ada0d890a6a8f3fccabdc35cf6b7e83dd7c5e790",
        "language": "zh",
        "kind": "roundtable",
        **SOURCE_DEFAULTS,
        "experts": ["lin-xiao", "zhou-yuan"],
        "counts": {"proposal": 4, "finding": 1},
    }
    assert two_json("show", "test-interview") == {
        "id": "test-interview",
        "title": "雄安创新访谈（虚构）",
        "title_en": "A fictional interview on innovation in Xiong'an",
        "file": "sources/interview.zh.txt",
        "sha256": "837079f5e2064ac607c78ae11787957f5a200e17a3da7bb62bb44299d9ac7d94",
        "language": "zh",
        "kind": "interview",
        **SOURCE_DEFAULTS,
        "publisher": "某虚构日报",
        "date": "2024-03-15",
        "experts": ["lin-xiao", "sun-ke"],  # Sun Ke by his items alone
        "counts": {"proposal": 4, "finding": 1},
    }


def test_show_a_source_by_its_title():
    assert two_json("show", "雄安创新访谈（虚构）")["id"] == "test-interview"


def test_an_expert_of_two_sources_shows_both_appearances_and_all_items():
    expert = two_json("show", "lin-xiao", "--kind", "all")
    assert expert["appearances"] == [
        {
            "source": "test-forum",
            "headline": "Start from jointly built parks",
            "headline_zh": "从园区共建做起",
            "question": None,
            "question_zh": None,
            "note": None,
        },
        {
            "source": "test-interview",
            "headline": None,
            "headline_zh": None,
            "question": "How can Xiong'an draw innovation?",
            "question_zh": "雄安如何吸引创新资源？",
            "note": None,
        },
    ]
    assert ids(expert["items"]) == [
        "lin-parks-first",
        "lin-park-fund",
        "lin-research-to-hebei",
        "lin-xiongan-innovation",
        "lin-xiongan-park",
    ]
    assert {item["source"] for item in expert["items"]} == {"test-forum", "test-interview"}


def test_an_expert_shown_on_a_terminal_has_a_block_for_each_source():
    result = two("show", "lin-xiao")
    # in a pipe, the appearances by their sources; each is a block of its own on a terminal
    assert "appearances\ttest-forum,test-interview" in result.stdout.splitlines()


# --- matrix ------------------------------------------------------------------------------


def test_matrix_rows_by_source():
    cells = two_json("matrix", "--rows", "source", "--cols", "expert", "--kind", "all")
    assert [(cell["row"], cell["col"], cell["ids"]) for cell in cells] == [
        ("test-forum", "lin-xiao", ["lin-parks-first", "lin-park-fund", "lin-research-to-hebei"]),
        ("test-forum", "zhou-yuan", ["zhou-transport-backbone", "zhou-commuter-rail"]),
        ("test-forum", "sun-ke", []),
        ("test-interview", "lin-xiao", ["lin-xiongan-innovation", "lin-xiongan-park"]),
        ("test-interview", "zhou-yuan", []),
        (
            "test-interview",
            "sun-ke",
            ["sun-chains-apart", "sun-chains-merge", "sun-tianjin-manufacturing"],
        ),
    ]


def test_matrix_columns_by_source_in_a_pipe():
    result = two("matrix", "--rows", "theme", "--cols", "source")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "theme\\source\ttest-forum\ttest-interview\ttotal",
        "parks\t2\t2\t4",
        "innovation\t1\t3\t4",
        "transport\t1\t0\t1",
        "total\t4\t4\t8",
    ]


# --- verify and validate -----------------------------------------------------------------


def test_verify_reports_each_source_against_its_own_text():
    assert two_json("verify") == {
        "source": None,  # 0.1's one file: there are two
        "checked": 12,
        "missing": [],
        "sources": [
            {"source": "test-forum", "file": "sources/forum.zh.txt", "checked": 6, "missing": []},
            {
                "source": "test-interview",
                "file": "sources/interview.zh.txt",
                "checked": 6,
                "missing": [],
            },
        ],
    }
    result = two("verify")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "6 quotes checked against sources/forum.zh.txt: all found\n"
        "6 quotes checked against sources/interview.zh.txt: all found\n"
    )


@pytest.fixture
def two_copy(tmp_path):
    """A copy of the two-source catalogue to change."""
    shutil.copytree(TWO.parent, tmp_path / "two")
    return tmp_path / "two" / "catalogue.toml"


def test_verify_of_one_quote_and_of_a_source_with_none(two_copy):
    # diff/new: the forum has three items and a figure, the interview one item
    new = DATA / "diff" / "new" / "proposals.toml"
    result = written("--catalogue", str(new), "verify", terminal=False)
    assert result.stdout == (
        "4 quotes checked against sources/forum.zh.txt: all found\n"
        "1 quote checked against sources/interview.zh.txt: all found\n"
    )
    # the interview without its items and figure (and the forum's link to one of them)
    interview = two_copy.parent / "sources" / "interview.toml"
    text = interview.read_text(encoding="utf-8")
    interview.write_text(text[: text.index("[[proposals]]")], encoding="utf-8")
    forum = two_copy.parent / "sources" / "forum.toml"
    text = forum.read_text(encoding="utf-8")
    forum.write_text(re.sub(r"^related = .*sun-chains-apart.*\n", "", text, flags=re.M), "utf-8")
    result = written("--catalogue", str(two_copy), "verify", terminal=False)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "6 quotes checked against sources/forum.zh.txt: all found\n"
        "no quotes to check in sources/interview.zh.txt\n"
    )


def test_figures_of_two_sources_on_a_terminal_keep_the_source_before_the_year():
    # at 106 columns, not every column fits: the expert goes first, then the year; the source,
    # which tells the two sources' figures apart, stays
    lines = unstyled(written("--catalogue", str(TWO), "figures", width=106).stdout).splitlines()
    assert lines[0].split() == [
        "id",
        "indicator",
        "value",
        "unit",
        "region",
        "compared_with",
        "ratio",
        "source",
    ]


def test_verify_finds_a_quote_missing_from_its_own_source(two_copy):
    # the forum's words, quoted as the interview's: in the catalogue, not in that source
    interview = two_copy.parent / "sources" / "interview.toml"
    text = interview.read_text(encoding="utf-8")
    wrong = text.replace('quote = "目前两链融合程度不高。"', 'quote = "交通是协作的骨架。"')
    interview.write_text(wrong, encoding="utf-8")
    result = jjj("verify", "--json", catalogue=two_copy)
    assert result.exit_code == 1, result.output
    missing = {
        "id": "sun-chains-apart",
        "table": "proposals",
        "quote": "交通是协作的骨架。",
        "source": "test-interview",
    }
    report = json.loads(result.stdout)
    assert report["missing"] == [missing]
    assert [(s["source"], s["checked"], s["missing"]) for s in report["sources"]] == [
        ("test-forum", 6, []),
        ("test-interview", 6, [missing]),
    ]
    result = jjj("verify", catalogue=two_copy)
    assert result.exit_code == 1
    assert result.stdout == (
        "6 quotes checked against sources/forum.zh.txt: all found\n"
        "1 of 6 quotes not found in sources/interview.zh.txt:\n"
        "sun-chains-apart\t交通是协作的骨架。\n"
    )


def test_validate_counts_the_sources():
    result = jjj("validate", str(TWO))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        ": no problems: 10 items, 2 figures, 3 themes, 5 regions; "
        "all 12 quotes found in their 2 sources\n"
    )


# --- jjj source --------------------------------------------------------------------------


def test_an_items_context_comes_from_its_own_source():
    assert two_json("source", "lin-xiongan-park") == {
        "id": "lin-xiongan-park",
        "source": "test-interview",
        "quote": "建议在雄安设立共建园区，与北京的高校合作。",
        "context": "林晓（某虚构大学教授）：雄安要成为创新高地。"
        "建议在雄安设立共建园区，与北京的高校合作。"
        "孙柯（某虚构智库主任）：目前两链融合程度不高。",
        "before": "林晓（某虚构大学教授）：雄安要成为创新高地。",
        "after": "孙柯（某虚构智库主任）：目前两链融合程度不高。",
        "file": "sources/interview.zh.txt",
        "line_start": 5,
        "line_end": 6,
        "paragraph": 3,
        "sentence_start": 2,
        "paragraph_end": 3,
        "sentence_end": 2,
    }


def test_a_figures_context_comes_from_its_own_source():
    shown = two_json("source", "sun-firms-moved", "--context", "0")
    assert (shown["source"], shown["file"], shown["line_start"], shown["context"]) == (
        "test-interview",
        "sources/interview.zh.txt",
        9,
        "2023年天津某虚构开发区引进北京企业300家。",
    )
    shown = two_json("source", "lin-park-fund", "--context", "0")
    assert (shown["source"], shown["file"], shown["line_start"], shown["line_end"]) == (
        "test-forum",
        "sources/forum.zh.txt",
        5,
        6,
    )


def test_a_source_id_shows_that_source_whole_with_only_its_quotes():
    whole = two_json("source", "test-interview")
    assert (whole["id"], whole["source"], whole["file"]) == (
        None,
        "test-interview",
        "sources/interview.zh.txt",
    )
    assert [paragraph["text"] for paragraph in whole["paragraphs"]] == [
        "（测试用虚构文本：访谈、人物、机构与回答均为虚构。）",
        "记者：雄安如何吸引创新资源？",
        "林晓（某虚构大学教授）：雄安要成为创新高地。建议在雄安设立共建园区，与北京的高校合作。",
        "孙柯（某虚构智库主任）：目前两链融合程度不高。产业链与创新链要融合。"
        "天津应当承接北京的先进制造业。2023年天津某虚构开发区引进北京企业300家。",
    ]
    marked = [mark["id"] for paragraph in whole["paragraphs"] for mark in paragraph["quotes"]]
    assert marked == [*INTERVIEW, "sun-firms-moved"]


def test_full_with_an_item_shows_the_items_source():
    whole = two_json("source", "--full", "zhou-commuter-rail")
    assert (whole["id"], whole["source"], whole["file"]) == (
        "zhou-commuter-rail",
        "test-forum",
        "sources/forum.zh.txt",
    )
    marked = [mark["id"] for paragraph in whole["paragraphs"] for mark in paragraph["quotes"]]
    assert marked == [*FORUM, "zhou-park-output"]


def test_full_without_an_id_asks_which_source():
    result = two("source", "--full")
    assert (result.exit_code, result.stdout) == (2, "")
    assert usage_error(result.stderr) == (
        "Invalid value for ID: the catalogue has 2 sources (test-forum, test-interview): "
        "give the id of one, or of an item or figure"
    )


# --- exports -----------------------------------------------------------------------------


def test_csv_and_tsv_carry_each_items_source():
    for format, delimiter in (("csv", ","), ("tsv", "\t")):
        text = two("export", "--format", format, "--kind", "all").stdout
        rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
        assert [(row["id"], row["source"]) for row in rows] == [
            *((id, "test-forum") for id in FORUM),
            *((id, "test-interview") for id in INTERVIEW),
        ]


def test_json_exports_carry_the_source_and_take_the_filter():
    rows = json.loads(two("export", "--format", "json", "--source", "test-forum").stdout)
    assert [(row["id"], row["source"]) for row in rows] == [
        (id, "test-forum") for id in proposals(FORUM)
    ]
    lines = two("export", "--format", "jsonl", "--source", "test-interview").stdout.splitlines()
    assert [json.loads(line)["source"] for line in lines] == ["test-interview"] * 4


def test_markdown_names_the_sources_and_each_items_source():
    text = two("export", "--format", "markdown", "--theme", "transport", "--kind", "all").stdout
    # the transport items are all the forum's: titled by it alone
    assert text.startswith(
        "# A fictional forum on industrial cooperation\n\n三地产业协作座谈会（虚构）\n\n"
    )
    assert "`zhou-commuter-rail` · proposal · source: test-forum · " in text
    text = two("export", "--format", "markdown", "--theme", "parks").stdout
    assert text.startswith(
        "# 2 sources\n\n"
        "- A fictional forum on industrial cooperation; 三地产业协作座谈会（虚构） (`test-forum`)\n"
        "- A fictional interview on innovation in Xiong'an; 雄安创新访谈（虚构） "
        "(`test-interview`)\n\n4 items (4 proposals).\n"
    )
    assert "`sun-tianjin-manufacturing` · proposal · source: test-interview · " in text


def test_sqlite_holds_both_sources_and_their_items(tmp_path):
    target = tmp_path / "two.db"
    result = two("export", "--kind", "all", "--source", "test-interview", "-o", str(target))
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(target)
    # the codebooks whole, whatever the filters; the files as found from the entry file
    assert db.execute("SELECT id, file, date FROM sources").fetchall() == [
        ("test-forum", "sources/forum.zh.txt", None),
        ("test-interview", "sources/interview.zh.txt", "2024-03-15"),
    ]
    assert db.execute("SELECT count(*) FROM source").fetchone() == (2,)  # 0.1's view
    assert db.execute("SELECT id, source FROM proposals ORDER BY seq").fetchall() == [
        (id, "test-interview") for id in INTERVIEW
    ]
    assert db.execute("SELECT id, source FROM figures").fetchall() == [
        ("sun-firms-moved", "test-interview")
    ]
    assert db.execute("SELECT expert, source FROM appearances").fetchall() == [
        ("lin-xiao", "test-forum"),
        ("zhou-yuan", "test-forum"),
        ("lin-xiao", "test-interview"),
    ]


def test_xlsx_has_a_source_column(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "two.xlsx"
    result = two("export", "--kind", "all", "-o", str(target))
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    items = [[cell.value for cell in row] for row in book["items"].iter_rows()]
    column = items[0].index("source")
    assert [row[column] for row in items[1:]] == ["test-forum"] * 5 + ["test-interview"] * 5
    figures = [[cell.value for cell in row] for row in book["figures"].iter_rows()]
    column = figures[0].index("source")
    assert [row[column] for row in figures[1:]] == ["test-forum", "test-interview"]


@pytest.mark.parametrize(
    "target",
    [
        "catalogue.toml",
        "sources/forum.toml",
        "sources/interview.toml",  # an included file, not only the entry
        "sources/forum.zh.txt",
        "sources/interview.zh.txt",  # the second source's text, not only the first's
    ],
)
def test_no_file_of_the_catalogue_is_an_export_target(two_copy, target):
    before = {path: path.read_bytes() for path in two_copy.parent.rglob("*") if path.is_file()}
    path = two_copy.parent / target
    result = jjj("export", "--format", "csv", "-o", str(path), "--force", catalogue=two_copy)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "catalogue's own file" in usage_error(result.stderr)
    after = {path: path.read_bytes() for path in two_copy.parent.rglob("*") if path.is_file()}
    assert after == before


# --- completion --------------------------------------------------------------------------


def test_source_ids_complete():
    assert candidates(TWO, "source", "test-") == ["test-forum", "test-interview"]
    assert candidates(TWO, "source", "test-forum,test-i") == ["test-forum,test-interview"]
    assert candidates(TWO, "source", "雄") == ["雄安创新访谈（虚构）"]  # its title
    assert candidates(TWO, "quoted", "test-i") == ["test-interview"]


# --- on a terminal -----------------------------------------------------------------------


def terminal_header(*args: str, catalogue=TWO) -> list[str]:
    shown = written("--catalogue", str(catalogue), *args, width=120)
    assert shown.exit_code == 0, shown.output
    return unstyled(shown.stdout).splitlines()[0].split()


def test_a_terminal_names_the_source_only_where_items_come_from_several():
    # the number is the order within a source: with two sources, which one is said
    assert terminal_header("list", "--kind", "all") == [
        "#",
        "id",
        "expert",
        "kind",
        "source",
        "title",
    ]
    assert terminal_header("list", "--source", "test-forum") == ["#", "id", "expert", "title"]


def test_a_terminal_names_the_figures_source_only_where_they_come_from_several():
    assert terminal_header("figures")[-1] == "source"
    assert "source" not in terminal_header("figures", "--source", "test-forum")


# --- the laws every filter keeps, --source too --------------------------------------------

CATALOGUE = load_catalogue(TWO)


def selections():
    return any_selection(CATALOGUE, size=2)


def selected(selection: Selection) -> set[str]:
    return {item.id for item in select_items(CATALOGUE, selection)}


@given(selections(), subsets(CATALOGUE.sources, 2))
def test_sources_within_the_flag_are_a_union(selection, extra):
    if selection.sources and extra:  # an empty filter means "no filter", not "nothing"
        union = selection._replace(sources=selection.sources | extra)
        alone = selection._replace(sources=extra)
        assert selected(union) == selected(selection) | selected(alone)


@given(selections())
def test_the_source_filter_intersects_the_others(selection):
    without = selection._replace(sources=frozenset())
    only = Selection(kind=selection.kind, sources=selection.sources)
    assert selected(selection) == selected(without) & selected(only)
    items = select_items(CATALOGUE, selection)
    assert all(item.source in selection.sources for item in items) or not selection.sources
    # and keeps the order: by source, then seq
    order = {source.id: index for index, source in enumerate(CATALOGUE.sources)}
    assert [(order[i.source], i.seq) for i in items] == sorted(
        (order[i.source], i.seq) for i in items
    )


# --- a catalogue with no source yet (the codebooks alone, as a new catalogue starts) -------


@pytest.fixture
def no_sources(tmp_path):
    text = TWO.read_text(encoding="utf-8").replace('include = ["sources/*.toml"]', "")
    path = tmp_path / "proposals.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_catalogue_with_no_source_says_so(no_sources):
    result = jjj("validate", str(no_sources))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{no_sources}: no problems: 0 items, 0 figures, 3 themes, 5 regions; no sources yet\n"
    )
    result = jjj("verify", catalogue=no_sources)
    assert (result.exit_code, result.stdout) == (0, "no sources: nothing to check\n")
    assert ok_json("verify", catalogue=no_sources) == {
        "source": None,
        "checked": 0,
        "missing": [],
        "sources": [],
    }
    assert ok_json("sources", catalogue=no_sources) == []
    result = jjj("source", "--full", catalogue=no_sources)
    assert (result.exit_code, result.stdout) == (2, "")
    assert usage_error(result.stderr) == "Invalid value for ID: the catalogue has no source yet"


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize(
    "args",
    [
        ["list", "--kind", "all"],
        ["list", "--kind", "all", "--lang", "zh"],
        ["figures"],
        ["sources", "--lang", "zh"],
        ["matrix", "--rows", "expert", "--cols", "source", "--lang", "zh"],
        ["show", "lin-xiao", "--kind", "all"],
    ],
    ids=joined,
)
def test_two_sources_fit_the_terminal_with_every_id_whole(args, width):
    shown = written("--catalogue", str(TWO), *args, width=width)
    assert shown.exit_code == 0, shown.output
    lines = unstyled(shown.stdout).splitlines()
    assert max(cell_len(line) for line in lines) <= width
    words = {word for line in lines for word in line.split()}
    wanted = {"list": FORUM + INTERVIEW, "figures": ["zhou-park-output", "sun-firms-moved"]}
    for id in wanted.get(args[0], []):
        assert id in words, id
    if args[0] == "list" or (args[0] == "figures" and width >= 120):
        assert {"test-forum", "test-interview"} <= words


# --- long ids on a narrow terminal --------------------------------------------------------

# Ids as long as `add item` proposes (the expert's short name and four words of the title),
# and a long source id, given in a copy of the fixture: every table that lists items or
# figures must still fit from 60 columns up, leaving columns out (and saying which) rather
# than breaking an id or a row.
LONG_IDS = {
    "lin-research-to-hebei": "lin-put-beijing-research-to-use-in-hebei-province",
    "lin-xiongan-park": "lin-jointly-built-park-xiongan-new-area-hebei",
    "zhou-commuter-rail": "zhou-commuter-rail-beijing-tianjin-intercity",
    "sun-tianjin-manufacturing": "sun-tianjin-advanced-manufacturing-relocation",
    "zhou-park-output": "zhou-output-of-the-jointly-built-parks-in-hebei",
    "test-interview": "test-interview-on-xiongan-innovation",
}
LONG_WIDTHS = [60, 70, 80, 84, 100, 120]


@pytest.fixture(scope="module")
def long_ids(tmp_path_factory):
    folder = tmp_path_factory.mktemp("long") / "two-sources"
    shutil.copytree(TWO.parent, folder)
    for path in folder.rglob("*.toml"):
        text = path.read_text(encoding="utf-8")
        for old, new in LONG_IDS.items():
            text = text.replace(f'"{old}"', f'"{new}"')
        path.write_text(text, encoding="utf-8")
    return folder / TWO.name


LONG_CASES = [
    ["list", "--kind", "all"],
    ["list", "--kind", "all", "--lang", "zh"],
    ["list"],  # proposals only: no kind column
    ["list", "--source", "test-forum"],  # one source: no source column
    ["show", "lin-xiao", "--kind", "all"],  # an expert of both sources
    ["show", "hebei", "--kind", "all"],  # a region: items and a figure
    ["show", "parks", "--kind", "all", "--lang", "zh"],  # a theme
    ["show", "test-interview-on-xiongan-innovation", "--kind", "all"],  # a source
    ["figures"],
    ["figures", "--lang", "zh"],
    ["search", "园区", "--kind", "all"],
    ["related", "lin-put-beijing-research-to-use-in-hebei-province"],
]


def tables(lines: list[str]) -> dict[str, list[str]]:
    """The lines of each table `show` prints under its title (items, figures, related), the
    fields above them under ""; `list` and the other commands print one table, under ""."""
    found: dict[str, list[str]] = {"": []}
    name = ""
    for line in lines:
        if field_of(line) in ("items", "figures", "related"):  # in either language
            name = field_of(line)
            found[name] = []
        else:
            found[name].append(line)
    return found


def left_out_of(lines: list[str]) -> set[str]:
    return left_out_in(" ".join(" ".join(lines).split()))


def chinese_names(catalogue) -> dict[str, str]:
    """Each expert's, theme's and region's Chinese name, as the codebooks' JSON gives them."""
    return {
        entry["id"]: entry["name_zh"]
        for codebook in ("experts", "themes", "regions")
        for entry in json.loads(
            jjj(codebook, "--kind", "all", "--json", catalogue=catalogue).stdout
        )
    }


# An item's kind as a table in Chinese says it.
KINDS_ZH = {"proposal": "建议", "finding": "判断"}


def item_cells(
    items: list[dict], lang: str, left_out: set[str], names: dict[str, str] | None = None
) -> tuple[list[list], list]:
    """Each item's row as the item list shows it (number, id, then expert, kind when both
    kinds are listed and source when several sources are, unless left out), and the texts it
    shows beneath or beside: the title in the language asked for, themes and regions."""
    several = {
        "kind": len({item["kind"] for item in items}) > 1,
        "source": len({item["source"] for item in items}) > 1,
    }
    for name, shown in several.items():
        assert shown or name not in left_out, f"{name} is said to be left out but never shown"
    optional = ["expert", *(name for name in ("kind", "source") if several[name])]
    # in Chinese, the expert, themes and regions by name, and the kind in words
    named = (lambda id: names.get(id, id)) if names else str
    said = {"expert": named, "kind": (lambda kind: KINDS_ZH[kind]) if names else str}
    rows = [
        [
            str(item["seq"]),
            item["id"],
            *(said.get(name, str)(item[name]) for name in optional if name not in left_out),
        ]
        for item in items
    ]
    title_key = "title_zh" if lang == "zh" else "title"
    texts = [
        value
        for item in items
        for value in (
            item[title_key],
            [named(theme) for theme in item["themes"]],
            [named(region) for region in item["regions"]],
        )
    ]
    return rows, texts


@pytest.mark.parametrize("width", LONG_WIDTHS)
@pytest.mark.parametrize("args", LONG_CASES, ids=joined)
def test_long_ids_of_two_sources_fit_every_width(long_ids, args, width):
    shown = written("--catalogue", str(long_ids), *args, width=width)
    assert shown.exit_code == 0, shown.output
    data = json.loads(jjj(*args, "--json", catalogue=long_ids).stdout)
    lang = args[-1] if "--lang" in args else "en"
    lines = unstyled(shown.stdout).splitlines()
    assert [line for line in lines if cell_len(line) > width] == []

    parts = tables(lines)
    expected: list = []  # every text the output must show whole
    if args[0] == "show":  # the record's own fields (a checksum may fold: it is no id)
        nested = ("items", "figures", "related", "appearances", "sha256")
        expected += [value for name, value in data.items() if name not in nested]
    items = data if args[0] == "list" else data.get("items", []) if args[0] == "show" else []
    if items:
        part = parts["" if args[0] == "list" else "items"]
        names = chinese_names(long_ids) if lang == "zh" else None
        rows, texts = item_cells(items, lang, left_out_of(part), names)
        for row in rows:
            # the row's cells on the line of its id, in order, from the margin: none pushed
            # onto a line of its own, the id not broken
            line = next((line for line in part if row[1] in line.split()), None)
            assert line is not None, f"{row[1]} not whole on one line"
            assert line.startswith(" ") and line.split()[: len(row)] == row, line
        expected += [*texts, *(cell for row in rows for cell in row)]
    title_key = "title_zh" if lang == "zh" else "title"
    indicator = "indicator_zh" if lang == "zh" else "indicator"
    figure = ["id", "expert", indicator, "value", "unit", "year", "region", "compared_with"]
    figures = data if args[0] == "figures" else data.get("figures", []) if args[0] == "show" else []
    if figures:
        left_out = left_out_of(parts["" if args[0] == "figures" else "figures"])
        several = len({record["source"] for record in figures}) > 1
        columns = [*figure, "ratio", *(["source"] if several else [])]
        # in Chinese, the expert and the regions by name
        names = chinese_names(long_ids) if lang == "zh" else {}
        expected += [
            names.get(record[c], record[c])
            if c in ("expert", "region", "compared_with")
            else record[c]
            for record in figures
            for c in columns
            if c not in left_out
        ]
    if args[0] == "search":
        left_out = left_out_of(lines)
        expected += [r[c] for r in data for c in ("id", "field", title_key) if c not in left_out]
    if args[0] == "related":
        left_out = left_out_of(lines)
        columns = ["id", "expert", "relation", title_key, "score", "reason"]
        expected += [r.get(c) for r in data for c in columns if c not in left_out]
    texts = [text for value in expected for text in as_shown(value)]
    assert texts, "nothing to look for"
    assert not tokens(texts) - tokens(lines), "not whole on one line"
    assert not han(texts) - han(lines), "Chinese text missing"
    for id in LONG_IDS.values():  # a long id shown is shown whole, on one line
        if any(id in text for text in texts):
            assert any(id in line.split() for line in lines), id
