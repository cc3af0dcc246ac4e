"""What a 16-colour terminal receives, written so that a test can spell it out: each styled
run as `[style]text[/]`, its style named from the SGR codes rich sends (not from rich)."""

import io
import re

from rich.console import Console

_SGR = {
    "1": "bold",
    "2": "dim",
    "3": "italic",
    "7": "reverse",
    "30": "black",
    "31": "red",
    "32": "green",
    "33": "yellow",
    "34": "blue",
    "35": "magenta",
    "36": "cyan",
    "43": "on yellow",
}


def _named(match: re.Match[str]) -> str:
    return f"[{' '.join(_SGR[code] for code in match[1].split(';'))}]{match[2]}[/]"


def marked(renderable, width: int) -> list[str]:
    """The lines of the renderable laid out to `width` on a wider terminal, which would show
    a line too long uncut; in colour whatever NO_COLOR says."""
    console = Console(
        file=io.StringIO(), width=200, force_terminal=True, color_system="standard", no_color=False
    )
    console.print(renderable, width=width)
    output = console.file.getvalue()
    while True:  # one run of a style, however many pieces rich was given it in
        joined = re.sub(r"\x1b\[([0-9;]+)m([^\x1b]*)\x1b\[0m\x1b\[\1m", "\x1b[\\1m\\2", output)
        if joined == output:
            break
        output = joined
    output = re.sub(r"\x1b\[([0-9;]+)m(.*?)\x1b\[0m", _named, output)
    return output.split("\n")[:-1]
