"""`jjj fmt`: one canonical layout for a catalogue file, and the 0.1 → 0.2 migration.

Every catalogue written here is fictional, made up for these tests: no real source, and no
words of any real person. The expected texts are written out by hand.
"""

import codecs
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jjj_cli.catalogue import load_catalogue
from jjj_cli.cli import app
from jjj_cli.curate import edit as edit_module
from jjj_cli.curate import fmt as fmt_module
from jjj_cli.curate.fmt import FormatError, format_file

from .invoke import runner
from .paths import DATA, SHIPPED

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

SCRAMBLED = """\
# Fictional: a catalogue file made up for the formatter's tests.
# Nothing in it is anyone's words.

include = [ 'more/*.toml' ]

[[proposals]]
seq = 2
id = 'b-second'
source = "forum-b"
expert = "speaker-a"
kind = "finding"
quote = "第二句。"   # the quote's own comment   \n\

# --- the themes ---
[[themes]]
name = 'Testing'
id = "testing"
aliases = ["t", "测试"]
name_zh = "测试"
definition = "A theme made up for the tests."

[[proposals]]
# above the id
id = "a-first"
invented = true
kind = "proposal"
source = "forum-a"
seq = 1
expert = "speaker-a"


quote = 'C:\\path "quoted"'
themes = ["testing"]
regions = [
    "nowhere"
]

[[proposals]]    # on the header's line
id = "b-first"
seq = 1
source = "forum-b"
"""

# by the formatter's rules: the header paragraph stays first, then `include`; themes come
# before items; in each table the keys in the model's order, an unknown key (`invented`)
# last; the items by source as `sources` names them, then seq; every comment kept where it
# belongs; one form of string
CANONICAL = """\
# Fictional: a catalogue file made up for the formatter's tests.
# Nothing in it is anyone's words.

include = ["more/*.toml"]

# --- the themes ---
[[themes]]
id = "testing"
name = "Testing"
name_zh = "测试"
definition = "A theme made up for the tests."
aliases = ["t", "测试"]

[[proposals]]
# above the id
id = "a-first"
kind = "proposal"
expert = "speaker-a"
seq = 1
themes = ["testing"]
regions = ["nowhere"]
quote = "C:\\\\path \\"quoted\\""
source = "forum-a"
invented = true

[[proposals]]  # on the header's line
id = "b-first"
seq = 1
source = "forum-b"

[[proposals]]
id = "b-second"
kind = "finding"
expert = "speaker-a"
seq = 2
quote = "第二句。"  # the quote's own comment
source = "forum-b"
"""


def test_a_scrambled_file_takes_the_canonical_layout():
    formatted = format_file(SCRAMBLED, sources=["forum-a", "forum-b"])
    assert formatted.text == CANONICAL
    assert formatted.migrated is False


def test_items_of_a_source_the_catalogue_does_not_order_follow_the_file():
    # no order given: forum-b is named first in the file, so its items come first
    text = format_file(SCRAMBLED).text
    ids = [record["id"] for record in tomllib.loads(text)["proposals"]]
    assert ids == ["b-first", "b-second", "a-first"]
    # and forum-a, unknown to the order given, after the one that is known
    text = format_file(SCRAMBLED, sources=["forum-b"]).text
    assert [record["id"] for record in tomllib.loads(text)["proposals"]] == ids


def test_the_canonical_layout_is_kept_byte_for_byte():
    assert format_file(CANONICAL, sources=["forum-a", "forum-b"]).text == CANONICAL


# A catalogue in the 0.1 form: one [source], each expert with the headline and question of
# their one appearance. Fictional, like everything here.
OLD_FORM = """\
#:schema ../schema/catalogue.schema.json
# Fictional: a catalogue of version 0.1 made up for the migration's tests.

[source]
id = "test-forum"
title = "测试座谈会"
title_en = "A test forum"
file = "sources/test.zh.txt"
sha256 = "0000000000000000000000000000000000000000000000000000000000000000"
language = "zh"
period = "2030"

# --- the speakers ---
[[experts]]
id = "speaker-a"
name = "Speaker A"
name_zh = "甲"
affiliation = "A made-up institute"
affiliation_zh = "某虚构研究所"
headline = "A made-up headline"
headline_zh = "虚构的标题"
# the question put to A
question = "A made-up question?"
question_zh = "虚构的问题？"
note = "Why the headline is A's."

[[experts]]
id = "speaker-b"
name = "Speaker B"
name_zh = "乙"
affiliation = "A made-up university"
affiliation_zh = "某虚构大学"
headline = "Another headline"
headline_zh = "另一个标题"
question = "Another question?"
question_zh = "另一个问题？"

[[proposals]]
id = "a-one"
kind = "proposal"
expert = "speaker-a"
seq = 1
quote = "第一句。"
note = "An item's note."

[[figures]]
id = "a-count"
expert = "speaker-a"
value = 3
quote = "三个。"
"""

# [source] is [[sources]]; what each expert said in it goes to an [[appearances]] record, with
# the comment over its question; every item and figure names the source, before its note
NEW_FORM = """\
#:schema ../schema/catalogue.schema.json
# Fictional: a catalogue of version 0.1 made up for the migration's tests.

[[sources]]
id = "test-forum"
title = "测试座谈会"
title_en = "A test forum"
file = "sources/test.zh.txt"
sha256 = "0000000000000000000000000000000000000000000000000000000000000000"
language = "zh"
period = "2030"

# --- the speakers ---
[[experts]]
id = "speaker-a"
name = "Speaker A"
name_zh = "甲"
affiliation = "A made-up institute"
affiliation_zh = "某虚构研究所"

[[experts]]
id = "speaker-b"
name = "Speaker B"
name_zh = "乙"
affiliation = "A made-up university"
affiliation_zh = "某虚构大学"

[[appearances]]
expert = "speaker-a"
source = "test-forum"
headline = "A made-up headline"
headline_zh = "虚构的标题"
# the question put to A
question = "A made-up question?"
question_zh = "虚构的问题？"
note = "Why the headline is A's."

[[appearances]]
expert = "speaker-b"
source = "test-forum"
headline = "Another headline"
headline_zh = "另一个标题"
question = "Another question?"
question_zh = "另一个问题？"

[[proposals]]
id = "a-one"
kind = "proposal"
expert = "speaker-a"
seq = 1
quote = "第一句。"
source = "test-forum"
note = "An item's note."

[[figures]]
id = "a-count"
expert = "speaker-a"
value = 3
quote = "三个。"
source = "test-forum"
"""


def test_the_old_form_is_migrated():
    migrated = format_file(OLD_FORM)
    assert migrated.text == NEW_FORM
    assert migrated.migrated is True
    # and once migrated, it is in the layout: nothing more to do
    assert format_file(NEW_FORM) == (NEW_FORM, False)


def test_an_old_source_without_an_id_cannot_be_migrated():
    with pytest.raises(FormatError, match=r"\[source\] table has no id"):
        format_file(OLD_FORM.replace('id = "test-forum"\n', ""))


# Comments in every place a curator may write one, in a file already in the layout: fmt
# changes nothing, not a blank line between two paragraphs of a comment.
COMMENTED = """\
#:schema ../schema/catalogue.schema.json
# Fictional catalogue for the tests.
#
# A second paragraph of the header.

# -----------------------------------------------------------------------
# Themes: a paragraph over the table.

[[themes]]
id = "alpha"
name = "Alpha"
name_zh = "甲"
# over a key
definition = "The first letter, for the tests."
aliases = [
  "a",  # after an element
  # a line of its own in the array
  "α",
]

# --- figures, the last table ---
[[figures]]  # on the header
id = "alpha-count"

# closing the file
"""


def test_comments_blank_lines_between_paragraphs_and_layout_are_kept():
    assert format_file(COMMENTED).text == COMMENTED


def test_an_editors_schema_line_stays_the_first_line():
    schema = "#:schema ../schema/catalogue.schema.json\n"
    text = schema + "[[themes]]\nid = 't'\n[[experts]]\nid = 'e'\n"
    expected = schema + '\n[[experts]]\nid = "e"\n\n[[themes]]\nid = "t"\n'
    assert format_file(text).text == expected


def test_blank_lines_are_one_between_tables_none_inside_and_no_trailing_space():
    text = (
        "\n\n[[themes]]   \nid = 'x'   \n\n\nname = 'X'\n\n\n\n# about y   \n\n\n\n"
        "[[themes]]\nid = 'y'\n\n\n# the end   \n\n\n"
    )
    expected = (
        '[[themes]]\nid = "x"\nname = "X"\n\n# about y\n\n[[themes]]\nid = "y"\n\n# the end\n'
    )
    assert format_file(text).text == expected


def test_an_array_stays_on_its_line_up_to_100_columns_counting_a_cjk_character_as_two():
    # `aliases = [""]` is 14 columns: 86 more fill the line
    fits = "x" * 86
    assert format_file(f'[[themes]]\naliases = [\n  "{fits}",\n]\n').text == (
        f'[[themes]]\naliases = ["{fits}"]\n'
    )
    # 43 Chinese characters are 86 columns too; 44 are 88, 2 too many
    cjk = "测" * 43
    assert format_file(f'[[themes]]\naliases = ["{cjk}"]\n').text == (
        f'[[themes]]\naliases = ["{cjk}"]\n'
    )
    for long in ["x" * 87, "测" * 44]:
        assert format_file(f'[[themes]]\naliases = ["{long}"]\n').text == (
            f'[[themes]]\naliases = [\n  "{long}",\n]\n'
        )


def test_long_arrays_take_a_line_per_element_and_inline_tables_one_spacing():
    links = ", ".join(f'{{id="item-number-{n}",relation="echoes"}}' for n in range(3))
    text = f"[[proposals]]\nrelated = [{links}]\n"
    expected = (
        "[[proposals]]\nrelated = [\n"
        '  { id = "item-number-0", relation = "echoes" },\n'
        '  { id = "item-number-1", relation = "echoes" },\n'
        '  { id = "item-number-2", relation = "echoes" },\n'
        "]\n"
    )
    assert format_file(text).text == expected


def test_strings_are_basic_and_escaped_only_where_toml_needs_it():
    text = (
        "[[themes]]\n"
        "id = 'literal'\n"
        'name = "\\u6D4B\\u8BD5 \\u00e9"\n'  # escapes of what needs none
        "name_zh = '''a 'literal' multi-line string on one line'''\n"
        'definition = "tab\\there, bell\\u0007, quote \\" and backslash \\\\"\n'
    )
    expected = (
        "[[themes]]\n"
        'id = "literal"\n'
        'name = "测试 é"\n'
        "name_zh = \"a 'literal' multi-line string on one line\"\n"
        'definition = "tab\\there, bell\\u0007, quote \\" and backslash \\\\"\n'
    )
    assert format_file(text).text == expected


def test_a_multi_line_string_is_written_on_one_line():
    text = r'''[[themes]]
note = """
one
two \\ "three"
"""
'''
    formatted = format_file(text).text
    assert formatted == '[[themes]]\nnote = "one\\ntwo \\\\ \\"three\\"\\n"\n'
    assert tomllib.loads(formatted)["themes"][0]["note"] == 'one\ntwo \\ "three"\n'


def test_numbers_dates_and_booleans_stay_as_written():
    text = "[[figures]]\nvalue = 1_000.50\nyear = 0x7E8\n[[sources]]\ndate = 2024-01-02\n"
    formatted = format_file(text).text
    assert "value = 1_000.50\n" in formatted
    assert "year = 0x7E8\n" in formatted
    assert "date = 2024-01-02\n" in formatted


def test_a_nested_table_is_written_inline_and_a_comment_in_it_is_refused():
    assert format_file("[[figures]]\nid = 'x'\n[figures.extra]\nb = 1\n").text == (
        '[[figures]]\nid = "x"\nextra = { b = 1 }\n'
    )
    with pytest.raises(FormatError, match="# kept"):
        format_file("[[figures]]\nid = 'x'\n[figures.extra]\nb = 1  # kept\n")


def test_what_is_not_toml_is_a_format_error():
    with pytest.raises(FormatError, match="not TOML"):
        format_file("[[themes]\nid = 1\n")


def test_an_empty_file_stays_empty():
    assert format_file("").text == ""
    assert format_file("\n\n").text == ""


# Generated catalogue files: records of every table with their keys in any order, strings of
# any characters written in either quoting, arrays on one line or several, comments above
# tables and keys and at the ends of lines, blank lines anywhere. Each comment is numbered
# with a sign no generated value holds, so that it can be counted in what fmt writes.
MARK = "§"
TABLE_NAMES = ["experts", "themes", "regions", "proposals", "figures", "unknown-table"]
FIELD_NAMES = ["id", "name", "aliases", "quote", "seq", "source", "related", "note", "extra"]
WORDS = st.text(st.characters(blacklist_characters=MARK, blacklist_categories=["Cs"]))
COMMENT_WORDS = st.text(
    st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"], blacklist_characters="\x7f"),
    max_size=20,
)


@st.composite
def catalogue_files(draw):
    lines: list[str] = []
    comments = 0

    def blanks():
        lines.extend([""] * draw(st.integers(0, 2)))

    def comment() -> str:
        nonlocal comments
        comments += 1
        return f"# {MARK}{comments} {draw(COMMENT_WORDS)}".rstrip()

    def string(value: str) -> str:
        literal = not any(char in value for char in "'\n\r\t\x7f") and value.isprintable()
        if literal and draw(st.booleans()):
            return f"'{value}'"
        basic = json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
        if draw(st.booleans()):  # every character beyond ASCII escaped
            basic = "".join(char if char < "\x80" else f"\\U{ord(char):08X}" for char in basic)
        return basic

    def eol() -> str:
        return ("  " + comment()) if draw(st.integers(0, 4)) == 0 else ""

    if draw(st.booleans()):
        lines += [comment(), ""]
    if draw(st.booleans()):
        lines.append(f"include = [{string('sources/*.toml')}]{eol()}")
    for _ in range(draw(st.integers(0, 8))):
        blanks()
        if draw(st.integers(0, 2)) == 0:
            lines.append(comment())
            blanks()
        lines.append(f"[[{draw(st.sampled_from(TABLE_NAMES))}]]{eol()}")
        for name in draw(st.permutations(FIELD_NAMES))[: draw(st.integers(0, 6))]:
            if draw(st.integers(0, 3)) == 0:
                lines.append(comment())
            if name == "seq":
                lines.append(f"seq = {draw(st.integers(1, 9))}{eol()}")
            elif name == "source":
                lines.append(f"source = {string(draw(st.sampled_from('xyz')))}{eol()}")
            elif name == "related":
                links = [
                    f"{{ id = {string(draw(WORDS))}, relation = {string('echoes')} }}"
                    for _ in range(draw(st.integers(0, 3)))
                ]
                lines.append(f"related = [{', '.join(links)}]{eol()}")
            elif name == "aliases":
                elements = [string(value) for value in draw(st.lists(WORDS, max_size=6))]
                if draw(st.booleans()):
                    lines.append(f"aliases = [{', '.join(elements)}]{eol()}")
                else:
                    lines += ["aliases = [", *(f"  {e},{eol()}" for e in elements), "]"]
            else:
                lines.append(f"{name} = {string(draw(WORDS))}{eol()}")
            blanks()
    if draw(st.booleans()):
        lines.append(comment())
    return "\n".join(lines) + "\n", comments


def expected_data(text: str) -> dict:
    """The file's data as fmt must keep it: the items by source (in the order the file first
    names them), then seq; everything else as it is."""
    data = tomllib.loads(text)
    items = data.get("proposals", [])
    sources = list(dict.fromkeys(item["source"] for item in items if "source" in item))

    def order(item):
        source = sources.index(item["source"]) if "source" in item else len(sources)
        return source, item.get("seq", float("inf"))

    if items:
        data["proposals"] = sorted(items, key=order)
    return data


@given(catalogue_files())
def test_fmt_keeps_data_and_comments_and_a_second_run_changes_nothing(generated):
    text, comments = generated
    formatted = format_file(text).text
    assert tomllib.loads(formatted) == expected_data(text)
    assert format_file(formatted).text == formatted
    numbers = Counter(word.split()[0] for word in formatted.split(f"# {MARK}")[1:] if word.split())
    assert numbers == Counter(str(number) for number in range(1, comments + 1))
    lines = formatted.split("\n")
    assert formatted == "" or (lines[-1] == "" and lines[-2] != "")
    assert all(line == line.rstrip() for line in lines)
    assert "\n\n\n" not in formatted


# ---------------------------------------------------------------------------------------------
# The command: every file of a catalogue, written through curate/edit.py

FIXTURE = DATA / "fmt"  # a fictional catalogue in two files, not in the layout

# tests/data/fmt/catalogue.toml as fmt writes it: experts before themes, Speaker Yi's name
# before name_zh, `include` in double quotes; the comment over `include` stays over it
CATALOGUE_FORMATTED = """\
# Fictional: a catalogue made up for the tests of `jjj fmt`, in two files. Its source, its
# speakers and their words are invented; none of it is anyone's.
include = ["sources/*.toml"]

[[experts]]
id = "speaker-jia"
name = "Speaker Jia"
name_zh = "甲"
affiliation = "A made-up institute"
affiliation_zh = "某虚构研究所"

[[experts]]
id = "speaker-yi"
name = "Speaker Yi"
name_zh = "乙"
affiliation = "A made-up university"
affiliation_zh = "某虚构大学"

[[themes]]
id = "greenery"
name = "Greenery"
name_zh = "绿化"
definition = "Trees, parks and clean water, for the tests."

[[regions]]
id = "test-city"
name = "Test City"
name_zh = "测试市"
level = "city"
"""

# tests/data/fmt/sources/forum.toml as fmt writes it: the items in seq order, Jia's comment
# over the first of Jia's items, `source` after `quote` in each
FORUM_FORMATTED = """\
# Fictional: the made-up forum of tests/data/fmt/catalogue.toml.

[[sources]]
id = "fmt-forum"
title = "测试论坛"
title_en = "A forum made up for the tests"
file = "forum.zh.txt"
sha256 = "0bef1b351a4d0cbf8cd88ae7944c5ff536655151536158f5ae9e31c7bab4be5a"
language = "zh"

# Jia's two items
[[proposals]]
id = "jia-more-trees"
kind = "proposal"
expert = "speaker-jia"
seq = 1
title = "Plant more trees"
title_zh = "多种树"
summary = "Plant more trees."
summary_zh = "应当多种树。"
themes = ["greenery"]
regions = []
quote = "我们应当多种树。"
source = "fmt-forum"

[[proposals]]
id = "jia-more-parks"
kind = "proposal"
expert = "speaker-jia"
seq = 2
title = "More parks"
title_zh = "更多公园"
summary = "The city needs more parks."
summary_zh = "城市需要更多公园。"
themes = ["greenery"]
regions = ["test-city"]
quote = "城市需要更多公园。"
source = "fmt-forum"

[[proposals]]
id = "yi-clean-river"
kind = "finding"
expert = "speaker-yi"
seq = 3
title = "The river is getting cleaner"
title_zh = "河水变清"
summary = "The river is getting cleaner."
summary_zh = "河水越来越清。"
themes = ["greenery"]
regions = ["test-city"]
quote = "河水越来越清了。"
source = "fmt-forum"
"""


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def fixture_copy(tmp_path, monkeypatch) -> Path:
    """A copy of tests/data/fmt to format, as the working directory."""
    shutil.copytree(FIXTURE, tmp_path / "catalogue")
    monkeypatch.chdir(tmp_path / "catalogue")
    return tmp_path / "catalogue"


def fmt(*args: str, catalogue: Path | str = "catalogue.toml"):
    return runner.invoke(app, ["--catalogue", str(catalogue), "fmt", *args])


def test_fmt_rewrites_every_file_of_the_catalogue_and_names_them(fixture_copy):
    result = fmt()
    assert result.exit_code == 0, result.output
    assert result.stdout == "catalogue.toml\nsources/forum.toml\n"
    assert result.stderr == "Reformatted 2 of 2 catalogue files.\n"
    assert (fixture_copy / "catalogue.toml").read_text(encoding="utf-8") == CATALOGUE_FORMATTED
    assert (fixture_copy / "sources" / "forum.toml").read_text(encoding="utf-8") == (
        FORUM_FORMATTED
    )
    # nothing else written: no temporary file left, the source text untouched
    assert sorted(snapshot(fixture_copy)) == [
        "catalogue.toml",
        "sources/forum.toml",
        "sources/forum.zh.txt",
    ]
    assert (fixture_copy / "sources" / "forum.zh.txt").read_bytes() == (
        FIXTURE / "sources" / "forum.zh.txt"
    ).read_bytes()
    again = fmt()
    assert (again.exit_code, again.stdout) == (0, "")
    assert again.stderr == "All 2 catalogue files are already formatted.\n"


def test_a_file_with_a_byte_order_mark_keeps_it_when_formatted(fixture_copy):
    entry = fixture_copy / "catalogue.toml"
    entry.write_bytes(codecs.BOM_UTF8 + entry.read_bytes())
    result = fmt()
    assert result.exit_code == 0, result.output
    assert entry.read_bytes() == codecs.BOM_UTF8 + CATALOGUE_FORMATTED.encode("utf-8")


def test_check_changes_nothing_and_fails_listing_the_files_that_would_change(fixture_copy):
    before = snapshot(fixture_copy)
    result = fmt("--check")
    assert result.exit_code == 1, result.output
    assert result.stdout == "catalogue.toml\nsources/forum.toml\n"
    assert result.stderr == (
        "2 of 2 catalogue files would be reformatted; `jjj fmt` rewrites them.\n"
    )
    assert snapshot(fixture_copy) == before
    (fixture_copy / "catalogue.toml").write_text(CATALOGUE_FORMATTED, encoding="utf-8")
    result = fmt("--check")
    assert (result.exit_code, result.stdout) == (1, "sources/forum.toml\n")


def test_check_passes_on_a_formatted_catalogue_with_one_line():
    files = len(load_catalogue(SHIPPED).files)  # the entry file and the source files it includes
    assert files > 1
    result = fmt("--check", catalogue=SHIPPED)
    assert (result.exit_code, result.stdout) == (0, ""), result.output
    assert result.stderr == f"All {files} catalogue files are already formatted.\n"


def test_the_shipped_catalogue_is_formatted_file_by_file():
    catalogue = load_catalogue(SHIPPED)
    sources = [source.id for source in catalogue.sources]
    assert len(catalogue.files) > 1  # the entry file, and what it includes
    for path in catalogue.files:
        text = path.read_text(encoding="utf-8")
        assert format_file(text, sources=sources).text == text, path


def test_a_catalogue_with_problems_is_reported_and_left_alone(fixture_copy):
    forum = fixture_copy / "sources" / "forum.toml"
    forum.write_text(
        forum.read_text(encoding="utf-8").replace('id = "jia-more-parks"', 'id = "jia-more-trees"'),
        encoding="utf-8",
    )
    before = snapshot(fixture_copy)
    for args in ([], ["--check"]):
        result = fmt(*args)
        assert (result.exit_code, result.stdout) == (1, ""), result.output
        assert "duplicate id" in result.stderr
        assert snapshot(fixture_copy) == before


def test_a_file_changed_by_someone_else_meanwhile_is_not_overwritten(fixture_copy, monkeypatch):
    forum = fixture_copy / "sources" / "forum.toml"
    theirs = forum.read_text(encoding="utf-8").replace("Plant more trees", "Plant many trees")

    def reformat_while_someone_edits(edit, catalogue):
        changed = real_reformat(edit, catalogue)
        forum.write_text(theirs, encoding="utf-8")  # after jjj read it, before it writes
        return changed

    real_reformat = fmt_module.reformat
    monkeypatch.setattr(fmt_module, "reformat", reformat_while_someone_edits)
    before = (fixture_copy / "catalogue.toml").read_bytes()
    result = fmt()
    assert (result.exit_code, result.stdout) == (1, ""), result.output
    assert result.stderr == (
        "Error: sources/forum.toml changed since jjj read it; nothing written\n"
    )
    assert forum.read_text(encoding="utf-8") == theirs
    assert (fixture_copy / "catalogue.toml").read_bytes() == before


def test_the_catalogue_installed_with_jjj_is_not_rewritten(fixture_copy, monkeypatch):
    monkeypatch.setattr(edit_module, "INSTALLED", fixture_copy)
    before = snapshot(fixture_copy)
    result = fmt()
    assert (result.exit_code, result.stdout) == (2, ""), result.output
    assert "jjj init DIR --from-shipped" in result.stderr
    assert snapshot(fixture_copy) == before
    # checking it changes nothing, and is allowed
    assert fmt("--check").exit_code == 1


def test_a_catalogue_of_the_old_form_is_migrated_and_says_so(tmp_path, monkeypatch):
    shutil.copy(DATA / "legacy-0.1.toml", tmp_path / "legacy.toml")
    shutil.copytree(DATA / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    before = load_catalogue(tmp_path / "legacy.toml")
    result = fmt(catalogue="legacy.toml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "legacy.toml\n"
    assert result.stderr.splitlines() == [
        "legacy.toml is migrated from the 0.1 form: [source] to [[sources]], each expert's "
        "headline, question and note to an [[appearances]] record; every item and figure names "
        "its source.",
        "Reformatted 1 of 1 catalogue file.",
    ]
    text = (tmp_path / "legacy.toml").read_text(encoding="utf-8")
    assert (
        "\n[source]\n" not in text and "\n[[sources]]\n" in text and "\n[[appearances]]\n" in text
    )
    after = load_catalogue(tmp_path / "legacy.toml")
    for table in ("sources", "experts", "appearances", "themes", "regions", "items", "figures"):
        assert getattr(after, table) == getattr(before, table), table  # the same catalogue
    check = fmt("--check", catalogue="legacy.toml")
    assert check.exit_code == 0
    assert check.stderr == "The catalogue file is already formatted.\n"


def test_a_windows_file_keeps_what_a_multi_line_string_holds():
    # fictional: a theme whose definition spans two lines in a file saved with \r\n
    text = (
        '[[themes]]\r\nid = "ports"\r\nname = "Ports"\r\nname_zh = "港口"\r\n'
        'definition = """first\r\nsecond"""\r\n'
    )
    formatted = format_file(text).text
    assert 'definition = "first\\nsecond"\n' in formatted
    assert tomllib.loads(formatted) == tomllib.loads(text)


def test_fmt_refuses_a_layout_that_would_change_a_value(monkeypatch):
    # should the layout ever lose or change a value, the file is refused rather than written
    from jjj_cli.curate import fmt as fmt_module

    lines = fmt_module._lines

    def losing(*args, **options):
        return [line for line in lines(*args, **options) if not line.startswith("name_zh")]

    monkeypatch.setattr(fmt_module, "_lines", losing)
    with pytest.raises(fmt_module.FormatError, match="would change what themes hold"):
        format_file('[[themes]]\nid = "ports"\nname = "Ports"\nname_zh = "港口"\n')
