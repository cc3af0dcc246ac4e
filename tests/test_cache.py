"""The cache of validated catalogues: the same catalogue back, never a stale one."""

import json
import marshal
import os
import sqlite3
import sys
import time
import zlib
from pathlib import Path

import pytest

from jjj_cli import cache as cache_module
from jjj_cli.cache import MAX_BYTES, MAX_ENTRIES, cache_directory, load_cached, open_compiled
from jjj_cli.catalogue import CatalogueError, load_catalogue
from jjj_cli.query import Kind, Selection
from jjj_cli.store.compiled import Compiled
from jjj_cli.store.loaded import Loaded

from .paths import DATA, MINI, SHIPPED


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


# --- files that had settled: their status stands for their content ---------------------------


def unsealed(sealed: bytes) -> object:
    """A value the cache sealed, read as store/sealed.py says it writes them, apart from its
    code: a CRC-32 of the marshal bytes, big-endian, then the bytes."""
    checksum, data = sealed[:4], sealed[4:]
    assert int.from_bytes(checksum, "big") == zlib.crc32(data)
    return marshal.loads(data)


def sealed(value: object) -> bytes:
    data = marshal.dumps(value)
    return zlib.crc32(data).to_bytes(4, "big") + data


def entry_meta(cache: Path) -> dict:
    [entry] = cache.glob("catalogue-*.sqlite")
    connection = sqlite3.connect(entry)
    try:
        [(meta,)] = connection.execute("SELECT meta FROM jjj_meta").fetchall()
    finally:
        connection.close()
    found = unsealed(meta)
    assert isinstance(found, dict)
    return found


def next_tick(path: Path) -> None:
    """Wait until a file written now would have another change time than `path` has: at once
    on most file systems (nanoseconds), up to a second or two on one of coarse times."""
    probe = path.with_name(".tick")
    for _ in range(300):
        probe.write_bytes(b"")
        if os.stat(probe).st_ctime_ns != os.stat(path).st_ctime_ns:
            break
        time.sleep(0.01)
    probe.unlink()


@pytest.fixture
def later(monkeypatch):
    """The clock of the cache's module moved on by a minute: every file has settled (as
    when a large catalogue compiles apart, long after its last edit). Files written before
    it are a tick of the file system's clock older than anything written after."""
    time.sleep(0.05)
    ahead = time.time_ns() + 60 * 10**9
    monkeypatch.setattr(cache_module.time, "time_ns", lambda: ahead)


def test_a_settled_file_is_not_read_again_while_its_status_stays(
    cache, catalogue_copy, monkeypatch, later
):
    path = catalogue_copy(MINI.read_text(encoding="utf-8"))
    load_cached(path)
    settled = entry_meta(cache)["settled"]
    source = path.parent / "sources" / "mini.zh.txt"
    assert sorted(settled) == sorted([str(path.resolve()), str(source.resolve())])
    # entry file and source text stand by their status: nothing is summed
    read = []
    real_stamp = cache_module._stamp
    monkeypatch.setattr(cache_module, "_stamp", lambda file: read.append(file) or real_stamp(file))
    assert isinstance(open_compiled(path), Compiled)
    assert read == []


def test_a_settled_file_rewritten_to_the_same_size_is_read_again(cache, catalogue_copy, later):
    text = MINI.read_text(encoding="utf-8")
    path = catalogue_copy(text)
    assert load_cached(path).by_id["wang-ming"].name == "Wang Ming"
    assert str(path.resolve()) in entry_meta(cache)["settled"]
    modified = os.stat(path).st_mtime_ns
    next_tick(path)
    path.write_text(text.replace('name = "Wang Ming"', 'name = "Wang Mang"'), encoding="utf-8")
    os.utime(path, ns=(modified, modified))  # its time of modification put back
    assert load_cached(path).by_id["wang-ming"].name == "Wang Mang"


def test_a_settled_file_replaced_by_another_of_the_same_size_and_times_is_read_again(
    cache, catalogue_copy, later
):
    text = MINI.read_text(encoding="utf-8")
    path = catalogue_copy(text)
    load_cached(path)
    modified = os.stat(path).st_mtime_ns
    other = path.with_name("other.toml")
    other.write_text(text.replace('name = "Wang Ming"', 'name = "Wang Mang"'), encoding="utf-8")
    os.utime(other, ns=(modified, modified))
    os.replace(other, path)  # another inode
    assert load_cached(path).by_id["wang-ming"].name == "Wang Mang"


def test_no_file_is_taken_as_settled_where_ctime_is_when_it_was_made(tmp_path, monkeypatch, later):
    # on Windows st_ctime is the time of creation: a rewrite with its time put back would go
    # unseen, so every file is summed there
    file = tmp_path / "catalogue.toml"
    file.write_text("a = 1\n", encoding="utf-8")
    stamp = cache_module._stamp(file)
    assert cache_module._settled([stamp]) != {}
    monkeypatch.setattr(cache_module.os, "name", "nt")
    assert cache_module._settled([stamp]) == {}


def test_a_file_changed_just_before_compiling_is_not_taken_as_settled(
    cache, catalogue_copy, monkeypatch
):
    monkeypatch.setattr(cache_module, "SETTLED_SECONDS", 3600)  # "just now" however slow the run
    path = catalogue_copy(MINI.read_text(encoding="utf-8"))
    load_cached(path)
    assert entry_meta(cache)["settled"] == {}  # changed within the last SETTLED_SECONDS
    assert isinstance(open_compiled(path), Compiled)  # summed and found the same, and still
    assert not any(cache.glob(".catalogue-*.settled"))  # too recent to be known by status


def test_a_file_whose_content_is_no_longer_its_stamp_is_not_taken_as_settled(tmp_path, later):
    # the loader read one content; by the time the entry is written the file holds another
    file = tmp_path / "edited.toml"
    file.write_text("a = 1\n", encoding="utf-8")
    read = cache_module._stamp(file)
    file.write_text("a = 2\n", encoding="utf-8")
    assert cache_module._settled([read]) == {}
    now = cache_module._stamp(file)
    status = os.stat(file)
    assert cache_module._settled([now]) == {
        str(file.resolve()): [
            status.st_size,
            status.st_mtime_ns,
            status.st_ctime_ns,
            status.st_ino,
            status.st_dev,
        ]
    }


def stamps_read(monkeypatch) -> list:
    """The files the cache reads and sums from now on."""
    read: list = []
    real_stamp = cache_module._stamp
    monkeypatch.setattr(cache_module, "_stamp", lambda file: read.append(file) or real_stamp(file))
    return read


def test_a_file_saved_just_before_compiling_is_read_once_more_then_known(
    cache, catalogue_copy, monkeypatch
):
    path = catalogue_copy(MINI.read_text(encoding="utf-8"))
    load_cached(path)  # compiled at once: nothing had settled
    assert entry_meta(cache)["settled"] == {}
    time.sleep(0.05)
    ahead = time.time_ns() + 60 * 10**9  # a minute on, as the user goes on asking
    monkeypatch.setattr(cache_module.time, "time_ns", lambda: ahead)
    read = stamps_read(monkeypatch)
    assert isinstance(open_compiled(path), Compiled)
    assert len(read) == 2  # the entry file and the source text, summed and found the same
    [later] = cache.glob(".catalogue-*.sqlite.settled")
    assert sorted(unsealed(later.read_bytes())) == sorted(
        [str(path.resolve()), str((path.parent / "sources" / "mini.zh.txt").resolve())]
    )
    read.clear()
    assert isinstance(open_compiled(path), Compiled)
    assert read == []  # known by their status now


def test_a_file_known_settled_since_and_then_rewritten_is_read_again(
    cache, catalogue_copy, monkeypatch
):
    text = MINI.read_text(encoding="utf-8")
    path = catalogue_copy(text)
    load_cached(path)
    time.sleep(0.05)
    ahead = time.time_ns() + 60 * 10**9
    monkeypatch.setattr(cache_module.time, "time_ns", lambda: ahead)
    open_compiled(path)  # writes down what has settled
    assert any(cache.glob(".catalogue-*.sqlite.settled"))
    modified = os.stat(path).st_mtime_ns
    next_tick(path)
    path.write_text(text.replace('name = "Wang Ming"', 'name = "Wang Mang"'), encoding="utf-8")
    os.utime(path, ns=(modified, modified))
    assert load_cached(path).by_id["wang-ming"].name == "Wang Mang"


def test_a_status_written_down_for_other_content_counts_for_nothing(
    cache, catalogue_copy, monkeypatch
):
    # what a later run wrote down holds for the stamp it checked, not for another entry's
    path = catalogue_copy(MINI.read_text(encoding="utf-8"))
    load_cached(path)
    [entry] = cache.glob("catalogue-*.sqlite")
    absolute = str(path.resolve())
    status = cache_module._status(absolute)
    other = [absolute, 1, 2]  # a stamp of some other content
    later = entry.with_name(f".{entry.name}.settled")
    read = stamps_read(monkeypatch)
    # the control: written down for the content the entry was compiled from, it is known
    later.write_bytes(sealed({absolute: [entry_meta(cache)["catalogue"], status]}))
    assert isinstance(open_compiled(path), Compiled)
    assert path not in read
    later.write_bytes(sealed({absolute: [other, status]}))
    assert isinstance(open_compiled(path), Compiled)
    assert path in read


def test_an_entry_removed_takes_what_was_found_settled_for_it(cache, catalogue_copy):
    path = catalogue_copy(MINI.read_text(encoding="utf-8"))
    load_cached(path)
    [entry] = cache.glob("catalogue-*.sqlite")
    later = entry.with_name(f".{entry.name}.settled")
    later.write_text("{}", encoding="utf-8")
    cache_module._remove(entry)
    assert not entry.exists() and not later.exists()


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


def sound(entry: Path) -> bool:
    """The entry is a whole SQLite file: as long as its header says (page size times pages,
    read by hand from the documented file format), and SQLite's own check finds nothing."""
    content = entry.read_bytes()
    page_size = int.from_bytes(content[16:18], "big")
    pages = int.from_bytes(content[28:32], "big")
    if not content.startswith(b"SQLite format 3\0") or len(content) != page_size * pages:
        return False
    connection = sqlite3.connect(entry)
    try:
        return connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()


def test_a_truncated_entry_means_a_full_load(cache):
    load_cached(MINI)
    (entry,) = cache.iterdir()
    assert sound(entry)
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    assert load_cached(MINI) == load_catalogue(MINI)
    assert sound(entry)  # written whole again


def test_a_flipped_byte_is_caught_by_the_checksum(cache):
    load_cached(MINI)
    (entry,) = cache.iterdir()
    # in the head a run reads first: the name's bytes with those around them in the head,
    # which the export's tables (the name alone) do not hold
    connection = sqlite3.connect(entry)
    [(head,)] = connection.execute("SELECT head FROM jjj_head").fetchall()
    connection.close()
    at = head.index(b"Wang Ming")
    around = head[at - 6 : at + 15]
    whole = entry.read_bytes()
    assert whole.count(around) == 1
    damaged = whole.replace(around, around.replace(b"Wang Ming", b"Wang Mang"))
    assert len(damaged) == len(whole) and damaged != whole  # still marshal, of the same length
    entry.write_bytes(damaged)
    catalogue = load_cached(MINI)
    assert catalogue.by_id["wang-ming"].name == "Wang Ming"
    assert catalogue == load_catalogue(MINI)
    assert sound(entry) and around in entry.read_bytes()


def test_an_entry_missing_an_item_is_removed_and_compiled_again(cache):
    load_cached(MINI)
    (entry,) = cache.iterdir()
    connection = sqlite3.connect(entry)
    with connection:
        connection.execute("DELETE FROM jjj_items WHERE rowid = (SELECT max(rowid) FROM jjj_items)")
    connection.close()
    assert len(open_compiled(MINI).catalogue().items) == len(load_catalogue(MINI).items)
    assert load_cached(MINI) == load_catalogue(MINI)
    assert [row.id for row in open_compiled(MINI).select(Selection(kind=Kind.all))] == [
        item.id for item in load_catalogue(MINI).items
    ]


@pytest.mark.parametrize("content", [b"", b"not a database at all", b"SQLite format 3\0" * 64])
def test_a_file_that_is_no_entry_is_replaced(cache, content):
    load_cached(MINI)
    (entry,) = cache.iterdir()
    entry.write_bytes(content)
    assert load_cached(MINI) == load_catalogue(MINI)
    assert sound(entry)


def test_an_entry_of_another_format_or_version_is_compiled_again(cache, monkeypatch):
    load_cached(MINI)
    (entry,) = cache.iterdir()
    monkeypatch.setattr(cache_module, "FORMAT", cache_module.FORMAT + 1)
    loads = []
    monkeypatch.setattr(
        cache_module, "_load", lambda path: loads.append(path) or load_catalogue(path)
    )
    assert load_cached(MINI) == load_catalogue(MINI)
    assert load_cached(MINI) == load_catalogue(MINI)
    assert len(loads) == 1  # compiled once for the new format, then read from its entry
    (rewritten,) = cache.iterdir()
    assert rewritten == entry
    assert entry_meta(cache)["format"] == cache_module.FORMAT


def test_a_damaged_entry_is_removed_even_when_no_entry_replaces_it(cache, catalogue_copy):
    text = MINI.read_text(encoding="utf-8")
    path = catalogue_copy(text)
    load_cached(path)
    (entry,) = cache.iterdir()
    entry.write_bytes(entry.read_bytes()[:-1])
    catalogue_copy(text.replace('kind = "finding"', 'kind = "f"'))
    with pytest.raises(CatalogueError):
        load_cached(path)
    assert list(cache.iterdir()) == []


def test_one_entry_per_catalogue_path(cache, catalogue_copy):
    text = MINI.read_text(encoding="utf-8")
    for name in ("Wang Mang", "Wang Meng", "Wang Ming"):
        path = catalogue_copy(text.replace('name = "Wang Ming"', f'name = "{name}"'))
        assert load_cached(path).by_id["wang-ming"].name == name
        assert len(list(cache.iterdir())) == 1


def catalogue_in(directory: Path) -> Path:
    """A copy of mini.toml and its source in a directory of its own: another catalogue path."""
    (directory / "sources").mkdir(parents=True)
    source = DATA / "sources" / "mini.zh.txt"
    (directory / "sources" / "mini.zh.txt").write_bytes(source.read_bytes())
    path = directory / "mini.toml"
    path.write_bytes(MINI.read_bytes())
    return path


def cached(cache: Path, path: Path, used: float) -> Path:
    """Load `path`, not cached yet; return its new entry, marked as last used at `used`."""
    before = set(cache.iterdir()) if cache.exists() else set()
    load_cached(path)
    (entry,) = set(cache.iterdir()) - before
    os.utime(entry, (used, used))  # a clock of the test's own: writes may share a tick
    return entry


def test_many_catalogues_keep_the_most_recently_used(cache, tmp_path):
    paths = [catalogue_in(tmp_path / f"c{n}") for n in range(MAX_ENTRIES + 3)]
    past = time.time() - 1000
    entries = [cached(cache, path, past + n) for n, path in enumerate(paths[:MAX_ENTRIES])]
    assert set(cache.iterdir()) == set(entries)
    # the first catalogue is used again (a cache hit), so it is no longer the oldest
    load_cached(paths[0])
    newer = [cached(cache, path, time.time()) for path in paths[MAX_ENTRIES:]]
    assert len(list(cache.iterdir())) == MAX_ENTRIES
    assert set(cache.iterdir()) == {entries[0], *entries[4:], *newer}


def test_the_cache_stays_within_its_size(cache, tmp_path, monkeypatch):
    paths = [catalogue_in(tmp_path / f"c{n}") for n in range(5)]
    size = cached(cache, paths[0], time.time() - 100).stat().st_size
    monkeypatch.setattr(cache_module, "MAX_BYTES", size * 5 // 2)
    for n, path in enumerate(paths[1:]):
        last = cached(cache, path, time.time() - 50 + n)
    sizes = [entry.stat().st_size for entry in cache.iterdir()]
    assert len(sizes) == 2 and last in set(cache.iterdir())
    assert sum(sizes) <= size * 5 // 2


def test_a_catalogue_larger_than_the_cap_is_cached_alone(cache, tmp_path, monkeypatch):
    first, second = catalogue_in(tmp_path / "first"), catalogue_in(tmp_path / "second")
    load_cached(first)
    monkeypatch.setattr(cache_module, "MAX_BYTES", 100)
    load_cached(second)
    (entry,) = cache.iterdir()
    assert entry.stat().st_size > 100

    def no_full_load(path):
        raise AssertionError(f"{path} was loaded in full")

    monkeypatch.setattr(cache_module, "_load", no_full_load)
    assert load_cached(second) == load_catalogue(second)


def test_the_cap_holds_as_many_entries_of_the_shipped_catalogue(cache):
    load_cached(SHIPPED)
    (entry,) = cache.iterdir()
    assert entry.stat().st_size * MAX_ENTRIES <= MAX_BYTES


def test_entries_that_vanish_or_resist_removal_are_no_error(cache, monkeypatch):
    cache.mkdir()
    # as another run leaves them: a file removed after the listing, and one that cannot go
    (cache / "catalogue-00000000.sqlite").symlink_to(cache / "removed-meanwhile")
    (cache / "catalogue-11111111.sqlite").mkdir()
    old = cache / "catalogue-22222222.sqlite"
    old.write_bytes(b"an entry nobody uses")
    for name in (old, cache / "catalogue-11111111.sqlite"):
        os.utime(name, (0, 0))
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 1)
    assert load_cached(MINI) == load_catalogue(MINI)
    assert not old.exists()  # the rest of the cache was still kept in bounds
    assert load_cached(MINI) == load_catalogue(MINI)
    assert len([entry for entry in cache.iterdir() if entry.is_file()]) == 1


def test_an_entry_of_the_json_format_goes_as_the_least_recently_used(cache, monkeypatch):
    cache.mkdir()
    json_entry = cache / "catalogue-33333333.json"
    json_entry.write_bytes(b"an entry of an earlier jjj")
    os.utime(json_entry, (0, 0))
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 1)
    load_cached(MINI)
    assert [entry.suffix for entry in cache.iterdir()] == [".sqlite"]


def test_a_temporary_file_left_by_a_killed_run_goes_in_time(cache):
    cache.mkdir()
    old, fresh = cache / ".catalogue-a.json.0000.tmp", cache / ".catalogue-b.json.1111.tmp"
    for temporary in (old, fresh):
        temporary.write_bytes(b"half an entry")
    os.utime(old, (time.time() - 2 * 3600, time.time() - 2 * 3600))
    load_cached(MINI)
    assert not old.exists() and fresh.exists()  # the fresh one may be another run's, writing


def test_the_cache_can_be_turned_off(cache, monkeypatch):
    monkeypatch.setenv("JJJ_NO_CACHE", "1")
    assert cache_directory() is None
    assert load_cached(MINI) == load_catalogue(MINI)
    compiled = open_compiled(MINI)  # as loaded, compiled nowhere: the same questions, alike
    assert isinstance(compiled, Loaded)
    assert [item.id for item in compiled.select(Selection(kind=Kind.all))] == [
        item.id for item in load_catalogue(MINI).items
    ]
    assert not cache.exists()


def test_an_unwritable_cache_directory_costs_nothing_but_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would go", encoding="utf-8")
    monkeypatch.setenv("JJJ_CACHE_DIR", str(blocker / "jjj"))
    assert load_cached(MINI) == load_catalogue(MINI)
    assert open_compiled(MINI).count(Selection(kind=Kind.all)) == len(load_catalogue(MINI).items)
    assert [path.name for path in tmp_path.iterdir()] == ["not-a-directory"]


def test_the_default_place_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("JJJ_CACHE_DIR", raising=False)
    monkeypatch.delenv("JJJ_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_directory() == tmp_path / "jjj"


def test_the_command_compiles_apart_and_answers_as_loaded_meanwhile(cache, monkeypatch):
    # as the `jjj` command does (cli.process.main): the run forks, and does not wait
    monkeypatch.setattr(cache_module, "COMPILE_APART", True)
    first = open_compiled(MINI)
    assert isinstance(first, Loaded)
    child, status = os.wait()  # the compiling process, this one's only child
    assert os.waitstatus_to_exitcode(status) == 0
    [entry] = cache.glob("catalogue-*.sqlite")
    second = open_compiled(MINI)
    assert isinstance(second, Compiled)
    assert second.catalogue() == first.catalogue() == load_catalogue(MINI)
    assert os.stat(entry).st_ino == os.stat(next(cache.glob("catalogue-*.sqlite"))).st_ino
    with pytest.raises(ChildProcessError):  # the second run found it: nothing more forked
        os.wait()


def test_the_library_compiles_before_it_returns(cache):
    assert isinstance(open_compiled(MINI), Compiled)
    assert len(list(cache.glob("catalogue-*.sqlite"))) == 1


def test_a_run_leaves_compiling_to_one_already_at_it(cache, monkeypatch):
    # runs that follow an edit one after another start one compile between them, not one each
    import fcntl

    monkeypatch.setattr(cache_module, "COMPILE_APART", True)
    open_compiled(MINI)
    os.wait()
    [entry] = cache.glob("catalogue-*.sqlite")
    entry.unlink()  # as after an edit: no current entry
    with open(cache / f".{entry.name}.lock", "a") as held:  # another run, compiling
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert isinstance(open_compiled(MINI), Loaded)
        with pytest.raises(ChildProcessError):  # nothing forked
            os.wait()
        assert not list(cache.glob("catalogue-*.sqlite"))
    assert isinstance(open_compiled(MINI), Loaded)  # the lock let go: this run compiles
    os.wait()
    assert isinstance(open_compiled(MINI), Compiled)


def test_a_page_found_damaged_in_use_is_an_error_that_removes_the_entry(cache):
    # the checks on opening read the file's length and first pages; a page a crash left
    # unwritten shows up only when a command reads it
    from .invoke import jjj

    assert jjj("list", "--json").exit_code == 0
    [entry] = cache.glob("catalogue-*.sqlite")
    connection = sqlite3.connect(entry)
    (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    (root,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'jjj_listed'"
    ).fetchone()
    connection.close()
    with open(entry, "r+b") as file:  # the page of list --json's text, overwritten
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * page_size)
    cache_module.OPENED.clear()
    result = jjj("list", "--json")
    assert result.exit_code == 3
    assert result.stderr == (
        "Error: the compiled catalogue in the cache was damaged, and is removed: run again\n"
    )
    assert not entry.exists()
    again = jjj("list", "--json")  # loaded afresh, and compiled again
    assert again.exit_code == 0 and again.stdout.startswith("[\n  {")
    assert [item["id"] for item in json.loads(again.stdout)] == [
        item.id for item in load_catalogue(MINI).items if item.kind == "proposal"
    ]


def test_a_catalogue_read_once_is_not_compiled(cache):
    # the curator's commands read a catalogue they are about to change, diff one to compare
    assert load_cached(MINI, compile=False) == load_catalogue(MINI)
    assert not cache.exists() or not list(cache.iterdir())


def test_an_entry_is_named_for_the_python_that_wrote_it(cache):
    load_cached(MINI)
    (entry,) = cache.iterdir()
    assert entry.name.endswith(f".{sys.implementation.cache_tag}.sqlite")
    assert entry.name.startswith("catalogue-")


def test_an_entry_of_another_python_is_never_read_but_goes_in_its_turn(cache, monkeypatch):
    load_cached(MINI)
    (entry,) = cache.iterdir()
    other = entry.with_name(entry.name.replace(sys.implementation.cache_tag, "cpython-399"))
    os.rename(entry, other)
    os.utime(other, (0, 0))
    loads = []
    monkeypatch.setattr(
        cache_module, "_load", lambda path: loads.append(path) or load_catalogue(path)
    )
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 1)
    assert load_cached(MINI) == load_catalogue(MINI)
    assert loads == [MINI]  # compiled anew for this Python
    assert sorted(path.name for path in cache.iterdir()) == [entry.name]  # the other's went


def test_a_python_that_keeps_no_bytecode_keeps_no_cache(cache, monkeypatch):
    monkeypatch.setattr(sys.implementation, "cache_tag", None)
    assert load_cached(MINI) == load_catalogue(MINI)
    assert isinstance(open_compiled(MINI), Loaded)
    assert not cache.exists()
