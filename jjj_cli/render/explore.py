"""Output for the exploring commands: matrix, related, compare, source and graph (search's is
render/search.py).

Each renderer returns a string (JSON, TSV, DOT, Mermaid) or, for a terminal, a rich renderable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TypedDict

from ..catalogue import Catalogue, Expert, Region, Source, Theme
from ..language import _, listed
from ..query import Facet, record_by_id
from . import plain
from .headings import said
from .output import Lang, Mode, Output, tabular, title_field, to_json

if TYPE_CHECKING:  # each command imports the part of the library it renders, and no other
    from ..explore import (
        FullSource,
        Graph,
        Matrix,
        Node,
        Relation,
        SourceContext,
        SourceParagraph,
        ThemeComparison,
    )
    from ..explore.paragraphs import Place

# --- matrix --------------------------------------------------------------------------------


# A facet's name and the word for a total, as a table in Chinese heads them.
_FACET_ZH = {Facet.expert: "专家", Facet.theme: "主题", Facet.region: "地区", Facet.source: "来源"}


def matrix(catalogue: Catalogue, result: Matrix, mode: Mode, lang: Lang = Lang.en) -> Output:
    """Cells as JSON, TSV (ids: both are contracts), or a heat map labelled in `lang`: ids in
    English (what `--theme` and the others take), the Chinese names in Chinese."""
    by_position = {(cell.row, cell.col): cell for cell in result.cells}
    if mode is Mode.JSON:
        return to_json(
            [
                {"row": c.row, "col": c.col, "count": c.count, "ids": list(c.items)}
                for c in result.cells
            ]
        )
    if mode is Mode.PLAIN:
        corner = f"{result.row_facet.value}\\{result.col_facet.value}"
        header = {"label": corner, **{col: col for col in result.cols}, "total": "total"}
        rows = [
            {
                "label": row,
                **{col: by_position[row, col].count for col in result.cols},
                "total": result.row_totals[row],
            }
            for row in result.rows
        ]
        rows.append({"label": "total", **result.col_totals, "total": result.total})
        columns = ["label", *result.cols, "total"]
        return plain.tsv(rows, columns, header=[header[column] for column in columns])
    from .heatmap import Heatmap

    facets = (result.row_facet, result.col_facet)
    if lang is Lang.zh:
        facet_records: tuple[Expert | Theme | Region, ...] = (
            *catalogue.experts,
            *catalogue.themes,
            *catalogue.regions,
        )
        names_zh = {record.id: record.name_zh for record in facet_records}
        names_zh.update((source.id, source.title) for source in catalogue.sources)
        labels = {id: names_zh[id] for id in (*result.rows, *result.cols)}
        return Heatmap(result, labels, [_FACET_ZH[facet] for facet in facets], "合计")
    labels = {id: id for id in (*result.rows, *result.cols)}
    return Heatmap(result, labels, [facet.value for facet in facets], "total")


# --- related -------------------------------------------------------------------------------


def related(
    relations: Sequence[Relation],
    mode: Mode,
    lang: Lang = Lang.en,
    names: Mapping[str, str] | None = None,
) -> Output:
    """Items related to one; on a terminal with `names` (in Chinese), the expert, themes and
    regions by name."""
    rows = [
        {
            "id": r.item.id,
            "expert": r.item.expert,
            "kind": r.item.kind,
            "title": r.item.title,
            "title_zh": r.item.title_zh,
            "relation": r.relation,
            "score": r.score,
            "reason": r.reason,
        }
        for r in relations
    ]
    if mode is Mode.JSON:
        return to_json(rows)
    # the columns, and what a narrow terminal keeps: what links the items (0), then who says
    # it (the command is about the other experts), then the rest
    priorities = {
        "id": 0,
        "expert": 1,
        "relation": 0,
        title_field(lang): 0,
        "score": 2,
        "reason": 3,
    }
    if mode is Mode.PLAIN:
        return plain.tsv(rows, list(priorities))
    # on a terminal, the reason in the run's language (JSON and TSV keep the record's)
    named = names or {}
    for row, relation in zip(rows, relations):
        row["expert"] = named.get(relation.item.expert, relation.item.expert)
        row["reason"] = _reason(relation, named)
    return tabular(rows, list(priorities), mode, priorities)


# The ids of a shared region as Relation gives it: one, or two joined by ⊂ or ⊃.
_WITHIN = re.compile(r"[^⊂⊃]+")


def _reason(relation: Relation, names: Mapping[str, str] | None = None) -> str:
    """What links the two items, as Relation.reason says it, in the run's language: the
    themes and regions by `names` where it has them."""
    names = names or {}
    curated = _("curated: {relation}").format(relation=said(relation.relation))
    parts = [curated] if relation.relation else []
    if relation.themes:
        themes = listed([names.get(id, id) for id in relation.themes])
        parts.append(_("themes {themes}").format(themes=themes))
    if relation.regions:
        # a region shared, or one within the other's (`yizhuang⊂beijing`): each side named
        regions = listed(
            [_WITHIN.sub(lambda id: names.get(id[0], id[0]), r) for r in relation.regions]
        )
        parts.append(_("regions {regions}").format(regions=regions))
    if relation.terms:
        parts.append(_("terms {terms}").format(terms="、".join(relation.terms)))
    return _("; ").join(parts)


# --- compare -------------------------------------------------------------------------------


class _ComparedRow(TypedDict):
    """A theme in `compare --json`."""

    theme: str
    name: str
    name_zh: str
    status: str
    experts: dict[str, list[str]]  # expert id -> the ids of their items on the theme
    links: list[dict[str, str]]  # from, to, relation


def compare(
    catalogue: Catalogue,
    comparisons: Sequence[ThemeComparison],
    experts: Sequence[str],
    mode: Mode,
    lang: Lang = Lang.en,
) -> Output:
    themes_named = {c.theme: record_by_id(catalogue, c.theme, Theme) for c in comparisons}
    rows: list[_ComparedRow] = [
        {
            "theme": c.theme,
            "name": themes_named[c.theme].name,
            "name_zh": themes_named[c.theme].name_zh,
            "status": c.status,
            "experts": {expert: [item.id for item in c.items[expert]] for expert in experts},
            "links": [{"from": a, "to": b, "relation": rel} for a, b, rel in c.links],
        }
        for c in comparisons
    ]
    if mode is Mode.JSON:
        return to_json(rows)
    if mode is Mode.PLAIN:
        flat = [
            {
                "theme": row["theme"],
                "status": row["status"],
                **row["experts"],
                "links": [
                    f"{link['from']}>{link['to']}:{link['relation']}" for link in row["links"]
                ],
            }
            for row in rows
        ]
        return plain.tsv(flat, ["theme", "status", *experts, "links"])
    from .comparison import ComparedItem, ComparedTheme, Comparison

    def named(id: str) -> str:
        return plain.visible(themes_named[id].name_zh if lang is Lang.zh else id)

    title = title_field(lang)
    themes = [
        ComparedTheme(
            label=named(c.theme),
            other=plain.visible(c.theme if lang is Lang.zh else themes_named[c.theme].name),
            status=c.status,
            items=tuple(
                tuple(
                    ComparedItem(plain.visible(item.id), plain.visible(getattr(item, title)))
                    for item in c.items[expert]
                )
                for expert in experts
            ),
            links=tuple((plain.visible(a), plain.visible(b), r) for a, b, r in c.links),
        )
        for c in comparisons
    ]
    experts_named = [record_by_id(catalogue, e, Expert) for e in experts]
    names = [
        plain.visible(expert.name_zh if lang is Lang.zh else expert.name)
        for expert in experts_named
    ]
    return Comparison(themes, names, "主题" if lang is Lang.zh else "theme")


# --- source --------------------------------------------------------------------------------

# In a pipe, a quote of the full source stands in 【】 followed by its id in [], the quote
# asked for in 〖〗; the source has none of these brackets.
QUOTE_MARKS = ("【", "】")
CHOSEN_MARKS = ("〖", "〗")


def source(context: SourceContext, source_file: str, mode: Mode) -> Output:
    place = context.place
    if mode is Mode.JSON:
        return to_json(
            {
                "id": context.id,
                "source": context.source,
                "quote": context.quote,
                "context": context.context,
                "before": context.before,
                "after": context.after,
                "file": source_file,
                "line_start": context.line_start,
                "line_end": context.line_end,
                "paragraph": place.paragraph,
                "sentence_start": place.sentence_start,
                "paragraph_end": place.paragraph_end,
                "sentence_end": place.sentence_end,
            }
        )
    lines = f"{source_file}:{context.line_start}-{context.line_end}"
    pieces = context.paragraphs
    if mode is Mode.PLAIN:
        body = [
            text[:a] + QUOTE_MARKS[0] + text[a:b] + QUOTE_MARKS[1] + text[b:] if a < b else text
            for _, text, (a, b) in pieces
        ]
        header = f"{place}\t{plain.visible(lines)}"
        return "\n".join([header, *(plain.visible(line) for line in body)])
    from .highlights import quote_in_context

    return quote_in_context(_place(place), lines, pieces)


def _place(place: Place) -> str:
    """Where the quote stands, for a person, in the run's language (a pipe has `str(place)`)."""
    if place.paragraph != place.paragraph_end:
        message = _("¶{paragraph}, sentence {start} – ¶{paragraph_end}, sentence {end}")
    elif place.sentence_start == place.sentence_end:
        message = _("¶{paragraph}, sentence {start}")
    else:
        message = _("¶{paragraph}, sentences {start}–{end}")
    return message.format(
        paragraph=place.paragraph,
        start=place.sentence_start,
        paragraph_end=place.paragraph_end,
        end=place.sentence_end,
    )


def full_source(result: FullSource, source: Source, file: str, mode: Mode) -> Output:
    """The whole source: JSON of its paragraphs, TSV with marked quotes, or a terminal view."""
    if mode is Mode.JSON:
        return to_json(
            {
                "id": result.id,
                "source": source.id,
                "file": file,
                "paragraphs": [
                    {
                        "paragraph": paragraph.number,
                        "text": paragraph.text,
                        "sentences": list(paragraph.sentences),
                        "line_start": paragraph.line_start,
                        "line_end": paragraph.line_end,
                        "quotes": [
                            {"id": mark.id, "start": mark.start, "end": mark.end}
                            for mark in paragraph.quotes
                        ],
                    }
                    for paragraph in result.paragraphs
                ],
            }
        )
    if mode is Mode.PLAIN:
        rows = [
            {"paragraph": paragraph.number, "text": _marked(paragraph, result.id)}
            for paragraph in result.paragraphs
        ]
        return plain.tsv(rows, ["paragraph", "text"])
    from .highlights import full_text

    return full_text(result, source, file)


def _marked(paragraph: SourceParagraph, chosen: str | None) -> str:
    """The paragraph's text with each quote in brackets, its id after it."""
    from ..explore.context import quote_bounds  # `source` has read the source with it

    pieces = []
    for position, closing, opening in quote_bounds(paragraph):
        pieces += [f"{_marks(id, chosen)[1]}[{id}]" for id in closing]
        pieces += [_marks(id, chosen)[0] for id in opening]
        pieces.append(paragraph.text[position : position + 1])
    return "".join(pieces)


def _marks(id: str, chosen: str | None) -> tuple[str, str]:
    return CHOSEN_MARKS if id == chosen else QUOTE_MARKS


# --- graph ---------------------------------------------------------------------------------


def node_label(node: Node, lang: Lang | None) -> str:
    """The node's name in `lang`, or both names."""
    if lang is None:
        return node.label
    return node.name_zh if lang is Lang.zh else node.name


def graph_dot(graph: Graph, lang: Lang | None = None) -> str:
    """Graphviz DOT: an undirected graph, edge width and label from the item count."""
    shapes = {"expert": "box", "theme": "ellipse", "region": "note"}
    lines = [
        "graph jjj {",
        "  layout=neato;",
        "  overlap=false;",
        '  node [fontname="sans-serif"];',
    ]
    for node in graph.nodes:
        lines.append(
            f"  {_dot_id(node.id)} [label={_dot_id(node_label(node, lang))},"
            f" shape={shapes[node.kind]}];"
        )
    for edge in graph.edges:
        lines.append(
            f"  {_dot_id(edge.source)} -- {_dot_id(edge.target)}"
            f' [weight={edge.weight}, penwidth={1 + edge.weight / 4:.2f}, label="{edge.weight}"];'
        )
    lines.append("}")
    return "\n".join(lines)


def _dot_id(text: str) -> str:
    """A double-quoted DOT id: backslashes and quotes escaped, controls made visible."""
    escaped = plain.visible(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def graph_mermaid(graph: Graph, lang: Lang | None = None) -> str:
    """A Mermaid flowchart: node ids made safe, labels quoted, edge labels the item counts."""
    shapes = {"expert": ('["', '"]'), "theme": ('(["', '"])'), "region": ('[/"', '"/]')}
    ids = {node.id: f"n{index}" for index, node in enumerate(graph.nodes)}
    lines = ["flowchart LR"]
    for node in graph.nodes:
        opening, closing = shapes[node.kind]
        label = _mermaid_label(node_label(node, lang))
        lines.append(f"  {ids[node.id]}{opening}{label}{closing}")
    for edge in graph.edges:
        lines.append(f"  {ids[edge.source]} ---|{edge.weight}| {ids[edge.target]}")
    return "\n".join(lines)


def _mermaid_label(text: str) -> str:
    # Mermaid reads entity codes in quoted labels; these characters would end or break them
    replacements = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;", "`": "#96;"}
    return "".join(replacements.get(char, char) for char in plain.visible(text))
