"""The shipped tags follow the written coding rules, where a rule can be read mechanically.

The catalogue is read with tomllib alone (tests/independent.py), and each rule is this file's
own reading of the rule's words (`jjj themes --rules`, `jjj regions --rules`): a curator who
adds an item and forgets a tag the rules give, or tags a place the quote does not name, is told
which rule.
Rules that need a reader (a carried subject, 区域 meaning the region) are measured instead by
the second coding (data/reliability/).
"""

import re

import pytest

from . import independent
from .paths import SHIPPED

CATALOGUE = independent.read(SHIPPED)
REGIONS, ITEMS = CATALOGUE["regions"], CATALOGUE["proposals"]
HAN = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# every Chinese name of a place of the codebook (two characters or more: 京 and 津 stand in too
# many words), longest first, with the place it names
NAMES = sorted(
    (
        (name, region["id"])
        for region in REGIONS
        for name in (region["name_zh"], *region.get("aliases", []))
        if HAN.match(name)
    ),
    key=lambda pair: -len(pair[0]),
)


def places_named(quote: str) -> set[str]:
    """The places a quote names, each name read as the longest codebook name it is part of
    (北京城市副中心 is the sub-center, not Beijing; 首都机场 the airport, not the capital)."""
    named, taken = set(), [False] * len(quote)
    for name, region in NAMES:
        for match in re.finditer(re.escape(name), quote):
            span = range(match.start(), match.end())
            if not any(taken[i] for i in span):
                named.add(region)
                for i in span:
                    taken[i] = True
    return named


def without_places(quote: str) -> str:
    for name, _region in NAMES:
        quote = quote.replace(name, "□")
    return quote


def test_places_named_reads_the_longest_name():
    assert places_named("北京城市副中心与廊坊北三县") == {"beijing-sub-center", "langfang-north"}
    assert places_named("以首都机场、大兴机场为引领") == {"capital-airport", "daxing-airport"}
    assert places_named("以首都为核心的世界级城市群") == {"beijing"}
    assert places_named("天津滨海新区、天津") == {"binhai", "tianjin"}
    assert places_named("三地") == set()


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item["id"])
def test_every_place_the_quote_names_is_tagged(item):
    """Region rules: a place is tagged when the quote names it, as itself (the longest name);
    京津冀 and 三地 (the three together) are jingjinji."""
    wanted = places_named(item["quote"])
    if "三地" in item["quote"]:
        wanted.add("jingjinji")
    assert wanted <= set(item["regions"]), f"{item['id']}: untagged {wanted - set(item['regions'])}"


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item["id"])
def test_the_three_together_are_not_tagged_one_by_one(item):
    """Region rules: 三地 is jingjinji only; a member is tagged where it is named. Of the three,
    a quote that names none of them by any name (北京, 首都, 天津, 河北, or 京, 津, 冀 in a
    compound such as 津冀 or 京唐) carries none."""
    members = {"beijing": "北京首都京", "tianjin": "天津津", "hebei": "河北冀"}
    quote = item["quote"]
    for (
        name,
        region,
    ) in NAMES:  # 北京 in 北京城市副中心 names the sub-center, 京 in 京津冀 the three
        if region not in members:
            quote = quote.replace(name, "□")
    for member, characters in members.items():
        if member in item["regions"] and not any(c in quote for c in characters):
            # carried from a subject stated before: the quote itself names no place at all
            assert not places_named(item["quote"]) and "三地" not in quote, item["id"]


# Inclusion rules read as words: a quote holding any of them carries the theme, unless the words
# stand only in the phrase an exclusion rule names (removed first).
WORDS = {
    "free-trade": (
        ["自贸试验区", "自贸区", "服务业扩大开放", "自由贸易港", "通关一体化", "贸易自由化"],
        [],
    ),
    "platforms": (["2+4+N", "集中承载地", "承接平台", "核心承载平台"], []),
    "clusters": (["集群", "产业园区", "产业集聚", "集聚效应"], []),
    "chains": (
        ["产业链", "创新链", "供应链", "链条", "补链", "延链", "强链", "上下游"],
        ["产业链中小企业"],
    ),
    "innovation": (
        [
            "科技",
            "科创",
            "研发",
            "创新链",
            "成果转化",
            "创新能力",
            "创新驱动",
            "协同创新",
            "专利",
            "创新主体",
            "创新平台",
            "创新中心",
            "孵化器",
        ],
        [],
    ),  # fmt: skip
    "institutions": (["体制", "改革", "营商环境", "行政", "审批", "社会组织"], ["改革开放"]),
    "green": (["绿色", "宜居", "生态"], ["生态培育"]),
    "transport": (["铁路", "城际", "机场", "空铁联运", "通勤", "交通"], ["智慧交通"]),
    "metropolitan": (["都市圈", "城市群", "产城融合", "职住平衡", "城市功能", "城市服务"], []),
    "manufacturing": (
        ["制造", "工业2.0", "工业3.0", "工业4.0", "转型升级", "产业升级", "改造"],
        [],
    ),
    "relocation": (["疏解", "迁出", "承接", "承载", "产业对接"], []),
    "enterprises": (["龙头", "关键企业", "总部经济", "中小企业"], []),
    "coordination": (["不平衡", "不均衡", "参差不齐", "差距"], []),
}


@pytest.mark.parametrize("theme", sorted(WORDS))
def test_a_quote_in_a_themes_words_carries_the_theme(theme):
    words, excluded = WORDS[theme]
    missing = []
    for item in ITEMS:
        quote = without_places(item["quote"])  # 机场 in 大兴国际机场临空经济区 is a place's name
        for phrase in excluded:
            quote = quote.replace(phrase, "□")
        if any(word in quote for word in words) and theme not in item["themes"]:
            missing.append(item["id"])
    assert missing == []


def test_free_trade_is_only_its_instruments():
    """free-trade's exclusion: opening up in general (改革开放, 提高开放水平) is not free-trade."""
    words, _excluded = WORDS["free-trade"]
    tagged = {item["id"] for item in ITEMS if "free-trade" in item["themes"]}
    holding = {item["id"] for item in ITEMS if any(word in item["quote"] for word in words)}
    assert tagged == holding


def test_platforms_are_the_2_4_n_pattern_named_and_carry_relocation():
    """platforms: only the pattern or its parts named (key areas alone are not), and every
    platforms item carries relocation, as relocation's inclusion rule says."""
    words, _excluded = WORDS["platforms"]
    tagged = {item["id"] for item in ITEMS if "platforms" in item["themes"]}
    assert tagged == {item["id"] for item in ITEMS if any(word in item["quote"] for word in words)}
    assert all("relocation" in item["themes"] for item in ITEMS if item["id"] in tagged)
