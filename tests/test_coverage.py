"""`jjj coverage` on a catalogue written for it (tests/data/coverage: FICTIONAL sources, people
and words): every sentence's status, line and items, as read by hand from the two texts."""

import hashlib
import io
import json
import re

import pytest
from rich.cells import cell_len

from jjj_cli.catalogue import load_catalogue
from jjj_cli.cli import app
from jjj_cli.cli.environment import Environment
from jjj_cli.explore.coverage import STATUSES, coverage
from jjj_cli.query import UnknownName

from .invoke import jjj, runner, unstyled, written
from .paths import DATA

FICTION = DATA / "coverage" / "coverage.toml"

# Each sentence of forum.zh.txt: (paragraph, line, text, status, items), read off the file.
FORUM = [
    (1, 1, "（虚构）本文人物、机构与言论均为测试虚构，与任何真实人物无关。", "framing", []),
    # the moderator's prefix belongs to the question; a full-width colon here
    (2, 4, "主持人：虚构市的公交应当如何改进？", "question", []),
    # the name line and the first sentence of the answer are one sentence: the part no item
    # covers is a name line
    (3, 7, "测试甲（虚构大学教授）：公交线路应当加密。", "name", ["jia-denser-routes"]),
    # an item covers the first clause only
    (3, 7, "票价也应当下调，让市民少花钱。", "uncovered", ["jia-lower-fares"]),
    (3, 8, "先说这两点。", "uncovered", []),
    # over two lines of the file: the line of its first character
    (4, 10, "其次，要建设更多的自行车道，方便市民出行。", "covered", ["jia-bike-lanes"]),
    # the headline's words inside an item's quote are the item's; the headline is the next
    (
        4,
        11,
        "此外，绿色出行优先，步行道也要修好。",
        "covered",
        ["jia-green-first", "jia-footpaths"],
    ),
    (5, 13, "绿色出行优先", "headline", []),
    (6, 15, "主持人:河流治理有什么建议？", "question", []),
    # brackets of the other kind; a ； does not end a sentence
    (
        7,
        17,
        "测试乙(虚构研究院研究员)：河流需要定期清理；沿岸要多种树。",
        "name",
        ["yi-clean-rivers", "yi-plant-trees"],
    ),
    # a figure's quote covers nothing
    (7, 18, "水质数据每月公开一次，达标率为95%。", "uncovered", ["yi-publish-data"]),
]
INTERVIEW = [
    (1, 1, "测试甲（虚构大学教授）：城市应当多建公园。", "name", ["jia-more-parks"]),
    (1, 2, "公园要免费开放。", "covered", ["jia-free-parks"]),
    (2, 4, "公园与城市", "headline", []),
]


def records(source, sentences):
    keys = ("paragraph", "line", "text", "status", "items")
    return [{"source": source, **dict(zip(keys, sentence))} for sentence in sentences]


def run(*args):
    return jjj(*args, catalogue=FICTION)


def test_each_sentence_of_a_source_has_its_status_line_and_items():
    result = run("coverage", "fiction-forum", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == records("fiction-forum", FORUM)


def test_without_a_source_every_source_in_the_catalogues_order():
    result = run("coverage", "--json")
    assert result.exit_code == 0, result.output
    expected = records("fiction-forum", FORUM) + records("fiction-interview", INTERVIEW)
    assert json.loads(result.stdout) == expected


@pytest.mark.parametrize(
    "named",
    ["fiction-interview", "FICTION-Interview", "虚构访谈（测试）", "fictional interview (test)"],
)
def test_a_source_is_named_by_its_id_or_either_title(named):
    result = run("coverage", named, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == records("fiction-interview", INTERVIEW)


def test_an_unknown_source_is_a_usage_error_naming_the_valid_ones():
    result = run("coverage", "fiction-forun")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "Error: unknown source 'fiction-forun'. Did you mean: fiction-forum, fiction-interview?"
    )
    result = run("coverage", "nothing-like-it")
    assert result.exit_code == 2
    assert "Valid values: fiction-forum, fiction-interview." in result.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["fiction-forum"], 0),  # without --strict, uncovered sentences are no failure
        (["fiction-forum", "--strict"], 1),
        (["fiction-interview", "--strict"], 0),  # all of it accounted for
        (["--strict"], 1),  # one source of two has uncovered sentences
        (["--strict", "--json"], 1),
    ],
)
def test_strict_exits_1_while_any_sentence_shown_is_uncovered(args, code):
    result = run("coverage", *args)
    assert result.exit_code == code, result.output
    assert result.stdout  # the report is printed either way


def test_a_pipe_gets_tsv_and_the_summary_on_stderr():
    result = written("--catalogue", str(FICTION), "coverage", "fiction-forum", terminal=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "line\tstatus\titems\ttext"
    assert lines[1:] == [
        f"{line}\t{status}\t{','.join(items)}\t{text}" for _, line, text, status, items in FORUM
    ]
    assert result.stderr == (
        "11 sentences in fiction-forum: 2 covered, 1 framing, 1 headline, 2 question, 2 name,"
        " 3 uncovered\n"
    )


def test_a_pipe_of_several_sources_names_each_sentences_source_first():
    result = written("--catalogue", str(FICTION), "coverage", terminal=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "source\tline\tstatus\titems\ttext"
    rows = [line.split("\t") for line in lines[1:]]
    assert [(row[0], row[1]) for row in rows] == [
        ("fiction-forum", str(line)) for _, line, *_ in FORUM
    ] + [("fiction-interview", str(line)) for _, line, *_ in INTERVIEW]
    assert result.stderr.splitlines()[1] == (
        "3 sentences in fiction-interview: 1 covered, 0 framing, 1 headline, 0 question, 1 name,"
        " 0 uncovered"
    )


@pytest.mark.parametrize("width", [80, 120])
def test_a_terminal_shows_each_sentence_with_its_line_and_status(width):
    result = written("--catalogue", str(FICTION), "coverage", "fiction-forum", width=width)
    assert result.exit_code == 0, result.output
    lines = unstyled(result.stdout).splitlines()
    assert lines[0].split() == ["fiction-forum", "虚构市交通座谈会（测试）", "forum.zh.txt"]
    end = len(lines) - lines[::-1].index("")  # the summary follows the last blank line
    sentences, summary = lines[2 : end - 1], " ".join(" ".join(lines[end:]).split())
    # each sentence starts a row with its line and status; wrapped rows are indented past them
    starts = [line.split()[:2] for line in sentences if line[:2].strip().isdigit()]
    assert starts == [[str(line), status] for _, line, _, status, _ in FORUM]
    body = "".join(line[14:].strip() for line in sentences)  # past the 14 cells of margin
    expected = "".join(
        text + (f"[{', '.join(items)}]" if items else "") for _, _, text, _, items in FORUM
    )
    assert body.replace(" ", "") == expected.replace(" ", "")
    assert all(cell_len(line) <= width for line in lines)
    assert summary == (
        "11 sentences in fiction-forum: 2 covered, 1 framing, 1 headline, 2 question, 2 name,"
        " 3 uncovered"
    )


def test_what_no_item_covers_stands_out_on_a_terminal():
    # the part of a sentence no item covers is bold red; the part an item covers is not
    streams = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    environment = Environment(**streams, stdout_isatty=True, stdout_width=200, colour=True)
    args = ["--catalogue", str(FICTION), "coverage", "fiction-forum"]
    assert runner.invoke(app, args, obj=environment).exit_code == 0
    [row] = [line for line in environment.stdout.getvalue().splitlines() if "让市民" in line]
    assert "票价也应当下调，\x1b[1;31m让市民少花钱。\x1b[0m" in row


def test_the_library_counts_every_status():
    catalogue = load_catalogue(FICTION)
    forum, interview = coverage(catalogue)
    assert forum.counts() == {
        "covered": 2,
        "framing": 1,
        "headline": 1,
        "question": 2,
        "name": 2,
        "uncovered": 3,
    }
    assert list(forum.counts()) == list(STATUSES)
    assert (forum.complete, interview.complete) == (False, True)
    with pytest.raises(UnknownName):
        coverage(catalogue, "no-such-source")


def test_a_terminal_shows_every_source_under_its_id_with_its_own_summary():
    result = written("--catalogue", str(FICTION), "coverage", width=120)
    assert result.exit_code == 0, result.output
    lines = unstyled(result.stdout).splitlines()
    headers = [line.split()[0] for line in lines if line.startswith("fiction-")]
    assert headers == ["fiction-forum", "fiction-interview"]
    summaries = [line.split(":")[0] for line in lines if " sentences in " in line]
    assert summaries == ["11 sentences in fiction-forum", "3 sentences in fiction-interview"]
    # the second source's sentences come after the first's summary, under its own header
    second = lines.index(next(line for line in lines if line.startswith("fiction-interview")))
    rows = [line for line in lines[second:] if " sentences in " not in line]
    assert [line.split()[:2] for line in rows if line[:2].strip().isdigit()] == [
        [str(line), status] for _, line, _, status, _ in INTERVIEW
    ]


@pytest.mark.parametrize("label", ["主持人：", "记者：", "本报记者：", "问："])
def test_the_label_of_who_asks_belongs_to_the_question(tmp_path, label):
    # the fictional two-source catalogue's interview has 记者：; any of the labels is the same
    source = DATA / "two-sources" / "sources"
    copy = tmp_path / "two-sources"
    copy.mkdir()
    (copy / "catalogue.toml").write_bytes((DATA / "two-sources" / "catalogue.toml").read_bytes())
    (copy / "sources").mkdir()
    for path in source.iterdir():
        data = path.read_bytes()
        if path.name == "interview.zh.txt":
            data = data.replace("记者：".encode(), label.encode())
        (copy / "sources" / path.name).write_bytes(data)
    toml = copy / "sources" / "interview.toml"
    digest = hashlib.sha256((copy / "sources" / "interview.zh.txt").read_bytes()).hexdigest()
    text = toml.read_text(encoding="utf-8")
    toml.write_text(re.sub(r'sha256 = "[0-9a-f]+"', f'sha256 = "{digest}"', text), "utf-8")
    result = jjj("coverage", "test-interview", "--json", catalogue=copy / "catalogue.toml")
    assert result.exit_code == 0, result.output
    sentence = json.loads(result.stdout)[1]
    assert (sentence["line"], sentence["text"], sentence["status"]) == (
        3,
        f"{label}雄安如何吸引创新资源？",
        "question",
    )
