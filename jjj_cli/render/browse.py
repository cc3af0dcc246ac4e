"""Output for the browsing commands: list, show, the codebooks (experts, themes, regions),
figures and verify.

Each renderer returns a string (JSON, TSV) or, for a terminal, a rich renderable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..catalogue import Catalogue, Figure, Item, QuoteCheck, quote_start
from ..language import _, ngettext
from ..query import Facet, ItemView, View
from . import plain, records, stream
from .headings import heading, kind_said
from .output import Lang, Mode, Output, report_lines, table, tabular, title_field, to_json

if TYPE_CHECKING:
    from .layout import Fields


def _item_columns(lang: Lang) -> list[str]:
    return ["id", "kind", "expert", "themes", "regions", title_field(lang)]


def _indicator_field(lang: Lang) -> str:
    return "indicator_zh" if lang is Lang.zh else "indicator"


# How much each column of a terminal table matters: 0 always stays; when the terminal is too
# narrow, the highest number is left out first (render/layout.py).
def _figure_priorities(lang: Lang) -> dict[str, int]:
    # a value is nothing without its place; its comparison ("6 times Hebei's") comes next,
    # the two together (the ratio, rightmost, goes first); the expert matters least
    return {
        "id": 0,
        "expert": 4,
        _indicator_field(lang): 0,
        "value": 0,
        "unit": 0,
        "year": 3,
        "region": 0,
        "compared_with": 1,
        "ratio": 1,
    }


def _figure_columns(lang: Lang) -> list[str]:
    """A figure's fields but its quote and its indicator in the other language."""
    other = "indicator" if lang is Lang.zh else "indicator_zh"
    return [name for name in records.FIGURE_FIELDS if name not in (other, "quote")]


def _codebook_priorities(facet: Facet, lang: Lang) -> dict[str, int]:
    """The name in `lang` first and always; the other name, then the rest, as room allows."""
    names = ["name_zh", "name"] if lang is Lang.zh else ["name", "name_zh"]
    if facet is Facet.source:  # a source's title is in its own language, title_en in English
        names = ["title", "title_en"] if lang is Lang.zh else ["title_en", "title"]
    rest = {
        Facet.expert: [],
        Facet.theme: ["aliases"],
        Facet.region: ["level", "parent", "code", "aliases", "comparison"],
        Facet.source: ["kind", "date"],
    }[facet]
    # a source's other title is long, and says less than its kind and date
    ranked = [*rest, names[1]] if facet is Facet.source else [names[1], *rest]
    return {
        "id": 0,
        names[0]: 0,
        **{column: ranked.index(column) + 1 for column in (names[1], *rest)},
        "count": 0,
    }


def chinese_names(catalogue: Catalogue) -> dict[str, str]:
    """Each expert's, theme's and region's Chinese name, by id: what a table in Chinese shows
    of an item instead of the ids (a pipe and JSON keep the ids)."""
    names = {expert.id: expert.name_zh for expert in catalogue.experts}
    names.update((theme.id, theme.name_zh) for theme in catalogue.themes)
    names.update((region.id, region.name_zh) for region in catalogue.regions)
    return names


# The fields of a shown record or a figure that hold ids of experts, themes or regions: where
# there are names (a terminal in Chinese), each is named, as in the table of items.
_NAMED_FIELDS = (
    *("expert", "experts", "themes", "regions"),
    *("region", "compared_with", "parent", "children", "also_within"),
)


def _named(
    record: records.Record, names: Mapping[str, str] | None, *, item: bool = False
) -> records.Record:
    """The record as a terminal names what it refers to: an item's kind (`item`) in the run's
    language, and each id of _NAMED_FIELDS as `names` calls it (a list stays a list, so that a
    terminal breaks it between names; as it is where there are no names)."""
    named = dict(record)
    if item and "kind" in record:
        named["kind"] = kind_said(record["kind"])
    for field in _NAMED_FIELDS:
        value = record.get(field)
        if names and isinstance(value, list):
            named[field] = [names.get(id, id) for id in value]
        elif names and isinstance(value, str):
            named[field] = names.get(value, value)
    return named


def _chinese_first(record: Mapping[str, Any]) -> records.Record:
    """The record with each Chinese field (`title_zh`) before its English one (`title`), as a
    reader of Chinese reads them on a terminal."""
    ordered: records.Record = {}
    for key, value in record.items():
        if key.endswith("_zh") and key[: -len("_zh")] in record:
            continue  # placed before its English one
        if f"{key}_zh" in record:
            ordered[f"{key}_zh"] = record[f"{key}_zh"]
        ordered[key] = value
    return ordered


def item_list(
    items: Iterable[Item],
    mode: Mode,
    lang: Lang = Lang.en,
    fields: Sequence[str] = (),
    names: Mapping[str, str] | None = None,
) -> Output:
    """Items as JSON, TSV or a table; `fields` (records.ITEM_FIELDS) picks what is shown.
    JSON and TSV are written as the items are read (render/stream.py); a table lays out all."""
    rows: Iterable[records.Record] = (records.item(item) for item in items)
    if fields:
        rows = ({name: row[name] for name in fields} for row in rows)
    if mode is Mode.JSON:
        return stream.json_array(stream.json_element(row) for row in rows)
    if mode is Mode.PLAIN:
        return stream.tsv_lines(rows, fields or _item_columns(lang))
    if fields:  # the fields asked for, as `show` names them
        return tabular([_named(row, names, item=True) for row in rows], fields, mode)
    from .items import ItemRows

    return ItemRows(list(rows), title_field(lang), names=names)


def figure_list(
    figures: Iterable[Figure],
    mode: Mode,
    lang: Lang = Lang.en,
    names: Mapping[str, str] | None = None,
) -> Output:
    """Figures as JSON, TSV or a table; on a table with `names`, the expert and the regions
    named."""
    rows = [records.figure(figure) for figure in figures]
    if mode is not Mode.TABLE:
        return tabular(rows, _figure_columns(lang), mode)
    rows = [_named(row, names) for row in rows]
    priorities = _figure_priorities(lang)
    if len({row["source"] for row in rows}) > 1:  # on a terminal, only when it tells them apart
        priorities["source"] = 2
    shown = table(rows, _figure_columns(lang), priorities)
    notes = _figure_notes(rows)
    if notes is None:
        return shown
    from rich.console import Group

    return Group(shown, notes)


def _figure_notes(rows: Sequence[records.Record]) -> Fields | None:
    """Under a table of figures on a terminal, each figure's note by its id: what a reader of
    the number must know (a ratio official statistics do not bear out); None without any."""
    noted = {row["id"]: row["note"] for row in rows if row["note"]}
    if not noted:
        return None
    from .layout import Fields

    return Fields(noted, title=heading("note"), fields=False)  # ids, whatever they are spelt


def codebook(
    facet: Facet, entries: Iterable[tuple[Any, int]], mode: Mode, lang: Lang = Lang.en
) -> Output:
    """A codebook; `lang` says which name a terminal shows first (TSV and JSON have both)."""
    rows = records.codebook(facet, entries)
    columns = list(rows[0]) if rows else [*records.ENTRY_FIELDS[facet], "count"]
    return tabular(rows, columns, mode, _codebook_priorities(facet, lang))


def show(
    view: View, mode: Mode, lang: Lang = Lang.en, names: Mapping[str, str] | None = None
) -> Output:
    record = records.view(view)
    if mode is Mode.JSON:
        return to_json(record)
    if mode is Mode.PLAIN:
        return plain.fields(record)
    from rich.console import Group

    from .items import ItemRows
    from .layout import Column, Fields, RecordTable
    from .rule_lists import RuleLists

    # on a terminal: the record's fields, then a table for each list of records in it
    if record.get("figures"):  # an expert's
        record = {**record, "figures": [_named(row, names) for row in record["figures"]]}
    title = title_field(lang)
    nested = {
        "figures": [Column(key, rank) for key, rank in _figure_priorities(lang).items()],
        "related": [Column("id"), Column("relation"), Column(title)],
    }
    # an expert: what they have in each source, under its name; not again the first source's
    # headline and question, which JSON repeats at the top for 0.1's readers
    first = _chinese_first if lang is Lang.zh else dict
    appearances = [
        Fields(
            first(appearance),
            skip=["source"],
            title=_("in {source}").format(source=appearance["source"]),
        )
        for appearance in record.get("appearances", [])
    ]
    skip = [*records.FIRST_APPEARANCE_FIELDS, "appearances"] if "appearances" in record else []
    tables: list[ItemRows | RecordTable | RuleLists | Fields] = []
    if "include" in record:  # a theme: its rules as lists, before its items
        from .rules import EXCLUDE, INCLUDE

        skip += records.RULE_LISTS
        lists = [(_(INCLUDE), record["include"]), (_(EXCLUDE), record["exclude"])]
        tables.append(RuleLists(lists, lang=lang))
    if record.get("items"):
        tables.append(ItemRows(record["items"], title, title=heading("items"), names=names))
    for name, columns in nested.items():
        if record.get(name):
            tables.append(RecordTable(record[name], columns, title=heading(name)))
        if name == "figures" and (notes := _figure_notes(record.get(name, []))) is not None:
            tables.append(notes)
    if isinstance(record.get("counts"), dict):  # a source's items of each kind
        record = {**record, "counts": {kind_said(k): n for k, n in record["counts"].items()}}
    named = _named(record, names, item=isinstance(view, ItemView))
    shown = Fields(first(named), skip=["items", *nested, *skip])
    return Group(shown, *appearances, *tables)


def verification(files: Mapping[str, str], checks: Iterable[QuoteCheck], mode: Mode) -> Output:
    """What `verify` found, source by source (`files`: each source's id -> its file)."""
    report = records.verification(files, checks)
    if mode is Mode.JSON:
        return to_json(report)
    lines = [] if report["sources"] else [_("no sources: nothing to check")]
    for source in report["sources"]:
        missing, checked, file = source["missing"], source["checked"], plain.visible(source["file"])
        if not checked:
            lines.append(_("no quotes to check in {file}").format(file=file))
        elif not missing:
            found = ngettext(
                "{checked} quote checked against {file}: all found",
                "{checked} quotes checked against {file}: all found",
                checked,
            )
            lines.append(found.format(checked=checked, file=file))
        else:
            message = _("{missing} of {checked} quotes not found in {file}:")
            lines.append(message.format(missing=len(missing), checked=checked, file=file))
            lines += [
                f"{miss['id']}\t{plain.visible(quote_start(miss['quote']))}" for miss in missing
            ]
    return report_lines(lines, mode)
