"""The language jjj speaks to a person: English, or Chinese from a gettext catalogue.

What a person reads (headings, labels, summary lines, messages, errors, `--help`) passes
through `_` on its way out; what a script reads (ids, JSON keys, TSV headers, exit codes) does
not. The texts live in `locale/<lang>/LC_MESSAGES/jjj.po`, compiled to the `jjj.mo` beside it
that the standard library's `gettext` reads (docs/development.md says how to change them).

The language of a run (`chosen`): `--lang` on the command line, else $JJJ_LANG, else the
locale ($LC_ALL, $LC_MESSAGES, $LANG, the first one set): Chinese if it starts with `zh`,
English otherwise. The command line chooses it once, before anything is printed (`use`); the
library's callers get English unless they `use` another.

A text marked `N_` is one to translate where it is shown, not where it is written (a constant
of a module, read before the language is chosen).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gettext import NullTranslations

LANGUAGES = ("en", "zh")  # English is the language of the texts themselves
DOMAIN = "jjj"
LOCALE_DIR = Path(__file__).parent / "locale"
ENVIRONMENT_VARIABLE = "JJJ_LANG"
# the locale's variables, in the order POSIX gives them precedence for messages
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


class UnknownLanguage(ValueError):
    """$JJJ_LANG names a language jjj does not speak. Said in the language spoken when it is
    shown: the locale's (cli/translate.py)."""

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(value)

    def __str__(self) -> str:
        message = _("{variable}={value!r} names no language of jjj's: en or zh")
        return message.format(variable=ENVIRONMENT_VARIABLE, value=self.value)


class DamagedCatalogue(OSError):
    """A language's compiled messages (its .mo file) cannot be read."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(
            f"the messages of jjj's {path.parent.parent.name!r} language cannot be read "
            f"({path}: {reason}); jjj speaks English instead"
        )


_current: NullTranslations | None = None  # None: English, the texts as written
_language = "en"


def _(message: str) -> str:
    """`message` in the language of the run."""
    return message if _current is None else _current.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count` things, in the language of the run."""
    if _current is None:
        return singular if count == 1 else plural
    return _current.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` to be translated where it is shown (`_`), not here."""
    return message


def sentences(*parts: str) -> str:
    """Sentences one after another, as the run's language writes them: a space between
    English ones, nothing after a Chinese full stop. Empty parts are left out."""
    return ("" if _language == "zh" else " ").join(part for part in parts if part)


def current() -> str:
    """The language of the run: "en" or "zh"."""
    return _language


def listed(items: Sequence[str]) -> str:
    """Items one after another, as the run's language lists them: `a, b` in English, `a、b`
    in Chinese."""
    return ("、" if _language == "zh" else ", ").join(items)


def chosen(args: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language a command line asks for: its `--lang` (a valid one: an invalid one is for
    the option's own check to report), else $JJJ_LANG, else the locale. Raises UnknownLanguage
    for a $JJJ_LANG that names none of LANGUAGES."""
    given = _lang_option(args)
    if given in LANGUAGES:
        return given
    wanted = environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if wanted:
        if wanted.lower() not in LANGUAGES:
            raise UnknownLanguage(wanted)
        return wanted.lower()
    return of_locale(environ)


def of_locale(environ: Mapping[str, str]) -> str:
    """The language the locale asks for: Chinese for one that starts with `zh`."""
    for variable in _LOCALE_VARIABLES:
        if environ.get(variable):  # the first one set decides, as the C library's does
            return "zh" if environ[variable].lower().startswith("zh") else "en"
    return "en"


def _lang_option(args: Sequence[str]) -> str | None:
    """The value of the last `--lang` before a `--`, or None."""
    value = None
    for index, arg in enumerate(args):
        if not isinstance(arg, str):  # a caller's own (a path, a number), which Click takes
            continue
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            value = str(args[index + 1])
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
    return value


def use(language: str) -> None:
    """Speak `language` (one of LANGUAGES) from now on. Raises DamagedCatalogue, English then
    spoken, when its compiled messages cannot be read."""
    global _current, _language
    _current, _language = None, "en"
    if language == "en":
        return
    _current, _language = _load(language), language


def _load(language: str) -> NullTranslations:
    """A language's compiled messages; DamagedCatalogue if they cannot be read."""
    import struct
    from gettext import GNUTranslations

    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with open(path, "rb") as file:
            return GNUTranslations(file)
    except (OSError, ValueError, UnicodeError, IndexError, struct.error) as error:
        # OSError: missing or unreadable; the rest: not a .mo (too short, a bad magic number,
        # offsets beyond the end, a message not in the catalogue's charset)
        raise DamagedCatalogue(path, str(error) or type(error).__name__) from None


def in_language(message: str, language: str) -> str:
    """`message` in `language`, whatever the run speaks: for what shows both languages at once
    (the web site). As written, if that language's messages cannot be read."""
    if language == "en":
        return message
    if language not in _others:
        try:
            _others[language] = _load(language)
        except DamagedCatalogue:
            return message
    return _others[language].gettext(message)


_others: dict[str, NullTranslations] = {}  # in_language's, loaded once


def translations() -> NullTranslations | None:
    """The run's translations (None for English), for what asks gettext itself (Typer's own
    texts: cli/commands.py)."""
    return _current
