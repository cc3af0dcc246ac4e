"""jjj's codebook as one document: docs/codebook.md, written from a catalogue.

    python tools/codebook.py            # write docs/codebook.md from the shipped catalogue
    python tools/codebook.py --check    # exit 1 if docs/codebook.md is not what it gives
    python tools/codebook.py --catalogue PATH --output PATH

For each theme, its names, definition and aliases, and the rules that say when it is tagged
and when not, each rule with its example: the item's id, the words the rule is about and the
item's quote (those words in bold); then the rules for every theme; then the region rules, each
example with the tags it carries; then the region tree. Everything comes from the catalogue:
edit the catalogue, then run this again (the tests run `--check`).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # jjj_cli from this checkout, installed or not

from jjj_cli.catalogue import Catalogue, CatalogueError, Rule, load_catalogue  # noqa: E402
from jjj_cli.catalogue.location import shipped_catalogue_path  # noqa: E402
from jjj_cli.render.plain import visible  # noqa: E402

DOCUMENT = ROOT / "docs" / "codebook.md"
# What Markdown would read as its own in catalogue text: escaped, so the text shows as written.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~])")

INTRODUCTION = """\
# The codebook

How the catalogue's items are coded: each theme with its definition and the rules that say when
it is tagged and when not, each rule with one example from the source (the item, the words of
its quote the rule is about, in bold in the quote); the rules for every theme; the rules for
regions; and the region tree. `jjj show THEME`, `jjj themes --rules` and `jjj regions --rules`
print the same rules; [the catalogue](catalogue.md#coding-rules) says how they are written.
Where a rule gives its example's tags, they are the whole item's tags in that facet, not only
those of the words shown. How reliably the shipped catalogue follows the rules is measured
in [the catalogue](catalogue.md#tagging).

This document is written by `python tools/codebook.py` from the catalogue: edit the catalogue,
then run it again.
"""


def text(value: str) -> str:
    """Catalogue text as Markdown shows it as written: one line, controls made visible,
    Markdown's own characters escaped."""
    return _MARKDOWN.sub(r"\\\1", visible(value))


def codebook(catalogue: Catalogue) -> str:
    """The whole document."""
    quotes = {item.id: item.quote for item in catalogue.items}
    parts = [INTRODUCTION, "## Themes\n"]
    for theme in catalogue.themes:
        parts.append(f"### {text(theme.name)} · {text(theme.name_zh)} (`{theme.id}`)\n")
        parts.append(f"{text(theme.definition)}\n")
        if theme.aliases:
            parts.append("Aliases: " + ", ".join(text(alias) for alias in theme.aliases) + ".\n")
        if not theme.include and not theme.exclude:
            parts.append("No rules written.\n")
        for title, rules in (("Include when", theme.include), ("Exclude when", theme.exclude)):
            if rules:
                parts.append(f"**{title}**\n")
                parts.append(_rules(rules, quotes))
    parts.append("## Rules for every theme\n")
    parts.append(_rules(catalogue.coding.themes, quotes) if catalogue.coding.themes else "None.\n")
    parts.append("## Region rules\n")
    regions = catalogue.coding.regions
    parts.append(_rules(regions, quotes) if regions else "None.\n")
    parts.append("## Regions\n")
    parts.append(_regions(catalogue))
    return "\n".join(parts)


def _rules(rules: Sequence[Rule], quotes: dict[str, str]) -> str:
    """A numbered list: each rule (in English, then in Chinese on its own line where written),
    then its example, the tags it gives, and the quote."""
    lines = []
    for number, rule in enumerate(rules, 1):
        if rule.rule_zh is None:
            lines.append(f"{number}. {text(rule.rule)}")
        else:  # a backslash ends the line: the Chinese goes on under the English
            lines.append(f"{number}. {text(rule.rule)}\\\n   {text(rule.rule_zh)}")
        example = f"   - Example: `{rule.example}`, “{text(rule.words)}”"
        if rule.gives is not None:
            tags = ", ".join(f"`{tag}`" for tag in rule.gives) or "none"
            example += f"; tags: {tags}"
        lines.append(example + ".")
        quote = quotes.get(rule.example, "")
        before, found, after = quote.partition(rule.words)
        shown = f"{text(before)}**{text(found)}**{text(after)}" if found else text(quote)
        lines.append(f"\n     > {shown}\n")
    return "\n".join(lines)


def _regions(catalogue: Catalogue) -> str:
    """The region tree: every region in the catalogue's order, with its parent."""
    lines = [
        "| id | name | name_zh | parent | also within |",
        "| --- | --- | --- | --- | --- |",
    ]
    for region in catalogue.regions:
        parent = f"`{region.parent}`" if region.parent else ""
        also = ", ".join(f"`{other}`" for other in region.also_within)
        lines.append(
            f"| `{region.id}` | {text(region.name)} | {text(region.name_zh)} | {parent} | {also} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write docs/codebook.md from a catalogue.")
    parser.add_argument("--catalogue", type=Path, default=None, help="default: the shipped one")
    parser.add_argument("--output", type=Path, default=DOCUMENT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs")
    options = parser.parse_args(argv)
    try:
        catalogue = load_catalogue(options.catalogue or shipped_catalogue_path())
    except CatalogueError as error:
        print(error, file=sys.stderr)
        return 1
    written = codebook(catalogue)
    if options.check:
        try:
            current = options.output.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != written:
            print(f"{options.output} is not what the catalogue gives: run tools/codebook.py")
            return 1
        return 0
    options.output.write_text(written, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
