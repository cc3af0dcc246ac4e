"""Coding sheets: `jjj agree` reading a second coding written as a sheet, and `jjj export
--format sheet` writing a blank one for a second coder.

Every sheet here is fictional, written for these tests: it codes the items of
tests/data/mini.toml (itself fictional) with tags chosen to give the values worked out by hand
in the comments. Each test runs in a folder of its own (`here`), so that files are named as a
user there would type them.
"""

import json
import os
import sys
from pathlib import Path

import pytest

from jjj_cli.catalogue import load_catalogue
from jjj_cli.catalogue.sheet import Sheet, read_coding
from jjj_cli.explore.agreement import AgreementFacet, Difference, Unmatched, agreement

from .invoke import written
from .paths import DATA, MINI
from .test_agree import SECOND_TEXT

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

MINI_TEXT = MINI.read_text(encoding="utf-8")

# mini.toml's ten items, in its order, with their quotes as the catalogue has them.
QUOTES = {
    "wang-world-class-clusters": "京津冀要打造世界级产业集群，重点是先进制造业。",
    "wang-research-to-hebei": "北京的科技成果应当在河北转化落地。",
    "wang-xiongan-innovation": "雄安新区要建设成为创新高地。",
    "li-transport-backbone": "交通是产业协同的骨架。",
    "li-intercity-rail": "要加快建设城际铁路，让大兴机场临空经济区成为连接京冀的枢纽。",
    "li-linked-ftzs": "自贸试验区应当联动发展，三地的自贸试验区可以共同探索制度创新。",
    "li-hebei-capacity": "目前河北承接产业的能力仍然不足。",
    "zhang-chain-gap": "产业链和创新链的融合还有较大提升空间。",
    "zhang-leading-firms-xiongan": "应当鼓励龙头企业带动中小企业在雄安新区集聚。",
    "zhang-market-integration": "与长三角相比，京津冀的市场一体化程度较低。",
}

# A second coding of all ten, the one test_agree's SECOND_TEXT writes as a whole catalogue:
# zhang-chain-gap loses innovation, li-hebei-capacity gains integration, li-transport-backbone
# is a proposal. (id, themes, regions, kind)
SECOND_CODING = [
    ("wang-world-class-clusters", ["clusters"], ["jingjinji"], "proposal"),
    ("wang-research-to-hebei", ["innovation"], ["beijing", "hebei"], "proposal"),
    ("wang-xiongan-innovation", ["innovation"], ["xiongan"], "proposal"),
    ("li-transport-backbone", ["transport"], [], "proposal"),
    ("li-intercity-rail", ["transport"], ["airport-zone"], "proposal"),
    ("li-linked-ftzs", ["free-trade"], ["jingjinji"], "proposal"),
    ("li-hebei-capacity", ["clusters", "integration"], ["hebei"], "finding"),
    ("zhang-chain-gap", ["chains"], [], "finding"),
    ("zhang-leading-firms-xiongan", ["clusters"], ["xiongan"], "proposal"),
    ("zhang-market-integration", ["integration"], ["jingjinji", "yrd"], "finding"),
]


def toml_list(values):
    return "[" + ", ".join(f'"{value}"' for value in values) + "]"


def sheet_text(codebook, codings, header=""):
    """A sheet (fictional) of `codings`: (id, themes, regions, kind or None) each, quoting
    mini.toml's words."""
    lines = ["# A coding sheet for the tests: fictional.", "", "[sheet]"]
    lines += [f'codebook = "{codebook}"', 'coder = "A fictional second coder"', header]
    for id, themes, regions, kind in codings:
        lines += ["", "[[codings]]", f'id = "{id}"', f'quote = "{QUOTES[id]}"']
        lines += [f"themes = {toml_list(themes)}", f"regions = {toml_list(regions)}"]
        lines += [f'kind = "{kind}"'] if kind else []
    return "\n".join(lines) + "\n"


@pytest.fixture
def here(tmp_path, monkeypatch, catalogue_copy):
    """A folder holding a copy of mini.toml (variant.toml, with its source), the working
    directory of the test."""
    catalogue_copy(MINI_TEXT)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_json(*args):
    result = written("agree", *args, "--json", terminal=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- a sheet measured against a catalogue ---------------------------------------------------


def test_a_sheet_gives_the_numbers_the_same_coding_as_a_catalogue_gives(here):
    write(here / "second.toml", SECOND_TEXT)  # its sources/ is the copy's
    write(here / "sheet.toml", sheet_text("variant.toml", SECOND_CODING))
    for facet in ("theme", "region", "kind"):
        by_catalogue = run_json("variant.toml", "second.toml", "--facet", facet)
        by_sheet = run_json("variant.toml", "sheet.toml", "--facet", facet)
        assert (by_sheet["a"], by_sheet["b"]) == ("variant.toml", "sheet.toml")
        assert by_sheet["facets"] == by_catalogue["facets"]
        assert by_sheet["compared"] == by_catalogue["compared"] == 10
    # and the values worked out by hand in test_agree: 8 of 10 alike, alpha 137/154
    (theme,) = run_json("variant.toml", "sheet.toml", "--facet", "theme")["facets"]
    assert (theme["agreeing"], theme["percent"]) == (8, 80.0)
    assert theme["alpha"] == pytest.approx(137 / 154)
    # the sheet as A: the same measures, A and B swapped in each difference
    (swapped,) = run_json("sheet.toml", "variant.toml", "--facet", "theme")["facets"]
    assert swapped["alpha"] == pytest.approx(137 / 154)
    assert swapped["differences"][1] == {
        "id": "zhang-chain-gap",
        "a": ["chains"],
        "b": ["chains", "innovation"],
    }


def test_a_sheet_of_three_codings_worked_by_hand(here):
    # regions of the first three items; mini.toml gives jingjinji | beijing, hebei | xiongan
    codings = [
        ("wang-world-class-clusters", ["clusters"], [], None),
        ("wang-research-to-hebei", ["innovation"], ["beijing", "hebei"], None),
        ("wang-xiongan-innovation", ["innovation"], ["xiongan", "hebei"], None),
    ]
    write(here / "three.toml", sheet_text("variant.toml", codings))
    sheet = read_coding(here / "three.toml", load_catalogue)
    assert isinstance(sheet, Sheet)
    result = agreement(load_catalogue(here / "variant.toml"), sheet, [AgreementFacet.region])
    assert result.compared == tuple(QUOTES)[:3]
    assert result.unmatched == tuple(Unmatched(id, "only_a") for id in tuple(QUOTES)[3:])
    (region,) = result.facets
    # items 1 and 3 differ, item 2 agrees: 1 of 3
    assert (region.items, region.agreeing) == (3, 1)
    assert region.percent == pytest.approx(100 / 3)
    assert region.differences == (
        Difference("wang-world-class-clusters", ("jingjinji",), ()),
        Difference("wang-xiongan-innovation", ("xiongan",), ("hebei", "xiongan")),
    )
    kappa = {label.label: label.kappa for label in region.labels}
    # jingjinji: A 1 0 0, B 0 0 0; p_o = 2/3, p_e = 1/3 · 0 + 2/3 · 1 = 2/3: κ = 0
    assert kappa["jingjinji"] == pytest.approx(0)
    # hebei: A 0 1 0, B 0 1 1; p_o = 2/3, p_e = 1/3 · 2/3 + 2/3 · 1/3 = 4/9:
    # κ = (2/3 − 4/9) / (5/9) = 2/5
    assert kappa["hebei"] == pytest.approx(2 / 5)
    assert kappa["beijing"] == kappa["xiongan"] == 1
    assert kappa["airport-zone"] is kappa["yrd"] is None  # neither gives them
    # alpha: 3 items × 6 regions = 18 units, n = 36; A gives 4 tags, B 4: n_1 = 8, n_0 = 28.
    # Two units differ: Σ_{c≠k} o_ck = 4; Σ_{c≠k} n_c·n_k = 2 · 8 · 28 = 448.
    # α = 1 − 35 · 4 / 448 = 1 − 140/448 = 11/16
    assert region.alpha == pytest.approx(11 / 16)


def test_two_sheets_are_compared_and_nothing_goes_into_the_cache(here, tmp_path_factory):
    write(here / "one.toml", sheet_text("variant.toml", SECOND_CODING))
    changed = [(id, ["chains"], regions, kind) for id, _, regions, kind in SECOND_CODING]
    write(here / "coding" / "two.toml", sheet_text("../variant.toml", changed))
    cache = tmp_path_factory.mktemp("empty-cache")
    result = written(
        "agree", "one.toml", "coding/two.toml", "--json", "--facet", "region",
        terminal=False, env={"JJJ_CACHE_DIR": str(cache)},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (region,) = json.loads(result.stdout)["facets"]
    assert (region["percent"], region["alpha"]) == (100.0, 1.0)
    # the labels are the codebook's regions, in its order, given or not
    regions = ["jingjinji", "beijing", "hebei", "xiongan", "airport-zone", "yrd"]
    assert [label["label"] for label in region["labels"]] == regions
    assert list(cache.iterdir()) == []
    # the kinds of the two sheets: all given, and alike
    (kind,) = run_json("one.toml", "coding/two.toml", "--facet", "kind")["facets"]
    assert kind["percent"] == 100.0


def test_the_terminal_report_names_the_sheet(here):
    write(here / "sheet.toml", sheet_text("variant.toml", SECOND_CODING))
    result = written("agree", "variant.toml", "sheet.toml", width=80)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.strip() for line in lines[:2]] == ["A: variant.toml", "B: sheet.toml"]
    assert max(len(line) for line in lines) <= 80


def test_a_sheet_written_with_an_inline_sheet_table_is_a_sheet(here):
    text = 'sheet = { codebook = "variant.toml" }\n\n[[codings]]\nid = "zhang-chain-gap"\n'
    text += f'quote = "{QUOTES["zhang-chain-gap"]}"\nthemes = ["chains"]\nregions = []\n'
    write(here / "inline.toml", text)
    data = run_json("variant.toml", "inline.toml", "--facet", "theme")
    assert data["compared"] == 1
    assert data["facets"][0]["differences"] == [
        {"id": "zhang-chain-gap", "a": ["chains", "innovation"], "b": ["chains"]}
    ]


# --- refusals ----------------------------------------------------------------------------------


def refused(*args):
    result = written("agree", *args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


# A sheet with a mistake in each place (fictional), its lines numbered for the messages.
BAD_SHEET = """\
# A coding sheet for the tests, wrong on purpose: fictional.

[sheet]
codebook = "variant.toml"
coders = "A fictional second coder"
date = "2026-11-30"

[[codings]]
id = "wang-world-class-clusters"
quote = "京津冀要打造世界级产业集群，重点是先进制造业。"
themes = ["cluster", "tech"]
regions = ["hebie"]

[[codings]]
id = "wang-world-class-clusters"
quote = "北京的科技成果应当在河北转化落地。"
themes = []
regions = []

[[codings]]
id = "Wang Xiongan"
quote = ""
themes = []
regions = []
kind = "proposals"

[[codings]]
id = "li-transport-backbone"
quote = "交通是产业协同的骨架。"
themse = ["transport"]
regions = []
reason = "fictional"

[sheets]
"""


def test_every_problem_of_a_sheet_is_named_with_its_file_line_record_and_field(here):
    write(here / "bad.toml", BAD_SHEET)
    assert refused("bad.toml", "variant.toml") == [
        "bad.toml:5: sheet field 'coders': unknown field (did you mean 'coder'?)",
        "bad.toml:6: sheet field 'date': expected a date such as 2021-03-05 (no quotes), got "
        "'2026-11-30'",
        "bad.toml:11: codings[0] 'wang-world-class-clusters' field 'themes': unknown theme "
        "'cluster' (did you mean 'clusters'?)",
        # an alias of a theme is no id: the id it stands for is suggested
        "bad.toml:11: codings[0] 'wang-world-class-clusters' field 'themes': unknown theme "
        "'tech' (did you mean 'innovation'?)",
        "bad.toml:12: codings[0] 'wang-world-class-clusters' field 'regions': unknown region "
        "'hebie' (did you mean 'hebei'?)",
        "bad.toml:15: codings[1] 'wang-world-class-clusters' field 'id': duplicate id, already "
        "used by codings[0] 'wang-world-class-clusters'",
        "bad.toml:21: codings[2] field 'id': 'Wang Xiongan' is not an id (lowercase letters, "
        "digits and '-')",
        "bad.toml:22: codings[2] field 'quote': expected a non-empty string, got an empty string",
        "bad.toml:25: codings[2] field 'kind': unknown kind 'proposals', expected one of "
        "proposal, finding",
        # a field missing is named on its record's header
        "bad.toml:27: codings[3] 'li-transport-backbone' field 'themes': gives regions but not "
        "themes: give both ([] where none applies), or neither while the item is not coded yet",
        "bad.toml:30: codings[3] 'li-transport-backbone' field 'themse': unknown field (did "
        "you mean 'themes'?)",
        "bad.toml:32: codings[3] 'li-transport-backbone' field 'reason': unknown field (did "
        "you mean 'regions'?)",
        "bad.toml:34: unknown table 'sheets' (did you mean 'sheet'?)",
    ]  # every one: a sheet has no `jjj validate` to show the rest


def test_a_codebook_that_is_not_there(here):
    write(here / "coding" / "sheet.toml", sheet_text("variant.toml", SECOND_CODING[:1]))
    assert refused("coding/sheet.toml", "variant.toml") == [
        "coding/sheet.toml:4: sheet field 'codebook': 'variant.toml': no such file (relative to "
        "coding/sheet.toml)"
    ]


def test_a_codebook_that_does_not_load_gives_its_own_problems(here):
    broken = os.path.relpath(DATA / "broken" / "syntax-error.toml", here)
    write(here / "sheet.toml", sheet_text(broken, SECOND_CODING[:1]))
    (line,) = refused("sheet.toml", "variant.toml")
    assert "syntax-error.toml:8:15: TOML syntax error" in line


def test_a_sheet_without_a_codebook_or_sheet_table_or_codings_tables(here):
    write(here / "none.toml", "[sheet]\ncoder = 3\n")
    assert refused("none.toml") == [
        "none.toml:1: sheet field 'codebook': missing",
        "none.toml:2: sheet field 'coder': expected a string, got the number 3",
    ]
    write(here / "flat.toml", 'sheet = "variant.toml"\ncodings = 3\n')
    assert refused("flat.toml") == [
        "flat.toml:1: sheet: expected a [sheet] table",
        "flat.toml:2: codings: expected [[codings]] tables",
    ]


def test_a_sheet_that_is_no_toml(here):
    write(here / "sheet.toml", '[sheet]\ncodebook = "variant.toml\n')
    (line,) = refused("sheet.toml")
    assert line.startswith("sheet.toml:2:")
    assert "TOML syntax error" in line


def test_facet_kind_needs_a_kind_on_every_coding_of_a_sheet(here):
    codings = [(id, themes, regions, None) for id, themes, regions, _ in SECOND_CODING[:5]]
    codings[1] = (*codings[1][:3], "proposal")
    write(here / "sheet.toml", sheet_text("variant.toml", codings))
    result = written("agree", "variant.toml", "sheet.toml", "--facet", "kind", "--json")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: sheet.toml: 4 codings give no kind (wang-world-class-clusters, "
        "wang-xiongan-innovation, li-transport-backbone, …); --facet kind needs one on every "
        "coding"
    ]
    # the other facets need no kind
    assert run_json("variant.toml", "sheet.toml")["compared"] == 5


def test_a_sheet_in_chinese(here):
    write(here / "bad.toml", BAD_SHEET)
    result = written("agree", "bad.toml", "variant.toml", "--lang", "zh")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "bad.toml:5: sheet 字段 'coders': 未知字段（您是否要找 'coder'？）"
    assert lines[-1] == "bad.toml:34: 未知的表 'sheets'（您是否要找 'sheet'？）"
    codings = [(id, themes, regions, None) for id, themes, regions, _ in SECOND_CODING[:4]]
    write(here / "sheet.toml", sheet_text("variant.toml", codings))
    result = written("agree", "variant.toml", "sheet.toml", "--facet", "kind", "--lang", "zh")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "错误：sheet.toml：4 条编码没有给出类型（wang-world-class-clusters、"
        "wang-research-to-hebei、wang-xiongan-innovation、…）；--facet kind 要求每条编码都有类型"
    ]


# --- the blank sheet ------------------------------------------------------------------------

# What `jjj export --format sheet --expert zhang-wei --kind all` writes for mini.toml: typed
# out here, not taken from the code.
BLANK = """\
# A coding sheet: a second, independent coding of the themes and regions of items of jjj's
# catalogue, to measure how reliably its coding rules are applied (`jjj agree`).
#
# For each [[codings]] below, read the quote, and where it needs them the sentences around it
# in its source (`jjj source ID`), and give it the themes and regions the coding rules call
# for, by their ids, in the two lines under it, taking away their '#': themes =
# ["coordination"], regions = ["jingjinji"]; [] where none applies. A coding with neither
# line is not coded yet: `jjj agree` leaves it out and says how many, so a sheet may be coded
# in batches. The rules: `jjj themes --rules`, `jjj regions --rules` and docs/codebook.md. Code
# from the rules and the source text alone, never from the catalogue's own coding (`jjj show`,
# `jjj list`, the catalogue's files and exports show it): a coding that has seen it agrees
# more than an independent one, and the measure means nothing.
#
# Leave id and quote as they are: they say what is coded. A coding may add kind = "proposal"
# or "finding", and note = "..." (your reason). In [sheet], codebook names the catalogue whose
# themes and regions you give, relative to this file; fill in coder, and add date = 2021-03-05
# (a calendar date, without quotes) and a note if you wish.
#
# Then `jjj agree THIS-FILE CATALOGUE` measures how far the two codings agree.

[sheet]
codebook = "{codebook}"
coder = ""

[[codings]]
id = "zhang-chain-gap"
quote = "产业链和创新链的融合还有较大提升空间。"
# themes = []
# regions = []

[[codings]]
id = "zhang-leading-firms-xiongan"
quote = "应当鼓励龙头企业带动中小企业在雄安新区集聚。"
# themes = []
# regions = []

[[codings]]
id = "zhang-market-integration"
quote = "与长三角相比，京津冀的市场一体化程度较低。"
# themes = []
# regions = []
"""
ZHANG = ("--expert", "zhang-wei", "--kind", "all")


def export(*args, catalogue="variant.toml"):
    result = written("--catalogue", catalogue, "export", "--format", "sheet", *args)
    assert result.exit_code == 0, result.output
    return result


def test_the_blank_sheet_on_stdout_names_the_catalogue_from_the_working_directory(
    here, monkeypatch
):
    assert export(*ZHANG).stdout == BLANK.replace("{codebook}", "variant.toml")
    (here / "coding").mkdir()
    monkeypatch.chdir(here / "coding")
    assert export(*ZHANG, catalogue="../variant.toml").stdout == BLANK.replace(
        "{codebook}", "../variant.toml"
    )


def test_the_blank_sheet_with_o_names_the_catalogue_from_its_own_folder(here, monkeypatch):
    (here / "coding" / "round-2").mkdir(parents=True)
    result = export(*ZHANG, "-o", "coding/round-2/sheet.toml")
    assert result.stdout == ""
    assert result.stderr.splitlines() == ["Wrote 3 items (sheet) to coding/round-2/sheet.toml."]
    text = (here / "coding" / "round-2" / "sheet.toml").read_text(encoding="utf-8")
    assert text == BLANK.replace("{codebook}", "../../variant.toml")
    # run from elsewhere, with the catalogue named by an absolute path: still relative
    (here / "elsewhere").mkdir()
    monkeypatch.chdir(here / "elsewhere")
    export(*ZHANG, "-o", str(here / "sheet.toml"), catalogue=str(here / "variant.toml"))
    assert (here / "sheet.toml").read_text(encoding="utf-8") == BLANK.replace(
        "{codebook}", "variant.toml"
    )


def test_the_blank_sheet_holds_no_tag_of_the_first_coding(here):
    export("--kind", "all", "-o", "sheet.toml")
    text = (here / "sheet.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["sheet"] == {"codebook": "variant.toml", "coder": ""}
    assert [coding["id"] for coding in data["codings"]] == list(QUOTES)  # the catalogue's order
    for coding in data["codings"]:
        assert coding == {"id": coding["id"], "quote": QUOTES[coding["id"]]}  # not coded yet
    body = text[text.index("\n[sheet]\n") :]  # after the header, which names examples
    catalogue = load_catalogue(here / "variant.toml")
    for item in catalogue.items:
        for shown in (item.title, item.title_zh, item.summary, item.summary_zh):
            # (a title or summary in Chinese may be words of the quote, which the sheet has)
            assert shown in item.quote or shown not in text, shown
    themes, regions = [theme.id for theme in catalogue.themes], [r.id for r in catalogue.regions]
    for label in (*themes, *regions, "proposal", "finding"):  # as a value: ids contain words
        assert f'"{label}"' not in body, label


def test_agree_reads_the_blank_sheet_back_blank_in_part_and_filled_in(here):
    (here / "coding").mkdir()
    export(*ZHANG, "-o", "coding/sheet.toml")
    # blank: nothing is coded yet, so there is nothing to compare, and the sheet says why
    blank = written("agree", "variant.toml", "coding/sheet.toml")
    assert blank.exit_code == 2
    assert blank.stderr.splitlines()[0] == (
        "coding/sheet.toml: 3 codings are not coded yet (no themes, no regions) and are left out"
    )
    # one coded, as mini.toml codes it: that one is compared, the other two left out
    path = here / "coding" / "sheet.toml"
    text = path.read_text(encoding="utf-8")
    one = text.replace(
        "# themes = []\n# regions = []", 'themes = ["chains", "innovation"]\nregions = []', 1
    )
    path.write_text(one, encoding="utf-8")
    result = written("agree", "variant.toml", "coding/sheet.toml", "--facet", "theme", "--json")
    assert result.stderr.splitlines() == [
        "coding/sheet.toml: 2 codings are not coded yet (no themes, no regions) and are left out"
    ]
    data = json.loads(result.stdout)
    assert (data["compared"], data["facets"][0]["agreeing"]) == (1, 1)
    # all three, as mini.toml codes them: perfect agreement
    for themes in ('["clusters"]', '["integration"]'):
        one = one.replace("# themes = []\n# regions = []", f"themes = {themes}\nregions = []", 1)
    one = one.replace('coder = ""', 'coder = "A fictional coder"\ndate = 2026-11-30')
    path.write_text(one, encoding="utf-8")
    (theme,) = run_json("variant.toml", "coding/sheet.toml", "--facet", "theme")["facets"]
    assert (theme["agreeing"], theme["percent"], theme["alpha"]) == (3, 100.0, 1.0)


def test_a_coding_with_themes_and_no_regions_or_the_other_way_is_refused(here):
    codings = [(id, themes, regions, None) for id, themes, regions, _ in SECOND_CODING[:2]]
    text = sheet_text("variant.toml", codings)
    text = text.replace("regions = ", "# regions = ", 1)
    write(here / "sheet.toml", text)
    result = written("agree", "variant.toml", "sheet.toml")
    assert result.exit_code == 1
    line = next(n for n, each in enumerate(text.splitlines(), 1) if each.startswith("[[codings]]"))
    assert result.stderr.splitlines()[0].startswith(
        f"sheet.toml:{line}: codings[0] 'wang-world-class-clusters' field 'regions': gives "
        "themes but not regions: give both ([] where none applies), or neither while the item "
        "is not coded yet"
    )


def test_the_blank_sheet_is_refused_what_other_formats_refuse(here):
    write(here / "taken.toml", "kept\n")
    for args, option in [
        (("-o", "taken.toml"), "already exists"),
        (("-o", "variant.toml", "--force"), "the catalogue's own file"),
        (("--fields", "id,quote"), "'--fields'"),
        (("--excel",), "'--excel'"),
    ]:
        result = written("--catalogue", "variant.toml", "export", "--format", "sheet", *args)
        assert result.exit_code == 2, (args, result.output)
        assert option in result.output, (args, result.output)
    assert (here / "taken.toml").read_text(encoding="utf-8") == "kept\n"
    assert (here / "variant.toml").read_text(encoding="utf-8") == MINI_TEXT
    # a .toml file is not taken to be a sheet without --format: it could be a catalogue
    result = written("--catalogue", "variant.toml", "export", "-o", "second.toml")
    assert result.exit_code == 2
    assert not (here / "second.toml").exists()


def test_a_quote_is_written_as_toml_that_reads_back_as_it_was(mini):
    from jjj_cli.render.sheet import blank_sheet

    # fictional words with what a TOML string must escape: quotation marks, a backslash, a
    # line end, a tab and a control character
    quote = '他说："一体化"\\不是口号。\n\t\x07“完”'
    item = mini.items[0]._replace(quote=quote)
    text = "".join(blank_sheet([item], 'C:\\catalogue "x".toml'))
    data = tomllib.loads(text)
    assert data["codings"] == [{"id": item.id, "quote": quote}]  # not coded yet
    assert data["sheet"]["codebook"] == 'C:\\catalogue "x".toml'
