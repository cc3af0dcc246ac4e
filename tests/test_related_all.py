"""`related` for every item at once (`explore.Neighbours`, which scores an item only against
the items that could rank among its first) gives what scoring every pair gives: the same items,
in the same order, with the same reasons, at every limit.

The plain reading below scores every other expert's item, sorts them stably by score, and puts
the curated links first, as the command's documentation says. The score of one pair is
`similar._relation`'s, which tests/test_related_terms.py and the `related` tests check on their
own; here it is the choice among the scores that is under test. The catalogues: the shipped
one; one of many copies of it (the benchmark's, where hundreds of items tie); and random ones
made from the shipped items under new ids, experts, themes and regions, where few items are
alike.
"""

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jjj_cli.catalogue import load_catalogue
from jjj_cli.catalogue.model import Related
from jjj_cli.explore import Neighbours, related, similar

from .paths import SHIPPED
from .test_benchmark_generator import bench  # noqa: F401 (a fixture)

SHIPPED_CATALOGUE = load_catalogue(SHIPPED)
LIMITS = (1, 3, 10, 50, 1000)


def related_plainly(catalogue, item_id, limit):
    """Every other expert's item scored; the curated links in their order, then the others
    with a score, best first, equal scores in catalogue order; the first `limit`."""
    kinship = similar._kinship(catalogue)
    item = next(each for each in catalogue.items if each.id == item_id)
    by_id = {each.id: each for each in catalogue.items}
    links = [
        similar._relation(kinship, item, by_id[link.id], link.relation)
        for link in item.related
        if by_id[link.id].expert != item.expert
    ]
    curated = {link.id for link in item.related}
    scored = [
        similar._relation(kinship, item, other, None)
        for other in catalogue.items
        if other.expert != item.expert and other.id not in curated
    ]
    ranked = sorted((r for r in scored if r.score > 0), key=lambda r: -r.score)
    return (links + ranked)[:limit]


def said(relations):
    return [(r.item.id, r.relation, r.score, r.themes, r.regions, r.terms) for r in relations]


def assert_the_plain_reading(catalogue, ids, limits=LIMITS):
    neighbours = Neighbours(catalogue)
    for limit in limits:
        for id in ids:
            expected = said(related_plainly(catalogue, id, limit))
            assert said(neighbours.related(id, limit)) == expected, (id, limit)


def test_every_shipped_item_at_every_limit():
    assert_the_plain_reading(SHIPPED_CATALOGUE, [item.id for item in SHIPPED_CATALOGUE.items])


def test_the_one_item_function_is_the_same():
    # `related`, as the command calls it, for one item: its own Neighbours
    for item in SHIPPED_CATALOGUE.items[::9]:
        expected = said(related_plainly(SHIPPED_CATALOGUE, item.id, 10))
        assert said(related(SHIPPED_CATALOGUE, item.id)) == expected


def test_a_catalogue_of_copies_where_hundreds_of_items_tie(bench, tmp_path):  # noqa: F811
    catalogue = load_catalogue(bench.generate(400, tmp_path))
    # every copy of an item scores the same against any item: the ties are broken by the
    # catalogue's order, and a limit falls inside a run of equal scores
    assert_the_plain_reading(catalogue, [item.id for item in catalogue.items[::13]], (1, 10, 60))


@st.composite
def reshuffled(draw):
    """Shipped items under new ids, each with an expert, themes, regions and curated links
    drawn at random: a catalogue where few items are alike."""
    originals = SHIPPED_CATALOGUE.items
    count = draw(st.integers(5, 40))
    experts = [expert.id for expert in SHIPPED_CATALOGUE.experts]
    themes = [theme.id for theme in SHIPPED_CATALOGUE.themes]
    regions = [region.id for region in SHIPPED_CATALOGUE.regions]
    ids = [f"item-{number}" for number in range(count)]
    items = []
    for number, id in enumerate(ids):
        original = draw(st.sampled_from(originals))
        links = draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
        items.append(
            original._replace(
                id=id,
                seq=number + 1,
                expert=draw(st.sampled_from(experts)),
                themes=tuple(draw(st.lists(st.sampled_from(themes), max_size=4, unique=True))),
                regions=tuple(draw(st.lists(st.sampled_from(regions), max_size=4, unique=True))),
                related=tuple(Related(link, "echoes") for link in links if link != id),
            )
        )
    return dataclasses.replace(SHIPPED_CATALOGUE, items=tuple(items), figures=())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogue=reshuffled(), limit=st.sampled_from((1, 2, 5, 10, 100)))
def test_random_catalogues_of_few_alike_items(catalogue, limit):
    assert_the_plain_reading(catalogue, [item.id for item in catalogue.items], (limit,))


@pytest.mark.parametrize("limit", [0, -1, -3])
def test_a_limit_below_one_slices_as_the_whole_list_would(limit):
    # the command refuses them; the library cuts the whole ranking as a slice does
    item = SHIPPED_CATALOGUE.items[0].id
    expected = said(related_plainly(SHIPPED_CATALOGUE, item, len(SHIPPED_CATALOGUE.items)))
    assert said(Neighbours(SHIPPED_CATALOGUE).related(item, limit)) == expected[:limit]
