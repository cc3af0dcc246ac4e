"""Validate all of a catalogue at once and build the typed model."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from ..language import N_, _, listed
from .location import default_catalogue_path, display_path, glob_matches, globbed
from .model import (
    ITEMS_TABLE,
    RECORD_TABLES,
    REVERSE_RELATION,
    Catalogue,
    CatalogueError,
    Coding,
    Include,
    Item,
    Problem,
    QuoteCheck,
    Related,
    Rule,
    Source,
    collector_paused,
    name_key,
    normalise,
    other_names,
    quote_start,
    reachable,
    verify_quotes,
    within,
)
from .read import TABLE_HEADER, read_bytes, read_toml, stamp
from .reasons import system_reason
from .schema import CODING, SPECS, Field, did_you_mean, read_fields

# How many ids unknown references are compared with, in all, to suggest the one meant.
SUGGESTION_BUDGET = 200_000

# How a message names the kind of record a reference or a name is for.
_NOUNS = {
    "source": N_("source"),
    "expert": N_("expert"),
    "theme": N_("theme"),
    "region": N_("region"),
    "item": N_("item"),
}

# Array-of-tables name -> (schema, dataclass), in the order a catalogue is usually written.
TABLES: Mapping[str, tuple[Mapping[str, Field], type]] = {
    table.name: (SPECS[table.record], table.record) for table in RECORD_TABLES
}
# The one table of a catalogue that holds no records: the coding rules of every theme and of
# the regions (model.Coding).
CODING_TABLE = "coding"
# Which of an item's tags each list of [coding] rules is about.
_CODED = {"themes": ("themes", "theme"), "regions": ("regions", "region")}


def load_catalogue(
    path: Path | None = None,
    *,
    check_quotes: bool = True,
    overlay: Mapping[Path, bytes] | None = None,
) -> Catalogue:
    """Load and validate a catalogue, the entry file and every file it includes; raise one
    CatalogueError listing every problem found.

    `overlay` maps resolved paths to the bytes those files would have: the catalogue is read
    as it would be after a change, before the change is written.
    """
    path = Path(path) if path is not None else default_catalogue_path()
    with collector_paused():
        return _load(path, check_quotes, overlay or {})


def _load(path: Path, check_quotes: bool, overlay: Mapping[Path, bytes]) -> Catalogue:
    checker = _Checker(overlay)
    checker.read(path)
    catalogue = checker.build(path)
    checks = verify_quotes(catalogue)  # placed once, and kept on the catalogue for `verify`
    for check in checks if check_quotes else ():
        # a source that could not be read has its own problem: its quotes are not all missing
        if not check.found and check.source in checker.readable:
            source = catalogue.by_id[check.source]
            assert isinstance(source, Source)
            file = catalogue.shown_file(source)
            message = _("not found in {file}: '{quote}'").format(
                file=file, quote=quote_start(check.quote)
            )
            checker.report(checker.where[check.id], "quote", message)
    # not a missing quote but two items claiming the same words: verify reports it too
    checker.check_quote_overlaps([check for check in checks if check.table == ITEMS_TABLE])
    if checker.problems:
        # in file order, so a curator can work down each file
        raise CatalogueError(checker.sorted_problems(), entry=display_path(path))
    return catalogue


def catalogue_files(path: Path | None = None) -> list[Path]:
    """Every catalogue file the entry file reaches through `include`, the entry first; raises
    CatalogueError when one cannot be read or an include is wrong."""
    path = Path(path) if path is not None else default_catalogue_path()
    checker = _Checker({})
    checker.read(path)
    problems = [problem for problem in checker.problems if problem.field == "include"]
    if problems or checker.unreadable:
        raise CatalogueError([*checker.unreadable, *problems])
    return [document.path for document in checker.documents]


# The 0.1 layout's expert fields that 0.2 keeps per source, in [[appearances]].
_PER_SOURCE = ("headline", "headline_zh", "question", "question_zh", "note")


@dataclass
class _Document:
    """One catalogue file as read: where it is, how to name it, its text and its tables."""

    path: Path
    shown: str
    text: str
    data: dict[str, Any]

    @cached_property
    def locator(self) -> _Locator:
        # built at the first problem: a valid catalogue never needs its line numbers
        return _Locator(self.text)


class _Locator:
    """Line numbers for tables and fields, found by scanning the raw text (tomllib gives none)."""

    HEADER = TABLE_HEADER

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
            # `include[2].example`: the line of the third table in the list `include`
            element = re.match(r"([\w-]+)\[(\d+)\]", field)
            name = element.group(1) if element else field
            key = re.compile(rf"^\s*[\"']?{re.escape(name)}[\"']?\s*=")
            for number in range(start + 1, end):
                if key.match(self.lines[number]):
                    found = self._element(number, end, int(element.group(2))) if element else number
                    return found + 1
        return start + 1 or None

    _KEY = re.compile(r"^\s*[A-Za-z0-9_\"'-]+\s*=")
    _OPENING = re.compile(r"^\s*(?:[A-Za-z0-9_\"'-]+\s*=\s*\[\s*)?\{")

    def _element(self, key: int, end: int, index: int) -> int:
        """The line where the index-th inline table of the list at line `key` starts, when
        each starts a line (as `jjj fmt` writes a long list); else the key's line."""
        count = -1
        for number in range(key, end):
            line = self.lines[number]
            if number > key and self._KEY.match(line):
                break  # the next key: the list has ended
            if self._OPENING.match(line):
                count += 1
                if count == index:
                    return number
        return key


@dataclass(frozen=True)
class _Where:
    file: str  # the catalogue file, as shown
    table: str  # the table's name in that file: "source" in a 0.1 file
    index: int | None
    id: str | None

    @property
    def label(self) -> str:
        place = self.table if self.index is None else f"{self.table}[{self.index}]"
        return f"{place} '{self.id}'" if self.id else place


class _Checker:
    def __init__(self, overlay: Mapping[Path, bytes]) -> None:
        self.overlay = {Path(path).resolve(): raw for path, raw in overlay.items()}
        self.documents: list[_Document] = []
        self.by_file: dict[str, _Document] = {}
        self.includes: list[Include] = []
        self.unreadable: list[Problem] = []  # included files that could not be read or parsed
        self.problems: list[Problem] = []
        self.where: dict[str, _Where] = {}  # every id seen, valid record or not
        self.ids: dict[str, set[str]] = {name: set() for name in TABLES}  # ids by table
        self.entries: dict[str, list[tuple[Any, _Where]]] = {name: [] for name in TABLES}
        self.readable: set[str] = set()  # the sources whose text was read
        self.stamps: dict[Path, tuple[int, int]] = {}  # each file read: its size and CRC-32
        self.appearing: dict[tuple[Any, Any], _Where] = {}  # (expert, source) -> its entry
        self.coding: tuple[Any, _Where] | None = None  # the [coding] table as read, and where
        self.comparisons_left = SUGGESTION_BUDGET

    def suggest(self, value: str, known: Collection[str]) -> str:
        """did_you_mean for a reference, while the budget lasts: thousands of bad references
        among thousands of ids would otherwise take minutes to report."""
        if len(known) > self.comparisons_left:
            return ""
        self.comparisons_left -= len(known)
        return did_you_mean(value, known)

    def report(self, where: _Where, field: str | None, message: str) -> None:
        locator = self.by_file[where.file].locator
        # a table with no [header] of its own was written as a key at the top level
        line = locator.line(where.table, where.index, field) or locator.line("", None, where.table)
        self.problems.append(Problem(where.file, line, where.label, field, message))

    def report_top(self, document: _Document, key: str, message: str) -> None:
        """A problem with a top-level key or table of a file, on its line."""
        line = document.locator.line(key, 0, None) or document.locator.line("", None, key)
        self.problems.append(Problem(document.shown, line, None, None, message))

    def sorted_problems(self) -> list[Problem]:
        order = {document.shown: index for index, document in enumerate(self.documents)}
        return sorted(
            self.problems, key=lambda problem: (order.get(problem.file, 0), problem.line or 0)
        )

    # -- reading the files ------------------------------------------------------------------

    def read(self, entry: Path) -> None:
        """Read the entry file (its failure is the whole load's) and every file it includes."""
        seen: set[Path] = set()
        pending = [entry]
        while pending:
            path = pending.pop()
            resolved = path.resolve()
            if resolved in seen:
                continue  # included twice, or a cycle: each file is read once
            seen.add(resolved)
            shown = display_path(path)
            try:
                data, text = read_toml(path, shown, self.overlay, self.stamps)
            except CatalogueError as error:
                if path is entry:
                    raise
                self.unreadable.extend(error.problems)
                self.problems.extend(error.problems)
                continue
            document = _Document(path, shown, text, data)
            self.documents.append(document)
            self.by_file[shown] = document
            # depth-first, in the order the patterns and their matches are written
            pending.extend(reversed(self._included(document)))
            self._collect(document)

    def _included(self, document: _Document) -> list[Path]:
        value = document.data.pop("include", None)
        if value is None:
            return []
        if not isinstance(value, list) or not all(
            isinstance(pattern, str) and pattern.strip() for pattern in value
        ):
            self._include_problem(document, _("expected a list of paths or globs, as strings"))
            return []
        found: list[Path] = []
        directory = document.path.parent
        for pattern in value:
            if any(char in pattern for char in "*?["):
                try:
                    on_disk = globbed(directory, pattern)
                except ValueError as error:
                    message = _("'{pattern}' is no pattern jjj reads: {reason}")
                    self._include_problem(document, message.format(pattern=pattern, reason=error))
                    continue
                matched = sorted({*on_disk} | self._overlay_matches(directory, pattern))
                if not matched:
                    message = _("'{pattern}' matches no file").format(pattern=pattern)
                    self._include_problem(document, message)
            else:
                matched = [directory / pattern]
                if matched[0].resolve() not in self.overlay and not matched[0].is_file():
                    message = _("'{pattern}': no such file (relative to {file})").format(
                        pattern=pattern, file=document.shown
                    )
                    self._include_problem(document, message)
                    matched = []
            self.includes.append(Include(document.path, pattern, tuple(matched)))
            found.extend(matched)
        return found

    def _overlay_matches(self, directory: Path, pattern: str) -> set[Path]:
        """The files a change would create that a glob matches (the disk has them not yet). The
        overlay's paths are resolved: so is the pattern's literal start (`sources/` of
        `sources/*.toml`), which may be a link to a folder elsewhere."""
        parts = PurePosixPath(pattern).parts
        literal = next((n for n, part in enumerate(parts) if any(c in part for c in "*?[")), 0)
        start = directory.joinpath(*parts[:literal])
        rest = "/".join(parts[literal:])
        base = start.resolve()
        found = set()
        for path in self.overlay:
            try:
                relative = path.relative_to(base)
            except ValueError:
                continue
            if glob_matches(PurePosixPath(relative.as_posix()), rest):
                found.add(start / relative)
        return found

    def _include_problem(self, document: _Document, message: str) -> None:
        line = document.locator.line("", None, "include")
        self.problems.append(Problem(document.shown, line, None, "include", message))

    def _collect(self, document: _Document) -> None:
        """File the records of one document under their tables, each with where it is."""
        data = document.data
        if "source" in data:
            self._upgrade(document)
        for name, entries in data.items():
            if name == CODING_TABLE:
                self._coding_table(document, entries)
                continue
            if name not in TABLES:
                message = _("unknown table '{name}'{hint}").format(
                    name=name, hint=did_you_mean(name, [*TABLES, CODING_TABLE])
                )
                self.report_top(document, name, message)
                continue
            if not isinstance(entries, list):
                where = _Where(document.shown, name, None, None)
                self.report(where, None, _("expected [[{name}]] tables").format(name=name))
                continue
            for index, entry in enumerate(entries):
                id = entry.get("id") if isinstance(entry, dict) else None
                where = _Where(document.shown, name, index, id if isinstance(id, str) else None)
                self.entries[name].append((entry, where))

    def _coding_table(self, document: _Document, table: Any) -> None:
        """Keep the [coding] table, the first one read: a catalogue has one set of rules."""
        where = _Where(document.shown, CODING_TABLE, None, None)
        if self.coding is not None:
            message = _("a second [coding] table: the catalogue's rules are in {file}").format(
                file=self.coding[1].file
            )
            self.report_top(document, CODING_TABLE, message)
            return
        self.coding = (table, where)

    def _upgrade(self, document: _Document) -> None:
        """Read a file in 0.1's layout, one [source] table, as the 0.2 tables it stands for:
        the source in [[sources]], each expert's headline, question and note as their
        appearance in it, and the source named on each item and figure."""
        data = document.data
        table = data.pop("source")
        if "sources" in data:
            message = _("both [source] (the 0.1 layout) and [[sources]]: keep [[sources]] only")
            self.report_top(document, "source", message)
            return
        id = table.get("id") if isinstance(table, dict) else None
        where = _Where(document.shown, "source", None, id if isinstance(id, str) else None)
        self.entries["sources"].append((table, where))
        if not isinstance(id, str):
            return
        experts = data.get("experts")
        for index, expert in enumerate(experts if isinstance(experts, list) else ()):
            if not isinstance(expert, dict):
                continue
            moved = {name: expert.pop(name) for name in _PER_SOURCE if name in expert}
            if moved:
                appearance = {"expert": expert.get("id"), "source": id, **moved}
                label = expert.get("id") if isinstance(expert.get("id"), str) else None
                place = _Where(document.shown, "experts", index, label)
                self.entries["appearances"].append((appearance, place))
        for name in (ITEMS_TABLE, "figures"):
            records = data.get(name)
            for record in records if isinstance(records, list) else ():
                if isinstance(record, dict):
                    record.setdefault("source", id)

    # -- building the catalogue -------------------------------------------------------------

    def build(self, path: Path) -> Catalogue:
        if self.documents and not any(self.entries.values()) and not self.problems:
            document = self.documents[0]
            names = listed([f"[[{name}]]" for name in TABLES])
            message = _("holds no catalogue tables (any of {tables})").format(tables=names)
            self.problems.append(Problem(document.shown, None, None, None, message))
        tables = {name: self._records(name) for name in TABLES}
        texts = {
            source.id: self._text(source, self.where[source.id])
            for source in tables["sources"].values()
        }
        self._check_references(tables)
        coding = self._coding_rules(tables)
        sources = tuple(tables["sources"].values())
        order = {source.id: index for index, source in enumerate(sources)}
        experts = {id: index for index, id in enumerate(tables["experts"])}
        items = _with_reverse_links(tables[ITEMS_TABLE])
        last = len(order)  # a record of an unknown source (reported) goes after the rest
        return Catalogue(
            path=path,
            sources=sources,
            texts=texts,
            experts=tuple(tables["experts"].values()),
            appearances=tuple(
                sorted(
                    tables["appearances"].values(),
                    key=lambda each: (
                        order.get(each.source, last),
                        experts.get(each.expert, len(experts)),
                    ),
                )
            ),
            themes=tuple(tables["themes"].values()),
            regions=tuple(tables["regions"].values()),
            items=tuple(
                sorted(items.values(), key=lambda item: (order.get(item.source, last), item.seq))
            ),
            figures=tuple(
                sorted(
                    tables["figures"].values(),
                    key=lambda figure: order.get(figure.source, last),
                )
            ),
            files=tuple(document.path for document in self.documents),
            includes=tuple(self.includes),
            coding=coding,
            stamps=self.stamps,
        )

    def _text(self, source: Source, where: _Where) -> str:
        """The text of a source's file ("" when it cannot be read, with the problem reported)."""
        try:
            raw = read_bytes(source.path, self.overlay)
        except OSError as error:
            # the path tried, as the user would type it: `file` alone hides where it was sought
            tried = display_path(source.path)
            message = _("cannot read {path}: {reason} ('file' is relative to the catalogue file)")
            self.report(where, "file", message.format(path=tried, reason=system_reason(error)))
            return ""
        except ValueError as error:
            message = _("{file} is too large: {reason}").format(file=source.file, reason=error)
            self.report(where, "file", message)
            return ""
        self.stamps[source.path] = stamp(raw)
        digest = hashlib.sha256(raw).hexdigest()
        if digest != source.sha256.lower():
            message = _("{file} has sha256 {digest}, not this one: was the text changed?").format(
                file=source.file, digest=digest
            )
            self.report(where, "sha256", message)
        try:
            # an editor's byte-order mark is not part of the text (the sha256 is of the bytes)
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.report(where, "file", _("{file} is not UTF-8 text").format(file=source.file))
            return ""
        self.readable.add(source.id)
        return text

    def _records(self, table: str) -> dict[Any, Any]:
        schema, record_type = TABLES[table]
        records: dict[Any, Any] = {}
        unknown_field = _("unknown field{hint}").format(hint="")  # as read_fields says it
        for entry, where in self.entries[table]:
            values, errors = read_fields(entry, schema)
            if table != "appearances":  # named by its id as read: none when it is no id
                where = _Where(where.file, where.table, where.index, values.get("id"))
            for field, message in errors:
                if table == "experts" and field in _PER_SOURCE[:-1] and message == unknown_field:
                    message = _("belongs to the expert's [[appearances]] entry for one source")
                self.report(where, field, message)
            if table == "appearances":
                # no id: an appearance is known by its expert and source
                pair = (values.get("expert"), values.get("source"))
                if pair in self.appearing:
                    first = self.appearing[pair].label
                    message = _("a second appearance of '{expert}' in '{source}' ({first})").format(
                        expert=pair[0], source=pair[1], first=first
                    )
                    self.report(where, "source", message)
                    continue
                self.appearing[pair] = where
                if not errors:
                    records[pair] = record_type(**values)
                continue
            if where.id is None:
                continue
            if where.id in self.where:
                first = self.where[where.id].label
                message = _("duplicate id, already used by {first}").format(first=first)
                self.report(where, "id", message)
                continue
            self.where[where.id] = where
            self.ids[table].add(where.id)
            if not errors:
                if table == "sources":
                    directory = self.by_file[where.file].path.parent
                    values["path"] = directory / values["file"]
                records[where.id] = record_type(**values)
        return records

    def _check_references(self, tables: Mapping[str, dict[Any, Any]]) -> None:
        experts, themes, sources = self.ids["experts"], self.ids["themes"], self.ids["sources"]
        regions, items = self.ids["regions"], self.ids[ITEMS_TABLE]
        self._check_names(tables)
        alias_of = {alias: t.id for t in tables["themes"].values() for alias in t.aliases}

        def check(where: _Where, field: str, value: str | None, known: set[str], what: str) -> None:
            if value is None or value in known:
                return
            # a theme alias in the data is an easy slip: point at the id it stands for
            guess = alias_of.get(value, value) if what == "theme" else value
            message = _("unknown {what} '{value}'{hint}").format(
                what=_(_NOUNS[what]), value=value, hint=self.suggest(guess, known)
            )
            self.report(where, field, message)

        seqs: dict[tuple[str, int], str] = {}
        for item in tables[ITEMS_TABLE].values():
            where = self.where[item.id]
            check(where, "source", item.source, sources, "source")
            check(where, "expert", item.expert, experts, "expert")
            for theme in item.themes:
                check(where, "themes", theme, themes, "theme")
            for region in item.regions:
                check(where, "regions", region, regions, "region")
            key = (item.source, item.seq)
            if key in seqs:
                message = _("seq {seq} already used by '{other}' in source '{source}'").format(
                    seq=item.seq, other=seqs[key], source=item.source
                )
                self.report(where, "seq", message)
            seqs.setdefault(key, item.id)
            self._check_related(item, tables[ITEMS_TABLE], items)
        for figure in tables["figures"].values():
            where = self.where[figure.id]
            check(where, "source", figure.source, sources, "source")
            check(where, "expert", figure.expert, experts, "expert")
            check(where, "region", figure.region, regions, "region")
            check(where, "compared_with", figure.compared_with, regions, "region")
        for pair, appearance in tables["appearances"].items():
            where = self.appearing[pair]
            if where.table == "appearances":  # not one read from a 0.1 expert, its own entry
                check(where, "expert", appearance.expert, experts, "expert")
                check(where, "source", appearance.source, sources, "source")
        parents = {id: within(region) for id, region in tables["regions"].items()}
        for region in tables["regions"].values():
            where = self.where[region.id]
            check(where, "parent", region.parent, regions, "region")
            for other in region.also_within:
                check(where, "also_within", other, regions, "region")
            if region.id in reachable(region.id, parents):
                message = _("region is its own ancestor (the parent links form a cycle)")
                self.report(where, "parent" if region.parent else "also_within", message)

    def _coding_rules(self, tables: Mapping[str, dict[Any, Any]]) -> Coding:
        """The [coding] rules, and every coding rule checked against the items: each example
        an item whose quote holds the rule's words; an include rule's example carries its
        theme, an exclude rule's does not; what a [coding] rule `gives` is its example's tags."""
        items = tables[ITEMS_TABLE]
        for theme in tables["themes"].values():
            where = self.where[theme.id]
            for field, rules in (("include", theme.include), ("exclude", theme.exclude)):
                for index, rule in enumerate(rules):
                    place = f"{field}[{index}]"
                    item = self._example(where, place, rule, items)
                    if item is None or (theme.id in item.themes) == (field == "include"):
                        continue
                    if field == "include":
                        message = _(
                            "'{item}' does not carry the theme, as an include rule's example must"
                        )
                    else:
                        message = _(
                            "'{item}' carries the theme, which an exclude rule's example must not"
                        )
                    self.report(where, f"{place}.example", message.format(item=item.id))
        if self.coding is None:
            return Coding()
        table, where = self.coding
        values, errors = read_fields(table, CODING)
        for name, problem in errors:
            self.report(where, name, problem)
        coding = Coding(**{name: values.get(name) or () for name in CODING})
        for facet, (tags, what) in _CODED.items():
            for index, rule in enumerate(getattr(coding, facet)):
                place = f"{facet}[{index}]"
                item = self._example(where, place, rule, items)
                if rule.gives is not None:
                    self._check_gives(where, f"{place}.gives", rule.gives, item, tags, what)
        return coding

    def _example(
        self, where: _Where, place: str, rule: Rule, items: Mapping[str, Item]
    ) -> Item | None:
        """The item a rule's example names, its words checked in the quote; None when there
        is no such item (reported) or it is not valid (its own problems are)."""
        known = self.ids[ITEMS_TABLE]
        if rule.example not in known:
            message = _("unknown {what} '{value}'{hint}").format(
                what=_(_NOUNS["item"]), value=rule.example, hint=self.suggest(rule.example, known)
            )
            self.report(where, f"{place}.example", message)
            return None
        item = items.get(rule.example)
        if item is not None and rule.words not in item.quote:
            message = _("not in the quote of '{item}': '{words}'").format(
                item=item.id, words=quote_start(rule.words)
            )
            self.report(where, f"{place}.words", message)
        return item

    def _check_gives(
        self,
        where: _Where,
        field: str,
        gives: Sequence[str],
        item: Item | None,
        tags: str,
        what: str,
    ) -> None:
        """`gives` names known ids of its facet, and the very tags the example carries."""
        known = self.ids[tags]
        unknown = [id for id in gives if id not in known]
        for id in unknown:
            message = _("unknown {what} '{value}'{hint}").format(
                what=_(_NOUNS[what]), value=id, hint=self.suggest(id, known)
            )
            self.report(where, field, message)
        if item is None or unknown:
            return
        carried = getattr(item, tags)
        missing = [id for id in carried if id not in gives]
        extra = [id for id in gives if id not in carried]
        differences = []
        if missing:
            differences.append(_("missing {ids}").format(ids=listed(missing)))
        if extra:
            differences.append(_("extra {ids}").format(ids=listed(extra)))
        if differences:
            message = _("not the {what} tags of '{item}' ({tags}): {differences}").format(
                what=_(_NOUNS[what]),
                item=item.id,
                tags=listed(carried) if carried else _("none"),
                differences="; ".join(differences),
            )
            self.report(where, field, message)

    def check_quote_overlaps(self, checks: Sequence[QuoteCheck]) -> None:
        """Report items that quote the same words of a source, or whose quotes share any
        character.

        One claim, one item. Figures are left out: they quote their numbers from the items'
        words. Each source's spans are sorted and swept once (n log n, not n² comparisons):
        each is compared with the one reaching furthest among those that start before it, so
        every item that overlaps another is reported or named. The report goes on the later
        item in the files and names the earlier one with its file and line.
        """
        files = {document.shown: index for index, document in enumerate(self.documents)}
        # each quote's entry, in file order (a quote is always in an entry: the `or 0` is for
        # the type, a top-level place having no index)
        order = {
            check.id: (files.get(self.where[check.id].file, 0), self.where[check.id].index or 0)
            for check in checks
        }
        by_source: dict[str, list[QuoteCheck]] = {}
        for check in checks:
            if check.span is not None:
                by_source.setdefault(check.source, []).append(check)
        for located in by_source.values():
            for earlier, later in _overlapping(located, order):
                self._report_overlap(earlier, later)

    def _report_overlap(self, earlier: QuoteCheck, later: QuoteCheck) -> None:
        assert earlier.span is not None and later.span is not None
        (start, end), (other_start, other_end) = later.span, earlier.span
        where = self.where[earlier.id]
        line = self.by_file[where.file].locator.line(where.table, where.index, "quote")
        same_file = where.file == self.where[later.id].file
        place = _("line {line}").format(line=line) if same_file else f"{where.file}:{line}"
        other = _("the quote of {record} ({place})").format(record=where.label, place=place)
        words = normalise(later.quote)
        if words == normalise(earlier.quote):
            message = _("the same as {other}").format(other=other)
        elif other_start <= start and end <= other_end:
            message = _("inside {other}").format(other=other)
        elif start <= other_start and other_end <= end:
            message = _("contains {other}").format(other=other)
        else:
            shared = words[max(start, other_start) - start : min(end, other_end) - start]
            message = _("overlaps {other} in '{words}'").format(
                other=other, words=quote_start(shared)
            )
        self.report(self.where[later.id], "quote", message)

    def _check_names(self, tables: Mapping[str, dict[Any, Any]]) -> None:
        """Report a name, alias, code or title that would stand for two experts, two themes,
        two regions or two sources: what a user types must find one record of its kind."""
        labels = {
            "name": N_("name"),
            "name_zh": N_("name"),
            "aliases": N_("alias"),
            "code": N_("code"),
            "title": N_("title"),
            "title_en": N_("title"),
        }
        kinds = (("experts", "expert"), ("themes", "theme"), ("regions", "region"))
        for table, what in (*kinds, ("sources", "source")):
            # ids first: a name is compared with every id of its table, valid record or not
            owners = {name_key(id): id for id in self.ids[table]}
            for record in tables[table].values():
                names = (
                    [("title", record.title), ("title_en", record.title_en)]
                    if isinstance(record, Source)
                    else other_names(record)
                )
                for field, value in names:
                    owner = owners.setdefault(name_key(value), record.id)
                    if owner != record.id:
                        message = _("{name} '{value}' is already used by {what} '{owner}'")
                        message = message.format(
                            name=_(labels[field]), value=value, what=_(_NOUNS[what]), owner=owner
                        )
                        self.report(self.where[record.id], field, message)

    def _check_related(self, item: Item, records: Mapping[str, Item], known: set[str]) -> None:
        where = self.where[item.id]
        seen = set()
        for link in item.related:
            if link.id == item.id:
                self.report(where, "related", _("an item cannot be related to itself"))
            elif link.id not in known:
                hint = self.suggest(link.id, known)
                message = _("unknown {what} '{value}'{hint}").format(
                    what=_(_NOUNS["item"]), value=link.id, hint=hint
                )
                self.report(where, "related", message)
            elif link.id in seen:
                self.report(where, "related", _("'{id}' is listed twice").format(id=link.id))
            elif link.id in records and records[link.id].expert == item.expert:
                message = _("'{id}' is by the same expert; related items link different experts")
                self.report(where, "related", message.format(id=link.id))
            seen.add(link.id)


def _overlapping(
    located: Sequence[QuoteCheck], order: Mapping[str, tuple[int, int]]
) -> list[tuple[QuoteCheck, QuoteCheck]]:
    """Each pair of one source's quotes that overlap or are the same words, (earlier, later)
    in the files' order."""
    span = {check.id: check.span or (0, 0) for check in located}
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
    return [
        (earlier, later)
        for earlier, later in (
            sorted(pair, key=lambda check: order[check.id]) for pair in pairs.values()
        )
    ]


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
