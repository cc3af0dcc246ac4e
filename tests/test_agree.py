"""`jjj agree`: how far two codings of the same items agree.

The codings compared are tests/data/mini.toml (fictional) and variants of it with some tags
changed, written by `catalogue_copy`. The expected values are worked out by hand below, the
arithmetic in the comments; on random codings, alpha is checked against the `krippendorff`
package and kappa against the formula written out again here, from a 2×2 table.
"""

import dataclasses
import io
import json
import re

import krippendorff
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jjj_cli.catalogue import load_catalogue
from jjj_cli.explore.agreement import (
    Agreement,
    AgreementFacet,
    Difference,
    FacetAgreement,
    LabelAgreement,
    Unmatched,
    agreement,
    cohen_kappa,
    krippendorff_alpha,
)
from jjj_cli.render.agreement import report, summary, unmatched_lines
from jjj_cli.render.output import Mode

from .invoke import written
from .paths import DATA, MINI, SHIPPED

MINI_TEXT = MINI.read_text(encoding="utf-8")
BROKEN = DATA / "broken" / "syntax-error.toml"


def retagged(text: str, id: str, field: str, value: str) -> str:
    """The catalogue's text with one field of the item `id` (its first line `field = ...`
    after the id) set to `value`, as TOML."""
    start = text.index(f'\nid = "{id}"')  # the item's own, not a related link's
    line = re.compile(rf"^{field} = .*$", re.MULTILINE).search(text, start)
    assert line is not None, (id, field)
    return text[: line.start()] + f"{field} = {value}" + text[line.end() :]


def without(text: str, id: str) -> str:
    """The catalogue's text without the item `id` (its whole [[proposals]] table)."""
    start = text.rindex("[[proposals]]", 0, text.index(f'\nid = "{id}"'))
    end = text.find("\n[[", start + 1)
    return text[:start] + (text[end + 1 :] if end != -1 else "")


# mini.toml's ten items, in the catalogue's order (by seq), with their kind, themes, regions:
#  1 wang-world-class-clusters    proposal  clusters             jingjinji
#  2 wang-research-to-hebei       proposal  innovation           beijing, hebei
#  3 wang-xiongan-innovation      proposal  innovation           xiongan
#  4 li-transport-backbone        finding   transport            —
#  5 li-intercity-rail            proposal  transport            airport-zone
#  6 li-linked-ftzs               proposal  free-trade           jingjinji
#  7 li-hebei-capacity            finding   clusters             hebei
#  8 zhang-chain-gap              finding   chains, innovation   —
#  9 zhang-leading-firms-xiongan  proposal  clusters             xiongan
# 10 zhang-market-integration     finding   integration          jingjinji, yrd
# and six themes: clusters, innovation, transport, free-trade, chains, integration.
# The second coding differs on three items: 8 loses innovation, 7 gains integration, and 4 is
# coded a proposal.
SECOND_TEXT = retagged(
    retagged(
        retagged(MINI_TEXT, "zhang-chain-gap", "themes", '["chains"]'),
        "li-hebei-capacity",
        "themes",
        '["clusters", "integration"]',
    ),
    "li-transport-backbone",
    "kind",
    '"proposal"',
)


@pytest.fixture
def second(catalogue_copy):
    return catalogue_copy(SECOND_TEXT)


def test_percent_agreement_kappa_and_alpha_as_worked_out_by_hand(second):
    facets = AgreementFacet.theme, AgreementFacet.region, AgreementFacet.kind
    theme, region, kind = agreement(load_catalogue(MINI), load_catalogue(second), facets).facets
    # themes: items 7 and 8 differ, the other 8 of 10 agree: 80 %
    assert (theme.items, theme.agreeing, theme.percent) == (10, 8, 80.0)
    assert theme.differences == (
        Difference("li-hebei-capacity", ("clusters",), ("clusters", "integration")),
        Difference("zhang-chain-gap", ("chains", "innovation"), ("chains",)),
    )
    labels = {label.label: label for label in theme.labels}
    # innovation: A gives it to items 2, 3, 8 (3), B to 2, 3 (2); both to 2.
    # p_o = (2 both + 7 neither) / 10 = 0.9
    # p_e = 0.3 · 0.2 + 0.7 · 0.8 = 0.06 + 0.56 = 0.62
    # κ = (0.9 − 0.62) / (1 − 0.62) = 0.28 / 0.38 = 14/19
    innovation = labels["innovation"]
    assert (innovation.a, innovation.b, innovation.both) == (3, 2, 2)
    assert innovation.kappa == pytest.approx(14 / 19)
    # integration: A gives it to item 10 (1), B to 7 and 10 (2): p_o = 0.9,
    # p_e = 0.1 · 0.2 + 0.9 · 0.8 = 0.74, κ = 0.16 / 0.26 = 8/13
    assert labels["integration"].kappa == pytest.approx(8 / 13)
    assert labels["clusters"].kappa == 1  # items 1, 7, 9 in both; p_e = 0.42, κ = 0.58/0.58
    # alpha: 10 items × 6 themes = 60 units, n = 120 values. A gives 11 tags (one per item,
    # two to item 8), B 11 (8 loses one, 7 gains one): n_1 = 22, n_0 = 98. Two units differ,
    # each adding the pairs (0,1) and (1,0): Σ_{c≠k} o_ck = 4. Σ_{c≠k} n_c·n_k = 2·22·98 = 4312.
    # α = 1 − 119 · 4 / 4312 = 1 − 476/4312 = 3836/4312 = 137/154
    assert theme.alpha == pytest.approx(137 / 154)
    # regions: the same in both
    assert (region.percent, region.alpha, region.differences) == (100.0, 1.0, ())
    # kind: item 4 differs: 9/10. A: 6 proposals, 4 findings; B: 7, 3; n = 20, n_p = 13,
    # n_f = 7; Σ_{c≠k} o_ck = 2; α = 1 − 19 · 2 / (2 · 13 · 7) = 1 − 38/182 = 72/91
    assert kind.percent == 90.0
    assert kind.alpha == pytest.approx(72 / 91)
    assert kind.differences == (Difference("li-transport-backbone", ("finding",), ("proposal",)),)
    # per kind, a binary decision: finding in A for 4, 7, 8, 10, in B for 7, 8, 10:
    # p_o = 0.9, p_e = 0.4 · 0.3 + 0.6 · 0.7 = 0.54, κ = 0.36 / 0.46 = 18/23
    finding = next(label for label in kind.labels if label.label == "finding")
    assert finding.kappa == pytest.approx(18 / 23)


def test_a_label_neither_coding_gives_has_no_kappa_and_does_not_fail(catalogue_copy):
    # li-linked-ftzs, the only item on free-trade, is coded integration in both codings
    path = catalogue_copy(retagged(MINI_TEXT, "li-linked-ftzs", "themes", '["integration"]'))
    (theme,) = agreement(load_catalogue(path), load_catalogue(path), [AgreementFacet.theme]).facets
    unused = [label for label in theme.labels if label.label == "free-trade"]
    assert [(label.a, label.b, label.both, label.kappa) for label in unused] == [(0, 0, 0, None)]
    # every other theme is given to some item, and agrees perfectly
    assert all(label.kappa == 1 for label in theme.labels if label.label != "free-trade")
    assert (theme.percent, theme.alpha) == (100.0, 1.0)


def test_perfect_agreement_without_variation_is_undefined_not_perfect():
    # both coders give the one value to every unit: chance alone predicts that, 0/0
    assert cohen_kappa([True] * 4, [True] * 4) is None
    assert krippendorff_alpha(["finding"] * 3, ["finding"] * 3) is None
    assert cohen_kappa([], []) is None
    assert krippendorff_alpha([], []) is None
    # one unit of variation is enough
    assert cohen_kappa([True, False], [True, False]) == 1
    assert krippendorff_alpha([True, False], [True, False]) == 1


def test_kappa_of_independent_coders_is_zero_and_of_opposite_ones_negative():
    # A: 1 1 0 0, B: 1 0 1 0; p_o = 0.5, p_e = 0.5 · 0.5 + 0.5 · 0.5 = 0.5: κ = 0
    assert cohen_kappa([1, 1, 0, 0], [1, 0, 1, 0]) == 0
    # always opposite: p_o = 0, p_e = 0.5: κ = −1
    assert cohen_kappa([1, 0], [0, 1]) == -1


def test_items_whose_quote_differs_or_that_one_lacks_are_set_apart(catalogue_copy):
    # in B, li-transport-backbone quotes without its full stop (still verbatim in the text)
    # and li-intercity-rail is gone
    text = MINI_TEXT.replace('quote = "交通是产业协同的骨架。"', 'quote = "交通是产业协同的骨架"')
    assert text != MINI_TEXT
    second = load_catalogue(catalogue_copy(without(text, "li-intercity-rail")))
    result = agreement(load_catalogue(MINI), second)
    assert result.unmatched == (  # in the first's order: seq 4, then 5
        Unmatched("li-transport-backbone", "quote"),
        Unmatched("li-intercity-rail", "only_a"),
    )
    assert len(result.compared) == 8
    assert all(facet.items == 8 for facet in result.facets)
    # the other way round, the item the first lacks is B's own
    reverse = agreement(second, load_catalogue(MINI))
    assert reverse.unmatched == (
        Unmatched("li-transport-backbone", "quote"),
        Unmatched("li-intercity-rail", "only_b"),
    )


def test_no_item_in_common_gives_no_measure():
    result = agreement(load_catalogue(MINI), load_catalogue(DATA / "two-sources/catalogue.toml"))
    assert result.compared == ()
    for facet in result.facets:
        assert (facet.items, facet.percent, facet.alpha) == (0, None, None)
        assert all(label.kappa is None for label in facet.labels)


# --- against independent computations, on random codings --------------------------------

MINI_CATALOGUE = load_catalogue(MINI)
THEMES = [theme.id for theme in MINI_CATALOGUE.themes]


def kappa_from_table(a: list[bool], b: list[bool]) -> float | None:
    """Cohen's kappa from the 2×2 table of two binary codings, as textbooks write it."""
    yes_yes = sum(x and y for x, y in zip(a, b))
    yes_no = sum(x and not y for x, y in zip(a, b))
    no_yes = sum(not x and y for x, y in zip(a, b))
    no_no = sum(not x and not y for x, y in zip(a, b))
    total = yes_yes + yes_no + no_yes + no_no
    observed = (yes_yes + no_no) / total
    chance = ((yes_yes + yes_no) * (yes_yes + no_yes) + (no_yes + no_no) * (yes_no + no_no)) / (
        total * total
    )
    return None if chance == 1 else (observed - chance) / (1 - chance)


codings = st.lists(
    st.frozensets(st.sampled_from(THEMES)),
    min_size=len(MINI_CATALOGUE.items),
    max_size=len(MINI_CATALOGUE.items),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=codings, second=codings)
def test_random_codings_agree_with_the_krippendorff_package_and_the_kappa_table(first, second):
    def coded(themes):
        items = tuple(
            item._replace(themes=tuple(sorted(tags)))
            for item, tags in zip(MINI_CATALOGUE.items, themes)
        )
        return dataclasses.replace(MINI_CATALOGUE, items=items)

    (theme,) = agreement(coded(first), coded(second), [AgreementFacet.theme]).facets
    agreeing = sum(a == b for a, b in zip(first, second))
    assert theme.percent == pytest.approx(100 * agreeing / len(first))
    # one row per coder, one column per (item, theme) unit
    matrix = [
        [int(label in tags) for tags in coding for label in THEMES] for coding in (first, second)
    ]
    if len({value for row in matrix for value in row}) < 2:
        assert theme.alpha is None  # the package refuses a single value: so does jjj
    else:
        expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
        assert theme.alpha == pytest.approx(expected)
    for label in theme.labels:
        a = [label.label in tags for tags in first]
        b = [label.label in tags for tags in second]
        expected_kappa = kappa_from_table(a, b)
        if expected_kappa is None:
            assert label.kappa is None
        else:
            assert label.kappa == pytest.approx(expected_kappa)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("xyz"), st.sampled_from("xyz")), min_size=1, max_size=30))
def test_nominal_alpha_of_random_values_agrees_with_the_krippendorff_package(pairs):
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    ours = krippendorff_alpha(a, b)
    if len(set(a) | set(b)) < 2:
        assert ours is None
        return
    codes = {"x": 0, "y": 1, "z": 2}
    matrix = [[codes[value] for value in a], [codes[value] for value in b]]
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert ours == pytest.approx(expected)


# --- the command -----------------------------------------------------------------------------


def run_json(*args: str):
    result = written("agree", *args, "--json", terminal=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_of_the_second_coding(second):
    data = run_json(str(MINI), str(second), "--facet", "theme")
    assert data["compared"] == 10
    assert data["unmatched"] == []
    (theme,) = data["facets"]
    assert {key: theme[key] for key in ("facet", "items", "agreeing", "percent")} == {
        "facet": "theme",
        "items": 10,
        "agreeing": 8,
        "percent": 80.0,
    }
    assert theme["alpha"] == pytest.approx(137 / 154)
    assert theme["differences"] == [
        {"id": "li-hebei-capacity", "a": ["clusters"], "b": ["clusters", "integration"]},
        {"id": "zhang-chain-gap", "a": ["chains", "innovation"], "b": ["chains"]},
    ]
    transport = next(label for label in theme["labels"] if label["label"] == "transport")
    # items 4 and 5 in both: p_o = 1, p_e = 0.2·0.2 + 0.8·0.8 = 0.68, κ = 0.32/0.32
    assert transport == {"label": "transport", "a": 2, "b": 2, "both": 2, "kappa": 1.0}


def test_the_default_facets_are_theme_and_region_and_kind_is_asked_for(second):
    assert [facet["facet"] for facet in run_json(str(MINI), str(second))["facets"]] == [
        "theme",
        "region",
    ]
    (kind,) = run_json(str(MINI), str(second), "--facet", "kind")["facets"]
    assert kind["percent"] == 90.0


def test_the_same_file_twice_agrees_perfectly():
    data = run_json(str(SHIPPED), str(SHIPPED))
    assert data["compared"] == len(load_catalogue(SHIPPED).items)
    for facet in data["facets"]:
        assert (facet["percent"], facet["alpha"], facet["differences"]) == (100.0, 1.0, [])
        for label in facet["labels"]:
            # a label someone gives agrees perfectly; one nobody gives has no kappa
            assert label["kappa"] == (1.0 if label["a"] else None), label


def test_tsv_in_a_pipe(second):
    result = written("agree", str(MINI), str(second), "--facet", "theme", terminal=False)
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert lines[0] == ["facet", "measure", "subject", "a", "b", "value"]
    assert ["theme", "percent", "", "", "", "80.0"] in lines
    assert ["theme", "differs", "zhang-chain-gap", "chains,innovation", "chains", ""] in lines
    kappas = {line[2]: line[3:] for line in lines if line[1] == "kappa"}
    assert list(kappas) == THEMES
    assert kappas["innovation"][:2] == ["3", "2"]
    assert float(kappas["innovation"][2]) == pytest.approx(14 / 19)
    assert kappas["integration"][:2] == ["1", "2"]
    assert float(kappas["integration"][2]) == pytest.approx(8 / 13)


def test_a_terminal_table_fits_80_columns_in_english_and_chinese(second):
    for lang in ("en", "zh"):
        result = written("agree", str(MINI), str(second), "--lang", lang, width=80)
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= 80
        assert any("0.737" in line and "innovation" in line for line in lines)  # 14/19
        assert any("zhang-chain-gap" in line for line in lines)
    assert "一致" in result.stdout  # the Chinese run's summary is Chinese


def test_in_chinese_the_whole_report_is_chinese(catalogue_copy):
    from .test_language import _english_of_jjjs_own

    # differences, a label neither coding gives, and items not compared: every part shown
    text = retagged(SECOND_TEXT, "li-linked-ftzs", "themes", '["integration"]')
    second = catalogue_copy(without(text, "li-intercity-rail"))
    result = written("agree", str(MINI), str(second), "--lang", "zh", width=100)
    assert result.exit_code == 0, result.output
    for shown in ("不一致之处", "未比较", "只在 A 中：li-intercity-rail", "kappa 系数无定义"):
        assert shown in result.stdout, shown
    assert not _english_of_jjjs_own(result.stdout), _english_of_jjjs_own(result.stdout)


def test_a_missing_file_is_a_catalogue_problem(tmp_path):
    result = written("agree", str(MINI), str(tmp_path / "nowhere.toml"))
    assert result.exit_code == 1
    assert "nowhere.toml: catalogue file not found" in result.stderr
    assert "Traceback" not in result.output


def test_a_broken_catalogue_is_reported_with_its_line():
    result = written("agree", str(BROKEN), str(MINI))
    assert result.exit_code == 1
    assert "syntax-error.toml:8:15: TOML syntax error" in result.stderr
    assert result.stdout == ""


def test_no_item_in_common_is_a_usage_error():
    other = DATA / "two-sources" / "catalogue.toml"
    result = written("agree", str(MINI), str(other), "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "no item in common" in line and "catalogue.toml" in line


def test_an_unknown_facet_is_a_usage_error():
    result = written("agree", str(MINI), str(MINI), "--facet", "expert")
    assert result.exit_code == 2


def test_regions_are_compared_as_tagged_a_parent_added_is_a_difference(catalogue_copy):
    # B adds jingjinji to item 2 (beijing, hebei): `--region jingjinji` finds the item either
    # way, but the tags differ, and agree compares the tags as written
    path = catalogue_copy(
        retagged(
            MINI_TEXT, "wang-research-to-hebei", "regions", '["jingjinji", "beijing", "hebei"]'
        )
    )
    (region,) = agreement(
        load_catalogue(MINI), load_catalogue(path), [AgreementFacet.region]
    ).facets
    assert (region.items, region.agreeing, region.percent) == (10, 9, 90.0)
    (difference,) = region.differences
    assert difference.id == "wang-research-to-hebei"
    assert (set(difference.a), set(difference.b)) == (
        {"beijing", "hebei"},
        {"jingjinji", "beijing", "hebei"},
    )
    # jingjinji: A gives it to items 1, 6, 10 (3), B to 1, 2, 6, 10 (4); both 3.
    # p_o = (3 + 6) / 10 = 0.9; p_e = 0.3 · 0.4 + 0.7 · 0.6 = 0.54; κ = 0.36 / 0.46 = 18/23
    labels = {label.label: label for label in region.labels}
    assert (labels["jingjinji"].a, labels["jingjinji"].b, labels["jingjinji"].both) == (3, 4, 3)
    assert labels["jingjinji"].kappa == pytest.approx(18 / 23)
    assert labels["beijing"].kappa == 1
    # alpha: 10 items × 6 regions = 60 units, n = 120 values; A gives 10 tags, B 11: n_1 = 21,
    # n_0 = 99. One unit differs: Σ_{c≠k} o_ck = 2; Σ_{c≠k} n_c·n_k = 2 · 21 · 99 = 4158.
    # α = 1 − 119 · 2 / 4158 = 3920/4158 = 280/297
    assert region.alpha == pytest.approx(280 / 297)


# --- the report, from an agreement written out by hand ------------------------------------
# Fictional labels and ids; the measures need not follow from a coding, only be shown as given.

HAND_FACET = FacetAgreement(
    AgreementFacet.theme,
    items=12,
    agreeing=10,
    percent=250 / 3,  # 83.33...
    alpha=0.5,
    labels=(
        LabelAgreement("fiction-ports", 12, 11, 11, 0.4),
        LabelAgreement("fiction-rail", 1, 0, 0, None),  # only A gives it: a row, no kappa
        LabelAgreement("fiction-air", 0, 0, 0, None),  # neither: counted under the table
        LabelAgreement("fiction-sea", 0, 0, 0, None),
    ),
    differences=(
        Difference("fiction-item-1", ("fiction-ports", "fiction-rail"), ("fiction-ports",)),
        Difference("fiction-item-2", (), ("fiction-ports",)),  # A gives it no label: a dash
    ),
)
HAND = Agreement(
    compared=tuple(f"fiction-item-{n}" for n in range(1, 13)),
    unmatched=(Unmatched("fiction-gone", "only_a"),),
    facets=(HAND_FACET,),
)


def _terminal(renderable, color_system=None) -> str:
    from rich.console import Console

    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system=color_system)
    console.print(renderable)
    return console.file.getvalue()


def test_the_terminal_report_line_by_line():
    # a table's columns two spaces apart, each as wide as its widest cell; numbers and the
    # dash of an undefined kappa right-aligned under their headings
    assert _terminal(report(HAND, "first.toml", "second.toml", Mode.TABLE)).splitlines() == [
        " A: first.toml",
        " B: second.toml",
        " 12 items compared (the same id and quote in both).",
        "",
        " theme: 10 of 12 items coded alike (83.3%); Krippendorff's alpha 0.500.",
        " label           a   b  both  kappa",
        " " + "─" * 34,
        " fiction-ports  12  11    11  0.400",
        " fiction-rail    1   0     0      —",
        " 2 more labels neither coding gives (kappa undefined).",
        "",
        " Where the two differ:",
        " id              a                            b",
        " " + "─" * 58,
        " fiction-item-1  fiction-ports, fiction-rail  fiction-ports",
        " fiction-item-2  —                            fiction-ports",
        "",
        " Not compared:",
        " 1 item only in A: fiction-gone",
    ]


def test_the_labels_and_the_ids_of_the_report_are_cyan_as_ids_are():
    text = _terminal(report(HAND, "first.toml", "second.toml", Mode.TABLE), "standard")
    cyan = re.findall(r"\x1b\[36m(.*?)\x1b\[0m", text)
    assert cyan == [
        "fiction-ports",
        "fiction-rail",
        "fiction-item-1",
        "fiction-ports, fiction-rail",
        "fiction-ports",
        "fiction-item-2",
        "—",
        "fiction-ports",
    ]


def test_a_report_of_one_more_label_and_one_item_compared_is_in_the_singular():
    facet = HAND_FACET._replace(
        items=1, agreeing=1, percent=100.0, alpha=None, differences=()
    )._replace(labels=HAND_FACET.labels[2:3])
    result = Agreement(("fiction-item-1",), (), (facet,))
    assert _terminal(report(result, "a.toml", "b.toml", Mode.TABLE)).splitlines() == [
        " A: a.toml",
        " B: b.toml",
        " 1 item compared (the same id and quote in both).",
        "",
        " theme: 1 of 1 item coded alike (100.0%); Krippendorff's alpha —.",
        " 1 more label neither coding gives (kappa undefined).",
    ]


def test_a_facet_with_no_item_compared_says_so():
    facet = FacetAgreement(AgreementFacet.region, 0, 0, None, None, (), ())
    assert summary(facet) == "region: no item compared."


def test_the_tsv_of_an_agreement_written_out_by_hand():
    assert report(HAND, "first.toml", "second.toml", Mode.PLAIN).splitlines() == [
        "facet\tmeasure\tsubject\ta\tb\tvalue",
        "theme\titems\t\t\t\t12",
        "theme\tagreeing\t\t\t\t10",
        f"theme\tpercent\t\t\t\t{250 / 3!r}",
        "theme\talpha\t\t\t\t0.5",
        "theme\tkappa\tfiction-ports\t12\t11\t0.4",
        "theme\tkappa\tfiction-rail\t1\t0\t",
        "theme\tkappa\tfiction-air\t0\t0\t",
        "theme\tkappa\tfiction-sea\t0\t0\t",
        "theme\tdiffers\tfiction-item-1\tfiction-ports,fiction-rail\tfiction-ports\t",
        "theme\tdiffers\tfiction-item-2\t\tfiction-ports\t",
        "-\tonly_a\tfiction-gone\t\t\t",
    ]


@pytest.mark.parametrize(
    "unmatched, lines",
    [
        (
            # grouped by reason, in the order only A, only B, quote, whatever the order given
            [("fiction-q", "quote"), ("fiction-b", "only_b"), ("fiction-a", "only_a")],
            [
                "1 item only in A: fiction-a",
                "1 item only in B: fiction-b",
                "1 item whose quote differs: fiction-q",
            ],
        ),
        (
            [
                ("fiction-b1", "only_b"),
                ("fiction-q1", "quote"),
                ("fiction-a1", "only_a"),
                ("fiction-b2", "only_b"),
                ("fiction-q2", "quote"),
                ("fiction-a2", "only_a"),
            ],
            [
                "2 items only in A: fiction-a1, fiction-a2",
                "2 items only in B: fiction-b1, fiction-b2",
                "2 items whose quotes differ: fiction-q1, fiction-q2",
            ],
        ),
    ],
    ids=["one-each", "two-each"],
)
def test_the_items_not_compared_a_line_for_each_reason(unmatched, lines):
    result = Agreement((), tuple(Unmatched(*each) for each in unmatched), ())
    assert unmatched_lines(result) == lines
