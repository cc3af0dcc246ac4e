"""Output in the ways people really run jjj: hostile catalogue text in every output path, pipes
that close early, encodings without Chinese, no colour, narrow terminals, LANG=C.

In-process runs use CliRunner; what needs a real pipe, encoding or terminal runs the installed
`jjj` script in a subprocess (a pseudo-terminal for the terminal cases).
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path
from typing import Any

import pytest

from jjj_cli.catalogue import load_catalogue
from jjj_cli.cli import app
from jjj_cli.render.output import Mode

from . import independent
from .ids import joined, printable
from .invoke import runner, unstyled, written
from .paths import DATA, MINI, SHIPPED

SCRIPT = Path(sys.executable).parent / ("jjj.exe" if os.name == "nt" else "jjj")


# Rich markup, an OSC 8 hyperlink, a screen clear, BEL, a one-byte CSI (C1), NUL and a bidi
# override, written as TOML escapes. Nothing in it is whitespace, so it can sit in a quote.
PAYLOAD_TOML = (
    r"[bold]B[/bold][link=https://evil.example]L[/link]\u001b[2J"
    r"\u001b]8;;https://evil.example\u0007X\u001b]8;;\u0007\u0007\u009b31m\u0000\u202e"
)
PAYLOAD = json.loads(f'"{PAYLOAD_TOML}"')  # TOML and JSON escapes agree here
# As a reader sees it: each control character spelled out as \xNN or \uNNNN, written by hand
SHOWN = (
    r"[bold]B[/bold][link=https://evil.example]L[/link]\x1b[2J"
    r"\x1b]8;;https://evil.example\x07X\x1b]8;;\x07\x07\x9b31m\x00\u202e"
)
# What must never be written raw: C0 controls but tab and newline, DEL, C1, bidi controls.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FREE_TEXT = (
    "title|title_en|name|name_zh|affiliation|affiliation_zh|headline|headline_zh|question|"
    "question_zh|note|definition|level|summary|summary_zh|indicator|indicator_zh|unit|period"
)
QUOTED = "交通是产业协同的骨架。"  # li-transport-backbone's quote: the payload goes before it


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """mini.toml with the payload at the end of every free-text field and an alias, and inside
    the source text and one quote (with the source's sha256 brought up to date)."""
    source = (DATA / "sources" / "mini.zh.txt").read_text(encoding="utf-8")
    assert QUOTED in source
    source = source.replace(QUOTED, PAYLOAD + QUOTED)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "mini.zh.txt").write_text(source, encoding="utf-8")
    text = MINI.read_text(encoding="utf-8")
    text = re.sub(
        rf'^((?:{FREE_TEXT}) = ".*)"$',
        lambda m: m.group(1) + PAYLOAD_TOML + '"',
        text,
        flags=re.MULTILINE,
    )
    text = text.replace('aliases = ["tech"]', f'aliases = ["tech", "{PAYLOAD_TOML}"]')
    text = text.replace(f'quote = "{QUOTED}"', f'quote = "{PAYLOAD_TOML}{QUOTED}"')
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    text = re.sub(r'^sha256 = ".*"$', f'sha256 = "{digest}"', text, flags=re.MULTILINE)
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


# Every command, and where its text output shows catalogue text as it is: in "both" modes,
# only in "table" (its plain lines are ids), or "none" (counts, summaries, DOT's own quoting).
INVOCATIONS = [
    (["list", "--kind", "all"], "both"),
    (["show", "mini-forum"], "both"),
    (["show", "wang-ming"], "both"),
    (["show", "li-transport-backbone"], "both"),
    (["show", "innovation"], "both"),
    (["show", "airport-zone"], "both"),
    (["show", "wang-rd-intensity"], "both"),
    (["experts"], "both"),
    (["themes"], "both"),
    (["regions"], "both"),
    (["sources"], "both"),
    (["figures"], "both"),
    (["search", "bold"], "both"),
    (["search", "骨架", "--kind", "all"], "both"),  # a finding
    (["related", "wang-research-to-hebei"], "both"),
    (["compare", "wang-ming", "li-hua"], "table"),
    (["source", "li-transport-backbone"], "both"),
    (["graph", "--format", "mermaid"], "both"),
    (["matrix"], "none"),
    (["verify"], "none"),
    (["validate"], "none"),
    (["graph"], "none"),
]
NO_JSON = {"graph"}


def strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [text for value in data.values() for text in strings(value)]
    if isinstance(data, list):
        return [text for value in data for text in strings(value)]
    return []


@pytest.mark.parametrize("args, shown_in", INVOCATIONS, ids=[joined(a) for a, _ in INVOCATIONS])
@pytest.mark.parametrize("mode", [Mode.PLAIN, Mode.TABLE])
def test_catalogue_text_is_shown_literally(hostile, args, shown_in, mode):
    # as wide as needed, so no line is folded in the middle of the payload
    result = written("--catalogue", str(hostile), *args, terminal=mode is Mode.TABLE, width=3000)
    assert result.exit_code == 0, result.output
    stdout = unstyled(result.stdout)
    assert UNSAFE.search(stdout + result.stderr) is None
    if shown_in == "both" or (shown_in == "table" and mode is Mode.TABLE):
        assert SHOWN in stdout
    if args == ["graph"]:  # a DOT string, its backslashes doubled
        assert SHOWN.replace("\\", "\\\\") in stdout


@pytest.mark.parametrize(
    "args", [args for args, _ in INVOCATIONS if args[0] not in NO_JSON], ids=joined
)
def test_json_keeps_the_text_exact(hostile, args):
    result = runner.invoke(app, ["--catalogue", str(hostile), *args, "--json"])
    assert result.exit_code == 0, result.output
    assert UNSAFE.search(result.stdout) is None  # escaped as \u001b, \u009b, …
    data = json.loads(result.stdout)
    if args[0] not in ("verify", "validate", "matrix"):
        assert any(PAYLOAD in text for text in strings(data)), data


@pytest.mark.parametrize(
    "query, field, shown, times",
    [
        # a phrase from the expert's name into the markup after it
        # (the snippet ends between words, before 'evil')
        ('"ming bold b"', "expert", "Wang Ming[bold]B[/bold][link=https://", 1),
        # phrases whose highlight holds an escape, or a BEL, between two of its words: in each
        # hit, shown in the title and again in the match (in a pipe)
        ('"link 2j"', "title", r"[/link]\x1b[2J", 2),
        ('"evil example x"', "title", r"evil.example\x07X", 2),
    ],
)
@pytest.mark.parametrize("mode", [Mode.PLAIN, Mode.TABLE])
def test_a_highlighted_phrase_is_shown_literally(hostile, mode, query, field, shown, times):
    args = ["--catalogue", str(hostile), "search", query, "--kind", "all"]
    hits = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert hits and {hit["field"] for hit in hits} == {field}
    result = written(*args, terminal=mode is Mode.TABLE, width=3000)
    assert result.exit_code == 0, result.output
    stdout = unstyled(result.stdout)
    assert UNSAFE.search(stdout) is None
    # a terminal highlights a match in the title it shows instead of repeating it beneath
    times = 1 if mode is Mode.TABLE and field == "title" else times
    assert stdout.count(shown) == times * len(hits)


def test_a_missing_hostile_quote_is_reported_literally(hostile):
    text = hostile.read_text(encoding="utf-8").replace(QUOTED, "不在原文里。")
    hostile.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--catalogue", str(hostile), "verify"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == ("li-transport-backbone\t" + SHOWN[:24] + "…")
    result = runner.invoke(app, ["--catalogue", str(hostile), "list"])
    assert result.exit_code == 1
    assert UNSAFE.search(result.stderr) is None
    assert result.stderr.splitlines()[0].endswith(
        "field 'quote': not found in sources/mini.zh.txt: '" + SHOWN[:24] + "…'"
    )


# --- subprocesses: real pipes, encodings and terminals ----------------------------------------


def environment(**changes: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("JJJ_CATALOGUE", "NO_COLOR", "CLICOLOR", "FORCE_COLOR", "COLUMNS")
        # PYTHONUNBUFFERED: a person's shell leaves stdout buffered in a pipe, and what is left
        # in the buffer when the reader goes is part of what a closed pipe tests
        and not key.startswith(("PYTHONIO", "PYTHONUNBUFFERED", "LC_"))
    }
    return {**env, **changes}


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    # Not a skip: the README's test command installs the project, so a missing script is a bug.
    assert SCRIPT.exists(), f"the jjj console script is not installed next to {sys.executable}"
    return subprocess.run(
        [str(SCRIPT), *args], env=environment(**env), capture_output=True, timeout=60
    )


def run_into_closed_pipe(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run with stdout a pipe nobody reads from any more, as after `| head` has quit."""
    assert SCRIPT.exists(), f"the jjj console script is not installed next to {sys.executable}"
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(
            [str(SCRIPT), *args],
            env=environment(**env),
            stdout=writer,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    finally:
        os.close(writer)


def run_in_terminal(
    *args: str, columns: int = 100, encoding: str = "utf-8", **env: str
) -> tuple[int, str]:
    """Run with stdin, stdout and stderr a pseudo-terminal of the given width."""
    assert SCRIPT.exists(), f"the jjj console script is not installed next to {sys.executable}"
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    process = subprocess.Popen(
        [str(SCRIPT), *args], stdin=side, stdout=side, stderr=side, env=environment(**env)
    )
    os.close(side)
    output = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the other side has closed
            break
        if not chunk:
            break
        output += chunk
    os.close(main)
    return process.wait(timeout=60), output.decode(encoding).replace("\r\n", "\n")


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--kind", "all"],
        ["list", "--kind", "all", "--json"],
        ["show", "ye-tanglin"],
        ["search", "产业"],
        ["validate"],
        ["--version"],
        ["--help"],
        ["list", "--help"],
    ],
    ids=joined,
)
def test_a_closed_pipe_is_quiet_success(args):
    result = run_into_closed_pipe("--catalogue", str(SHIPPED), *args)
    assert (result.returncode, result.stderr.decode()) == (0, "")


@pytest.mark.parametrize("args", [["validate"], ["validate", "--json"], ["verify"]], ids=joined)
def test_a_failed_check_still_fails_when_the_reader_has_gone(tmp_path, args):
    # `jjj validate | head -1` in a script with pipefail: the verdict is the exit code
    text = MINI.read_text(encoding="utf-8")
    if args[0] == "verify":  # a quote that is not in the source, which only verify reports
        text = text.replace(f'quote = "{QUOTED}"', 'quote = "不在原文里。"')
    else:
        text = text.replace('expert = "li-hua"', 'expert = "li-hau"')
    (tmp_path / "sources").mkdir()
    source = DATA / "sources" / "mini.zh.txt"
    (tmp_path / "sources" / source.name).write_bytes(source.read_bytes())
    catalogue = tmp_path / "mini.toml"
    catalogue.write_text(text, encoding="utf-8")
    result = run_into_closed_pipe("--catalogue", str(catalogue), *args)
    assert (result.returncode, result.stderr.decode()) == (1, "")


@pytest.mark.parametrize(
    "args, expected",
    [
        (["show", "no-such-id"], 2),  # jjj's own message
        (["list", "--no-such-option"], 2),  # Click's usage error
        (["list", "--kind", "neither"], 2),
        (["no-such-command"], 2),
    ],
    ids=lambda value: joined(value) if isinstance(value, list) else printable(str(value)),
)
def test_an_error_whose_reader_has_gone_keeps_its_code(args, expected):
    # `jjj show nosuch 2>&1 | true`: the message finds no reader, the code is still the error's
    reader, writer = os.pipe()
    os.close(reader)
    try:
        command = [str(SCRIPT), "--catalogue", str(MINI), *args]
        code = subprocess.call(command, env=environment(), stdout=writer, stderr=writer, timeout=60)
    finally:
        os.close(writer)
    assert code == expected


def test_completion_into_a_closed_pipe_is_quiet_success():
    words = f"jjj --catalogue {MINI} show wang-"
    env = {"_JJJ_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "4"}
    result = run_into_closed_pipe(**env)
    assert (result.returncode, result.stderr.decode()) == (0, "")


def test_a_failure_is_still_a_failure_when_stdout_is_the_null_device():
    result = subprocess.run(
        [str(SCRIPT), "--catalogue", str(DATA / "broken" / "empty.toml"), "list"],
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.decode().endswith(
        "empty.toml: holds no catalogue tables (any of [[sources]], [[experts]], "
        "[[appearances]], [[themes]], [[regions]], [[proposals]], [[figures]])\n"
    )


@pytest.mark.parametrize("args", [["--help"], ["list", "--kind", "all", "--json"]], ids=joined)
def test_head_reads_what_it_wants_and_jjj_exits_0(args):
    # the shipped catalogue's JSON is larger than a pipe's buffer: jjj is still writing
    # when head quits
    script = f"'{SCRIPT}' --catalogue '{SHIPPED}' {' '.join(args)} | head -c 100"
    result = subprocess.run(
        ["bash", "-c", f"{script} > /dev/null; echo ${{PIPESTATUS[0]}}"],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.stdout, result.stderr) == ("0\n", "")


def test_an_encoding_without_chinese_gets_escapes_not_an_error():
    result = run(
        "--catalogue",
        str(MINI),
        "list",
        "--expert",
        "zhang-wei",
        "--kind",
        "proposal",
        "--lang",
        "zh",
        PYTHONIOENCODING="latin-1",
    )
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode("latin-1").splitlines()[1].split("\t")[-1] == (
        "".join(f"\\u{ord(char):04x}" for char in "龙头企业带动中小企业在雄安集聚")
    )


def test_json_in_an_encoding_without_chinese_is_still_the_exact_data():
    expected = run("--catalogue", str(MINI), "show", "wang-ming", "--json")
    result = run(
        "--catalogue", str(MINI), "show", "wang-ming", "--json", PYTHONIOENCODING="latin-1"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.decode("latin-1")) == json.loads(expected.stdout)
    assert json.loads(expected.stdout)["name_zh"] == "王明"


def test_messages_in_an_encoding_without_chinese():
    result = run("--catalogue", str(MINI), "show", "王明x", PYTHONIOENCODING="latin-1")
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode("latin-1") == (
        "Error: unknown id '\\u738b\\u660ex'. Did you mean: wang-ming?\n"
    )


@pytest.mark.parametrize(
    "env",
    [
        {"LANG": "C"},
        {"LC_ALL": "C", "LANG": "C"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    ],
    ids=["LANG=C", "LC_ALL=C", "C without UTF-8 coercion"],
)
def test_the_c_locale(env):
    result = run("--catalogue", str(MINI), "show", "wang-ming", **env)
    assert (result.returncode, result.stderr) == (0, b"")
    # Python (PEP 538/540) or click chooses UTF-8 for the C locale; either way nothing fails
    assert "name_zh\t王明" in result.stdout.decode("utf-8").splitlines()


def sgr_colours(output: str) -> set[str]:
    """The colour parameters (30-49, 90-107, 38;5;…) in the output's SGR escape sequences."""
    colours = set()
    for params in re.findall(r"\x1b\[([0-9;]*)m", output):
        for param in params.split(";"):
            if param.isdigit() and (30 <= int(param) <= 49 or 90 <= int(param) <= 107):
                colours.add(param)
    return colours


def test_a_terminal_gets_colour_by_default():
    code, output = run_in_terminal("--catalogue", str(MINI), "list")
    assert code == 0, output
    assert sgr_colours(output)  # the id column is cyan: so the next test can fail


@pytest.mark.parametrize(
    "env", [{"NO_COLOR": "1"}, {"CLICOLOR": "0"}], ids=["NO_COLOR", "CLICOLOR=0"]
)
@pytest.mark.parametrize(
    "args", [["list"], ["matrix"], ["show", "wang-ming"], ["--help"]], ids=joined
)
def test_no_colour_when_asked(env, args):
    code, output = run_in_terminal("--catalogue", str(MINI), *args, **env)
    assert code == 0, output
    assert sgr_colours(output) == set()


def test_a_real_terminal_shows_hostile_text_literally(hostile):
    for args in (
        ["list"],
        ["show", "li-transport-backbone"],
        ["search", "bold"],
        ["source", "li-transport-backbone"],
    ):
        code, output = run_in_terminal("--catalogue", str(hostile), *args, columns=500)
        assert code == 0, output
        # rich's own styling is there, but none of the catalogue's sequences
        assert "\x1b[" in output
        for raw in ("\x1b[2J", "\x1b]8;", "\x07", "\x9b", "\x00", "\u202e"):
            assert raw not in output, (args, raw)
        # the text between rich's colours (search highlights the match inside it)
        text = re.sub(r"\x1b\[[0-9;]*m", "", output)
        assert "[bold]B[/bold][link=https://evil.example]L[/link]\\x1b[2J" in text


NARROW = [
    ["list"],
    ["list", "--kind", "all", "--lang", "zh"],
    ["show", "wang-ming"],
    ["show", "li-hebei-capacity"],
    ["show", "hebei"],
    ["show", "mini-forum"],
    ["experts"],
    ["themes"],
    ["regions"],
    ["sources"],
    ["figures"],
    ["verify"],
    ["validate"],
    ["matrix"],
    ["compare", "wang-ming", "li-hua"],
    ["search", "集群"],
    ["source", "zhang-chain-gap"],
    ["related", "wang-research-to-hebei"],
    ["graph"],
    ["--help"],
    ["list", "--help"],
]


def must_show(args: list[str]) -> list[str]:
    """The ids a run of NARROW must show whole, worked out from the fixture's TOML."""
    tables = independent.read(MINI)

    def ids(table: str) -> list[str]:
        return [row["id"] for row in tables[table]]

    def item(id: str) -> dict:
        return next(row for row in tables["proposals"] if row["id"] == id)

    proposals = functools.partial(independent.items_for, tables, "proposal")
    command = [arg for arg in args if not arg.startswith("-") and arg not in ("all", "zh")]
    if command in (["list"], []) and "--kind" not in args:
        return proposals() if args == ["list"] else []
    if command == ["list"]:  # --kind all
        return independent.items_for(tables, "all")
    if command[0] == "show":
        id = command[1]
        if id in ids("experts"):
            figures = [row["id"] for row in tables["figures"] if row["expert"] == id]
            return [id, *proposals(expert=id), *figures]
        if id in ids("regions"):
            below = [
                row["id"]
                for row in tables["regions"]
                if id in (row.get("parent"), *row.get("also_within", []))
            ]
            return [id, *below, *proposals(region=id)]
        if id in ids("sources"):
            return [id, *(row["expert"] for row in tables["appearances"])]
        return [id, *(link["id"] for link in item(id).get("related", []))]
    if command[0] in ("experts", "themes", "regions", "sources", "figures"):
        return ids(command[0])
    if command[0] == "matrix":
        return ids("experts") + ids("themes")
    if command[0] == "compare":  # each theme either expert spoke to, with their items
        spoken = [id for expert in command[1:] for id in proposals(expert=expert)]
        spoken = [id for id in spoken if item(id).get("themes")]
        themes = {theme for id in spoken for theme in item(id)["themes"]}
        return [theme for theme in ids("themes") if theme in themes] + spoken
    if command[0] == "search":  # the proposals whose Chinese holds the words
        fields = ("title_zh", "summary_zh", "quote")
        return [id for id in proposals() if any(command[1] in item(id)[f] for f in fields)]
    if command[0] == "related":
        return [link["id"] for link in item(command[1]).get("related", [])]
    if command[0] == "graph":
        return ids("experts")
    return []  # verify, validate, source: text and counts, no ids


def test_the_ids_a_narrow_terminal_must_show_are_worked_out():
    # the oracle itself, checked by hand on three cases
    assert must_show(["show", "hebei"]) == [
        "hebei",
        "xiongan",
        "airport-zone",
        "wang-research-to-hebei",
        "wang-xiongan-innovation",
        "li-intercity-rail",
        "zhang-leading-firms-xiongan",
    ]
    assert must_show(["search", "集群"]) == ["wang-world-class-clusters"]
    assert must_show(["related", "wang-research-to-hebei"]) == ["li-hebei-capacity"]


@pytest.mark.parametrize("columns", [20, 60])
def test_narrow_terminals(columns):
    for args in NARROW:
        code, output = run_in_terminal("--catalogue", str(MINI), *args, columns=columns)
        assert code == 0, (args, output)
        assert "Traceback" not in output
        text = re.sub(r"\x1b\[[0-9;]*m", "", output)
        # each id whole, never cut or broken across lines
        shown = set(re.findall(r"[a-z0-9][a-z0-9-]*[a-z0-9]", text))
        missing = [id for id in must_show(args) if id not in shown]
        assert missing == [], (args, columns, text)
    # below 60 columns a table would squeeze its columns away: plain lines hide nothing
    code, output = run_in_terminal("--catalogue", str(MINI), "list", columns=columns)
    title = "Build world-class clusters, above all in advanced manufacturing"
    assert (title in output) is (columns < 60)


def test_a_terminal_whose_encoding_cannot_hold_chinese():
    for args, shown in (
        (["show", "wang-ming"], "\\u738b\\u660e"),  # 王明
        (["list", "--lang", "zh"], "\\u6253\\u9020"),  # 打造
        (["--help"], "\\u4eac\\u6d25\\u5180"),
    ):  # 京津冀
        code, output = run_in_terminal(
            "--catalogue", str(MINI), *args, encoding="latin-1", PYTHONIOENCODING="latin-1"
        )
        assert code == 0, output
        assert shown in output, args


def test_an_ascii_terminal_gets_escapes_and_ascii_rules():
    # such a terminal may be unable to show anything else (a pipe gets UTF-8: the next test)
    for args, shown, expected in (
        (["show", "wang-ming"], "\\u738b\\u660e", 0),  # 王明
        (["list", "--lang", "zh"], "\\u6253\\u9020", 0),  # 打造
        (["--help"], "\\u4eac\\u6d25\\u5180", 0),  # 京津冀
        (["list", "--no-such-option"], "No such option", 2),  # Click's box, on stderr
        (["show", "王"], "\\u738b", 2),  # jjj's own message, on stderr
    ):
        code, output = run_in_terminal("--catalogue", str(MINI), *args, PYTHONIOENCODING="ascii")
        assert code == expected, output
        assert shown in output, args
        assert output.isascii(), args  # the boxes too


def test_an_ascii_pipe_gets_utf_8():
    result = run("--catalogue", str(MINI), "show", "wang-ming", PYTHONIOENCODING="ascii")
    assert result.returncode == 0, result.stderr
    assert "王明" in result.stdout.decode("utf-8")


def test_a_usage_error_on_a_terminal_breaks_between_ids():
    # the list of valid values is longer than a line: the terminal would cut an id in two
    code, output = run_in_terminal(
        "--catalogue", str(SHIPPED), "list", "--region", "上海", columns=60
    )
    assert code == 2, output
    lines = output.splitlines()
    assert lines[0].startswith("Error: unknown region '上海'. Valid values:")
    assert max(len(line) for line in lines) <= 60
    region_ids = {region.id for region in load_catalogue(SHIPPED).regions}
    shown = {word.strip(",.") for line in lines for word in line.split()}
    assert region_ids <= shown


def test_a_usage_error_is_broken_at_the_width_of_stderr_when_stdout_is_a_pipe():
    # `jjj list --region xx | cat` on a 60-column terminal: the message is for the terminal
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 60, 0, 0))
    process = subprocess.Popen(
        [str(SCRIPT), "--catalogue", str(SHIPPED), "list", "--region", "上海"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=side,
        env=environment(),
    )
    os.close(side)
    said = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        said += chunk
    os.close(main)
    assert process.wait(timeout=60) == 2
    assert process.stdout.read() == b""
    lines = said.decode("utf-8").replace("\r\n", "\n").splitlines()
    assert len(lines) > 3 and max(len(line) for line in lines) <= 60
