"""`related` for every item at once (`explore.Neighbours`, which scores an item only against
the items that could rank among its first) gives what scoring every pair gives: the same items,
in the same order, with the same reasons, at every limit.

The plain reading below scores every other expert's item, sorts them stably by score, and puts
the curated links first, as the command's documentation says. The score of one pair is
`similar._relation`'s, which tests/test_related_terms.py and the `related` tests check on their
own; here it is the choice among the scores that is under test. The catalogues: the shipped
one; one of many copies of it (the benchmark's, where hundreds of items tie); and random ones
made from the shipped items under new ids, experts, themes, regions, links and texts, where
few items are alike.
"""

import dataclasses
import re

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
    """Every other expert's item scored; those the item links to, in the order of its first
    link to each, then the others with a score, best first, equal scores in catalogue order;
    the first `limit`."""
    kinship = similar._kinship(catalogue)
    item = next(each for each in catalogue.items if each.id == item_id)
    curated = {link.id: link.relation for link in item.related}
    scored = [
        similar._relation(kinship, item, other, curated.get(other.id))
        for other in catalogue.items
        if other.expert != item.expert
    ]
    first_link = [link.id for link in item.related]
    links = sorted(
        (r for r in scored if r.relation is not None), key=lambda r: first_link.index(r.item.id)
    )
    ranked = sorted(
        (r for r in scored if r.relation is None and r.score > 0), key=lambda r: -r.score
    )
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


# The shipped quotes cut into their clauses: random items join a few, so that they share
# some terms and not others, and a profile's terms decide whether it ranks.
CLAUSES = sorted(
    {clause for item in SHIPPED_CATALOGUE.items for clause in re.split("[，。；：]", item.quote)}
    - {""}
)


@st.composite
def reshuffled(draw):
    """Shipped items under new ids, each with an expert, themes, regions (repeated at times,
    as the loader allows), curated links (to any item, itself and repeats too) and a text of
    shipped clauses drawn at random: a catalogue where few items are alike."""
    originals = SHIPPED_CATALOGUE.items
    count = draw(st.integers(5, 40))
    experts = [expert.id for expert in SHIPPED_CATALOGUE.experts]
    themes = [theme.id for theme in SHIPPED_CATALOGUE.themes]
    regions = [region.id for region in SHIPPED_CATALOGUE.regions]
    ids = [f"item-{number}" for number in range(count)]
    items = []
    for number, id in enumerate(ids):
        original = draw(st.sampled_from(originals))
        links = draw(st.lists(st.sampled_from(ids), max_size=3))
        items.append(
            original._replace(
                id=id,
                seq=number + 1,
                expert=draw(st.sampled_from(experts)),
                themes=tuple(draw(st.lists(st.sampled_from(themes), max_size=4))),
                regions=tuple(draw(st.lists(st.sampled_from(regions), max_size=4))),
                related=tuple(Related(link, "echoes") for link in links),
                title_zh="",
                quote="，".join(draw(st.lists(st.sampled_from(CLAUSES), min_size=1, max_size=4))),
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


def assert_parts_exact_and_bounds_hold(catalogue):
    """For every pair of items: the part Neighbours counts for the other's profile is what the
    pair's shared themes and regions score, and the most it lets terms add is at least what
    they add; both read from the pair's _relation."""
    neighbours = Neighbours(catalogue)
    profiles, kinship = neighbours._profiles, neighbours.kinship
    weights = {"theme": similar.THEME_WEIGHT, "region": similar.REGION_WEIGHT}
    reaching = 0
    for item in catalogue.items:
        parts = profiles.parts(item)
        mine = kinship.terms[item.id]
        for position, other in enumerate(catalogue.items):
            relation = similar._relation(kinship, item, other, None)
            regions = sum(1 if "⊃" not in r and "⊂" not in r else 0.5 for r in relation.regions)
            expected = weights["theme"] * len(relation.themes) + weights["region"] * regions
            number = profiles.profile_of[position]
            assert parts[number] / 2 == expected, (item.id, other.id)
            terms = similar.TERM_WEIGHT * len(relation.terms)
            assert profiles.terms_at_most(mine, number) >= terms, (item.id, other.id)
            reaching += len(relation.terms) == 5
    assert reaching  # some pairs share five terms, the most that count


def test_the_parts_and_bounds_of_every_shipped_pair():
    assert_parts_exact_and_bounds_hold(SHIPPED_CATALOGUE)


def test_the_parts_and_bounds_of_every_pair_of_copies(bench, tmp_path):  # noqa: F811
    assert_parts_exact_and_bounds_hold(load_catalogue(bench.generate(200, tmp_path)))
