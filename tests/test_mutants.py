"""Tests that mutation testing (`nox -s mutation`, docs/mutation.md) found missing: each
kills a mutant that survived the rest of the suite. Expected values are worked by hand."""

import io
import os
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from jjj_cli import query, streams
from jjj_cli.catalogue import Expert, Problem, load_catalogue
from jjj_cli.files import DirectoryNotEmpty, NotAFile, OutputExists, OutputUnwritable
from jjj_cli.render import plain, problems, records
from jjj_cli.render.added import record as added_record
from jjj_cli.render.output import Mode
from jjj_cli.render.plain import value_text

from .invoke import jjj
from .paths import MINI


def test_each_output_error_keeps_what_it_names_for_a_caller():
    # a script using the library reads which file was refused, not only the message
    path = Path("fiction") / "out.csv"
    assert OutputExists(path).path == path
    assert DirectoryNotEmpty(path, "is not empty").path == path
    assert NotAFile("fiction/").written == "fiction/"
    assert OutputUnwritable(path, PermissionError(13, "Permission denied")).path == path


def test_an_error_without_a_system_reason_is_named_by_its_own_words():
    # an OSError raised with a message alone has no strerror: the message is the reason
    error = OutputUnwritable(Path("out.csv"), OSError("the disk went away (fictional)"))
    assert str(error) == "cannot write out.csv: the disk went away (fictional)"
    with_reason = OutputUnwritable(Path("out.csv"), PermissionError(13, "Permission denied"))
    assert str(with_reason) == "cannot write out.csv: Permission denied"


def test_a_record_in_a_cell_is_its_id_with_its_relation_if_it_has_one():
    assert value_text([{"id": "fiction-a"}, {"id": "fiction-b"}]) == "fiction-a,fiction-b"
    assert value_text([{"id": "fiction-a", "relation": "echoes"}]) == "fiction-a (echoes)"
    assert value_text([{"id": "fiction-a", "relation": None}]) == "fiction-a"
    # an expert's appearances have no id: each is named by its source
    assert value_text([{"source": "fiction-forum", "headline": "x"}]) == "fiction-forum"


# streams.py runs in cli.process.main, before any output: only tests that start jjj as a
# process of its own reached it, and mutmut counts only what a test reaches in-process.


def test_a_character_a_stream_cannot_encode_is_written_as_json_writes_it():
    streams.prepare()
    # 王 (U+738B) as one escape; 😀 (U+1F600), beyond the BMP, as JSON's surrogate pair
    assert "王a😀".encode("ascii", errors=streams.ESCAPE) == b"\\u738ba\\ud83d\\ude00"
    # a run of them (王明) is escaped once, each character in turn
    assert "王明".encode("ascii", errors=streams.ESCAPE) == b"\\u738b\\u660e"
    assert "é".encode("latin-1", errors=streams.ESCAPE) == "é".encode("latin-1")
    assert "€".encode("latin-1", errors=streams.ESCAPE) == b"\\u20ac"
    # either side of the BMP's end: U+FFFF is one escape, U+10000 the first surrogate pair,
    # (0x10000 - 0x10000) >> 10 = 0 and & 0x3FF = 0 over D800 and DC00
    assert "\uffff\U00010000".encode("ascii", errors=streams.ESCAPE) == b"\\uffff\\ud800\\udc00"


def test_a_decoding_error_is_not_the_escapes_to_handle():
    streams.prepare()
    with pytest.raises(UnicodeDecodeError):
        b"\xff".decode("utf-8", errors=streams.ESCAPE)


@pytest.mark.parametrize(
    "encoding, escaped",
    [("ascii", True), ("latin-1", True), ("utf-8", False), ("UTF8", False), ("gb18030", False)],
)
def test_prepare_escapes_on_a_stream_that_cannot_hold_chinese(monkeypatch, encoding, escaped):
    stdout = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    stderr = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(sys, "stderr", stderr)
    streams.prepare()
    for stream in (stdout, stderr):
        assert (stream.errors == streams.ESCAPE) is escaped, (encoding, stream)


@pytest.mark.parametrize(
    "clicolor, no_color", [("0", "1"), ("1", None), (None, None)], ids=["0", "1", "unset"]
)
def test_clicolor_0_turns_colour_off_as_no_color_does(monkeypatch, clicolor, no_color):
    # prepare() sets NO_COLOR in os.environ itself; monkeypatch restores only what it saw
    # there, so it is set first: else the tests after this one run without colour
    monkeypatch.setenv("NO_COLOR", "")
    monkeypatch.delenv("NO_COLOR")
    if clicolor is None:
        monkeypatch.delenv("CLICOLOR", raising=False)
    else:
        monkeypatch.setenv("CLICOLOR", clicolor)
    streams.prepare()
    assert os.environ.get("NO_COLOR") == no_color


def test_an_unknown_encoding_is_taken_for_one_that_cannot_hold_chinese(monkeypatch):
    class Named(io.TextIOWrapper):
        encoding = "no-such-encoding"  # what a misconfigured environment may report

    stdout = Named(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stdout)
    streams.prepare()
    assert stdout.errors == streams.ESCAPE


def test_a_filter_on_a_facet_the_catalogue_has_none_of_says_so(catalogue_copy):
    # mini.toml without its themes: nothing to suggest, no ids to list
    text = MINI.read_text(encoding="utf-8")
    text = re.sub(r"\[\[themes\]\]\n(?:[^\[\n].*\n|\n)*", "", text)
    text = re.sub(r"^themes = \[.*\]$", "themes = []", text, flags=re.MULTILINE)
    assert "[[themes]]" not in text
    result = jjj("list", "--theme", "clusters", catalogue=catalogue_copy(text))
    assert result.exit_code == 2, result.output
    assert result.stderr == "Error: unknown theme 'clusters'. The catalogue has none yet.\n"


# query._suggest, at each boundary of its heuristics. The lookups are fictional: a name as
# typed (name_key) to the id it names. Each expected answer is worked by hand from the
# docstring's rules and difflib's cutoff (a ratio of 0.6: twice the matched characters over
# the two lengths).


def test_three_latin_letters_inside_a_name_suggest_it():
    # "ind" is inside "industry"; its ratio, 2*3/11 = 0.55, is below difflib's cutoff, so
    # only the rule that three letters say something suggests it
    assert query._suggest("ind", {"industry": "fiction-industry"}) == ["fiction-industry"]
    # two letters are inside too many names to say anything ("in": 2*2/10 = 0.4)
    assert query._suggest("in", {"industry": "fiction-industry"}) == []


def test_a_two_character_chinese_name_inside_a_longer_key_is_suggested():
    # 雄安 inside 雄安新区建设: 2*2/8 = 0.5, below the cutoff; one Chinese character (京)
    # inside the key is not enough, for 南京 is not Beijing
    lookup = {"雄安": "fiction-xiongan", "京": "fiction-beijing"}
    assert query._suggest("雄安新区建设", lookup) == ["fiction-xiongan"]


def test_a_two_letter_name_an_edit_away_is_suggested_and_one_letter_is_not():
    # "ye" is not inside "yee" as a telling part (two Latin letters), but 2*2/5 = 0.8 is
    # close; "y" alone (2*1/4 = 0.5) is neither
    assert query._suggest("yee", {"ye": "fiction-ye"}) == ["fiction-ye"]
    assert query._suggest("yy", {"y": "fiction-y"}) == []


def test_up_to_five_close_names_are_suggested():
    # each of these is one letter from the key (2*4/10 = 0.8) and none contains it; difflib
    # breaks a tie of ratios by the name, the last in order first, so abcde is the one left out
    lookup = {f"abcd{letter}": f"fiction-{letter}" for letter in "efghij"}
    assert query._suggest("abcdx", lookup) == [f"fiction-{letter}" for letter in "jihgf"]
    assert len(query._suggest("abcdx", lookup)) == query.SUGGESTIONS == 5


def test_a_stream_whose_reader_has_gone_is_sent_to_the_null_device():
    # streams.discard, in this process: a pipe whose reading end is closed, as a reader that
    # went (head -1) leaves it; before, a flush fails; after, it is written and lost quietly,
    # through the same descriptor, and discard leaves no descriptor of its own open
    read, write = os.pipe()
    os.close(read)
    stream = io.TextIOWrapper(io.FileIO(write, "w"), encoding="utf-8")
    try:
        stream.write("fictional line\n")
        with pytest.raises(BrokenPipeError):
            stream.flush()
        open_before = sorted(os.listdir("/dev/fd"))
        streams.discard(stream)
        assert sorted(os.listdir("/dev/fd")) == open_before
        assert stream.fileno() == write
        stream.write("fictional line\n" * 10_000)  # more than a pipe holds
        stream.flush()
        assert os.path.samestat(os.fstat(write), os.stat(os.devnull))
    finally:
        stream.close()


# render/: the small modules' survivors (added, records, plain, problems, diff)


def test_a_source_added_in_json_has_its_date_as_text_and_its_file_as_given():
    source = load_catalogue(MINI).sources[0]._replace(date=date(2022, 5, 1))
    assert added_record(source)["date"] == "2022-05-01"  # a date object is no JSON
    # without a file given, the source's own (relative) file; given one, that one
    assert added_record(source)["file"] == "sources/mini.zh.txt"
    assert added_record(source, "elsewhere/mini.zh.txt")["file"] == "elsewhere/mini.zh.txt"
    # an expert has no file, whatever is given
    expert = load_catalogue(MINI).experts[0]
    assert "file" not in added_record(expert, "elsewhere/mini.zh.txt")


def test_an_expert_who_has_not_appeared_yet_has_no_first_headline():
    # as `add expert` leaves one, before any appearance is written
    expert = Expert("fiction-expert", "A. Fiction", "虚构", None, None, None)
    assert records.expert(expert, []) == {
        "id": "fiction-expert",
        "name": "A. Fiction",
        "name_zh": "虚构",
        "affiliation": None,
        "affiliation_zh": None,
        "note": None,
        "headline": None,
        "headline_zh": None,
        "question": None,
        "question_zh": None,
        "appearances": [],
    }


def test_a_list_of_texts_that_speak_of_an_example_is_no_list_of_rules():
    record = {"id": "fiction-a", "aliases": ["an example (fictional)", "another example"]}
    assert plain.fields(record) == (
        "field\tvalue\nid\tfiction-a\naliases\tan example (fictional),another example"
    )


def test_problems_on_a_terminal_are_lines_inside_the_margin_wrapped_under_their_start():
    from rich.console import Console

    problem = Problem("fiction.toml", 3, None, "quote", "is not in the source text (fictional)")
    console = Console(file=io.StringIO(), width=40, force_terminal=True, color_system=None)
    console.print(problems.report([problem], Mode.TABLE))
    # 40 columns, a cell of margin each side: 38 to a line; a continuation 2 further in
    assert console.file.getvalue().splitlines() == [
        " fiction.toml:3: field 'quote': is not",
        "   in the source text (fictional)",
        " 1 problem in fiction.toml",
    ]


def test_a_difference_marks_old_values_red_and_new_ones_green():
    from rich.console import Console

    from jjj_cli.curate.diff import compare
    from jjj_cli.render.diff import Report

    from .test_diff import NEW, OLD

    console = Console(file=io.StringIO(), width=200, force_terminal=True, color_system="standard")
    console.print(Report(compare(load_catalogue(OLD), load_catalogue(NEW)), "old", "new"))
    lines = console.file.getvalue().splitlines()
    red, green = "\x1b[31m− \x1b[0m", "\x1b[32m+ \x1b[0m"
    for shown in (
        # a field's value (the expert's note), and the records of a list (his appearances)
        f"       {red}A fictional speaker.",
        f"       {green}\x1b[2m(none)\x1b[0m",
        f"       {red}mini-forum; headline: Build world-class clusters; headline_zh: 打造世界级"
        "产业集群",
        f"       {green}mini-interview",
    ):
        assert shown in lines, shown


def test_figures_in_chinese_in_a_pipe_have_the_chinese_indicator_alone():
    # the English indicator is the other language's, and the quote is left to --json
    result = jjj("figures", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split("\t") == [
        "id",
        "expert",
        "indicator_zh",
        "value",
        "unit",
        "year",
        "region",
        "compared_with",
        "ratio",
        "source",
    ]
