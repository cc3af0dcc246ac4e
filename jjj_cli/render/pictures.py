"""The pictures jjj draws itself, as SVG text: the matrix as a heat map, and the expert–theme–
region network as three columns of labelled nodes joined by curves as wide as their weight.

Each takes the library's result (explore.Matrix, explore.Graph), the catalogue (for names), the
selection the result was made with (which the picture's description states) and a language, and
returns the SVG: the same text for `matrix --format svg`, `graph --format svg` and any page that
embeds them. A reader sees names in the language asked for; ids stand in data- attributes, for
scripts and tests. Sizes are estimated from the labels (svg.text_width), not measured: no font
is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from math import sqrt
from typing import TYPE_CHECKING

from ..catalogue import Catalogue, Expert, Region, Theme
from ..query import Facet, Kind, Selection
from . import svg
from .explore import node_label
from .output import Lang
from .svg import FONT_SIZE, Markup, element, number, text, text_width

if TYPE_CHECKING:
    from ..explore import Graph, Matrix, Node

_MARGIN = 16.0
_PAD = 8.0  # between a label and what it labels, and inside a box around text
_CAPTION_SIZE = 13
_CAPTION_INK = "#404040"  # 10:1 on white
_BOLD = {"font-weight": "bold"}

# What the pictures say, in each language: a facet's word, what the items are called.
_FACET_WORDS = {
    Lang.en: {"expert": "expert", "theme": "theme", "region": "region", "source": "source"},
    Lang.zh: {"expert": "专家", "theme": "主题", "region": "地区", "source": "来源"},
}
# each kind: its English word for one (an s for many), its Chinese noun and the measure word
# that counts it (三条建议, 三个条目)
_KIND_WORDS = {
    Kind.proposal: ("proposal", "建议", "条"),
    Kind.finding: ("finding", "判断", "条"),
    Kind.all: ("item", "条目", "个"),
}
_NOTHING = {Lang.en: "Nothing matches these filters.", Lang.zh: "没有符合筛选条件的条目。"}


def _names(catalogue: Catalogue, lang: Lang) -> dict[str, str]:
    """Every expert's, theme's, region's and source's name in `lang`, by id, in the
    catalogue's order."""
    zh = lang is Lang.zh
    records: tuple[Expert | Theme | Region, ...] = (
        *catalogue.experts,
        *catalogue.themes,
        *catalogue.regions,
    )
    named = {record.id: record.name_zh if zh else record.name for record in records}
    named.update(
        (source.id, source.title if zh else source.title_en) for source in catalogue.sources
    )
    return named


def _counted(count: int, kind: Kind, lang: Lang) -> str:
    """'17 proposals', '1 item', '17 条建议', '17 个条目'."""
    one, noun, measure = _KIND_WORDS[kind]
    if lang is Lang.zh:
        return f"{count} {measure}{noun}"
    return f"{count} {one}{'' if count == 1 else 's'}"


def _filters(catalogue: Catalogue, selection: Selection, lang: Lang) -> str:
    """The facet filters, named in `lang`, in the catalogue's order; '' without any."""
    names = _names(catalogue, lang)
    words = _FACET_WORDS[lang]
    chosen = (
        (Facet.expert, selection.experts),
        (Facet.theme, selection.themes),
        (Facet.region, selection.regions),
        (Facet.source, selection.sources),
    )
    parts = []
    for facet, ids in chosen:
        if not ids:
            continue
        listed = ("、" if lang is Lang.zh else ", ").join(names[id] for id in names if id in ids)
        within = ""
        if facet is Facet.region:
            within = "（含其下各地）" if lang is Lang.zh else " (and the places within)"
        colon = "：" if lang is Lang.zh else ": "
        parts.append(f"{words[facet.value]}{colon}{listed}{within}")
    return ("；" if lang is Lang.zh else "; ").join(parts)


def _said(title: str, filters: str, lang: Lang) -> str:
    """The title and, if any, the filters: the caption over a picture."""
    if not filters:
        return title
    return f"{title}（{filters}）" if lang is Lang.zh else f"{title} ({filters})"


def _caption(content: str) -> Markup:
    baseline = _MARGIN + _CAPTION_SIZE
    attributes: dict[str, svg.Value] = {
        "x": _MARGIN,
        "y": baseline,
        "font-size": _CAPTION_SIZE,
        "fill": _CAPTION_INK,
    }
    return element("text", attributes, text(content))


def _label(content: str, x: float, y: float, anchor: str = "start", **more: svg.Value) -> Markup:
    """A line of black text whose middle is at height `y`."""
    attributes: dict[str, svg.Value] = {
        "x": float(x),
        "y": float(y + FONT_SIZE * 0.35),  # a baseline that centres the letters on y
        "text-anchor": anchor,
        "fill": svg.BLACK,
        **more,
    }
    return element("text", attributes, text(content))


# --- the heat map --------------------------------------------------------------------------

_CELL_HEIGHT = 30.0
_CELL_MIN_WIDTH = 44.0
_GAP = 2.0  # white between cells
_TOTALS_GAP = 8.0  # between the cells and their totals
# Column labels as wide as this stand upright over their columns; wider ones slant at 45°.
_UPRIGHT_MAX = 100.0
_SLANT = sqrt(0.5)  # the sine and the cosine of 45°
# An empty cell: a grey lighter than the scale's lightest, marked with a dash (5.2:1 on it).
_EMPTY_FILL, _EMPTY_MARK, _EMPTY_INK = "#f4f4f4", "–", "#646464"
_SWATCHES = 5  # shades in the legend at most


def heatmap(catalogue: Catalogue, result: Matrix, selection: Selection, lang: Lang) -> str:
    """The matrix as a heat map: a `<rect>` for every row × column pair, shaded by its count
    (its share of the largest), the count written on it, totals along the right and bottom."""
    names = _names(catalogue, lang)
    words = _FACET_WORDS[lang]
    one, noun, measure = _KIND_WORDS[selection.kind]
    many = f"{one}s"
    row_word, col_word = words[result.row_facet.value], words[result.col_facet.value]
    zh = lang is Lang.zh
    title = (
        f"按{row_word}和{col_word}统计的{noun}"
        if zh
        else f"{many.capitalize()} by {row_word} and {col_word}"
    )
    filters = _filters(catalogue, selection, lang)
    description = (
        f"热力图：每个{row_word}与{col_word}的组合共有多少{measure}{noun}，颜色越深越多；"
        f"合计中每{measure}{noun}只计一次。"
        if zh
        else f"A heat map: for every {row_word} and {col_word}, how many {many} have both, "
        f"darker for more; a total counts each {one} once."
    )
    if filters:
        description += f"筛选：{filters}。" if zh else f" Filters: {filters}."
    total_word = "合计" if zh else "total"
    counts = {(cell.row, cell.col): cell.count for cell in result.cells}
    largest = max(counts.values(), default=0)

    # sizes, from the labels
    heads = [*(names[col] for col in result.cols), total_word]
    legend = f"每格{noun}数" if zh else f"{many} in a cell"
    side = [*(names[row] for row in result.rows), total_word, legend]
    label_width = max(text_width(label) for label in side)
    widest_head = max(text_width(head) for head in heads)
    cell_width = max(_CELL_MIN_WIDTH, text_width(str(result.total)) + 2 * _PAD)
    upright = widest_head + _PAD <= max(cell_width, _UPRIGHT_MAX)
    if upright:
        cell_width = max(cell_width, widest_head + _PAD)
    head_height = FONT_SIZE * 1.5 if upright else widest_head * _SLANT + FONT_SIZE
    left = _MARGIN + label_width + _PAD
    top = _MARGIN + _CAPTION_SIZE * 2.5 + head_height
    xs = [left + index * cell_width for index in range(len(result.cols))]
    ys = [top + index * _CELL_HEIGHT for index in range(len(result.rows))]
    total_x = left + len(result.cols) * cell_width + _TOTALS_GAP
    total_y = top + len(result.rows) * _CELL_HEIGHT + _TOTALS_GAP

    body: list[Markup] = [_caption(_said(title, filters, lang))]
    if not result.rows or not result.cols:  # a catalogue without values of a facet
        empty = words[(result.col_facet if result.rows else result.row_facet).value]
        said = f"目录中没有{empty}。" if zh else f"The catalogue has no {empty}s."
        body.append(_label(said, _MARGIN, top))
        width = max(_MARGIN * 2 + text_width(_said(title, filters, lang), _CAPTION_SIZE), 320.0)
        return svg.document(width, top + _CELL_HEIGHT, title, description, body)

    # column labels, upright or slanting up to the right from the middle of their column
    right = total_x + cell_width
    for x, head, col in zip([*xs, total_x], heads, [*result.cols, None]):
        middle, baseline = x + cell_width / 2, top - _PAD
        attributes: dict[str, svg.Value] = {"x": middle, "y": baseline, "fill": svg.BLACK}
        if upright:
            attributes["text-anchor"] = "middle"
        else:
            attributes["transform"] = f"rotate(-45 {number(middle)} {number(baseline)})"
            right = max(right, middle + text_width(head) * _SLANT + FONT_SIZE)
        if col is None:  # the totals' column
            attributes.update(_BOLD)
        else:
            attributes["data-id"] = col
        body.append(element("text", attributes, text(head)))

    for y, row in zip(ys, result.rows):
        body.append(
            _label(names[row], left - _PAD, y + _CELL_HEIGHT / 2, "end", **{"data-id": row})
        )
        for x, col in zip(xs, result.cols):
            count = counts[row, col]
            said = (
                f"{names[row]} × {names[col]}：{_counted(count, selection.kind, lang)}"
                if zh
                else f"{names[row]} × {names[col]}: {_counted(count, selection.kind, lang)}"
            )
            cell: dict[str, svg.Value] = {"data-row": row, "data-col": col, "data-count": count}
            body.append(_swatch(x, y, cell_width, count, largest, cell, said))
        body.append(_total(result.row_totals[row], total_x, y, cell_width, {"data-row": row}))
    body.append(_label(total_word, left - _PAD, total_y + _CELL_HEIGHT / 2, "end", **_BOLD))
    for x, col in zip(xs, result.cols):
        body.append(_total(result.col_totals[col], x, total_y, cell_width, {"data-col": col}))
    body.append(_total(result.total, total_x, total_y, cell_width, {}))

    # the legend: a few shades of the scale, from 1 to the largest count
    legend_y = total_y + _CELL_HEIGHT + _PAD * 2
    body.append(_label(legend, left - _PAD, legend_y + _CELL_HEIGHT / 2, "end"))
    shown = sorted({round(1 + (largest - 1) * step / (_SWATCHES - 1)) for step in range(_SWATCHES)})
    swatches = [0, *shown] if largest else [0]
    for index, count in enumerate(swatches):
        x = left + index * _CELL_MIN_WIDTH
        body.append(_swatch(x, legend_y, _CELL_MIN_WIDTH, count, largest, {}, None))
    right = max(right, left + len(swatches) * _CELL_MIN_WIDTH)  # a narrow table's legend too
    height = legend_y + _CELL_HEIGHT + _MARGIN
    width = max(right, _MARGIN + text_width(_said(title, filters, lang), _CAPTION_SIZE)) + _MARGIN
    return svg.document(width, height, title, description, body)


def _swatch(
    x: float,
    y: float,
    width: float,
    count: int,
    largest: int,
    data: Mapping[str, svg.Value],
    said: str | None,
) -> Markup:
    """A cell at (x, y), shaded by the count's share of the largest, its count on it; an
    empty one grey, with a dash."""
    if not count:
        return _marked(x, y, width, _CELL_HEIGHT, _EMPTY_FILL, _EMPTY_MARK, _EMPTY_INK, data, said)
    fill = svg.shade(count / largest)
    return _marked(x, y, width, _CELL_HEIGHT, fill, str(count), svg.ink(fill), data, said)


def _marked(
    x: float,
    y: float,
    width: float,
    height: float,
    fill: str,
    mark: str,
    ink: str,
    data: Mapping[str, svg.Value],
    said: str | None,
) -> Markup:
    """A box with a mark (a count) in its middle, a white gap around it; `data` and `said`
    (its title) on the box, which a pointer over the mark finds too."""
    box: dict[str, svg.Value] = {
        "x": float(x + _GAP / 2),
        "y": float(y + _GAP / 2),
        "width": float(width - _GAP),
        "height": float(height - _GAP),
        "rx": 2.0,
        "fill": fill,
        **data,
    }
    titled = [element("title", None, text(said))] if said is not None else []
    through = {"pointer-events": "none"}
    on_it = _label(mark, x + width / 2, y + height / 2, "middle", fill=ink, **through)
    return element("g", None, element("rect", box, *titled), on_it)


def _total(count: int, x: float, y: float, width: float, of: dict[str, svg.Value]) -> Markup:
    """A row's, a column's (`of` names it, as its cells do) or the whole table's total."""
    data = {"data-total": count, **of}
    return _label(str(count), x + width / 2, y + _CELL_HEIGHT / 2, "middle", **_BOLD, **data)


# --- the network ---------------------------------------------------------------------------

_KINDS = ("expert", "theme", "region")  # the columns, left to right
_COLUMN_HEADS = {Lang.en: ("Experts", "Themes", "Regions"), Lang.zh: ("专家", "主题", "地区")}
_BY_EXPERT = {Lang.en: "by expert", Lang.zh: "各专家"}
_NODE_HEIGHT = FONT_SIZE * 1.2 + _PAD * 1.25  # a line of text and room around it
_NODE_PITCH = _NODE_HEIGHT + FONT_SIZE * 0.6  # from one node to the next in a column
_NODE_MIN_WIDTH = 64.0
_COLUMN_GAP = 200.0  # room for the curves between two columns
_CHIP_MIN_WIDTH = 28.0
# Each expert's colour (Okabe and Ito's, told apart with any colour vision), then grey for the
# themes' and regions' lines and outlines.
_EXPERT_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")
_GREY = "#767676"
_THEME_FILL = "#f2f2f2"
_WIDEST_LINE = 9.0  # the stroke of the heaviest edge; the lightest is 1 more than nothing


def network(catalogue: Catalogue, graph: Graph, selection: Selection, lang: Lang | None) -> str:
    """The network in three columns, experts, themes and regions, as `graph` gives them (those
    in use). An edge between neighbouring columns is a curve as wide as the items it stands
    for, in the expert's colour; an expert's edge to a region, which would cross the themes,
    is a box in the expert's colour beside the region, its weight written in it."""
    prose = lang or Lang.en  # the words around the names: English, unless Chinese is asked for
    zh = prose is Lang.zh
    one, noun, measure = _KIND_WORDS[selection.kind]
    many = f"{one}s"
    title = (
        f"专家、主题与地区：由{noun}相连" if zh else f"Experts, themes and regions joined by {many}"
    )
    filters = _filters(catalogue, selection, prose)
    columns = [[node for node in graph.nodes if node.kind == kind] for kind in _KINDS]
    counts = [len(column) for column in columns]
    description = (
        f"网络图：左列专家（{counts[0]}）、中列主题（{counts[1]}）、右列地区（{counts[2]}）；"
        f"专家与主题、主题与地区同见于若干{measure}{noun}时以线相连，线越宽{noun}越多；"
        f"地区右侧的色块为各专家涉及该地区的{noun}数，颜色同专家。"
        if zh
        else f"A network: experts on the left ({counts[0]}), themes in the middle ({counts[1]}) "
        f"and regions on the right ({counts[2]}). A line joins an expert and a theme, or a "
        f"theme and a region, that {many} share, wider for more; beside each region, a box in "
        f"an expert's colour gives how many of their {many} concern it."
    )
    if filters:
        description += f"筛选：{filters}。" if zh else f" Filters: {filters}."
    labels = {node.id: node_label(node, lang) for node in graph.nodes}
    said = _said(title, filters, prose)

    # sizes, from the labels
    widths = [
        max([_NODE_MIN_WIDTH, *(text_width(labels[node.id]) + 2 * _PAD for node in column)])
        for column in columns
    ]
    lefts = [_MARGIN]
    for width in widths[:-1]:
        lefts.append(lefts[-1] + width + _COLUMN_GAP)
    experts = [node.id for node in columns[0]]
    regions = {node.id for node in columns[2]}
    # an expert's edges to regions are boxes beside the regions; the rest are curves
    across = [edge for edge in graph.edges if edge.source in experts and edge.target in regions]
    lines = [edge for edge in graph.edges if edge not in across]
    chips_left = lefts[2] + widths[2] + _PAD
    heaviest_chip = max((edge.weight for edge in across), default=0)
    chip_width = max(_CHIP_MIN_WIDTH, text_width(str(heaviest_chip)) + _PAD)
    top = _MARGIN + _CAPTION_SIZE * 2.5 + FONT_SIZE * 1.5
    tallest = max(counts) * _NODE_PITCH
    place: dict[str, tuple[int, float]] = {}  # node id -> its column, the middle of its box
    for index, column in enumerate(columns):
        first = top + (tallest - len(column) * _NODE_PITCH) / 2
        for row, node in enumerate(column):
            place[node.id] = (index, first + row * _NODE_PITCH + _NODE_PITCH / 2)

    body: list[Markup] = [_caption(said)]
    heads = [(left + _PAD, head) for left, head in zip(lefts, _COLUMN_HEADS[prose])]
    if counts[2]:
        heads.append((chips_left, _BY_EXPERT[prose]))
    body += [_label(head, x, top - FONT_SIZE, **_BOLD) for x, head in heads]
    if not graph.nodes:
        body.append(_label(_NOTHING[prose], _MARGIN, top + _NODE_PITCH / 2))

    # an expert's colour by their place in the catalogue: the same in every picture
    colours = {
        expert.id: _EXPERT_COLOURS[index % len(_EXPERT_COLOURS)]
        for index, expert in enumerate(catalogue.experts)
        if expert.id in experts
    }
    separator = "：" if zh else ": "
    heaviest = max((edge.weight for edge in lines), default=0)
    # the heaviest first, under the lighter ones
    for edge in sorted(lines, key=lambda edge: -edge.weight):
        (start, start_y), (end, end_y) = sorted((place[edge.source], place[edge.target]))
        x1, x2 = lefts[start] + widths[start], lefts[end]
        middle = (x1 + x2) / 2
        path = (
            f"M{number(x1)} {number(start_y)} C{number(middle)} {number(start_y)} "
            f"{number(middle)} {number(end_y)} {number(x2)} {number(end_y)}"
        )
        shared = _counted(edge.weight, selection.kind, prose)
        line: dict[str, svg.Value] = {
            "d": path,
            "fill": "none",
            "stroke": colours.get(edge.source, _GREY),
            "stroke-width": float(1 + (_WIDEST_LINE - 1) * edge.weight / heaviest),
            "stroke-opacity": 0.55,
            "data-source": edge.source,
            "data-target": edge.target,
            "data-weight": edge.weight,
        }
        named = f"{labels[edge.source]} – {labels[edge.target]}{separator}{shared}"
        body.append(element("path", line, element("title", None, text(named))))

    for node in graph.nodes:
        index, middle_y = place[node.id]
        body.append(
            _node(node, labels[node.id], lefts[index], middle_y, widths[index], colours, prose)
        )
    for edge in across:
        _, middle_y = place[edge.target]
        x = chips_left + experts.index(edge.source) * chip_width
        shared = _counted(edge.weight, selection.kind, prose)
        named = f"{labels[edge.source]} – {labels[edge.target]}{separator}{shared}"
        data: dict[str, svg.Value] = {
            "data-source": edge.source,
            "data-target": edge.target,
            "data-weight": edge.weight,
        }
        colour = colours[edge.source]
        body.append(_chip(x, middle_y, chip_width, str(edge.weight), colour, data, named))

    legend_y = top + tallest + _PAD * 2
    legend, legend_width, legend_height = _network_legend(
        legend_y, heaviest if lines else 0, colours if across else {}, noun if zh else many, prose
    )
    body += legend
    right = max(lefts[2] + widths[2], legend_width)
    if counts[2]:
        chips_head = chips_left + text_width(_BY_EXPERT[prose])
        right = max(right, chips_left + len(experts) * chip_width, chips_head)
    width = max(right + _MARGIN, _MARGIN * 2 + text_width(said, _CAPTION_SIZE))
    return svg.document(width, legend_y + legend_height + _MARGIN, title, description, body)


def _chip(
    x: float,
    middle_y: float,
    width: float,
    mark: str,
    colour: str,
    data: Mapping[str, svg.Value],
    said: str | None,
) -> Markup:
    """A box in an expert's colour beside a region, its count on it."""
    y = middle_y - _NODE_HEIGHT / 2
    return _marked(x, y, width, _NODE_HEIGHT, colour, mark, svg.ink(colour), data, said)


def _node(
    node: Node,
    label: str,
    x: float,
    middle_y: float,
    width: float,
    colours: Mapping[str, str],
    lang: Lang,
) -> Markup:
    """A node: a box with its label, a title naming it, its id and kind as data."""
    kind = _FACET_WORDS[lang][node.kind]
    named = f"{label}（{kind}，{node.id}）" if lang is Lang.zh else f"{label} ({kind}, {node.id})"
    if node.kind == "expert":
        outline = colours[node.id]
        fill, corner = svg.mix(outline, svg.WHITE, 0.85), 4.0
    else:
        outline = _GREY
        fill = _THEME_FILL if node.kind == "theme" else svg.WHITE
        corner = _NODE_HEIGHT / 2 if node.kind == "theme" else 2.0
    box: dict[str, svg.Value] = {
        "x": float(x),
        "y": float(middle_y - _NODE_HEIGHT / 2),
        "width": float(width),
        "height": _NODE_HEIGHT,
        "rx": corner,
        "fill": fill,
        "stroke": outline,
        "stroke-width": 1.5 if node.kind == "expert" else 1.0,
    }
    return element(
        "g",
        {"data-id": node.id, "data-kind": node.kind},
        element("title", None, text(named)),
        element("rect", box),
        _label(label, x + _PAD, middle_y),
    )


def _network_legend(
    y: float, heaviest: int, colours: Mapping[str, str], items: str, lang: Lang
) -> tuple[list[Markup], float, float]:
    """What the curves and the boxes beside the regions mean: a line for each kind the
    picture holds (curves up to `heaviest`, none if 0; boxes in `colours`, none if empty),
    with the width and height they take."""
    zh = lang is Lang.zh
    curves = (
        f"专家—主题、主题—地区：线宽为共有{items}数（1 至 {heaviest}）"
        if zh
        else f"expert–theme, theme–region: as wide as the {items} they share (1 to {heaviest})"
    )
    chips = (
        f"地区旁的色块：该专家涉及此地区的{items}数，颜色同专家"
        if zh
        else f"beside a region: an expert's {items} on it, in the expert's colour"
    )
    drawn: list[Markup] = []
    said: list[str] = []
    line_y = y + FONT_SIZE / 2
    if heaviest:
        sample = f"M{number(_MARGIN)} {number(line_y)} H{number(_MARGIN + 40)}"
        stroke: dict[str, svg.Value] = {
            "stroke": _GREY,
            "stroke-width": 4.0,
            "stroke-opacity": 0.55,
        }
        drawn.append(element("path", {"d": sample, "fill": "none", **stroke}))
        drawn.append(_label(curves, _MARGIN + 40 + _PAD, line_y, fill=_CAPTION_INK))
        said.append(curves)
        line_y += _NODE_PITCH
    if colours:
        colour = next(iter(colours.values()))
        drawn.append(_chip(_MARGIN + 6, line_y, _CHIP_MIN_WIDTH, "n", colour, {}, None))
        drawn.append(_label(chips, _MARGIN + 40 + _PAD, line_y, fill=_CAPTION_INK))
        said.append(chips)
    width = max((_MARGIN + 40 + _PAD + text_width(line) for line in said), default=0.0)
    return drawn, width, len(said) * _NODE_PITCH
