"""The README and the pages of docs/ tell the truth: their commands run, the README's test command
is CI's, its numbers hold, and every link between them leads to a page and a heading."""

import csv
import io
import json
import os
import re
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from jjj_cli.catalogue import load_catalogue
from jjj_cli.cli import app

from . import independent
from .ids import printable
from .invoke import runner
from .paths import SHIPPED

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# The README and every page it sends readers to: each of their examples is checked alike.
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TEXTS = {page.relative_to(ROOT).as_posix(): page.read_text(encoding="utf-8") for page in PAGES}


def code_blocks(language: str, text: str = README) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def test_ci_runs_exactly_the_readme_test_command():
    test_command = code_blocks("sh")[1].strip()
    assert "pytest" in test_command
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def example_commands(text: str) -> list[str]:
    lines = [line.strip() for block in code_blocks("sh", text) for line in block.splitlines()]
    lines += [
        line.strip().removeprefix("$ ")
        for block in code_blocks("console", text)
        for line in block.splitlines()
        if line.strip().startswith("$ ")
    ]
    # drop comments and anything after a pipe: what runs is jjj's part of the line
    return [line.split("#")[0].split("|")[0].strip() for line in lines if line.startswith("jjj ")]


@pytest.mark.parametrize(
    "page, command",
    [(page, command) for page, text in TEXTS.items() for command in example_commands(text)],
)
def test_every_example_runs(page, command, monkeypatch, tmp_path):
    monkeypatch.delenv("JJJ_CATALOGUE", raising=False)
    monkeypatch.chdir(tmp_path)  # what an example writes (`-o jjj.db`) lands here
    args = shlex.split(command)[1:]
    result = runner.invoke(app, ["--catalogue", str(SHIPPED), *args])
    # the README's deliberate mistakes
    expected = 2 if "ye-tangln" in command or "雄安市" in command else 0
    assert result.exit_code == expected, result.output


def test_the_counts_the_readme_gives():
    catalogue = load_catalogue(SHIPPED)
    kinds = [item.kind for item in catalogue.items]
    stated = {
        "items": len(kinds),
        "proposal": kinds.count("proposal"),
        "finding": kinds.count("finding"),
        "figures": len(catalogue.figures),
        "themes": len(catalogue.themes),
        "regions": len(catalogue.regions),
    }
    assert re.search(rf"\*\*{stated['items']} items\*\*", README)
    assert f"{stated['proposal']} `proposal`s" in README
    assert f"{stated['finding']} `finding`s" in README
    assert f"**{stated['figures']} figures**" in README
    assert f"**{stated['themes']} themes**" in README
    assert f"**{stated['regions']} regions**" in README
    linked = sum(1 for item in catalogue.items if item.related)
    assert f"{linked} of them are linked to related items" in README


def console_examples(text: str) -> list[tuple[str, list[str]]]:
    """Each `$ command` in a page's console and text blocks, with the lines shown after it."""
    examples: list[tuple[str, list[str]]] = []
    for block in code_blocks("console", text) + code_blocks("text", text):
        for line in block.splitlines():
            line = line.strip() if line.strip().startswith("$ ") else line.removeprefix("  ")
            if line.startswith("$ "):
                examples.append((line[2:], []))
            elif examples:
                examples[-1][1].append(line)
    # an indented block ends in an indented, empty line
    return [(command, shown[: len(shown) - (shown[-1:] == [""])]) for command, shown in examples]


@pytest.mark.parametrize(
    "page, command, shown",
    [(page, *example) for page, text in TEXTS.items() for example in console_examples(text)],
    ids=lambda x: printable(str(x)[:40]),
)
def test_console_examples_print_what_the_page_shows(page, command, shown):
    """Run as a reader would, through the shell and the installed jjj, from the repository."""
    bin_dir = Path(sys.executable).parent
    env = {key: value for key, value in os.environ.items() if key != "JJJ_CATALOGUE"}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run(
        ["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert (result.stdout + result.stderr).splitlines() == shown


def shown_commands() -> set[str]:
    return {command for text in TEXTS.values() for command, _ in console_examples(text)}


SHAPED = [
    (page, command)
    for page, text in TEXTS.items()
    for command in example_commands(text)
    if command not in shown_commands() and "ye-tangln" not in command and "雄安市" not in command
]
# Commands whose output in a pipe is TSV: a header of names, then rows of as many cells
TSV = {"list", "show", "themes", "experts", "regions", "sources", "figures", "matrix", "related"}
TSV |= {"compare", "search", "coverage", "source"}  # source --full: paragraph and text


def written_file(path: Path) -> None:
    """A file an example writes with -o: there, and of the kind its name says."""
    if path.is_dir():  # a site, a data package
        assert {"index.html", "datapackage.json"} & {p.name for p in path.iterdir()}, path
        return
    data = path.read_bytes()
    magic = {
        ".svg": (b"<svg", b"<?xml"),
        ".xlsx": (b"PK\x03\x04",),
        ".db": (b"SQLite format 3\x00",),
    }
    if path.suffix in magic:
        assert data.startswith(magic[path.suffix]), path
    elif path.suffix == ".csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert rows[0][0] == "id" and len(rows) > 1
        assert {len(row) for row in rows} == {len(rows[0])}
    elif path.suffix == ".md":
        text = data.decode("utf-8")  # a document: the source's title, a section each expert
        assert text.startswith("# ") and "\n## " in text
    elif path.suffix == ".toml":
        assert tomllib.loads(data.decode("utf-8"))
    else:
        raise AssertionError(f"no check for {path}")


def printed(args: list[str], stdout: str) -> None:
    """What an example prints, by the shape its command and options promise."""
    options = dict(zip(args, args[1:]))
    if args[0] == "schema" or "--json" in args:
        assert json.loads(stdout)
    elif options.get("--format") == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in stdout.splitlines())
    elif options.get("--format") == "csv":
        rows = list(csv.reader(io.StringIO(stdout)))
        assert rows[0][0] == "id" and len(rows) > 1
        assert {len(row) for row in rows} == {len(rows[0])}
    elif options.get("--format") == "bibtex":
        assert re.match(r"@\w+\{[a-z0-9-]+,\n", stdout)
    elif options.get("--format") == "mermaid":
        assert stdout.startswith(("flowchart", "graph"))
    elif args[0] == "verify":
        assert re.fullmatch(r"\d+ quotes checked against \S+: all found\n", stdout)
    elif args[0] == "validate":
        assert ": no problems: " in stdout
    elif args[0] == "fmt":
        assert stdout == ""  # --check says so on stderr
    elif args[0] == "source" and "--full" not in args:
        assert re.match(r"¶\d+, sentence \d+\t\S+:\d+", stdout)
    else:
        assert args[0] in TSV, args
        lines = stdout.splitlines()
        assert len(lines) > 1 and all(lines[0].split("\t")), args
        assert {line.count("\t") for line in lines} == {lines[0].count("\t")}, args


@pytest.mark.parametrize("page, command", SHAPED)
def test_every_example_whose_output_is_not_shown_prints_its_shape(page, command, tmp_path):
    """Examples shown with their output are compared line by line (below); the rest by the
    shape of what they print or write."""
    args = shlex.split(command)[1:]
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("JJJ_CATALOGUE", raising=False)
        patch.chdir(tmp_path)
        result = runner.invoke(app, ["--catalogue", str(SHIPPED), *args])
    assert result.exit_code == 0, result.output
    if "-o" in args:
        written_file(tmp_path / args[args.index("-o") + 1])
    else:
        printed(args, result.stdout)


def _named(table: list[dict], value: str) -> str:
    """The id of the row a value names: its id, name, Chinese name or an alias."""
    (row,) = [
        row
        for row in table
        if value in (row["id"], row.get("name"), row.get("name_zh"), *row.get("aliases", []))
    ]
    return row["id"]


LISTS = [
    (page, command)
    for page, command in SHAPED
    if command.startswith("jjj list ") and "--" in command
]


@pytest.mark.parametrize("page, command", LISTS)
def test_every_list_example_lists_what_the_toml_holds(page, command):
    """The ids a `list` example prints, against the catalogue read with tomllib: each filter's
    names looked up in its table, the items of any of them kept."""
    tables = independent.read(SHIPPED)
    args = shlex.split(command)[2:]
    options = dict(zip(args[::2], args[1::2]))
    kind = options.pop("--kind", "proposal")
    options.pop("--lang", None)
    options.pop("--fields", None)
    wanted = set(independent.items_for(tables, kind))
    for option, values in options.items():
        facet = option.removeprefix("--")
        ids = [_named(tables[f"{facet}s"], value) for value in values.split(",")]
        wanted &= {
            item for id in ids for item in independent.items_for(tables, kind, **{facet: id})
        }
    expected = [id for id in independent.items_for(tables, kind) if id in wanted]
    result = runner.invoke(app, ["--catalogue", str(SHIPPED), "list", *args, "--json"])
    assert result.exit_code == 0, result.output
    assert expected  # every example lists something
    assert [item["id"] for item in json.loads(result.stdout)] == expected


def without_code_blocks(markdown: str) -> str:
    return re.sub(r"^ *```.*?^ *```", "", markdown, flags=re.DOTALL | re.MULTILINE)


def prose(markdown: str) -> str:
    """The text outside code blocks and inline code, where a link is a link."""
    return re.sub(r"``.*?``|`[^`]+`", "", without_code_blocks(markdown), flags=re.DOTALL)


def anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives a page's headings: lower case, punctuation but '-' and '_' dropped,
    spaces as '-', and '-1', '-2', … after a repeated one."""
    seen: Counter[str] = Counter()
    found = set()
    headings = re.findall(r"^#{1,6} +(.+?) *$", without_code_blocks(markdown), flags=re.MULTILINE)
    for heading in headings:
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
        slug = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
        found.add(slug if not seen[slug] else f"{slug}-{seen[slug]}")
        seen[slug] += 1
    return found


def relative_links(markdown: str) -> list[str]:
    targets = re.findall(r"\]\(([^)\s]+)\)", prose(markdown))
    return [target for target in targets if not re.match(r"[a-z][a-z0-9+.-]*:", target)]


def test_the_anchors_are_githubs():
    page = (
        "# jjj\n## Where to read more\n### `jjj search`\n"
        "## Using it\n```sh\n# not a heading\n```\n## Using it\n"
    )
    assert anchors(page) == {"jjj", "where-to-read-more", "jjj-search", "using-it", "using-it-1"}


@pytest.mark.parametrize("page", TEXTS)
def test_every_relative_link_leads_to_a_file_and_a_heading(page):
    broken = []
    for target in relative_links(TEXTS[page]):
        path, _, anchor = target.partition("#")
        linked = (ROOT / page).parent / path if path else ROOT / page
        if not linked.resolve().is_file() or ROOT not in linked.resolve().parents:
            broken.append(f"{target}: no such file in the repository")
        elif anchor and anchor not in anchors(linked.read_text(encoding="utf-8")):
            broken.append(f"{target}: no heading with that anchor")
    assert broken == []


def test_the_readme_leads_to_every_page_of_docs():
    linked = {target.partition("#")[0] for target in relative_links(README)}
    assert {page for page in TEXTS if page.startswith("docs/")} <= linked
    assert len(TEXTS) > 1


def test_the_readme_stays_a_front_door():
    """What it is, the two commands, a tour, where to read more: the rest belongs in docs/."""
    assert len(README.splitlines()) <= 200


MARK = "@@jjj-tutorial-step@@"


def test_the_tutorial_runs_as_written(tmp_path):
    """The README's own catalogue, step by step, through the shell and the installed jjj, in an
    empty directory: each command prints what the page shows and succeeds. Its text is the
    example's, marked there as made up."""
    steps: list[tuple[str, list[str]]] = []
    for block in code_blocks("shell-session"):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line)
    assert [command.split()[:3] for command, _ in steps if command.startswith("jjj add")] == [
        ["jjj", "add", "source"],
        ["jjj", "add", "expert"],
        ["jjj", "add", "item"],
        ["jjj", "add", "item"],
        ["jjj", "add", "item"],
    ]
    # one shell, so that what a step sets (the catalogue to use) holds for the next; a line
    # on each stream between the steps, to tell apart what each printed, and its exit status
    script = "\n".join(
        f"echo {MARK}; echo {MARK} >&2\n{command}\necho $? >&2" for command, _ in steps
    )
    bin_dir = Path(sys.executable).parent
    env = {key: value for key, value in os.environ.items() if key != "JJJ_CATALOGUE"}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    printed = result.stdout.split(f"{MARK}\n")[1:]
    reported = result.stderr.split(f"{MARK}\n")[1:]
    assert len(printed) == len(reported) == len(steps)
    for (command, shown), out, err in zip(steps, printed, reported):
        *messages, status = err.splitlines()
        assert status == "0", (command, err)
        # a page cannot keep a line's trailing tab (an empty last column), so neither side has it
        lines = [line.rstrip() for line in (out + "\n".join(messages)).splitlines()]
        assert lines == [line.rstrip() for line in shown], command
