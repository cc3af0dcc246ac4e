"""What the loader does to be quick changes nothing it does: the garbage collector is left as
it was found, and a list of ids is checked as each id is."""

import gc

import pytest

from jjj_cli.cache import load_cached
from jjj_cli.catalogue import CatalogueError, load_catalogue
from jjj_cli.catalogue.schema import Invalid, slug_list

from .paths import DATA, MINI

BROKEN = DATA / "broken" / "duplicate-ids.toml"


@pytest.fixture
def collector():
    """The collector's state as the test sets it, restored after the test."""
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def fails(load, path):
    with pytest.raises(CatalogueError):
        load(path)


@pytest.mark.parametrize("enabled", [True, False])
def test_a_load_leaves_the_collector_as_it_was(collector, monkeypatch, tmp_path, enabled):
    monkeypatch.setenv("JJJ_CACHE_DIR", str(tmp_path / "cache"))
    (gc.enable if enabled else gc.disable)()
    runs = [
        lambda: load_catalogue(MINI),
        lambda: fails(load_catalogue, BROKEN),
        lambda: load_cached(MINI),  # loaded and cached
        lambda: load_cached(MINI),  # from the cache
        lambda: fails(load_cached, BROKEN),
    ]
    states = []
    for run in runs:
        run()
        states.append(gc.isenabled())
    assert states == [enabled] * len(runs)
    assert list((tmp_path / "cache").iterdir())  # the third run wrote an entry the fourth read


def test_a_list_of_ids_is_returned_as_given():
    assert slug_list(["clusters", "free-trade", "r2"]) == ("clusters", "free-trade", "r2")
    assert slug_list([]) == ()


@pytest.mark.parametrize(
    ("ids", "wrong"),
    [
        (["clusters", "Free Trade", "Not-Either"], "Free Trade"),
        (["-dash-first"], "-dash-first"),
        (["clusters", "clusters\n"], "clusters\n"),
    ],
)
def test_a_list_of_ids_names_its_first_wrong_one(ids, wrong):
    with pytest.raises(Invalid) as raised:
        slug_list(ids)
    assert str(raised.value) == f"'{wrong}' is not an id (lowercase letters, digits and '-')"
