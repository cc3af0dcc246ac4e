"""Coding rules on a terminal: numbered lists under headings, each rule wrapped to the width
with its example (the item's id, the words of its quote) under it. Imported only for a
terminal.

Catalogue text is data: every piece is a Text, its control characters made visible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from ..language import _
from .cells import GAP, MARGIN, rendered
from .output import Lang
from .plain import visible
from .rules import EXCLUDE, INCLUDE
from .wrap import LIST_SEPARATOR, wrap, wrap_list

Section = tuple[str, Sequence[Mapping[str, Any]]]


class RuleLists:
    """Lists of rules, each under its heading, numbered; `indent`: cells before the headings.
    A list with no rules is left out, or, when `none` is given, says it under its heading.
    In Chinese (`lang`), a rule written in Chinese is shown so, the others in English."""

    def __init__(
        self,
        sections: Sequence[Section],
        indent: int = 0,
        none: str | None = None,
        lang: Lang = Lang.en,
    ):
        self.sections = sections
        self.indent = indent
        self.none = none
        self.lang = lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        at = self.indent  # a heading's column, as a table's title; its rules' one further in
        for title, rules in self.sections:
            if not rules and self.none is None:
                continue
            heading = Text(title)
            heading.stylize("table.title")
            for line in wrap(heading, width - at - MARGIN):
                yield from rendered(console, line, at)
            if not rules:
                yield from rendered(console, _dim(self.none or ""), at + GAP)
            for number, rule in enumerate(rules, 1):
                yield from _rule(console, f"{number}. ", rule, width, at + GAP, self.lang)


def _rule(
    console: Console, number: str, rule: Mapping[str, Any], width: int, at: int, lang: Lang
) -> RenderResult:
    """One rule: its number, its text (in `lang` where written so) wrapped beside it; under the
    text, its example; under that, for a rule that says them, the tags its example carries."""
    room = max(width - at - len(number) - MARGIN, 1)
    said = rule.get("rule_zh") if lang is Lang.zh else None
    text = wrap(Text(visible(said or rule["rule"])), room)
    example = Text(_("e.g. "), style="dim")
    example.append(visible(rule["example"]), style="cyan")
    example.append(f" “{visible(rule['words'])}”")
    lines = [*text, *wrap(example, room)]
    if rule.get("gives") is not None:
        label = Text(_("tags: "), style="dim")
        tags = Text(LIST_SEPARATOR.join(map(visible, rule["gives"])), style="cyan")
        tags = tags if rule["gives"] else Text(_("none"))
        under = Text(" " * label.cell_len)  # a wrapped list goes on under its first tag
        wrapped = wrap_list(tags, room - label.cell_len)
        lines += [Text.assemble(label if i == 0 else under, line) for i, line in enumerate(wrapped)]
    for index, line in enumerate(lines):
        start = Text(number if index == 0 else " " * len(number))
        yield from rendered(console, Text.assemble(start, line), at)


class ThemeRules:
    """A theme as `themes --rules` shows it: its names and id, its definition, its rules."""

    def __init__(self, theme: Mapping[str, Any], lang: Lang) -> None:
        self.theme = theme
        self.lang = lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        theme = self.theme
        names = [theme["name"], theme["name_zh"]]
        if self.lang is Lang.zh:
            names.reverse()
        title = Text(visible(names[0]), style="bold")
        title.append(f"  {visible(names[1])}  ")
        title.append(theme["id"], style="cyan")
        for line in wrap(title, width - MARGIN):
            yield from rendered(console, line)
        for line in wrap(Text(visible(theme["definition"])), width - 2 * MARGIN):
            yield from rendered(console, line, MARGIN)
        sections = [(_(INCLUDE), theme["include"]), (_(EXCLUDE), theme["exclude"])]
        if not theme["include"] and not theme["exclude"]:
            yield from rendered(console, _dim(_("no rules written")), MARGIN)
            return
        rules = RuleLists(sections, indent=MARGIN, lang=self.lang)
        yield from rules.__rich_console__(console, options)


def _dim(text: str) -> Text:
    line = Text(text)
    line.stylize("dim")
    return line
