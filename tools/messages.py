"""jjj's messages: find them in the code, bring each language's .po up to date, compile the .mo.

    python tools/messages.py            # update every .po, compile every .mo
    python tools/messages.py --check    # exit 1 if a .po or .mo is not up to date, or a
                                        # message has no translation (the tests check the same)

A message is a string literal given to `_`, `N_` or `ngettext` in jjj_cli, or a help text of a
command or option (its docstring, `help=`), as Typer builds them. A .po keeps the translations
it has; a message no longer in the code is dropped, a new one added untranslated. Needs Babel
(the test extra has it): `pip install -e '.[test]'`.
"""

from __future__ import annotations

import ast
import io
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "jjj_cli"
MARKERS = {"_": 1, "N_": 1, "ngettext": 2}  # each marker and how many of its arguments are texts


def code_messages() -> Iterator[tuple[str | tuple[str, str], str]]:
    """Each marked message of the package's code, with where it is (`path:line`)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            count = MARKERS.get(node.func.id)
            if count is None:
                continue
            texts = [
                arg.value
                for arg in node.args[:count]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
            if len(texts) != count:
                continue  # a variable's text: marked where it was written
            where = str(path.relative_to(ROOT))
            yield (texts[0] if count == 1 else (texts[0], texts[1])), where


def help_messages() -> Iterator[tuple[str, str]]:
    """Each help text of every command and option, as Typer builds it, in English."""
    sys.path.insert(0, str(ROOT))
    from jjj_cli import language
    from jjj_cli.cli import commands

    language.use("en")
    for name, entry in commands.COMMANDS.items():
        built = commands.build(name)
        where = f"jjj_cli/cli/{entry.module}.py"
        for command in [built, *getattr(built, "commands", {}).values()]:
            for text in (command.help, command.short_help, command.epilog):
                if text:
                    yield text, where
            for param in command.params:
                if getattr(param, "help", None):
                    yield param.help, where
    root = commands.typer.main.get_command(commands.app)
    yield root.help, "jjj_cli/cli/commands.py"
    for param in root.params:
        if getattr(param, "help", None):
            yield param.help, "jjj_cli/cli/options.py"


def messages() -> dict[str | tuple[str, str], list[str]]:
    """Every message, with each place it is used, in the order first found."""
    found: dict[str | tuple[str, str], list[str]] = {}
    for message, where in [*code_messages(), *help_messages()]:
        found.setdefault(message, []).append(where)
    return found


def _version() -> str:
    """jjj's version, as its package says it (read, not imported)."""
    text = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    return text.split('__version__ = "', 1)[1].split('"', 1)[0]


def po_files() -> list[Path]:
    return sorted(PACKAGE.glob("locale/*/LC_MESSAGES/jjj.po"))


def updated(po: Path) -> tuple[str, bytes]:
    """The .po's text brought up to date with the code, and its compiled .mo."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po, write_po

    with po.open("rb") as file:
        old = read_po(file)
    # the header as it was: a .po changes only where a message does
    new = Catalog(
        locale=old.locale,
        domain="jjj",
        header_comment=old.header_comment,
        project="jjj",
        version=_version(),
        msgid_bugs_address="",
        creation_date=old.creation_date,
        revision_date=old.revision_date,
        last_translator=old.last_translator,
        language_team=old.language_team,
        fuzzy=False,
    )
    for message, places in messages().items():
        kept = old.get(message)
        if kept is not None and isinstance(kept.id, tuple) != isinstance(message, tuple):
            kept = None  # a message made plural, or singular: to translate again
        string = kept.string if kept is not None else ("", "") if isinstance(message, tuple) else ""
        flags = kept.flags if kept is not None else ()
        locations = [(place, None) for place in dict.fromkeys(places)]
        new.add(message, string, locations=locations, flags=flags)
    text = io.BytesIO()
    write_po(text, new, width=100, sort_output=False, omit_header=False, include_lineno=False)
    compiled = io.BytesIO()
    write_mo(compiled, new, use_fuzzy=False)
    return text.getvalue().decode("utf-8"), compiled.getvalue()


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for po in po_files():
        text, compiled = updated(po)
        mo = po.with_suffix(".mo")
        if check:
            if po.read_text(encoding="utf-8") != text or not mo.is_file():
                stale.append(str(po.relative_to(ROOT)))
            elif mo.read_bytes() != compiled:
                stale.append(str(mo.relative_to(ROOT)))
        else:
            po.write_text(text, encoding="utf-8")
            mo.write_bytes(compiled)
    if stale:
        print(f"not up to date: {', '.join(stale)}; run python tools/messages.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
