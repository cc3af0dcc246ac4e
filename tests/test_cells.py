"""render/cells.rendered: a line of a table or list as segments, in the styles it was given."""

import io

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from jjj_cli.render.cells import rendered

from .invoke import written
from .paths import MINI

CONSOLE = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=40)


def test_a_line_of_one_style_keeps_it():
    # Text.render leaves a Text's own style out when it has no spans: rendered does not
    line = Text("fictional key", style="dim")
    assert list(rendered(CONSOLE, line, 2)) == [
        Segment("  "),
        Segment("fictional key", Style(dim=True)),
        Segment("\n"),
    ]


def test_a_line_with_spans_has_its_own_style_under_them():
    line = Text("bold ", style="bold")
    line.append("and cyan", style="cyan")
    assert list(rendered(CONSOLE, line)) == [
        Segment(""),
        Segment("bold ", Style(bold=True)),
        Segment("and cyan", Style(bold=True, color="cyan")),
        Segment("\n"),
    ]


def test_a_line_without_style_is_its_text_and_the_padding_at_its_end_goes():
    assert list(rendered(CONSOLE, Text("plain (fictional)   "))) == [
        Segment(""),
        Segment("plain (fictional)"),
        Segment("\n"),
    ]


def test_a_citations_key_is_dim_on_a_terminal():
    # the key on a line of its own above each reference, dim (SGR 2) and nothing else
    result = written("--catalogue", str(MINI), "cite", "wang-world-class-clusters", width=80)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "\x1b[2mwang-world-class-clusters\x1b[0m"
