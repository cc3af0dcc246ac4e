"""The JSON contract: plain dicts for every record and view. Field names here are public."""

from __future__ import annotations

from typing import Any, Iterable, Sequence, Union

from ..catalogue import Expert, Figure, Item, QuoteCheck, Region, Theme
from ..query import ExpertView, Facet, ItemView, RegionView, SourceView, ThemeView, View

Record = dict[str, Any]

# The item record's fields in order: the columns of exports, and what `--fields` may pick.
ITEM_FIELDS = (
    "id",
    "kind",
    "expert",
    "seq",
    "title",
    "title_zh",
    "summary",
    "summary_zh",
    "themes",
    "regions",
    "quote",
    "related",
)
# `search` adds what matched to each item.
HIT_FIELDS = (*ITEM_FIELDS, "field", "score")
# The figure record: the model's fields in its order, but the note, which `show` adds.
FIGURE_FIELDS = tuple(name for name in Figure._fields if name != "note")


def pick(records: Iterable[Record], fields: Sequence[str]) -> list[Record]:
    """Only the named fields of each record, in the order given."""
    return [{name: record[name] for name in fields} for record in records]


def item(item: Item) -> Record:
    return {
        "id": item.id,
        "kind": item.kind,
        "expert": item.expert,
        "seq": item.seq,
        "title": item.title,
        "title_zh": item.title_zh,
        "summary": item.summary,
        "summary_zh": item.summary_zh,
        "themes": list(item.themes),
        "regions": list(item.regions),
        "quote": item.quote,
        "related": [{"id": link.id, "relation": link.relation} for link in item.related],
    }


def figure(figure: Figure) -> Record:
    return {name: getattr(figure, name) for name in FIGURE_FIELDS}


def view(view: View) -> Record:
    """What `show` prints for one record, with its items, figures or links."""
    if isinstance(view, SourceView):
        source = view.source
        return {
            "id": source.id,
            "title": source.title,
            "title_en": source.title_en,
            "file": source.file,
            "sha256": source.sha256,
            "language": source.language,
            "period": source.period,
            "period_zh": source.period_zh,
            "framing": source.framing,
            "framing_zh": source.framing_zh,
            "note": source.note,
            "experts": [expert.id for expert in view.experts],
            "counts": dict(view.counts),
        }
    if isinstance(view, ExpertView):
        return {
            **_expert(view.expert),
            "items": [item(each) for each in view.items],
            "figures": [figure(each) for each in view.figures],
        }
    if isinstance(view, ItemView):
        related = [
            {
                "id": link.id,
                "relation": link.relation,
                "title": other.title,
                "title_zh": other.title_zh,
            }
            for link, other in view.related
        ]
        return {**item(view.item), "related": related, "note": view.item.note}
    if isinstance(view, ThemeView):
        return {**_theme(view.theme), "items": [item(each) for each in view.items]}
    if isinstance(view, RegionView):
        return {
            **_region(view.region),
            "also_within": list(view.region.also_within),
            "children": [child.id for child in view.children],
            "note": view.region.note,
            "items": [item(each) for each in view.items],
        }
    return {**figure(view), "note": view.note}


def codebook(
    facet: Facet, entries: Iterable[tuple[Union[Expert, Theme, Region], int]]
) -> list[Record]:
    """Codebook rows: id, names and count, plus aliases (themes) or place in the tree (regions)."""
    describe = {Facet.expert: _names, Facet.theme: _theme_entry, Facet.region: _region}[facet]
    return [{**describe(record), "count": count} for record, count in entries]


def verification(source_file: str, checks: Iterable[QuoteCheck]) -> Record:
    checks = list(checks)
    return {
        "source": source_file,
        "checked": len(checks),
        "missing": [
            {"id": check.id, "table": check.table, "quote": check.quote}
            for check in checks
            if not check.found
        ],
    }


def _names(record: Union[Expert, Theme, Region]) -> Record:
    return {"id": record.id, "name": record.name, "name_zh": record.name_zh}


def _expert(expert: Expert) -> Record:
    return {
        **_names(expert),
        "affiliation": expert.affiliation,
        "affiliation_zh": expert.affiliation_zh,
        "headline": expert.headline,
        "headline_zh": expert.headline_zh,
        "question": expert.question,
        "question_zh": expert.question_zh,
        "note": expert.note,
    }


def _theme_entry(theme: Theme) -> Record:
    return {**_names(theme), "aliases": list(theme.aliases)}


def _theme(theme: Theme) -> Record:
    return {**_names(theme), "definition": theme.definition, "aliases": list(theme.aliases)}


def _region(region: Region) -> Record:
    return {
        **_names(region),
        "level": region.level,
        "code": region.code,
        "parent": region.parent,
        "comparison": region.comparison,
        "aliases": list(region.aliases),
    }
