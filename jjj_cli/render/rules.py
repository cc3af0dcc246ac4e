"""The coding rules, as people and scripts read them: a theme's (in `show THEME`), every
theme's with the rules for every theme (`themes --rules`), and the region rules (`regions
--rules`).

JSON: `themes --rules` is `{themes, rules}` (each theme with its `include` and `exclude`, then
the rules for every theme), `regions --rules` is `{rules}`; a rule is `{rule, example, words}`,
with `gives` in the [coding] table's rules (records.rule). TSV: a line a rule (and a line for
each theme's definition), in every language the same, the rule in Chinese in the last column
(empty where not written). On a terminal: the rules as numbered lists under headings, each
with its example, wrapped to the terminal; in Chinese, each rule written in Chinese so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..catalogue import Coding, Rule, Theme
from ..language import N_, _
from . import plain, records
from .output import Lang, Mode, Output, to_json

if TYPE_CHECKING:
    from rich.console import Group, RenderableType

# The headings over each list of rules, and what each list is called in TSV and JSON.
INCLUDE = N_("Include when")
EXCLUDE = N_("Exclude when")
EVERY_THEME = N_("Rules for every theme")
REGION_RULES = N_("Region rules")
# A theme's TSV lines: (theme, field, text, example, words, gives, rule_zh); `field` is
# `definition`, `include` or `exclude`, and `coding` (with no theme) for the rules for every
# theme. `rule_zh` came after the others, last, so that a script reading by position still can.
THEME_COLUMNS = ("theme", "field", "text", "example", "words", "gives", "rule_zh")
REGION_COLUMNS = ("rule", "example", "words", "gives", "rule_zh")
CODING_FIELD = "coding"


def theme_rules(themes: Iterable[Theme], coding: Coding, mode: Mode, lang: Lang) -> Output:
    """`themes --rules`: each theme's definition and rules, then the rules for every theme."""
    entries = [records.fields_of(theme, Theme._fields) for theme in themes]
    every = [records.rule(rule, gives=True) for rule in coding.themes]
    if mode is Mode.JSON:
        return to_json({"themes": entries, "rules": every})
    if mode is Mode.PLAIN:
        lines: list[Sequence[Any]] = [THEME_COLUMNS]
        for entry in entries:
            lines.append((entry["id"], "definition", entry["definition"], "", "", "", ""))
            lines += [
                _line((entry["id"], field), rule)
                for field in records.RULE_LISTS
                for rule in entry[field]
            ]
        lines += [_line(("", CODING_FIELD), rule) for rule in every]
        return "\n".join(plain.tsv_line(map(plain.value_text, line)) for line in lines)
    from .rule_lists import RuleLists, ThemeRules

    blocks = [ThemeRules(entry, lang) for entry in entries]
    every_theme = RuleLists([(_(EVERY_THEME), every)], none=_("none written"), lang=lang)
    return _spaced([*blocks, every_theme])


def region_rules(rules: Sequence[Rule], mode: Mode, lang: Lang = Lang.en) -> Output:
    """`regions --rules`: when a place is tagged, and when the whole region is."""
    shown = [records.rule(rule, gives=True) for rule in rules]
    if mode is Mode.JSON:
        return to_json({"rules": shown})
    if mode is Mode.PLAIN:
        lines: list[Sequence[Any]] = [REGION_COLUMNS]
        lines += [_line((), rule) for rule in shown]
        return "\n".join(plain.tsv_line(map(plain.value_text, line)) for line in lines)
    from .rule_lists import RuleLists

    return RuleLists([(_(REGION_RULES), shown)], none=_("none written"), lang=lang)


def _line(start: Sequence[str], rule: Mapping[str, Any]) -> tuple[Any, ...]:
    gives = rule.get("gives")
    said = (rule["rule"], rule["example"], rule["words"], gives if gives else "")
    return (*start, *said, rule["rule_zh"] or "")


def _spaced(blocks: Sequence[RenderableType]) -> Group:
    """The blocks one under the other, a blank line between them."""
    from rich.console import Group
    from rich.text import Text

    spaced: list[RenderableType] = []
    for block in blocks:
        if spaced:
            spaced.append(Text(""))
        spaced.append(block)
    return Group(*spaced)
