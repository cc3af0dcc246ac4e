import re
import unicodedata

import pytest

from jjj_cli.catalogue import Figure, Item, load_catalogue
from jjj_cli.query import (
    CHINESE,
    EmptyName,
    ExpertView,
    Facet,
    ItemView,
    Kind,
    RegionView,
    Selection,
    UnknownName,
    codebook,
    descendants,
    describe,
    find,
    has_chinese,
    is_chinese,
    resolve,
    select_items,
    without_layout_spaces,
)

from .paths import MINI, SHIPPED


def ids(items) -> list[str]:
    return [item.id for item in items]


def selected(mini, kind=Kind.all, **filters) -> list[str]:
    given = {f"{facet}s": resolve(mini, Facet(facet), values) for facet, values in filters.items()}
    return ids(select_items(mini, Selection(kind=kind, **given)))


def test_default_kind_is_proposal(mini):
    assert ids(select_items(mini, Selection())) == [
        "wang-world-class-clusters",
        "wang-research-to-hebei",
        "wang-xiongan-innovation",
        "li-intercity-rail",
        "li-linked-ftzs",
        "zhang-leading-firms-xiongan",
    ]


def test_region_includes_grandchildren_and_also_within(mini):
    # xiongan is a child of hebei; airport-zone lies in beijing and also within hebei
    assert selected(mini, region=["hebei"]) == [
        "wang-research-to-hebei",
        "wang-xiongan-innovation",
        "li-intercity-rail",
        "li-hebei-capacity",
        "zhang-leading-firms-xiongan",
    ]
    assert "wang-xiongan-innovation" in selected(mini, region=["jingjinji"])
    assert selected(mini, region=["beijing"]) == ["wang-research-to-hebei", "li-intercity-rail"]


def test_descendants(mini):
    assert descendants(mini, "jingjinji") == {
        "jingjinji",
        "beijing",
        "hebei",
        "xiongan",
        "airport-zone",
    }
    assert descendants(mini, "yrd") == {"yrd"}


def test_repeated_flags_and_comma_lists_are_a_union(mini):
    union = ["li-transport-backbone", "li-intercity-rail", "li-linked-ftzs"]
    assert selected(mini, theme=["transport", "free-trade"]) == union
    assert selected(mini, theme=["transport,free-trade"]) == union
    assert selected(mini, theme=["交通互联，自贸试验区"]) == union  # Chinese commas
    assert selected(mini, theme=["交通互联、ftz"]) == union


def test_different_flags_intersect(mini):
    assert selected(mini, theme=["clusters"], region=["hebei"]) == [
        "li-hebei-capacity",
        "zhang-leading-firms-xiongan",
    ]
    assert selected(mini, theme=["clusters"], region=["hebei"], expert=["zhang-wei"]) == [
        "zhang-leading-firms-xiongan"
    ]


@pytest.mark.parametrize(
    "facet, name, expected",
    [
        ("theme", "集群", "clusters"),
        ("theme", "industrial-clusters", "clusters"),
        ("theme", "TECH", "innovation"),
        ("theme", "Industrial Clusters", "clusters"),
        ("expert", "王明", "wang-ming"),
        ("expert", "li hua", "li-hua"),
        ("region", "130000", "hebei"),
        ("region", "雄安新区", "xiongan"),
        ("region", " hebei ", "hebei"),
        ("region", "雄安", "xiongan"),  # region aliases
        ("region", "河北省", "hebei"),
        ("region", "hebei  PROVINCE", "hebei"),  # any case, any spacing
        ("region", "xiong’an", "xiongan"),  # a typographic apostrophe for the alias's '
        ("region", "Beijing-Tianjin-Hebei", "jingjinji"),  # hyphens for the name's en dashes
        ("region", "beijing tianjin hebei", "jingjinji"),  # or spaces
        ("theme", "free trade", "free-trade"),  # spaces for an id's hyphens
        ("theme", "industrial clusters", "clusters"),
        ("region", "１３００００", "hebei"),  # full-width digits, as a Chinese input method types
        ("theme", "ＦＴＺ", "free-trade"),
    ],
)
def test_names_resolve_to_ids(mini, facet, name, expected):
    assert resolve(mini, Facet(facet), [name]) == {expected}


def test_alias_selects_exactly_what_the_id_selects(mini):
    assert selected(mini, theme=["ftz"]) == selected(mini, theme=["free-trade"])
    assert selected(mini, theme=["ftz"]) == ["li-linked-ftzs"]


def test_unknown_name_suggests(mini):
    with pytest.raises(UnknownName) as raised:
        resolve(mini, Facet.theme, ["cluster"])
    assert raised.value.suggestions == ["clusters"]
    assert str(raised.value) == "unknown theme 'cluster'. Did you mean: clusters?"


def test_a_name_with_a_comma_resolves_whole_and_a_list_still_splits(catalogue_copy):
    # a fictional theme name with a comma in it, as real ones have
    text = MINI.read_text(encoding="utf-8").replace(
        'name = "Transport links"', 'name = "Transport, links and logistics"'
    )
    catalogue = load_catalogue(catalogue_copy(text))
    assert resolve(catalogue, Facet.theme, ["Transport, links and logistics"]) == {"transport"}
    assert resolve(catalogue, Facet.theme, ["transport,clusters"]) == {"transport", "clusters"}


def test_a_name_of_another_facet_says_which(mini):
    with pytest.raises(UnknownName) as raised:
        resolve(mini, Facet.region, ["产业集群"])
    assert str(raised.value) == (
        "unknown region '产业集群'. It names the theme 'clusters': filter by theme."
    )


def test_unknown_name_without_anything_close_lists_the_valid_ids(mini):
    with pytest.raises(UnknownName) as raised:
        resolve(mini, Facet.region, ["atlantis"])
    assert raised.value.suggestions == []
    assert str(raised.value) == (
        "unknown region 'atlantis'. "
        "Valid values: jingjinji, beijing, hebei, xiongan, airport-zone, yrd."
    )


@pytest.mark.parametrize(
    "facet, typed, suggested",
    [
        ("region", "雄安市", ["xiongan"]),  # a name inside what was typed
        ("region", "河北省保定市", ["hebei"]),
        ("region", "临空经济", ["airport-zone"]),  # what was typed inside a name
        ("theme", "链", ["chains"]),  # one Chinese character is enough
        ("theme", "科技创新能力", ["innovation"]),
        ("theme", "创新", ["innovation", "chains"]),  # 科技创新 is closer than 产业链与创新链
        ("expert", "王", ["wang-ming"]),
        ("theme", "transprt", ["transport"]),  # a misspelling
        ("region", "XIONG AN", ["xiongan"]),
    ],
)
def test_unknown_name_suggests_names_containing_or_contained(mini, facet, typed, suggested):
    with pytest.raises(UnknownName) as raised:
        resolve(mini, Facet(facet), [typed])
    assert raised.value.suggestions == suggested


def test_a_one_character_name_is_not_suggested_for_a_longer_one(catalogue_copy):
    # 冀 is Hebei's one-character name; 冀州 holds it, and is close to it by edit distance,
    # but is a city of its own (as 南京 is not 京, Beijing)
    text = MINI.read_text(encoding="utf-8")
    text = text.replace('aliases = ["河北省", "Hebei Province"]', 'aliases = ["河北省", "冀"]')
    catalogue = load_catalogue(catalogue_copy(text))
    assert resolve(catalogue, Facet.region, ["冀"]) == {"hebei"}
    with pytest.raises(UnknownName) as raised:
        resolve(catalogue, Facet.region, ["冀州"])
    assert raised.value.suggestions == []


def test_one_or_two_latin_letters_suggest_nothing_but_the_valid_ids(mini):
    with pytest.raises(UnknownName) as raised:
        resolve(mini, Facet.expert, ["an"])  # in wang-ming and zhang-wei alike
    assert raised.value.suggestions == []
    assert str(raised.value).endswith("Valid values: wang-ming, li-hua, zhang-wei.")


def test_two_letters_that_are_only_a_word_of_a_title_suggest_nothing():
    # 'of' stands in 'Goals and gaps of coordinated development', but is no part of an id
    with pytest.raises(UnknownName) as raised:
        resolve(load_catalogue(SHIPPED), Facet.theme, ["of"])
    assert raised.value.suggestions == []


def test_two_letters_that_are_a_word_of_a_name_suggest_it(mini):
    with pytest.raises(UnknownName) as raised:
        resolve(mini, Facet.expert, ["li"])  # a word of Li Hua's name, not a part of a word
    assert raised.value.suggestions == ["li-hua"]


@pytest.mark.parametrize("typed", ["", "  ", ",", " , ", "、"])
def test_an_empty_name_is_a_usage_error_not_no_filter(mini, typed):
    with pytest.raises(EmptyName) as raised:
        resolve(mini, Facet.region, [typed])
    assert str(raised.value) == "an empty region name: give an id or a name"
    assert resolve(mini, Facet.region, ["hebei,"]) == {"hebei"}  # a trailing comma is fine


def test_a_name_of_another_facet_is_said_beside_the_suggestions():
    # 机场 (airport) is a keyword of the theme 'transport', and inside two airports' names
    with pytest.raises(UnknownName) as raised:
        resolve(load_catalogue(SHIPPED), Facet.region, ["机场"])
    assert str(raised.value) == (
        "unknown region '机场'. Did you mean: daxing-airport, capital-airport, "
        "daxing-airport-zone? It names the theme 'transport': filter by theme."
    )


def test_a_name_of_another_facet_alone_when_nothing_of_this_one_is_close(mini):
    with pytest.raises(UnknownName) as raised:
        resolve(mini, Facet.expert, ["交通互联"])
    assert raised.value.suggestions == []
    assert str(raised.value) == (
        "unknown expert '交通互联'. It names the theme 'transport': filter by theme."
    )


def test_codebook_counts_match_listing(mini):
    proposals = Selection(kind=Kind.proposal)
    counts = {record.id: count for record, count in codebook(mini, Facet.region, proposals)}
    assert counts == {
        "jingjinji": 6,
        "beijing": 2,
        "hebei": 4,
        "xiongan": 2,
        "airport-zone": 1,
        "yrd": 0,
    }
    findings = {r.id: n for r, n in codebook(mini, Facet.expert, Selection(kind=Kind.finding))}
    assert findings == {"wang-ming": 0, "li-hua": 2, "zhang-wei": 2}


def test_describe_each_kind(mini):
    expert = describe(mini, "zhang-wei")
    assert isinstance(expert, ExpertView)
    assert ids(expert.items) == [
        "zhang-chain-gap",
        "zhang-leading-firms-xiongan",
        "zhang-market-integration",
    ]
    assert [figure.id for figure in expert.figures] == ["zhang-gdp"]

    item = describe(mini, "li-hebei-capacity")
    assert isinstance(item, ItemView)
    assert [(link.relation, other.id) for link, other in item.related] == [
        ("addressed-by", "wang-research-to-hebei")
    ]

    region = describe(mini, "hebei")
    assert isinstance(region, RegionView)
    assert [child.id for child in region.children] == ["xiongan", "airport-zone"]

    assert describe(mini, "王明").expert.id == "wang-ming"
    assert describe(mini, "雄安").region.id == "xiongan"
    assert describe(mini, "Li-Hebei-Capacity").item.id == "li-hebei-capacity"
    assert describe(mini, "zhang-gdp") is mini.by_id["zhang-gdp"]


def test_describe_unknown_suggests_from_all_ids(mini):
    with pytest.raises(UnknownName) as raised:
        describe(mini, "zhang-gpd")
    assert raised.value.suggestions[0] == "zhang-gdp"


@pytest.mark.parametrize(
    "typed, suggested",
    [("雄安市", ["xiongan"]), ("王明教授", ["wang-ming"]), ("市场一体", ["integration"])],
)
def test_describe_unknown_suggests_from_all_names(mini, typed, suggested):
    with pytest.raises(UnknownName) as raised:
        describe(mini, typed)
    assert raised.value.suggestions == suggested


def test_describe_with_nothing_close_says_so_and_what_was_wanted(mini):
    with pytest.raises(UnknownName) as raised:
        describe(mini, "qqqq")
    assert str(raised.value) == "unknown id 'qqqq'. No id or name is close."
    assert raised.value.among == ()  # any kind of record
    with pytest.raises(UnknownName) as raised:
        find(mini, "qqqq", among=(Item, Figure))
    assert raised.value.among == (Item, Figure)


def test_chinese_characters_are_the_ideographs_unicode_names_so():
    # every character assigned up to plane 3, read against its name in Unicode: the CJK unified
    # and compatibility ideographs, and 〇; no radical, stroke, hexagram or punctuation
    pattern = re.compile(f"[{CHINESE}]")
    for code in range(0x40000):
        char = chr(code)
        if unicodedata.category(char) in ("Cn", "Cs"):
            continue  # unassigned, or half of a surrogate pair
        name = unicodedata.name(char, "")
        ideograph = name.startswith(("CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-"))
        expected = ideograph or char == "〇"
        assert is_chinese(char) is expected, name or hex(code)
        assert (pattern.fullmatch(char) is not None) is expected, name or hex(code)
    assert has_chinese("Xiong'an 雄安") and not has_chinese("Xiong'an，、。（）")


def test_spaces_between_chinese_characters_are_layout():
    assert without_layout_spaces("产 业 链 和 创新\u3000链") == "产业链和创新链"
    assert without_layout_spaces("二 〇 二 二 年，刘 䶮 说") == "二〇二二年，刘䶮说"
    # a space next to a Latin letter, a digit or punctuation is a space
    assert without_layout_spaces("京 津 冀 region 2 0 链 、 群") == "京津冀 region 2 0 链 、 群"


def test_a_record_asked_for_as_another_kind_is_refused_by_name(mini):
    from jjj_cli.catalogue import Theme
    from jjj_cli.query import NotAnItem, record_by_id

    with pytest.raises(NotAnItem, match=r"^'wang-ming' is an expert, not a theme$"):
        record_by_id(mini, "wang-ming", Theme)

    class Note:  # (fictional) a kind without a name of jjj's: called by its class's
        pass

    with pytest.raises(NotAnItem, match=r"^'wang-ming' is an expert, not Note$"):
        record_by_id(mini, "wang-ming", Note)
