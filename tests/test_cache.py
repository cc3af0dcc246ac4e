"""The cache of validated catalogues: the same catalogue back, never a stale one."""

from pathlib import Path

import pytest

from jjj_cli.cache import FORMAT, cache_directory, load_cached
from jjj_cli.catalogue import CatalogueError, load_catalogue

from .paths import MINI, SHIPPED


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("JJJ_CACHE_DIR", str(directory))
    monkeypatch.delenv("JJJ_NO_CACHE", raising=False)
    return directory


@pytest.mark.parametrize("path", [MINI, SHIPPED])
def test_a_cached_catalogue_equals_a_fresh_load(cache, path):
    fresh = load_catalogue(path)
    assert load_cached(path) == fresh  # the first run writes the entry
    assert len(list(cache.iterdir())) == 1
    cached = load_cached(path)
    assert cached == fresh
    assert cached.by_id.keys() == fresh.by_id.keys()
    assert cached.source.path == fresh.source.path


def test_an_edit_of_the_same_size_is_seen_at_once(cache, catalogue_copy):
    text = MINI.read_text(encoding="utf-8")
    path = catalogue_copy(text)
    assert load_cached(path).by_id["wang-ming"].name == "Wang Ming"
    # rewritten straight away, same length: the modification time may not even tick
    catalogue_copy(text.replace('name = "Wang Ming"', 'name = "Wang Mang"'))
    assert load_cached(path).by_id["wang-ming"].name == "Wang Mang"


def test_a_changed_source_text_is_checked_again(cache, catalogue_copy):
    path = catalogue_copy(MINI.read_text(encoding="utf-8"))
    load_cached(path)
    source = path.parent / "sources" / "mini.zh.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("雄安", "保定"), encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_cached(path)
    assert [problem.field for problem in raised.value.problems][0] == "sha256"


def test_a_broken_catalogue_is_never_cached(cache, catalogue_copy):
    path = catalogue_copy(
        MINI.read_text(encoding="utf-8").replace('kind = "finding"', 'kind = "f"')
    )
    for _ in range(2):
        with pytest.raises(CatalogueError):
            load_cached(path)
    assert not cache.exists() or not any(cache.iterdir())


def test_a_damaged_entry_means_a_full_load(cache):
    load_cached(MINI)
    (entry,) = cache.iterdir()
    entry.write_text(f'{{"format": {FORMAT}, "version"', encoding="utf-8")
    assert load_cached(MINI) == load_catalogue(MINI)
    assert entry.read_text(encoding="utf-8").startswith(f'{{"format": {FORMAT}, "version": ')


def test_the_cache_can_be_turned_off(cache, monkeypatch):
    monkeypatch.setenv("JJJ_NO_CACHE", "1")
    assert cache_directory() is None
    assert load_cached(MINI) == load_catalogue(MINI)
    assert not cache.exists()


def test_an_unwritable_cache_directory_costs_nothing_but_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would go", encoding="utf-8")
    monkeypatch.setenv("JJJ_CACHE_DIR", str(blocker / "jjj"))
    assert load_cached(MINI) == load_catalogue(MINI)


def test_the_default_place_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("JJJ_CACHE_DIR", raising=False)
    monkeypatch.delenv("JJJ_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_directory() == tmp_path / "jjj"
