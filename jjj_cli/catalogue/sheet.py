"""A coding sheet: a second, independent coding of a catalogue's items, for `jjj agree`.

A second coder codes units, an item's id and its quote, and gives them tags from the
codebooks of a catalogue; a sheet holds that and nothing else (no titles, summaries, sources
or experts):

    [sheet]
    codebook = "../proposals.toml"  # the catalogue whose codebooks the coder used
    coder = "…"                     # optional, as are date (a calendar date) and note

    [[codings]]
    id = "cong-critical-stage"
    quote = "当前，京津冀……"
    themes = ["coordination"]
    regions = ["jingjinji"]
    kind = "finding"                # optional, as is note: the coder's reason

A coding with neither `themes` nor `regions` is not coded yet (a blank sheet's, part filled in):
it is left out, and counted (`Sheet.uncoded`), so that a sheet coded in batches is measured on
what is coded. One without the other is a problem: `[]` says "none applies".

A file is a sheet when it has a [sheet] table. It is checked as a catalogue file is (the
same Problem, with file, line, record and field; one CatalogueError carrying them all): the
codebook loads; each coding has an id (unique in the sheet) and a quote; its themes and regions
are ids of the codebook's, its kind one of KINDS; no field is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from ..language import N_, _
from . import schema
from .load import _Locator, _Where
from .location import display_path
from .model import Catalogue, CatalogueError, Problem
from .read import parse_toml, read_bounded

SHEET_TABLE = "sheet"
CODINGS_TABLE = "codings"

# A line that may open a top-level `sheet` table or key: `[sheet]`, `sheet = {…}`, `"sheet".x`.
# Only a file with one is parsed to look further: a catalogue is left to its loader (and the
# cache), unread here.
_SHEET_LINE = re.compile(rb"""^[ \t]*(?:\[\[?[ \t]*)?["']?sheet["']?[ \t]*[\].=]""", re.MULTILINE)


class SheetError(CatalogueError):
    """Everything wrong with a coding sheet (not with its codebook, whose problems are its
    loader's): `jjj validate` reads catalogues only, so each problem is shown, not the first few."""

    validated = False


class Coding(NamedTuple):
    """One item as a sheet codes it: what is coded (its id and quote), the tags given, and
    the coder's note."""

    id: str
    quote: str
    themes: tuple[str, ...]
    regions: tuple[str, ...]
    kind: str | None
    note: str | None


@dataclass(frozen=True)
class Sheet:
    path: Path  # the sheet file
    codebook: str  # as written: the catalogue's entry file, relative to the sheet's folder
    coder: str | None
    date: date | None
    note: str | None
    catalogue: Catalogue  # the codebook's catalogue: the labels the coder could give
    codings: tuple[Coding, ...]  # in the sheet's order
    uncoded: tuple[str, ...] = ()  # the ids of the codings not coded yet, left out


def string(value: Any) -> str:
    """Text a person fills in, which may be left empty (`coder = ""` in a blank sheet)."""
    if not isinstance(value, str):
        message = _("expected a string, got {value}")
        raise schema.Invalid(message.format(value=schema._describe(value)))
    return value


SHEET_FIELDS = schema._spec(
    Sheet,
    not_in_file=("path", "catalogue", "codings", "uncoded"),
    codebook=schema.Field(schema.text),
    coder=schema.Field(string, required=False),
    date=schema.Field(schema.calendar_date, required=False),
    note=schema.Field(string, required=False),
)
CODING_FIELDS = schema._spec(
    Coding,
    id=schema.ID,
    kind=schema.Field(schema.kind, required=False),
    # both, or neither while the coding is not made yet (see _codings)
    themes=schema.Field(schema.slug_list, required=False),
    regions=schema.Field(schema.slug_list, required=False),
    note=schema.Field(string, required=False),
)
TAGS = ("themes", "regions")


def read_coding(path: Path, load: Callable[[Path], Catalogue]) -> Catalogue | Sheet:
    """The coding at `path`: a sheet when the file has a [sheet] table, else the catalogue
    `load` gives (load_catalogue, or the cache's). A sheet's codebook is loaded by `load`."""
    try:
        raw = read_bounded(path)
    except (OSError, ValueError):
        return load(path)  # the loader says why it cannot be read, as for any catalogue
    if not _SHEET_LINE.search(raw):
        return load(path)
    shown = display_path(path)
    data, text = parse_toml(raw, shown)
    if SHEET_TABLE not in data:
        return load(path)
    return _Reader(path, shown, text).sheet(data, load)


class _Reader:
    """One sheet's checks, every problem collected, each on its line."""

    def __init__(self, path: Path, shown: str, text: str) -> None:
        self.path, self.shown = path, shown
        self.locator = _Locator(text)
        self.problems: list[Problem] = []
        self.header = _Where(shown, SHEET_TABLE, None, None)

    def report(self, where: _Where, field: str | None, message: str) -> None:
        # a table with no [header] of its own was written as a key at the top level
        line = self.locator.line(where.table, where.index, field)
        line = line or self.locator.line("", None, where.table)
        self.problems.append(Problem(self.shown, line, where.label, field, message))

    def sheet(self, data: dict[str, Any], load: Callable[[Path], Catalogue]) -> Sheet:
        for name in data:
            if name not in (SHEET_TABLE, CODINGS_TABLE):
                message = _("unknown table '{name}'{hint}").format(
                    name=name, hint=schema.did_you_mean(name, (SHEET_TABLE, CODINGS_TABLE))
                )
                line = self.locator.line(name, 0, None) or self.locator.line("", None, name)
                self.problems.append(Problem(self.shown, line, None, None, message))
        header = data[SHEET_TABLE]
        if isinstance(header, dict):
            values, errors = schema.read_fields(header, SHEET_FIELDS)
        else:
            values, errors = {}, [(None, _("expected a [sheet] table"))]
        for field, message in errors:
            self.report(self.header, field, message)
        catalogue = None
        if values.get("codebook") is not None:
            catalogue = self._codebook(values["codebook"], load)
        codings, uncoded = self._codings(data.get(CODINGS_TABLE, []), catalogue)
        if self.problems:
            raise SheetError(sorted(self.problems, key=lambda problem: problem.line or 0))
        assert catalogue is not None  # no codebook is a problem reported
        return Sheet(self.path, catalogue=catalogue, codings=codings, uncoded=uncoded, **values)

    def _codebook(self, written: str, load: Callable[[Path], Catalogue]) -> Catalogue | None:
        """The codebook's catalogue (its own problems raised, as its loader reports them)."""
        path = self.path.parent / written
        if not path.is_file():
            message = _("'{pattern}': no such file (relative to {file})")
            self.report(self.header, "codebook", message.format(pattern=written, file=self.shown))
            return None
        return load(path)

    def _codings(
        self, entries: Any, catalogue: Catalogue | None
    ) -> tuple[tuple[Coding, ...], tuple[str, ...]]:
        """The codings made, and the ids of those not made yet (neither themes nor regions)."""
        if not isinstance(entries, list):
            where = _Where(self.shown, CODINGS_TABLE, None, None)
            self.report(where, None, _("expected [[{name}]] tables").format(name=CODINGS_TABLE))
            return (), ()
        first: dict[str, str] = {}  # each id and the coding that has it first
        codings, uncoded = [], []
        for index, entry in enumerate(entries):
            values, errors = schema.read_fields(entry, CODING_FIELDS)
            where = _Where(self.shown, CODINGS_TABLE, index, values.get("id"))
            for field, message in errors:
                self.report(where, field, message)
            if where.id is not None and where.id in first:
                message = _("duplicate id, already used by {first}").format(first=first[where.id])
                self.report(where, "id", message)
                continue
            if where.id is not None:
                first[where.id] = where.label
            given = [field for field in TAGS if isinstance(entry, dict) and field in entry]
            if len(given) == 1:
                (missing,) = set(TAGS) - set(given)
                message = _(
                    "gives {given} but not {missing}: give both ([] where none applies), or "
                    "neither while the item is not coded yet"
                )
                self.report(where, missing, message.format(given=given[0], missing=missing))
                continue
            unknown = catalogue is not None and self._unknown_tags(where, values, catalogue)
            if errors or unknown:
                continue
            if given:
                codings.append(Coding(**values))
            elif where.id is not None:
                uncoded.append(where.id)
        return tuple(codings), tuple(uncoded)

    def _unknown_tags(self, where: _Where, values: dict[str, Any], catalogue: Catalogue) -> bool:
        """Report each theme and region of a coding that the codebook does not define; whether
        there was one."""
        # a theme's alias is an easy slip: point at the id it stands for
        alias_of = {alias: theme.id for theme in catalogue.themes for alias in theme.aliases}
        codebooks = (
            ("themes", N_("theme"), [theme.id for theme in catalogue.themes]),
            ("regions", N_("region"), [region.id for region in catalogue.regions]),
        )
        found = False
        for field, what, known in codebooks:
            for value in values.get(field) or ():
                if value not in known:
                    guess = alias_of.get(value, value) if field == "themes" else value
                    message = _("unknown {what} '{value}'{hint}").format(
                        what=_(what), value=value, hint=schema.did_you_mean(guess, known)
                    )
                    self.report(where, field, message)
                    found = True
        return found
