"""Validate all of a catalogue at once and build the typed model."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from .location import default_catalogue_path, display_path
from .model import (
    ITEMS_TABLE,
    RECORD_TABLES,
    REVERSE_RELATION,
    Catalogue,
    CatalogueError,
    Item,
    Problem,
    QuoteCheck,
    Related,
    Source,
    name_key,
    normalise,
    other_names,
    quote_start,
    reachable,
    verify_quotes,
    within,
)
from .read import read_bounded, read_toml
from .schema import SOURCE, SPECS, Field, did_you_mean, read_fields

# How many ids unknown references are compared with, in all, to suggest the one meant.
SUGGESTION_BUDGET = 200_000

# Array-of-tables name -> (schema, dataclass), in the order a catalogue is usually written.
TABLES: Mapping[str, tuple[Mapping[str, Field], type]] = {
    table.name: (SPECS[table.record], table.record) for table in RECORD_TABLES
}


def load_catalogue(path: Path | None = None, *, check_quotes: bool = True) -> Catalogue:
    """Load and validate a catalogue; raise one CatalogueError listing every problem found."""
    path = Path(path) if path is not None else default_catalogue_path()
    shown = display_path(path)
    data, text = read_toml(path, shown)
    checker = _Checker(shown, text)
    catalogue = checker.build(path, data)
    if catalogue is not None and catalogue.source_text:
        # placed once and kept on the catalogue: `verify` reports from these same checks
        checks = verify_quotes(catalogue)
        for check in checks if check_quotes else ():
            if not check.found:
                message = f"not found in {catalogue.source.file}: '{quote_start(check.quote)}'"
                checker.report(checker.where[check.id], "quote", message)
        # not a missing quote but two items claiming the same words: verify reports it too
        checker.check_quote_overlaps([check for check in checks if check.table == ITEMS_TABLE])
    if checker.problems or catalogue is None:
        # in file order, so a curator can work down the file
        raise CatalogueError(sorted(checker.problems, key=lambda problem: problem.line or 0))
    return catalogue


class _Locator:
    """Line numbers for tables and fields, found by scanning the raw text (tomllib gives none)."""

    HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_-]+)\s*\]\]?\s*(#.*)?$")

    def __init__(self, text: str) -> None:
        # TOML ends lines only at \n; str.splitlines would also split at U+2028 inside a string
        self.lines = text.split("\n")
        self.tables: dict[str, list[tuple[int, int]]] = {}  # name -> (first, end) line indexes
        headers = [
            (number, match.group(2))
            for number, line in enumerate(self.lines)
            for match in [self.HEADER.match(line)]
            if match
        ]
        ends = [number for number, _ in headers] + [len(self.lines)]
        # "" is the top level, before the first header: `proposals = 3` is written there
        self.tables[""] = [(-1, ends[0])]
        for (start, name), end in zip(headers, ends[1:]):
            self.tables.setdefault(name, []).append((start, end))

    def line(self, table: str, index: int | None, field: str | None) -> int | None:
        spans = self.tables.get(table, [])
        position = index or 0
        if position >= len(spans):
            return None
        start, end = spans[position]
        if field:
            key = re.compile(rf"^\s*[\"']?{re.escape(field)}[\"']?\s*=")
            for number in range(start + 1, end):
                if key.match(self.lines[number]):
                    return number + 1
        return start + 1 or None


@dataclass(frozen=True)
class _Where:
    table: str
    index: int | None
    id: str | None

    @property
    def label(self) -> str:
        place = self.table if self.index is None else f"{self.table}[{self.index}]"
        return f"{place} '{self.id}'" if self.id else place


class _Checker:
    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self.problems: list[Problem] = []
        self.where: dict[str, _Where] = {}  # every id seen, valid record or not
        self.comparisons_left = SUGGESTION_BUDGET

    def suggest(self, value: str, known: Collection[str]) -> str:
        """did_you_mean for a reference, while the budget lasts: thousands of bad references
        among thousands of ids would otherwise take minutes to report."""
        if len(known) > self.comparisons_left:
            return ""
        self.comparisons_left -= len(known)
        return did_you_mean(value, known)

    @cached_property
    def locator(self) -> _Locator:
        # built at the first problem: a valid catalogue never needs its line numbers
        return _Locator(self.text)

    def report(self, where: _Where, field: str | None, message: str) -> None:
        # a table with no [header] of its own was written as a key at the top level
        line = self.locator.line(where.table, where.index, field) or self.locator.line(
            "", None, where.table
        )
        self.problems.append(Problem(self.file, line, where.label, field, message))

    def build(self, path: Path, data: dict[str, Any]) -> Catalogue | None:
        for name in data:
            if name != "source" and name not in TABLES:
                message = f"unknown table '{name}'{did_you_mean(name, [*TABLES, 'source'])}"
                line = self.locator.line(name, 0, None) or self.locator.line("", None, name)
                self.problems.append(Problem(self.file, line, None, None, message))
        source, text = self._source(path.parent, data.get("source"))
        tables = {name: self._records(name, data.get(name, [])) for name in TABLES}
        self._check_references(tables)
        if source is None:
            return None
        items = _with_reverse_links(tables[ITEMS_TABLE])
        return Catalogue(
            path=path,
            source=source,
            source_text=text,
            experts=tuple(tables["experts"].values()),
            themes=tuple(tables["themes"].values()),
            regions=tuple(tables["regions"].values()),
            items=tuple(sorted(items.values(), key=lambda item: item.seq)),
            figures=tuple(tables["figures"].values()),
        )

    def _source(self, directory: Path, table: Any) -> tuple[Source | None, str]:
        """The [source] table and the text of its file ("" when it cannot be read)."""
        where = _Where("source", None, None)
        if table is None:
            self.problems.append(Problem(self.file, None, None, None, "missing [source] table"))
            return None, ""
        values, errors = read_fields(table, SOURCE)
        where = replace(where, id=values.get("id"))
        if where.id is not None:
            self.where[where.id] = where  # ids are unique across the source and every table
        for field, message in errors:
            self.report(where, field, message)
        if errors:
            return None, ""
        source = Source(**values, path=directory / values["file"])
        try:
            raw = read_bounded(source.path)
        except OSError as error:
            # the path tried, as the user would type it: `file` alone hides where it was sought
            tried = display_path(source.path)
            relative = "'file' is relative to the catalogue file"
            self.report(where, "file", f"cannot read {tried}: {error.strerror} ({relative})")
            return source, ""
        except ValueError as error:
            self.report(where, "file", f"{source.file} is too large: {error}")
            return source, ""
        digest = hashlib.sha256(raw).hexdigest()
        if digest != source.sha256.lower():
            message = f"{source.file} has sha256 {digest}, not this one: was the text changed?"
            self.report(where, "sha256", message)
        try:
            return source, raw.decode("utf-8")
        except UnicodeDecodeError:
            self.report(where, "file", f"{source.file} is not UTF-8 text")
            return source, ""

    def _records(self, table: str, entries: Any) -> dict[str, Any]:
        schema, record_type = TABLES[table]
        if not isinstance(entries, list):
            self.report(_Where(table, None, None), None, f"expected [[{table}]] tables")
            return {}
        records = {}
        for index, entry in enumerate(entries):
            values, errors = read_fields(entry, schema)
            where = _Where(table, index, values.get("id"))
            for field, message in errors:
                self.report(where, field, message)
            if where.id is None:
                continue
            if where.id in self.where:
                first = self.where[where.id].label
                self.report(where, "id", f"duplicate id, already used by {first}")
                continue
            self.where[where.id] = where
            if not errors:
                records[where.id] = record_type(**values)
        return records

    def _known(self, table: str) -> set[str]:
        return {id for id, where in self.where.items() if where.table == table}

    def _check_references(self, tables: Mapping[str, dict[str, Any]]) -> None:
        experts, themes = self._known("experts"), self._known("themes")
        regions, items = self._known("regions"), self._known(ITEMS_TABLE)
        self._check_names(tables)
        alias_of = {alias: t.id for t in tables["themes"].values() for alias in t.aliases}

        def check(where: _Where, field: str, value: str | None, known: set[str], what: str) -> None:
            if value is None or value in known:
                return
            # a theme alias in the data is an easy slip: point at the id it stands for
            guess = alias_of.get(value, value) if what == "theme" else value
            self.report(where, field, f"unknown {what} '{value}'{self.suggest(guess, known)}")

        seqs: dict[int, str] = {}
        for item in tables[ITEMS_TABLE].values():
            where = self.where[item.id]
            check(where, "expert", item.expert, experts, "expert")
            for theme in item.themes:
                check(where, "themes", theme, themes, "theme")
            for region in item.regions:
                check(where, "regions", region, regions, "region")
            if item.seq in seqs:
                self.report(where, "seq", f"seq {item.seq} already used by '{seqs[item.seq]}'")
            seqs.setdefault(item.seq, item.id)
            self._check_related(item, tables[ITEMS_TABLE], items)
        for figure in tables["figures"].values():
            where = self.where[figure.id]
            check(where, "expert", figure.expert, experts, "expert")
            check(where, "region", figure.region, regions, "region")
            check(where, "compared_with", figure.compared_with, regions, "region")
        parents = {id: within(region) for id, region in tables["regions"].items()}
        for region in tables["regions"].values():
            where = self.where[region.id]
            check(where, "parent", region.parent, regions, "region")
            for other in region.also_within:
                check(where, "also_within", other, regions, "region")
            if region.id in reachable(region.id, parents):
                message = "region is its own ancestor (the parent links form a cycle)"
                self.report(where, "parent" if region.parent else "also_within", message)

    def check_quote_overlaps(self, checks: Sequence[QuoteCheck]) -> None:
        """Report items that quote the same words, or whose quotes share any character.

        One claim, one item. Figures are left out: they quote their numbers from the items'
        words. The spans are sorted and swept once (n log n, not n² comparisons): each is
        compared with the one reaching furthest among those that start before it, so every
        item that overlaps another is reported or named. The report goes on the later item in
        the file and names the earlier one with its line.
        """
        span = {check.id: check.span for check in checks if check.span is not None}
        located = [check for check in checks if check.id in span]
        # each quote's entry in its table, in file order (a quote is always in an entry: the
        # `or 0` is for the type, a top-level place having no index)
        order = {check.id: self.where[check.id].index or 0 for check in located}
        pairs: dict[frozenset[str], tuple[QuoteCheck, QuoteCheck]] = {}
        reach: QuoteCheck | None = None  # of the spans so far, the one that ends last
        for check in sorted(
            located, key=lambda check: (span[check.id][0], -span[check.id][1], order[check.id])
        ):
            (start, end) = span[check.id]
            if reach is not None and start < span[reach.id][1]:
                pairs.setdefault(frozenset((reach.id, check.id)), (reach, check))
            if reach is None or end > span[reach.id][1]:
                reach = check
        # the same words found at two places of the source are still one claim quoted twice
        first_with: dict[str, QuoteCheck] = {}
        for check in located:
            other = first_with.setdefault(normalise(check.quote), check)
            if other is not check:
                pairs.setdefault(frozenset((other.id, check.id)), (other, check))
        for pair in pairs.values():
            earlier, later = sorted(pair, key=lambda check: order[check.id])
            self._report_overlap(earlier, later, span[later.id], span[earlier.id])

    def _report_overlap(
        self,
        earlier: QuoteCheck,
        later: QuoteCheck,
        later_span: tuple[int, int],
        earlier_span: tuple[int, int],
    ) -> None:
        (start, end), (other_start, other_end) = later_span, earlier_span
        where = self.where[earlier.id]
        line = self.locator.line(where.table, where.index, "quote")
        other = f"the quote of {where.label} (line {line})"
        words = normalise(later.quote)
        if words == normalise(earlier.quote):
            message = f"the same as {other}"
        elif other_start <= start and end <= other_end:
            message = f"inside {other}"
        elif start <= other_start and other_end <= end:
            message = f"contains {other}"
        else:
            shared = words[max(start, other_start) - start : min(end, other_end) - start]
            message = f"overlaps {other} in '{quote_start(shared)}'"
        self.report(self.where[later.id], "quote", message)

    def _check_names(self, tables: Mapping[str, dict[str, Any]]) -> None:
        """Report a name, alias or code that would stand for two experts, two themes or two
        regions: what a user types must find one record of its kind."""
        labels = {"name": "name", "name_zh": "name", "aliases": "alias", "code": "code"}
        for table, what in (("experts", "expert"), ("themes", "theme"), ("regions", "region")):
            # ids first: a name is compared with every id of its table, valid record or not
            owners = {name_key(id): id for id in self._known(table)}
            for record in tables[table].values():
                for field, value in other_names(record):
                    owner = owners.setdefault(name_key(value), record.id)
                    if owner != record.id:
                        message = f"{labels[field]} '{value}' is already used by {what} '{owner}'"
                        self.report(self.where[record.id], field, message)

    def _check_related(self, item: Item, records: Mapping[str, Item], known: set[str]) -> None:
        where = self.where[item.id]
        seen = set()
        for link in item.related:
            if link.id == item.id:
                self.report(where, "related", "an item cannot be related to itself")
            elif link.id not in known:
                hint = self.suggest(link.id, known)
                self.report(where, "related", f"unknown item '{link.id}'{hint}")
            elif link.id in seen:
                self.report(where, "related", f"'{link.id}' is listed twice")
            elif link.id in records and records[link.id].expert == item.expert:
                message = "is by the same expert; related items link different experts"
                self.report(where, "related", f"'{link.id}' {message}")
            seen.add(link.id)


def _with_reverse_links(items: Mapping[str, Item]) -> dict[str, Item]:
    """Add the reverse of every related link, unless the other item already links back."""
    added: dict[str, list[Related]] = {id: [] for id in items}
    for item in items.values():
        for link in item.related:
            other = items.get(link.id)
            if other is not None and all(back.id != item.id for back in other.related):
                added[other.id].append(Related(item.id, REVERSE_RELATION[link.relation]))
    return {
        id: item._replace(related=item.related + tuple(added[id])) if added[id] else item
        for id, item in items.items()
    }
