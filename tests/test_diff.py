"""`jjj diff`: what changed between two catalogues, given as files or as git revisions.

tests/data/diff/old and new are fictional catalogues of three files and more, written for
these tests, with the differences listed at the top of new/proposals.toml; what is expected
below was read off the files by hand.
"""

import dataclasses
import hashlib
import json
import math
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from jjj_cli.cache import load_cached
from jjj_cli.catalogue import RECORD_TABLES, CatalogueError, Region, Rule, load_catalogue
from jjj_cli.cli import app
from jjj_cli.curate.diff import compare, entries

from .invoke import jjj, runner, unstyled, written
from .paths import DATA, MINI, SHIPPED

DIFF = DATA / "diff"
OLD, NEW = DIFF / "old" / "proposals.toml", DIFF / "new" / "proposals.toml"

# From old to new, each list in catalogue order: sources, experts, themes, regions, items (by
# source, then seq: not as new/sources/forum.toml writes them), figures.
EXPECTED = {
    "added": [
        "mini-interview",
        "zhang-wei",
        "xiongan",
        "zhang-chain-gap",
        "wang-universities-to-xiongan",
    ],
    "removed": ["transport", "li-transport-backbone"],
    "changed": [
        {"id": "mini-forum", "fields": ["period"]},
        # his headline in the forum, and a source more: what he has in each source
        {"id": "wang-ming", "fields": ["note", "appearances"]},
        # zhang-chain-gap `extends` it: the loader writes the reverse link on it
        {"id": "wang-world-class-clusters", "fields": ["related"]},
        {"id": "wang-research-to-hebei", "fields": ["title", "themes"]},
        {"id": "wang-rd-intensity", "fields": ["indicator"]},
    ],
}
NOTHING = {"added": [], "removed": [], "changed": []}

# git is a dependency of these tests, as of `jjj diff REVISION`: without it they fail, loudly
GIT = shutil.which("git")


def as_json(difference) -> dict:
    return {
        "added": [entry.id for entry in difference.added],
        "removed": [entry.id for entry in difference.removed],
        "changed": [{"id": c.id, "fields": list(c.fields)} for c in difference.changed],
    }


# The library


def test_the_records_added_removed_and_changed_field_by_field_in_catalogue_order():
    difference = compare(load_catalogue(OLD), load_catalogue(NEW))
    assert as_json(difference) == EXPECTED
    kinds = [entry.kind for entry in difference.added]
    assert kinds == ["source", "expert", "region", "item", "item"]
    assert [entry.kind for entry in difference.removed] == ["theme", "item"]
    changed = {change.id: change for change in difference.changed}
    assert changed["wang-ming"].old.values["note"] == "A fictional speaker."
    assert changed["wang-ming"].new.values["note"] is None
    headlines = [
        [(each.source, each.headline) for each in change.values["appearances"]]
        for change in (changed["wang-ming"].old, changed["wang-ming"].new)
    ]
    assert headlines == [
        [("mini-forum", "Build world-class clusters")],
        [("mini-forum", "Build clusters of world class"), ("mini-interview", None)],
    ]
    assert changed["wang-research-to-hebei"].new.values["themes"] == ("innovation", "clusters")
    assert bool(difference)


def test_the_other_way_round_added_and_removed_swap():
    difference = as_json(compare(load_catalogue(NEW), load_catalogue(OLD)))
    assert difference["added"] == EXPECTED["removed"]
    assert difference["removed"] == EXPECTED["added"]
    assert [change["id"] for change in difference["changed"]] == [
        change["id"] for change in EXPECTED["changed"]
    ]


def test_a_catalogue_is_the_same_as_itself_and_as_its_copy_elsewhere(tmp_path):
    # the copy's source text lies at another path: where a catalogue was read is no change
    (tmp_path / "sources").mkdir()
    shutil.copy(DATA / "sources" / "mini.zh.txt", tmp_path / "sources")
    shutil.copy(MINI, tmp_path / "mini.toml")
    difference = compare(load_catalogue(MINI), load_catalogue(tmp_path / "mini.toml"))
    assert as_json(difference) == NOTHING
    assert not difference


@pytest.mark.parametrize("path", [SHIPPED, NEW])
def test_a_catalogue_from_the_cache_is_the_same_as_one_loaded_afresh(path):
    # diff reads a file through the cache and a revision afresh: the two must agree
    load_cached(path)
    assert not compare(load_catalogue(path), load_cached(path))


def test_every_field_of_every_record_is_compared():
    # generic over the model: a field added to a record is compared without a word of diff.py
    catalogue = load_catalogue(MINI)
    compared = {entry.kind: set(entry.values) for entry in entries(catalogue)}
    expected = {table.record.__name__.lower(): set(table.record._fields) for table in RECORD_TABLES}
    expected["source"] -= {"path"}
    expected["expert"] |= {"appearances"}
    del expected["appearance"]
    assert compared == expected


def test_an_id_that_moves_to_another_kind_is_removed_as_one_and_added_as_the_other():
    old = load_catalogue(MINI)
    theme = next(theme for theme in old.themes if theme.id == "transport")
    region = Region("transport", "Transport", "交通", (), "region", None, (), None, False, None)
    new = dataclasses.replace(
        old,
        themes=tuple(t for t in old.themes if t is not theme),
        regions=(*old.regions, region),
    )
    difference = compare(old, new)
    assert [(entry.kind, entry.id) for entry in difference.added] == [("region", "transport")]
    assert [(entry.kind, entry.id) for entry in difference.removed] == [("theme", "transport")]
    assert difference.changed == ()


def test_a_nan_kept_is_no_change_and_a_nan_given_is_one():
    old = load_catalogue(MINI)

    def with_value(catalogue, value):
        figure = catalogue.figures[0]._replace(value=value)
        return dataclasses.replace(catalogue, figures=(figure, *catalogue.figures[1:]))

    assert not compare(with_value(old, math.nan), with_value(old, math.nan))
    changed = compare(old, with_value(old, math.nan)).changed
    assert [(change.id, change.fields) for change in changed] == [("wang-rd-intensity", ("value",))]


# The command on two files


def test_json_is_the_documented_shape_exactly():
    result = jjj("diff", str(OLD), str(NEW), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == EXPECTED


def test_new_defaults_to_the_current_catalogue():
    result = jjj("diff", str(OLD), "--json", catalogue=NEW)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == EXPECTED


def test_in_a_pipe_one_stable_line_per_record():
    result = jjj("diff", str(OLD), str(NEW))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "change\tid\tfields",
        "added\tmini-interview\t",
        "added\tzhang-wei\t",
        "added\txiongan\t",
        "added\tzhang-chain-gap\t",
        "added\twang-universities-to-xiongan\t",
        "removed\ttransport\t",
        "removed\tli-transport-backbone\t",
        "changed\tmini-forum\tperiod",
        "changed\twang-ming\tnote,appearances",
        "changed\twang-world-class-clusters\trelated",
        "changed\twang-research-to-hebei\ttitle,themes",
        "changed\twang-rd-intensity\tindicator",
    ]


def test_no_differences_in_a_pipe_is_the_header_alone():
    result = jjj("diff", str(OLD), str(OLD))
    assert (result.exit_code, result.stdout) == (0, "change\tid\tfields\n")


def test_on_a_terminal_each_changed_field_with_its_old_and_new_value(monkeypatch):
    monkeypatch.chdir(DIFF)
    result = written("--catalogue", "new/proposals.toml", "diff", "old/proposals.toml", width=80)
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in unstyled(result.stdout).splitlines()]
    assert lines[:2] == [" old/proposals.toml → new/proposals.toml", ""]
    start = lines.index(" ~ expert wang-ming: note, appearances")
    # 78 cells inside the margins, the values 6 in: 72 cells, a Chinese character 2 of them;
    # of a list of appearances, those only the old has (−), then those only the new has (+)
    assert lines[start + 1 : start + 11] == [
        "     note",
        "       − A fictional speaker.",
        "       + (none)",
        "     appearances",
        "       − mini-forum; headline: Build world-class clusters; headline_zh: 打造世",
        "         界级产业集群",
        "       + mini-forum; headline: Build clusters of world class; headline_zh: 打造",
        "         世界级产业集群",
        "       + mini-interview",
        " ~ item wang-world-class-clusters: related",
    ]
    assert lines[start + 11 : start + 13] == [
        "     related",
        "       + zhang-chain-gap (extended-by)",
    ]
    start = lines.index(" ~ item wang-research-to-hebei: title, themes")
    assert lines[start + 4 : start + 7] == [
        "     themes",
        "       − innovation",
        "       + innovation, clusters",
    ]
    assert lines[2:6] == [
        " + source mini-interview",
        "     王明访谈（测试）",
        " + expert zhang-wei",
        "     Zhang Wei",
    ]
    assert " − theme transport" in lines
    assert lines[-2:] == ["", " 5 added, 2 removed, 5 changed."]


def test_on_a_terminal_catalogue_text_is_data(catalogue_copy):
    # a title that looks like rich markup and carries a terminal escape
    changed = MINI.read_text(encoding="utf-8").replace(
        'title = "Make Xiong\'an a centre of innovation"',
        'title = "[bold red]loud[/] \\u001b[2Jcleared"',
    )
    result = written("diff", str(MINI), str(catalogue_copy(changed)), width=100)
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in unstyled(result.stdout).splitlines()]
    assert "       + [bold red]loud[/] \\x1b[2Jcleared" in lines
    assert "\x1b[2J" not in result.stdout


def test_a_long_value_wraps_under_its_mark(catalogue_copy):
    summary = "Beijing's research results should be turned into production in Hebei."
    longer = summary[:-1] + ", and the province's firms should be ready to take them up."
    text = MINI.read_text(encoding="utf-8").replace(f'"{summary}"', f'"{longer}"')
    result = written("diff", str(MINI), str(catalogue_copy(text)), width=60)
    lines = [line.rstrip() for line in unstyled(result.stdout).splitlines()]
    # 58 cells inside the margins; the values 6 in, their continuations 2 more
    assert lines[lines.index(" ~ item wang-research-to-hebei: summary") :] == [
        " ~ item wang-research-to-hebei: summary",
        "     summary",
        "       − Beijing's research results should be turned into",
        "         production in Hebei.",
        "       + Beijing's research results should be turned into",
        "         production in Hebei, and the province's firms",
        "         should be ready to take them up.",
        "",
        " 1 changed.",
    ]


def test_the_exit_code_is_0_either_way_unless_asked():
    assert jjj("diff", str(OLD), str(NEW)).exit_code == 0
    assert jjj("diff", str(OLD), str(NEW), "--exit-code").exit_code == 1
    same = jjj("diff", str(OLD), str(OLD), "--exit-code", "--json")
    assert (same.exit_code, json.loads(same.stdout)) == (0, NOTHING)
    different = jjj("diff", str(OLD), str(NEW), "--exit-code", "--json")
    assert (different.exit_code, json.loads(different.stdout)) == (1, EXPECTED)


def test_a_catalogue_that_does_not_load_gives_its_problems_and_exit_1():
    broken = DATA / "broken-refs.toml"
    result = jjj("diff", str(broken), str(NEW))
    assert result.exit_code == 1
    problems = load_problems(broken)
    assert result.stderr.splitlines()[: len(problems[:5])] == problems[:5]
    assert result.stdout == ""


def load_problems(path: Path) -> list[str]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    return [str(problem) for problem in raised.value.problems]


def test_neither_a_file_nor_a_revision_is_a_usage_error(tmp_path):
    result = jjj("diff", "no-such-thing", str(NEW), catalogue=SHIPPED)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: 'no-such-thing' is neither a file nor a git revision of the repository "
        "holding " + display(SHIPPED)
    ]


def test_a_name_too_long_for_a_file_is_tried_as_a_revision_and_refused():
    name = "x" * 300  # longer than a file's name may be: asking whether it exists fails
    result = jjj("diff", name, str(NEW), catalogue=SHIPPED)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: '{name}' is neither a file nor a git revision of the repository holding "
        + display(SHIPPED)
    ]


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# Revisions of a git repository

# Whatever the machine's git configuration says: who commits, unsigned, on which branch.
SETTINGS = [
    *("-c", "user.name=Test", "-c", "user.email=test@example.org"),
    *("-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"),
]


def git(repository: Path, *args: str) -> str:
    assert GIT, "these tests need git, which jjj diff runs for a revision: install it"
    done = subprocess.run(
        [GIT, *SETTINGS, "-C", str(repository), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def repository(tmp_path) -> Path:
    """A git repository whose catalogue in cat/ (proposals.toml, the files it includes, the
    source texts) was tests/data/diff/old one commit ago and is .../new now; the repository's
    top holds an unrelated file."""
    top = tmp_path / "repo"
    top.mkdir()
    git(top, "init", "-q")
    (top / "README").write_text("not part of the catalogue\n", encoding="utf-8")
    shutil.copytree(OLD.parent, top / "cat")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "old")
    shutil.copytree(NEW.parent, top / "cat", dirs_exist_ok=True)  # new has every file old has
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "new")
    return top


def test_a_revision_against_the_current_catalogue(repository):
    entry = repository / "cat" / "proposals.toml"
    index = (repository / ".git" / "index").read_bytes()
    assert ok(jjj("diff", "HEAD~1", "--json", catalogue=entry)) == EXPECTED
    assert ok(jjj("diff", "HEAD", "--json", catalogue=entry)) == NOTHING
    # a commit by its id, and two revisions
    first = git(repository, "rev-parse", "HEAD~1").strip()
    assert ok(jjj("diff", first, "--json", catalogue=entry)) == EXPECTED
    assert ok(jjj("diff", "HEAD", "HEAD~1", "--json", catalogue=entry))["added"] == [
        "transport",
        "li-transport-backbone",
    ]
    # the files the catalogue includes are read at the revision too
    assert ok(jjj("diff", "HEAD~1", str(NEW), "--json", catalogue=entry)) == EXPECTED
    # the repository's index and working tree are as they were
    assert (repository / ".git" / "index").read_bytes() == index
    assert git(repository, "status", "--porcelain") == ""


def test_a_revision_against_uncommitted_changes_from_any_directory(repository, monkeypatch):
    shutil.rmtree(repository / "cat")
    shutil.copytree(OLD.parent, repository / "cat")
    entry = repository / "cat" / "proposals.toml"
    monkeypatch.chdir(repository.parent)  # git is asked in the catalogue's directory
    result = runner.invoke(
        app,
        ["diff", "HEAD", "--json"],
        env={"JJJ_CATALOGUE": str(entry)},
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "added": EXPECTED["removed"],
        "removed": EXPECTED["added"],
        "changed": [{"id": c["id"], "fields": c["fields"]} for c in EXPECTED["changed"]],
    }


def ok(result) -> dict:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_file_wins_over_a_revision_of_the_same_name(repository, monkeypatch):
    # a file named `HEAD~1` holding the catalogue as it is now: no differences, where the
    # revision HEAD~1 would have some
    monkeypatch.chdir(repository / "cat")
    shutil.copy("proposals.toml", "HEAD~1")
    assert ok(jjj("diff", "HEAD~1", "--json", catalogue=Path("proposals.toml"))) == NOTHING


def test_the_revision_is_copied_as_a_checkout_writes_it(repository):
    # line ends converted on checkout: the text's sha256 is of what a checkout writes (CRLF),
    # which is not what git stores (LF)
    top = repository
    (top / ".gitattributes").write_text("forum.zh.txt text eol=crlf\n", encoding="utf-8")
    text = top / "cat" / "sources" / "forum.zh.txt"
    crlf = text.read_bytes().replace(b"\n", b"\r\n")
    text.write_bytes(crlf)
    forum = top / "cat" / "sources" / "forum.toml"
    recorded = hashlib.sha256(crlf).hexdigest()
    forum.write_text(
        forum.read_text(encoding="utf-8").replace(
            "162400db7adfe8b31e698b78cbc60fe0f70a1c4df89fe75afb7ced16c0fb0cc6", recorded
        ),
        encoding="utf-8",
    )
    entry = top / "cat" / "proposals.toml"
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "crlf")
    stored = subprocess.run(
        [GIT, "-C", str(top), "cat-file", "-p", "HEAD:cat/sources/forum.zh.txt"],
        capture_output=True,
        check=True,
    ).stdout
    assert b"\r" not in stored and stored.count(b"\n") == crlf.count(b"\r\n")
    difference = ok(jjj("diff", "HEAD", "--json", catalogue=entry))
    assert difference == NOTHING


def test_the_temporary_copy_is_removed(repository, monkeypatch, tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    entry = repository / "cat" / "proposals.toml"
    assert ok(jjj("diff", "HEAD~1", "--json", catalogue=entry)) == EXPECTED
    assert list(scratch.iterdir()) == []


def test_a_catalogue_broken_at_a_revision_names_its_files_as_git_does(repository):
    forum = repository / "cat" / "sources" / "forum.toml"
    good = forum.read_text(encoding="utf-8")
    forum.write_text(good.replace('expert = "zhang-wei"', 'expert = "zhang-wie"'), encoding="utf-8")
    git(repository, "commit", "-q", "-a", "-m", "broken")
    forum.write_text(good, encoding="utf-8")
    result = jjj("diff", "HEAD", catalogue=repository / "cat" / "proposals.toml")
    assert result.exit_code == 1
    (first, *_) = result.stderr.splitlines()
    # an included file, at the revision
    assert first.startswith("HEAD:cat/sources/forum.toml:")
    assert "'zhang-wie'" in first
    assert "jjj-diff-" not in result.stderr and str(Path(os.sep, "tmp")) not in result.stderr


def test_a_source_text_missing_at_a_revision_is_named_as_git_does(repository):
    git(repository, "rm", "-q", "cat/sources/forum.zh.txt")
    git(repository, "commit", "-q", "-m", "no text")
    git(repository, "checkout", "-q", "HEAD~1", "--", "cat/sources/forum.zh.txt")
    result = jjj("diff", "HEAD", catalogue=repository / "cat" / "proposals.toml")
    assert result.exit_code == 1
    assert "cannot read HEAD:cat/sources/forum.zh.txt: No such file or directory" in result.stderr


@pytest.mark.parametrize(
    "revision, message",
    [
        ("HEAD~9", "'HEAD~9' is neither a file nor a git revision of the repository holding"),
        ("-v", "'-v' is neither a file nor a git revision"),
    ],
)
def test_an_unknown_revision_is_a_usage_error(repository, revision, message):
    result = jjj("diff", "--", revision, catalogue=repository / "cat" / "proposals.toml")
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {message}")


def test_a_revision_without_the_catalogue_file_is_a_usage_error(repository):
    (repository / "cat" / "other.toml").write_text(OLD.read_text(encoding="utf-8"))
    git(repository, "add", "cat/other.toml")
    git(repository, "commit", "-q", "-m", "other")
    git(repository, "rm", "-q", "cat/proposals.toml")
    git(repository, "commit", "-q", "-m", "gone")
    git(repository, "checkout", "-q", "HEAD~1", "--", "cat/proposals.toml")
    result = jjj("diff", "HEAD", catalogue=repository / "cat" / "proposals.toml")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == ["Error: revision 'HEAD' has no cat/proposals.toml"]


def test_a_catalogue_outside_any_repository_is_a_usage_error(tmp_path, catalogue_copy):
    outside = catalogue_copy(MINI.read_text(encoding="utf-8"))
    result = jjj("diff", "HEAD", catalogue=outside)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: 'HEAD' is neither a file nor a git revision: {outside}")
    assert "not a git repository" in line


def test_without_git_a_revision_is_a_usage_error(repository):
    entry = repository / "cat" / "proposals.toml"
    result = runner.invoke(
        app,
        ["--catalogue", str(entry), "diff", "HEAD~1"],
        env={"PATH": str(repository / "nowhere")},
    )
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: 'HEAD~1' is neither a file nor a git revision: ")
    assert line.endswith("git cannot be run (No such file or directory)")


def test_the_rules_for_every_theme_and_for_regions_are_one_record_coding(catalogue_copy):
    rules = DATA / "rules.toml"  # mini.toml with fictional coding rules
    text = rules.read_text(encoding="utf-8")
    plain = "No place named, no region (a fictional rule)."
    assert text.count(plain) == 1
    edited = catalogue_copy(text.replace(plain, "No place named, no region at all (fictional)."))
    result = jjj("diff", str(rules), str(edited))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["change\tid\tfields", "changed\tcoding\tregions"]
    # a catalogue without rules against one with them: the record added
    result = jjj("diff", str(MINI), str(rules))
    assert "added\tcoding\t" in result.stdout.splitlines()


# The report on a terminal, every line and style (tests/terminal.py): rules.toml against a copy
# with a region added, a figure removed, a note given where there was none, a flag turned off
# and one coding rule reworded.
RULES = DATA / "rules.toml"


def _edited_rules(catalogue_copy) -> Path:
    text = RULES.read_text(encoding="utf-8")
    edits = [
        # yrd's `comparison = true`, its last line: the flag off
        ('level = "region"\ncomparison = true\n', 'level = "region"\n'),
        ('code = "110000"\n', 'code = "110000"\nnote = "A fictional note."\n'),
        (
            "No place named, no region (a fictional rule).",
            "No place named, no region at all (fictional).",
        ),
        (
            '[[regions]]\nid = "xiongan"',
            '[[regions]]\nid = "tianjin"\nname = "Tianjin"\nname_zh = "天津"\n'
            'parent = "jingjinji"\nlevel = "province"\n\n[[regions]]\nid = "xiongan"',
        ),
    ]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    gdp = text.index('[[figures]]\nid = "zhang-gdp"')
    return catalogue_copy(text[:gdp])


def test_the_report_on_a_terminal_exactly_marks_ids_and_fields_styled(catalogue_copy):
    from jjj_cli.render.diff import Report

    from .terminal import marked

    difference = compare(load_catalogue(RULES), load_catalogue(_edited_rules(catalogue_copy)))
    old_rule = (
        "rule: No place named, no region (a fictional rule).; "
        "rule_zh: 未点名任何地方，则不标注地区（虚构的规则）。; "
        "example: li-transport-backbone; words: 交通是产业协同的骨架"
    )
    new_rule = old_rule.replace("no region (a fictional rule)", "no region at all (fictional)")
    assert marked(Report(difference, "old.toml", "new.toml"), 200) == [
        " [dim]old.toml → new.toml[/]",
        "",
        " [green]+ [/]region [bold]tianjin[/]",
        "     Tianjin",
        " [red]− [/]figure [bold]zhang-gdp[/]",
        "     Gross regional product",
        " [yellow]~ [/]region [bold]beijing[/]: note",
        "     [bold]note[/]",
        "       [red]− [/][dim](none)[/]",
        "       [green]+ [/]A fictional note.",
        " [yellow]~ [/]region [bold]yrd[/]: comparison",
        "     [bold]comparison[/]",
        "       [red]− [/]true",
        "       [green]+ [/]false",
        " [yellow]~ [/]coding rules [bold]coding[/]: regions",
        "     [bold]regions[/]",
        f"       [red]− [/]{old_rule}",
        f"       [green]+ [/]{new_rule}",
        "",
        " 1 added, 1 removed, 3 changed.",
    ]


def test_rules_added_on_a_terminal_are_coding_rules_with_no_label_under_them(catalogue_copy):
    from jjj_cli.render.diff import Report

    from .terminal import marked

    text = RULES.read_text(encoding="utf-8")
    start, end = text.index("[coding]"), text.index("[[regions]]")
    without = catalogue_copy(text[:start] + text[end:])
    difference = compare(load_catalogue(without), load_catalogue(RULES))
    assert marked(Report(difference, "a", "b"), 80) == [
        " [dim]a → b[/]",
        "",
        " [green]+ [/]coding rules [bold]coding[/]",
        "",
        " 1 added.",
    ]


def test_a_rule_changed_shows_the_tags_it_gives_as_a_list_not_as_python_writes_a_tuple():
    from jjj_cli.render.diff import shown

    rule = Rule("A fictional rule.", None, "an-item", "some words", ("chains", "innovation"))
    expected = (
        "rule: A fictional rule.; example: an-item; words: some words; gives: chains, innovation"
    )
    assert shown(rule) == expected
