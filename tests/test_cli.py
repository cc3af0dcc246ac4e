import io
import json

import pytest
from rich.console import Console

from jjj_cli import __version__, load_catalogue
from jjj_cli.catalogue import model
from jjj_cli.cli import app
from jjj_cli.query import Selection, select_items
from jjj_cli.render.browse import item_list
from jjj_cli.render.output import Mode

from . import independent
from .invoke import jjj, ok_json, runner, unstyled, written
from .paths import DATA, MINI, SHIPPED

WANG_RESEARCH = {
    "id": "wang-research-to-hebei",
    "kind": "proposal",
    "expert": "wang-ming",
    "seq": 2,
    "title": "Put Beijing's research results to use in Hebei",
    "title_zh": "北京科技成果在河北转化",
    "summary": "Beijing's research results should be turned into production in Hebei.",
    "summary_zh": "北京的科技成果应当在河北转化落地。",
    "themes": ["innovation"],
    "regions": ["beijing", "hebei"],
    "quote": "北京的科技成果应当在河北转化落地。",
    "related": [{"id": "li-hebei-capacity", "relation": "addresses"}],
    "source": "mini-forum",
}

RD_INTENSITY = {
    "id": "wang-rd-intensity",
    "expert": "wang-ming",
    "indicator": "R&D intensity",
    "indicator_zh": "研发投入强度",
    "value": 6.8,
    "unit": "%",
    "year": 2022,
    "region": "beijing",
    "compared_with": "hebei",
    "ratio": 3,
    "quote": "2022年北京研发投入强度为6.8%，是河北的3倍多。",
    "source": "mini-forum",
    "note": "The text says 'more than 3 times'.",  # what a reader of the ratio must know
}


def test_list_json_is_item_objects_in_seq_order():
    items = ok_json("list", "--region", "beijing")
    assert [item["id"] for item in items] == ["wang-research-to-hebei", "li-intercity-rail"]
    assert items[0] == WANG_RESEARCH


def test_list_filters_combine():
    items = ok_json("list", "--kind", "all", "--theme", "clusters", "--region", "河北")
    assert [item["id"] for item in items] == ["li-hebei-capacity", "zhang-leading-firms-xiongan"]


def test_list_empty_result_is_an_empty_array():
    assert ok_json("list", "--region", "yrd") == []


def test_list_unknown_theme_is_a_usage_error():
    result = jjj("list", "--theme", "cluster", "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "Error: unknown theme 'cluster'. Did you mean: clusters?\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (["list", "--region", "雄安市"], "unknown region '雄安市'. Did you mean: xiongan?"),
        (["themes", "--theme", "链"], "unknown theme '链'. Did you mean: chains?"),
        (["show", "河北省保定市"], "unknown id '河北省保定市'. Did you mean: hebei?"),
        (
            ["list", "--theme", "atlantis"],
            "unknown theme 'atlantis'. Valid values: "
            "clusters, innovation, transport, free-trade, chains, integration.",
        ),
    ],
)
def test_an_unknown_name_is_one_line_with_suggestions_or_the_valid_ids(args, message):
    result = jjj(*args, "--json")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {message}\n"


# The mini catalogue's findings: li-transport-backbone, li-hebei-capacity (li-hua);
# zhang-chain-gap, zhang-market-integration (zhang-wei); wang-ming has none.
MANY = "{} findings also match; --kind all includes them.\n"
ONE = "1 finding also matches; --kind all includes it.\n"


@pytest.mark.parametrize(
    "args, proposals, note",
    [
        (["list", "--json"], 6, MANY.format(4)),
        (["list", "--expert", "zhang-wei", "--json"], 1, MANY.format(2)),
        (["list", "--expert", "li-hua", "--theme", "transport", "--json"], 1, ONE),
        (["list", "--expert", "wang-ming", "--json"], 3, ""),
        (["search", "骨架", "--json"], 0, ONE),
        (["export", "--format", "json", "--expert", "zhang-wei"], 1, MANY.format(2)),
    ],
)
def test_without_kind_items_are_proposals_and_stderr_counts_the_findings(args, proposals, note):
    result = jjj(*args)
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert len(items) == proposals
    assert all(item["kind"] == "proposal" for item in items)
    assert result.stderr == note
    # --kind proposal gives the same items, and no note: nor does any --kind given
    given = jjj(*args, "--kind", "proposal")
    assert (json.loads(given.stdout), given.stderr) == (items, "")
    for kind in ("finding", "all"):
        assert jjj(*args, "--kind", kind).stderr == ""


def test_list_plain_output_is_tsv_with_header():
    result = jjj("list", "--expert", "li-hua", "--kind", "all")
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows == [
        ["id", "kind", "expert", "themes", "regions", "title"],
        [
            "li-transport-backbone",
            "finding",
            "li-hua",
            "transport",
            "",
            "Transport is the backbone of industrial coordination",
        ],
        [
            "li-intercity-rail",
            "proposal",
            "li-hua",
            "transport",
            "airport-zone",
            "Build intercity rail and make the airport zone a hub",
        ],
        [
            "li-linked-ftzs",
            "proposal",
            "li-hua",
            "free-trade",
            "jingjinji",
            "Link the free-trade zones of the three",
        ],
        [
            "li-hebei-capacity",
            "finding",
            "li-hua",
            "clusters",
            "hebei",
            "Hebei cannot yet absorb relocated industry",
        ],
    ]


def test_list_lang_zh_picks_the_chinese_title():
    result = jjj("list", "--expert", "zhang-wei")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[1][-1] == "Let leading firms bring SMEs to Xiong'an"
    result = jjj("list", "--expert", "zhang-wei", "--lang", "zh")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows == [
        ["id", "kind", "expert", "themes", "regions", "title_zh"],
        [
            "zhang-leading-firms-xiongan",
            "proposal",
            "zhang-wei",
            "clusters",
            "xiongan",
            "龙头企业带动中小企业在雄安集聚",
        ],
    ]


def test_show_expert():
    expert = ok_json("show", "wang-ming")
    assert {key: value for key, value in expert.items() if key not in ("items", "figures")} == {
        "id": "wang-ming",
        "name": "Wang Ming",
        "name_zh": "王明",
        "affiliation": "Professor, a university",
        "affiliation_zh": "某大学教授",
        "note": None,
        # the first source's, as 0.1 gave them
        "headline": "Build world-class clusters",
        "headline_zh": "打造世界级产业集群",
        "question": "How can clusters grow?",
        "question_zh": "产业集群如何发展？",
        "appearances": [
            {
                "source": "mini-forum",
                "headline": "Build world-class clusters",
                "headline_zh": "打造世界级产业集群",
                "question": "How can clusters grow?",
                "question_zh": "产业集群如何发展？",
                "note": "The first speaker.",
            }
        ],
    }
    assert [item["id"] for item in expert["items"]] == [
        "wang-world-class-clusters",
        "wang-research-to-hebei",
        "wang-xiongan-innovation",
    ]
    assert expert["items"][1] == WANG_RESEARCH
    assert expert["figures"] == [RD_INTENSITY]


def test_show_item_with_related_titles():
    item = ok_json("show", "li-hebei-capacity")
    assert item["related"] == [
        {
            "id": "wang-research-to-hebei",
            "relation": "addressed-by",
            "title": "Put Beijing's research results to use in Hebei",
            "title_zh": "北京科技成果在河北转化",
        }
    ]
    assert (item["kind"], item["seq"], item["note"]) == ("finding", 7, None)


def test_show_theme():
    theme = ok_json("show", "ftz")
    assert {key: value for key, value in theme.items() if key != "items"} == {
        "id": "free-trade",
        "name": "Free-trade zones",
        "name_zh": "自贸试验区",
        "definition": "Pilot free-trade zones and other opening-up pilots.",
        "aliases": ["ftz"],
        "include": [],
        "exclude": [],
    }
    assert [item["id"] for item in theme["items"]] == ["li-linked-ftzs"]


def test_show_region():
    region = ok_json("show", "hebei", "--kind", "all")
    assert {key: value for key, value in region.items() if key != "items"} == {
        "id": "hebei",
        "name": "Hebei",
        "name_zh": "河北",
        "aliases": ["河北省", "Hebei Province"],
        "level": "province",
        "code": "130000",
        "parent": "jingjinji",
        "comparison": False,
        "also_within": [],
        "children": ["xiongan", "airport-zone"],
        "note": None,
    }
    assert [item["id"] for item in region["items"]] == [
        "wang-research-to-hebei",
        "wang-xiongan-innovation",
        "li-intercity-rail",
        "li-hebei-capacity",
        "zhang-leading-firms-xiongan",
    ]


def test_show_lists_proposals_unless_asked_and_says_what_else_matches():
    result = jjj("show", "hebei", "--json")
    assert result.exit_code == 0, result.output
    assert [item["id"] for item in json.loads(result.stdout)["items"]] == [
        "wang-research-to-hebei",
        "wang-xiongan-innovation",
        "li-intercity-rail",
        "zhang-leading-firms-xiongan",
    ]
    assert result.stderr == "1 finding also matches; --kind all includes it.\n"
    findings = jjj("show", "hebei", "--kind", "finding", "--json")
    assert [item["id"] for item in json.loads(findings.stdout)["items"]] == ["li-hebei-capacity"]
    assert findings.stderr == ""
    # an item has no items to list: nothing to say
    assert jjj("show", "li-hebei-capacity").stderr == ""


@pytest.mark.parametrize(
    "args, listed",
    [
        (
            ["show", "qqqq"],
            "`jjj list --kind all`, `jjj figures`, `jjj experts`, `jjj themes`, "
            "`jjj regions` and `jjj sources` list the ids.",
        ),
        (["related", "qqqq"], "`jjj list --kind all` lists the ids."),
    ],
)
def test_an_unknown_id_with_nothing_close_points_to_the_commands_that_list_them(args, listed):
    result = jjj(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: unknown id 'qqqq'. No id or name is close. {listed}\n"


def test_show_of_nothing_is_a_usage_error():
    result = jjj("show", " ")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: an empty id: give an id or a name\n"


def test_show_figure():
    assert ok_json("show", "wang-rd-intensity") == RD_INTENSITY


def test_show_source():
    source = ok_json("show", "mini-forum")
    assert source == {
        "id": "mini-forum",
        "title": "京津冀协同发展座谈会（测试）",
        "title_en": "Test forum on Beijing–Tianjin–Hebei coordination",
        "file": "sources/mini.zh.txt",
        "sha256": "162400db7adfe8b31e698b78cbc60fe0f70a1c4df89fe75afb7ced16c0fb0cc6",
        "language": "zh",
        "kind": None,
        "publisher": None,
        "date": None,
        "url": None,
        "period": "2022",
        "period_zh": None,
        "framing": None,
        "framing_zh": None,
        "note": None,
        "experts": ["wang-ming", "li-hua", "zhang-wei"],
        "counts": {"proposal": 6, "finding": 4},
    }


@pytest.mark.parametrize(
    "option, name, id",
    [
        ("--region", "雄安", "xiongan"),
        ("--region", "河北省", "hebei"),
        ("--region", "天津市", "tianjin"),
        ("--region", "滨海", "binhai"),
        ("--region", "中关村", "zhongguancun"),
        ("--region", "Xiong'an", "xiongan"),
        ("--theme", "产业链", "chains"),
        ("--theme", "自贸区", "free-trade"),
        ("--theme", "集群", "clusters"),
    ],
)
def test_a_chinese_or_short_name_finds_what_its_id_finds(option, name, id):
    by_name = ok_json("list", "--kind", "all", option, name, catalogue=SHIPPED)
    by_id = ok_json("list", "--kind", "all", option, id, catalogue=SHIPPED)
    assert by_name == by_id
    assert by_id  # each of these has items in the shipped catalogue


@pytest.mark.parametrize(
    "name, id", [("雄安", "xiongan"), ("河北省", "hebei"), ("产业链", "chains")]
)
def test_show_takes_the_same_names(name, id):
    assert ok_json("show", name, catalogue=SHIPPED) == ok_json("show", id, catalogue=SHIPPED)


def test_show_unknown_id_suggests():
    result = jjj("show", "wang-rd-intensty")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown id 'wang-rd-intensty'. Did you mean: wang-rd-intensity?\n"
    )


def test_experts_codebook():
    assert ok_json("experts", "--kind", "all") == [
        {"id": "wang-ming", "name": "Wang Ming", "name_zh": "王明", "count": 3},
        {"id": "li-hua", "name": "Li Hua", "name_zh": "李华", "count": 4},
        {"id": "zhang-wei", "name": "Zhang Wei", "name_zh": "张伟", "count": 3},
    ]


def test_themes_codebook_counts_proposals_by_default():
    themes = ok_json("themes")
    assert {theme["id"]: theme["count"] for theme in themes} == {
        "clusters": 2,
        "innovation": 2,
        "transport": 1,
        "free-trade": 1,
        "chains": 0,
        "integration": 0,
    }
    assert themes[0] == {
        "id": "clusters",
        "name": "Industrial clusters",
        "name_zh": "产业集群",
        "aliases": ["industrial-clusters", "集群"],
        "count": 2,
    }


def test_regions_codebook_counts_descendants():
    regions = ok_json("regions", "--kind", "finding")
    assert {region["id"]: region["count"] for region in regions} == {
        "jingjinji": 2,
        "beijing": 0,
        "hebei": 1,
        "xiongan": 0,
        "airport-zone": 0,
        "yrd": 1,
    }
    assert regions[4] == {
        "id": "airport-zone",
        "name": "Daxing airport economic zone",
        "name_zh": "大兴机场临空经济区",
        "aliases": [],
        "level": "functional-zone",
        "code": None,
        "parent": "beijing",
        "comparison": False,
        "count": 0,
    }


@pytest.mark.parametrize("facet", ["expert", "theme", "region"])
def test_codebook_count_is_what_list_returns(facet):
    for kind in ("proposal", "finding", "all"):
        for entry in ok_json(f"{facet}s", "--kind", kind):
            listed = ok_json("list", f"--{facet}", entry["id"], "--kind", kind)
            assert len(listed) == entry["count"], (facet, entry["id"], kind)


def test_figures():
    assert ok_json("figures", "--expert", "王明") == [RD_INTENSITY]
    assert [figure["id"] for figure in ok_json("figures")] == ["wang-rd-intensity", "zhang-gdp"]


def test_every_figure_in_json_carries_its_note_as_the_catalogue_gives_it():
    # read apart from jjj: the shipped figures' notes, from their TOML
    notes = {figure["id"]: figure.get("note") for figure in independent.read(SHIPPED)["figures"]}
    assert notes["fig-rd-intensity-2019"].endswith("about 3.9 times Hebei's, not 6.")
    listed = ok_json("figures", catalogue=SHIPPED)
    assert {figure["id"]: figure["note"] for figure in listed} == notes
    expert = ok_json("show", "ye-tanglin", catalogue=SHIPPED)
    assert {figure["id"]: figure["note"] for figure in expert["figures"]} == notes


def test_under_a_table_of_figures_each_note_stands_by_its_figure():
    shown = written("--catalogue", str(MINI), "figures", width=100)
    assert shown.exit_code == 0
    lines = unstyled(shown.stdout).splitlines()
    # the table, then the notes under their heading: zhang-gdp has none
    assert lines[-2:] == ["note", " wang-rd-intensity  The text says 'more than 3 times'."]
    expert = written("--catalogue", str(MINI), "show", "wang-ming", width=100)
    assert unstyled(expert.stdout).splitlines()[-2:] == lines[-2:]
    without = written("--catalogue", str(MINI), "figures", "--expert", "zhang-wei", width=100)
    assert "note" not in unstyled(without.stdout).split()


def test_a_note_is_labelled_by_its_figures_id_even_one_spelt_as_a_field(catalogue_copy):
    # a (fictional) figure whose id is a field's name: in Chinese, still its id, not 倍数
    text = MINI.read_text(encoding="utf-8").replace('id = "wang-rd-intensity"', 'id = "ratio"')
    shown = written("--catalogue", str(catalogue_copy(text)), "figures", "--lang", "zh", width=100)
    assert shown.exit_code == 0, shown.output
    assert unstyled(shown.stdout).splitlines()[-2:] == [
        "备注",
        " ratio  The text says 'more than 3 times'.",
    ]


def test_no_figures_is_said_on_a_terminal_and_a_header_in_a_pipe():
    assert ok_json("figures", "--expert", "li-hua") == []
    piped = jjj("figures", "--expert", "li-hua")
    assert (piped.exit_code, piped.stderr) == (0, "")
    assert piped.stdout.splitlines() == [
        "id\texpert\tindicator\tvalue\tunit\tyear\tregion\tcompared_with\tratio\tsource"
    ]
    on_terminal = written("--catalogue", str(MINI), "figures", "--expert", "li-hua", width=100)
    assert (on_terminal.exit_code, on_terminal.stdout) == (0, "")
    assert on_terminal.stderr == "No figures match these filters.\n"


def test_verify_ok():
    # 0.1's three fields, and the same for each source (here, the one)
    assert ok_json("verify") == {
        "source": "sources/mini.zh.txt",
        "checked": 12,
        "missing": [],
        "sources": [
            {"source": "mini-forum", "file": "sources/mini.zh.txt", "checked": 12, "missing": []}
        ],
    }
    result = jjj("verify")
    assert result.exit_code == 0, result.output
    assert result.stdout == "12 quotes checked against sources/mini.zh.txt: all found\n"


def test_verify_places_the_quotes_once(monkeypatch):
    # the loader places every quote to check it; verify reports from that same placement
    # rather than reading the whole source again for each quote
    placed = []
    place = model._placed
    monkeypatch.setattr(model, "_placed", lambda catalogue: placed.append(1) or place(catalogue))
    assert ok_json("verify")["checked"] == 12
    assert len(placed) == 1


def test_verify_tampered_quote():
    result = jjj("verify", "--json", catalogue=DATA / "broken-quote.toml")
    assert result.exit_code == 1
    missing = {
        "id": "wang-xiongan-innovation",
        "table": "proposals",
        "quote": "雄安新城要建设成为创新高地。",
        "source": "mini-forum",
    }
    assert json.loads(result.stdout) == {
        "source": "sources/mini.zh.txt",
        "checked": 12,
        "missing": [missing],
        "sources": [
            {
                "source": "mini-forum",
                "file": "sources/mini.zh.txt",
                "checked": 12,
                "missing": [missing],
            }
        ],
    }


def test_broken_catalogue_exits_1_with_file_line_messages():
    result = jjj("list", "--json", catalogue=DATA / "broken-refs.toml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    # the first five of its 14 problems, then where to see them all
    assert len(lines) == 6
    file, line, rest = lines[0].split(":", 2)
    assert (file.endswith("broken-refs.toml"), line) == (True, "33")
    assert rest == (
        " regions[0] 'hebei' field 'parent':"
        " region is its own ancestor (the parent links form a cycle)"
    )
    assert lines[-1] == f"… and 9 more; run `jjj validate {file}` for all"


@pytest.mark.parametrize("name", ["broken-syntax.toml", "missing.toml", "broken-quote.toml"])
def test_every_command_refuses_a_bad_catalogue_without_traceback(name):
    for command in (["list"], ["show", "wang-ming"], ["experts"], ["figures"]):
        result = jjj(*command, catalogue=DATA / name)
        assert result.exit_code == 1, (command, result.output)
        assert "Traceback" not in result.stderr
        assert f"{name}:" in result.stderr.splitlines()[0]


def test_catalogue_from_environment(monkeypatch):
    monkeypatch.setenv("JJJ_CATALOGUE", str(MINI))
    result = runner.invoke(app, ["experts", "--json"])
    assert result.exit_code == 0, result.output
    assert [expert["id"] for expert in json.loads(result.stdout)] == [
        "wang-ming",
        "li-hua",
        "zhang-wei",
    ]


def test_catalogue_option_beats_environment(monkeypatch):
    monkeypatch.setenv("JJJ_CATALOGUE", str(DATA / "missing.toml"))
    assert len(ok_json("experts")) == 3


def test_control_characters_never_reach_the_terminal(catalogue_copy):
    text = MINI.read_text(encoding="utf-8").replace(
        'title = "Link the free-trade zones of the three"',
        'title = "Link\\u001b[31m the\\tzones\\u009b2J\\nnow"',
    )
    result = jjj("list", "--expert", "li-hua", catalogue=catalogue_copy(text))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout
    row = result.stdout.splitlines()[2].split("\t")
    assert row[0] == "li-linked-ftzs"
    assert row[-1] == "Link\\x1b[31m the zones\\x9b2J now"
    as_json = jjj("list", "--expert", "li-hua", "--json", catalogue=catalogue_copy(text))
    assert "\x9b" not in as_json.stdout
    assert json.loads(as_json.stdout)[1]["title"] == "Link\x1b[31m the\tzones\x9b2J\nnow"


def test_tables_show_markup_and_escapes_as_text(catalogue_copy):
    text = MINI.read_text(encoding="utf-8").replace(
        'title = "Link the free-trade zones of the three"',
        'title = "[bold red]Link[/] \\u001b[2Jzones"',
    )
    items = select_items(load_catalogue(catalogue_copy(text)), Selection())
    console = Console(file=io.StringIO(), force_terminal=True, width=200, color_system=None)
    console.print(item_list(items, Mode.TABLE))
    shown = console.file.getvalue()
    assert "[bold red]Link[/] \\x1b[2Jzones" in shown
    assert "\x1b" not in shown


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"jjj {__version__}\n"


def test_a_mistyped_command_gets_a_suggestion():
    result = runner.invoke(app, ["lst"])
    assert result.exit_code == 2
    assert "No such command 'lst'. Did you mean 'list'?" in result.output
