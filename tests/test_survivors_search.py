"""`jjj search` as each output shows it, on hits written out by hand (fictional items and text):
the match highlighted and not dimmed in its dimmed snippet, the snippet of a match in a long
word, the TSV's score and title, the field left out first on a narrow terminal, and chosen
fields on a terminal; and a paragraph beside its label (highlights.Folded) on the narrowest
terminal."""

from __future__ import annotations

import io
import json
import re

from rich.console import Console
from rich.text import Text

from jjj_cli.cli import app
from jjj_cli.explore.fulltext import Brief, Found
from jjj_cli.render import search as render_search
from jjj_cli.render.highlights import Folded
from jjj_cli.render.output import Lang, Mode

from .invoke import runner, unstyled, written
from .paths import DATA
from .terminal import marked

FICTION = DATA / "coverage" / "coverage.toml"

# The SGR codes of a 16-colour terminal, by their standard meaning.

BRIEF = Brief("fictional-one", "proposal", "fictional-expert", "Fictional title", "虚构标题")
# "rail" at 24-28 of 33 characters: the snippet is the whole text (24 on either side)
FOUND = Found("quote", "fictional ports share a rail line", ((24, 28),), 7)


def styled(renderable, width: int) -> list[str]:
    return marked(renderable, width)


def test_a_match_beneath_its_title_is_dim_but_for_the_match_highlighted():
    lines = styled(render_search.search([(BRIEF, FOUND)], Mode.TABLE), 100)
    # the id (13 cells) and the field (5) with 2 cells between columns, after the margin: the
    # match goes on under the title, 1 + 13 + 2 + 5 + 2 = 23 cells in
    row = next(n for n, line in enumerate(lines) if "fictional-one" in line)
    assert lines[row] == " [cyan]fictional-one[/]  quote  Fictional title"
    assert lines[row + 1] == (
        " " * 23 + "[dim]fictional ports share a [/][bold black on yellow]rail[/][dim] line[/]"
    )


def test_a_match_in_the_title_shown_is_highlighted_there():
    title = Found("title", "Fictional title", ((10, 15),), 9)
    lines = styled(render_search.search([(BRIEF, title)], Mode.TABLE), 100)
    row = next(line for line in lines if "fictional-one" in line)
    assert row == " [cyan]fictional-one[/]  title  Fictional [bold black on yellow]title[/]"


def test_a_narrow_terminal_leaves_the_field_out_first():
    # at 40 cells the id, the field and a readable title do not fit: the field, the one column
    # of a lower priority, is left out and named under the table
    lines = [
        re.sub(r"\[[^]]*\]", "", line)
        for line in styled(render_search.search([(BRIEF, FOUND)], Mode.TABLE), 40)
    ]
    assert lines[0].split() == ["id", "title", "/", "match"]
    assert lines[2].split() == ["fictional-one", "Fictional", "title"]
    assert " ".join(" ".join(lines[-2:]).split()) == (
        "left out for width: field (--json or a wider terminal shows them)"
    )


def test_the_tsv_of_a_hit_has_its_score_and_the_title_in_the_language_asked_for():
    for lang, title, shown in (
        (Lang.en, "title", "Fictional title"),
        (Lang.zh, "title_zh", "虚构标题"),
    ):
        assert "".join(render_search.search([(BRIEF, FOUND)], Mode.PLAIN, lang)) == (
            f"id\texpert\tfield\tscore\t{title}\tmatch\n"
            f"fictional-one\tfictional-expert\tquote\t7\t{shown}"
            "\tfictional ports share a rail line\n"
        )


def test_chosen_fields_of_the_hits_on_a_terminal_are_those_of_the_json():
    args = ["--catalogue", str(FICTION), "search", "公园", "--fields", "id,field"]
    records = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    # by hand from coverage.toml: 公园 is in jia-free-parks' Chinese title (and quote), the
    # field of the highest weight first; in jia-more-parks' quote alone, ranked after it
    assert [[r["id"], r["field"]] for r in records] == [
        ["jia-free-parks", "title_zh"],
        ["jia-more-parks", "quote"],
    ]
    result = written(*args, width=80)
    assert result.exit_code == 0, result.output
    lines = unstyled(result.stdout).splitlines()
    assert lines[0].split() == ["id", "field"]
    assert [line.split() for line in lines[2:]] == [
        [record["id"], record["field"]] for record in records
    ]


def test_a_match_in_a_word_longer_than_the_margin_shows_that_whole_word():
    # a fictional word of 30 letters (at 1-31) between two Chinese characters, each a piece
    text = "京fictionallylongcompoundwordxyz津"
    word = "fictionallylongcompoundwordxyz"
    # the word's last letter: no piece starts within the 24 characters before it, so the
    # snippet starts where its word does (not at the piece after it, nor at the text's start)
    assert render_search.snippet(text, [(30, 31)]) == ("…" + word + "津", [(30, 31)])
    # 京 and the word's first letter: no piece ends within 24 characters after them, so the
    # snippet ends where the word does (not before its first letter, nor at the text's end)
    assert render_search.snippet(text, [(0, 2)]) == ("京" + word + "…", [(0, 2)])


def test_a_paragraph_one_cell_wider_than_its_margin_is_one_cell_a_line():
    # a label's margin of 3 cells on a terminal of 4: a cell a line is left, no more
    console = Console(file=io.StringIO(), width=4, color_system=None)
    console.print(Folded(Text("ab cd"), Text("¶1"), 3))
    assert console.file.getvalue().splitlines() == ["¶1 a", "   b", "   c", "   d"]
