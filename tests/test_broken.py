"""Broken catalogues: every way one can be bad ends in a clear message and exit 1.

tests/data/broken/NAME.expected is exactly what `jjj validate NAME.toml` prints, run in that
folder. NAME.toml is missing (absent) or a directory (directory) on purpose.
"""

import json
import re
from pathlib import Path

import pytest
import typer

from jjj_cli.catalogue import CatalogueError, display_path, load_catalogue
from jjj_cli.catalogue.read import MAX_BYTES
from jjj_cli.cli import app
from jjj_cli.render.plain import visible

from .invoke import runner
from .paths import DATA, MINI, SHIPPED

BROKEN = DATA / "broken"
CASES = sorted(path.stem for path in BROKEN.glob("*.expected"))
# Arguments that get each command as far as loading the catalogue; the rest need none.
ARGUMENTS = {
    "show": ["wang-ming"],
    "related": ["wang-clusters"],
    "compare": ["wang-ming", "li-hua"],
    "search": ["集群"],
    "source": ["wang-clusters"],
    "cite": ["wang-clusters"],
    "add": [
        "expert",
        "--id",
        "zhou-ping",
        "--name",
        "Zhou Ping",
        "--name-zh",
        "周平",
        "--affiliation",
        "Researcher",
        "--affiliation-zh",
        "研究员",
    ],
    "diff": [str(MINI)],  # OLD; NEW is the catalogue named by --catalogue
    "agree": [str(MINI)],  # A; B is the catalogue named by --catalogue
    "fmt": ["--check"],  # reads every file, writes none
    # the directory the site is written to: in the test's own temporary directory
    "site": ["-o", "{tmp}/site"],
}


def arguments(command: str, tmp_path: Path) -> list[str]:
    """The arguments a command needs besides the catalogue, {tmp} in the test's directory."""
    return [value.replace("{tmp}", str(tmp_path)) for value in ARGUMENTS.get(command, [])]


# schema prints the schema of any catalogue, and reads none; init starts one from the shipped
COMMANDS = sorted(set(typer.main.get_command(app).commands) - {"validate", "schema", "init"})


@pytest.fixture(autouse=True)
def in_the_corpus(monkeypatch):
    monkeypatch.chdir(BROKEN)
    monkeypatch.delenv("JJJ_CATALOGUE", raising=False)


def expected(name: str) -> list[str]:
    return (BROKEN / f"{name}.expected").read_text(encoding="utf-8").splitlines()


def test_the_corpus_covers_every_way_a_catalogue_can_be_bad():
    assert set(CASES) == {
        "absent",
        "directory",
        "empty",
        "not-toml",
        "not-utf8",
        "utf16",
        "syntax-error",
        "unclosed-array",
        "duplicate-key",
        "deep-arrays",
        "deep-key",
        "long-number",
        "wrong-types",
        "missing-fields",
        "unknown-fields",
        "tables-as-values",
        "unknown-references",
        "duplicate-ids",
        "ambiguous-names",
        "region-cycle",
        "region-unknown-parent",
        "checksum",
        "source-missing",
        "source-not-utf8",
        "quote-not-in-source",
        "quote-overlap",
        "hostile-text",
    }
    assert not (BROKEN / "absent.toml").exists()
    assert (BROKEN / "directory.toml").is_dir()


@pytest.mark.parametrize("name", CASES)
def test_validate_reports_every_problem(name):
    result = runner.invoke(app, ["validate", f"{name}.toml"])
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == expected(name)
    assert result.stderr == ""


@pytest.mark.parametrize("name", CASES)
def test_the_library_raises_the_same_problems(name):
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(Path(f"{name}.toml"))
    # the library keeps the text as it is; printing makes control characters visible
    assert [visible(str(problem)) for problem in raised.value.problems] == expected(name)[:-1]


@pytest.mark.parametrize("name", CASES)
def test_every_other_command_shows_the_first_few(name, tmp_path):
    problems = expected(name)[:-1]
    brief = problems[:5]
    if len(problems) > 5:
        brief.append(f"… and {len(problems) - 5} more; run `jjj validate {name}.toml` for all")
    for command in COMMANDS:
        if command == "verify" and name == "quote-not-in-source":
            continue  # verify reads past missing quotes to list them: see test_cli
        args = ["--catalogue", f"{name}.toml", command, *arguments(command, tmp_path)]
        result = runner.invoke(app, args)
        assert (result.exit_code, result.stdout) == (1, ""), (command, result.output)
        assert result.stderr.splitlines() == brief, command


# the curator's commands change the catalogue they are given: test_curate runs them on copies
@pytest.mark.parametrize("command", sorted(set(COMMANDS) - {"add"}))
def test_the_catalogue_option_may_follow_the_command(command, tmp_path):
    given = [command, *arguments(command, tmp_path)]
    after = runner.invoke(app, [*given, "--catalogue", "checksum.toml"])
    assert (after.exit_code, after.stdout) == (1, ""), after.output
    assert after.stderr.splitlines() == expected("checksum")[:-1]
    # given twice, the later one counts, whichever side of the command it is on
    both = runner.invoke(app, ["--catalogue", str(MINI), *given, "--catalogue", "empty.toml"])
    assert both.stderr.splitlines() == expected("empty")[:-1]
    item = {
        "related": ["wang-world-class-clusters"],
        "source": ["wang-world-class-clusters"],
        "cite": ["wang-world-class-clusters"],
    }
    given = [command, *item.get(command, arguments(command, tmp_path))]  # an item of MINI
    both = runner.invoke(app, ["--catalogue", "empty.toml", *given, "--catalogue", str(MINI)])
    if command == "fmt":  # mini.toml is not in fmt's layout: --check names it
        assert (both.exit_code, both.stdout) == (1, f"{display_path(MINI)}\n"), both.output
    else:
        assert both.exit_code == 0, both.output


def test_validate_takes_the_catalogue_option_after_it_too():
    result = runner.invoke(app, ["validate", "--catalogue", "checksum.toml"])
    assert (result.exit_code, result.stdout.splitlines()) == (1, expected("checksum"))
    result = runner.invoke(app, ["validate", "checksum.toml", "--catalogue", "empty.toml"])
    assert result.stdout.splitlines() == expected("checksum")


def test_a_long_report_is_cut_short_for_other_commands():
    result = runner.invoke(app, ["--catalogue", "missing-fields.toml", "list"])
    assert result.stderr.splitlines()[5:] == [
        "… and 7 more; run `jjj validate missing-fields.toml` for all"
    ]


def test_validate_json_lists_every_problem_with_its_place():
    result = runner.invoke(app, ["validate", "--json", "unknown-fields.toml"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert problems[2] == {
        "file": "unknown-fields.toml",
        "line": 38,
        "column": None,
        "item": "proposals[0] 'wang-clusters'",
        "field": "relatd",
        "message": "unknown field (did you mean 'related'?)",
    }
    assert [problem["line"] for problem in problems] == [8, 16, 38, 41]


def test_validate_json_gives_the_parsers_column():
    result = runner.invoke(app, ["validate", "--json", "not-utf8.toml"])
    assert json.loads(result.stdout) == [
        {
            "file": "not-utf8.toml",
            "line": 3,
            "column": 13,
            "item": None,
            "field": None,
            "message": "not UTF-8 text (byte 0xe9)",
        }
    ]


def test_validate_a_clean_catalogue_is_one_line_and_exit_0():
    result = runner.invoke(app, ["validate", str(MINI)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{MINI}: no problems: 10 items, 2 figures, 6 themes, 6 regions; "
        "all 12 quotes found in sources/mini.zh.txt\n"
    )
    result = runner.invoke(app, ["validate", "--json", str(MINI)])
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


@pytest.mark.parametrize(
    "lang, said",
    [
        (
            "en",
            "{path}: no problems: 1 item, 0 figures, 1 theme, 1 region; "
            "1 quote found in sources/mini.zh.txt\n",
        ),
        (
            "zh",
            "{path}：没有问题：1 个条目、0 项数据、1 个主题、1 个地区；"
            "1 条原文已在 sources/mini.zh.txt 中找到\n",
        ),
    ],
)
def test_validate_counts_one_of_each_in_the_singular(catalogue_copy, lang, said):
    # pictures.toml (fictional) cut to its first theme, its one region and its first item
    text = (DATA / "pictures.toml").read_text(encoding="utf-8")
    ports = text.index('[[themes]]\nid = "ports"')
    region = text.index("[[regions]]")
    second = text.index("[[proposals]]", text.index("[[proposals]]") + 1)
    path = catalogue_copy(text[:ports] + text[region:second])
    result = runner.invoke(app, ["validate", str(path), "--lang", lang])
    assert result.exit_code == 0, result.output
    assert result.stdout == said.format(path=path)


def test_validate_counts_each_kind_of_record_by_its_own_number():
    # pictures.toml (fictional): two themes and one region, each word by its own count
    path = DATA / "pictures.toml"
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{path}: no problems: 3 items, 0 figures, 2 themes, 1 region; "
        "all 3 quotes found in sources/mini.zh.txt\n"
    )


def test_validate_without_a_path_checks_the_catalogue_jjj_would_use(monkeypatch):
    result = runner.invoke(app, ["--catalogue", "checksum.toml", "validate"])
    assert (result.exit_code, result.stdout.splitlines()) == (1, expected("checksum"))
    monkeypatch.setenv("JJJ_CATALOGUE", "empty.toml")
    result = runner.invoke(app, ["validate"])
    assert (result.exit_code, result.stdout.splitlines()) == (1, expected("empty"))
    monkeypatch.delenv("JJJ_CATALOGUE")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{SHIPPED}: no problems: 88 items")


def test_a_path_beats_the_catalogue_option():
    result = runner.invoke(app, ["--catalogue", "empty.toml", "validate", "checksum.toml"])
    assert result.stdout.splitlines() == expected("checksum")


def test_no_permission_to_read(monkeypatch):
    # chmod cannot take read permission from root, so the refusal is simulated
    opened = Path.open

    def refuse(path, *args, **kwargs):
        if path.name == "mini.toml":
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    result = runner.invoke(app, ["validate", str(MINI)])
    assert result.exit_code == 1
    assert result.stdout == f"{MINI}: cannot read: Permission denied\n1 problem in {MINI}\n"


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as file:
        file.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(huge)
    assert str(raised.value) == f"{huge}: too large for a catalogue: larger than 256 MiB"


def test_a_huge_source_text_is_refused(tmp_path):
    text = MINI.read_text(encoding="utf-8").replace("sources/mini.zh.txt", "huge.txt")
    (tmp_path / "catalogue.toml").write_text(text, encoding="utf-8")
    with (tmp_path / "huge.txt").open("wb") as file:
        file.truncate(MAX_BYTES + 1)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(tmp_path / "catalogue.toml")
    [problem] = raised.value.problems
    assert (problem.line, problem.field, problem.message) == (
        7,
        "file",
        "huge.txt is too large: larger than 256 MiB",
    )


def test_a_catalogue_without_end_is_read_no_further_than_the_limit():
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(Path("/dev/zero"))
    assert raised.value.problems[0].message == "too large for a catalogue: larger than 256 MiB"


def test_the_documented_examples_are_what_validate_prints(monkeypatch):
    root = Path(__file__).resolve().parent.parent
    guide = (root / "docs" / "commands.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```text\n(\$ jjj validate .*?)```", guide, flags=re.DOTALL)
    examples = re.findall(r"^\$ jjj (.*)\n((?:[^$].*\n)*)", block, flags=re.MULTILINE)
    assert len(examples) == 2
    monkeypatch.chdir(root)
    for command, output in examples:
        result = runner.invoke(app, command.split())
        assert (result.exit_code, result.stdout) == (1, output)


def test_help_gives_the_exit_codes(monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert (
        "Exit codes: 0 success (an empty result too), 1 a problem with the catalogue, "
        "2 a usage problem or an unknown id, 3 what this machine lacks or refuses "
        "(an SQLite without FTS5, openpyxl for .xlsx, a file it cannot write), "
        "130 interrupted (Ctrl-C)."
    ) in result.stdout
    assert "validate" in result.stdout
