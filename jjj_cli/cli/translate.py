"""The command line in the language of the run: choosing it, and translating what Click and
Typer show of their own (help texts, the usage line, usage errors).

jjj's own texts pass through `language._` where they are written. The help texts are written
in English where the commands are declared (docstrings, `help=`), and translated here when a
command is built for a run; so are the texts Click and Typer make of them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer

from .. import language
from ..language import N_, _
from .environment import Environment


def speak(args: Sequence[str], environment: Environment) -> None:
    """Speak the language the command line, the environment or the locale asks for (raises
    language.UnknownLanguage for a $JJJ_LANG of none). Compiled messages that cannot be read
    are reported on stderr, and the run goes on in English."""
    try:
        wanted = language.chosen(args, os.environ)
    except language.UnknownLanguage:
        language.use(language.of_locale(os.environ))  # to say so in, if it can
        _typer_speaks(language.current())
        raise
    try:
        language.use(wanted)
    except language.DamagedCatalogue as damaged:
        print(f"jjj: {damaged}", file=environment.stderr)
    _typer_speaks(language.current())


def _typer_speaks(code: str) -> None:
    """Typer's own texts (its help's panel titles, `[default: …]`, `Aborted.`) are looked up
    with gettext's functions, in the application's domain, in the language the environment
    names: jjj's domain and the run's language. Typer reads some of them once, when its
    rich_utils is first imported: in a process that runs jjj more than once (as the tests
    do), a later run sets those again."""
    import gettext

    gettext.bindtextdomain(language.DOMAIN, str(language.LOCALE_DIR))
    gettext.textdomain(language.DOMAIN)
    os.environ["LANGUAGE"] = code
    rich_utils = sys.modules.get("typer.rich_utils")
    if rich_utils is not None:  # imported by an earlier run of this process: its texts again
        for name, text in _RICH_UTILS_TEXTS.items():
            if hasattr(rich_utils, name):
                setattr(rich_utils, name, _(text))


# The texts typer.rich_utils reads once, when it is imported, by the names it keeps them under
_RICH_UTILS_TEXTS = {
    "DEPRECATED_STRING": N_("(deprecated) "),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}


def rich_breaks_between_characters() -> None:
    """rich wraps what Typer lays out (the help, a usage error's box) at spaces only, and cuts
    a run of Chinese wider than its column with an ellipsis: in Chinese, have it break where
    jjj's own tables do (between characters, never before closing punctuation:
    render/breaks.py). Done just before Typer lays out, not at the start of every run: rich's
    wrapping costs a run some 7 ms to import. (In English, rich's own, if a run before in
    the same process had changed it.)"""
    global _rich_words
    if language.current() != "zh":
        if _rich_words is not None:
            from rich import _wrap

            setattr(_wrap, "words", _rich_words)  # noqa: B010 (a function mypy sees as a def)
            _rich_words = None
        return
    from rich import _wrap  # rich's own module, which rich.text reads its `words` from

    from ..render.breaks import units

    def words(text: str) -> Iterator[tuple[int, int, str]]:
        """Each piece with the space after it, as rich's `words` yields them."""
        pieces = units(text)
        for index, unit in enumerate(pieces):
            if unit.space and index:
                continue
            end = unit.end
            if index + 1 < len(pieces) and pieces[index + 1].space:
                end = pieces[index + 1].end
            yield unit.start, end, text[unit.start : end]

    if hasattr(_wrap, "words") and _rich_words is None:  # a rich without it wraps as it did
        _rich_words, _wrap.words = _wrap.words, words


_rich_words: Callable[[str], Iterable[tuple[int, int, str]]] | None = None  # rich's, replaced


def translate_command(command: Any) -> None:
    """A command built for this run (not the commands of a group), its help texts in the run's
    language: its own, its options', its --help's, and its usage line's `Usage:`."""
    if language.current() == "en":
        return
    for attribute in ("help", "short_help", "epilog"):
        text = getattr(command, attribute, None)
        if text:
            setattr(command, attribute, _(text))
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _(param.help)
    help_option = command.get_help_option  # made when first asked for, with Click's text

    def get_help_option(ctx: Any) -> Any:
        option = help_option(ctx)
        if option is not None and option.help:
            option.help = _(option.help)
        return option

    format_help = command.format_help

    def format_help_breaking_chinese(ctx: Any, formatter: Any) -> None:
        rich_breaks_between_characters()
        format_help(ctx, formatter)

    def format_usage(ctx: Any, formatter: Any) -> None:
        pieces = command.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))

    command.get_help_option = get_help_option
    command.format_usage = format_usage
    command.format_help = format_help_breaking_chinese


# Typer's own texts, which it asks gettext for (_typer_speaks), besides those of rich_utils
# (_RICH_UTILS_TEXTS): marked here, so that jjj's catalogue has them (tools/messages.py);
# Click's own before Typer 0.24 too.
TYPER_TEXTS = (
    N_("Usage: "),
    N_("Aborted!"),
    N_("Try '{command} {option}' for help."),
    N_("Show this message and exit."),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
)

# Click's UsageError, or Typer's copy of it (typer._click), whose BadParameter derives from it
_USAGE_ERROR: type[Exception] = typer.BadParameter.__mro__[1]


@contextmanager
def usage_errors() -> Iterator[None]:
    """Click's usage errors raised inside, with their messages in the run's language: Click's
    own are English only (an unknown option, a missing argument, an invalid value); Typer's
    and jjj's are translated where they are made."""
    try:
        yield
    except _USAGE_ERROR as error:
        _translate_usage_error(error)
        rich_breaks_between_characters()  # for its box
        raise


def _translate_usage_error(error: Any) -> None:
    if language.current() == "en":
        return
    english = error.format_message()
    message = _translated(english)
    if message != english:
        error.format_message = lambda: message


# Click's usage errors, each with the message jjj's catalogue translates (as N_ would mark it)
_CLICK_MESSAGES = (
    # Typer's suggestion after its own (translated) message
    (r"(?P<message>.+?)\.? Did you mean (?P<names>.+)\?", N_("{message} Did you mean {names}?")),
    (
        r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)",
        N_("No such option: {name} (Possible options: {options})"),
    ),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (r"Missing argument (?P<name>.+)\.", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>.+)\.", N_("Missing option {name}.")),
    (r"Missing parameter (?P<name>.+)\.", N_("Missing parameter {name}.")),
    (r"Option (?P<name>.+) requires an argument\.", N_("Option {name} requires an argument.")),
    (r"Option (?P<name>.+) does not take a value\.", N_("Option {name} does not take a value.")),
    (
        r"Got unexpected extra arguments? \((?P<arguments>.*)\)",
        N_("Got unexpected extra arguments ({arguments})"),
    ),
    (r"Invalid value for (?P<name>.+?): (?P<detail>.+)", N_("Invalid value for {name}: {detail}")),
    (r"Invalid value: (?P<detail>.+)", N_("Invalid value: {detail}")),
    (r"(?P<value>.+) is not one of (?P<choices>.+)\.", N_("{value} is not one of {choices}.")),
    (
        r"(?P<value>.+) is not in the range (?P<range>.+)\.",
        N_("{value} is not in the range {range}."),
    ),
)


def _translated(english: str) -> str:
    """A message of Click's in the run's language; one it does not know (jjj's own, already
    translated) as it is."""
    import re

    for pattern, template in _CLICK_MESSAGES:
        match = re.fullmatch(pattern, english, flags=re.DOTALL)
        if match:
            parts = match.groupdict()
            for part in ("detail", "message"):
                if part in parts:
                    parts[part] = _translated(parts[part])
            if "choices" in parts:  # Click's list, as the run's language lists
                parts["choices"] = language.listed(parts["choices"].split(", "))
            return _(template).format(**parts)
    return english
