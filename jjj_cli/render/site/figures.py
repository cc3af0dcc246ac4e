"""The site's pictures: the heat maps and the network jjj draws (render/pictures.py), each
an SVG file in both languages, and the page that shows them. The SVG files are the very
pictures `jjj matrix --format svg` and `jjj graph --format svg` draw with the site's filters,
for a slide or a paper; a page shows them as images, which the content security policy lets
load from the site itself, whatever their own attributes."""

from __future__ import annotations

from ...catalogue import Catalogue
from ...explore import graph, matrix
from ...query import Facet, Selection
from ..output import Lang
from ..pictures import heatmap, network
from .markup import both, page, text

# Each picture: its file's name, its heading in both languages, and what it shows.
HEATMAPS = (
    (Facet.expert, Facet.theme, "Who speaks on what", "谁谈什么"),
    (Facet.region, Facet.theme, "Where, on what", "何地、何题"),
)


def pictures(catalogue: Catalogue, selection: Selection) -> dict[str, str]:
    """Every picture's SVG, by its file's name in the site."""
    drawn = {}
    for rows, cols, _, _ in HEATMAPS:
        counted = matrix(catalogue, rows, cols, selection)
        for lang in Lang:
            name = f"pictures/{rows.value}-{cols.value}.{lang.value}.svg"
            drawn[name] = heatmap(catalogue, counted, selection, lang) + "\n"
    joined = graph(catalogue, selection)
    for lang in Lang:
        drawn[f"pictures/network.{lang.value}.svg"] = (
            network(catalogue, joined, selection, lang) + "\n"
        )
    return drawn


def pictures_page() -> str:
    sections = [
        _figure(f"pictures/{rows.value}-{cols.value}", en, zh) for rows, cols, en, zh in HEATMAPS
    ]
    sections.append(_figure("pictures/network", "Experts, themes and regions", "专家、主题与地区"))
    intro = both(
        "Drawn by jjj from the items of this site; each picture is an SVG file of its own.",
        "由 jjj 根据本站条目绘制；每幅图都是一个单独的 SVG 文件。",
    )
    body = f"<h1>{both('Pictures', '图表')}</h1><p>{intro}</p>{''.join(sections)}"
    return page("", "Pictures · 图表", body)


def _figure(stem: str, en: str, zh: str) -> str:
    images = "".join(
        f'<a class="{lang}" lang="{lang}" href="{stem}.{lang}.svg">'
        f'<img class="{lang}" lang="{lang}" src="{stem}.{lang}.svg" alt="{text(alt)}"></a>'
        for lang, alt in (("en", en), ("zh", zh))
    )
    return (
        f'<figure class="picture">{images}<figcaption>{both(en, zh)} · '
        f"{both('open the SVG file by itself', '单独打开 SVG 文件')}</figcaption></figure>"
    )
