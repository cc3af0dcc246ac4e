"""`jjj add item`: the quote found in its source as `verify` finds it, the item written in source
order with its seq (the later items renumbered only when they must be), every other byte of
every file unchanged, and every refusal leaving every file as it was.

The catalogue is tests/data/fiction-items: two fictional sources, fictional speakers."""

import codecs
import io
import json
import shutil
from pathlib import Path

import pytest
import typer
from hypothesis import assume, given
from hypothesis import strategies as st

from jjj_cli.catalogue import Item, load_catalogue
from jjj_cli.cli import app
from jjj_cli.cli.environment import Environment
from jjj_cli.curate import items, write_item

from .invoke import Written, runner, usage_error
from .paths import DATA

FICTION = DATA / "fiction-items"
HARBOUR = "sources/harbour-talk.toml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the fictional catalogue, to change."""
    shutil.copytree(FICTION, tmp_path / "fiction")
    return tmp_path / "fiction"


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def add(folder: Path, *args: str, terminal: bool = False, input: str | None = None) -> Written:
    """Run `jjj add item ARGS` on the catalogue in `folder`; `terminal`: stdin and stderr are a
    person's terminal (who can be asked), else pipes."""
    environment = Environment(
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        stderr_isatty=terminal,
        stdin_isatty=terminal,
    )
    line = ["--catalogue", str(folder / "catalogue.toml"), "add", "item", *args]
    result = runner.invoke(app, line, obj=environment, input=input)
    stdout, stderr = environment.stdout.getvalue(), environment.stderr.getvalue()
    return Written(result.exit_code, stdout, stderr, result.output + stdout + stderr)


TEXTS = (
    "--title",
    "A green space by the docks",
    "--title-zh",
    "码头旁的绿地",
    "--summary",
    "Build a green space by the docks.",
    "--summary-zh",
    "在码头旁建设一片绿地。",
)
# In the source the words run over a line break, and 让市民走近水边 is spaced out, 让 市 民 …
GREEN = "我们还应当在码头旁边建设一片绿地，让市民走近水边。"
GREEN_ARGS = (
    "--source",
    "harbour-talk",
    "--expert",
    "Zhen Yan",
    "--quote",
    GREEN,
    "--kind",
    "proposal",
    "--theme",
    "parks",
    "--region",
    "河镇",
    *TEXTS,
)
# The table as the curator would write it by hand: the model's fields in its order.
GREEN_TABLE = """[[proposals]]
id = "zhen-green-space-docks"
kind = "proposal"
expert = "zhen-yan"
seq = 2
title = "A green space by the docks"
title_zh = "码头旁的绿地"
summary = "Build a green space by the docks."
summary_zh = "在码头旁建设一片绿地。"
themes = ["greenery"]
regions = ["river-town"]
quote = "我们还应当在码头旁边建设一片绿地，让市民走近水边。"
source = "harbour-talk"
"""


def seqs(folder: Path) -> dict[str, int]:
    catalogue = load_catalogue(folder / "catalogue.toml")
    return {item.id: item.seq for item in catalogue.items}


def test_an_item_is_added_in_source_order_and_the_catalogue_validates(folder):
    result = add(folder, *GREEN_ARGS)
    assert result.exit_code == 0, result.output
    # between the first item's words and the second's: seq 2, and the four after it move up
    assert seqs(folder) == {
        "zhen-new-railway": 1,
        "zhen-green-space-docks": 2,
        "zhen-joint-dispatch": 3,
        "jia-throughput-up": 4,
        "jia-logistics-park": 6,
        "zhen-greenery-matters": 7,
    }
    listed = runner.invoke(
        app, ["--catalogue", str(folder / "catalogue.toml"), "list", "--kind", "all", "--json"]
    )
    assert listed.exit_code == 0, listed.output
    assert [row["id"] for row in json.loads(listed.stdout)] == [
        "zhen-new-railway",
        "zhen-green-space-docks",
        "zhen-joint-dispatch",
        "jia-throughput-up",
        "jia-logistics-park",
        "zhen-greenery-matters",
    ]


def test_a_file_with_a_byte_order_mark_keeps_it(folder):
    harbour = folder / HARBOUR
    old = harbour.read_bytes()
    harbour.write_bytes(codecs.BOM_UTF8 + old)
    result = add(folder, *GREEN_ARGS)
    assert result.exit_code == 0, result.output
    raw = harbour.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    assert GREEN_TABLE.encode("utf-8") in raw
    assert not raw[len(codecs.BOM_UTF8) :].startswith(codecs.BOM_UTF8)
    assert "zhen-green-space-docks" in seqs(folder)


def test_only_the_new_table_and_the_renumbered_seqs_change_in_the_file(folder):
    before = snapshot(folder)
    result = add(folder, *GREEN_ARGS)
    assert result.exit_code == 0, result.output
    old = before[HARBOUR].decode()
    # the table after the item it follows, before the blank line that followed that item
    railway_end = (
        'quote = "河镇的港口需要一条新的铁路，把货物直接运到内陆。"\nsource = "harbour-talk"\n'
    )
    assert old.count(railway_end) == 1
    expected = old.replace(railway_end, railway_end + "\n" + GREEN_TABLE)
    for id, seq in [
        ("zhen-joint-dispatch", 2),
        ("jia-throughput-up", 3),
        ("jia-logistics-park", 5),
        ("zhen-greenery-matters", 6),
    ]:
        line = f'id = "{id}"\nkind = '
        start = expected.index(line)
        old_seq = f"seq = {seq}\n"
        at = expected.index(old_seq, start)
        expected = expected[:at] + f"seq = {seq + 1}\n" + expected[at + len(old_seq) :]
    after = snapshot(folder)
    assert after[HARBOUR].decode() == expected
    assert {name: data for name, data in after.items() if name != HARBOUR} == {
        name: data for name, data in before.items() if name != HARBOUR
    }


def test_a_free_seq_is_taken_without_renumbering(folder):
    before = snapshot(folder)
    result = add(
        folder,
        *("--source", "harbour-talk", "--expert", "jia-si", "--kind", "finding"),
        *("--quote", "堆场周边的道路也很拥堵。", "--id", "jia-roads-jammed", *TEXTS),
    )
    assert result.exit_code == 0, result.output
    table = (
        GREEN_TABLE.replace('"zhen-green-space-docks"', '"jia-roads-jammed"')
        .replace('"proposal"', '"finding"')
        .replace('"zhen-yan"', '"jia-si"')
        .replace("seq = 2", "seq = 4")
        .replace('themes = ["greenery"]', "themes = []")
        .replace('regions = ["river-town"]', "regions = []")
        .replace(GREEN, "堆场周边的道路也很拥堵。")
    )
    old = before[HARBOUR].decode()
    marker = 'source = "harbour-talk"\n\n# seq 4 is left free'
    assert old.count(marker) == 1
    expected = old.replace(marker, 'source = "harbour-talk"\n\n' + table + "\n# seq 4 is left free")
    assert snapshot(folder)[HARBOUR].decode() == expected
    assert result.stderr == (
        "Added item 'jia-roads-jammed', seq 4 of harbour-talk: A green space by the docks\n"
        f"changed: {folder / HARBOUR}\n"
    )
    assert seqs(folder) == {
        "zhen-new-railway": 1,
        "zhen-joint-dispatch": 2,
        "jia-throughput-up": 3,
        "jia-roads-jammed": 4,
        "jia-logistics-park": 5,
        "zhen-greenery-matters": 6,
    }


def test_words_also_inside_an_item_are_placed_where_they_are_free(folder):
    # 要统一调度。 ends zhen-joint-dispatch's quote, and is free in Jia Si's 码头之间也要统一调度。
    args = ("--source", "harbour-talk", "--expert", "jia-si", "--kind", "proposal")
    result = add(folder, *args, "--quote", "要统一调度。", "--id", "jia-dispatch", *TEXTS)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Added item 'jia-dispatch', seq 6 of harbour-talk: A green space by the docks\n"
        "renumbered: 1 later item of harbour-talk, each seq one more\n"
        f"changed: {folder / HARBOUR}\n"
    )
    catalogue = load_catalogue(folder / "catalogue.toml")
    assert [(item.id, item.seq) for item in catalogue.items[-3:]] == [
        ("jia-logistics-park", 5),
        ("jia-dispatch", 6),
        ("zhen-greenery-matters", 7),
    ]
    text = "".join(catalogue.texts["harbour-talk"].split())
    start = text.index("码头之间也要统一调度。") + len("码头之间也")
    assert catalogue.quotes["jia-dispatch"].span == (start, start + len("要统一调度。"))


def test_an_item_before_the_first_goes_above_the_comment_written_on_that_items_table(folder):
    harbour = folder / HARBOUR
    comment = "# The railway, first asked for (a fictional note on this table).\n"
    first = '[[proposals]]\nid = "zhen-new-railway"\n'
    old = harbour.read_text(encoding="utf-8")
    assert old.count(first) == 1
    harbour.write_text(old.replace(first, comment + first), encoding="utf-8")
    result = add(
        folder,
        *("--source", "harbour-talk", "--expert", "zhen-yan", "--kind", "proposal"),
        *("--quote", "河镇港口座谈会", "--id", "zhen-forum-title", *TEXTS),
    )
    assert result.exit_code == 0, result.output
    table = (
        GREEN_TABLE.replace('"zhen-green-space-docks"', '"zhen-forum-title"')
        .replace("seq = 2", "seq = 1")
        .replace('themes = ["greenery"]', "themes = []")
        .replace('regions = ["river-town"]', "regions = []")
        .replace(GREEN, "河镇港口座谈会")
    )
    # the section's comment stays over the items; the table's own stays on its table
    expected = "# Items, in the order of the source.\n\n" + table + "\n" + comment + first
    assert expected in harbour.read_text(encoding="utf-8")
    assert seqs(folder)["zhen-forum-title"] == 1


def test_the_first_item_of_a_source_goes_into_the_file_that_declares_it(folder):
    before = snapshot(folder)
    result = add(
        folder,
        *("--source", "river-notes", "--expert", "贾思", "--kind", "proposal"),
        *("--region", "old-town", "--quote", "河镇的老城区应当保留原有街巷。", *TEXTS),
    )
    assert result.exit_code == 0, result.output
    table = (
        GREEN_TABLE.replace('"zhen-green-space-docks"', '"jia-green-space-docks"')
        .replace('"zhen-yan"', '"jia-si"')
        .replace("seq = 2", "seq = 1")
        .replace('themes = ["greenery"]', "themes = []")
        .replace('regions = ["river-town"]', 'regions = ["old-town"]')
        .replace(GREEN, "河镇的老城区应当保留原有街巷。")
        .replace('"harbour-talk"', '"river-notes"')
    )
    name = "sources/river-notes.toml"
    after = snapshot(folder)
    assert after[name].decode() == before[name].decode() + "\n" + table
    assert {key: data for key, data in after.items() if key != name} == {
        key: data for key, data in before.items() if key != name
    }
    assert seqs(folder)["jia-green-space-docks"] == 1


def test_a_quote_copied_with_the_pages_layout_is_written_without_it(folder):
    # as the source has it: a line break after the comma, 让市民走近水边 spaced out
    copied = "我们还应当在码头旁边建设一片绿地，\n让 市 民 走 近 水 边。 "
    args = list(GREEN_ARGS)
    args[args.index(GREEN)] = copied
    result = add(folder, *args)
    assert result.exit_code == 0, result.output
    assert load_catalogue(folder / "catalogue.toml").by_id["zhen-green-space-docks"].quote == GREEN


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("京津冀 协同\n发展", "京津冀协同发展"),
        ("打造 2 + 4 + N 产业  集群", "打造2+4+N产业集群"),
        ("GDP  growth\nof 5 %", "GDP growth of 5%"),
        ("  “京津冀自由贸易港”  ", "“京津冀自由贸易港”"),
    ],
)
def test_as_written_leaves_out_the_layout_and_keeps_spaces_between_latin_words(typed, written):
    assert items.as_written(typed) == written


def test_json_prints_the_new_items_record(folder):
    result = add(folder, *GREEN_ARGS, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "id": "zhen-green-space-docks",
        "kind": "proposal",
        "expert": "zhen-yan",
        "seq": 2,
        "title": "A green space by the docks",
        "title_zh": "码头旁的绿地",
        "summary": "Build a green space by the docks.",
        "summary_zh": "在码头旁建设一片绿地。",
        "themes": ["greenery"],
        "regions": ["river-town"],
        "quote": GREEN,
        "related": [],
        "source": "harbour-talk",
        "note": None,
    }
    assert result.stderr == (
        "Added item 'zhen-green-space-docks', seq 2 of harbour-talk: A green space by the docks\n"
        "renumbered: 4 later items of harbour-talk, each seq one more\n"
        f"changed: {folder / HARBOUR}\n"
    )


def test_a_terminal_is_asked_for_the_texts_not_given(folder):
    args = ("--source", "harbour-talk", "--expert", "zhen-yan", "--kind", "proposal")
    answers = "Green docks\n码头绿地\nGreen by the docks.\n码头旁要有绿地。\n"
    result = add(folder, *args, "--quote", GREEN, terminal=True, input=answers)
    assert result.exit_code == 0, result.output
    item = load_catalogue(folder / "catalogue.toml").by_id["zhen-green-docks"]
    assert (item.title, item.title_zh, item.summary, item.summary_zh) == (
        "Green docks",
        "码头绿地",
        "Green by the docks.",
        "码头旁要有绿地。",
    )


@pytest.mark.parametrize("stop, code", [(KeyboardInterrupt, 130), (EOFError, 2)])
def test_a_prompt_left_with_ctrl_c_or_no_input_writes_nothing(folder, monkeypatch, stop, code):
    """Ctrl-C at a question is an interruption, as anywhere (130); input that ends before the
    answer is a usage problem (2). Either way no file changes."""
    before = snapshot(folder)

    def prompt(*args: object, **options: object) -> str:
        # as click's prompt answers Ctrl-C or the end of input while it reads a line
        try:
            raise stop
        except (KeyboardInterrupt, EOFError):
            raise typer.Abort() from None

    monkeypatch.setattr(typer, "prompt", prompt)
    args = ("--source", "harbour-talk", "--expert", "zhen-yan", "--kind", "proposal")
    result = add(folder, *args, "--quote", GREEN, terminal=True)
    assert result.exit_code == code, result.output
    if stop is EOFError:
        assert usage_error(result.stderr) == (
            "No answer for '--title' (the title in English): the input ended; nothing written."
        )
    assert snapshot(folder) == before


def test_an_id_made_from_a_title_in_use_gets_a_number(folder):
    assert add(folder, *GREEN_ARGS).exit_code == 0
    args = ("--source", "harbour-talk", "--expert", "jia-si", "--kind", "finding")
    # the same title by Jia Si: another prefix, so no number; by Zhen Yan again: -2
    assert add(folder, *args, "--quote", "堆场周边的道路也很拥堵。", *TEXTS).exit_code == 0
    args = ("--source", "harbour-talk", "--expert", "zhen-yan", "--kind", "finding")
    assert add(folder, *args, "--quote", "河镇港口座谈会", *TEXTS).exit_code == 0
    ids = set(seqs(folder))
    assert {"zhen-green-space-docks", "jia-green-space-docks", "zhen-green-space-docks-2"} <= ids


def test_propose_id_keeps_the_telling_words_of_the_title():
    catalogue = load_catalogue(FICTION / "catalogue.toml")
    assert items.propose_id(catalogue, "jia-si", "Turn the old yards into a logistics park") == (
        "jia-turn-old-yards-logistics"
    )
    # an id in use is not proposed again
    assert items.propose_id(catalogue, "jia-si", "Logistics park") == "jia-logistics-park-2"
    assert items.propose_id(catalogue, "zhen-yan", "绿地") == "zhen-item"
    # a dash joins words as a hyphen does (town-lake is one), an apostrophe is no break (towns);
    # four words at most
    title = "River Town–Lake Town’s joint freight railway"
    assert items.propose_id(catalogue, "zhen-yan", title) == "zhen-river-town-lake-towns-joint"


REFUSALS = [
    pytest.param(
        ("--quote", "河镇的港口需要一条新的公路", "--expert", "zhen-yan"),
        "Error: the quote '河镇的港口需要一条新的公路' is not in the text of source 'harbour-talk' "
        "(sources/harbour-talk.zh.txt); its first 11 characters are on line 3 of it, then the "
        "source has '铁路，把货物直接' where the quote has '公路'; nothing written",
        id="quote not found",
    ),
    pytest.param(
        ("--quote", "把货物直接运到内陆", "--expert", "zhen-yan"),
        "Error: the quote overlaps the quote of item 'zhen-new-railway' (line 3 of the source): "
        "one claim, one item; nothing written",
        id="overlapping",
    ),
    pytest.param(
        ("--quote", "铁路与港口要统一调度。", "--expert", "jia-si"),
        "Error: the quote is the same as the quote of item 'zhen-joint-dispatch'; nothing written",
        id="the same words",
    ),
    pytest.param(
        ("--quote", GREEN, "--expert", "zhen-yn"),
        "Error: unknown expert 'zhen-yn'. Did you mean: zhen-yan?",
        id="unknown expert",
    ),
    pytest.param(
        ("--quote", GREEN, "--expert", "zhen-yan", "--theme", "harbor"),
        "Error: unknown theme 'harbor'. Did you mean: harbours?",
        id="unknown theme",
    ),
    pytest.param(
        ("--quote", GREEN, "--expert", "zhen-yan", "--region", "Rivr Town"),
        "Error: unknown region 'Rivr Town'. Did you mean: river-town?",
        id="unknown region",
    ),
    pytest.param(
        ("--quote", GREEN, "--expert", "zhen-yan", "--id", "jia-logistics-park"),
        "Error: the id 'jia-logistics-park' is already used by an item; nothing written",
        id="id in use",
    ),
    pytest.param(
        ("--quote", GREEN, "--expert", "zhen-yan", "--id", "Green_Docks"),
        "Error: 'Green_Docks' is not an id (lowercase letters, digits and '-'); nothing written",
        id="not an id",
    ),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS)
def test_a_refusal_says_why_and_leaves_every_file_as_it_was(folder, args, message):
    before = snapshot(folder)
    result = add(folder, "--source", "harbour-talk", "--kind", "proposal", *args, *TEXTS)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == message
    assert result.stdout == ""
    assert snapshot(folder) == before


def test_an_unknown_source_is_a_usage_error_with_suggestions(folder):
    before = snapshot(folder)
    result = add(
        folder,
        "--source",
        "harbor-talk",
        "--expert",
        "zhen-yan",
        "--kind",
        "proposal",
        "--quote",
        GREEN,
        *TEXTS,
    )
    assert result.exit_code == 2, result.output
    assert (
        result.stderr.strip() == "Error: unknown source 'harbor-talk'. Did you mean: harbour-talk?"
    )
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    ("given", "missing"),
    [
        ((), "options '--title', '--title-zh', '--summary', '--summary-zh'"),
        (TEXTS[2:], "option '--title'"),
        ((*TEXTS[:6],), "option '--summary-zh'"),
    ],
)
def test_in_a_pipe_the_texts_not_given_are_a_usage_error_naming_them(folder, given, missing):
    before = snapshot(folder)
    args = ("--source", "harbour-talk", "--expert", "zhen-yan", "--kind", "proposal")
    result = add(folder, *args, "--quote", GREEN, *given)
    assert result.exit_code == 2, result.output
    assert usage_error(result.stderr) == (
        f"Missing {missing}: every item has them, asked for only on a terminal."
    )
    assert snapshot(folder) == before


def test_an_empty_text_is_refused(folder):
    before = snapshot(folder)
    args = ("--source", "harbour-talk", "--expert", "zhen-yan", "--kind", "proposal")
    result = add(folder, *args, "--quote", GREEN, *TEXTS, "--title", "  ")
    assert result.exit_code == 2, result.output
    assert usage_error(result.stderr) == "Invalid value for '--title': cannot be empty"
    assert snapshot(folder) == before


@pytest.mark.parametrize("quote", ["。", "，。", "……"])
def test_punctuation_alone_is_no_quote(folder, quote):
    # found somewhere in any text, and no one's words
    before = snapshot(folder)
    args = ("--source", "harbour-talk", "--expert", "zhen-yan", "--kind", "proposal")
    result = add(folder, *args, "--quote", quote, *TEXTS)
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"Error: the quote '{quote}' holds no word, only punctuation; nothing written\n"
    )
    assert snapshot(folder) == before


def test_windows_line_endings_stay_windows_line_endings(folder):
    path = folder / HARBOUR
    original = path.read_bytes()
    path.write_bytes(original.replace(b"\n", b"\r\n"))
    result = add(folder, *GREEN_ARGS)
    assert result.exit_code == 0, result.output
    written = path.read_bytes()
    assert b"\n" not in written.replace(b"\r\n", b"")
    assert b'\r\nid = "zhen-green-space-docks"\r\n' in written
    assert seqs(folder)["zhen-greenery-matters"] == 7


def test_a_catalogue_in_the_old_one_source_layout_takes_an_item(tmp_path):
    (tmp_path / "sources").mkdir()
    shutil.copy(DATA / "legacy-0.1.toml", tmp_path / "catalogue.toml")
    shutil.copy(DATA / "sources" / "mini.zh.txt", tmp_path / "sources" / "mini.zh.txt")
    catalogue = load_catalogue(tmp_path / "catalogue.toml")
    words = "".join(catalogue.texts["mini-forum"].split())
    claimed = sorted(check.span for check in catalogue.quotes.values() if check.span)
    # the first stretch of the text that no item or figure quotes, if any: its first 4 characters
    free = next(
        start
        for start in range(len(words) - 4)
        if all(end <= start or start + 4 <= begin for begin, end in claimed)
    )
    quote = words[free : free + 4]
    result = add(
        tmp_path,
        "--source",
        "mini-forum",
        "--expert",
        "wang-ming",
        "--kind",
        "finding",
        "--quote",
        quote,
        "--id",
        "wang-new",
        *TEXTS,
    )
    assert result.exit_code == 0, result.output
    assert load_catalogue(tmp_path / "catalogue.toml").by_id["wang-new"].quote == quote


# Any words of the source that no item quotes can be added, and then the items' seq order is
# the order of their words in the source.
HARBOUR_CATALOGUE = load_catalogue(FICTION / "catalogue.toml")
HARBOUR_WORDS = "".join(HARBOUR_CATALOGUE.texts["harbour-talk"].split())
CLAIMED = [
    check.span for check in HARBOUR_CATALOGUE.quotes.values() if check.source == "harbour-talk"
]


@given(st.integers(0, len(HARBOUR_WORDS) - 1), st.integers(1, 12))
def test_any_free_words_are_added_in_source_order(start, length):
    end = min(start + length, len(HARBOUR_WORDS))
    assume(all(e <= start or end <= s for s, e in CLAIMED if s is not None))
    words = HARBOUR_WORDS[start:end]
    assume(any(char.isalnum() for char in words))  # punctuation alone is refused (tested above)
    source = HARBOUR_CATALOGUE.by_id["harbour-talk"]
    placement = items.place(HARBOUR_CATALOGUE, source, words)
    item = Item(
        "zhen-new",
        "finding",
        "zhen-yan",
        placement.seq,
        "t",
        "t",
        "s",
        "s",
        (),
        (),
        words,
        (),
        "harbour-talk",
        None,
    )
    texts = {path: path.read_text(encoding="utf-8") for path in HARBOUR_CATALOGUE.files}
    changes, holder = write_item.written(texts, item, placement)
    assert set(changes) == {holder} == {FICTION / HARBOUR}
    overlay = {path.resolve(): text.encode() for path, text in changes.items()}
    after = load_catalogue(FICTION / "catalogue.toml", overlay=overlay)
    own = [each for each in after.items if each.source == "harbour-talk"]
    spans = [after.quotes[each.id].span for each in own]
    assert spans == sorted(spans)  # seq order is source order
    # the words placed where place() found them: the first place no item claims
    assert after.quotes["zhen-new"].span == placement.span
    first_free = next(
        at
        for at in range(len(HARBOUR_WORDS))
        if HARBOUR_WORDS.startswith(words, at)
        and all(e <= at or at + len(words) <= s for s, e in CLAIMED if s is not None)
    )
    assert placement.span == (first_free, first_free + len(words))


RIVER = "sources/river-notes.toml"
OLD_STREETS = (
    '{ id = "jia-old-streets", kind = "finding", expert = "jia-si", seq = 1, title = "t", '
    'title_zh = "t", summary = "s", summary_zh = "s", themes = [], regions = [], '
    'quote = "河镇的老城区应当保留原有街巷。", source = "river-notes" }'
)


def test_items_written_as_inline_tables_are_refused_not_misread(folder):
    path = folder / RIVER
    path.write_text(f"proposals = [\n  {OLD_STREETS},\n]\n\n" + path.read_text("utf-8"), "utf-8")
    assert "jia-old-streets" in seqs(folder)
    before = snapshot(folder)
    args = ("--source", "river-notes", "--expert", "jia-si", "--kind", "proposal")
    result = add(folder, *args, "--quote", "新城区则要多建公园。", *TEXTS)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == (
        f"Error: {path}: its [[proposals]] tables are not each under a [[proposals]] header "
        "line; add the item by hand, or run `jjj fmt` first"
    )
    assert snapshot(folder) == before


def test_an_items_related_written_as_sub_tables_stays_with_it(folder):
    path = folder / HARBOUR
    inline = (
        'related = [\n  { id = "zhen-new-railway", relation = "complements" },\n]\n'
        'source = "harbour-talk"\n'
    )
    tables = (
        'source = "harbour-talk"\n\n'
        '[[proposals.related]]\nid = "zhen-new-railway"\nrelation = "complements"\n'
    )
    text = path.read_text("utf-8")
    assert text.count(inline) == 1
    path.write_text(text.replace(inline, tables), "utf-8")
    before = path.read_text("utf-8")
    args = ("--source", "harbour-talk", "--expert", "jia-si", "--kind", "proposal")
    # after jia-logistics-park, whose related sub-table ends its part of the file
    result = add(folder, *args, "--quote", "码头之间也要统一调度。", "--id", "jia-docks", *TEXTS)
    assert result.exit_code == 0, result.output
    table = (
        GREEN_TABLE.replace('"zhen-green-space-docks"', '"jia-docks"')
        .replace('"zhen-yan"', '"jia-si"')
        .replace("seq = 2", "seq = 6")
        .replace('themes = ["greenery"]', "themes = []")
        .replace('regions = ["river-town"]', "regions = []")
        .replace(GREEN, "码头之间也要统一调度。")
    )
    expected = before.replace(tables, tables + "\n" + table).replace(
        'seq = 6\ntitle = "Green', 'seq = 7\ntitle = "Green'
    )
    assert path.read_text("utf-8") == expected
    catalogue = load_catalogue(folder / "catalogue.toml")
    assert catalogue.by_id["jia-logistics-park"].related[0].id == "zhen-new-railway"
    assert [item.id for item in catalogue.items][-3:] == [
        "jia-logistics-park",
        "jia-docks",
        "zhen-greenery-matters",
    ]


@pytest.mark.parametrize(
    ("source", "words", "seq", "after", "before", "renumbered"),
    [
        # the forum's heading, before every item: seq 1, and all five move up
        (
            "harbour-talk",
            "河镇港口座谈会",
            1,
            None,
            "zhen-new-railway",
            [
                "zhen-new-railway",
                "zhen-joint-dispatch",
                "jia-throughput-up",
                "jia-logistics-park",
                "zhen-greenery-matters",
            ],
        ),
        # in the gap left at seq 4: nothing moves
        (
            "harbour-talk",
            "堆场周边的道路也很拥堵。",
            4,
            "jia-throughput-up",
            "jia-logistics-park",
            [],
        ),
        # a source with no items yet
        ("river-notes", "新城区则要多建公园。", 1, None, None, []),
    ],
)
def test_place_gives_the_seq_and_the_neighbours(source, words, seq, after, before, renumbered):
    placement = items.place(HARBOUR_CATALOGUE, HARBOUR_CATALOGUE.by_id[source], words)
    assert placement.seq == seq
    assert (placement.after and placement.after.id, placement.before and placement.before.id) == (
        after,
        before,
    )
    assert [item.id for item in placement.renumbered] == renumbered


def test_a_file_changed_by_someone_else_meanwhile_is_not_overwritten(folder, monkeypatch):
    path = folder / HARBOUR
    theirs = path.read_text("utf-8") + "\n# a note another editor saved meanwhile\n"
    computed = write_item.written

    def written_then_saved_by_another(*args, **kwargs):
        result = computed(*args, **kwargs)
        path.write_text(theirs, "utf-8")  # after jjj read the file, before it writes
        return result

    monkeypatch.setattr(write_item, "written", written_then_saved_by_another)
    result = add(folder, *GREEN_ARGS)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == f"Error: {path} changed since jjj read it; nothing written"
    assert path.read_text("utf-8") == theirs
