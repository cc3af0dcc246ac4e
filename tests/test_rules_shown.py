"""The coding rules as jjj shows them: `show THEME`, `themes --rules` and `regions --rules`, in
a pipe, as JSON and on a terminal 80 columns wide in English and Chinese.

The catalogue is tests/data/rules.toml, mini.toml with fictional rules, some of them with a
fictional Chinese text (`rule_zh`), the others without; every expected text is written out here
by hand."""

import io
import json
from unicodedata import east_asian_width

from jjj_cli.render.output import Lang
from jjj_cli.render.rule_lists import RuleLists, ThemeRules

from .invoke import unstyled, usage_error, written
from .paths import DATA, MINI

RULES = str(DATA / "rules.toml")

CLUSTERS_INCLUDE = [
    {
        "rule": "A cluster of industry is to be built or grown, whatever its size or place "
        "(a fictional rule).",
        "rule_zh": "要建设或壮大产业集群，不论其规模与地点（虚构的规则）。",
        "example": "wang-world-class-clusters",
        "words": "打造世界级产业集群",
    },
    {
        "rule": "Firms are to gather in one place (a fictional rule).",
        "rule_zh": None,
        "example": "zhang-leading-firms-xiongan",
        "words": "在雄安新区集聚",
    },
]
CLUSTERS_EXCLUDE = [
    {
        "rule": "Research results put to use elsewhere, with no cluster named (a fictional rule).",
        "rule_zh": None,
        "example": "wang-research-to-hebei",
        "words": "在河北转化落地",
    }
]
EVERY_THEME = [
    {
        "rule": "An item carries every theme its own words meet, and no other (a fictional rule).",
        "rule_zh": "一个条目带有其自身原话所涉及的每一个主题，且只带这些主题，"
        "不因上下文或同一位专家的其他发言而添加别的主题（虚构的规则）。",
        "example": "zhang-chain-gap",
        "words": "产业链和创新链的融合",
        "gives": ["chains", "innovation"],
    }
]
REGION_RULES = [
    {
        "rule": "A place is tagged when the quote names it (a fictional rule).",
        "rule_zh": "引文点名某地，即标注该地（虚构的规则）。",
        "example": "wang-research-to-hebei",
        "words": "北京的科技成果应当在河北",
        "gives": ["beijing", "hebei"],
    },
    {
        "rule": "jingjinji is tagged when the quote names the three as one (a fictional rule).",
        "rule_zh": None,
        "example": "wang-world-class-clusters",
        "words": "京津冀要",
        "gives": ["jingjinji"],
    },
    {
        "rule": "No place named, no region (a fictional rule).",
        "rule_zh": "未点名任何地方，则不标注地区（虚构的规则）。",
        "example": "li-transport-backbone",
        "words": "交通是产业协同的骨架",
        "gives": None,
    },
]


def run(*args: str, terminal: bool = False, width: int = 80, catalogue: str = RULES):
    shown = written("--catalogue", catalogue, *args, terminal=terminal, width=width)
    assert shown.exit_code == 0, shown.output
    return shown


def test_show_theme_json_has_its_rules():
    theme = json.loads(run("show", "clusters", "--json").stdout)
    assert list(theme) == [
        "id",
        "name",
        "name_zh",
        "definition",
        "aliases",
        "include",
        "exclude",
        "items",
    ]
    assert theme["include"] == CLUSTERS_INCLUDE
    assert theme["exclude"] == CLUSTERS_EXCLUDE
    # the fields in the model's order, the Chinese right after the English
    assert [list(rule) for rule in theme["include"]] == [
        ["rule", "rule_zh", "example", "words"]
    ] * 2


def test_show_theme_in_a_pipe_gives_a_line_a_rule():
    lines = run("show", "clusters").stdout.splitlines()
    assert lines[6:10] == [
        "include\tA cluster of industry is to be built or grown, whatever its size or place "
        "(a fictional rule). (wang-world-class-clusters “打造世界级产业集群”)",
        "include\tFirms are to gather in one place (a fictional rule). "
        "(zhang-leading-firms-xiongan “在雄安新区集聚”)",
        "exclude\tResearch results put to use elsewhere, with no cluster named (a fictional "
        "rule). (wang-research-to-hebei “在河北转化落地”)",
        "items\twang-world-class-clusters,zhang-leading-firms-xiongan",
    ]
    # a theme with none: the fields are there, empty
    assert run("show", "transport").stdout.splitlines()[6:8] == ["include\t", "exclude\t"]


def test_show_theme_on_a_terminal_lists_the_rules_under_headings():
    shown = run("show", "clusters", terminal=True)
    lines = unstyled(shown.stdout).splitlines()
    start = lines.index("Include when")
    assert lines[start : start + 10] == [
        "Include when",
        "  1. A cluster of industry is to be built or grown, whatever its size or place",
        "     (a fictional rule).",
        "     e.g. wang-world-class-clusters “打造世界级产业集群”",
        "  2. Firms are to gather in one place (a fictional rule).",
        "     e.g. zhang-leading-firms-xiongan “在雄安新区集聚”",
        "Exclude when",
        "  1. Research results put to use elsewhere, with no cluster named (a fictional",
        "     rule).",
        "     e.g. wang-research-to-hebei “在河北转化落地”",
    ]
    assert lines[start + 10] == "items"
    assert all(len(line) <= 80 for line in lines)
    assert shown.stderr.splitlines()[0] == "The rules for every theme: jjj themes --rules"


def test_show_theme_on_a_terminal_in_chinese():
    shown = run("show", "clusters", "--lang", "zh", terminal=True)
    lines = unstyled(shown.stdout).splitlines()
    start = lines.index("纳入条件")
    # a rule written in Chinese is shown so; one that is not, in English
    assert lines[start : start + 10] == [
        "纳入条件",
        "  1. 要建设或壮大产业集群，不论其规模与地点（虚构的规则）。",
        "     例：wang-world-class-clusters “打造世界级产业集群”",
        "  2. Firms are to gather in one place (a fictional rule).",
        "     例：zhang-leading-firms-xiongan “在雄安新区集聚”",
        "排除条件",
        "  1. Research results put to use elsewhere, with no cluster named (a fictional",
        "     rule).",
        "     例：wang-research-to-hebei “在河北转化落地”",
        "条目",
    ]
    assert shown.stderr.splitlines()[0] == "适用于所有主题的规则：jjj themes --rules"


def test_a_theme_without_rules_shows_none_and_no_pointer_without_coding_rules():
    shown = run("show", "clusters", terminal=True, catalogue=str(MINI))
    text = unstyled(shown.stdout)
    assert "Include when" not in text and "Exclude when" not in text
    assert "themes --rules" not in shown.stderr


def test_show_region_points_at_the_region_rules():
    shown = run("show", "hebei", terminal=True)
    assert shown.stderr.splitlines()[0] == "When a place is tagged: jjj regions --rules"
    piped = run("show", "hebei")
    assert "regions --rules" not in piped.stderr  # a person's note, not a script's


def test_themes_rules_json():
    data = json.loads(run("themes", "--rules", "--json").stdout)
    assert list(data) == ["themes", "rules"]
    assert [theme["id"] for theme in data["themes"]] == [
        "clusters",
        "innovation",
        "transport",
        "free-trade",
        "chains",
        "integration",
    ]
    assert data["themes"][0] == {
        "id": "clusters",
        "name": "Industrial clusters",
        "name_zh": "产业集群",
        "definition": "World-class and specialised industrial clusters.",
        "aliases": ["industrial-clusters", "集群"],
        "include": CLUSTERS_INCLUDE,
        "exclude": CLUSTERS_EXCLUDE,
    }
    assert (data["themes"][2]["include"], data["themes"][2]["exclude"]) == ([], [])
    assert data["rules"] == EVERY_THEME


def test_themes_rules_in_a_pipe():
    expected = [
        "theme\tfield\ttext\texample\twords\tgives\trule_zh",
        "clusters\tdefinition\tWorld-class and specialised industrial clusters.\t\t\t\t",
        "clusters\tinclude\tA cluster of industry is to be built or grown, whatever its size or "
        "place (a fictional rule).\twang-world-class-clusters\t打造世界级产业集群\t\t"
        "要建设或壮大产业集群，不论其规模与地点（虚构的规则）。",
        "clusters\tinclude\tFirms are to gather in one place (a fictional rule).\t"
        "zhang-leading-firms-xiongan\t在雄安新区集聚\t\t",
        "clusters\texclude\tResearch results put to use elsewhere, with no cluster named (a "
        "fictional rule).\twang-research-to-hebei\t在河北转化落地\t\t",
        "innovation\tdefinition\tResearch, development and putting results to use.\t\t\t\t",
        "innovation\tinclude\tThe innovation chain is named (a fictional rule).\t"
        "zhang-chain-gap\t创新链\t\t",
        "transport\tdefinition\tRail, airports and the links between places.\t\t\t\t",
        "free-trade\tdefinition\tPilot free-trade zones and other opening-up pilots.\t\t\t\t",
        "chains\tdefinition\tClosing gaps in chains and integrating them.\t\t\t\t",
        "integration\tdefinition\tOne market across the three jurisdictions.\t\t\t\t",
        "\tcoding\tAn item carries every theme its own words meet, and no other (a fictional "
        "rule).\tzhang-chain-gap\t产业链和创新链的融合\tchains,innovation\t"
        "一个条目带有其自身原话所涉及的每一个主题，且只带这些主题，"
        "不因上下文或同一位专家的其他发言而添加别的主题（虚构的规则）。",
    ]
    assert run("themes", "--rules").stdout.splitlines() == expected
    # a pipe is the same in every language: the English in `text`, the Chinese in `rule_zh`
    assert run("themes", "--rules", "--lang", "zh").stdout.splitlines() == expected


def test_themes_rules_on_a_terminal():
    lines = unstyled(run("themes", "--rules", terminal=True).stdout).splitlines()
    assert lines[:18] == [
        "Industrial clusters  产业集群  clusters",
        " World-class and specialised industrial clusters.",
        " Include when",
        "   1. A cluster of industry is to be built or grown, whatever its size or place",
        "      (a fictional rule).",
        "      e.g. wang-world-class-clusters “打造世界级产业集群”",
        "   2. Firms are to gather in one place (a fictional rule).",
        "      e.g. zhang-leading-firms-xiongan “在雄安新区集聚”",
        " Exclude when",
        "   1. Research results put to use elsewhere, with no cluster named (a fictional",
        "      rule).",
        "      e.g. wang-research-to-hebei “在河北转化落地”",
        "",
        "Technology innovation  科技创新  innovation",
        " Research, development and putting results to use.",
        " Include when",
        "   1. The innovation chain is named (a fictional rule).",
        "      e.g. zhang-chain-gap “创新链”",
    ]
    assert lines[19:22] == [
        "Transport links  交通互联  transport",
        " Rail, airports and the links between places.",
        " no rules written",
    ]
    assert lines[-6:] == [
        "",
        "Rules for every theme",
        "  1. An item carries every theme its own words meet, and no other (a fictional",
        "     rule).",
        "     e.g. zhang-chain-gap “产业链和创新链的融合”",
        "     tags: chains, innovation",
    ]


def test_themes_rules_on_a_terminal_in_chinese():
    lines = unstyled(run("themes", "--rules", "--lang", "zh", terminal=True).stdout).splitlines()
    assert lines[:3] == [
        "产业集群  Industrial clusters  clusters",
        " World-class and specialised industrial clusters.",
        " 纳入条件",
    ]
    assert lines[3:12] == [
        "   1. 要建设或壮大产业集群，不论其规模与地点（虚构的规则）。",
        "      例：wang-world-class-clusters “打造世界级产业集群”",
        "   2. Firms are to gather in one place (a fictional rule).",
        "      例：zhang-leading-firms-xiongan “在雄安新区集聚”",
        " 排除条件",
        "   1. Research results put to use elsewhere, with no cluster named (a fictional",
        "      rule).",
        "      例：wang-research-to-hebei “在河北转化落地”",
        "",
    ]
    assert lines[20] == " 尚未写出规则"
    # 80 columns: 2 before the number, 3 for "1. ", 1 kept free: 74, 37 characters of Chinese
    assert lines[-6:] == [
        "",
        "适用于所有主题的规则",
        "  1. 一个条目带有其自身原话所涉及的每一个主题，且只带这些主题，不因上下文或同一",
        "     位专家的其他发言而添加别的主题（虚构的规则）。",
        "     例：zhang-chain-gap “产业链和创新链的融合”",
        "     标签：chains, innovation",
    ]
    assert all(len(line) + sum(east_asian_width(c) in "WF" for c in line) <= 80 for line in lines)


def test_regions_rules_json_and_pipe():
    assert json.loads(run("regions", "--rules", "--json").stdout) == {"rules": REGION_RULES}
    expected = [
        "rule\texample\twords\tgives\trule_zh",
        "A place is tagged when the quote names it (a fictional rule).\twang-research-to-hebei"
        "\t北京的科技成果应当在河北\tbeijing,hebei\t引文点名某地，即标注该地（虚构的规则）。",
        "jingjinji is tagged when the quote names the three as one (a fictional rule).\t"
        "wang-world-class-clusters\t京津冀要\tjingjinji\t",
        "No place named, no region (a fictional rule).\tli-transport-backbone\t"
        "交通是产业协同的骨架\t\t未点名任何地方，则不标注地区（虚构的规则）。",
    ]
    assert run("regions", "--rules").stdout.splitlines() == expected
    assert run("regions", "--rules", "--lang", "zh").stdout.splitlines() == expected
    # JSON too is the same in every language
    chinese = json.loads(run("regions", "--rules", "--json", "--lang", "zh").stdout)
    assert chinese == {"rules": REGION_RULES}
    assert [list(rule) for rule in chinese["rules"]] == [
        ["rule", "rule_zh", "example", "words", "gives"]
    ] * 3


def test_regions_rules_on_a_terminal():
    lines = unstyled(run("regions", "--rules", terminal=True).stdout).splitlines()
    assert lines == [
        "Region rules",
        "  1. A place is tagged when the quote names it (a fictional rule).",
        "     e.g. wang-research-to-hebei “北京的科技成果应当在河北”",
        "     tags: beijing, hebei",
        "  2. jingjinji is tagged when the quote names the three as one (a fictional",
        "     rule).",
        "     e.g. wang-world-class-clusters “京津冀要”",
        "     tags: jingjinji",
        "  3. No place named, no region (a fictional rule).",
        "     e.g. li-transport-backbone “交通是产业协同的骨架”",
    ]
    chinese = run("regions", "--rules", "--lang", "zh", terminal=True).stdout
    assert unstyled(chinese).splitlines() == [
        "地区规则",
        "  1. 引文点名某地，即标注该地（虚构的规则）。",
        "     例：wang-research-to-hebei “北京的科技成果应当在河北”",
        "     标签：beijing, hebei",
        "  2. jingjinji is tagged when the quote names the three as one (a fictional",
        "     rule).",
        "     例：wang-world-class-clusters “京津冀要”",
        "     标签：jingjinji",
        "  3. 未点名任何地方，则不标注地区（虚构的规则）。",
        "     例：li-transport-backbone “交通是产业协同的骨架”",
    ]


def test_a_catalogue_without_rules_says_so():
    assert json.loads(run("regions", "--rules", "--json", catalogue=str(MINI)).stdout) == {
        "rules": []
    }
    lines = unstyled(run("regions", "--rules", terminal=True, catalogue=str(MINI)).stdout)
    assert lines.splitlines() == ["Region rules", "  none written"]


def test_rules_take_no_filters():
    shown = written("--catalogue", RULES, "themes", "--rules", "--expert", "wang-ming")
    assert shown.exit_code == 2
    assert usage_error(unstyled(shown.stderr)) == (
        "Invalid value for '--expert': --rules shows the codebook's rules, which no filter narrows"
    )


def test_catalogue_text_is_data_on_a_terminal(catalogue_copy):
    text = (DATA / "rules.toml").read_text(encoding="utf-8")
    text = text.replace(
        "Firms are to gather in one place", "Firms [bold]gather[/bold] \\u001b[31min one place"
    )
    path = catalogue_copy(text)
    lines = unstyled(run("show", "clusters", terminal=True, catalogue=str(path)).stdout)
    assert "  2. Firms [bold]gather[/bold] \\x1b[31min one place (a fictional rule)." in lines
    piped = run("show", "clusters", catalogue=str(path)).stdout
    assert "include\tFirms [bold]gather[/bold] \\x1b[31min one place" in piped


def test_long_words_wrap_between_characters_under_the_rule(catalogue_copy):
    text = (DATA / "rules.toml").read_text(encoding="utf-8")
    words = "要加快建设城际铁路，让大兴机场临空经济区成为连接京冀的枢纽。"
    rule = f'include = [{{ rule = "Rail.", example = "li-intercity-rail", words = "{words}" }}]\n'
    text = text.replace('definition = "Rail, airports and the links between places."\n', "")
    text = text.replace(
        'name_zh = "交通互联"\n', f'name_zh = "交通互联"\ndefinition = "Rail."\n{rule}'
    )
    path = catalogue_copy(text)
    lines = unstyled(run("show", "transport", terminal=True, catalogue=str(path)).stdout)
    # 80 columns: 2 before the number, 3 for "1. ", 1 kept free at the end: 74 for the example
    assert lines.splitlines()[4:7] == [
        "Include when",
        "  1. Rail.",
        "     e.g. li-intercity-rail “要加快建设城际铁路，让大兴机场临空经济区成为连接京",
    ]
    assert lines.splitlines()[7] == "     冀的枢纽。”"


def test_a_list_of_tags_too_long_for_its_line_goes_on_under_the_first_tag():
    from rich.console import Console

    from jjj_cli.render.rule_lists import RuleLists

    rule = {
        "rule": "Every place named is tagged (a fictional rule).",
        "example": "x",
        "words": "甲乙",
        "gives": ["alpha-place", "beta-place", "gamma-place", "delta-place", "epsilon-place"],
    }
    console = Console(width=40, record=True, color_system=None, legacy_windows=False)
    console.print(RuleLists([("Rules", [rule])]))
    # 40 columns: 2 before the number, 3 for "1. ", 6 for "tags: ", 1 kept free: 28 for the tags
    assert [line.rstrip() for line in console.export_text().splitlines()] == [
        "Rules",
        "  1. Every place named is tagged (a",
        "     fictional rule).",
        "     e.g. x “甲乙”",
        "     tags: alpha-place, beta-place,",
        "           gamma-place, delta-place,",
        "           epsilon-place",
    ]


# --- the lists as rendered, piece by piece, with their styles -------------------------------


def styled_lines(renderable, width: int) -> list[str]:
    """The lines a renderable gives at `width`, each styled piece written `[style]text[/]`."""
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system=None)
    text = "".join(
        f"[{segment.style}]{segment.text}[/]" if segment.style and segment.text else segment.text
        for segment in console.render(renderable)
    )
    return text.splitlines()


FICTION_RULE = {"rule": "A fictional rule.", "example": "fiction-item", "words": "虚构"}


def test_rules_under_their_heading_with_example_and_tags_styled():
    # a list without rules is left out, and the lists after it are still shown; the example's
    # line is dimmed, its id cyan; a rule giving no tag says so
    lists = RuleLists(
        [
            ("Empty (fiction)", []),
            (
                "Fictional rules",
                [
                    {**FICTION_RULE, "gives": []},
                    {**FICTION_RULE, "gives": ["fiction-a", "fiction-b"]},
                ],
            ),
        ]
    )
    assert styled_lines(lists, 60) == [
        "[italic]Fictional rules[/]",
        "  1. A fictional rule.",
        "     [dim]e.g. [/][dim cyan]fiction-item[/][dim] “虚构”[/]",
        "     [dim]tags: [/]none",
        "  2. A fictional rule.",
        "     [dim]e.g. [/][dim cyan]fiction-item[/][dim] “虚构”[/]",
        "     [dim]tags: [/][cyan]fiction-a, fiction-b[/]",
    ]


def test_a_list_without_rules_says_what_it_is_given_to_say_dimmed():
    lists = RuleLists([("Fictional rules", [])], none="nothing written (fiction)")
    assert styled_lines(lists, 60) == [
        "[italic]Fictional rules[/]",
        "  [dim]nothing written (fiction)[/]",
    ]
    # given nothing to say, it says nothing, on a line of its own
    said_nothing = RuleLists([("Fictional rules", [])], none="")
    assert styled_lines(said_nothing, 60) == ["[italic]Fictional rules[/]", "  "]


def test_a_heading_wraps_at_the_width_less_its_indent_and_margin():
    # indent 2 and a margin of 1 leave 12 - 2 - 1 = 9 cells: "aaaa bbbbb" (10) wraps
    lists = RuleLists([("aaaa bbbbb", [])], indent=2, none="x")
    assert styled_lines(lists, 12) == ["  [italic]aaaa[/]", "  [italic]bbbbb[/]", "    [dim]x[/]"]


def test_a_rule_on_a_terminal_too_narrow_for_it_folds_a_word_to_one_cell():
    # at 7 columns, the rule starts at 2 + len("1. ") = 5 and keeps 1 cell free: 1 cell left
    lists = RuleLists([("h", [{**FICTION_RULE, "rule": "ab"}])])
    assert styled_lines(lists, 7)[1:3] == ["  1. a", "     b"]


FICTION_THEME = {
    "id": "fiction-t",
    "name": "Fiction",
    "name_zh": "虚构",
    "definition": "aaaa bbbb cccc dddd ee f",
    "include": [],
    "exclude": [FICTION_RULE],
}


def test_a_theme_its_title_and_definition_wrapped_and_its_one_list_of_rules():
    # at 24 columns: the title (7 + 2 + 4 + 2 + 9 = 24 cells) has 23, and breaks before its id,
    # bold on both lines; the definition, indented by 1, has 22: "aaaa bbbb cccc dddd ee" is 22
    # cells, "f" goes on. No rule to include: that list is left out, the rule to exclude shown
    assert styled_lines(ThemeRules(FICTION_THEME, Lang.en), 24) == [
        "[bold]Fiction  虚构[/]",
        "[bold cyan]fiction-t[/]",
        " aaaa bbbb cccc dddd ee",
        " f",
        " [italic]Exclude when[/]",
        "   1. A fictional rule.",
        "      [dim]e.g. [/][dim cyan]fiction-item[/]",
        "      [dim]“虚构”[/]",
    ]


def test_a_theme_without_rules_says_so_dimmed():
    theme = {**FICTION_THEME, "definition": "Fictional.", "exclude": []}
    assert styled_lines(ThemeRules(theme, Lang.en), 40) == [
        "[bold]Fiction  虚构  [/][bold cyan]fiction-t[/]",
        " Fictional.",
        " [dim]no rules written[/]",
    ]


def test_a_catalogue_without_coding_rules_says_none_are_written_for_every_theme():
    lines = unstyled(run("themes", "--rules", terminal=True, catalogue=str(MINI)).stdout)
    assert lines.splitlines()[-2:] == ["Rules for every theme", "  none written"]
