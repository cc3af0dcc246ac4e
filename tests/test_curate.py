"""The curator's commands and the one way they change files (curate/edit.py): a change is
written whole once the catalogue it makes validates, or refused with every file unchanged,
byte for byte; another's edit made meanwhile is never overwritten.

The sources added here are the fictional texts of tests/data/fiction/."""

import codecs
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jjj_cli.catalogue import load_catalogue
from jjj_cli.cli import curate as curate_cli
from jjj_cli.curate import edit as edit_module
from jjj_cli.curate.edit import (
    ChangedSinceRead,
    Edit,
    EditRefused,
    InstalledCatalogue,
    NotWritable,
    WouldNotValidate,
)
from jjj_cli.curate.toml_text import add_key, append_table

from .fresh import run_fresh
from .invoke import jjj, usage_error, written
from .paths import DATA, SHIPPED

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

FICTION = DATA / "fiction"
FORUM = FICTION / "harbour-forum.zh.txt"
INTERVIEW = FICTION / "rail-interview.zh.txt"
# Where docs/commands.md runs its examples
DOCUMENTED_HOME = "/home/analyst"


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under a directory, by its relative path, with its bytes."""
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A copy of tests/data/mini.toml and its source text, in a directory of its own."""
    directory = tmp_path / "mini"
    (directory / "sources").mkdir(parents=True)
    shutil.copy(DATA / "mini.toml", directory / "mini.toml")
    shutil.copy(DATA / "sources" / "mini.zh.txt", directory / "sources" / "mini.zh.txt")
    return directory


@pytest.fixture
def started(tmp_path: Path) -> Path:
    """A catalogue started with `jjj init`: the shipped codebooks; its entry file."""
    result = jjj("init", str(tmp_path / "mine"))
    assert result.exit_code == 0, result.output
    return tmp_path / "mine" / "proposals.toml"


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


def test_a_change_whose_catalogue_is_not_as_expected_is_refused_before_writing(mini_dir):
    before = snapshot(mini_dir)
    entry = mini_dir / "mini.toml"
    edit = Edit(entry)
    edit.document(entry)["experts"][1]["name"] = "Li Hua Two"
    seen = []

    def expect(would):
        seen.append(would.by_id["li-hua"].name)
        return "li-hua is not as wanted"

    with pytest.raises(EditRefused) as refused:
        edit.commit(expect=expect)
    assert str(refused.value) == "li-hua is not as wanted; nothing written"
    assert seen == ["Li Hua Two"]  # the catalogue as the change would leave it
    assert snapshot(mini_dir) == before
    assert edit.commit(expect=lambda would: None).by_id["li-hua"].name == "Li Hua Two"


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


@pytest.mark.parametrize("renamed", [False, True])
def test_ctrl_c_while_renaming_puts_back_what_was_there(mini_dir, monkeypatch, renamed):
    entry = mini_dir / "mini.toml"
    before = snapshot(mini_dir)
    edit = Edit(entry)
    edit.document(entry)["experts"][1]["affiliation"] = "Research fellow, another institute"
    edit.create(mini_dir / "sources" / "a.txt", "甲")
    edit.create(mini_dir / "sources" / "b.txt", "乙")
    replace, calls = os.replace, []

    def interrupted_at_the_third(source, target):
        calls.append(target)
        if len(calls) == 3:
            if renamed:  # the rename done, the interruption arriving just after it
                replace(source, target)
            raise KeyboardInterrupt
        replace(source, target)

    monkeypatch.setattr(os, "replace", interrupted_at_the_third)
    with pytest.raises(KeyboardInterrupt):
        edit.commit()
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


# ---------------------------------------------------------------------------------------------
# curate/toml_text.py: where an added table or key goes


def test_a_table_goes_after_the_last_of_its_kind_before_the_next_sections_comment():
    text = (
        "# opening\n\ninclude = []\n\n"
        '[[experts]]\nid = "a"\n\n[[experts]]\nid = "b"\n'
        '# ---\n# Themes\n\n[[themes]]\nid = "t"\n'
    )
    assert append_table(text, "experts", {"id": "c", "name": "甲"}) == (
        "# opening\n\ninclude = []\n\n"
        '[[experts]]\nid = "a"\n\n[[experts]]\nid = "b"\n\n[[experts]]\nid = "c"\nname = "甲"\n\n'
        '# ---\n# Themes\n\n[[themes]]\nid = "t"\n'
    )


def test_the_first_table_of_its_kind_goes_before_the_tables_that_usually_follow_it():
    text = '# opening\n\ninclude = []\n\n# ---\n# Themes\n\n[[themes]]\nid = "t"\n'
    assert append_table(text, "experts", {"id": "c"}) == (
        '# opening\n\ninclude = []\n\n[[experts]]\nid = "c"\n\n'
        '# ---\n# Themes\n\n[[themes]]\nid = "t"\n'
    )
    # the file's opening comment stays on top
    text = '# opening\n\n# ---\n# Themes\n\n[[themes]]\nid = "t"\n'
    assert append_table(text, "experts", {"id": "c"}) == (
        '# opening\n\n[[experts]]\nid = "c"\n\n# ---\n# Themes\n\n[[themes]]\nid = "t"\n'
    )
    # and with nothing that follows it, at the end, the file's blank lines kept
    assert append_table('[[experts]]\nid = "a"\n\n\n', "figures", {"id": "f"}) == (
        '[[experts]]\nid = "a"\n\n\n[[figures]]\nid = "f"\n'
    )
    assert append_table('[[experts]]\nid = "a"', "figures", {"id": "f"}) == (
        '[[experts]]\nid = "a"\n\n[[figures]]\nid = "f"\n'
    )


def test_a_top_level_key_goes_under_the_opening_comment():
    assert add_key("# opening\n# two\n\n[[themes]]\n", "include", ["s/*.toml"]) == (
        '# opening\n# two\n\ninclude = ["s/*.toml"]\n\n[[themes]]\n'
    )
    assert add_key("# the themes'\n[[themes]]\n", "include", ["s/*.toml"]) == (
        'include = ["s/*.toml"]\n\n# the themes\'\n[[themes]]\n'
    )
    assert add_key("# opening\r\n\r\n[[themes]]\r\n", "include", ["s"]) == (
        '# opening\r\n\r\ninclude = ["s"]\r\n\r\n[[themes]]\r\n'
    )


def test_a_line_inside_a_multi_line_string_is_neither_a_header_nor_a_comment():
    from jjj_cli.curate.toml_text import Block, blocks

    lines = [
        "[[themes]]",  # 0
        'a = """one',
        "[[experts]]",  # in the string
        '# not a comment, and \\""" still open',
        'end"""',
        'b = \'x"""y\'  # a one-line string: no multi-line one opens',
        "c = '''",
        "[regions]",  # in the literal string
        "''' # closed",
        "",
        "# the regions",  # 10
        "[[regions]]",
        "d = \"\\\"'''\"",  # an escaped quote: the string closes on this line
        "[[figures]]",  # 13
    ]
    assert blocks(lines) == [
        Block("themes", 0, 10),
        Block("regions", 10, 13),
        Block("figures", 13, 14),
    ]


# What a file of tables may hold around them: comment lines, blank lines.
_LINE = st.sampled_from(["", "# a comment", "# ---------", "   ", "#"])
_TABLE = st.sampled_from(["experts", "themes", "regions"])
_VALUE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@st.composite
def catalogue_texts(draw) -> str:
    """A file of tables with comments and blank lines among them, as a person writes one."""
    lines = draw(st.lists(_LINE, max_size=3))
    for number in range(draw(st.integers(0, 6))):
        lines += draw(st.lists(_LINE, max_size=3))
        lines += [f"[[{draw(_TABLE)}]]", f'id = "t{number}"']
        lines += draw(st.lists(_LINE, max_size=2))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


@given(text=catalogue_texts(), name=_TABLE, value=_VALUE)
def test_an_appended_table_adds_its_lines_and_changes_no_other(text, name, value):
    changed = append_table(text, name, {"id": "new", "name": value})
    original, parsed = tomllib.loads(text), tomllib.loads(changed)
    assert parsed == {**original, name: [*original.get(name, []), {"id": "new", "name": value}]}
    # the original lines, every one, in order, among the new text's
    remaining = iter(changed.split("\n"))
    assert all(line in remaining for line in text.rstrip("\n").split("\n"))


# ---------------------------------------------------------------------------------------------
# jjj init


def test_init_starts_a_catalogue_with_the_shipped_codebooks_and_nothing_else(tmp_path):
    result = written("init", str(tmp_path / "mine"), terminal=False)
    assert result.exit_code == 0, result.output
    entry = (tmp_path / "mine" / "proposals.toml").resolve()
    assert result.stdout == f"export JJJ_CATALOGUE={shlex.quote(str(entry))}\n"
    assert sorted(snapshot(tmp_path / "mine")) == ["proposals.toml"]
    shipped, started = toml(SHIPPED), toml(entry)
    # the themes but their coding rules, whose examples are the shipped catalogue's items
    themes = [
        {key: value for key, value in theme.items() if key not in ("include", "exclude")}
        for theme in shipped["themes"]
    ]
    assert started == {"themes": themes, "regions": shipped["regions"]}
    # with the comments that introduce each section
    text = entry.read_text(encoding="utf-8")
    for line in SHIPPED.read_text(encoding="utf-8").splitlines():
        if line.startswith(("# Themes:", "# Regions:", "# `comparison = true`")):
            assert line in text
    assert jjj("validate", catalogue=entry).exit_code == 0


def test_init_from_shipped_copies_every_file_byte_for_byte(tmp_path):
    result = jjj("init", str(tmp_path / "mine"), "--from-shipped")
    assert result.exit_code == 0, result.output
    assert snapshot(tmp_path / "mine") == snapshot(SHIPPED.parent)
    copied = load_catalogue(tmp_path / "mine" / "proposals.toml")
    assert [item.id for item in copied.items] == [item.id for item in load_catalogue().items]


def test_the_catalogue_init_names_is_the_one_jjj_then_uses(started, monkeypatch):
    monkeypatch.setenv("JJJ_CATALOGUE", str(started))
    result = jjj("add", "expert", "--id", "xia-zhiyuan", "--name", "Xia Zhiyuan",
                 "--name-zh", "夏知远", "--affiliation", "Professor", "--affiliation-zh", "教授",
                 catalogue=started)  # fmt: skip
    assert result.exit_code == 0, result.output
    from jjj_cli.cli import app

    from .invoke import runner

    listed = runner.invoke(app, ["experts", "--json"])
    assert [expert["id"] for expert in json.loads(listed.stdout)] == ["xia-zhiyuan"]


def without_rule_lines(text: str) -> str:
    """A catalogue file's text without the lines of its `include = [` and `exclude = [` lists
    (each written a rule a line, the list closed by `]` on a line of its own)."""
    kept, inside = [], False
    for line in text.split("\n"):
        if line.startswith(("include = [", "exclude = [")):
            inside = not line.rstrip().endswith("]")
        elif inside:
            inside = line.strip() != "]"
        else:
            kept.append(line)
    return "\n".join(kept)


def test_init_copies_the_codebooks_as_they_are_written_comments_and_all(started):
    shipped = without_rule_lines(SHIPPED.read_text(encoding="utf-8"))
    themes = shipped.index("\n# Themes:")
    section = shipped[shipped.rindex("\n", 0, themes) + 1 :]  # from the rule above it
    if "\n[coding]" in section:  # to the rule above the rules for every theme, left out
        section = section[: section.rindex("# ----", 0, section.index("\n[coding]"))]
        section = section.rstrip("\n") + "\n"
    assert section.lstrip().startswith("# ----")
    assert started.read_text(encoding="utf-8").endswith(section)


def test_init_leaves_out_the_themes_rules_whose_examples_it_does_not_copy(tmp_path):
    from jjj_cli.curate.start import start_catalogue

    rules = DATA / "rules.toml"  # mini.toml with fictional coding rules
    started = start_catalogue(tmp_path / "mine", rules)
    assert [theme.include + theme.exclude for theme in started.catalogue.themes] == [()] * 6
    assert started.catalogue.coding == load_catalogue(DATA / "mini.toml").coding  # none
    text = started.entry.read_text(encoding="utf-8")
    assert "fictional rule" not in text
    written_themes = text[text.index("[[themes]]") : text.index("[[regions]]")]
    source = without_rule_lines(rules.read_text(encoding="utf-8"))
    assert written_themes == source[source.index("[[themes]]") : source.index("[coding]")]


def test_init_refuses_a_file_for_a_directory(tmp_path):
    (tmp_path / "taken").write_text("mine\n", encoding="utf-8")
    result = written("init", str(tmp_path / "taken"))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: {tmp_path / 'taken'} is a file, not a directory; nothing written\n"
    )
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "mine\n"


def test_init_refuses_a_directory_that_holds_a_catalogue(started):
    before = snapshot(started.parent)
    result = written("init", str(started.parent))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {started.parent} holds a catalogue already ({started}); nothing written\n"
    )
    assert snapshot(started.parent) == before


# ---------------------------------------------------------------------------------------------
# jjj add source


def add_forum(entry: Path, *extra: str):
    return written(
        "--catalogue", str(entry), "add", "source", str(FORUM), "--id", "harbour-forum",
        "--title", "环渤海港口协同发展座谈会",
        "--title-en", "Roundtable on the coordinated development of the Bohai Rim ports",
        *extra, terminal=False,
    )  # fmt: skip


def test_add_source_stores_the_text_byte_for_byte_and_registers_it(started):
    entry_before = started.read_text(encoding="utf-8")
    result = add_forum(started, "--kind", "roundtable", "--date", "2024-03-05", "--json")
    assert result.exit_code == 0, result.output
    sources = started.parent / "sources"
    stored = sources / "harbour-forum.zh.txt"
    assert stored.read_bytes() == FORUM.read_bytes()
    digest = hashlib.sha256(FORUM.read_bytes()).hexdigest()
    registered = {
        "id": "harbour-forum",
        "title": "环渤海港口协同发展座谈会",
        "title_en": "Roundtable on the coordinated development of the Bohai Rim ports",
        "file": "harbour-forum.zh.txt",
        "sha256": digest,
        "language": "zh",
        "kind": "roundtable",
    }
    import datetime

    assert toml(sources / "harbour-forum.toml") == {
        "sources": [{**registered, "date": datetime.date(2024, 3, 5)}]
    }
    # the entry file includes it now; every line it had is still there, in order
    entry_now = started.read_text(encoding="utf-8")
    added = [line for line in entry_now.splitlines() if line not in entry_before.splitlines()]
    assert added == ['include = ["sources/*.toml"]']
    assert entry_now.replace('include = ["sources/*.toml"]\n\n', "", 1) == entry_before
    catalogue = load_catalogue(started)
    assert [source.id for source in catalogue.sources] == ["harbour-forum"]
    assert catalogue.texts["harbour-forum"] == FORUM.read_text(encoding="utf-8")
    assert json.loads(result.stdout) == {
        **registered,
        "file": "sources/harbour-forum.zh.txt",  # as `show SOURCE` gives it
        "date": "2024-03-05",
        **dict.fromkeys(["publisher", "url", "period", "period_zh", "framing", "framing_zh"]),
        "note": None,
    }


def test_an_entry_file_with_a_byte_order_mark_keeps_it_when_it_gains_the_include(started):
    before = started.read_text(encoding="utf-8")
    started.write_bytes(codecs.BOM_UTF8 + before.encode("utf-8"))
    result = add_forum(started)
    assert result.exit_code == 0, result.output
    raw = started.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    after = raw[len(codecs.BOM_UTF8) :].decode("utf-8")
    assert 'include = ["sources/*.toml"]\n\n' in after
    assert after.replace('include = ["sources/*.toml"]\n\n', "", 1) == before
    # the files it makes are new: no mark
    assert (started.parent / "sources" / "harbour-forum.toml").read_bytes().startswith(b"[[")


@pytest.mark.parametrize("name", ["t3.toml", "t3.TOML"])
def test_a_text_named_toml_is_stored_as_txt_not_read_as_a_catalogue_file(started, tmp_path, name):
    text = tmp_path / name
    shutil.copy(FORUM, text)
    result = written(
        "--catalogue", str(started), "add", "source", str(text), "--id", "third",
        "--title", "第三", "--title-en", "The third", terminal=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    sources = started.parent / "sources"
    assert sorted(path.name for path in sources.iterdir()) == ["third.toml", "third.zh.txt"]
    assert (sources / "third.zh.txt").read_bytes() == FORUM.read_bytes()
    assert toml(sources / "third.toml")["sources"][0]["file"] == "third.zh.txt"
    assert load_catalogue(started).texts["third"] == FORUM.read_text(encoding="utf-8")


def test_an_entry_file_reached_by_a_symlink_gains_its_sources_beside_the_link(tmp_path):
    real = tmp_path / "real"
    assert jjj("init", str(real)).exit_code == 0
    (tmp_path / "link").mkdir()
    entry = tmp_path / "link" / "proposals.toml"
    entry.symlink_to(real / "proposals.toml")
    result = add_forum(entry)
    assert result.exit_code == 0, result.output
    stored = tmp_path / "link" / "sources" / "harbour-forum.zh.txt"
    assert stored.read_bytes() == FORUM.read_bytes()
    assert toml(real / "proposals.toml")["include"] == ["sources/*.toml"]
    assert [source.id for source in load_catalogue(entry).sources] == ["harbour-forum"]


def test_a_symlinked_sources_directory_holds_the_new_source(started, tmp_path):
    # the texts kept in a folder elsewhere, linked as sources/: the glob reads through the link
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (started.parent / "sources").symlink_to(elsewhere)
    result = add_forum(started)
    assert result.exit_code == 0, result.output
    assert (elsewhere / "harbour-forum.zh.txt").read_bytes() == FORUM.read_bytes()
    assert [source.id for source in load_catalogue(started).sources] == ["harbour-forum"]


def test_a_second_source_goes_beside_the_first_and_the_include_stays(started):
    assert add_forum(started).exit_code == 0
    entry_before = started.read_bytes()
    result = written(
        "--catalogue", str(started), "add", "source", str(INTERVIEW), "--id", "rail-interview",
        "--title", "城际铁路如何服务通勤", "--title-en", "How intercity rail can serve commuters",
        "--kind", "interview", terminal=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert started.read_bytes() == entry_before
    catalogue = load_catalogue(started)
    assert [source.id for source in catalogue.sources] == ["harbour-forum", "rail-interview"]
    assert result.stdout == (
        "Added source 'rail-interview': 城际铁路如何服务通勤\n"
        f"new: {started.parent / 'sources' / 'rail-interview.zh.txt'}\n"
        f"new: {started.parent / 'sources' / 'rail-interview.toml'}\n"
    )


@pytest.mark.parametrize(
    "id, date, message",
    [
        ("clusters", "2024-03-05", "the id 'clusters' is already used by a theme; nothing written"),
        (
            "Harbour",
            "2024-03-05",
            "'Harbour' is not an id (lowercase letters, digits and '-'); nothing written",
        ),
    ],
)
def test_add_source_refuses_an_id_in_use_or_not_an_id(started, id, date, message):
    before = snapshot(started.parent)
    result = written(
        "--catalogue", str(started), "add", "source", str(FORUM), "--id", id,
        "--title", "座谈会", "--title-en", "Roundtable", "--date", date,
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {message}\n"
    assert snapshot(started.parent) == before


def test_add_source_refuses_a_date_that_is_not_one(started):
    before = snapshot(started.parent)
    result = add_forum(started, "--date", "2024-13-01")
    assert result.exit_code == 2, result.output
    assert usage_error(result.stderr) == (
        "Invalid value for '--date': '2024-13-01' is not a date YYYY-MM-DD"
    )
    assert snapshot(started.parent) == before


@pytest.mark.parametrize(
    "option, value, message",
    [
        ("--url", "ftp://x", "expected an http:// or https:// address, got 'ftp://x'"),
        ("--title", "", "expected a non-empty string, got an empty string"),
        ("--title-en", "  ", "expected a non-empty string, got an empty string"),
        ("--publisher", "", "expected a non-empty string, got an empty string"),
    ],
)
def test_add_source_refuses_an_option_the_catalogue_would_not_take(started, option, value, message):
    before = snapshot(started.parent)
    line = [
        "--catalogue", str(started), "add", "source", str(FORUM), "--id", "harbour-forum",
        "--title", "座谈会", "--title-en", "A roundtable",
    ]  # fmt: skip
    result = written(*line, option, value, terminal=False)  # the last of an option given wins
    assert result.exit_code == 2, result.output
    assert usage_error(result.stderr) == f"Invalid value for '{option}': {message}"
    assert snapshot(started.parent) == before


@pytest.mark.parametrize("option", ["--name", "--name-zh", "--affiliation", "--affiliation-zh"])
def test_add_expert_refuses_an_empty_text(started, option):
    before = snapshot(started.parent)
    given = {"--affiliation": "Researcher", "--affiliation-zh": "研究员", option: ""}
    extra = [part for pair in given.items() for part in pair]
    result = add_jiang(started, *extra)
    assert result.exit_code == 2, result.output
    message = "expected a non-empty string, got an empty string"
    assert usage_error(result.stderr) == f"Invalid value for '{option}': {message}"
    assert snapshot(started.parent) == before


def test_a_catalogue_named_by_a_relative_path_is_added_to_alike(started, monkeypatch):
    monkeypatch.chdir(started.parent.parent)
    result = add_forum(Path("mine") / "proposals.toml")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Added source 'harbour-forum': 环渤海港口协同发展座谈会\n"
        "new: mine/sources/harbour-forum.zh.txt\n"
        "new: mine/sources/harbour-forum.toml\n"
        "changed: mine/proposals.toml\n"
    )
    assert [source.id for source in load_catalogue(started).sources] == ["harbour-forum"]


def test_add_source_refuses_an_unknown_kind(started):
    before = snapshot(started.parent)
    result = add_forum(started, "--kind", "panel")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown kind of source 'panel': "
        "roundtable, interview, article, plan, speech, report, other\n"
    )
    assert snapshot(started.parent) == before


def test_a_text_put_in_sources_by_hand_is_registered_where_it_is(started):
    sources = started.parent / "sources"
    sources.mkdir()
    shutil.copy(FORUM, sources / "harbour-forum.zh.txt")
    result = written(
        "add", "source", str(sources / "harbour-forum.zh.txt"), "--id", "harbour-forum",
        "--title", "座谈会", "--title-en", "Roundtable", "--catalogue", str(started),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(snapshot(sources)) == ["harbour-forum.toml", "harbour-forum.zh.txt"]
    assert (sources / "harbour-forum.zh.txt").read_bytes() == FORUM.read_bytes()
    assert load_catalogue(started).texts["harbour-forum"] == FORUM.read_text(encoding="utf-8")


def test_an_include_that_does_not_reach_the_new_file_gains_the_pattern(started):
    people = started.parent / "people.toml"
    people.write_text('[[experts]]\nid = "a-b"\nname = "A B"\nname_zh = "甲乙"\n'
                      'affiliation = "X"\naffiliation_zh = "某"\n', encoding="utf-8")  # fmt: skip
    text = started.read_text(encoding="utf-8")
    opening = text.index("\n\n") + 2
    started.write_text(
        text[:opening] + 'include = [ "people.toml" ]  # who\n\n' + text[opening:], "utf-8"
    )
    before = started.read_text(encoding="utf-8")
    assert add_forum(started).exit_code == 0
    assert started.read_text(encoding="utf-8") == before.replace(
        'include = [ "people.toml" ]  # who',
        'include = [ "people.toml", "sources/*.toml" ]  # who',
    )
    assert [source.id for source in load_catalogue(started).sources] == ["harbour-forum"]


def test_a_source_file_the_include_would_not_reach_is_refused_unwritten(started, monkeypatch):
    from jjj_cli.curate import register

    people = started.parent / "people.toml"
    people.write_text("# Fictional.\n", encoding="utf-8")
    started.write_text('include = ["people.toml"]\n\n' + started.read_text("utf-8"), "utf-8")
    # the include misjudged as reaching the new file: the catalogue would not have the source
    monkeypatch.setattr(register, "glob_matches", lambda path, pattern: True)
    before = snapshot(started.parent)
    result = add_forum(started)
    assert result.exit_code == 2, result.output
    registry = started.parent / "sources" / "harbour-forum.toml"
    assert result.stderr == (
        f"Error: the catalogue would not include {registry}: the include of {started} "
        '(["people.toml"]) does not reach it; nothing written\n'
    )
    assert snapshot(started.parent) == before


def test_add_source_refuses_a_text_already_stored(started):
    assert add_forum(started).exit_code == 0
    before = snapshot(started.parent)
    result = written(
        "--catalogue", str(started), "add", "source", str(FORUM), "--id", "forum-again",
        "--title", "又一次", "--title-en", "Again",
    )  # fmt: skip
    assert result.exit_code == 2
    stored = started.parent / "sources" / "harbour-forum.zh.txt"
    assert result.stderr == (
        f"Error: {FORUM} is already stored, as the text of source 'harbour-forum' ({stored}); "
        "nothing written\n"
    )
    assert snapshot(started.parent) == before


def test_add_source_refuses_a_text_that_is_not_utf8(started, tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("第一行\n港口之间应当错位分工。".encode("gb18030"))
    before = snapshot(started.parent)
    result = written(
        "--catalogue", str(started), "add", "source", str(gbk), "--id", "gbk-text",
        "--title", "编码", "--title-en", "Encoding",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {gbk} is not UTF-8 text (byte 0xb5 on line 1): save it as UTF-8 and add it again\n"
    )
    assert snapshot(started.parent) == before


def test_without_title_en_a_pipe_gets_a_usage_error_and_a_terminal_a_question(started, monkeypatch):
    args = ["--catalogue", str(started), "add", "source", str(FORUM), "--id", "harbour-forum",
            "--title", "座谈会", "--json"]  # fmt: skip
    before = snapshot(started.parent)
    result = written(*args)
    assert result.exit_code == 2
    assert usage_error(result.stderr) == (
        "Missing option '--title-en': the title in English, asked for only on a terminal."
    )
    assert snapshot(started.parent) == before

    monkeypatch.setattr(curate_cli, "_interactive", lambda ctx: True)
    from jjj_cli.cli import app

    from .invoke import runner

    result = runner.invoke(app, args, input="Bohai Rim ports roundtable\n")
    assert result.exit_code == 0, result.output
    assert result.stderr == "The title in English:"
    # the runner echoes the answer typed to stdout, where a terminal would show it
    answer, record = result.stdout.split("\n", 1)
    assert answer.strip() == "Bohai Rim ports roundtable"
    assert json.loads(record)["title_en"] == "Bohai Rim ports roundtable"


# ---------------------------------------------------------------------------------------------
# jjj add expert


def add_jiang(entry: Path, *extra: str):
    return written(
        "--catalogue", str(entry), "add", "expert", "--id", "jiang-wangshu",
        "--name", "Jiang Wangshu", "--name-zh", "江望舒", *extra, terminal=False,
    )  # fmt: skip


def test_add_expert_appends_the_expert_and_changes_nothing_else(mini_dir):
    entry = mini_dir / "mini.toml"
    before = entry.read_text(encoding="utf-8")
    result = add_jiang(entry, "--affiliation", "Research fellow, Binhe Institute of Economics",
                       "--affiliation-zh", "滨河经济研究所研究员", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    table = (
        "[[experts]]\n"
        'id = "jiang-wangshu"\n'
        'name = "Jiang Wangshu"\n'
        'name_zh = "江望舒"\n'
        'affiliation = "Research fellow, Binhe Institute of Economics"\n'
        'affiliation_zh = "滨河经济研究所研究员"\n'
    )
    # after the last expert, before the themes
    last = 'affiliation_zh = "某智库主任"\n'
    assert entry.read_text(encoding="utf-8") == before.replace(last, last + "\n" + table, 1)
    assert json.loads(result.stdout) == {
        "id": "jiang-wangshu",
        "name": "Jiang Wangshu",
        "name_zh": "江望舒",
        "affiliation": "Research fellow, Binhe Institute of Economics",
        "affiliation_zh": "滨河经济研究所研究员",
        "note": None,
    }


def test_the_first_expert_goes_before_the_codebooks(started):
    before = started.read_text(encoding="utf-8")
    result = add_jiang(started, "--affiliation", "Researcher", "--affiliation-zh", "研究员")
    assert result.exit_code == 0, result.output
    rule = before.index("# ----")  # the rule over the themes' introduction
    table = (
        '[[experts]]\nid = "jiang-wangshu"\nname = "Jiang Wangshu"\nname_zh = "江望舒"\n'
        'affiliation = "Researcher"\naffiliation_zh = "研究员"\n\n'
    )
    assert started.read_text(encoding="utf-8") == before[:rule] + table + before[rule:]


def test_an_expert_goes_to_the_file_where_the_experts_are(started):
    people = started.parent / "people.toml"
    first = (
        "# The people.\n\n"
        '[[experts]]\nid = "a-b"\nname = "A B"\nname_zh = "甲乙"\n'
        'affiliation = "X"\naffiliation_zh = "某"\n'
    )
    people.write_text(first, encoding="utf-8")
    started.write_text('include = ["people.toml"]\n\n' + started.read_text("utf-8"), "utf-8")
    entry = started.read_bytes()
    result = add_jiang(started, "--affiliation", "Researcher", "--affiliation-zh", "研究员")
    assert result.exit_code == 0, result.output
    assert started.read_bytes() == entry
    assert people.read_text(encoding="utf-8") == first + (
        '\n[[experts]]\nid = "jiang-wangshu"\nname = "Jiang Wangshu"\nname_zh = "江望舒"\n'
        'affiliation = "Researcher"\naffiliation_zh = "研究员"\n'
    )
    assert (
        result.stdout
        == f"Added expert 'jiang-wangshu': Jiang Wangshu (江望舒)\nchanged: {people}\n"
    )


def test_an_affiliation_not_given_is_asked_for_on_a_terminal_only(started, monkeypatch):
    before = snapshot(started.parent)
    result = add_jiang(started, "--affiliation", "Researcher")
    assert result.exit_code == 2
    assert usage_error(result.stderr) == (
        "Missing option '--affiliation-zh': the affiliation in Chinese, asked for only on a "
        "terminal."
    )
    assert snapshot(started.parent) == before

    monkeypatch.setattr(curate_cli, "_interactive", lambda ctx: True)
    from jjj_cli.cli import app

    from .invoke import runner

    args = ["--catalogue", str(started), "add", "expert", "--id", "jiang-wangshu",
            "--name", "Jiang Wangshu", "--name-zh", "江望舒", "--json"]  # fmt: skip
    result = runner.invoke(app, args, input="Researcher\n研究员\n")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout[result.stdout.index("{") :])
    assert (record["affiliation"], record["affiliation_zh"]) == ("Researcher", "研究员")


@pytest.mark.parametrize(
    "id, name, name_zh, message",
    [
        ("wang-ming", "Wang Ming Two", "王明二", "the id 'wang-ming' is already used by an expert"),
        ("wang-2", "wang ming", "王明二", "name 'wang ming' is already used by expert 'wang-ming'"),
        ("wang-2", "Wang Two", "王明", "name_zh '王明' is already used by expert 'wang-ming'"),
    ],
)
def test_add_expert_refuses_an_id_or_name_in_use(mini_dir, id, name, name_zh, message):
    before = snapshot(mini_dir)
    result = written(
        "--catalogue", str(mini_dir / "mini.toml"), "add", "expert", "--id", id,
        "--name", name, "--name-zh", name_zh, "--affiliation", "A", "--affiliation-zh", "甲",
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: {message}; nothing written\n"
    assert snapshot(mini_dir) == before


# a theme whose definition (fictional) holds lines that look like table headers
STRING_THEME = (
    '[[themes]]\nid = "headers"\nname = "Headers"\nname_zh = "表头"\n'
    'definition = """Fictional text.\n[[experts]]\nand more\n\n[[regions]]\nend."""\n\n'
)
STRING_DEFINITION = "Fictional text.\n[[experts]]\nand more\n\n[[regions]]\nend."


def with_string_theme(mini_dir: Path) -> Path:
    entry = mini_dir / "mini.toml"
    text = entry.read_text(encoding="utf-8")
    at = text.index("[[regions]]")
    entry.write_text(text[:at] + STRING_THEME + text[at:], encoding="utf-8")
    return entry


JIANG = {
    "id": "jiang-wangshu",
    "name": "Jiang Wangshu",
    "name_zh": "江望舒",
    "affiliation": "Researcher",
    "affiliation_zh": "研究员",
}


def test_an_expert_added_to_a_file_with_a_byte_order_mark_keeps_the_mark(mini_dir):
    entry = mini_dir / "mini.toml"
    before = entry.read_text(encoding="utf-8")
    entry.write_bytes(codecs.BOM_UTF8 + before.encode("utf-8"))
    result = add_jiang(entry, "--affiliation", "Researcher", "--affiliation-zh", "研究员")
    assert result.exit_code == 0, result.output
    table = "".join(f'{name} = "{value}"\n' for name, value in JIANG.items())
    last = 'affiliation_zh = "某智库主任"\n'
    expected = before.replace(last, last + "\n[[experts]]\n" + table, 1)
    assert entry.read_bytes() == codecs.BOM_UTF8 + expected.encode("utf-8")


def test_an_expert_never_goes_inside_a_multi_line_string(mini_dir):
    entry = with_string_theme(mini_dir)
    before = toml(entry)
    result = add_jiang(entry, "--affiliation", "Researcher", "--affiliation-zh", "研究员")
    assert result.exit_code == 0, result.output
    after = toml(entry)
    (theme,) = [theme for theme in after["themes"] if theme["id"] == "headers"]
    assert theme["definition"] == STRING_DEFINITION
    assert after == {**before, "experts": [*before["experts"], JIANG]}


def test_an_addition_that_would_change_another_record_is_refused_unwritten(mini_dir, monkeypatch):
    from jjj_cli.curate import register
    from jjj_cli.curate.toml_text import render_table

    entry = with_string_theme(mini_dir)

    def misplaced(text, name, values):  # as a line-based reader misled by the string would
        return text.replace("\n[[regions]]\n", "\n" + render_table(name, values) + "\n", 1)

    monkeypatch.setattr(register, "append_table", misplaced)
    before = snapshot(mini_dir)
    result = add_jiang(entry, "--affiliation", "Researcher", "--affiliation-zh", "研究员")
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"Error: cannot add expert 'jiang-wangshu' to {entry} without changing what it holds: "
        "its [[themes]] 'headers' would change (a table header inside a multi-line string, or "
        "a layout jjj misread); nothing written\n"
    )
    assert snapshot(mini_dir) == before


def test_a_change_that_would_not_validate_is_refused_with_the_loaders_problems(started):
    # a file left in sources/ that nothing included: the include the command adds reaches it,
    # and the loader, reading it, refuses it
    stray = started.parent / "sources" / "draft.toml"
    stray.parent.mkdir()
    stray.write_text("# A fictional draft.\n\n[[figure]]\nvalue = 1\n", encoding="utf-8")
    before = snapshot(started.parent)
    result = add_forum(started)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"{stray}:3: unknown table 'figure' (did you mean 'figures'?)\n"
        "nothing written: the catalogue would not validate with this change\n"
    )
    assert snapshot(started.parent) == before


def test_the_command_line_reports_another_edit_made_meanwhile(started, monkeypatch):
    validate = Edit._validate

    def validate_then_someone_writes(self, changes, check_quotes):
        catalogue = validate(self, changes, check_quotes)
        started.write_bytes(started.read_bytes() + b"\n# theirs\n")
        return catalogue

    monkeypatch.setattr(Edit, "_validate", validate_then_someone_writes)
    result = add_forum(started)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {started} changed since jjj read it; nothing written\n"
    assert started.read_bytes().endswith(b"\n# theirs\n")
    assert sorted(snapshot(started.parent)) == ["proposals.toml"]


def test_a_file_the_system_will_not_let_jjj_write_leaves_everything_as_it_was(started, monkeypatch):
    before = snapshot(started.parent)
    access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: path != started.resolve() and access(path, mode)
    )
    result = add_forum(started)
    assert result.exit_code == 3
    assert result.stderr == f"Error: cannot write {started}: Permission denied; nothing written\n"
    assert snapshot(started.parent) == before  # no new text, no temporary file
    assert [path.name for path in started.parent.iterdir()] == ["proposals.toml"]  # no sources/


def test_the_command_line_refuses_the_installed_catalogue(started, monkeypatch):
    monkeypatch.setattr(edit_module, "INSTALLED", started.parent)
    before = snapshot(started.parent)
    result = add_jiang(started, "--affiliation", "A", "--affiliation-zh", "甲")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {started} is the catalogue installed with jjj, which jjj does not change; "
        "nothing written. `jjj init DIR --from-shipped` copies it to DIR to extend\n"
    )
    assert snapshot(started.parent) == before


@pytest.mark.parametrize("named", [None, "--catalogue", "JJJ_CATALOGUE"])
def test_the_shipped_catalogue_of_a_checkout_changes_only_when_named(mini_dir, monkeypatch, named):
    """In a source checkout (an editable install), the catalogue jjj falls back to is the
    repository's data/: `jjj add` with no catalogue named refuses rather than change it."""
    entry = mini_dir / "mini.toml"  # stands for data/proposals.toml here
    monkeypatch.setattr(edit_module, "default_catalogue_path", lambda: entry)
    monkeypatch.delenv("JJJ_CATALOGUE", raising=False)
    before = snapshot(mini_dir)
    options = ["--catalogue", str(entry)] if named == "--catalogue" else []
    if named == "JJJ_CATALOGUE":
        monkeypatch.setenv("JJJ_CATALOGUE", str(entry))
    result = written(
        *options, "add", "expert", "--id", "jiang-wangshu", "--name", "Jiang Wangshu",
        "--name-zh", "江望舒", "--affiliation", "A", "--affiliation-zh", "甲", terminal=False,
        env={"JJJ_CATALOGUE": str(entry)} if named == "JJJ_CATALOGUE" else None,
    )  # fmt: skip
    if named is None:
        assert result.exit_code == 2
        assert result.stderr == (
            f"Error: no catalogue named, and jjj changes the one it ships ({entry}) only when it "
            "is named with --catalogue; nothing written. `jjj init DIR` starts a catalogue of "
            "your own (use it with JJJ_CATALOGUE)\n"
        )
        assert snapshot(mini_dir) == before
    else:
        assert result.exit_code == 0, result.output
        assert load_catalogue(entry).by_id["jiang-wangshu"].name == "Jiang Wangshu"


def test_an_installed_jjj_leaves_its_catalogue_alone_and_copies_it_to_extend(tmp_path):
    """jjj laid out as the wheel installs it, the catalogue inside the package, run from a
    directory of the user's."""
    site = tmp_path / "site"
    package = Path(edit_module.__file__).resolve().parents[1]
    shutil.copytree(package, site / "jjj_cli", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(SHIPPED.parent, site / "jjj_cli" / "data")  # the wheel's force-include
    installed = snapshot(site / "jjj_cli" / "data")
    env = {key: value for key, value in os.environ.items() if key != "JJJ_CATALOGUE"}
    env["PYTHONPATH"] = str(site)
    script = "import sys; sys.argv[0] = 'jjj'; from jjj_cli.cli import main; main()"

    def run(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-c", script, *args]
        return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)

    expert = ["add", "expert", "--id", "jiang-wangshu", "--name", "Jiang Wangshu",
              "--name-zh", "江望舒", "--affiliation", "A", "--affiliation-zh", "甲"]  # fmt: skip
    refused = run(*expert)
    assert (refused.returncode, refused.stdout) == (2, ""), refused.stderr
    assert refused.stderr == (
        "Error: site/jjj_cli/data/proposals.toml is the catalogue installed with jjj, which jjj "
        "does not change; nothing written. `jjj init DIR --from-shipped` copies it to DIR to "
        "extend\n"
    )
    assert snapshot(site / "jjj_cli" / "data") == installed
    started = run("init", "mine", "--from-shipped")
    assert started.returncode == 0, started.stderr
    assert snapshot(tmp_path / "mine") == installed
    env["JJJ_CATALOGUE"] = str(tmp_path / "mine" / "proposals.toml")
    added = run(*expert)
    assert added.returncode == 0, added.stderr
    assert snapshot(site / "jjj_cli" / "data") == installed


def test_reading_the_catalogue_loads_neither_the_editing_nor_the_toml_editor():
    run = run_fresh("list", "--json", among=("tomlkit", "jjj_cli.curate.edit"), runs=2)
    assert (run.code, run.loaded) == (0, set())


# ---------------------------------------------------------------------------------------------
# docs/commands.md


def test_the_documented_session_prints_what_the_page_shows(tmp_path, monkeypatch):
    """The page's examples, run in order in a home directory of their own where the two
    texts lie, print what it shows (the home directory's path aside)."""
    from jjj_cli.cli import app

    from .invoke import runner

    page = (Path(__file__).resolve().parent.parent / "docs" / "commands.md").read_text("utf-8")
    examples: list[tuple[str, list[str]]] = []
    # the curator's sessions: the page's other examples run in the repository (test_readme)
    for block in re.findall(r"```shell-session\n(.*?)```", page, flags=re.DOTALL):
        for line in block.splitlines():
            if line.startswith("$ "):
                examples.append((line[2:], []))
            else:
                examples[-1][1].append(line)
    assert len(examples) >= 8
    home = tmp_path / "analyst"
    home.mkdir()
    shutil.copy(FORUM, home / "forum.zh.txt")
    shutil.copy(INTERVIEW, home / "interview.zh.txt")
    monkeypatch.chdir(home)
    for command, shown in examples:
        command = command.replace(DOCUMENTED_HOME, str(home))
        if command.startswith("export "):
            name, value = command.removeprefix("export ").split("=", 1)
            monkeypatch.setenv(name, value)
            continue
        result = runner.invoke(app, shlex.split(command)[1:])
        printed = result.output.replace(str(home), DOCUMENTED_HOME)
        assert printed.splitlines() == shown, command
