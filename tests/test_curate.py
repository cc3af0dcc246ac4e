"""The curator's commands and the one way they change files (curate/edit.py): a change is
written whole once the catalogue it makes validates, or refused with every file unchanged,
byte for byte; another's edit made meanwhile is never overwritten."""

import os
import shutil
from pathlib import Path

import pytest

from jjj_cli.curate import edit as edit_module
from jjj_cli.curate.edit import (
    ChangedSinceRead,
    Edit,
    InstalledCatalogue,
    NotWritable,
    WouldNotValidate,
)

from .paths import DATA


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under a directory, by its relative path, with its bytes."""
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A copy of tests/data/mini.toml and its source text, in a directory of its own."""
    directory = tmp_path / "mini"
    (directory / "sources").mkdir(parents=True)
    shutil.copy(DATA / "mini.toml", directory / "mini.toml")
    shutil.copy(DATA / "sources" / "mini.zh.txt", directory / "sources" / "mini.zh.txt")
    return directory


# ---------------------------------------------------------------------------------------------
# curate/edit.py


def test_an_edit_changes_what_it_was_asked_to_and_not_a_byte_more(mini_dir):
    entry = mini_dir / "mini.toml"
    before = entry.read_text(encoding="utf-8")
    edit = Edit(entry)
    edit.document(entry)["experts"][1]["affiliation"] = "Research fellow, another institute"
    catalogue = edit.commit()
    expected = before.replace(
        'affiliation = "Research fellow, an institute"',
        'affiliation = "Research fellow, another institute"',
    )
    assert expected != before
    assert entry.read_text(encoding="utf-8") == expected
    assert catalogue.by_id["li-hua"].affiliation == "Research fellow, another institute"
    assert sorted(snapshot(mini_dir)) == ["mini.toml", "sources/mini.zh.txt"]  # no temporary


def test_a_change_that_would_not_validate_is_refused_with_every_file_unchanged(mini_dir):
    before = snapshot(mini_dir)
    entry = mini_dir / "mini.toml"
    edit = Edit(entry)
    edit.document(entry)["experts"][1]["id"] = "wang-ming"  # the first expert's id
    edit.create(mini_dir / "sources" / "new.txt", "新的文本")
    with pytest.raises(WouldNotValidate) as refused:
        edit.commit()
    messages = [(problem.field, problem.message) for problem in refused.value.problems]
    assert ("id", "duplicate id, already used by experts[0] 'wang-ming'") in messages
    assert snapshot(mini_dir) == before


def test_a_file_changed_by_someone_else_after_jjj_read_it_is_not_overwritten(mini_dir):
    entry = mini_dir / "mini.toml"
    edit = Edit(entry)
    edit.document(entry)["experts"][1]["affiliation"] = "Research fellow, another institute"
    theirs = entry.read_text(encoding="utf-8").replace("The first speaker.", "Their note.")
    entry.write_text(theirs, encoding="utf-8")  # someone else's edit, before jjj writes
    before = snapshot(mini_dir)
    with pytest.raises(ChangedSinceRead) as refused:
        edit.commit()
    assert str(refused.value).endswith("mini.toml changed since jjj read it; nothing written")
    assert snapshot(mini_dir) == before


def test_a_change_between_validating_and_writing_is_caught_too(mini_dir, monkeypatch):
    entry = mini_dir / "mini.toml"
    edit = Edit(entry)
    edit.document(entry)["experts"][1]["affiliation"] = "Research fellow, another institute"
    edit.create(mini_dir / "sources" / "li-hua.toml", "# new\n")
    validate = Edit._validate

    def validate_then_someone_writes(self, changes, check_quotes):
        catalogue = validate(self, changes, check_quotes)
        entry.write_bytes(entry.read_bytes() + b"\n# theirs\n")
        return catalogue

    monkeypatch.setattr(Edit, "_validate", validate_then_someone_writes)
    with pytest.raises(ChangedSinceRead):
        edit.commit()
    assert entry.read_bytes().endswith(b"\n# theirs\n")
    assert not (mini_dir / "sources" / "li-hua.toml").exists()


def test_a_new_file_someone_else_wrote_meanwhile_is_not_overwritten(mini_dir):
    new = mini_dir / "sources" / "other.txt"
    edit = Edit(mini_dir / "mini.toml")
    edit.create(new, "我们的")
    new.write_text("他们的", encoding="utf-8")
    with pytest.raises(ChangedSinceRead):
        edit.commit()
    assert new.read_text(encoding="utf-8") == "他们的"


def test_nothing_is_written_into_the_installed_catalogue(mini_dir, monkeypatch):
    monkeypatch.setattr(edit_module, "INSTALLED", mini_dir)
    before = snapshot(mini_dir)
    entry = mini_dir / "mini.toml"
    edit = Edit(entry)
    edit.document(entry)["experts"][1]["affiliation"] = "Research fellow, another institute"
    with pytest.raises(InstalledCatalogue) as refused:
        edit.commit()
    assert "`jjj init DIR --from-shipped`" in str(refused.value)
    assert snapshot(mini_dir) == before


def test_a_write_that_fails_halfway_puts_back_what_was_there(mini_dir, monkeypatch):
    entry = mini_dir / "mini.toml"
    before = snapshot(mini_dir)
    edit = Edit(entry)
    edit.document(entry)["experts"][1]["affiliation"] = "Research fellow, another institute"
    edit.create(mini_dir / "sources" / "a.txt", "甲")
    edit.create(mini_dir / "sources" / "b.txt", "乙")
    replace, calls = os.replace, []

    def full_disk_at_the_third(source, target):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        replace(source, target)

    monkeypatch.setattr(os, "replace", full_disk_at_the_third)
    with pytest.raises(NotWritable) as refused:
        edit.commit()
    assert str(refused.value).endswith(": No space left on device; nothing written")
    assert len(calls) == 3
    assert snapshot(mini_dir) == before


def test_a_rewritten_file_keeps_its_permissions_and_byte_order_mark(mini_dir):
    entry = mini_dir / "mini.toml"
    entry.write_bytes(b"\xef\xbb\xbf" + entry.read_bytes())
    entry.chmod(0o640)
    edit = Edit(entry)
    edit.document(entry)["experts"][1]["affiliation"] = "Research fellow, another institute"
    edit.commit()
    assert entry.read_bytes().startswith(b"\xef\xbb\xbf# A small, valid catalogue")
    assert entry.stat().st_mode & 0o777 == 0o640


def test_an_edit_that_changes_nothing_writes_nothing(mini_dir):
    entry = mini_dir / "mini.toml"
    stamp = entry.stat().st_mtime_ns
    edit = Edit(entry)
    edit.document(entry)
    assert edit.changes() == {}
    edit.commit()
    assert entry.stat().st_mtime_ns == stamp
