"""`jjj coverage` on a terminal, line by line and style by style, on the catalogue written for
it (tests/data/coverage: FICTIONAL sources, people and words)."""

from __future__ import annotations

from jjj_cli.catalogue import load_catalogue
from jjj_cli.explore.coverage import coverage
from jjj_cli.render import coverage as render_coverage
from jjj_cli.render.output import Mode

from .paths import DATA
from .terminal import marked

FICTION = DATA / "coverage" / "coverage.toml"

# The SGR codes of a 16-colour terminal, by their standard meaning.


def styled(source: str | None, width: int) -> list[str]:
    """The coverage view's lines on a 16-colour terminal, each run of one style written
    `[style]text[/]`."""
    return marked(
        render_coverage.coverage(coverage(load_catalogue(FICTION), source), Mode.TABLE), width
    )


def test_the_coverage_of_one_source_on_a_terminal_exactly():
    # interview.zh.txt: a name line and its answer (line 1), an answer (2), a blank line, a
    # headline (4). The margin: one digit, a space, the widest status (uncovered, 9), two
    # spaces: 13 cells. The line number dim, the status in its colour (not dimmed: what no
    # item covers stands out), what an item covers plain, the rest of a sentence dim (a name line, a
    # headline), the items dim.
    assert styled("fiction-interview", 100) == [
        "[bold]fiction-interview  虚构访谈（测试）[/][bold dim]  interview.zh.txt[/]",
        "",
        "[dim]1 [/][yellow]name[/]       [dim]测试甲（虚构大学教授）：[/]城市应当多建公园。"
        "[dim]  [jia-more-parks][/]",
        "[dim]2 [/][green]covered[/]    公园要免费开放。[dim]  [jia-free-parks][/]",
        "",
        "[dim]4 [/][magenta]headline[/]   [dim]公园与城市[/]",
        "",
        "3 sentences in fiction-interview: 1 covered, 0 framing, 1 headline, 0 question, 1 name,"
        " 0 uncovered",
    ]


def test_sources_on_a_terminal_are_apart_by_one_blank_line():
    # the forum's summary, a blank line, the interview's title, a blank line, its first line
    lines = styled(None, 120)
    second = lines.index(
        "[bold]fiction-interview  虚构访谈（测试）[/][bold dim]  interview.zh.txt[/]"
    )
    assert lines[second - 2].startswith("11 sentences in fiction-forum: ")
    assert lines[second - 1 : second + 3 : 2] == ["", ""]
    assert lines[second + 2].startswith("[dim] 1 [/][yellow]name[/]")


def test_what_no_item_covers_stands_out_its_status_bold_red_and_not_dimmed():
    marked = [line for line in styled(None, 120) if "uncovered[/]" in line]
    assert marked  # the fictional forum has sentences no item quotes
    assert all("[/][bold red]uncovered[/]" in line for line in marked)
