"""The catalogue that ships: it loads, and its data holds up against the source text."""

import pytest

from jjj_cli.catalogue import CatalogueError, load_catalogue, normalise, verify_quotes

from .paths import SHIPPED


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
        assert item.themes, item.id


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
