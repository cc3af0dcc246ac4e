"""The catalogue that ships: it loads, and its data holds up against the source text."""

import sys

import pytest

from jjj_cli.catalogue import CatalogueError, load_catalogue, normalise, verify_quotes
from jjj_cli.query import Facet, resolve

from .paths import SHIPPED

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


@pytest.fixture(scope="module")
def shipped():
    try:
        return load_catalogue(SHIPPED, check_quotes=False)
    except CatalogueError as error:
        pytest.fail(f"the shipped catalogue does not load:\n{error}")


def test_shipped_catalogue_validates_with_quotes():
    load_catalogue(SHIPPED)


def test_every_quote_is_verbatim_in_the_source(shipped):
    missing = [check.id for check in verify_quotes(shipped) if not check.found]
    assert missing == []


def test_required_text_is_not_blank(shipped):
    for item in shipped.items:
        for field in ("title", "title_zh", "summary", "summary_zh", "quote"):
            assert getattr(item, field).strip(), (item.id, field)


def test_an_item_without_a_theme_says_why(shipped):
    """An item whose words meet no theme's rules carries none, and its note says so."""
    for item in shipped.items:
        if not item.themes:
            assert item.note is not None and item.note.startswith("No theme: "), item.id


def test_every_expert_has_a_proposal(shipped):
    with_proposals = {item.expert for item in shipped.items if item.kind == "proposal"}
    assert {expert.id for expert in shipped.experts} <= with_proposals


def test_seq_follows_the_order_of_the_quotes_in_the_source(shipped):
    source = normalise(shipped.source_text)
    positions = [(item.id, source.find(normalise(item.quote))) for item in shipped.items]
    out_of_order = [
        (earlier, later)
        for (earlier, before), (later, after) in zip(positions, positions[1:])
        if after < before
    ]
    assert out_of_order == []


# What a researcher types first, and the record it means.
TYPED_NAMES = {
    Facet.region: {
        "xiongan": ["雄安", "雄安新区", "河北雄安新区", "Xiongan", "Xiong'an"],
        "hebei": ["河北", "河北省", "冀", "Hebei Province"],
        "tianjin": ["天津", "天津市", "津"],
        "beijing": ["北京", "北京市", "京"],
        "binhai": ["滨海", "滨海新区", "天津滨海新区", "Binhai New Area"],
        "zhongguancun": ["中关村"],
        "jingjinji": ["京津冀", "Beijing-Tianjin-Hebei"],
        "langfang-north": ["北三县"],
        "beijing-sub-center": ["城市副中心"],
        "chengdu-chongqing": ["成渝"],
    },
    Facet.theme: {
        "clusters": ["集群", "产业集群"],
        "chains": ["产业链", "创新链", "补链", "延链", "强链"],
        "free-trade": ["自贸区", "自贸试验区", "自由贸易港"],
        "platforms": ["2+4+N"],
    },
}


@pytest.mark.parametrize(
    "facet, id, name",
    [
        (facet, id, name)
        for facet, names_of in TYPED_NAMES.items()
        for id, names in names_of.items()
        for name in names
    ],
)
def test_the_names_people_type_resolve(shipped, facet, id, name):
    assert resolve(shipped, facet, [name]) == {id}


@pytest.mark.parametrize(
    "table, facet", [("experts", "expert"), ("themes", "theme"), ("regions", "region")]
)
def test_every_name_a_record_gives_finds_that_record(shipped, table, facet):
    # read with the TOML parser, not the model: every name written in the file is typeable
    records = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))[table]
    for record in records:
        written = [record["id"], record["name"], record["name_zh"], *record.get("aliases", [])]
        written += [record["code"]] if record.get("code") else []
        for name in written:
            assert resolve(shipped, Facet(facet), [name]) == {record["id"]}, name
