"""Nothing is lost: no command writes to a catalogue, and output files are written whole."""

import os
import shutil
from pathlib import Path

import pytest
import typer

from jjj_cli.cli import app
from jjj_cli.files import NotAFile, OutputExists, OutputUnwritable, atomic_write, atomic_writer

from .invoke import runner
from .paths import DATA, MINI


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under a folder: its bytes and its modification time."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# A few argument shapes, so that every command, including ones added later, gets as far as
# reading the catalogue and printing something (or refusing the arguments).
SHAPES = [
    *([], ["wang-ming"], ["wang-ming", "li-hua"], ["li-hebei-capacity"], ["集群"]),
    ["catalogue/mini.toml"],  # a catalogue file (diff), where the test runs
]


def test_no_command_writes_to_the_catalogue_or_beside_it(tmp_path, monkeypatch):
    folder = tmp_path / "catalogue"
    (folder / "sources").mkdir(parents=True)
    shutil.copy(MINI, folder / "mini.toml")
    shutil.copy(DATA / "sources" / "mini.zh.txt", folder / "sources" / "mini.zh.txt")
    before = snapshot(folder)
    monkeypatch.chdir(tmp_path)  # anything a command wrote by mistake would land here
    monkeypatch.delenv("JJJ_CATALOGUE", raising=False)
    # but the curator's, whose work is writing there: test_curate and test_fmt check what they
    # write; and `site`, which writes only the directory -o names: test_site checks it
    commands = sorted(set(typer.main.get_command(app).commands) - {"init", "add", "fmt", "site"})
    assert {"list", "show", "verify", "validate", "search", "graph"} <= set(commands)
    succeeded = set()
    for command in commands:
        for shape in SHAPES:
            for extra in ([], ["--json"]):
                args = ["--catalogue", str(folder / "mini.toml"), command, *shape, *extra]
                result = runner.invoke(app, args)
                assert result.exit_code in (0, 1, 2), (args, result.output)
                assert result.exception is None or isinstance(result.exception, SystemExit)
                if result.exit_code == 0:
                    succeeded.add(command)
    assert succeeded == set(commands)  # each one did its work at least once
    assert snapshot(folder) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["catalogue"]


def test_atomic_write_writes_text_as_utf8_and_bytes_as_given(tmp_path):
    atomic_write(tmp_path / "out.txt", "京津冀\n")
    atomic_write(tmp_path / "out.bin", b"\x00\xff")
    assert (tmp_path / "out.txt").read_bytes() == "京津冀\n".encode()
    assert (tmp_path / "out.bin").read_bytes() == b"\x00\xff"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.bin", "out.txt"]


def test_atomic_write_never_overwrites_without_force(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(OutputExists) as raised:
        atomic_write(target, "new")
    assert str(raised.value) == f"{target} already exists; use --force to overwrite it"
    assert target.read_text(encoding="utf-8") == "precious"
    atomic_write(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]


def test_atomic_write_refuses_a_directory_or_a_dangling_link(tmp_path):
    (tmp_path / "mine.txt").write_text("precious", encoding="utf-8")
    for force in (False, True):
        with pytest.raises(NotAFile):
            atomic_write(tmp_path, "x", force=force)
    assert [path.name for path in tmp_path.iterdir()] == ["mine.txt"]
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    with pytest.raises(OutputExists):
        atomic_write(tmp_path / "link", "x")
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch, failing):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, disk_full)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]


def test_a_failed_first_write_leaves_nothing(tmp_path, monkeypatch):
    def input_output_error(descriptor):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", input_output_error)
    with pytest.raises(OSError, match="Input/output error"):
        atomic_write(tmp_path / "out.json", "new")
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_gives_the_permissions_of_a_new_file(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "out.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == 0o644


def test_a_file_of_the_users_waits_for_the_disk_and_a_cache_entry_does_not(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr(os, "fsync", synced.append)
    atomic_write(tmp_path / "export.csv", "a,b\n")
    assert len(synced) == 1
    atomic_write(tmp_path / "entry.json", "{}", durable=False)
    assert len(synced) == 1
    assert (tmp_path / "entry.json").read_text(encoding="utf-8") == "{}"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["entry.json", "export.csv"]


def test_atomic_writer_writes_piece_by_piece_and_renames_at_the_end(tmp_path):
    target = tmp_path / "out.csv"
    with atomic_writer(target) as file:
        file.write(b"a,b\r\n")
        assert not target.exists()  # nothing under the name until the end
        file.write("京,津\r\n".encode())
    assert target.read_bytes() == "a,b\r\n京,津\r\n".encode()
    assert [path.name for path in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.parametrize("error", [KeyboardInterrupt(), ValueError("made up for the test")])
def test_an_error_in_the_writer_leaves_the_old_file_and_no_temporary_one(tmp_path, error):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(type(error)):
        with atomic_writer(target, force=True) as file:
            file.write(b"half of it")
            raise error
    assert target.read_text(encoding="utf-8") == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["out.csv"]


def test_a_write_refused_half_way_is_output_unwritable(tmp_path):
    target = tmp_path / "out.csv"
    with pytest.raises(OutputUnwritable, match="No space left on device"):
        with atomic_writer(target) as file:
            file.write(b"half of it")
            raise OSError(28, "No space left on device")
    assert list(tmp_path.iterdir()) == []


def test_atomic_writer_refuses_what_atomic_write_refuses(tmp_path):
    (tmp_path / "there.csv").write_text("old", encoding="utf-8")
    with pytest.raises(OutputExists):
        with atomic_writer(tmp_path / "there.csv"):
            pytest.fail("the block must not run")
    with pytest.raises(NotAFile):
        with atomic_writer(tmp_path, force=True):
            pytest.fail("the block must not run")
    assert [path.name for path in tmp_path.iterdir()] == ["there.csv"]
